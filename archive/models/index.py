"""The queue of pending search-index updates."""

from django.db import models


class IndexTask(models.Model):
    """A pending change to the search index, written in the same transaction as the change."""

    memo_id = models.BigIntegerField("memo id", db_index=True)
    created_at = models.DateTimeField("queued", auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"reindex memo {self.memo_id}"
