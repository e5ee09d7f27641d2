"""Applying the index queue during a bulk ingest: one parallel writer over many batches.

The ingest command stores documents in database batches; after each batch it calls
`BulkIndexer.feed()`, which takes the queued index tasks (the same IndexTask queue every other
change goes through: web edits made meanwhile are applied too) into one open Whoosh writer.
The writer is Whoosh's multiprocessing writer: the documents go to `procs` worker processes
that analyse and write them while this process goes on with the next database batch, so
extraction, the database and indexing share the machine's cores. Each worker writes its own
segment (`multisegment`), so a commit merges nothing; writers grow (2,000 documents, then
twice as many each time, up to ARCHIVE_INDEX_WRITER_DOCS) so that a large load ends in a
handful of segments. Tasks are deleted only after the writer that applied them has committed:
an interrupted run leaves them queued, and the next run (or any drain) applies them.
"""

import ctypes
import logging
import os
import signal
import threading
import time
from contextlib import ExitStack

from django.conf import settings
from whoosh.index import LockError
from whoosh.multiproc import MpWriter, SubWriterTask
from whoosh.writing import MERGE_SMALL, NO_MERGE

from archive.search import documents
from archive.search.whoosh import index

log = logging.getLogger("archive.search")

# Tasks read per query while feeding the writer.
FEED_CHUNK = 500
FIRST_WRITER_DOCS = 2000
# Documents per job file handed to a worker.
JOB_DOCS = 100


def _die_with_parent(parent):
    """Ask Linux to kill this worker if the ingest process dies (kill -9 included)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return  # not Linux: a killed ingest may leave a worker waiting; harmless
    if os.getppid() != parent:
        os._exit(1)  # the parent died before we asked


class _WorkerTask(SubWriterTask):
    """Whoosh's indexing worker process, which dies with the process that started it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.daemon = True
        self.parent_pid = os.getpid()

    def run(self):
        _die_with_parent(self.parent_pid)
        super().run()


class ParallelWriter(MpWriter):
    """Whoosh's multiprocessing writer with workers that never outlive it."""

    def _new_task(self):
        task = _WorkerTask(
            self.storage,
            self.indexname,
            self.jobqueue,
            self.resultqueue,
            self.subargs,
            self.multisegment,
        )
        self.tasks.append(task)
        task.start()
        return task

    def _commit_toc(self, segments):
        # A worker that got no job (another took them all, or there were fewer jobs than
        # workers) still writes a segment, with no document in it: it is left out of the table
        # of contents, and Whoosh's clean-up that follows deletes its file.
        super()._commit_toc([segment for segment in segments if segment.doc_count_all()])

    def cancel(self):
        # MpWriter.cancel() only flags its workers in this process; they would wait forever.
        for task in self.tasks:
            task.terminate()
        for task in self.tasks:
            task.join(10)
        self.tasks = []
        super().cancel()


def writer_settings():
    """(procs, limitmb, largest writer, parallel from) for bulk loads, from the settings."""
    procs = getattr(settings, "ARCHIVE_INDEX_PROCS", None) or os.cpu_count() or 1
    limitmb = getattr(settings, "ARCHIVE_INDEX_LIMITMB", 512)
    largest = getattr(settings, "ARCHIVE_INDEX_WRITER_DOCS", 32_000)
    parallel_from = getattr(settings, "ARCHIVE_INDEX_PARALLEL_FROM", 1000)
    return (
        max(1, int(procs)),
        max(32, int(limitmb)),
        max(FIRST_WRITER_DOCS, int(largest)),
        int(parallel_from),
    )


class _Commit(threading.Thread):
    """A writer's commit, run in a thread; what it applied and the lock it holds go with it."""

    def __init__(self, writer, lock, task_ids, memo_ids):
        super().__init__(name="archive-index-commit", daemon=True)
        self.writer, self.lock = writer, lock
        self.task_ids, self.memo_ids = task_ids, memo_ids
        self.error = None

    def run(self):
        try:
            self.writer.commit(mergetype=NO_MERGE)
        except BaseException as error:  # handed to the thread that settles the commit
            self.error = error


