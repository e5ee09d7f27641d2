"""What hangs on a memo: its redactions, its old addresses and its workflow history."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from archive.choices import RedactionKind, Status


class Redaction(models.Model):
    """A withheld passage or exemption marker, anchored by its character span in the text."""

    memo = models.ForeignKey(
        "archive.Memo", on_delete=models.CASCADE, related_name="redactions", verbose_name="memo"
    )
    start = models.PositiveIntegerField("start", help_text="Offset of the marker in the text.")
    end = models.PositiveIntegerField("end", help_text="Offset just past the marker.")
    marker = models.CharField(
        "marker as printed", max_length=200, help_text="e.g. “25X1”, “[Redacted]”, “b7C”."
    )
    codes = models.JSONField(
        "exemption codes",
        default=list,
        blank=True,
        help_text="Normalised exemption codes, e.g. 25X1, (b)(6). May be empty.",
    )
    kind = models.CharField(
        "kind", max_length=20, choices=RedactionKind.choices, help_text="What the marker is."
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["memo", "start"]
        indexes = [models.Index(fields=["memo", "start"])]

    def __str__(self):
        return f"{self.marker} at {self.start}"

    def as_dict(self):
        return {"start": self.start, "end": self.end, "marker": self.marker, "codes": self.codes}


class MemoAlias(models.Model):
    """An old address of a memo (after a merge or a renumbering) that redirects to it."""

    slug = models.CharField("old slug", max_length=200, unique=True, help_text="Old address.")
    memo = models.ForeignKey(
        "archive.Memo", on_delete=models.CASCADE, related_name="aliases", verbose_name="memo"
    )
    created_at = models.DateTimeField("created", auto_now_add=True)

    class Meta:
        verbose_name_plural = "memo aliases"

    def __str__(self):
        return f"{self.slug} → {self.memo.slug}"


class StatusChange(models.Model):
    """A step of the publishing workflow: who moved a memo from one status to another, when."""

    memo = models.ForeignKey(
        "archive.Memo", on_delete=models.CASCADE, related_name="status_changes", verbose_name="memo"
    )
    from_status = models.CharField("from", max_length=10, choices=Status.choices, blank=True)
    to_status = models.CharField("to", max_length=10, choices=Status.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="by",
    )
    at = models.DateTimeField("when", default=timezone.now)
    comment = models.TextField("comment", blank=True, help_text="Why, for the record.")

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.memo}: {self.from_status or '—'} → {self.to_status}"
