"""People, places and organisations named in memos, and where each is mentioned."""

from django.db import models
from django.db.models import Exists, OuterRef
from django.urls import reverse

from archive.choices import Status
from archive.models.suppressions import Suppression


class EntityKind(models.TextChoices):
    """What an entity is."""

    PERSON = "person", "Person"
    PLACE = "place", "Place"
    ORGANIZATION = "organization", "Organisation"


class Entity(models.Model):
    """A person, place or organisation; merged duplicates point at the one that survives."""

    name = models.CharField("name", max_length=200, help_text="Preferred name.")
    kind = models.CharField("kind", max_length=20, choices=EntityKind.choices)
    slug = models.SlugField("slug", max_length=220, unique=True, help_text="Address of its page.")
    aliases = models.JSONField(
        "other names", default=list, blank=True, help_text="Spellings that also mean it."
    )
    description = models.TextField("description", blank=True, help_text="Shown on its page.")
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged",
        verbose_name="merged into",
        help_text="Set when this entity was a duplicate of another.",
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "entities"
        # Ingest looks a found name up by kind and name (entities/linking.py), thousands a run.
        indexes = [models.Index(fields=["kind", "name"], name="entity_kind_name")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("archive:entity", kwargs={"slug": self.slug})


class MentionQuerySet(models.QuerySet):
    """Named selections of mentions."""

    def public(self):
        """Mentions the public may see: in published memos, outside every suppressed passage."""
        hidden = Suppression.objects.filter(
            memo=OuterRef("memo"), start__lt=OuterRef("end"), end__gt=OuterRef("start")
        )
        return self.filter(memo__status=Status.PUBLISHED).exclude(Exists(hidden))


class Mention(models.Model):
    """Where an entity is named in a memo's text."""

    memo = models.ForeignKey(
        "archive.Memo", on_delete=models.CASCADE, related_name="mentions", verbose_name="memo"
    )
    entity = models.ForeignKey(
        Entity, on_delete=models.CASCADE, related_name="mentions", verbose_name="entity"
    )
    start = models.PositiveIntegerField("start", help_text="Offset in the memo text.")
    end = models.PositiveIntegerField("end", help_text="Offset just past the name.")
    text = models.CharField("as written", max_length=200, help_text="The name as it stands.")
    curated = models.BooleanField(
        "curated", default=False, help_text="Added or confirmed by a curator; kept on re-runs."
    )

    objects = MentionQuerySet.as_manager()

    class Meta:
        ordering = ["memo", "start"]
        indexes = [models.Index(fields=["memo", "start"])]

    def __str__(self):
        return f"{self.text} ({self.entity}) at {self.start}"


class MentionRejection(models.Model):
    """A link a curator removed as wrong: extraction never makes it again in that memo."""

    memo = models.ForeignKey(
        "archive.Memo", on_delete=models.CASCADE, related_name="rejections", verbose_name="memo"
    )
    entity = models.ForeignKey(
        Entity, on_delete=models.CASCADE, related_name="rejections", verbose_name="entity"
    )
    text = models.CharField("as written", max_length=200, help_text="The name as it stood.")
    created_at = models.DateTimeField("rejected at", auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["memo", "entity", "text"], name="unique_rejection")
        ]

    def __str__(self):
        return f"{self.text} is not {self.entity}"
