"""A Whoosh index's columns (columns.Tables), and its postings and field lengths as arrays.

A Whoosh segment never changes once written (only deletions are added), so each segment's
columns are read once, from the postings of each facet value, and cached by segment id; the
columns of a searcher join its segments' columns and a live-document mask, and are cached by
the segments and their deletion counts, so a new searcher after an index update only reads the
segments that are new. A segment's columns are saved beside the index too (column_cache), so
a worker started later loads them instead of reading the postings again.
"""

import threading
from collections import OrderedDict
from dataclasses import dataclass, field

import numpy as np
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher
from whoosh.fields import BOOLEAN, NUMERIC
from whoosh.matching.wrappers import FilterMatcher
from whoosh.util.numeric import byte_to_length

from archive.search import column_cache, documents
from archive.search.columns import IDS, Tables, vocabulary
from archive.search.params import FACETS

# Stored for a document with no value in a DATETIME column (Whoosh's column default).
NO_DATE = 2**64 - 1
# Field lengths as Whoosh stores them (one byte a document) and scores with them.
_BYTE_LENGTHS = np.array([byte_to_length(b) for b in range(256)], dtype=np.float64)
_TICKS_PER_DAY = 86_400 * 1_000_000
_SEGMENTS_KEPT = 256
_TABLES_KEPT = 2  # a searcher's and the one before it (still in use by a request)

_lock = threading.Lock()
_building = threading.Lock()
_segments = OrderedDict()  # segment id -> _Segment
_tables = OrderedDict()  # (segment ids and deletion counts) -> Tables
_lengths_kept = OrderedDict()  # (segment id, field) -> document lengths


def leaf_ids(reader, fieldname, btext):
    """Document numbers (segment-local, deleted ones included) of one term's postings."""
    return postings(reader, fieldname, btext)[0]


def leaf_postings(reader, fieldname, btext):
    """(document numbers, weights) of one term's postings in a segment, deleted ones included.

    The weight is what Whoosh scores with: the term's frequency in the document.
    """
    return postings(reader, fieldname, btext)[:2]


def postings(reader, fieldname, btext, values=False):
    """(document numbers, weights, encoded values or None) of one term's postings in a segment,
    deleted ones included (the caller masks them).

    Whole blocks at a time, decoded by numpy: Whoosh's own iteration costs a Python call per
    posting. A block holds its ids as deltas unless they are stored as bytes, and its weights
    as None (all 1.0), one float for all, or one per posting.
    """
    ids, weights, encoded = [], [], [] if values else None
    if (fieldname, btext) in reader:
        matcher = reader.postings(fieldname, btext)
        if isinstance(matcher, FilterMatcher):
            matcher = matcher.child
        by_block = isinstance(matcher, W3LeafMatcher) and (
            not values or matcher._fixedsize in (None, -1)  # values kept as a list of bytes
        )
        while by_block and matcher.is_active():
            if matcher._data is None:
                matcher._read_data()
            block, raw, start = matcher._data[0], matcher._data[1], matcher._i
            block = np.asarray(block, dtype=np.int64)
            if not matcher._byteids:
                block = np.cumsum(block)
            if raw is None or isinstance(raw, float):
                raw = np.full(len(block), 1.0 if raw is None else raw, dtype=np.float64)
            ids.append(block[start:])
            weights.append(np.asarray(raw, dtype=np.float64)[start:])
            if values:
                encoded.extend(matcher._data[2][start:])
            matcher._next_block()
        if not by_block:
            found = []
            while matcher.is_active():
                found.append((matcher.id(), matcher.weight()))
                if values:
                    encoded.append(matcher.value())
                matcher.next()
            ids.append(np.array([i for i, _w in found], dtype=np.int64))
            weights.append(np.array([w for _i, w in found], dtype=np.float64))
    if not ids:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64), encoded
    return np.concatenate(ids), np.concatenate(weights), encoded


def field_lengths(reader, fieldname):
    """A segment's document lengths of a field as Whoosh's BM25F sees them, cached."""
    key = (reader.segment().segment_id(), fieldname)
    with _lock:
        found = _lengths_kept.get(key)
    if found is None:
        found = _lengths(reader, fieldname, reader.doc_count_all())
        with _lock:
            _lengths_kept[key] = found
            while len(_lengths_kept) > _SEGMENTS_KEPT:
                _lengths_kept.popitem(last=False)
    return found


