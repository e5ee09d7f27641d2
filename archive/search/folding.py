"""Copies of one document folded into the best ranked of them in a list of results.

The engine ranks every memo; the copies of one document (archive/copies.py: near-identical
texts, one copy group) would then fill a page with the same text. A page is cut from the list
of memos that stand: the first of each copy group in the engine's order (the best ranked, or the
earliest for a date order) and every memo alone. The engine is asked for the ids from the start
of the list up to the page, more if copies were folded, so page n is always the n-th slice of
one list. How many documents the search found is the engine's total less the copies it counted
as folded (columns.folded, Whoosh and Xapian); an engine that does not count them
(Elasticsearch) gets it counted from the ids when they were all read, else only its total of
memos is known.
"""

from dataclasses import dataclass

# Ids asked for beyond the page, so that one call usually covers the copies folded before it.
SPARE = 10


@dataclass
class Folded:
    """The ids of one page, the engine's answer, and how many documents there are (or None)."""

    outcome: object
    ids: list
    documents: int | None


def standing(ids, groups):
    """The ids that stand, in order: the first of each copy group, and every memo alone."""
    seen, out = set(), []
    for pk in ids:
        key = groups.key(pk)
        if key is None:
            out.append(pk)
        elif key not in seen:
            seen.add(key)
            out.append(pk)
    return out


def fold(backend, request, sort, start, size, options, groups, most):
    """A page of `size` standing ids from `start` (ids asked for up to `most` at a time)."""
    if not groups:
        outcome = backend.run(request, sort, start, size, **options)
        return Folded(outcome, outcome.ids, outcome.total)
    limit = min(most, start + size + size // 2 + SPARE)
    outcome = backend.run(request, sort, 0, limit, **options)
    facets = outcome.facets
    while True:
        ids = standing(outcome.ids, groups)
        complete = len(outcome.ids) >= outcome.total or len(outcome.ids) < limit
        if len(ids) >= start + size or complete or limit >= most:
            break
        limit = min(most, limit * 2)
        again = {**options, "facets": False, "also_related": False}
        related = outcome.related
        outcome = backend.run(request, sort, 0, limit, **again)
        outcome.facets, outcome.related = facets, related
    if outcome.folded is not None:
        documents = outcome.total - outcome.folded
    else:
        documents = len(ids) if complete else None
    return Folded(outcome, ids[start : start + size], documents)
