"""Columns kept on disk beside the index, so a new worker does not read them from it again.

Reading the columns of a large index is the slowest thing a worker does (at a million memos
~17 s on Whoosh, ~10 s on Xapian), and gunicorn starts workers again and again (max_requests).
A Whoosh segment never changes, so its columns are saved once, under its segment id; a Xapian
database's are saved with the revision they were read at, and brought up to date from there
by the revision stamps. Facet values are saved as their text: each process numbers them in its
own vocabulary. A file that cannot be used (missing, truncated, of another version or index) is
passed over, and the columns are read from the index as before.
"""

import contextlib
import json
import logging
import os
import threading
import time
import zipfile

import numpy as np

from archive.search.columns import IDS, vocabulary
from archive.search.params import FACETS

log = logging.getLogger("archive.search")

VERSION = 1
SUFFIX = ".columns.npz"
_unwritable = set()  # folders a save failed in (warned about once)


def save(path, meta, arrays, single, multi):
    """Write columns to `path` (atomically): plain arrays, and facets' value ids as text.

    `single` maps a facet to a value id per row (-1: none); `multi` maps a facet to its
    (rows, value ids) pairs. Returns False (and logs) if the file could not be written.
    """
    payload = {f"array.{name}": array for name, array in arrays.items()}
    for name, column in single.items():
        values, local = _local(name, column)
        payload[f"single.{name}"], payload[f"values.single.{name}"] = local, values
    for name, (rows, ids) in multi.items():
        values, local = _local(name, ids)
        payload[f"rows.{name}"], payload[f"multi.{name}"] = rows, local
        payload[f"values.multi.{name}"] = values
    payload["meta"] = _text({**meta, "version": VERSION})
    temporary = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(temporary, "wb") as handle:
            np.savez(handle, **payload)
        os.replace(temporary, path)
        return True
    except OSError:
        if path.parent not in _unwritable:  # once per folder: a read-only index says it once
            _unwritable.add(path.parent)
            log.warning("Could not keep the index's columns in %s", path, exc_info=True)
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        return False


def load(path, **expected):
    """(meta, arrays, single, multi) saved in `path`, with facet values numbered in this
    process; None if there is no such file, or it is unreadable, of another version, or its
    meta differs from `expected`."""
    try:
        with np.load(path, allow_pickle=False) as saved:
            meta = json.loads(bytes(saved["meta"]))
            if meta.get("version") != VERSION or any(
                meta.get(key) != value for key, value in expected.items()
            ):
                return None
            arrays, single, multi = {}, {}, {}
            for key in saved.files:
                kind, _dot, name = key.partition(".")
                if kind == "array":
                    arrays[name] = saved[key]
                elif kind == "single":
                    single[name] = _global(name, saved[f"values.single.{name}"], saved[key])
                elif kind == "multi":
                    ids = _global(name, saved[f"values.multi.{name}"], saved[key])
                    multi[name] = (saved[f"rows.{name}"].astype(IDS), ids)
            return meta, arrays, single, multi
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, IndexError, zipfile.BadZipFile):
        log.warning("Passed over unreadable index columns in %s", path, exc_info=True)
        return None


def facets():
    """The facets saved columns must have (columns saved before a facet was added lack it)."""
    return [facet.name for facet in FACETS]


def prune(folder, keep, older_than=600):
    """Remove saved segment columns not named in `keep` (segment ids), unless newer than
    `older_than` seconds (another process may have just saved a segment of a newer index)."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    limit = time.time() - older_than
    for entry in entries:
        name = entry.name
        segment = name.removesuffix(SUFFIX) if name.endswith(SUFFIX) else None
        if (segment is not None and segment not in keep) or name.endswith(".tmp"):
            try:
                if entry.stat().st_mtime < limit:
                    os.unlink(entry.path)
            except OSError:
                continue


def _local(name, ids):
    """(the facet's values as UTF-8 JSON bytes, the ids renumbered 0.. into that list)."""
    ids = np.asarray(ids)
    used = np.unique(ids[ids >= 0])
    vocab = vocabulary(name)
    local = np.full(len(ids), -1, dtype=IDS)
    present = ids >= 0
    local[present] = np.searchsorted(used, ids[present])
    return _text([vocab.values[int(i)] for i in used]), local


def _global(name, values, local):
    """Local ids mapped to this process's ids for the saved values (-1 stays -1)."""
    vocab = vocabulary(name)
    ids = np.array([vocab.id(value) for value in json.loads(bytes(values))] + [-1], dtype=IDS)
    return ids[local]  # -1 indexes the appended -1


def _text(value):
    return np.frombuffer(json.dumps(value).encode(), dtype=np.uint8)