def _lengths(reader, fieldname, size):
    """Each document's length of a field as Whoosh scores it (1 where none is stored)."""
    out = np.ones(size, dtype=np.float64)
    perdoc = getattr(reader, "_perdoc", None)
    column = f"_{fieldname}_len"  # whoosh.codec.whoosh3._lenfield
    if perdoc is None or not perdoc.has_column(column):
        for docnum in range(size):
            out[docnum] = reader.doc_field_length(docnum, fieldname, 1)
        return out
    raw = np.fromiter(perdoc.column_reader(column, LENGTHS_COLUMN), dtype=np.int64, count=size)
    stored = raw > 0
    out[stored] = _BYTE_LENGTHS[raw[stored]]
    return out


def _facet_terms(reader, schema, fieldname):
    """(value as the URL gives it, term bytes) of each value of a facet field in a segment."""
    field_type = schema[fieldname]
    if fieldname not in reader.indexed_field_names():
        return
    if isinstance(field_type, NUMERIC):
        for btext in field_type.sortable_terms(reader, fieldname):
            yield str(field_type.from_bytes(btext)), btext
    elif isinstance(field_type, BOOLEAN):
        for btext in reader.lexicon(fieldname):
            yield ("yes" if btext == b"t" else "no"), btext
    else:
        for btext in reader.lexicon(fieldname):
            yield btext.decode("utf-8", "replace"), btext


@dataclass
class _Segment:
    """The columns of one segment (deleted documents included)."""

    size: int
    django_id: np.ndarray
    date: np.ndarray
    published: np.ndarray
    single: dict = field(default_factory=dict)  # facet -> value id per doc, -1 if none
    multi: dict = field(default_factory=dict)  # facet -> (docs, value ids) pairs


def _numeric_column(reader, fieldname, size, convert):
    out = np.full(size, -1, dtype=np.int64)
    if not reader.has_column(fieldname):
        return out
    for docnum, raw in enumerate(reader.column_reader(fieldname, translate=False)):
        if raw != NO_DATE:
            out[docnum] = convert(raw)
    return out


def _days(raw):
    return raw // _TICKS_PER_DAY + 1  # Whoosh counts microseconds from 0001-01-01


def _read_segment(reader, schema):
    size = reader.doc_count_all()
    django_id = np.full(size, -1, dtype=np.int64)
    if reader.has_column("django_id"):
        for docnum, value in enumerate(reader.column_reader("django_id")):
            if value:
                django_id[docnum] = int(value)
    segment = _Segment(
        size=size,
        django_id=django_id,
        date=_numeric_column(reader, "date", size, _days),
        published=_numeric_column(reader, "published", size, int),
    )
    for facet in FACETS:
        fieldname = f"{facet.field}_exact"
        if fieldname not in schema:
            fieldname = facet.field
        if fieldname not in schema:
            continue
        vocab = vocabulary(facet.name)
        if facet.multi:
            docs, vals = [], []
            for value, btext in _facet_terms(reader, schema, fieldname):
                ids = leaf_ids(reader, fieldname, btext)
                docs.append(ids)
                vals.append(np.full(len(ids), vocab.id(value), dtype=IDS))
            segment.multi[facet.name] = (
                np.concatenate(docs).astype(IDS) if docs else np.zeros(0, dtype=IDS),
                np.concatenate(vals) if vals else np.zeros(0, dtype=IDS),
            )
        else:
            column = np.full(size, -1, dtype=IDS)
            for value, btext in _facet_terms(reader, schema, fieldname):
                column[leaf_ids(reader, fieldname, btext)] = vocab.id(value)
            segment.single[facet.name] = column
    return segment


def _segment(reader, schema, folder=None):
    """A segment's columns: kept in memory, saved on disk in `folder`, or read (and saved)."""
    key = reader.segment().segment_id()
    with _lock:
        found = _segments.get(key)
        if found is not None:
            _segments.move_to_end(key)
            return found
    size = reader.doc_count_all()
    built = _saved_segment(folder, key, size) if folder else None
    if built is None:
        built = _read_segment(reader, schema)
        if folder:
            _save_segment(folder, key, built)
    with _lock:
        _segments[key] = built
        while len(_segments) > _SEGMENTS_KEPT:
            _segments.popitem(last=False)
    return built


