"""Phrases and proximity ("united states", "soviet troops"~5) matched from decoded positions.

Whoosh matches a phrase by stepping an intersection matcher document by document and building
a Span object per position of every word: ~1.5 s for a phrase of two common words at 100,000
memos. Here each word's postings are read a block at a time, the documents holding every word
are found with numpy, and only their position lists are decoded and compared, with exactly the
rule of Whoosh's SpanNear2 (the query a Phrase compiles to): for a plain phrase as one numpy
intersection of (document, position - offset of the word) keys, for a phrase~N document by
document. The documents found are scored as Whoosh's phrase matcher scores them, the sum of
each word's BM25F score (whoosh.scoring.bm25, same operations in the same order), from the
words' weights read with their postings and the documents' cached field lengths.
"""

from bisect import bisect_left
from dataclasses import dataclass
from itertools import accumulate, chain
from pickle import loads

import numpy as np
from whoosh import query as wq
from whoosh.scoring import BM25F

from archive.search.whoosh import tables

_INT_SIZE = 4  # Positions values start with the count of positions (whoosh.formats)
_PROTOCOL_2 = b"\x80\x02"
# Below this many documents for the rarest word, Whoosh's matcher (which skips whole blocks of
# the commoner words' postings) is quicker than reading every posting of every word.
RAREST_WORD_DOCS = 3000


@dataclass
class Matches:
    """A phrase's matches in one segment: local document numbers and each word's weights."""

    docnums: np.ndarray  # ascending, deleted documents left out
    weights: list  # per word, its weight (frequency) in each of those documents


def supported(query):
    """Whether a query is a phrase this module can match."""
    return isinstance(query, wq.Phrase)


def _deltas(values):
    """The position deltas of many postings, decoded by one call of the unpickler.

    A value is the count of positions and a protocol-2 pickle of their deltas
    (whoosh.formats.Positions.encode); the pickles' bodies, each building one list, are joined
    into one pickle of a list of them.
    """
    start = _INT_SIZE + len(_PROTOCOL_2)
    if any(value[_INT_SIZE:start] != _PROTOCOL_2 for value in values):
        ends = [b"" if v.endswith(b".") else b"." for v in values]
        return [loads(v[_INT_SIZE:] + end) for v, end in zip(values, ends, strict=True)]  # noqa: S301
    bodies = [value[start:-1] if value[-1:] == b"." else value[start:] for value in values]
    return loads(b"".join([_PROTOCOL_2, b"(", *bodies, b"l."]))  # noqa: S301 (index data)


