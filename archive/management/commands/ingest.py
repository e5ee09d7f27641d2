"""Ingest documents: raw OCR text files (.txt) and described documents (.jsonl), files or folders.

Scans (.pdf, .png, .jpg, .jpeg, .tif, .tiff) are read with Tesseract into one memo per file,
with its page images. A JSONL file written by `manage.py export` restores its memos exactly.

Each document is stored whole or not at all. A bad file or line is reported with its path and
reason and the rest go on; the command exits non-zero if anything failed. Re-running is safe:
a document already in the archive is matched and updated, never duplicated, and an unchanged
one is skipped, so an interrupted run resumes by running it again. A document stored before
under another release date is stored as another release beside it, and said so.

Large loads go fast: documents are stored in batches (new ones in bulk, one transaction per
batch), a document stored by an earlier run from the same input is skipped without being
extracted again, and the search index is written by one parallel writer over many batches
while the next batches are stored (on Whoosh: archive/search/whoosh/bulk.py).
"""

import itertools
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from archive.curation import workflow
from archive.ingest.bulk import Linking, already_done, fingerprint, store_batch
from archive.ingest.documents import IngestError
from archive.ingest.identity import describe_release
from archive.ingest.records import build_record
from archive.ingest.sources import discover, read
from archive.management.progress import Progress
from archive.search import engines, queue

# Documents read, extracted and stored per database transaction.
BATCH_SIZE = 500
# Tables a load fills; PostgreSQL's statistics of them are refreshed as they grow.
LOADED_TABLES = (
    "archive_memo", "archive_historicalmemo", "archive_redaction", "archive_mention",
    "archive_entity", "archive_indextask", "archive_collection",
)  # fmt: skip


class Command(BaseCommand):
    """Ingest text, JSONL and scanned documents from files or folders."""

    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument(
            "paths", nargs="+", help="Files (.txt, .jsonl, .pdf, .png, .jpg, .tif) or folders."
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help="Publish what is ingested (otherwise new memos are drafts; existing keep theirs).",
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="Do not draw the progress bar."
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=BATCH_SIZE,
            help=f"Documents stored per database transaction (default {BATCH_SIZE}).",
        )
        parser.add_argument(
            "--optimize",
            action="store_true",
            help="Merge the search index into one segment at the end (searches get somewhat "
            "faster; on Whoosh it takes about three times the load, hours on a large index).",
        )

    def handle(self, *args, paths, publish, no_progress, batch_size, optimize, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        self.verbosity = options["verbosity"]
        self.counts = {"created": 0, "updated": 0, "unchanged": 0, "failed": 0}
        self.releases = 0  # new memos that are another release of a stored document
        self.linking = Linking()
        sources = list(discover(paths))
        total = _count(sources)
        self.progress = None if no_progress else Progress(self.stderr, total=total)
        started = time.monotonic()
        items = itertools.chain.from_iterable(
            [error] if error else read(path) for path, error in sources
        )
        try:
            # This command applies index updates itself: commits start no drain. Its history
            # entries say what made them ("manage.py ingest memos.jsonl").
            reason = "manage.py ingest " + " ".join(Path(p).name for p in paths)[:200]
            indexer = engines.current().bulk_writer(expected=total, optimize=optimize)
            with workflow.because(reason), queue.held(), indexer:
                for number in itertools.count(1):
                    batch = list(itertools.islice(items, batch_size))
                    if not batch:
                        break
                    self._ingest_batch(batch, publish)
                    if number & (number - 1) == 0:  # after batches 1, 2, 4, 8, ...
                        _refresh_statistics()
                    indexer.feed()
        except KeyboardInterrupt:
            self.stdout.write(self._summary(started))
            raise CommandError(
                "Interrupted. What was stored is kept; run the same command again to resume."
            ) from None
        if self.progress:
            self.progress.finish()
        self.stdout.write(self._summary(started))
        if self.counts["failed"]:
            raise CommandError(
                f"{self.counts['failed']:,} document(s) could not be ingested (see above)."
            )

    def _summary(self, started):
        counts = self.counts
        done = sum(counts.values())
        elapsed = time.monotonic() - started
        rate = f" in {elapsed:,.1f} s ({done / elapsed:,.1f} documents/s)" if elapsed > 0 else ""
        summary = (
            f"Ingested {counts['created']:,} new, {counts['updated']:,} updated, "
            f"{counts['unchanged']:,} unchanged, {counts['failed']:,} failed{rate}."
        )
        if self.releases:
            summary += (
                f" {self.releases:,} of the new are other releases of documents already "
                "stored (listed above)."
            )
        return summary

    def _ingest_batch(self, batch, publish):
        """Read, extract and store one batch; documents stored before are skipped unread."""
        fingerprints = [fingerprint(item) if hasattr(item, "text") else "" for item in batch]
        done = already_done(fingerprints, publish)
        pending = []
        for item, fp in zip(batch, fingerprints, strict=True):
            if isinstance(item, IngestError):
                self._failed(item)
            elif fp in done:
                self._report("unchanged", done[fp], item)
            else:
                try:
                    pending.append((item, build_record(item), fp))
                except IngestError as error:
                    self._failed(error)
        results = store_batch(
            [(record, fp) for _item, record, fp in pending], publish, self.linking
        )
        for (item, _record, _fp), result in zip(pending, results, strict=True):
            if isinstance(result, IngestError):
                self._failed(result)
            else:
                self._report(result.action, result.memo.slug, item, result.how)
                if result.action == "created" and result.other_releases:
                    self._another_release(result, item)
        if self.progress:
            self.progress.advance(len(batch), note=getattr(batch[-1], "source_file", ""))

    def _failed(self, error):
        self.counts["failed"] += 1
        self.stderr.write(self.style.ERROR(f"FAILED {error}"))

    def _report(self, action, slug, item, how=""):
        self.counts[action] += 1
        if self.verbosity >= 2:
            matched = f", matched by {how}" if how and action != "created" else ""
            self.stdout.write(f"{action}: {slug} ({item.source}{matched})")

    def _another_release(self, outcome, item):
        """Say that a document already stored was stored again as another release, and which."""
        self.releases += 1
        memo = outcome.memo
        before = ", ".join(
            f"{other.slug} ({describe_release(other)})" for other in outcome.other_releases
        )
        self.stdout.write(
            self.style.WARNING(
                f"Another release: {item.source} is stored as {memo.slug} "
                f"({describe_release(memo)}), a new release of the document stored as {before} "
                f"(matched by {outcome.how}); the releases are linked, and those stored before "
                "are left as they were."
            )
        )


def _refresh_statistics():
    """ANALYZE the tables a load fills, on PostgreSQL.

    Its planner would otherwise go on believing them nearly empty (autovacuum comes by a
    minute later at best) and join the memos and their mentions by walking every row.
    """
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE " + ", ".join(LOADED_TABLES))


def _count(sources):
    """How many documents the sources hold (lines of JSONL files, one per text file)."""
    total = 0
    for path, error in sources:
        if error is None and path.suffix.lower() == ".jsonl":
            try:
                with path.open("rb") as handle:
                    total += _filled_lines(handle)
            except OSError:
                total += 1
        else:
            total += 1
    return total


def _filled_lines(handle):
    """Lines of a binary file that are not blank, read in pieces (a line may be huge)."""
    total, filled = 0, False
    for chunk in iter(lambda: handle.read(1024 * 1024), b""):
        pieces = chunk.split(b"\n")
        for piece in pieces[:-1]:
            total += filled or bool(piece.strip())
            filled = False
        filled = filled or bool(pieces[-1].strip())
    return total + filled
