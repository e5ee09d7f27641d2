"""Running a researcher's search: parse, query the index, page, fetch the memos, make snippets.

Views and the API call `search()`; nothing else talks to the index for reading.
"""

import math
from dataclasses import dataclass, field

from django.conf import settings
from whoosh import query as wq

from archive.models import Memo
from archive.search import engine
from archive.search.query import MatchAll, parse
from archive.search.snippets import snippet
from archive.search.whoosh_query import to_whoosh

SORTS = {
    "relevance": "Relevance",
    "date": "Date (oldest first)",
    "-date": "Date (newest first)",
}


@dataclass
class Hit:
    """One memo in a result list, with its snippet."""

    memo: Memo
    snippet: str
    score: float | None = None


@dataclass
class ResultPage:
    """One page of results and what the page needs to show about the search."""

    q: str
    sort: str
    page: int
    per_page: int
    total: int
    hits: list
    warnings: list = field(default_factory=list)
    terms: list = field(default_factory=list)

    @property
    def num_pages(self):
        window = settings.ARCHIVE_MAX_RESULT_WINDOW // self.per_page
        return max(1, min(math.ceil(self.total / self.per_page), window))

    @property
    def has_previous(self):
        return self.page > 1

    @property
    def has_next(self):
        return self.page < self.num_pages

    @property
    def first_index(self):
        return (self.page - 1) * self.per_page + 1 if self.hits else 0

    @property
    def last_index(self):
        return (self.page - 1) * self.per_page + len(self.hits)


def clean_page(value):
    """A page number from user input: a positive int, 1 when it is not one."""
    try:
        page = int(str(value).strip()[:9])
    except (TypeError, ValueError):
        return 1
    return max(1, page)


def clean_sort(value, q):
    """A known sort; relevance is meaningless without words, so browsing sorts by date."""
    if value in SORTS:
        return value
    return "relevance" if q.strip() else "date"


def search(q="", page=1, sort="relevance", per_page=None):
    """Search the published memos; never raises on user input."""
    per_page = per_page or settings.ARCHIVE_RESULTS_PER_PAGE
    q = q or ""
    sort = clean_sort(sort, q)
    page = clean_page(page)
    parsed = parse(q)
    warnings = list(parsed.warnings)
    searcher = engine.searcher()
    if isinstance(parsed.node, MatchAll):
        whoosh_query = wq.Every()
    else:
        whoosh_query = to_whoosh(parsed, searcher, warnings)
    if sort == "relevance" and isinstance(parsed.node, MatchAll):
        sort = "date"

    max_pages = max(1, settings.ARCHIVE_MAX_RESULT_WINDOW // per_page)
    page = min(page, max_pages)
    options = {"limit": page * per_page}
    if sort != "relevance":
        options.update(sortedby="date", reverse=sort == "-date")
    results = searcher.search(whoosh_query, **options)
    total = len(results)
    last_page = max(1, min(math.ceil(total / per_page), max_pages))
    if page > last_page:
        page = last_page
        results = searcher.search(whoosh_query, **{**options, "limit": page * per_page})

    shown = list(results)[(page - 1) * per_page : page * per_page]
    ids = [int(hit["django_id"]) for hit in shown]
    memos = Memo.objects.published().select_related("collection").in_bulk(ids)
    terms = text_terms(whoosh_query)
    hits = [
        Hit(memo=memos[pk], snippet=snippet(memos[pk].text, terms), score=hit.score)
        for pk, hit in zip(ids, shown, strict=True)
        if pk in memos
    ]
    return ResultPage(
        q=q,
        sort=sort,
        page=page,
        per_page=per_page,
        total=total,
        hits=hits,
        warnings=warnings,
        terms=terms,
    )


def text_terms(whoosh_query):
    """The full-text index terms a compiled query looks for (stems, expansions included)."""
    return sorted({text for name, text in _query_terms(whoosh_query) if name == "text"})


def terms_for(q):
    """The full-text index terms of a user's query, for highlighting a memo's text."""
    parsed = parse(q or "")
    if isinstance(parsed.node, MatchAll):
        return []
    return text_terms(to_whoosh(parsed, engine.searcher(), []))


def _query_terms(whoosh_query):
    """(field, text) of every term the query looks for, as str; negated parts left out."""
    if isinstance(whoosh_query, wq.Not):
        return []
    if isinstance(whoosh_query, wq.AndNot):
        return _query_terms(whoosh_query.a)
    if whoosh_query.is_leaf():
        return [
            (name, text.decode("utf-8", "replace") if isinstance(text, bytes) else text)
            for name, text in whoosh_query.terms(phrases=True)
        ]
    terms = []
    for child in whoosh_query.children():
        terms.extend(_query_terms(child))
    return terms
