"""Access to the Whoosh index: one open index per process, a searcher per thread, one writer.

Stock haystack reopens the index and a searcher for every query; here a searcher lives as long
as its thread and is refreshed only when the index has changed. Writes go through
`locked_writer`, taken under the writer lock (documents.writer_lock), so a user never
meets Whoosh's LockError: the writer is only ever taken by the index queue (queue.py) and by
the bulk commands, all outside a request.
"""

import logging
import os
import shutil
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from haystack import connections
from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage

from archive.search.documents import file_lock, identifier, index_path, memo_fields, unified_index

log = logging.getLogger("archive.search")

_lock = threading.Lock()
_local = threading.local()
_state = {"path": None, "index": None, "schema": None, "generation": 0}


def schema():
    """The Whoosh schema built from MemoIndex (see whoosh/backend.py)."""
    return get_index().schema


def get_index():
    """The open Whoosh index of this process (created empty if it does not exist yet)."""
    path = index_path()
    with _lock:
        if _state["path"] != path or _state["index"] is None:
            _state["schema"] = _build_schema()
            path.mkdir(parents=True, exist_ok=True)
            storage = FileStorage(str(path))
            if whoosh_index.exists(storage):
                ix = storage.open_index(schema=_state["schema"])
            else:
                ix = _create(storage, _state["schema"])
            _state.update(path=path, index=ix)
            _state["generation"] += 1
        return _state["index"]


def _build_schema():
    # Building haystack's schema needs the backend; it does not open the index.
    backend = connections["default"].get_backend()
    _name, built = backend.build_schema(unified_index().all_searchfields())
    return built


def _create(storage, built_schema):
    """Create an empty index under a lock of its own, so two processes cannot race.

    Not the writer lock: a drain holds that while it opens the index for the first time.
    """
    with file_lock(storage.folder, name="archive-create.lock"):
        if whoosh_index.exists(storage):
            return storage.open_index(schema=built_schema)
        return storage.create_index(built_schema)


def reset():
    """Forget the open index and searchers (after settings change, or a rebuild)."""
    with _lock:
        _state.update(path=None, index=None, schema=None)
        _state["generation"] += 1
    connections.reload("default")
    searcher = getattr(_local, "searcher", None)
    if searcher is not None:
        searcher.close()
    _local.searcher = None
    _local.generation = None


def searcher():
    """A searcher on the latest committed state of the index, kept for this thread."""
    ix = get_index()
    current = getattr(_local, "searcher", None)
    if current is None or getattr(_local, "generation", None) != _state["generation"]:
        if current is not None:
            current.close()
        current = ix.searcher()
    elif not current.up_to_date():
        # Not Searcher.refresh(): it reuses segment readers by segment id, and a segment that
        # only gained deletions keeps its id, so deleted memos would stay visible.
        current.close()
        current = ix.searcher()
    _local.searcher = current
    _local.generation = _state["generation"]
    return current


def clean_stale_files():
    """Remove what killed writers left in the index folder; returns the names removed.

    A writer killed mid-way leaves its temporary folder (`MAIN.tmp`, with posting runs that
    can reach gigabytes) and segment files no table of contents refers to. Call it holding
    `writer_lock()`; it does nothing while a foreign process holds Whoosh's own lock. (Both
    locks are fcntl locks, which the kernel drops when their process dies: no stale lock
    survives a killed writer.)
    """
    ix = get_index()
    storage = ix.storage
    names = os.listdir(storage.folder)
    # A killed writer always leaves its temporary folder: without one there is nothing to do.
    if not any(name.endswith(".tmp") for name in names):
        return []
    lock = storage.lock(f"{ix.indexname}_WRITELOCK")
    if not lock.acquire(blocking=False):
        return []
    removed = []
    try:
        # With our schema: the one pickled in the table of contents is not read.
        toc = whoosh_index.TOC.read(storage, ix.indexname, schema=_state["schema"])
        live = {segment.segment_id() for segment in toc.segments}
        toc_pattern = whoosh_index.TOC._pattern(ix.indexname)
        segment_pattern = whoosh_index.TOC._segment_pattern(ix.indexname)
        for name in names:
            path = Path(storage.folder) / name
            toc_match = toc_pattern.match(name)
            segment_match = segment_pattern.match(name)
            stale = (
                name.endswith(".tmp")
                or (toc_match and int(toc_match.group(1)) != toc.generation)
                or (segment_match and segment_match.group(1) not in live)
            )
            if not stale:
                continue
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
            removed.append(name)
    finally:
        lock.release()
    if removed:
        log.info("Removed %d stale index file(s): %s", len(removed), ", ".join(sorted(removed)))
    return removed


@contextmanager
def locked_writer(commit_options=None, **writer_options):
    """A Whoosh writer taken under the archive's writer lock; committed on success.

    The caller must already hold `writer_lock()`. Whoosh's own lock can still be held by a
    foreign process (haystack's `rebuild_index`), so the writer waits for it for a while.
    `writer_options` go to `Index.writer()` (procs, multisegment, limitmb), `commit_options`
    to `commit()` (merge=False leaves segments unmerged for a bulk load).
    """
    ix = get_index()
    deadline = time.monotonic() + 120
    while True:
        try:
            writer = ix.writer(**writer_options)
            break
        except whoosh_index.LockError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
    try:
        yield writer
    except BaseException:
        writer.cancel()
        raise
    else:
        writer.commit(**(commit_options or {}))


def write_memos(writer, memo_ids, public):
    """Write these memos with a writer: each of `public` (id -> memo) updated, the rest of
    `memo_ids` deleted (taken off publication, or gone)."""
    for pk in memo_ids:
        memo = public.get(pk)
        if memo is None:
            writer.delete_by_term("id", identifier(pk))
        else:
            writer.update_document(**memo_fields(memo))


def indexed_ids():
    """Ids of the memos the index holds now (deleted documents left out)."""
    reader = searcher().reader()
    if reader.doc_count() == 0:
        return set()
    column = reader.column_reader("django_id", translate=True)
    return {int(column[docnum]) for docnum in reader.all_doc_ids()}
