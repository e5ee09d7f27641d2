"""The Xapian engine (SEARCH_URL=xapian:///path): our search on a Xapian database.

Documents are written by the index queue's writer only (queue.py, under the archive's writer
lock), with the terms of the Whoosh analyzer (analysis.text_analyzer), so stems, phrases
and snippets behave as on Whoosh; the terms and slots, and the compiling of what a user typed,
are in xapian/query.py. Facets are counted as on Whoosh, over numpy columns of the database
(xapian/tables.py) and the array of every document a query matches: a facet with a chosen
value is counted without that choice (OR within a facet, AND across). Xapian ranks or sorts
the page itself. Memos the caller excludes (just taken off publication, their index update
still queued) are found by their unique terms, cleared from the mask that totals and facets
are counted over, and left out of the page's query with AND_NOT.
"""

import datetime
import json
import math
import threading
import time
from pathlib import Path

import numpy as np
import xapian

from archive.public_text import public_text
from archive.search import feedback, names, queue, related
from archive.search import query as q
from archive.search.analysis import SEPARATOR, text_analyzer
from archive.search.columns import facet_counts, folded, selections
from archive.search.documents import memo_index
from archive.search.engines import Result, facet_values, lazy_engine
from archive.search.fields import KEY_TERMS, MAX_SHARE, SIMILAR_CHARS
from archive.search.spelling import COMMONER, distance, query_words
from archive.search.xapian import haystack
from archive.search.xapian import tables as xapian_tables
from archive.search.xapian.documents import build_document
from archive.search.xapian.feedback import fed_back, memo_id
from archive.search.xapian.query import (
    DATE_SLOT,
    ID_SLOT,
    PUBLISHED_SLOT,
    Compiler,
    Lexicon,
    dates,
    filtered,
    selection,
    term,
)
from archive.search.xapian.related import held_terms, related_memos

NO_DATE_LAST = "99999999"


def _unique(pk):
    """The unique term of a memo's document."""
    return term("Q", f"archive.memo.{pk}")


def _without(query, memo_ids):
    """The query, the documents of these memos left out."""
    if not memo_ids:
        return query
    hidden = xapian.Query(xapian.Query.OP_OR, [xapian.Query(_unique(pk)) for pk in memo_ids])
    return xapian.Query(xapian.Query.OP_AND_NOT, query, hidden)


def _within(base, chosen):
    """The matches `base` within every facet value chosen (`chosen`: facet -> mask)."""
    result = base.copy()
    for mask in chosen.values():
        result &= mask
    return result


def _docids(db, memo_ids):
    """Document ids of these memos, by their unique terms (a lookup each)."""
    return np.array(
        sorted(item.docid for pk in memo_ids for item in db.postlist(_unique(pk))),
        dtype=np.int64,
    )


