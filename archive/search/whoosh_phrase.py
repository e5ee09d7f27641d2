"""Phrases and proximity ("united states", "soviet troops"~5) matched from decoded positions.

Whoosh matches a phrase by stepping an intersection matcher document by document and building
a Span object per position of every word: ~1.5 s for a phrase of two common words at 100,000
memos. Here each word's postings are read a block at a time, the documents holding every word
are found with numpy, and only their position lists are decoded and compared, with exactly the
rule of Whoosh's SpanNear2 (the query a Phrase compiles to). The scores of the documents found
are Whoosh's own: a matcher that visits only those documents wraps the same intersection of
term matchers Whoosh's phrase matcher scores with.
"""

from bisect import bisect_left
from itertools import accumulate
from pickle import loads

import numpy as np
from whoosh import query as wq
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching import IntersectionMatcher, Matcher, NullMatcher, WrappingMatcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.util import make_binary_tree

_INT_SIZE = 4  # Positions values start with the count of positions (whoosh.formats)
_PROTOCOL_2 = b"\x80\x02"
# Below this many documents for the rarest word, Whoosh's matcher (which skips whole blocks of
# the commoner words' postings) is quicker than reading every posting of every word.
RAREST_WORD_DOCS = 3000


def supported(query):
    """Whether a query is a phrase this module can match."""
    return isinstance(query, wq.Phrase)


def _deltas(values):
    """The position deltas of many postings, decoded by one call of the unpickler.

    A value is the count of positions and a protocol-2 pickle of their deltas
    (whoosh.formats.Positions.encode); the pickles' bodies, each building one list, are joined
    into one pickle of a list of them.
    """
    bodies = []
    for value in values:
        body = value[_INT_SIZE:]
        if body[:2] != _PROTOCOL_2:
            ends = [b"" if v.endswith(b".") else b"." for v in values]
            return [loads(v[_INT_SIZE:] + end) for v, end in zip(values, ends, strict=True)]  # noqa: S301
        bodies.append(body[2:-1] if body.endswith(b".") else body[2:])
    return loads(b"".join([_PROTOCOL_2, b"(", *bodies, b"l."]))  # noqa: S301 (index data)


def _postings(reader, fieldname, btext):
    """(document numbers, encoded positions) of one term in a segment, deleted ones included."""
    matcher = reader.postings(fieldname, btext)
    if isinstance(matcher, FilterMatcher):
        matcher = matcher.child
    ids, values = [], []
    if not isinstance(matcher, W3LeafMatcher) or matcher._fixedsize not in (None, -1):
        while matcher.is_active():
            ids.append(matcher.id())
            values.append(matcher.value())
            matcher.next()
        return np.array(ids, dtype=np.int64), values
    while matcher.is_active():
        if matcher._data is None:
            matcher._read_data()
        block = np.asarray(matcher._data[0], dtype=np.int64)
        if not matcher._byteids:
            block = np.cumsum(block)
        ids.append(block[matcher._i :])
        values.extend(matcher._data[2][matcher._i :])
        matcher._next_block()
    return (np.concatenate(ids) if ids else np.zeros(0, dtype=np.int64)), values


def _near(poslists, slop, ordered, mindist):
    """Whether the words' positions satisfy SpanNear2 (whoosh.query.spans._get_spans)."""
    if slop == 1 and ordered and mindist == 1:
        # The usual phrase: word i at position p + i for some p.
        starts = set(poslists[0])
        for shift, positions in enumerate(poslists[1:], start=1):
            starts &= {p - shift for p in positions}
            if not starts:
                return False
        return True
    aspans = [(p, p) for p in poslists[0]]
    for positions in poslists[1:]:
        found = set()
        for a_start, a_end in aspans:
            j = bisect_left(positions, a_start if ordered else max(0, a_start - slop))
            for b in positions[j:]:
                if b < a_start - slop or (ordered and a_start > b):
                    continue
                if b > a_end + slop:
                    break
                if a_start == b or a_end == b:  # Span.overlaps with a one-position span
                    distance = 0
                elif a_end < b:
                    distance = b - a_end
                else:
                    distance = a_start - b
                if mindist <= distance <= slop:
                    found.add((min(a_start, b), max(a_end, b)))
        aspans = sorted(found)
        if not aspans:
            return False
    return True


