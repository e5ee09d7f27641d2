"""Compare the database with the search index, repair the drift, and report the counts.

Drift is a published memo missing from the index, an indexed memo that is not published (or
no longer exists), or an indexed memo whose stored fields (title, date, agency, codes, ...)
differ from the database. Each is queued through the index queue, the one path by which the
index changes, and the queue is drained. --dry-run reports without repairing; --all reindexes
every published memo. Progress is drawn on stderr; an interrupted run leaves what it had not
written in the queue, and a plain `reconcile` applies it first (so it resumes an interrupted
--all too); --queued applies it and stops there (comparing every memo with its document takes
about a minute and 0.6 GB per 100,000 memos on Xapian).
"""

import datetime

from django.core.management.base import BaseCommand, CommandError

from archive.management.progress import Progress
from archive.models import IndexTask, Memo
from archive.search import documents, engines, queue
from archive.search.analysis import SEPARATOR

BATCH = 1000
SKIPPED = {"id", "django_ct", "django_id"}


class Command(BaseCommand):
    """Compare database and search index, repair drift, report counts."""

    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Report the drift, change nothing."
        )
        parser.add_argument(
            "--all", action="store_true", help="Reindex every published memo, drift or not."
        )
        parser.add_argument(
            "--queued",
            action="store_true",
            help="Apply the queued updates (an interrupted run's) and stop: compare nothing.",
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="Do not draw the progress bar."
        )

    def handle(self, *args, dry_run, all, queued, verbosity, no_progress, **options):
        def progress(total, label):
            return None if no_progress else Progress(self.stderr, total=total, label=label)

        if queued and (dry_run or all):
            raise CommandError("--queued applies the queue only: not with --dry-run or --all.")
        pending = IndexTask.objects.count()
        if pending and not dry_run:
            # Updates already queued (an interrupted run's too) are applied first: not drift.
            self._drain(progress(pending, "queued updates"))
        if queued:
            indexed = len(engines.current().indexed_ids())
            self.stdout.write(
                f"Applied {pending:,} queued updates; index now "
                f"{indexed:,} documents (not compared with the database)."
            )
            return
        published = set(Memo.objects.published().values_list("pk", flat=True))
        stored = indexed_documents()
        missing = published - stored.keys()
        extra = stored.keys() - published
        stale = stale_ids(stored, published & stored.keys())
        todo = published if all else missing | extra | stale
        self.stdout.write(
            f"Database: {len(published):,} published; index: {len(stored):,} documents; "
            f"{len(missing):,} missing, {len(extra):,} extra, {len(stale):,} out of date"
            f"{f', {pending:,} queued updates applied first' if pending and not dry_run else ''}."
        )
        if verbosity >= 2:
            for label, ids in (("missing", missing), ("extra", extra), ("out of date", stale)):
                if ids:
                    self.stdout.write(f"  {label}: {', '.join(map(str, sorted(ids)[:50]))}")
        if dry_run:
            self.stdout.write("Dry run: nothing repaired.")
            return
        if todo:
            ordered = sorted(todo)
            with queue.held():  # written below, with progress, not as each batch is queued
                for start in range(0, len(ordered), BATCH):
                    chunk = ordered[start : start + BATCH]
                    # Indexed but not published: out of every search from now on.
                    queue.enqueue(chunk, unpublished=extra.intersection(chunk))
            self._drain(progress(len(todo), "memos"))
        published_now = set(Memo.objects.published().values_list("pk", flat=True))
        indexed_now = engines.current().indexed_ids()
        left = len(published_now ^ indexed_now)
        self.stdout.write(
            f"Repaired {len(todo):,} memo(s): {len(missing):,} added, {len(extra):,} removed, "
            f"{len(stale) if not all else len(todo):,} refreshed; "
            f"index now {len(indexed_now):,} documents, {left:,} differing."
        )

    def _drain(self, progress):
        queue.drain(progress=progress)
        if progress:
            progress.finish()


def indexed_documents():
    """{memo id: stored fields} of every document in the index."""
    return engines.current().stored_documents()


def expected_fields(memo, index):
    """The stored fields the index should hold for a memo (all but the unstored full text)."""
    doc = {}
    for name, field in index.fields.items():
        if field.document:
            continue
        value = field.prepare(memo)
        method = getattr(index, f"prepare_{name}", None)
        if method is not None:
            value = method(memo)
        doc[field.index_fieldname] = value
    for field in index.fields.values():
        # A facet field copies its source field, as haystack's full_prepare does.
        source = getattr(field, "facet_for", None)
        if source and doc.get(field.index_fieldname) is None:
            doc[field.index_fieldname] = doc.get(index.fields[source].index_fieldname)
    return as_stored(doc)


def as_stored(prepared):
    """Prepared values as Whoosh stores them (the conversion of documents.memo_fields)."""
    doc = {}
    for key, value in prepared.items():
        if value is None or value == "" or value == []:
            continue
        if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
            value = datetime.datetime(value.year, value.month, value.day)
        elif isinstance(value, (list, tuple)):
            value = SEPARATOR.join(str(item) for item in value)
        elif not isinstance(value, (bool, int, float, datetime.datetime)):
            value = str(value)
        doc[key] = value
    return doc


def stale_ids(stored, ids):
    """Ids among `ids` whose indexed fields differ from the database's."""
    index = documents.memo_index()
    stale = set()
    ids = sorted(ids)
    for start in range(0, len(ids), BATCH):
        for memo in index.index_queryset().filter(pk__in=ids[start : start + BATCH]):
            have = {k: v for k, v in stored[memo.pk].items() if k not in SKIPPED}
            if have != expected_fields(memo, index):
                stale.add(memo.pk)
    return stale
