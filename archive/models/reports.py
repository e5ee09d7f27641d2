"""Errors readers report on a published memo, and what curators made of them."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class ReportStatus(models.TextChoices):
    """Where a reader's report stands: open until a curator accepts or dismisses it."""

    OPEN = "open", "Open"
    ACCEPTED = "accepted", "Accepted"
    DISMISSED = "dismissed", "Dismissed"


class ReportedPart(models.TextChoices):
    """Which part of a memo a reader says is wrong."""

    TEXT = "text", "A passage of the text"
    TITLE = "title", "Title"
    DATE = "date", "Date"
    PARTIES = "parties", "From or to"
    ORIGIN = "origin", "Agency or office"
    NUMBER = "number", "Document number or identifiers"
    CLASSIFICATION = "classification", "Classification or markings"
    REDACTIONS = "redactions", "Redactions or exemption codes"
    NAMES = "names", "Names linked in the text"
    OTHER = "other", "Something else"


class ReaderReportQuerySet(models.QuerySet):
    """Named selections of readers' reports."""

    def open(self):
        """Reports no curator has dealt with yet."""
        return self.filter(status=ReportStatus.OPEN)


class ReaderReport(models.Model):
    """An error a reader reported on a memo (no account needed), for a curator to weigh."""

    memo = models.ForeignKey(
        "archive.Memo",
        on_delete=models.CASCADE,
        related_name="reader_reports",
        verbose_name="memo",
    )
    part = models.CharField(
        "what is wrong",
        max_length=20,
        choices=ReportedPart.choices,
        default=ReportedPart.TEXT,
        help_text="The field or part of the memo the reader names.",
    )
    passage = models.TextField(
        "field or passage",
        blank=True,
        help_text="The words or the value the reader quotes, as they typed it.",
    )
    problem = models.TextField("the reader's report", help_text="What the reader says is wrong.")
    email = models.EmailField(
        "reader's email",
        blank=True,
        help_text="Given by the reader to be told the outcome; never shown publicly.",
    )
    version = models.PositiveIntegerField(
        "version read",
        null=True,
        blank=True,
        help_text="The memo's history version the reader was reading (its history id).",
    )
    status = models.CharField(
        "status",
        max_length=10,
        choices=ReportStatus.choices,
        default=ReportStatus.OPEN,
        db_index=True,
        help_text="Open until a curator accepts (and corrects the memo) or dismisses it.",
    )
    curator_comment = models.TextField(
        "curator's comment", blank=True, help_text="What was done about it, for the record."
    )
    created_at = models.DateTimeField("reported", default=timezone.now, db_index=True)
    resolved_at = models.DateTimeField("resolved", null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="resolved by",
    )

    objects = ReaderReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "reader's report"
        verbose_name_plural = "readers' reports"
        indexes = [models.Index(fields=["memo", "status"], name="report_memo_status")]

    def __str__(self):
        return f"{self.get_part_display()} on {self.memo}: {self.problem[:50]}"
