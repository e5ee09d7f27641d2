"""Fingerprint stored memos and group the copies of one document (archive/copies.py).

New memos are fingerprinted and grouped as they are ingested or edited; this command does it
for memos stored before, or again for all of them (--all) after the fingerprint or its
threshold changed. Memos are read in pk order, in batches, each batch in one transaction:
an interrupted run resumes where it stopped when started again, since a memo whose
fingerprint is already that of its text and parts is skipped. Progress goes to stderr and a
summary line (memos fingerprinted, groups of copies and their sizes) to stdout.
"""

from collections import Counter

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.template.defaultfilters import pluralize

from archive import copies
from archive.fingerprints import source_key
from archive.management.progress import Progress
from archive.models import Memo

BATCH_SIZE = 200


class Command(BaseCommand):
    """Fingerprint stored memos and group their copies; resumable."""

    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument(
            "--all",
            action="store_true",
            dest="everything",
            help="Group every memo again, not only those whose fingerprint is missing or stale.",
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=BATCH_SIZE,
            help=f"Memos read per transaction (default {BATCH_SIZE}).",
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="Do not draw the progress bar."
        )

    def handle(self, *args, everything, batch_size, no_progress, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        todo = self.pending(everything)
        progress = None if no_progress else Progress(self.stderr, total=len(todo), label="memos")
        done = 0
        for start in range(0, len(todo), batch_size):
            chunk = todo[start : start + batch_size]
            with transaction.atomic():
                memos = list(Memo.objects.filter(pk__in=chunk).order_by("pk"))
                for memo in memos:
                    memo.refresh_fingerprint()
                Memo.objects.bulk_update(memos, ["text_key", "fingerprint"], batch_size=200)
                copies.assign(memos)
            done += len(memos)
            if progress:
                progress.advance(len(memos))
        if progress:
            progress.finish()
        sizes = Counter(
            Counter(
                Memo.objects.exclude(copy_group="").values_list("copy_group", flat=True)
            ).values()
        )
        grouped = {size: n for size, n in sorted(sizes.items()) if size > 1}
        shown = ", ".join(f"{n} of {size}" for size, n in grouped.items()) or "none"
        documents = sum(grouped.values())
        self.stdout.write(
            f"{done} memo{pluralize(done)} fingerprinted; {documents} "
            f"document{pluralize(documents)} with copies (groups: {shown}), "
            f"{sum(size * n for size, n in grouped.items())} memos in them."
        )

    def pending(self, everything):
        """Ids of the memos to fingerprint, in pk order."""
        rows = Memo.objects.order_by("pk").values_list("pk", "text_key", "parts", "fingerprint")
        todo = []
        for pk, key, parts, stored in rows.iterator(chunk_size=2000):
            fresh = stored and stored.partition(":")[0] == source_key(key, parts)
            if everything or not fresh:
                todo.append(pk)
        return todo
