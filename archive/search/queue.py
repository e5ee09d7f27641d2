"""The one path by which the search index changes: a queue of memo ids in the database.

A change to a memo writes an IndexTask in the same transaction, so an update can be late but
never lost. After the commit, the queue is drained by whichever process can take the writer
lock; a process that cannot take it leaves its tasks to the holder, which loops until the
queue is empty. The index then always converges to the database: a memo in the index is a
published memo, with its current fields.

Until then the index may still hold a memo that has just left publication (withdrawn, sent
back to draft, merged away, deleted) while some process applies a long queue ahead of it: its
task is marked `unpublished`, and every search leaves the memos of such tasks out
(`unpublished_ids()`, read by service.py for each search) until the task is applied.
"""

import logging
import threading
from contextlib import contextmanager

from django.conf import settings
from django.db import close_old_connections, transaction
from django.dispatch import Signal

from archive.search import documents, engines

log = logging.getLogger("archive.search")

_collecting = threading.local()

BATCH_SIZE = 500

# Sent once a transaction that queued memos has committed (memo_ids: the set queued): what
# else depends on memos (the entity counts) learns of every change by the same path.
memos_changed = Signal()


def enqueue(memo_ids, unpublished=()):
    """Queue memos for reindexing, in the caller's transaction; drain after it commits.

    `unpublished`: those of them that this change took off publication, which searches leave
    out from the commit on, whatever the index still holds (see unpublished_ids()).
    """
    from archive.models import IndexTask

    ids = {int(pk) for pk in memo_ids if pk is not None}
    hidden = {int(pk) for pk in unpublished if pk is not None}
    ids |= hidden
    pending = getattr(_collecting, "ids", None)
    if pending is not None:
        pending.update(ids)
        _collecting.unpublished.update(hidden)
        return
    if not ids:
        return
    IndexTask.objects.bulk_create(
        [IndexTask(memo_id=pk, unpublished=pk in hidden) for pk in sorted(ids)]
    )
    transaction.on_commit(lambda: memos_changed.send(enqueue, memo_ids=ids), robust=True)
    transaction.on_commit(kick, robust=True)


@contextmanager
def collecting():
    """Within this block (inside a transaction), queue each touched memo once, at the end.

    An ingest rewrites a memo and dozens of redactions; one task per memo is enough.
    """
    if getattr(_collecting, "ids", None) is not None:
        yield
        return
    _collecting.ids, _collecting.unpublished = set(), set()
    try:
        yield
        ids, hidden = _collecting.ids, _collecting.unpublished
    finally:
        _collecting.ids = _collecting.unpublished = None
    enqueue(ids, unpublished=hidden)


def unpublished_tasks():
    """Memo ids of the queued tasks marked unpublished (read by their partial index)."""
    from archive.models import IndexTask

    return IndexTask.objects.filter(unpublished=True).order_by().values_list("memo_id", flat=True)


def unpublished_ids():
    """Ids of the memos that left publication by a change whose index task is still queued:
    the index may still hold them, and no search may show them (a frozenset, usually empty).

    Read before the index is opened: a task is deleted only once the index has committed its
    change, so whichever state of the index a search then opens, these memos are out of it or
    left out by the caller. One query on a partial index of the few tasks so marked (a bulk
    load's thousands of tasks are not among them); a memo published again since is shown. A
    published memo whose latest task is marked had a passage suppressed: the index may still
    hold its words, so it is left out too until the task is applied.
    """
    from archive.models import IndexTask, Memo

    ids = set(unpublished_tasks())
    if not ids:
        return frozenset()
    published = set(Memo.objects.published().filter(pk__in=ids).values_list("pk", flat=True))
    if published:
        # A published memo is left out while its latest task is a marked one (a passage of it
        # was just suppressed); one published again since has a later, unmarked task.
        latest = {}
        tasks = IndexTask.objects.filter(memo_id__in=published).order_by("pk")
        for memo_id, marked in tasks.values_list("memo_id", "unpublished"):
            latest[memo_id] = marked
        ids -= {pk for pk in published if not latest.get(pk)}
    return frozenset(ids)


@contextmanager
def held():
    """Within this block, commits do not start index updates: the caller drains them itself."""
    previous = getattr(_collecting, "held", False)
    _collecting.held = True
    try:
        yield
    finally:
        _collecting.held = previous


def kick():
    """Apply queued updates as ARCHIVE_INDEX_MODE says; never raises to the caller."""
    if getattr(_collecting, "held", False):
        return
    mode = settings.ARCHIVE_INDEX_MODE
    if mode == "inline":
        try:
            drain(blocking=False)
        except Exception:
            log.exception("Index update failed; the tasks stay queued")
    elif mode == "thread":
        _worker().wake()


def drain(blocking=True, progress=None):
    """Apply every queued update; return how many memos were written or removed.

    With blocking=False, return at once (0) when another process holds the writer lock:
    that process will see our tasks before it lets go. A Progress, if given, advances with
    each batch written.
    """
    done = 0
    while True:
        with documents.writer_lock(blocking=blocking) as taken:
            if not taken:
                return done
            engines.current().clean_stale_files()  # what a killed writer left, if anything
            done += _drain_locked(progress)
        # A task committed while we held the lock, whose own drain found the lock busy,
        # is ours to apply: look again after letting go.
        if not _pending():
            return done
        blocking = False


def _pending():
    from archive.models import IndexTask

    return IndexTask.objects.exists()


def _drain_locked(progress=None):
    from archive.models import IndexTask

    done = 0
    while True:
        tasks = list(IndexTask.objects.order_by("pk").values_list("pk", "memo_id")[:BATCH_SIZE])
        if not tasks:
            return done
        memo_ids = sorted({memo_id for _pk, memo_id in tasks})
        apply(memo_ids)
        IndexTask.objects.filter(pk__in=[pk for pk, _memo_id in tasks]).delete()
        done += len(memo_ids)
        if progress:
            progress.advance(len(memo_ids))


def apply(memo_ids, **writer_options):
    """Write the current state of these memos to the index (caller holds the writer lock)."""
    index = documents.memo_index()
    public = {memo.pk: memo for memo in index.index_queryset().filter(pk__in=memo_ids)}
    engines.current().write(memo_ids, public, **writer_options)
    return len(memo_ids)


class BulkDrain:
    """A bulk load's index writer that applies each batch with `drain()` (the engines that
    write fast enough from one process; Whoosh has its own, whoosh/bulk.py); a context manager
    with the same surface: feed() after each batch, everything applied on a clean exit."""

    def __init__(self):
        self.applied = 0

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            self.finish()
        return False

    def feed(self, final=False):
        """Apply every update queued so far (waiting for the writer lock if final)."""
        self.applied += drain(blocking=final)

    def finish(self):
        """Apply everything still queued, until the queue is empty."""
        self.feed(final=True)
        while _pending():
            self.feed(final=True)


class _Worker:
    """A daemon thread of this process that drains the queue when woken."""

    def __init__(self):
        self.event = threading.Event()
        self.thread = threading.Thread(target=self.run, name="archive-index", daemon=True)
        self.thread.start()

    def wake(self):
        self.event.set()

    def run(self):
        while True:
            self.event.wait()
            self.event.clear()
            try:
                drain(blocking=True)
            except Exception:
                log.exception("Index update failed; the tasks stay queued")
            finally:
                close_old_connections()


_worker_lock = threading.Lock()
_worker_instance = None


def _worker():
    global _worker_instance
    with _worker_lock:
        if _worker_instance is None or not _worker_instance.thread.is_alive():
            _worker_instance = _Worker()
        return _worker_instance
