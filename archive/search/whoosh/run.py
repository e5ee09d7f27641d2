"""A SearchRequest run on the Whoosh index: total, facet counts, and memo ids in order.

One pass finds the whole result set as a mask (docsets.py); the facet counts, the date
filter and the date order are array operations on it (tables.py). When the order is
relevance, every match is scored at once with numpy by Whoosh's BM25F (scores.py); a
query with a part scored only by Whoosh's matchers (a year range) is scored by them, in one
pass or only up to the page asked for (one_pass).

Facet counts follow the usual rule for OR-able facets: a facet's own values are counted as if
it had no filter (with the other facets' filters and the date range applied), so the values a
researcher can still add stay visible with their counts. A facet with no value chosen is thus
counted over exactly the result set.

Memos the caller excludes (those just taken off publication, still in the index until the
queue applies their change) are cleared from the result set before anything is counted, so
totals, facet values and counts and the window all leave them out.
"""

from dataclasses import dataclass, field

import numpy as np
from whoosh import query as wq

from archive.search import feedback, names, params, related
from archive.search.columns import facet_counts, folded, selections
from archive.search.query import RELAX_TIER, MatchAll, parse, relaxed
from archive.search.whoosh import index
from archive.search.whoosh.docsets import docnums_of, mask_for, needs_matcher
from archive.search.whoosh.feedback import fed_back
from archive.search.whoosh.query import to_whoosh, to_whoosh_forgiving
from archive.search.whoosh.related import related_memos
from archive.search.whoosh.scores import numpy_scored, whoosh_scored
from archive.search.whoosh.suggest import Lexicon
from archive.search.whoosh.tables import tables as tables_of


@dataclass
class Outcome:
    """What the index says about one search."""

    total: int
    ids: list  # memo ids of the window asked for, in order
    facets: dict = field(default_factory=dict)  # facet name -> [(value, count)]
    whoosh_query: object = None
    warnings: list = field(default_factory=list)
    blank: bool = False  # nothing searchable was typed
    folded: int | None = None  # memos of the total that are copies of another (columns.folded)
    exact: int | None = None  # of a forgiving search: how many have every word (query.relaxed)
    also: list = field(default_factory=list)  # [(name typed, [variants])]: names.py
    related: object = None  # related.Related: memos listed after a sparse search's matches


def compile_query(q, searcher, warnings):
    """(Whoosh query, ParsedQuery) for what a user typed; warnings appended."""
    query, parsed, _strict = compile_search(q, searcher, warnings)
    return query, parsed


def compile_search(q, searcher, warnings, forgiving=False, finder=None):
    """(Whoosh query, ParsedQuery, the query of all its words or None) for what a user typed;
    warnings appended. With `forgiving`, memos missing one word of a query of several plain
    words are found too (query.relaxed), below those with all: the third item finds the latter.
    With a names.Finder, names' spelling variants are searched too."""
    parsed = parse(q or "")
    warnings.extend(w for w in parsed.warnings if w not in warnings)
    if isinstance(parsed.node, MatchAll):
        return wq.Every(), parsed, None
    subsets = relaxed(parsed, q) if forgiving else None
    if subsets:
        query, strict = to_whoosh_forgiving(parsed, subsets, searcher, warnings, finder)
        return query, parsed, strict
    return to_whoosh(parsed, searcher, warnings, finder), parsed, None


def run(
    request,
    sort,
    offset=0,
    limit=20,
    facets=True,
    exclude=frozenset(),
    groups=None,
    also_related=False,
):
    """Run a SearchRequest; `sort` is relevance, date, -date or -published; the memos of
    `exclude` are left out; with `groups`, the copies folded are counted (columns.folded);
    with `also_related`, a sparse search's related memos are found (related.py)."""
    searcher = index.searcher()
    tables = tables_of(searcher)
    hidden = docnums_of(searcher, exclude)
    warnings = []
    forgiving = not getattr(request, "strict", True)  # strict=1: no name variants either
    finder = names.Finder(Lexicon(searcher, hidden)) if forgiving else None
    whoosh_query, parsed, strict = compile_search(request.q, searcher, warnings, forgiving, finder)
    everything = None
    narrowed = bool(request.filters or request.start or request.end)
    if sort == "relevance":
        everything = numpy_scored(whoosh_query, searcher)  # every match scored at once
        if everything is None and one_pass(whoosh_query, narrowed):
            everything = whoosh_scored(whoosh_query, searcher)
            if has_negation(whoosh_query):  # see _window on AndNot
                keep = mask_for(whoosh_query, searcher, tables)[everything[0]]
                everything = (everything[0][keep], everything[1][keep])
    if everything is not None:
        base = np.zeros(tables.size, dtype=bool)
        base[everything[0]] = True
        base &= tables.live
    else:
        base = mask_for(whoosh_query, searcher, tables)
    base[hidden] = False
    if request.start or request.end:
        base &= tables.date_mask(request.start, request.end)
    chosen = selections(tables, request.filters)
    result = _within(base, chosen)
    counts = facet_counts(tables, base, chosen, params.FACET_VALUES) if facets else {}
    wanted = feedback.wanted(request, parsed, sort) if everything is not None else None
    if wanted is not None and result.any():
        everything = fed_back(
            searcher, tables, everything, result, groups, wanted, whoosh_query, hidden
        )
    found = None
    if also_related and everything is not None and related.wanted(request, parsed, sort):
        within = _within(np.ones(tables.size, dtype=bool), chosen) if chosen else None
        args = (everything, base, within, request, groups, whoosh_query, hidden)
        found = related_memos(searcher, tables, *args)
    if everything is not None:
        docnums = _best(everything, result, offset, limit)
    else:
        docnums = _window(
            searcher, tables, whoosh_query, result, request, sort, offset, limit, hidden
        )
    ids = [int(pk) for pk in tables.django_id[docnums] if pk >= 0] if len(docnums) else []
    exact = None
    if strict is not None:  # memos (or documents, with groups) with every word
        if everything is not None:  # scored RELAX_TIER and more: no second pass
            within = np.zeros(tables.size, dtype=bool)
            within[everything[0][everything[1] >= RELAX_TIER]] = True
            within &= result
        else:
            within = result & mask_for(strict, searcher, tables)
        exact = int(np.count_nonzero(within))
        exact -= 0 if groups is None else folded(tables, within, groups)
    return Outcome(
        total=int(np.count_nonzero(result)),
        ids=ids,
        facets=counts,
        whoosh_query=whoosh_query,
        warnings=warnings,
        blank=parsed.blank,
        folded=None if groups is None else folded(tables, result, groups),
        exact=exact,
        also=finder.also() if finder else [],
        related=found,
    )


