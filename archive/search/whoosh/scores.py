"""Relevance of a whole result set at once: Whoosh's BM25F scores worked out with numpy.

Whoosh scores by stepping a tree of matchers one posting at a time in Python: ~0.3 s for a
common word at 100,000 memos, more for an AND of several. The same scores come from each
word's postings read a block at a time with their weights (tables.leaf_postings), the
documents' cached field lengths and whoosh.scoring.bm25's formula, in the same operations:
an AND or OR adds its parts' scores where they match (as Whoosh's intersection and union
matchers add them), AND NOT keeps its positive side's, a boost multiplies. Phrases come from
phrase. Sums of three or more parts may be grouped differently from Whoosh's matcher
tree, so a score can differ from Whoosh's in its last bit; the order of the hits is Whoosh's
(best score first, ties by document number).

A query with a part not handled here (a year range, a weighting other than BM25F) is scored
by Whoosh's matchers, in one pass that keeps every match.
"""

import numpy as np
from whoosh import query as wq
from whoosh.collectors import ScoredCollector
from whoosh.scoring import BM25F

from archive.search.whoosh import phrase
from archive.search.whoosh.docsets import Evaluator
from archive.search.whoosh.tables import field_lengths, leaf_postings
from archive.search.whoosh.tables import tables as tables_of


class _Unsupported(Exception):
    """A part of the query this module does not score."""


def scored(query, searcher):
    """(document numbers, scores) of every match, document numbers ascending."""
    found = numpy_scored(query, searcher)
    return found if found is not None else whoosh_scored(query, searcher)


def numpy_scored(query, searcher):
    """(document numbers, scores) of every live match, worked out here; None if a part of
    the query is not handled here."""
    found = dense_scores(query, searcher)
    if found is None:
        return None
    mask, scores, tables = found
    docnums = np.flatnonzero(mask & tables.live)
    return docnums, scores[docnums]


def dense_scores(query, searcher):
    """(match mask, scores, the searcher's Tables), one entry per document number (deleted
    ones included); None if a part of the query is not handled here."""
    if type(searcher.weighting) is not BM25F:
        return None
    tables = tables_of(searcher)
    try:
        mask, scores = _Scorer(searcher, tables).score(query)
    except _Unsupported:
        return None
    return mask, scores, tables


class _Everything(ScoredCollector):
    """Scores every match, without skipping blocks, and keeps them all."""

    def prepare(self, top_searcher, q, context):
        super().prepare(top_searcher, q, context)
        self.docnums, self.scores = [], []

    def _collect(self, global_docnum, score):
        self.docnums.append(global_docnum)
        self.scores.append(score)

    def count(self):
        return len(self.docnums)

    def results(self):
        return None


def whoosh_scored(query, searcher):
    """(document numbers, scores) of every match, in one pass of Whoosh's own matcher."""
    collector = _Everything()
    searcher.search_with_collector(query, collector)
    return (
        np.array(collector.docnums, dtype=np.int64),
        np.array(collector.scores, dtype=np.float64),
    )


class _Scorer(Evaluator):
    """One scoring pass over the searcher's leaves; masks of what is not scored (the negated
    side of AND NOT) as docsets.py finds them."""

    def __init__(self, searcher, tables):
        super().__init__(searcher, tables)
        # A forgiving query (query.relaxed) holds each word and its AND several times.
        self.known = {}

    def nothing(self):
        return self.empty(), np.zeros(self.size, dtype=np.float64)

    def mask(self, query):
        known = self.known.get(query)
        return known[0].copy() if known is not None else super().mask(query)

    def score(self, query):
        """(mask, scores) of a query: scores are meaningful where the mask is set."""
        known = self.known.get(query)
        if known is None:
            known = self.known[query] = self.scored(query)
        return known[0].copy(), known[1].copy()  # callers change them in place

    def scored(self, query):
        if isinstance(query, wq.NullQuery.__class__):
            return self.nothing()
        if isinstance(query, wq.Term):
            found = self.term_scores(query.fieldname, query.text)
        elif isinstance(query, wq.And):
            found = self.combined(query.children(), both=True)
        elif isinstance(query, wq.Or) and not query.minmatch and not query.scale:
            found = self.combined(query.children(), both=False)
        elif isinstance(query, wq.AndNot):
            mask, scores = self.score(query.a)
            if mask.any():
                mask &= ~(self.mask(query.b) & self.tables.live)
            return mask, scores  # the negated side is not scored: AndNotMatcher's score
        elif isinstance(query, wq.ConstantScoreQuery):
            mask, _scores = self.score(query.child)  # Whoosh's ConstantScoreMatcher
            return mask, np.full(self.size, float(query.score))
        elif phrase.supported(query):
            return self.phrase_scores(query)  # boosted by phrase.scored, as Whoosh does
        else:
            raise _Unsupported(type(query).__name__)
        boost = getattr(query, "boost", 1.0)
        if boost != 1.0:
            found = (found[0], found[1] * boost)
        return found

    def combined(self, children, both):
        """AND (both=True) or OR of parts, each document's score the sum of its parts'."""
        mask, total = None, None
        for child in children:
            child_mask, child_scores = self.score(child)
            if mask is None:
                mask, total = child_mask, np.where(child_mask, child_scores, 0.0)
                continue
            mask = mask & child_mask if both else mask | child_mask
            total += np.where(child_mask, child_scores, 0.0)
            if both and not mask.any():
                break
        return self.nothing() if mask is None else (mask, total)

    def term_scores(self, fieldname, text):
        mask, scores = self.nothing()
        if fieldname not in self.schema:
            return mask, scores
        field = self.schema[fieldname]
        try:
            btext = text if isinstance(text, bytes) else field.to_bytes(text)
        except ValueError:
            return mask, scores
        if field.scorable:
            weighting = self.searcher.weighting
            b = weighting._field_B.get(fieldname, weighting.B)
            k1 = weighting.K1
            idf = self.searcher.idf(fieldname, btext)
            average = self.searcher.avg_field_length(fieldname) or 1
        for leaf, offset in self.leaves:
            ids, tf = leaf_postings(leaf, fieldname, btext)
            if not len(ids):
                continue
            if field.scorable:  # whoosh.scoring.bm25, the same operations in the same order
                length = field_lengths(leaf, fieldname)[ids]
                value = idf * ((tf * (k1 + 1)) / (tf + k1 * ((1 - b) + b * length / average)))
            else:  # Whoosh's WeightScorer: the posting's weight
                value = tf
            mask[ids + offset] = True
            scores[ids + offset] = value
        return mask, scores

    def phrase_scores(self, query):
        found = phrase.phrase_docnums(query, self.searcher)
        if found is None:  # a rare word: Whoosh's own phrase matcher is quick
            docnums, values = whoosh_scored(query, self.searcher)
        else:
            docnums, values = phrase.scored(query, found, self.searcher)
        mask, scores = self.nothing()
        mask[docnums] = True
        scores[docnums] = values
        return mask, scores
