"""The queue of pending search-index updates."""

from django.db import models


class IndexTask(models.Model):
    """A pending change to the search index, written in the same transaction as the change."""

    memo_id = models.BigIntegerField("memo id", db_index=True)
    created_at = models.DateTimeField("queued", auto_now_add=True)
    unpublished = models.BooleanField(
        "taken off publication",
        default=False,
        help_text="The change took a published memo, or a passage of it, off the public "
        "surfaces (withdrawn, back to draft or review, merged away, deleted, a passage "
        "suppressed): until this task is applied, every search leaves the memo out although "
        "the index still holds it.",
    )

    class Meta:
        ordering = ["pk"]
        indexes = [
            # Every search reads the unpublished tasks: a few rows, usually none, found without
            # walking a queue that a bulk load fills with thousands.
            models.Index(
                fields=["memo_id"],
                condition=models.Q(unpublished=True),
                name="indextask_unpublished",
            ),
        ]

    def __str__(self):
        return f"reindex memo {self.memo_id}"
