"""The bodies of records memos belong to: collections, and the releases of one document."""

from django.db import models


class CollectionManager(models.Manager):
    """Collections found by name whatever its case."""

    def named(self, name):
        """The collection of this name, compared without case ("Documents concerning Bosnia"
        and "documents concerning Bosnia" are one), made if there is none."""
        found = self.filter(name__iexact=name).order_by("pk").first()
        return found if found is not None else self.create(name=name)


class Collection(models.Model):
    """A named body of records a memo came from (e.g. a presidential library's release)."""

    name = models.CharField(
        "name", max_length=300, unique=True, help_text="Name of the collection as cited."
    )
    description = models.TextField("description", blank=True, help_text="Shown to researchers.")

    objects = CollectionManager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class ReleaseGroup(models.Model):
    """One document released more than once (e.g. in 1998 and again in 2012, less redacted)."""

    label = models.CharField(
        "label", max_length=300, help_text="What the releases are of, for curators."
    )
    note = models.TextField("note", blank=True, help_text="How the releases differ, if known.")

    class Meta:
        ordering = ["label"]

    def __str__(self):
        return self.label
