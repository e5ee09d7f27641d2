"""Running a researcher's search: the one entry point of views, API, exports and feeds.

`search()` gives a page of results with snippets, facet counts, warnings and did-you-mean;
`export()` and `newest()` give up to a documented number of memos for the same parameters;
`more_like_this()` and `terms_for()` serve the memo page. The index is only read through the
engine SEARCH_URL chooses (engines.py: Whoosh, Xapian or Elasticsearch); what it returns is
plain ids and counts, and every memo shown is fetched again from the published memos of the
database. Each of them first reads the memos just taken off publication whose index update is
still queued (queue.unpublished_ids()), and the engine leaves those out of everything it
counts and lists: a withdrawal shows on every public surface from its commit on, whichever
process holds the index's writer and however long its queue.

Copies of one document (archive/copies.py) are folded into the best ranked of them (folding.py):
a page lists documents, each with its other published copies, and says how many documents and
how many memos with their copies the search found.
"""

import logging
import math
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache

from archive import copies
from archive.models import Memo
from archive.search import engines, folding, queue, related, spelling, thesaurus
from archive.search.marks import Marks, marks_for
from archive.search.params import SORTS, SearchRequest
from archive.search.query import MatchAll, parse
from archive.search.query import relaxed as relaxable
from archive.search.snippets import memo_snippet

__all__ = ["SORTS", "SearchRequest", "export", "more_like_this", "newest", "search", "terms_for"]

log = logging.getLogger("archive.search")

# Rows an export gives at most (the page says so); a feed lists the newest FEED_LIMIT.
EXPORT_LIMIT = 10_000
FEED_LIMIT = 50
# Did-you-mean is worked out when a search finds at most this many memos.
SUGGEST_BELOW = 3
SUGGEST_BUDGET = 0.3  # seconds
# A memo's similar ids are kept this long for one state of the index.
SIMILAR_SECONDS = 3600
# Similar memos asked of the engine beyond those shown, for the copies left out.
SIMILAR_SPARE = 5


@dataclass
class Hit:
    """One memo in a result list, with its snippet."""

    memo: Memo
    snippet: str
    score: float | None = None
    copies: list = field(default_factory=list)  # its other published copies (copies.py)


@dataclass
class Suggestion:
    """Another query worth trying, with how many memos it finds."""

    q: str
    total: int
    kind: str  # "spelling" or "fuzzy"
    link: str = ""  # the query string of the search with this query


@dataclass
class ResultPage:
    """One page of results and what the page needs to show about the search."""

    q: str
    sort: str
    page: int
    per_page: int
    total: int  # documents (copies folded), or memos when `counts_documents` is false
    hits: list
    warnings: list = field(default_factory=list)
    terms: list = field(default_factory=list)
    facets: dict = field(default_factory=dict)
    suggestions: list = field(default_factory=list)
    request: SearchRequest | None = None
    memos: int | None = None  # memos found, copies of one document counted apart
    counts_documents: bool = True  # whether `total` counts documents (else memos)
    # A search of several plain words (query.relaxed, strict not asked) also lists memos
    # missing one word, after those with all; `exact`: how many of `total` have every word
    # (None when the engine does not count them, or every word was required).
    relaxed: bool = False
    exact: int | None = None
    # [(form typed, [other forms])]: the thesaurus's (thesaurus.py), names' variants (names.py)
    also: list = field(default_factory=list)
    # A sparse search's related memos (related.py), on its first page: related.Related with
    # its `hits`, or None. They are no part of `total`, `hits` or `facets`.
    related: object = None

    @property
    def forgiving(self):
        """Whether results missing one word of the query may be listed (after the others)."""
        return self.relaxed and (self.exact is None or self.exact < self.total)

    @property
    def strict_link(self):
        """The query string of the same search with every word required."""
        return self.request.changed(strict=True).query_string() if self.request else ""

    @property
    def forgiving_link(self):
        """The query string of the same search also finding memos missing one word, when every
        word was required (strict=1) of a query that may find them; else ""."""
        request = self.request
        if request is None or not request.strict or not relaxable(parse(request.q), request.q):
            return ""
        return request.changed(strict=False).query_string()

    @property
    def folded(self):
        """Memos found that are copies of a document counted once (0 if unknown)."""
        return (self.memos or 0) - self.total if self.counts_documents else 0

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
    browsing = isinstance(parse(q or "").node, MatchAll)
    if value in ("date", "-date") or value == "relevance" and not browsing:
        return value
    return "date" if browsing else "relevance"


def _request(q, page, sort, request):
    if request is None:
        request = SearchRequest(q=q or "", sort=sort or "", page=clean_page(page))
    return request


