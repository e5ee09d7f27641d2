"""The search engine behind service.py, chosen by SEARCH_URL: Whoosh, Xapian or Elasticsearch.

service.py asks an engine object for ids, counts and terms; each engine answers from its own
index in one module (Whoosh: the whoosh_* modules, wrapped below; Xapian: xapian_engine.py;
Elasticsearch: es_engine.py). Every engine offers the same surface:

    run(request, sort, offset, limit, facets, exclude) -> Result   ids, total, facet counts
    count(q, request, exclude) -> int                     memos a query matches, with filters
    corrections(parsed, exclude) -> {word: replacement}   did-you-mean, from the index's words
    similar_ids(memo, limit, exclude) -> [id]             more like this
    text_terms(parsed) -> [str]                           full-text stems a query looks for
    write(memo_ids, public)                               apply queued updates (queue.py only)
    indexed_ids() / stored_documents() / clean_stale_files()

`exclude` is a set of memo ids the index may still hold but no answer may count, list or
learn words from: the memos just taken off publication whose index update is still queued
(queue.unpublished_ids(), usually empty). Each engine applies it inside the search, before
totals and facets are counted, at a cost that grows with the set, not with the index.

Stems are always those of the Whoosh analyzer (whoosh_backend.text_analyzer): the snippets
and highlights (snippets.py, highlight.py) stem the database text the same way on any engine.
"""

import threading
from dataclasses import dataclass, field

from haystack import connections
from whoosh import query as wq

__all__ = ["Result", "WhooshSearch", "current", "kind", "warm"]


@dataclass
class Result:
    """What an engine says about one search: total, ids of the window, facet counts, terms."""

    total: int
    ids: list  # memo ids of the window asked for, in order
    facets: dict = field(default_factory=dict)  # facet name -> [(value, count)]
    terms: list = field(default_factory=list)  # full-text stems, for snippets
    warnings: list = field(default_factory=list)
    blank: bool = False  # nothing searchable was typed


def facet_values():
    """Values listed per text facet, on every engine (whoosh_run.FACET_VALUES: one setting)."""
    from archive.search import whoosh_run

    return whoosh_run.FACET_VALUES


def kind(engine_path=None):
    """ "whoosh", "xapian" or "elasticsearch": the kind of the default haystack connection."""
    path = engine_path or connections.connections_info["default"]["ENGINE"]
    lowered = path.lower()
    if "xapian" in lowered:
        return "xapian"
    if "elasticsearch" in lowered or "es_engine" in lowered:
        return "elasticsearch"
    return "whoosh"


_lock = threading.Lock()
_engines = {}


def current():
    """The engine of the default connection (one object per kind and connection options)."""
    info = connections.connections_info["default"]
    key = (kind(info["ENGINE"]), info.get("PATH"), info.get("URL"), info.get("INDEX_NAME"))
    with _lock:
        found = _engines.get(key)
        if found is None:
            # Settings changed (a test's fresh index, say): the engines of before let go of
            # their open files.
            for old in _engines.values():
                getattr(old, "close", lambda: None)()
            _engines.clear()
            found = _engines[key] = _build(key[0], info)
        return found


def warm():
    """Open the index and read its columns now (a browse of everything), so that the first
    researcher to search after a web worker starts does not wait for it (gunicorn.conf.py)."""
    from archive.search.params import SearchRequest

    current().run(SearchRequest.from_params({}), "relevance", 0, 1)


def _build(name, info):
    # Imported here: a Whoosh site never needs the xapian or elasticsearch packages.
    if name == "xapian":
        from archive.search.xapian_engine import XapianSearch

        return XapianSearch(info["PATH"])
    if name == "elasticsearch":
        from archive.search.es_engine import ElasticsearchSearch

        return ElasticsearchSearch(info["URL"], info["INDEX_NAME"], info.get("KWARGS") or {})
    return WhooshSearch()


class WhooshSearch:
    """The Whoosh index (archive.search.engine and the whoosh_* modules)."""

    name = "whoosh"

    def run(self, request, sort, offset=0, limit=20, facets=True, exclude=frozenset()):
        """Run a SearchRequest; `sort` is relevance, date, -date or -published."""
        from archive.search import whoosh_run

        outcome = whoosh_run.run(request, sort, offset, limit, facets=facets, exclude=exclude)
        return Result(
            total=outcome.total,
            ids=outcome.ids,
            facets=outcome.facets,
            terms=whoosh_text_terms(outcome.whoosh_query),
            warnings=outcome.warnings,
            blank=outcome.blank,
        )

    def count(self, q, request=None, exclude=frozenset()):
        """How many memos a query matches (with the filters of `request`, if given)."""
        from archive.search import whoosh_run

        return whoosh_run.count(q, request, exclude=exclude)

    def corrections(self, parsed, exclude=frozenset()):
        """{word as typed: better spelling} for the words of a parsed query."""
        from archive.search import engine, whoosh_suggest
        from archive.search.whoosh_docsets import docnums_of

        searcher = engine.searcher()
        hidden = docnums_of(searcher, exclude)
        return whoosh_suggest.corrections(parsed, searcher, hidden=hidden)

    def similar_ids(self, memo, limit=5, exclude=frozenset()):
        """Ids of the indexed memos most like this memo, best first."""
        from archive.search import whoosh_similar

        return whoosh_similar.similar_ids(memo, limit=limit, exclude=exclude)

    def text_terms(self, parsed):
        """The full-text index terms of a parsed query (expansions included)."""
        from archive.search import engine
        from archive.search.whoosh_query import to_whoosh

        return whoosh_text_terms(to_whoosh(parsed, engine.searcher(), []))

    def write(self, memo_ids, public, **writer_options):
        """Write these memos (`public`: id -> memo, the rest deleted); caller holds the lock."""
        from archive.search import engine

        with engine.locked_writer(**writer_options) as writer:
            for pk in memo_ids:
                memo = public.get(pk)
                if memo is None:
                    writer.delete_by_term("id", engine.identifier(pk))
                else:
                    writer.update_document(**engine.whoosh_document(memo))

    def clean_stale_files(self):
        """Remove what killed writers left (caller holds the writer lock)."""
        from archive.search import engine

        return engine.clean_stale_files()

    def indexed_ids(self):
        """Ids of the memos the index holds now."""
        from archive.search import engine

        return engine.indexed_ids()

    def stored_documents(self):
        """{memo id: stored fields} of every document (see manage.py reconcile)."""
        from archive.search import engine

        reader = engine.searcher().reader()
        return {int(fields["django_id"]): fields for _docnum, fields in reader.iter_docs()}


def whoosh_text_terms(whoosh_query):
    """The full-text index terms a compiled Whoosh query looks for (stems, expansions)."""
    if whoosh_query is None:
        return []
    return sorted({text for name, text in _query_terms(whoosh_query) if name == "text"})


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
