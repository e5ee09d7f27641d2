"""Passages of a memo's text kept from the public (personal data of living people)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from archive.choices import SuppressionLabel


class Suppression(models.Model):
    """A passage of a memo's text masked on every public surface; staff still read the source.

    Anchored like a note (offsets plus the quoted passage and its context), so it follows its
    passage when the text is corrected or re-ingested.
    """

    memo = models.ForeignKey(
        "archive.Memo", on_delete=models.CASCADE, related_name="suppressions", verbose_name="memo"
    )
    start = models.PositiveIntegerField("start", help_text="Offset of the passage in the text.")
    end = models.PositiveIntegerField("end", help_text="Offset just past the passage.")
    quote = models.TextField("passage", help_text="The passage as it stands: staff only.")
    prefix = models.CharField("text before", max_length=100, blank=True)
    suffix = models.CharField("text after", max_length=100, blank=True)
    label = models.CharField(
        "shown as",
        max_length=20,
        choices=SuppressionLabel.choices,
        default=SuppressionLabel.PERSONAL_DATA,
        help_text="What readers are told stands there: “Suppressed: personal data”.",
    )
    reason = models.TextField(
        "reason", help_text="Why the passage is kept from the public, for the record (staff only)."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="by",
    )
    created_at = models.DateTimeField("when", default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        ordering = ["memo", "start", "pk"]
        indexes = [models.Index(fields=["memo", "start"], name="suppression_memo_start")]

    def __str__(self):
        return f"Suppressed at {self.start}–{self.end} ({self.get_label_display()})"

    @property
    def public_label(self):
        """What readers see in its place."""
        return f"Suppressed: {self.get_label_display()}"
