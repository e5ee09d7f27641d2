"""Ingest documents: raw OCR text files (.txt) and described documents (.jsonl), files or folders.

Each document is stored whole or not at all. A bad file or line is reported with its path and
reason and the rest go on; the command exits non-zero if anything failed. Re-running is safe:
a document already in the archive is matched and updated, never duplicated, and an unchanged
one is skipped, so an interrupted run resumes by running it again.
"""

from django.core.management.base import BaseCommand, CommandError

from archive.ingest.records import build_record
from archive.ingest.sources import IngestError, discover, read
from archive.ingest.store import store
from archive.progress import Progress
from archive.search import queue

# Index updates are applied in batches: one Whoosh writer per batch, not one per document.
INDEX_BATCH = 250


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="Files (.txt, .jsonl) or folders of them.")
        parser.add_argument(
            "--publish",
            action="store_true",
            help="Publish what is ingested (otherwise new memos are drafts; existing keep theirs).",
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="Do not draw the progress bar."
        )

    def handle(self, *args, paths, publish, no_progress, verbosity, **options):
        counts = {"created": 0, "updated": 0, "unchanged": 0, "failed": 0}
        sources = list(discover(paths))
        progress = None if no_progress else Progress(self.stderr, total=_count(sources))
        pending_index = 0
        # This command applies index updates itself, in batches, and waits for them.
        with queue.held():
            for path, error in sources:
                items = [error] if error else read(path)
                for item in items:
                    outcome = self._ingest_one(item, publish, verbosity)
                    counts[outcome] += 1
                    if outcome in ("created", "updated"):
                        pending_index += 1
                    if pending_index >= INDEX_BATCH:
                        queue.drain()
                        pending_index = 0
                    if progress:
                        progress.advance(note=getattr(item, "source_file", ""))
            queue.drain()
        if progress:
            progress.finish()
        rate = f" in {progress.rate:,.1f} documents/s" if progress else ""
        self.stdout.write(
            f"Ingested {counts['created']:,} new, {counts['updated']:,} updated, "
            f"{counts['unchanged']:,} unchanged, {counts['failed']:,} failed{rate}."
        )
        if counts["failed"]:
            raise CommandError(
                f"{counts['failed']:,} document(s) could not be ingested (see above)."
            )

    def _ingest_one(self, item, publish, verbosity):
        try:
            if isinstance(item, IngestError):
                raise item
            outcome = store(build_record(item), publish=publish)
        except IngestError as error:
            self.stderr.write(self.style.ERROR(f"FAILED {error}"))
            return "failed"
        if verbosity >= 2:
            self.stdout.write(f"{outcome.action}: {outcome.memo.slug} ({item.source})")
        return outcome.action


def _count(sources):
    """How many documents the sources hold (lines of JSONL files, one per text file)."""
    total = 0
    for path, error in sources:
        if error is None and path.suffix.lower() == ".jsonl":
            try:
                with path.open("rb") as handle:
                    total += sum(1 for line in handle if line.strip())
            except OSError:
                total += 1
        else:
            total += 1
    return total
