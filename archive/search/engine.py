"""Access to the Whoosh index: one open index per process, a searcher per thread, one writer.

Stock haystack reopens the index and a searcher for every query; here a searcher lives as long
as its thread and is refreshed only when the index has changed. Writes go through
`locked_writer`, which serialises writers across processes with a file lock, so a user never
meets Whoosh's LockError: the writer is only ever taken by the index queue (queue.py) and by
the bulk commands, all outside a request.
"""

import datetime
import fcntl
import logging
import os
import shutil
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from haystack import connections
from whoosh import index as whoosh_index
from whoosh.codec import whoosh3
from whoosh.filedb.filestore import FileStorage

from archive.search.whoosh_backend import SEPARATOR

log = logging.getLogger("archive.search")

# The file in lock_folder() whose flock is the archive's writer lock, across processes.
WRITER_LOCK = "archive-writer.lock"

_lock = threading.Lock()
_local = threading.local()
_state = {"path": None, "index": None, "schema": None, "generation": 0}


def index_path():
    """Folder of the Whoosh (or Xapian) index, from the haystack connection."""
    return Path(connections.connections_info["default"]["PATH"])


def lock_folder():
    """Where the writer lock lives: the index folder, or for a remote engine (Elasticsearch,
    no PATH) a folder of its own under DATA_DIR."""
    path = connections.connections_info["default"].get("PATH")
    if path:
        return Path(path)
    from django.conf import settings

    return Path(settings.DATA_DIR) / "search-writer"


def backend():
    """The haystack backend of the default connection."""
    return connections["default"].get_backend()


def unified_index():
    """Haystack's registry of search indexes."""
    return connections["default"].get_unified_index()


def memo_index():
    """The MemoIndex instance."""
    from archive.models import Memo

    return unified_index().get_index(Memo)


def schema():
    """The Whoosh schema built from MemoIndex (see whoosh_backend.py)."""
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
    _name, built = backend().build_schema(unified_index().all_searchfields())
    return built


def _create(storage, built_schema):
    """Create an empty index under a lock of its own, so two processes cannot race.

    Not the writer lock: a drain holds that while it opens the index for the first time.
    """
    with _file_lock(storage.folder, name="archive-create.lock"):
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


@contextmanager
def _file_lock(folder, blocking=True, name=WRITER_LOCK):
    """An exclusive lock on a file of the index folder; yields False if not blocking and busy."""
    Path(folder).mkdir(parents=True, exist_ok=True)
    fd = os.open(os.path.join(folder, name), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


@contextmanager
def writer_lock(blocking=True):
    """Hold the archive's writer lock (across processes); yields whether it was taken."""
    with _file_lock(lock_folder(), blocking=blocking) as taken:
        yield taken


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
        toc = whoosh_index.TOC.read(storage, ix.indexname)
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


def _cache_missing_length_columns():
    """Make Whoosh remember that a field has no length column.

    whoosh3's per-document reader caches the length column of a field it finds, but asks the
    file system again, for every posting written, about a field that has none (the spelling
    field): about a million `os.path.exists` calls per thousand memos indexed or merged.
    Segments never gain columns once written, so caching the miss is safe.
    """
    reader_class = whoosh3.W3PerDocReader
    if getattr(reader_class, "_archive_caches_misses", False):
        return
    original = reader_class._cached_reader

    def _cached_reader(self, fieldname, column):
        if fieldname in self._readers:
            return self._readers[fieldname]
        reader = original(self, fieldname, column)
        self._readers[fieldname] = reader
        return reader

    reader_class._cached_reader = _cached_reader
    reader_class._archive_caches_misses = True


_cache_missing_length_columns()


class _MappedFile:
    """A read-only file over a memoryview of the mapped segment: read, seek and tell in place."""

    __slots__ = ("_buf", "_pos", "_size")

    def __init__(self, buf):
        self._buf, self._pos, self._size = buf, 0, len(buf)

    def read(self, size=-1):
        start = self._pos
        end = self._size if size is None or size < 0 else min(start + size, self._size)
        self._pos = max(start, end)
        return bytes(self._buf[start:end])

    def readinto(self, target):
        data = self.read(len(target))
        target[: len(data)] = data
        return len(data)

    def readline(self, size=-1):
        start = self._pos
        end = self._size if size is None or size < 0 else min(start + size, self._size)
        stop = start
        while stop < end:  # pickles of the postings only ask for short lines
            chunk = bytes(self._buf[stop : min(stop + 256, end)])
            newline = chunk.find(b"\n")
            if newline >= 0:
                stop += newline + 1
                break
            stop += len(chunk)
        self._pos = stop
        return bytes(self._buf[start:stop])

    def seek(self, position, whence=0):
        base = (0, self._pos, self._size)[whence]
        self._pos = max(0, base + position)
        return self._pos

    def tell(self):
        return self._pos

    def close(self):
        pass


def _map_segments_without_copying():
    """Read mapped index segments in place instead of copying each of their files into memory.

    Whoosh maps a segment file and then opens each file inside it as a BufferFile, whose
    BytesIO copies the whole file (the postings: most of the index) into the process. At
    100,000 memos that made every web worker 1.3 GB larger as it opened a searcher, and read
    the whole index from disk each time. The mapped pages stay in the page cache, shared by
    every worker, and only the parts a search reads are ever loaded.
    """
    from whoosh.filedb import structfile

    buffer_file = structfile.BufferFile
    if getattr(buffer_file, "_archive_maps", False):
        return
    original = buffer_file.__init__

    def __init__(self, buf, name=None, onclose=None):
        original(self, b"" if isinstance(buf, memoryview) else buf, name=name, onclose=onclose)
        if isinstance(buf, memoryview):
            self._buf = buf
            self.file = _MappedFile(buf)

    buffer_file.__init__ = __init__
    buffer_file._archive_maps = True


_map_segments_without_copying()


def identifier(pk):
    """Haystack's document id of a memo."""
    return f"archive.memo.{pk}"


def whoosh_document(memo):
    """The Whoosh fields of one memo, as MemoIndex prepares them."""
    prepared = memo_index().full_prepare(memo)
    doc = {}
    for key, value in prepared.items():
        if value is None or value == "" or value == []:
            continue
        if isinstance(value, datetime.datetime):
            pass
        elif isinstance(value, datetime.date):
            value = datetime.datetime(value.year, value.month, value.day)
        elif isinstance(value, (list, tuple)):
            value = SEPARATOR.join(str(item) for item in value)
        elif isinstance(value, (bool, int, float)):
            pass
        else:
            value = str(value)
        doc[key] = value
    doc.pop("boost", None)
    return doc


def indexed_ids():
    """Ids of the memos the index holds now (deleted documents left out)."""
    from archive.search import engines

    if engines.kind() != "whoosh":
        return engines.current().indexed_ids()
    reader = searcher().reader()
    if reader.doc_count() == 0:
        return set()
    column = reader.column_reader("django_id", translate=True)
    return {int(column[docnum]) for docnum in reader.all_doc_ids()}
