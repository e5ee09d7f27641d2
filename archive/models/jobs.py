"""Background jobs: uploads turned into memos (OCR, extraction) outside the web request."""

from django.conf import settings
from django.db import models


class JobStatus(models.TextChoices):
    """Where a job stands."""

    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class Job(models.Model):
    """A file uploaded by a curator, waiting for or done with its processing."""

    status = models.CharField(
        "status", max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED, db_index=True
    )
    upload = models.FileField(
        "file", upload_to="uploads/%Y/%m/", max_length=300, help_text="The file as uploaded."
    )
    original_name = models.CharField("file name", max_length=300, help_text="As uploaded.")
    options = models.JSONField("options", default=dict, blank=True)
    memo = models.ForeignKey(
        "archive.Memo",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="jobs",
        verbose_name="memo",
        help_text="The memo the job made or updated.",
    )
    message = models.TextField("message", blank=True, help_text="Outcome, or why it failed.")
    progress = models.PositiveIntegerField("steps done", default=0)
    total = models.PositiveIntegerField("steps", default=0)
    attempts = models.PositiveIntegerField("attempts", default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="archive_jobs",
        verbose_name="by",
    )
    created_at = models.DateTimeField("queued at", auto_now_add=True)
    started_at = models.DateTimeField("started", null=True, blank=True)
    finished_at = models.DateTimeField("finished", null=True, blank=True)
    heartbeat_at = models.DateTimeField(
        "last sign of life",
        null=True,
        blank=True,
        help_text="Updated as a running job advances; a job silent for long is requeued.",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.original_name} ({self.get_status_display()})"