def _within(base, chosen):
    """The matches `base` within every facet value chosen (`chosen`: facet -> mask)."""
    result = base.copy()
    for mask in chosen.values():
        result &= mask
    return result


def count(q, request=None, exclude=frozenset()):
    """How many memos a query matches (with the filters of `request`, if given), the memos
    of `exclude` left out."""
    searcher = index.searcher()
    tables = tables_of(searcher)
    hidden = docnums_of(searcher, exclude)
    whoosh_query, _parsed = compile_query(q, searcher, [])
    mask = mask_for(whoosh_query, searcher, tables)
    mask[hidden] = False
    if request is not None:
        if request.start or request.end:
            mask &= tables.date_mask(request.start, request.end)
        for name, values in request.filters.items():
            mask &= tables.value_mask(name, values)
    return int(np.count_nonzero(mask))


def _best(everything, result, offset, limit):
    """Document numbers [offset, offset + limit) of the result set, best score first."""
    docnums, scores = everything
    keep = result[docnums] if len(docnums) else np.zeros(0, dtype=bool)
    docnums, scores = docnums[keep], scores[keep]
    order = np.lexsort((docnums, -scores))  # ties: lower document number first, as Whoosh
    return docnums[order[offset : offset + limit]]


def one_pass(query, narrowed=False):
    """Whether one scoring pass over every match is the cheapest way to the result set and
    the best hits together (measured at 100,000 memos, bench/search.py).

    Whoosh scores every match of a word, an AND or a phrase anyway, so that pass can keep
    them all. Not so for an OR (the expansion of a wildcard or ~ word, say), whose best hits
    Whoosh finds by skipping blocks that cannot compete, nor for a search narrowed by facets
    or dates, where only the memos left need scores: then the result set is read from the
    postings (docsets.py) and Whoosh scores what it must. A phrase goes through Whoosh's
    matcher either way, so it is always one pass.
    """
    if needs_matcher(query):
        return True
    return not narrowed and not has_or(query) and not has_negation(query)


def has_or(query):
    """Whether a compiled query has an OR of several parts anywhere in it."""
    if isinstance(query, wq.Or) and len(list(query.children())) > 1:
        return True
    return any(has_or(child) for child in query.children()) if not query.is_leaf() else False


def has_negation(query):
    """Whether a compiled query excludes anything (AndNot or Not, anywhere in it)."""
    if isinstance(query, wq.AndNot | wq.Not):
        return True
    return any(has_negation(child) for child in query.children()) if not query.is_leaf() else False


def _window(searcher, tables, whoosh_query, result, request, sort, offset, limit, hidden):
    """Document numbers [offset, offset + limit) of the result set in the order asked for
    (`hidden`: document numbers Whoosh's own search must skip)."""
    end = offset + limit
    if limit <= 0 or not result.any():
        return np.zeros(0, dtype=np.int64)
    if sort == "relevance":
        # Always filtered by the mask: besides the facets and dates it applies, Whoosh's
        # AndNotMatcher lets a negated word through when that word's first posting comes
        # before the positive side's (whoosh-reloaded 2.7.5, AndNotMatcher._find_first).
        narrowed = bool(request.filters or request.start or request.end)
        allow = None
        if narrowed or has_negation(whoosh_query):
            allow = set(np.flatnonzero(result).tolist())
        mask = set(hidden.tolist()) if allow is None and len(hidden) else None
        hits = searcher.search(whoosh_query, limit=end, filter=allow, mask=mask)
        return np.array([docnum for _score, docnum in hits.top_n][offset:end], dtype=np.int64)
    column = tables.published if sort == "-published" else tables.date
    order = tables.order_by(column, result, reverse=sort.startswith("-"), limit=end)
    return order[offset:end]