class BulkIndexer:
    """Applies queued index updates during a bulk load; a context manager.

    `expected` is how many documents the load may bring (parallel workers are only started
    for a large load). Leaving the block without an error applies every queued update (and
    waits for the writer lock if another process holds it); leaving it with an error cancels
    the open writer, leaving its tasks queued.
    """

    def __init__(self, expected=0, optimize=False):
        self.procs, self.limitmb, self.largest, parallel_from = writer_settings()
        self.parallel = expected >= parallel_from
        self.optimize = optimize
        self.writer = None
        self.lock = None
        self.committing = None  # a writer being committed in the background
        self.limit = FIRST_WRITER_DOCS
        self.applied = 0
        self.writers = 0
        self._reset()

    def _reset(self):
        self.task_ids = []
        self.memo_ids = set()
        self.last_pk = 0
        self.docs = 0

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            self.finish()
        else:
            self._cancel()
        return False

    # -- the writer and its lock ------------------------------------------------------------

    def _open(self, blocking=False):
        """Take the writer lock and open a writer; False if another process holds the lock."""
        lock = ExitStack()
        if not lock.enter_context(documents.writer_lock(blocking=blocking)):
            lock.close()
            return False
        self.lock = lock
        try:
            index.clean_stale_files()
            self.writer = self._new_writer(index.get_index())
        except BaseException:
            self._release()
            raise
        self.writers += 1
        return True

    def _new_writer(self, ix):
        # Whoosh's own lock can be held by a foreign process (haystack's rebuild_index).
        deadline = time.monotonic() + 120
        while True:
            try:
                if not self.parallel:
                    return ix.writer(limitmb=self.limitmb)
                return ParallelWriter(
                    ix,
                    procs=self.procs,
                    batchsize=JOB_DOCS,
                    multisegment=True,
                    limitmb=self.limitmb,
                )
            except LockError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)

    def _release(self):
        lock, self.lock = self.lock, None
        if lock is not None:
            lock.close()

    def _commit(self, final=False):
        """Commit the open writer, then drop the tasks it applied and let the lock go."""
        writer, self.writer = self.writer, None
        done = _Commit(writer, self.lock, self.task_ids, self.memo_ids)
        self.lock = None
        self._reset()
        try:
            if final and not done.memo_ids:
                writer.cancel()  # nothing to write: no new generation for the searchers
            else:
                # At the end, Whoosh's usual merge of small segments (a full merge would cost
                # as much as the load itself); in between, nothing is merged.
                writer.commit(mergetype=MERGE_SMALL if final else NO_MERGE)
        except BaseException:
            done.lock.close()
            raise
        self._settled(done)
        if final and self.optimize:
            # Worker segments are never merged by their own writer: merge everything now.
            with documents.writer_lock(), index.locked_writer(commit_options={"optimize": True}):
                pass
            self.optimize = False

    def _commit_in_background(self):
        """Commit the full writer in a thread: this process goes on storing the next batches.

        The commit is mostly waiting for the workers to write their segments; the thread
        touches no database (the tasks are deleted by `_settle()`, in the caller's thread).
        """
        writer, self.writer = self.writer, None
        self.committing = _Commit(writer, self.lock, self.task_ids, self.memo_ids)
        self.lock = None
        self._reset()
        self.committing.start()
        if self.limit < self.largest:
            self.limit = min(self.largest, self.limit * 2)

    def _settle(self):
        """Wait for the background commit, if any, and finish it."""
        done, self.committing = self.committing, None
        if done is not None:
            done.join()
            self._settled(done)

    def _settled(self, done):
        """After a commit: its tasks are applied, so they go; so does its lock."""
        from archive.models import IndexTask

        try:
            if done.error is not None:
                raise done.error
            for start in range(0, len(done.task_ids), FEED_CHUNK):
                chunk = done.task_ids[start : start + FEED_CHUNK]
                IndexTask.objects.filter(pk__in=chunk).delete()
            self.applied += len(done.memo_ids)
        finally:
            done.lock.close()

    def _cancel(self):
        writer, self.writer = self.writer, None
        try:
            if self.committing is not None:
                self._settle()  # let a commit under way finish: its work is kept
        finally:
            try:
                if writer is not None:
                    writer.cancel()
            finally:
                self._reset()
                self._release()

    # -- feeding ----------------------------------------------------------------------------

    def feed(self, final=False):
        """Apply every update queued so far; commit when the writer is full (or if final)."""
        while True:
            if self.writer is None:
                if self.committing is not None:
                    if not final and self.committing.is_alive():
                        return  # the tasks wait for the next writer, once this one is in
                    self._settle()
                if not self._open(blocking=final):
                    return  # another process holds the writer: it applies our tasks too
            if self._feed_open_writer():
                # Full, or a memo changed twice: the next writer goes on.
                self._commit_in_background()
                continue
            if final:
                self._commit(final=True)
            return

    def _feed_open_writer(self):
        """Add queued tasks to the open writer; True if some are left for the next writer."""
        from archive.models import IndexTask

        while self.docs < self.limit:
            tasks = list(
                IndexTask.objects.filter(pk__gt=self.last_pk)
                .order_by("pk")
                .values_list("pk", "memo_id")[: min(FEED_CHUNK, self.limit - self.docs)]
            )
            if not tasks:
                return False
            batch, repeated = [], False
            for pk, memo_id in tasks:
                if memo_id in self.memo_ids:
                    # Changed again since this writer applied it: a writer cannot replace
                    # its own uncommitted document, so the next writer applies it.
                    repeated = True
                    break
                batch.append((pk, memo_id))
            if batch:
                self._apply(batch)
            if repeated:
                return True
        return True

    def _apply(self, batch):
        memo_ids = sorted({memo_id for _pk, memo_id in batch})
        memo_index = documents.memo_index()
        public = {memo.pk: memo for memo in memo_index.index_queryset().filter(pk__in=memo_ids)}
        index.write_memos(self.writer, memo_ids, public)
        self.task_ids.extend(pk for pk, _memo_id in batch)
        self.memo_ids.update(memo_ids)
        self.last_pk = batch[-1][0]
        self.docs += len(memo_ids)

    def finish(self):
        """Apply everything still queued (waiting for the lock if need be) and commit."""
        from archive.models import IndexTask

        self.feed(final=True)
        # Tasks committed by other processes while we held the lock, or left by a writer we
        # could not take: drain until the queue is empty.
        while IndexTask.objects.exists():
            self.feed(final=True)
