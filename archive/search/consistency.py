"""Database and index agree: compare the ids on both sides and queue what differs."""

from dataclasses import dataclass

from archive.models import Memo
from archive.search import engines, queue


@dataclass
class Report:
    """What a comparison found and did."""

    published: int
    indexed: int
    missing: int
    extra: int

    def __str__(self):
        return (
            f"{self.published:,} published, {self.indexed:,} indexed, "
            f"{self.missing:,} missing, {self.extra:,} extra"
        )


def compare():
    """(published ids, indexed ids)."""
    published = set(Memo.objects.published().values_list("pk", flat=True))
    return published, engines.current().indexed_ids()


def repair():
    """Queue every memo on which database and index disagree, drain, and report."""
    published, indexed = compare()
    missing = published - indexed
    extra = indexed - published
    if missing or extra:
        queue.enqueue(missing | extra, unpublished=extra)  # searches leave the extra out now
    queue.drain()
    return Report(
        published=len(published),
        indexed=len(indexed),
        missing=len(missing),
        extra=len(extra),
    )
