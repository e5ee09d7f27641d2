"""A Xapian database's columns (columns.Tables), one row per document id, kept per revision.

Xapian's Python bindings read values one at a time (about a microsecond each: a second for
the eleven slots of 100,000 memos), so a worker reads the columns whole once, and after a
commit only the documents written since: each document carries the revision that wrote it
(xapian/query.py, REVISION_SLOT), found with one value-range query. Deleted documents show as a
live count that no longer adds up; the live documents are then listed again (one match-all
pass). A database written before the revision slot existed is read whole at each new revision.
The columns of a stamped database are saved beside it (column_cache) after a whole read and
after many documents were read again, so a worker started later loads them and reads only the
documents written since.

matched() lists the documents a query matches, for the facet counts: one unweighted pass and
an array of document ids (tens of milliseconds for 100,000 matches).
"""

import datetime
import threading
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import xapian

from archive.search import column_cache
from archive.search.analysis import SEPARATOR
from archive.search.columns import IDS, Tables, vocabulary
from archive.search.params import FACETS
from archive.search.xapian.query import (
    DATE_SLOT,
    FACET_SLOTS,
    ID_SLOT,
    PUBLISHED_SLOT,
    REVISION_SLOT,
)

_EPOCH_ORDINAL = datetime.date(1970, 1, 1).toordinal()
# Columns are saved once this many documents (or a twentieth of the database) were read since.
SAVE_AFTER = 10_000
_lock = threading.Lock()
_building = threading.Lock()
_kept = {}  # database path -> _Kept


@dataclass
class _Kept:
    """Tables read from one database (by uuid) at one revision."""

    uuid: str
    revision: int
    stamped: bool  # the database had revision stamps when read
    tables: Tables
    unsaved: int = 0  # documents read again since the columns were saved (stamped only)


def stamp(revision):
    """The value a document written in `revision` carries in REVISION_SLOT."""
    return xapian.sortable_serialise(revision)


def matched(db, query):
    """Ids of the documents a query matches, ascending."""
    enquire = xapian.Enquire(db)
    enquire.set_query(query)
    enquire.set_weighting_scheme(xapian.BoolWeight())
    enquire.set_docid_order(xapian.Enquire.ASCENDING)
    mset = enquire.get_mset(0, max(db.get_doccount(), 1))
    get = mset.get_docid
    return np.fromiter((get(i) for i in range(mset.size())), dtype=np.int64, count=mset.size())