def _segment_matches(reader, fieldname, words, slop):
    """Segment-local document numbers (ascending, deleted included) matching the phrase."""
    postings = [_postings(reader, fieldname, word) for word in words]
    common = postings[0][0]
    for ids, _values in postings[1:]:
        common = np.intersect1d(common, ids, assume_unique=True)
        if not len(common):
            return common
    lists = []
    for ids, values in postings:
        where = np.searchsorted(ids, common).tolist()
        lists.append([list(accumulate(deltas)) for deltas in _deltas([values[i] for i in where])])
    keep = [_near(poslists, slop, True, 1) for poslists in zip(*lists, strict=True)]
    return common[np.array(keep, dtype=bool)]


def phrase_docnums(query, searcher):
    """{leaf reader id: local document numbers} of the phrase's matches ({} when a word is not
    in the index, as Whoosh's Phrase.matcher); None when Whoosh's own matcher should do it (a
    field without positions, where it raises; a phrase with a rare word, where it is quicker)."""
    if query.fieldname not in searcher.schema:
        return {}
    field = searcher.schema[query.fieldname]
    if not field.format or not field.format.supports("positions") or not query.words:
        return None
    reader = searcher.reader()
    words = []
    for word in query.words:
        try:
            btext = field.to_bytes(word)
        except ValueError:
            return {}
        if (query.fieldname, btext) not in reader:
            return {}
        words.append(btext)
    if min(reader.doc_frequency(query.fieldname, word) for word in words) < RAREST_WORD_DOCS:
        return None
    found = {}
    for leaf, _offset in reader.leaf_readers():
        if all((query.fieldname, word) in leaf for word in words):
            local = _segment_matches(leaf, query.fieldname, words, query.slop)
            if leaf.has_deletions() and len(local):
                local = local[[not leaf.is_deleted(int(docnum)) for docnum in local]]
        else:
            local = np.zeros(0, dtype=np.int64)
        found[id(leaf)] = local
    return found


def mask_of(found, searcher, size):
    """Boolean mask over the searcher's document numbers of what phrase_docnums found."""
    result = np.zeros(size, dtype=bool)
    if found:
        for leaf, offset in searcher.reader().leaf_readers():
            local = found.get(id(leaf))
            if local is not None and len(local):
                result[local + offset] = True
    return result


class _Listed(Matcher):
    """Visits only the given (ascending) documents of a child matcher that matches them all."""

    def __init__(self, child, docnums):
        self.child, self.docnums, self.i = child, docnums, 0
        self._settle()

    def _settle(self):
        if self.i < len(self.docnums):
            self.child.skip_to(self.docnums[self.i])

    def is_active(self):
        return self.i < len(self.docnums)

    def id(self):
        return self.docnums[self.i]

    def next(self):
        self.i += 1
        self._settle()
        return False

    def skip_to(self, target):
        self.i = bisect_left(self.docnums, target, lo=self.i)
        self._settle()

    def score(self):
        return self.child.score()

    def weight(self):
        return self.child.weight()

    def supports_block_quality(self):
        return False

    def replace(self, minquality=0):
        return self if self.is_active() else NullMatcher()

    def copy(self):
        return _Listed(self.child.copy(), self.docnums[self.i :])

    def all_ids(self):
        while self.is_active():
            yield self.id()
            self.next()


class KnownPhrase(wq.Query):
    """A phrase whose matches are already known: scored by Whoosh, matched by the list."""

    def __init__(self, phrase, found):
        self.phrase, self.found = phrase, found
        self.boost = phrase.boost

    def __repr__(self):
        return f"KnownPhrase({self.phrase!r})"

    def is_leaf(self):
        return True

    def matcher(self, searcher, context=None):
        docnums = self.found.get(id(searcher.reader()))
        if docnums is None or not len(docnums):
            return NullMatcher()
        field = searcher.schema[self.phrase.fieldname]
        terms = [wq.Term(self.phrase.fieldname, field.to_bytes(w)) for w in self.phrase.words]
        # What Phrase.matcher scores with: SpanNear2's intersection of the term matchers.
        isect = make_binary_tree(IntersectionMatcher, [t.matcher(searcher, context) for t in terms])
        matcher = _Listed(isect, [int(docnum) for docnum in docnums])
        if self.boost != 1.0:
            matcher = WrappingMatcher(matcher, boost=self.boost)
        return matcher
