"""Patches of Whoosh, applied as the app starts (WhooshSearch.start(), from engines.start()
in archive/apps.py) when SEARCH_URL names Whoosh.

Two are about speed and memory only: what Whoosh reads and writes stays the same. The third
lets Whoosh read the schema an index pickled before this package existed.
"""

import sys

from whoosh.codec import whoosh3
from whoosh.filedb import structfile

from archive.search.whoosh import backend


def apply():
    """Patch Whoosh (idempotent)."""
    _cache_missing_length_columns()
    _map_segments_without_copying()
    _read_schemas_pickled_before_the_move()


def _read_schemas_pickled_before_the_move():
    """Let an index written before the Whoosh modules moved into this package be opened.

    An index's table of contents holds its schema pickled, ValuesTokenizer by the module path
    it had then, archive.search.whoosh_backend. Whoosh unpickles it wherever an index is
    opened without a schema: the parallel writer's worker processes (bulk.py) do. The next
    commit rewrites it under the new path; until every index has had one, the old path names
    the module the class lives in now.
    """
    sys.modules.setdefault("archive.search.whoosh_backend", backend)


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