class XapianSearch:
    """The engine surface of engines.py on a Xapian database."""

    name = "xapian"

    def __init__(self, path):
        self.path = Path(path)
        self._local = threading.local()
        self._opened = []
        self._lock = threading.Lock()

    @classmethod
    def from_connection(cls, info):
        """The engine of a haystack connection (SEARCH_URL=xapian:///path)."""
        return cls(info["PATH"])

    @classmethod
    def start(cls):
        """Nothing to prepare: the database is opened on first use."""

    # -- reading -----------------------------------------------------------------------------

    def database(self):
        """This thread's database, at its latest committed revision (empty if none yet)."""
        db = getattr(self._local, "db", None)
        if db is None:
            if not (self.path / "iamglass").exists():
                # Nothing written yet: an empty database; the real one is opened next time.
                return xapian.WritableDatabase("", xapian.DB_BACKEND_INMEMORY)
            db = xapian.Database(str(self.path))
            self._local.db = db
            with self._lock:
                self._opened.append(db)
        else:
            db.reopen()
        return db

    def close(self):
        """Close every database this engine opened (settings changed, or a test ended)."""
        with self._lock:
            for db in self._opened:
                db.close()
            self._opened = []
        self._local = threading.local()
        xapian_tables.forget(self.path)

    def _compile(self, db, q_text, warnings):
        query, parsed, compiler, _strict = self._compile_search(db, q_text, warnings)
        return query, parsed, compiler

    def _compile_search(self, db, q_text, warnings, forgiving=False, finder=None):
        """(query, ParsedQuery, Compiler, the query of all its words or None); with
        `forgiving`, memos missing one word of several plain words are found too; with a
        names.Finder, names' spelling variants are searched too."""
        parsed = q.parse(q_text or "")
        warnings.extend(w for w in parsed.warnings if w not in warnings)
        compiler = Compiler(db, warnings, finder)
        if isinstance(parsed.node, q.MatchAll):
            return xapian.Query.MatchAll, parsed, compiler, None
        subsets = q.relaxed(parsed, q_text) if forgiving else None
        if subsets:
            query, strict = compiler.forgiving(parsed.node, subsets)
            return query, parsed, compiler, strict
        return compiler.compile(parsed.node), parsed, compiler, None

    def run(self, request, sort, offset=0, limit=20, facets=True, exclude=frozenset(), **more):
        """Run a SearchRequest (engines.Result); `sort` is relevance, date, -date, -published;
        the memos of `exclude` are left out; `more`: `groups` (the copies folded are counted)
        and `also_related` (engines.py)."""
        groups, also_related = more.get("groups"), more.get("also_related", False)
        args = (request, sort, offset, limit, facets, exclude, groups, also_related)
        return _retried(self._run, *args)

    def _run(self, request, sort, offset, limit, facets, exclude, groups=None, also_related=False):
        db = self.database()
        warnings = []
        forgiving = not getattr(request, "strict", True)  # strict=1: no name variants either
        finder = None
        if forgiving:
            held = held_terms(db, _docids(db, exclude)) if exclude else {}
            finder = names.Finder(Lexicon(db, held))
        found = self._compile_search(db, request.q, warnings, forgiving, finder)
        query, parsed, compiler, strict = found
        tables = xapian_tables.tables(db, self.path)
        base_query = filtered(query, [dates(request.start, request.end)])
        if base_query is xapian.Query.MatchAll:
            base = tables.live.copy()
        else:
            base = np.zeros(tables.size, dtype=bool)
            base[xapian_tables.matched(db, base_query)] = True
        if exclude:
            base[_docids(db, exclude)] = False
        chosen = selections(tables, request.filters)
        result = _within(base, chosen)
        narrowed = filtered(base_query, [selection(name, request.filters[name]) for name in chosen])
        narrowed = _without(narrowed, exclude)
        wanted = feedback.wanted(request, parsed, sort) if result.any() else None
        if wanted is not None:
            narrowed = fed_back(db, self._enquire(db, narrowed, sort), narrowed, wanted, groups)
        counts = facet_counts(tables, base, chosen, facet_values()) if facets else {}
        mset = self._enquire(db, narrowed, sort).get_mset(offset, max(0, limit))
        ids = [memo_id(m.document) for m in mset]
        found = None
        if also_related and related.wanted(request, parsed, sort):
            hidden = _docids(db, exclude) if exclude else np.zeros(0, dtype=np.int64)
            within = _within(np.ones(tables.size, dtype=bool), chosen) if chosen else None
            enquire = self._enquire(db, narrowed, sort)
            args = (query, base, within, request, groups, hidden)
            found = related_memos(db, tables, enquire, *args)
        exact = None
        if strict is not None:  # memos (or documents, with groups) with every word
            within = np.zeros(tables.size, dtype=bool)
            within[xapian_tables.matched(db, strict)] = True
            within &= result
            exact = int(np.count_nonzero(within))
            exact -= 0 if groups is None else folded(tables, within, groups)
        return Result(
            total=int(np.count_nonzero(result)),
            ids=ids,
            facets=counts,
            terms=sorted(compiler.stems),
            warnings=warnings,
            blank=parsed.blank,
            folded=None if groups is None else folded(tables, result, groups),
            exact=exact,
            also=finder.also() if finder else [],
            related=found,
        )

    def _enquire(self, db, query, sort):
        enquire = xapian.Enquire(db)
        enquire.set_query(query)
        enquire.set_docid_order(xapian.Enquire.ASCENDING)
        if sort in ("date", "-date", "-published"):
            keys = xapian.MultiValueKeyMaker()
            slot = PUBLISHED_SLOT if sort == "-published" else DATE_SLOT
            reverse = sort.startswith("-")
            # Undated memos last either way: reversed order puts the empty value last.
            keys.add_value(slot, reverse, "" if reverse else NO_DATE_LAST)
            enquire.set_sort_by_key(keys, False)
        return enquire

    def count(self, q_text, request=None, exclude=frozenset()):
        """How many memos a query matches (with the filters of `request`, if given)."""
        return _retried(self._count, q_text, request, exclude)

    def _count(self, q_text, request, exclude):
        db = self.database()
        query, _parsed, _compiler = self._compile(db, q_text, [])
        if request is not None:
            filters = [dates(request.start, request.end)]
            filters += [selection(n, v) for n, v in request.filters.items() if v]
            query = filtered(query, filters)
        query = _without(query, exclude)
        enquire = self._enquire(db, query, "relevance")
        return enquire.get_mset(0, 0, max(db.get_doccount(), 1)).get_matches_estimated()

    def text_terms(self, parsed):
        """The full-text stems a query looks for (expansions included)."""
        compiler = Compiler(self.database(), [])
        compiler.compile(parsed.node)
        return sorted(compiler.stems)

    def corrections(self, parsed, budget=0.25, exclude=frozenset()):
        """{word as typed: better spelling}, from the database's own words (as on Whoosh);
        the memos of `exclude` count for nothing."""
        db = self.database()
        analyzer = text_analyzer()
        deadline = time.monotonic() + budget
        held = held_terms(db, _docids(db, exclude)) if exclude else {}

        def frequency(word):
            stems = [t.text for t in analyzer(word) if t.text]
            if len(stems) != 1:
                return 0
            name = term("", stems[0])
            return db.get_termfreq(name) - held.get(name.encode(), 0)

        found = {}
        for word in list(dict.fromkeys(query_words(parsed.node)))[:6]:
            word = word.lower()
            if time.monotonic() > deadline or not 3 <= len(word) <= 40 or not word.isalnum():
                continue
            own = frequency(word)
            compiler = Compiler(db, [])
            near = {w[1:] for w in compiler.near("W", word, 2 if len(word) > 4 else 1)}
            near.discard(word)
            scored = [
                (distance(word, c), -freq, c)
                for c in near
                if (freq := frequency(c)) > own * COMMONER
            ]
            if scored and min(scored)[0] <= 2:
                found[word] = min(scored)[2]
        return found

    def similar_ids(self, memo, limit=5, exclude=frozenset()):
        """Ids of the memos sharing this memo's most distinctive stems (tf-idf), best first;
        the memos of `exclude` are left out and their words count for nothing."""
        db = self.database()
        hidden = _docids(db, exclude) if exclude else np.zeros(0, dtype=np.int64)
        held = held_terms(db, hidden)
        total = max(1, db.get_doccount() - len(hidden))
        frequencies = {}
        for token in text_analyzer()(f"{memo.title}\n{public_text(memo)}"[:SIMILAR_CHARS]):
            if len(token.text) >= 3 and not token.text.isdigit():
                frequencies[token.text] = frequencies.get(token.text, 0) + 1
        scored = []
        for stem, tf in frequencies.items():
            name = term("", stem)
            df = db.get_termfreq(name) - held.get(name.encode(), 0)
            weight = (1 + math.log(tf)) * math.log(total / max(df, 1))
            # Only in this memo (OCR noise), in most memos, or in all (weight 0): no clue.
            if 2 <= df <= max(2, total * MAX_SHARE) and weight > 0:
                scored.append((weight, stem))
        scored.sort(reverse=True)
        if not scored:
            return []
        top = scored[0][0]
        query = xapian.Query(
            xapian.Query.OP_OR,
            [
                xapian.Query(xapian.Query.OP_SCALE_WEIGHT, xapian.Query(term("", s)), w / top)
                for w, s in scored[:KEY_TERMS]
            ],
        )
        enquire = self._enquire(db, _without(query, {memo.pk, *exclude}), "relevance")
        mset = enquire.get_mset(0, limit)
        return [int(xapian.sortable_unserialise(m.document.get_value(ID_SLOT))) for m in mset]

    def indexed_ids(self):
        """Ids of the memos the database holds now."""
        start = "Qarchive.memo."
        return {
            int(tail)
            for item in self.database().allterms(start)
            if (tail := item.term.decode()[len(start) :]).isdigit()
        }

    def stored_documents(self):
        """{memo id: stored fields}, as Whoosh stores them (see manage.py reconcile)."""
        db = self.database()
        documents = {}
        for item in db.postlist(""):
            fields = json.loads(db.get_document(item.docid).get_data())
            for key in ("date", "published"):
                if isinstance(fields.get(key), str):
                    fields[key] = datetime.datetime.fromisoformat(fields[key])
            for key, value in list(fields.items()):
                if isinstance(value, list):  # an empty list is not stored by Whoosh either
                    value = fields[key] = SEPARATOR.join(str(v) for v in value)
                if value is None or value == "":
                    del fields[key]
            documents[int(fields["django_id"])] = fields
        return documents

    # -- writing (queue.py's writer only, under the writer lock) -----------------------------

    def writable(self, wait=120):
        """The writable database; waits while a foreign writer (haystack's commands) holds it."""
        self.path.mkdir(parents=True, exist_ok=True)
        deadline = time.monotonic() + wait
        while True:
            try:
                return xapian.WritableDatabase(str(self.path), xapian.DB_CREATE_OR_OPEN)
            except xapian.DatabaseLockError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)

    def write(self, memo_ids, public, **_writer_options):
        """Write these memos (`public`: id -> memo, the rest deleted), in one commit."""
        db = self.writable()
        try:
            revision = db.get_revision() + 1  # the revision the commit below makes
            for pk in memo_ids:
                unique = term("Q", f"archive.memo.{pk}")
                memo = public.get(pk)
                if memo is None:
                    db.delete_document(unique)
                else:
                    prepared = memo_index().full_prepare(memo)
                    db.replace_document(unique, build_document(prepared, revision))
            db.commit()
        finally:
            db.close()

    def bulk_writer(self, expected=0, optimize=False):
        """A bulk load's writer: this engine writes fast enough from one process, so each
        batch is applied by the queue's own drain."""
        return queue.BulkDrain()

    def state_key(self):
        """None: this engine's answers are not cached by the state of its index."""
        return None

    def clean_stale_files(self):
        """Xapian leaves nothing behind a killed writer: its lock dies with it."""
        return []


def _retried(method, *args):
    """Run a read; once more if writers moved the database on under it (a reader sees one
    revision, which two commits in the meantime can overwrite)."""
    try:
        return method(*args)
    except xapian.DatabaseModifiedError:
        return method(*args)  # database() reopens at the latest revision


__getattr__ = lazy_engine(
    globals(), "ArchiveXapianEngine", lambda: haystack.engine_class(XapianSearch)
)
