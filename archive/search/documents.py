"""What the index holds for a memo, on every engine, and the lock every engine writes under.

A memo is one document, identified as haystack does ("archive.memo.<pk>"), with the fields
MemoIndex prepares (archive/search_indexes.py). Writes of any engine are serialised across
processes by one file lock, `writer_lock()`: the index queue (queue.py) and the bulk commands
take it, all outside a request.
"""

import datetime
import fcntl
import os
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from haystack import connections

from archive.search.analysis import SEPARATOR

# The file in lock_folder() whose flock is the archive's writer lock, across processes.
WRITER_LOCK = "archive-writer.lock"


def index_path():
    """Folder of the Whoosh (or Xapian) index, from the haystack connection."""
    return Path(connections.connections_info["default"]["PATH"])


def lock_folder():
    """Where the writer lock lives: the index folder, or for a remote engine (Elasticsearch,
    no PATH) a folder of its own under DATA_DIR."""
    path = connections.connections_info["default"].get("PATH")
    if path:
        return Path(path)
    return Path(settings.DATA_DIR) / "search-writer"


@contextmanager
def file_lock(folder, blocking=True, name=WRITER_LOCK):
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
    with file_lock(lock_folder(), blocking=blocking) as taken:
        yield taken


def unified_index():
    """Haystack's registry of search indexes."""
    return connections["default"].get_unified_index()


def memo_index():
    """The MemoIndex instance."""
    from archive.models import Memo

    return unified_index().get_index(Memo)


def identifier(pk):
    """Haystack's document id of a memo."""
    return f"archive.memo.{pk}"


def memo_fields(memo):
    """The indexed fields of one memo, as MemoIndex prepares them, in flat values: dates as
    datetimes, a multi-valued field's values joined by SEPARATOR."""
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
