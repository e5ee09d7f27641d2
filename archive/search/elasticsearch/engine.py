"""The Elasticsearch engine (SEARCH_URL=elasticsearch://host:9200/index): our search as ES requests.

The engine sends requests and reads answers; what they hold is plain data built by the
package's other modules (mapping.py: the index and its documents; translate.py: queries;
bodies.py: search, count, facet, suggestion and similar bodies): the query language's AST
(archive.search.query) becomes a query DSL tree; a
SearchRequest's facet filters become a `post_filter`, and each facet an aggregation filtered
by the other facets' values only (OR within a facet, a facet's own filter left out of its
counts, as on Whoosh); the date range filters the query itself. Snippets stay ours, from the
database text (no ES highlighting); did-you-mean is a term suggester; more like this is a
`more_like_this` query on the memo's own text. Memos the caller excludes (just taken off
publication, their index update still queued) are a `must_not` of their ids in the query
itself, so hits, totals and aggregations leave them out; the term suggester cannot leave their
words out, but a suggestion is only offered when its count (which does) finds more; so the
spelling variants of names (names.py, from one term-suggester request: names_body) are only
searched when no memo is excluded. Writes
are bulk bodies, sent only by the index queue's writer (queue.py), under the same writer lock
as the other engines.

The `elasticsearch` client (7.x, as haystack 3.4's ES7 backend wants) is imported only when
this engine is configured, so a Whoosh or Xapian site never needs it.
"""

from archive.search import names, queue, related
from archive.search.documents import memo_index
from archive.search.elasticsearch.bodies import (
    ALL_WORDS,
    count_body,
    names_body,
    names_lexicon,
    parse_search,
    parse_suggest,
    parse_terms,
    related_body,
    search_body,
    similar_body,
    suggest_body,
    terms_body,
)
from archive.search.elasticsearch.mapping import (
    as_json,
    bulk_body,
    bulk_errors,
    index_body,
    memo_id,
    stored_fields,
)
from archive.search.elasticsearch.translate import text_terms
from archive.search.engines import Result, lazy_engine
from archive.search.query import parse
from archive.search.spelling import query_words