def tables(db, path):
    """The Tables of `db` (the database at `path`), read or brought up to its revision."""
    key = str(path)
    try:
        revision, uuid = db.get_revision(), db.get_uuid()
    except xapian.UnimplementedError:
        return _read_all(db)  # the in-memory stand-in for a database not written yet
    with _lock:
        kept = _kept.get(key)
    if kept is not None and kept.uuid == uuid and kept.revision >= revision:
        return kept.tables  # (a newer revision, read by another thread, is kept as it is)
    with _building:  # one thread reads them; another asking meanwhile waits and shares them
        with _lock:
            kept = _kept.get(key)
        if kept is not None and kept.uuid == uuid and kept.revision >= revision:
            return kept.tables
        if kept is None or kept.uuid != uuid:
            kept = _saved(path, uuid, revision)
            if kept is not None and kept.revision == revision:
                with _lock:
                    _kept[key] = kept
                return kept.tables
        stamped = bool(db.get_value_freq(REVISION_SLOT))
        if kept is not None and kept.uuid == uuid and kept.stamped:
            built, changed = _update(db, kept)
            unsaved = kept.unsaved + changed
        else:
            built = _read_all(db, uuid, stamped)
            unsaved = built.size
        now = _Kept(uuid, db.get_revision(), stamped, built, unsaved)
        if stamped and now.unsaved >= max(SAVE_AFTER, built.size // 20):
            now = _save(path, now)
        with _lock:  # (at the revision the reader has moved on to, if commits came meanwhile)
            _kept[key] = now
    return built


def _cache_path(path):
    return Path(path) / f"archive{column_cache.SUFFIX}"


def _saved(path, uuid, revision):
    """The kept tables saved beside the database (of this uuid, at most this revision)."""
    found = column_cache.load(_cache_path(path), uuid=_text(uuid), facets=column_cache.facets())
    if found is None:
        return None
    meta, arrays, single, multi = found
    size = len(arrays["live"])
    if meta["revision"] > revision or any(len(a) != size for a in arrays.values()):
        return None
    tables = Tables(size=size, **arrays, single=single, multi=multi)
    return _Kept(uuid, meta["revision"], True, tables)


def _text(uuid):
    return uuid.decode() if isinstance(uuid, bytes) else str(uuid)


def _save(path, kept):
    """Save the kept tables beside the database; the same tables, marked saved if they were."""
    tables = kept.tables
    meta = {"uuid": _text(kept.uuid), "revision": kept.revision, "facets": column_cache.facets()}
    arrays = {name: getattr(tables, name) for name in ("live", "django_id", "date", "published")}
    if column_cache.save(_cache_path(path), meta, arrays, tables.single, tables.multi):
        return replace(kept, unsaved=0)
    return kept


def forget(path=None):
    """Drop the kept tables (of one database, or all): the next search reads them again."""
    with _lock:
        if path is None:
            _kept.clear()
        else:
            _kept.pop(str(path), None)


def _empty(size):
    return Tables(
        size=size,
        live=np.zeros(size, dtype=bool),
        django_id=np.full(size, -1, dtype=np.int64),
        date=np.full(size, -1, dtype=np.int64),
        published=np.full(size, -1, dtype=np.int64),
        single={f.name: np.full(size, -1, dtype=IDS) for f in FACETS if not f.multi},
        multi={f.name: (np.zeros(0, IDS), np.zeros(0, IDS)) for f in FACETS if f.multi},
    )


def _stream(db, slot, limit):
    """(document ids, values) of one value slot, for the documents below `limit` having one.

    If commits overwrite the revision being read (DatabaseModifiedError), the reader moves on
    to the latest one and goes on after the last document read.
    """
    docids, values = [], []
    for _attempt in range(100):
        try:
            _values(db, slot, docids[-1] if docids else 0, limit, docids, values)
            return np.array(docids, dtype=np.int64), values
        except xapian.DatabaseModifiedError:
            db.reopen()
    raise xapian.DatabaseModifiedError(f"value slot {slot} kept changing while read")


def _values(db, slot, after, limit, docids, values):
    # The bindings' own iterator, without the wrapper's object per value (3x faster).
    it = xapian._xapian.Database_valuestream_begin(db, slot)
    end = xapian._xapian.Database_valuestream_end(db, slot)
    if after:
        it.skip_to(after + 1)
    at_end, step, docid, value = it.equals, it.__next__, it.get_docid, it.get_value
    add_id, add_value = docids.append, values.append
    while not at_end(end):
        found = docid()
        if found >= limit:
            return
        raw = value()
        add_id(found)
        add_value(raw)
        step()


def _read_all(db, uuid=None, stamped=False):
    """Every document's columns (a slot at a time: only one slot's values are held at once).

    Commits made meanwhile (a read at a million memos spans several during a bulk load) leave
    some slots read at one revision and some at a later one: the documents they wrote are then
    read again by their revision stamps, or, in a database without stamps, everything is.
    """
    for _attempt in range(3):
        started = _revision(db)
        tables = _empty(db.get_lastdocid() + 1)
        for slot in _SLOTS:
            _fill(tables, slot, *_stream(db, slot, tables.size))
        if _revision(db) == started:
            return tables
        if stamped:
            return _update(db, _Kept(uuid, started, True, tables))[0]
    return tables  # (unstamped, and still changing: read again at its next revision)


def _revision(db):
    try:
        return db.get_revision()
    except xapian.UnimplementedError:  # the in-memory stand-in for a database not written yet
        return 0


def _update(db, kept):
    """(The kept tables with the documents written since their revision read again, how many
    documents were read)."""
    old = kept.tables
    size = db.get_lastdocid() + 1
    if size < old.size:  # renumbered (compacted): read anew
        return _read_all(db, kept.uuid, kept.stamped), size
    since = xapian.Query(xapian.Query.OP_VALUE_GE, REVISION_SLOT, stamp(kept.revision + 1))
    changed = matched(db, since)
    tables = _grown(old, size, changed)
    documents = [(int(docid), db.get_document(int(docid))) for docid in changed]
    for slot in _SLOTS:
        found = [(docid, value) for docid, doc in documents if (value := doc.get_value(slot))]
        docids = np.array([docid for docid, _value in found], dtype=np.int64)
        _fill(tables, slot, docids, [value for _docid, value in found])
    if int(np.count_nonzero(tables.live)) != db.get_doccount():
        # Documents were deleted: list the live ones again.
        tables.live[:] = False
        tables.live[matched(db, xapian.Query.MatchAll)] = True
    return tables, len(changed)


def _grown(old, size, changed):
    """A copy of `old` with `size` rows, the rows of `changed` emptied."""

    def widen(column, fill=-1):
        out = np.full(size, fill, dtype=column.dtype)
        out[: len(column)] = column
        out[changed] = fill
        return out

    multi = {}
    for name, (docs, vals) in old.multi.items():
        keep = ~np.isin(docs, changed)
        multi[name] = (docs[keep], vals[keep])
    return replace(
        old,
        size=size,
        live=widen(old.live, False),
        django_id=widen(old.django_id),
        date=widen(old.date),
        published=widen(old.published),
        single={name: widen(column) for name, column in old.single.items()},
        multi=multi,
    )


_SLOTS = (ID_SLOT, DATE_SLOT, PUBLISHED_SLOT, *FACET_SLOTS.values())
_FACET_OF_SLOT = {FACET_SLOTS[facet.name]: facet for facet in FACETS}


def _fill(tables, slot, docids, values):
    """Write one slot's values (of these documents, in order) into the tables."""
    if not len(docids):
        return
    if slot == ID_SLOT:
        tables.live[docids] = True
        tables.django_id[docids] = [int(xapian.sortable_unserialise(v)) for v in values]
    elif slot == DATE_SLOT:
        tables.date[docids] = _ordinals(np.array([int(v) for v in values], dtype=np.int64))
    elif slot == PUBLISHED_SLOT:
        tables.published[docids] = [_microseconds(v) for v in values]
    else:
        facet = _FACET_OF_SLOT[slot]
        vocab = vocabulary(facet.name)
        if facet.multi:
            # A value holds a memo's set of values; distinct sets are far fewer than memos.
            sets = {}
            for raw in values:
                if raw not in sets:
                    parts = raw.decode("utf-8", "replace").split(SEPARATOR)
                    sets[raw] = np.array([vocab.id(p) for p in parts if p], dtype=IDS)
            found = [sets[raw] for raw in values]
            docs, vals = tables.multi[facet.name]
            lengths = np.fromiter(map(len, found), dtype=np.int64, count=len(found))
            tables.multi[facet.name] = (
                np.concatenate([docs, np.repeat(docids, lengths).astype(IDS)]),
                np.concatenate([vals, *found]),
            )
        else:
            ids = {raw: vocab.id(raw.decode("utf-8", "replace")) for raw in set(values)}
            tables.single[facet.name][docids] = [ids[raw] for raw in values]


def _ordinals(numbers):
    """Proleptic day numbers (date.toordinal()) of dates written as YYYYMMDD numbers."""
    years, months, days = numbers // 10_000, numbers // 100 % 100, numbers % 100
    month = (years - 1970).astype("datetime64[Y]").astype("datetime64[M]") + (months - 1)
    return (month.astype("datetime64[D]") + (days - 1)).astype(np.int64) + _EPOCH_ORDINAL


def _microseconds(raw):
    moment = datetime.datetime.fromisoformat(raw.decode())
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.UTC)
    return int(moment.timestamp() * 1_000_000)
