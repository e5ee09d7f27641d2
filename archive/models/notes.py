"""Curator notes anchored to passages of a memo's text."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


class Visibility(models.TextChoices):
    """Who can read a note."""

    PUBLIC = "public", "Public"
    INTERNAL = "internal", "Internal (curators only)"


class NoteQuerySet(models.QuerySet):
    """Named selections of notes."""

    def public(self):
        """Notes anyone may read."""
        return self.filter(visibility=Visibility.PUBLIC)


class Note(models.Model):
    """A curator's note on a passage, anchored by offsets plus the quoted text and its context.

    The quote with some text before and after (W3C Web Annotation's TextQuoteSelector) lets the
    anchor be found again after the text is corrected.
    """

    memo = models.ForeignKey(
        "archive.Memo", on_delete=models.CASCADE, related_name="notes", verbose_name="memo"
    )
    body = models.TextField("note", help_text="Markdown; links and emphasis are kept, HTML is not.")
    visibility = models.CharField(
        "visibility",
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.INTERNAL,
        help_text="Public notes are shown to readers and searchable.",
    )
    start = models.PositiveIntegerField("start", help_text="Offset of the passage in the text.")
    end = models.PositiveIntegerField("end", help_text="Offset just past the passage.")
    quote = models.TextField("passage", help_text="The passage exactly as it stands.")
    prefix = models.CharField("text before", max_length=100, blank=True)
    suffix = models.CharField("text after", max_length=100, blank=True)
    anchored = models.BooleanField(
        "anchored",
        default=True,
        help_text="False when the passage could not be found again after a text change.",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="archive_notes",
        verbose_name="author",
    )
    created_at = models.DateTimeField("created", auto_now_add=True)
    updated_at = models.DateTimeField("updated", auto_now=True)

    objects = NoteQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["memo", "start", "pk"]

    def __str__(self):
        return f"Note on “{self.quote[:40]}”"