class ElasticsearchSearch:
    """The engine surface of engines.py on an Elasticsearch index."""

    name = "elasticsearch"

    def __init__(self, url, index, client_options=None, client=None):
        self.url, self.index = url, index
        self.client_options = client_options or {}
        self._client = client

    @classmethod
    def from_connection(cls, info):
        """The engine of a haystack connection (SEARCH_URL=elasticsearch://host:9200/index)."""
        return cls(info["URL"], info["INDEX_NAME"], info.get("KWARGS") or {})

    @classmethod
    def start(cls):
        """Nothing to prepare: the client connects on first use."""

    @property
    def client(self):
        if self._client is None:
            from elasticsearch import Elasticsearch

            self._client = Elasticsearch([self.url], **self.client_options)
        return self._client

    def run(
        self,
        request,
        sort,
        offset=0,
        limit=20,
        facets=True,
        exclude=frozenset(),
        groups=None,
        also_related=False,
    ):
        """Run a SearchRequest (engines.Result); copies folded are not counted here (the
        service counts them from the ids when it can, service.py); `groups` leads a sparse
        search's related memos (with `also_related`, related.py) from one copy of each."""
        warnings = []
        finder = None
        words = [] if request.strict or exclude else names.looked_up(parse(request.q or ""))
        if words:  # the term suggester would read the words of memos excluded: see above
            found = self.client.search(index=self.index, body=names_body(words))
            finder = names.Finder(names_lexicon(found, words))
        body = search_body(
            request, sort, offset, limit, facets, warnings, exclude=exclude, finder=finder
        )
        response = self.client.search(index=self.index, body=body)
        total, ids, counts = parse_search(response, facets)
        parsed = parse(request.q or "")
        exact = response.get("aggregations", {}).get(ALL_WORDS, {}).get("doc_count")
        found = None
        if also_related and related.wanted(request, parsed, sort) and 0 < total < related.SPARSE:
            matched = ids if offset == 0 and len(ids) >= total else None
            found = self._related(request, sort, exclude, finder, matched, groups)
        return Result(
            total=total,
            exact=None if exact is None or groups is not None else int(exact),
            ids=ids,
            facets=counts,
            terms=text_terms(parsed.node),
            warnings=warnings,
            blank=parsed.blank,
            also=finder.also() if finder else [],
            related=found,
        )

    def _related(self, request, sort, exclude, finder, matched, groups):
        """The related.Related of a sparse search, or None: the stems that set its best memos
        apart (term vectors of their texts), and the memos holding enough of them.
        `matched`: the ids of every match, if read already."""
        if matched is None:
            first = search_body(request, sort, 0, related.SPARSE, False, None, exclude, finder)
            matched = parse_search(self.client.search(index=self.index, body=first), False)[1]
        texts = related.lead_texts(related.leads(matched, groups))
        if not texts:
            return None
        vectors = self.client.mtermvectors(index=self.index, body=terms_body(texts))
        stems = parse_terms(vectors, text_terms(parse(request.q or "").node), related.TERMS)
        if not stems:
            return None
        body = related_body(request, stems, exclude, finder)
        count, ids, _counts = parse_search(self.client.search(index=self.index, body=body), False)
        if not count:
            return None
        words = related.words([stem for stem, _weight in stems], texts)
        return related.Related(words=words, count=count, ids=ids)

    def count(self, q_text, request=None, exclude=frozenset()):
        """How many memos a query matches (with the filters of `request`, if given)."""
        body = count_body(q_text, request, exclude)
        return int(self.client.count(index=self.index, body=body)["count"])

    def corrections(self, parsed, exclude=frozenset()):
        """{word as typed: better spelling}, from the term suggester (which counts the memos
        of `exclude` too: service.suggestions() only offers what count() finds)."""
        words = [w for w in dict.fromkeys(query_words(parsed.node)) if 3 <= len(w) <= 40][:6]
        if not words:
            return {}
        return parse_suggest(self.client.search(index=self.index, body=suggest_body(words)), words)

    def similar_ids(self, memo, limit=5, exclude=frozenset()):
        """Ids of the indexed memos most like this memo, best first."""
        body = similar_body(memo, limit, exclude)
        response = self.client.search(index=self.index, body=body)
        return [pk for pk in parse_search(response, facets=False)[1] if pk != memo.pk]

    def text_terms(self, parsed):
        """Stems of the query's full-text words, for highlighting."""
        return text_terms(parsed.node)

    def ensure_index(self):
        """Create the index with our mapping if it does not exist."""
        if not self.client.indices.exists(index=self.index):
            self.client.indices.create(index=self.index, body=index_body())

    def write(self, memo_ids, public, **_writer_options):
        """Index the public memos, delete the others; raises (tasks stay queued) on failure."""
        if not memo_ids:
            return
        self.ensure_index()
        documents = {pk: as_json(memo_index().full_prepare(memo)) for pk, memo in public.items()}
        body = bulk_body(self.index, memo_ids, documents)
        # refresh=wait_for: once the queue says "applied", a search sees it (as on Whoosh).
        failed = bulk_errors(self.client.bulk(body=body, refresh="wait_for"))
        if failed:
            raise RuntimeError(f"Elasticsearch refused {len(failed)} update(s): {failed[:3]}")

    def bulk_writer(self, expected=0, optimize=False):
        """A bulk load's writer: this engine writes fast enough from one process, so each
        batch is applied by the queue's own drain."""
        return queue.BulkDrain()

    def state_key(self):
        """None: this engine's answers are not cached by the state of its index."""
        return None

    def clean_stale_files(self):
        """Nothing to clean on a remote engine."""
        return []

    def _scan(self, source):
        from elasticsearch.helpers import scan

        if not self.client.indices.exists(index=self.index):
            return
        query = {"query": {"match_all": {}}, "_source": source}
        yield from scan(self.client, index=self.index, query=query)

    def indexed_ids(self):
        """Ids of the memos the index holds now."""
        return {pk for pk in (memo_id(hit["_id"]) for hit in self._scan(False)) if pk}

    def stored_documents(self):
        """{memo id: stored fields} of every document."""
        return {memo_id(hit["_id"]): stored_fields(hit["_source"]) for hit in self._scan(True)}


def _haystack_engine():
    """Haystack's ES7 engine on our index: haystack's commands create it with our mapping."""
    from haystack.backends.elasticsearch7_backend import (
        Elasticsearch7SearchBackend,
        Elasticsearch7SearchEngine,
    )

    class ArchiveElasticsearchBackend(Elasticsearch7SearchBackend):
        """Haystack's ES7 backend, with the archive's settings and mapping."""

        def setup(self):
            if not self.conn.indices.exists(index=self.index_name):
                self.conn.indices.create(index=self.index_name, body=index_body())
            self.setup_complete = True

    class ArchiveElasticsearchEngine(Elasticsearch7SearchEngine):
        """The engine named by SEARCH_URL=elasticsearch://host:9200/index."""

        backend = ArchiveElasticsearchBackend

    return ArchiveElasticsearchEngine


# Built on first use: importing haystack's ES backend needs the elasticsearch client.
__getattr__ = lazy_engine(globals(), "ArchiveElasticsearchEngine", _haystack_engine)