def _cache_path(folder, key):
    return folder / f"{key}{column_cache.SUFFIX}"


def _saved_segment(folder, key, size):
    found = column_cache.load(
        _cache_path(folder, key), segment=key, size=size, facets=column_cache.facets()
    )
    if found is None:
        return None
    _meta, arrays, single, multi = found
    if any(len(arrays[name]) != size for name in ("django_id", "date", "published")):
        return None
    return _Segment(
        size=size,
        django_id=arrays["django_id"],
        date=arrays["date"],
        published=arrays["published"],
        single=single,
        multi=multi,
    )


def _save_segment(folder, key, segment):
    meta = {"segment": key, "size": segment.size, "facets": column_cache.facets()}
    arrays = {"django_id": segment.django_id, "date": segment.date, "published": segment.published}
    column_cache.save(_cache_path(folder, key), meta, arrays, segment.single, segment.multi)


def cache_folder():
    """Where segments' columns are saved: beside the Whoosh index."""
    return documents.index_path() / "columns"


def tables(searcher):
    """The Tables of a searcher (built, or joined from cached segments, on first use)."""
    leaves = searcher.reader().leaf_readers()
    key = tuple(
        (reader.segment().segment_id(), reader.segment().deleted_count(), offset)
        for reader, offset in leaves
    )
    with _lock:
        found = _tables.get(key)
        if found is not None:
            return found
    with _building:  # one thread reads new segments; another asking meanwhile waits for them
        with _lock:
            found = _tables.get(key)
        return found if found is not None else _joined(searcher, leaves, key)


def _joined(searcher, leaves, key):
    schema = searcher.schema
    folder = cache_folder()
    parts = [(_segment(reader, schema, folder), reader, offset) for reader, offset in leaves]
    if folder:  # columns of segments merged away since are removed
        column_cache.prune(folder, {reader.segment().segment_id() for reader, _o in leaves})
    size = searcher.reader().doc_count_all()
    live = np.ones(size, dtype=bool)
    for _seg, reader, offset in parts:
        if reader.has_deletions():
            deleted = np.fromiter(reader.segment().deleted_docs(), dtype=np.int64)
            live[deleted + offset] = False

    def join(attr):
        chunks = [getattr(seg, attr) for seg, _r, _o in parts]
        return np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.int64)

    single = {
        name: np.concatenate([seg.single[name] for seg, _r, _o in parts])
        for name in (parts[0][0].single if parts else {})
    }
    multi = {}
    for name in parts[0][0].multi if parts else {}:
        docs = [seg.multi[name][0] + offset for seg, _r, offset in parts]
        vals = [seg.multi[name][1] for seg, _r, _o in parts]
        multi[name] = (np.concatenate(docs), np.concatenate(vals))
    built = Tables(
        size=size,
        live=live,
        django_id=join("django_id"),
        date=join("date"),
        published=join("published"),
        single=single,
        multi=multi,
    )
    _share([seg for seg, _r, _o in parts], built)
    with _lock:
        _tables[key] = built
        while len(_tables) > _TABLES_KEPT:
            _tables.popitem(last=False)
    return built


def _share(segments, built):
    """Point each segment's columns at its rows of the joined ones (views, not copies), so a
    worker holds the columns once, not once per segment and again joined (~80 MB at a million
    memos). Nothing writes into either."""
    row, pair = 0, dict.fromkeys(built.multi, 0)
    for seg in segments:
        rows = slice(row, row + seg.size)
        seg.django_id = built.django_id[rows]
        seg.date = built.date[rows]
        seg.published = built.published[rows]
        seg.single = {name: built.single[name][rows] for name in seg.single}
        multi = {}
        for name, (docs, vals) in seg.multi.items():
            multi[name] = (docs, built.multi[name][1][pair[name] : pair[name] + len(vals)])
            pair[name] += len(vals)
        seg.multi = multi
        row += seg.size