def _adjacent(deltas_by_word, count):
    """Which of `count` documents have word i at position p + i for some p (a plain phrase).

    Each word's positions become keys document * span + position + (words - i): a phrase
    starting at p gives every word the same key, so the keys common to all words are the
    phrase's starts.
    """
    words = len(deltas_by_word)
    docs, positions = [], []
    for deltas in deltas_by_word:
        sizes = np.fromiter(map(len, deltas), dtype=np.int64, count=count)
        flat = np.fromiter(chain.from_iterable(deltas), dtype=np.int64, count=int(sizes.sum()))
        running = np.cumsum(flat)
        before = np.concatenate(([0], running))[np.cumsum(sizes) - sizes]
        positions.append(running - np.repeat(before, sizes))
        docs.append(np.repeat(np.arange(count, dtype=np.int64), sizes))
    span = max((int(p.max()) for p in positions if len(p)), default=0) + words + 1
    # Positions ascend within a document, so each word's keys are sorted and distinct.
    starts = None
    for i, (doc, position) in enumerate(zip(docs, positions, strict=True)):
        keys = doc * span + position + (words - i)
        if starts is None:
            starts = keys
            continue
        found = np.searchsorted(keys, starts)
        found[found == len(keys)] = 0
        starts = starts[keys[found] == starts] if len(keys) else keys
        if not len(starts):
            break
    keep = np.zeros(count, dtype=bool)
    keep[starts // span] = True
    return keep


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
    """The phrase's Matches in a segment (deleted documents included)."""
    postings = [tables.postings(reader, fieldname, word, values=True) for word in words]
    common = postings[0][0]
    for ids, _weights, _values in postings[1:]:
        common = np.intersect1d(common, ids, assume_unique=True)
        if not len(common):
            return Matches(common, [common.astype(np.float64) for _ in words])
    deltas_by_word, weights = [], []
    for ids, weight, values in postings:
        where = np.searchsorted(ids, common)
        deltas_by_word.append(_deltas([values[i] for i in where.tolist()]))
        weights.append(weight[where])
    if slop == 1:
        keep = _adjacent(deltas_by_word, len(common))
    else:
        lists = [[list(accumulate(deltas)) for deltas in word] for word in deltas_by_word]
        keep = [_near(poslists, slop, True, 1) for poslists in zip(*lists, strict=True)]
        keep = np.array(keep, dtype=bool)
    return Matches(common[keep], [weight[keep] for weight in weights])


def phrase_docnums(query, searcher):
    """{leaf reader id: Matches} of the phrase ({} when a word is not in the index, as
    Whoosh's Phrase.matcher); None when Whoosh's own matcher should do it (a field without
    positions, where it raises; a phrase with a rare word, where it is quicker; a weighting
    other than BM25F, whose scores are not worked out here)."""
    if query.fieldname not in searcher.schema:
        return {}
    field = searcher.schema[query.fieldname]
    if not field.format or not field.format.supports("positions") or not query.words:
        return None
    if type(searcher.weighting) is not BM25F or not field.scorable:
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
            matches = _segment_matches(leaf, query.fieldname, words, query.slop)
            if leaf.has_deletions() and len(matches.docnums):
                deleted = np.fromiter(leaf.segment().deleted_docs(), dtype=np.int64)
                live = ~np.isin(matches.docnums, deleted)
                matches = Matches(matches.docnums[live], [w[live] for w in matches.weights])
        else:
            matches = Matches(np.zeros(0, dtype=np.int64), [])
        found[id(leaf)] = matches
    return found


def mask_of(found, searcher, size):
    """Boolean mask over the searcher's document numbers of what phrase_docnums found."""
    result = np.zeros(size, dtype=bool)
    if found:
        for leaf, offset in searcher.reader().leaf_readers():
            matches = found.get(id(leaf))
            if matches is not None and len(matches.docnums):
                result[matches.docnums + offset] = True
    return result


def _tree_sum(parts):
    """Sum as whoosh.util.make_binary_tree nests the intersection matchers that add them."""
    if len(parts) == 1:
        return parts[0]
    if len(parts) == 2:
        return parts[0] + parts[1]
    half = len(parts) // 2
    return _tree_sum(parts[:half]) + _tree_sum(parts[half:])


def scored(query, found, searcher):
    """(document numbers, scores) of what phrase_docnums found, as Whoosh's matcher scores a
    Phrase: each word's BM25F score, summed, times the query's boost."""
    weighting = searcher.weighting
    b = weighting._field_B.get(query.fieldname, weighting.B)
    k1 = weighting.K1
    average = searcher.avg_field_length(query.fieldname) or 1
    field = searcher.schema[query.fieldname]
    idfs = [searcher.idf(query.fieldname, field.to_bytes(word)) for word in query.words]
    docnums, scores = [], []
    for leaf, offset in searcher.reader().leaf_readers():
        matches = found.get(id(leaf))
        if matches is None or not len(matches.docnums):
            continue
        lengths = tables.field_lengths(leaf, query.fieldname)[matches.docnums]
        parts = [
            idf * ((tf * (k1 + 1)) / (tf + k1 * ((1 - b) + b * lengths / average)))
            for idf, tf in zip(idfs, matches.weights, strict=True)
        ]
        score = _tree_sum(parts)
        if query.boost != 1.0:
            score = score * query.boost
        docnums.append(matches.docnums + offset)
        scores.append(score)
    if not docnums:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64)
    return np.concatenate(docnums), np.concatenate(scores)