def search(q="", page=1, sort="", per_page=None, *, request=None, facets=True):
    """Search the published memos (by a SearchRequest, or q/page/sort); never raises."""
    request = _request(q, page, sort, request)
    per_page = per_page or settings.ARCHIVE_RESULTS_PER_PAGE
    sort = clean_sort(request.sort, request.q)
    max_pages = max(1, settings.ARCHIVE_MAX_RESULT_WINDOW // per_page)
    page = min(clean_page(request.page), max_pages)
    hidden = queue.unpublished_ids()  # before the engine opens the index: see its docstring
    backend = engines.current()
    groups = copies.groups()
    options = {"facets": facets, "exclude": hidden, "groups": groups.column if groups else None}
    options["also_related"] = page == 1
    most = settings.ARCHIVE_MAX_RESULT_WINDOW + per_page

    def fold(page):
        start = (page - 1) * per_page
        return folding.fold(backend, request, sort, start, per_page, options, groups, most)

    folded = fold(page)
    total = folded.outcome.total if folded.documents is None else folded.documents
    last_page = max(1, min(math.ceil(total / per_page), max_pages))
    if page > last_page:
        page = last_page
        options["also_related"] = page == 1
        folded = fold(page)
        total = folded.outcome.total if folded.documents is None else folded.documents
    outcome = folded.outcome
    terms = outcome.terms
    marks = marks_for(parse(request.q).node, terms) if terms else Marks()
    memos = Memo.objects.published().select_related("collection")
    # Without words to find, a memo shows its summary or kept excerpt: its text (up to
    # ~300,000 characters) stays in the database. With them, snippets read the public text.
    memos = memos.prefetch_related("suppressions") if terms else memos.defer("text", "parts")
    memos = memos.in_bulk(folded.ids)
    hits = [
        Hit(memo=memos[pk], snippet=memo_snippet(memos[pk], marks))
        for pk in folded.ids
        if pk in memos
    ]
    others = copies.copies_of([hit.memo for hit in hits], groups, exclude=hidden) if groups else {}
    for hit in hits:
        hit.copies = others.get(hit.memo.pk, [])
    warnings = list(dict.fromkeys([*request.warnings, *outcome.warnings]))
    result = ResultPage(
        q=request.q,
        sort=sort,
        page=page,
        per_page=per_page,
        total=total,
        memos=outcome.total,
        counts_documents=folded.documents is not None,
        relaxed=not request.strict and bool(relaxable(parse(request.q), request.q)),
        exact=getattr(outcome, "exact", None),
        also=thesaurus.also_searched(parse(request.q)) + getattr(outcome, "also", []),
        related=related_hits(getattr(outcome, "related", None), hits, groups, hidden),
        hits=hits,
        warnings=warnings,
        terms=terms,
        facets=outcome.facets,
        request=request,
    )
    if outcome.total < SUGGEST_BELOW and request.q.strip() and not outcome.blank:
        result.suggestions = suggestions(request, outcome.total, hidden)
    return result


def related_hits(found, hits, groups, hidden):
    """A sparse search's related.Related (or None) with the Hits of its best memos, one copy
    of each document and none a copy of a memo in `hits`; None if no memo is left."""
    if not found or not found.ids:
        return None
    ids = folding.standing(found.ids, groups) if groups else list(found.ids)
    if groups:
        shown = {groups.key(hit.memo.pk) for hit in hits} - {None}
        ids = [pk for pk in ids if groups.key(pk) not in shown]
    memos = Memo.objects.published().select_related("collection").defer("text", "parts")
    memos = memos.exclude(pk__in=hidden).in_bulk(ids[: related.SHOWN])
    found.hits = [
        Hit(memo=memos[pk], snippet=memo_snippet(memos[pk], Marks()))
        for pk in ids[: related.SHOWN]
        if pk in memos
    ]
    return found if found.hits else None


def suggestions(request, total, hidden=frozenset()):
    """Queries worth trying instead: better spellings, then the words with OCR misreadings
    (the memos of `hidden` left out of every count)."""
    started = time.monotonic()
    backend = engines.current()
    parsed = parse(request.q)
    found = []
    try:
        # rewrite(), fuzzy() and plain_words() only edit the query text: any engine uses them.
        replacements = backend.corrections(parsed, exclude=hidden)
        if replacements:
            better = spelling.rewrite(request.q, replacements)
            matches = backend.count(better, request, exclude=hidden)
            found.append(Suggestion(better, matches, "spelling"))
        if time.monotonic() - started < SUGGEST_BUDGET:
            words = spelling.plain_words(parsed)
            if words:
                loose = spelling.fuzzy(request.q, words)
                matches = backend.count(loose, request, exclude=hidden)
                found.append(Suggestion(loose, matches, "fuzzy"))
    except Exception:  # a suggestion is a nicety: never the reason a search fails
        log.exception("Could not work out suggestions for %r", request.q[:200])
        return []
    seen, best, useful = {request.q}, total, []
    for suggestion in found:
        # A fuzzy search is offered only if it finds more than the better spelling does.
        if suggestion.total > best and suggestion.q not in seen:
            seen.add(suggestion.q)
            best = suggestion.total
            suggestion.link = request.changed(q=suggestion.q).query_string()
            useful.append(suggestion)
    return useful


def _ordered_memos(ids, batch=500):
    """Published memos for these ids, in this order, fetched in batches."""
    for start in range(0, len(ids), batch):
        chunk = ids[start : start + batch]
        memos = (
            Memo.objects.published()
            .select_related("collection")
            .prefetch_related("redactions")
            .defer("text", "parts")  # a feed shows the summary or the kept excerpt
            .in_bulk(chunk)
        )
        yield from (memos[pk] for pk in chunk if pk in memos)


# Columns an export never shows: left in the database, so a 10,000-row export stays cheap.
EXPORT_DEFERRED = (
    "text", "extra", "field_confidence", "review_notes", "curated_fields", "source_citation",
    "control_markings", "classification_marking", "archival_description", "parts",
    "field_sources", "subjects",
)  # fmt: skip


def _export_memos(ids, batch=1000):
    """Published memos for these ids, in this order, each with `export_codes` (its redactions'
    exemption codes, sorted, each once) and `export_redactions` (how many it has): read as
    plain values in one query per batch, not as a Redaction object each."""
    from archive.models import Redaction

    for start in range(0, len(ids), batch):
        chunk = ids[start : start + batch]
        memos = (
            Memo.objects.published()
            .select_related("collection")
            .defer(*EXPORT_DEFERRED)
            .in_bulk(chunk)
        )
        codes, counts = {}, {}
        rows = Redaction.objects.filter(memo_id__in=list(memos)).values_list("memo_id", "codes")
        for memo_id, redaction_codes in rows:
            counts[memo_id] = counts.get(memo_id, 0) + 1
            codes.setdefault(memo_id, set()).update(redaction_codes or ())
        for pk in chunk:
            memo = memos.get(pk)
            if memo is not None:
                memo.export_codes = sorted(codes.get(pk, ()))
                memo.export_redactions = counts.get(pk, 0)
                yield memo


def export(request, limit=EXPORT_LIMIT):
    """(total, sort, memos in search order, at most `limit`) for an export of a search."""
    sort = clean_sort(request.sort, request.q)
    hidden = queue.unpublished_ids()
    outcome = engines.current().run(request, sort, 0, limit, facets=False, exclude=hidden)
    return outcome.total, sort, _export_memos(outcome.ids)


def newest(request, limit=FEED_LIMIT):
    """The memos of a search most recently published in the archive, newest first."""
    hidden = queue.unpublished_ids()
    outcome = engines.current().run(request, "-published", 0, limit, facets=False, exclude=hidden)
    return list(_ordered_memos(outcome.ids))


def more_like_this(memo, limit=5):
    """Published memos most like this one, never itself nor a copy of it, and one copy of any
    other document (archive/copies.py); [] when there are none."""
    asked = limit + SIMILAR_SPARE  # copies are the likeliest: some are left out below
    try:
        hidden = queue.unpublished_ids()
        key = _similar_key(memo, asked, hidden)
        ids = cache.get(key) if key else None
        if ids is None:
            ids = engines.current().similar_ids(memo, limit=asked, exclude=hidden)
            if key:
                cache.set(key, ids, SIMILAR_SECONDS)
    except Exception:  # a side panel must never break the memo page
        log.exception("More like this failed for memo %s", memo.pk)
        return []
    # Ids only, from the index (or the cache): every memo shown is published now.
    memos = Memo.objects.published().exclude(pk=memo.pk).defer("text", "parts").in_bulk(ids)
    shown, groups = [], {memo.copy_group} if memo.copy_group else set()
    for pk in ids:
        other = memos.get(pk)
        if other is None or other.copy_group and other.copy_group in groups:
            continue
        groups.add(other.copy_group)
        shown.append(other)
    return shown[:limit]


def _similar_key(memo, limit, hidden=frozenset()):
    """Cache key of a memo's similar ids on this state of the index (None if the engine cannot
    name its state: only Whoosh does).

    Scoring a memo's key terms is most of a memo page's cost on a large Whoosh index; the
    answer only changes when the index does, and any commit gives the index a new generation,
    or when memos are taken off publication before it (not cached then: that lasts seconds).
    """
    if hidden:
        return None
    state = engines.current().state_key()
    if state is None:
        return None
    return f"similar:{state}:{memo.pk}:{limit}"


def terms_for(q):
    """What a user's query marks in a memo's text (Marks: its plain words, its phrases)."""
    parsed = parse(q or "")
    if isinstance(parsed.node, MatchAll):
        return Marks()
    return marks_for(parsed.node, engines.current().text_terms(parsed))
