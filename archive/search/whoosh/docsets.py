"""Which documents a compiled Whoosh query matches, as a boolean mask over document numbers.

Whoosh finds the matching documents by stepping a matcher one posting at a time in Python,
and needs a second pass for the total when it only scores the top hits. Here the words,
codes and identifiers of a query are read a whole postings block at a time and combined with
array operations (And: &, Or: |, Not: ~); only what needs positions (phrases) or is unknown
goes through Whoosh's own matcher. The mask gives the total, the facet counts and the date
order of the whole result set in one pass.
"""

import datetime

import numpy as np
from whoosh import query as wq

from archive.search import documents
from archive.search.whoosh import phrase
from archive.search.whoosh.tables import leaf_ids

NO_DOCUMENTS = np.zeros(0, dtype=np.int64)


def mask_for(query, searcher, tables):
    """Boolean mask of the live documents the query matches."""
    return Evaluator(searcher, tables).mask(query) & tables.live


def docnums_of(searcher, memo_ids):
    """Live document numbers of these memos, ascending, found by their id terms: a lookup per
    memo and segment, whatever the size of the index (an empty array for none)."""
    if not memo_ids or "id" not in searcher.schema:
        return NO_DOCUMENTS
    field = searcher.schema["id"]
    found = []
    for reader, offset in searcher.reader().leaf_readers():
        for pk in memo_ids:
            ids = leaf_ids(reader, "id", field.to_bytes(documents.identifier(pk)))
            found.extend(offset + i for i in ids.tolist() if not reader.is_deleted(i))
    return np.array(sorted(found), dtype=np.int64) if found else NO_DOCUMENTS


def by_segment(reader, docnums):
    """[(segment reader, its own numbers of these documents)], for frequency_within()."""
    places = []
    for leaf, offset in reader.leaf_readers():
        inside = docnums[(docnums >= offset) & (docnums < offset + leaf.doc_count_all())]
        if len(inside):
            places.append((leaf, (inside - offset).tolist()))
    return places


def frequency_within(places, fieldname, btext):
    """How many of these documents (by_segment()) hold the term: a skip per document along
    the term's postings in its own segment, not a read of them all."""
    held = 0
    for leaf, docnums in places:
        if (fieldname, btext) not in leaf:
            continue
        matcher = leaf.postings(fieldname, btext)
        for docnum in docnums:
            if matcher.is_active() and matcher.id() < docnum:
                matcher.skip_to(docnum)
            if not matcher.is_active():
                break
            held += matcher.id() == docnum
    return held


def needs_matcher(query):
    """Whether part of the query (a phrase, say) can only be matched by Whoosh's matcher."""
    if isinstance(query, wq.Every | wq.Term | wq.NullQuery.__class__):
        return False
    if isinstance(query, wq.NumericRange):
        return query.fieldname != "year"
    if isinstance(query, wq.And) or isinstance(query, wq.Or) and not query.minmatch:
        return any(needs_matcher(child) for child in query.children())
    if isinstance(query, wq.AndNot):
        return needs_matcher(query.a) or needs_matcher(query.b)
    if isinstance(query, wq.Not):
        return needs_matcher(query.query)
    if isinstance(query, wq.ConstantScoreQuery):
        return needs_matcher(query.child)
    return True


class Evaluator:
    """One evaluation: the searcher's leaves, and masks of terms already read."""

    def __init__(self, searcher, tables):
        self.searcher, self.tables = searcher, tables
        self.schema = searcher.schema
        self.leaves = searcher.reader().leaf_readers()
        self.size = tables.size

    def empty(self):
        return np.zeros(self.size, dtype=bool)

    def mask(self, query):
        if isinstance(query, wq.Every):
            return self.tables.live.copy()
        if isinstance(query, wq.NullQuery.__class__):
            return self.empty()
        if isinstance(query, wq.Term):
            return self.term(query.fieldname, query.text)
        if isinstance(query, wq.And):
            return self.all_of(query.children())
        if isinstance(query, wq.Or) and not query.minmatch:
            result = self.empty()
            for child in query.children():
                result |= self.mask(child)
            return result
        if isinstance(query, wq.AndNot):
            positive = self.mask(query.a)
            if positive.any():
                positive &= ~self.mask(query.b)
            return positive
        if isinstance(query, wq.Not):
            return self.tables.live & ~self.mask(query.query)
        if isinstance(query, wq.ConstantScoreQuery):
            return self.mask(query.child)
        if isinstance(query, wq.NumericRange) and query.fieldname == "year":
            return self.years(query.start, query.end)
        return self.whoosh(query)

    def years(self, start, end):
        """year:1980..1985 from the date column (a memo's year is its date's year)."""
        low = datetime.date(min(max(start, 1), 9999), 1, 1) if start is not None else None
        high = datetime.date(min(max(end, 1), 9999), 12, 31) if end is not None else None
        if low and high and low > high:
            return self.empty()
        return self.tables.date_mask(low, high)

    def all_of(self, children):
        result = None
        for child in children:
            mask = self.mask(child)
            result = mask if result is None else result & mask
            if not result.any():
                break
        return self.tables.live.copy() if result is None else result

    def term(self, fieldname, text):
        if fieldname not in self.schema:
            return self.empty()
        btext = self.schema[fieldname].to_bytes(text) if not isinstance(text, bytes) else text
        result = self.empty()
        for reader, offset in self.leaves:
            ids = leaf_ids(reader, fieldname, btext)
            if len(ids):
                result[ids + offset] = True
        return result

    def whoosh(self, query):
        """Whoosh's own matcher, for phrases and anything else with no shortcut."""
        if phrase.supported(query):
            found = phrase.phrase_docnums(query, self.searcher)
            if found is not None:
                return phrase.mask_of(found, self.searcher, self.size)
        result = self.empty()
        docnums = np.fromiter(self.searcher.docs_for_query(query), dtype=np.int64)
        if len(docnums):
            result[docnums] = True
        return result
