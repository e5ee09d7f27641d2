"""The Whoosh engine: the surface of engines.py on the Whoosh index (index.py, run.py ...)."""

import hashlib

from archive.search import documents
from archive.search.engines import Result
from archive.search.whoosh import index, patches, run, similar, suggest
from archive.search.whoosh.bulk import BulkIndexer
from archive.search.whoosh.docsets import docnums_of
from archive.search.whoosh.query import to_whoosh, whoosh_text_terms


class WhooshSearch:
    """The Whoosh index (this package's modules)."""

    name = "whoosh"

    @classmethod
    def from_connection(cls, info):
        """The engine of a haystack connection (SEARCH_URL=whoosh:///path): the index is
        found through the connection (index.py), so nothing is kept here."""
        return cls()

    @classmethod
    def start(cls):
        """Patch Whoosh before any index is opened (patches.py)."""
        patches.apply()

    def bulk_writer(self, expected=0, optimize=False):
        """A bulk load's writer: one parallel Whoosh writer over many batches (bulk.py)."""
        return BulkIndexer(expected=expected, optimize=optimize)

    def run(self, request, sort, offset=0, limit=20, facets=True, exclude=frozenset(), **more):
        """Run a SearchRequest; `sort` is relevance, date, -date or -published; `more`:
        `groups` and `also_related` (engines.py)."""
        outcome = run.run(request, sort, offset, limit, facets=facets, exclude=exclude, **more)
        return Result(
            total=outcome.total,
            ids=outcome.ids,
            facets=outcome.facets,
            terms=whoosh_text_terms(outcome.whoosh_query),
            warnings=outcome.warnings,
            blank=outcome.blank,
            folded=outcome.folded,
            exact=outcome.exact,
            also=outcome.also,
            related=outcome.related,
        )

    def count(self, q, request=None, exclude=frozenset()):
        """How many memos a query matches (with the filters of `request`, if given)."""
        return run.count(q, request, exclude=exclude)

    def corrections(self, parsed, exclude=frozenset()):
        """{word as typed: better spelling} for the words of a parsed query."""
        searcher = index.searcher()
        hidden = docnums_of(searcher, exclude)
        return suggest.corrections(parsed, searcher, hidden=hidden)

    def similar_ids(self, memo, limit=5, exclude=frozenset()):
        """Ids of the indexed memos most like this memo, best first."""
        return similar.similar_ids(memo, limit=limit, exclude=exclude)

    def text_terms(self, parsed):
        """The full-text index terms of a parsed query (expansions included)."""
        return whoosh_text_terms(to_whoosh(parsed, index.searcher(), []))

    def state_key(self):
        """The index folder and generation, as a cache key; None before the first commit."""
        generation = index.searcher().reader().generation()
        if generation is None or generation < 0:
            return None
        folder = hashlib.sha1(str(documents.index_path()).encode(), usedforsecurity=False)
        return f"{folder.hexdigest()[:12]}:{generation}"

    def write(self, memo_ids, public, **writer_options):
        """Write these memos (`public`: id -> memo, the rest deleted); caller holds the lock."""
        with index.locked_writer(**writer_options) as writer:
            index.write_memos(writer, memo_ids, public)

    def clean_stale_files(self):
        """Remove what killed writers left (caller holds the writer lock)."""
        return index.clean_stale_files()

    def indexed_ids(self):
        """Ids of the memos the index holds now."""
        return index.indexed_ids()

    def stored_documents(self):
        """{memo id: stored fields} of every document (see manage.py reconcile)."""
        reader = index.searcher().reader()
        return {int(fields["django_id"]): fields for _docnum, fields in reader.iter_docs()}
