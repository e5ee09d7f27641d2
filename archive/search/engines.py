"""The search engine behind service.py, chosen by SEARCH_URL: Whoosh, Xapian or Elasticsearch.

service.py asks an engine object for ids, counts and terms; each engine answers from its own
index in its own package (Whoosh: whoosh/search.py; Xapian: xapian/engine.py; Elasticsearch:
elasticsearch/engine.py). Every engine offers the same surface:

    run(request, sort, offset, limit, facets, exclude, groups, also_related) -> Result
                                                          ids, total, facets, related memos
    count(q, request, exclude) -> int                     memos a query matches, with filters
    corrections(parsed, exclude) -> {word: replacement}   did-you-mean, from the index's words
    similar_ids(memo, limit, exclude) -> [id]             more like this
    state_key() -> str or None                            names the index's state, for caching
    text_terms(parsed) -> [str]                           full-text stems a query looks for
    write(memo_ids, public)                               apply queued updates (queue.py only)
    bulk_writer(expected, optimize)                       applies the queue during a bulk load
    indexed_ids() / stored_documents() / clean_stale_files()

and, on the class, `from_connection(info)` (the engine of a haystack connection) and `start()`
(what the engine prepares as the app starts). Which class is registry.py's business: the
SEARCH_URL scheme names it.

`exclude` is a set of memo ids the index may still hold but no answer may count, list or
learn words from: the memos just taken off publication whose index update is still queued
(queue.unpublished_ids(), usually empty). Each engine applies it inside the search, before
totals and facets are counted, at a cost that grows with the set, not with the index.

`groups` (a numpy column: memo id -> copy group number, -1 for a memo alone; see
archive/copies.py) asks for `Result.folded`, how many of the total are copies of another memo
of the result set; an engine that cannot count it leaves it None.

`also_related` asks for `Result.related`, the related memos of a sparse search of plain words
(related.py: memos without the words that share the found memos' most distinctive ones), or
None; they are no part of the total, the ids or the facets.

Stems are always those of one analyzer (analysis.text_analyzer): the snippets
and highlights (snippets.py, highlight.py) stem the database text the same way on any engine.
"""

import threading
from dataclasses import dataclass, field

from django.utils.module_loading import import_string
from haystack import connections

from archive.search import params
from archive.search.registry import ENGINES, name_of

__all__ = ["Result", "current", "name", "start", "warm"]


@dataclass
class Result:
    """What an engine says about one search: total, ids of the window, facet counts, terms."""

    total: int
    ids: list  # memo ids of the window asked for, in order
    facets: dict = field(default_factory=dict)  # facet name -> [(value, count)]
    terms: list = field(default_factory=list)  # full-text stems, for snippets
    warnings: list = field(default_factory=list)
    blank: bool = False  # nothing searchable was typed
    folded: int | None = None  # memos of the total that are copies of another (if asked)
    # A forgiving search (query.relaxed) also lists memos missing one word, below the others:
    # how many of the total have every word (documents, copies folded, when `folded` is set).
    exact: int | None = None
    also: list = field(default_factory=list)  # [(name typed, [variants])] also searched: names.py
    # related.Related: the related memos of a sparse search (related.py), or None.
    related: object = None


def facet_values():
    """Values listed per text facet, on every engine (params.FACET_VALUES: one setting)."""
    return params.FACET_VALUES


def name():
    """ "whoosh", "xapian" or "elasticsearch": the registry name of the default connection."""
    return name_of(connections.connections_info["default"]["ENGINE"])


def engine_class(engine_name=None):
    """The engine class registered under this name (by default, the configured engine's)."""
    return import_string(ENGINES[engine_name or name()].engine)


def start():
    """Let the configured engine prepare itself as the app starts (archive/apps.py)."""
    engine_class().start()


_lock = threading.Lock()
_engines = {}


def current():
    """The engine of the default connection (one object per engine and connection options)."""
    info = connections.connections_info["default"]
    key = (name_of(info["ENGINE"]), info.get("PATH"), info.get("URL"), info.get("INDEX_NAME"))
    with _lock:
        found = _engines.get(key)
        if found is None:
            # Settings changed (a test's fresh index, say): the engines of before let go of
            # their open files.
            for old in _engines.values():
                getattr(old, "close", lambda: None)()
            _engines.clear()
            found = _engines[key] = engine_class(key[0]).from_connection(info)
        return found


def warm():
    """Open the index and read its columns now (a browse of everything), so that the first
    researcher to search after a web worker starts does not wait for it (gunicorn.conf.py)."""
    from archive.search.params import SearchRequest

    current().run(SearchRequest.from_params({}), "relevance", 0, 1)


def lazy_engine(module_globals, name, build):
    """A module's __getattr__ that builds its haystack engine class `name` on first use (the
    engine's client library is imported only when that engine is chosen)."""

    def __getattr__(attr):
        if attr != name:
            raise AttributeError(attr)
        module_globals[name] = engine_class = build()
        return engine_class

    return __getattr__
