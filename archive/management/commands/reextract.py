"""Run metadata extraction again over stored memos (after the extractor improved).

Every memo by default, or those of a --status, or the memos named by slug. A field a curator
corrected or a reviewer approved, or one the source gave, is kept with its source; the rest,
the document's anatomy, its archival description (the NARA identification form) and where each
field was read are refreshed (archive/ingest/reextract.py).

Each memo is written whole or not at all, and records the version of the extractor that read
it: a run that is interrupted resumes when started again, skipping the memos the current
extractor has already read (--force reads them again). Memos are read in batches and the
search index is brought up to date after each batch. Progress goes to stderr, a summary line
to stdout; the command exits non-zero if any memo could not be re-extracted.
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from django.db.models import Q

from archive.choices import Status
from archive.ingest.provenance import EXTRACTOR_KEY, extractor_version
from archive.ingest.reextract import Conflict, reextract
from archive.management.progress import Progress
from archive.models import Memo
from archive.search import queue

BATCH_SIZE = 200


def pending(memos, version):
    """The memos not yet read by this extractor version (no version recorded counts)."""
    key = f"field_sources__{EXTRACTOR_KEY}__version"
    return memos.filter(~Q(**{key: version}) | Q(**{f"{key}__isnull": True}))


class Command(BaseCommand):
    """Re-extract the metadata of stored memos; curated fields kept; resumable."""

    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("slugs", nargs="*", help="Only these memos (slugs).")
        parser.add_argument(
            "--status",
            action="append",
            choices=Status.values,
            help="Only memos with this status (repeat for several).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Also memos the current extractor has read already.",
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=BATCH_SIZE,
            help=f"Memos read per batch (default {BATCH_SIZE}).",
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="Do not draw the progress bar."
        )

    def handle(self, *args, slugs, status, force, batch_size, no_progress, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        self.verbosity = options["verbosity"]
        version = extractor_version()
        memos = Memo.objects.order_by("pk")
        if slugs:
            memos = memos.filter(slug__in=slugs)
            missing = sorted(set(slugs) - set(memos.values_list("slug", flat=True)))
            if missing:
                raise CommandError(f"No memo with slug: {', '.join(missing)}")
        if status:
            memos = memos.filter(status__in=status)
        selected = memos.count()
        todo = memos if force else pending(memos, version)
        total = todo.count()
        counts = {"changed": 0, "unchanged": 0, "failed": 0}
        progress = None if no_progress else Progress(self.stderr, total=total, label="memos")
        started = time.monotonic()
        after = 0
        try:
            with queue.held():
                while True:
                    batch = list(todo.filter(pk__gt=after)[:batch_size])
                    if not batch:
                        break
                    for memo in batch:
                        self._one(memo, counts)
                        if progress:
                            progress.advance(note=memo.slug)
                    after = batch[-1].pk
                    queue.drain()
        except KeyboardInterrupt:
            self.stdout.write(self._summary(counts, selected - total, version, started))
            raise CommandError(
                "Interrupted. What was re-extracted is kept; run the same command again to resume."
            ) from None
        if progress:
            progress.finish()
        self.stdout.write(self._summary(counts, selected - total, version, started))
        if counts["failed"]:
            raise CommandError(f"{counts['failed']:,} memo(s) could not be re-extracted (above).")

    def _one(self, memo, counts):
        try:
            changed = reextract(memo)
        except (Conflict, DatabaseError) as error:
            counts["failed"] += 1
            self.stderr.write(self.style.ERROR(f"FAILED {memo.slug}: {error}"))
            return
        counts["changed" if changed else "unchanged"] += 1
        if changed and self.verbosity >= 2:
            self.stdout.write(f"{memo.slug}: {', '.join(changed)}")

    @staticmethod
    def _summary(counts, skipped, version, started):
        elapsed = time.monotonic() - started
        done = counts["changed"] + counts["unchanged"] + counts["failed"]
        rate = f" in {elapsed:,.1f} s ({done / elapsed:,.1f} memos/s)" if elapsed > 0 else ""
        return (
            f"Re-extracted {done:,} memo(s) with extractor {version}: {counts['changed']:,} "
            f"changed, {counts['unchanged']:,} unchanged, {counts['failed']:,} failed; "
            f"{skipped:,} already read by this extractor skipped{rate}."
        )
