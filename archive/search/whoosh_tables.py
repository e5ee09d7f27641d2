"""The index's per-document values as numpy columns: memo id, date, publication time, facets.

Counting facets over a whole result set, filtering by date and sorting by date are then array
operations on a boolean mask of the matching documents, not a Python loop per document. A
Whoosh segment never changes once written (only deletions are added), so each segment's
columns are read once, from the postings of each facet value, and cached by segment id; the
columns of a searcher join its segments' columns and a live-document mask, and are cached by
the segments and their deletion counts, so a new searcher after an index update only reads the
segments that are new.
"""

import threading
from collections import OrderedDict
from dataclasses import dataclass, field

import numpy as np
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher
from whoosh.fields import BOOLEAN, NUMERIC
from whoosh.matching.wrappers import FilterMatcher
from whoosh.util.numeric import byte_to_length

from archive.search.params import FACETS

# Stored for a document with no value in a DATETIME column (Whoosh's column default).
NO_DATE = 2**64 - 1
# Field lengths as Whoosh stores them (one byte a document) and scores with them.
_BYTE_LENGTHS = np.array([byte_to_length(b) for b in range(256)], dtype=np.float64)
_TICKS_PER_DAY = 86_400 * 1_000_000
_SEGMENTS_KEPT = 256
_TABLES_KEPT = 4

_lock = threading.Lock()
_segments = OrderedDict()  # segment id -> _Segment
_tables = OrderedDict()  # (segment ids and deletion counts) -> Tables
_lengths_kept = OrderedDict()  # (segment id, field) -> document lengths
_vocabularies = {}  # facet name -> Vocabulary


class Vocabulary:
    """The values of one facet seen in this process, each with a fixed small integer id."""

    def __init__(self):
        self.values = []
        self.ids = {}
        self.lock = threading.Lock()

    def id(self, value):
        """The id of a value, assigned on first sight."""
        found = self.ids.get(value)
        if found is None:
            with self.lock:  # two threads may read new segments at once
                found = self.ids.get(value)
                if found is None:
                    self.values.append(value)
                    found = self.ids[value] = len(self.values) - 1
        return found


def vocabulary(name):
    """The Vocabulary of a facet."""
    with _lock:
        return _vocabularies.setdefault(name, Vocabulary())


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
                vals.append(np.full(len(ids), vocab.id(value), dtype=np.int64))
            segment.multi[facet.name] = (
                np.concatenate(docs) if docs else np.zeros(0, dtype=np.int64),
                np.concatenate(vals) if vals else np.zeros(0, dtype=np.int64),
            )
        else:
            column = np.full(size, -1, dtype=np.int64)
            for value, btext in _facet_terms(reader, schema, fieldname):
                column[leaf_ids(reader, fieldname, btext)] = vocab.id(value)
            segment.single[facet.name] = column
    return segment


def _segment(reader, schema):
    key = reader.segment().segment_id()
    with _lock:
        found = _segments.get(key)
        if found is not None:
            _segments.move_to_end(key)
            return found
    built = _read_segment(reader, schema)
    with _lock:
        _segments[key] = built
        while len(_segments) > _SEGMENTS_KEPT:
            _segments.popitem(last=False)
    return built


@dataclass
class Tables:
    """The columns of a whole searcher: one row per document number."""

    size: int
    live: np.ndarray
    django_id: np.ndarray
    date: np.ndarray  # proleptic day number (date.toordinal()), -1 if undated
    published: np.ndarray  # Whoosh ticks, -1 if unknown
    single: dict
    multi: dict

    def docnums(self, mask):
        """Document numbers where the mask is set, ascending."""
        return np.flatnonzero(mask)

    def value_mask(self, name, values):
        """Documents having any of these values of a facet."""
        vocab = vocabulary(name)
        wanted = [vocab.ids[value] for value in values if value in vocab.ids]
        mask = np.zeros(self.size, dtype=bool)
        if not wanted:
            return mask
        if name in self.single:
            return np.isin(self.single[name], wanted)
        if name in self.multi:
            docs, vals = self.multi[name]
            mask[docs[np.isin(vals, wanted)]] = True
        return mask

    def counts(self, name, mask, limit=None):
        """[(value, count)] of a facet over the masked documents, commonest first.

        With a limit, only the `limit` commonest values (ties broken by value).
        """
        vocab = vocabulary(name)
        if name in self.single:
            ids = self.single[name][mask]
            ids = ids[ids >= 0]
        elif name in self.multi:
            docs, vals = self.multi[name]
            ids = vals[mask[docs]]
        else:
            return []
        if not len(ids):
            return []
        counts = np.bincount(ids, minlength=len(vocab.values))
        found = np.flatnonzero(counts)
        if limit is not None and len(found) > limit:
            # The limit-th largest count, and every value at least that common (ties kept,
            # then cut after sorting, so the order never depends on the partition).
            floor = np.partition(counts[found], len(found) - limit)[len(found) - limit]
            found = found[counts[found] >= floor]
        pairs = [(vocab.values[i], int(counts[i])) for i in found]
        pairs.sort(key=lambda pair: (-pair[1], pair[0]))
        return pairs[:limit] if limit is not None else pairs

    def date_mask(self, start=None, end=None):
        """Documents dated within [start, end] (datetime.date bounds; None: open)."""
        mask = self.date >= 0
        if start is not None:
            mask &= self.date >= start.toordinal()
        if end is not None:
            mask &= self.date <= end.toordinal()
        return mask

    def order_by(self, column, mask, reverse=False, limit=None):
        """Masked document numbers by a column, missing values last; ties by document number."""
        docnums = np.flatnonzero(mask)
        keys = column[docnums]
        if reverse:
            keys = np.where(keys < 0, np.iinfo(np.int64).max, -keys)
        else:
            keys = np.where(keys < 0, np.iinfo(np.int64).max, keys)
        if limit is not None and limit < len(docnums):
            part = np.argpartition(keys, limit - 1)[:limit]
            docnums, keys = docnums[part], keys[part]
        return docnums[np.lexsort((docnums, keys))]


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
    schema = searcher.schema
    parts = [(_segment(reader, schema), reader, offset) for reader, offset in leaves]
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
    with _lock:
        _tables[key] = built
        while len(_tables) > _TABLES_KEPT:
            _tables.popitem(last=False)
    return built
