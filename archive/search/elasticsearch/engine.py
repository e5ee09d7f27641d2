"""The Elasticsearch engine (SEARCH_URL=elasticsearch://host:9200/index): our search as ES requests.

Everything here is a translation into request bodies and out of response bodies, as plain
data: the query language's AST (archive.search.query) becomes a query DSL tree; a
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

import datetime

from archive.public_text import public_text
from archive.search import names, queue, thesaurus
from archive.search import query as q
from archive.search.analysis import SEPARATOR, text_analyzer
from archive.search.documents import memo_index
from archive.search.engines import Result, facet_values, lazy_engine
from archive.search.fields import (
    FIELDS,
    KEY_TERMS,
    KEYWORD_FIELDS,
    MAX_FUZZY_TERMS,
    MAX_PREFIX_TERMS,
    SIMILAR_CHARS,
    TITLE_BOOST,
    TITLE_FIELD,
)
from archive.search.params import FACETS, FACETS_BY_NAME
from archive.search.query import parse
from archive.search.spelling import COMMONER, distance, levenshtein, ocr_variants, query_words

TEXT_FIELDS = tuple(name for name in FIELDS.values() if name not in KEYWORD_FIELDS)
WHOLE_FACET = 1_000  # years, decades, yes/no: every value
MAX_WINDOW = 10_000  # ES's index.max_result_window: from + size never goes past it
ALL_WORDS = "all_words"  # the aggregation counting the results that hold every word
SORTS = {
    "relevance": [{"_score": {"order": "desc"}}, {"django_id": {"order": "asc"}}],
    "date": [{"date": {"order": "asc", "missing": "_last"}}, {"django_id": {"order": "asc"}}],
    "-date": [{"date": {"order": "desc", "missing": "_last"}}, {"django_id": {"order": "asc"}}],
    "-published": [
        {"published": {"order": "desc", "missing": "_last"}},
        {"django_id": {"order": "asc"}},
    ],
}


def _text(analyzer="archive_text"):
    return {
        "type": "text",
        "analyzer": analyzer,
        "fields": {"words": {"type": "text", "analyzer": "archive_words"}},
    }


def index_body():
    """Settings and mapping of the index (created by the writer when it is missing).

    Full text is stemmed with the English Snowball (Porter2) stemmer the other engines use (the
    snippets stem the same way)
    and no stop words are dropped, so phrases match exactly; a `.words` sub-field keeps the
    unstemmed words for wildcards, ~ and the suggester. Facet values are `<field>_exact`
    keywords, as haystack names them. The full text is indexed but left out of `_source`.
    """
    keyword = {"type": "keyword"}
    integer = {"type": "integer"}
    boolean = {"type": "boolean"}
    properties = {
        "id": keyword,
        "django_ct": keyword,
        "django_id": {"type": "long"},
        **{name: _text() for name in TEXT_FIELDS},
        "identifiers": keyword,
        "codes": keyword,
        "entities": keyword,
        "classification": _text(),
        "collection": _text(),
        "date": {"type": "date", "format": "strict_date"},
        "published": {"type": "date"},
        "year": integer,
        "decade": integer,
        "has_redactions": boolean,
    }
    for facet in FACETS:
        kind = {"int": integer, "bool": boolean}.get(facet.kind, keyword)
        properties[f"{facet.field}_exact"] = kind
    return {
        "settings": {
            "index": {"max_result_window": MAX_WINDOW},
            "analysis": {
                "filter": {"archive_stem": {"type": "stemmer", "language": "porter2"}},
                "analyzer": {
                    "archive_text": {
                        "type": "custom",
                        "tokenizer": "standard",
                        "filter": ["lowercase", "archive_stem"],
                    },
                    "archive_words": {
                        "type": "custom",
                        "tokenizer": "standard",
                        "filter": ["lowercase"],
                    },
                },
            },
        },
        "mappings": {
            "dynamic": False,  # a field MemoIndex gains later is kept, not refused
            "_source": {"excludes": ["text"]},
            "properties": properties,
        },
    }


def identifier(pk):
    """The document id of a memo (haystack's, so haystack's own commands find it)."""
    return f"archive.memo.{pk}"


def memo_id(doc_id):
    """The memo id of a document id, or None."""
    tail = str(doc_id).rsplit(".", 1)[-1]
    return int(tail) if tail.isdigit() else None


def as_json(prepared):
    """A document body from MemoIndex's prepared values (dates as ISO strings)."""
    doc = {}
    for key, value in prepared.items():
        if value is None or value == "" or value == [] or key == "boost":
            continue
        if isinstance(value, datetime.date):  # datetimes too
            value = value.isoformat()
        elif isinstance(value, (list, tuple)):
            value = [str(item) for item in value]
        elif not isinstance(value, (bool, int, float)):
            value = str(value)
        doc[key] = value
    if "django_id" in doc:
        doc["django_id"] = int(doc["django_id"])  # a number: the tie-break of every sort
    return doc


def bulk_body(index, memo_ids, documents):
    """Bulk API lines: each memo of `documents` (id -> body) indexed, every other one deleted."""
    lines = []
    for pk in memo_ids:
        action = {"_index": index, "_id": identifier(pk)}
        if pk in documents:
            lines.extend([{"index": action}, documents[pk]])
        else:
            lines.append({"delete": action})
    return lines


def bulk_errors(response):
    """The failed items of a bulk response (a delete of a missing document is no failure)."""
    failed = []
    for item in response.get("items", ()):
        for action, result in item.items():
            status = result.get("status", 200)
            if status >= 300 and not (action == "delete" and status == 404):
                failed.append(result)
    return failed


class Translator(q.Budget):
    """One query's translation: the AST into query DSL, and warnings about what was cut;
    with a names.Finder, names' spelling variants searched too."""

    def __init__(self, warnings=None, finder=None):
        super().__init__([] if warnings is None else warnings)
        self.root = None
        self.finder = finder

    def compile(self, node):
        if self.root is None:
            self.root = node  # the whole query: a lone plain word is boosted in the title
        if isinstance(node, q.And):
            return self.conjunction(node.children)
        if isinstance(node, q.Or):
            return {
                "bool": {
                    "should": [self.compile(child) for child in node.children],
                    "minimum_should_match": 1,
                }
            }
        if isinstance(node, q.Not):
            return self.conjunction((node,))
        if isinstance(node, q.MatchAll):
            return {"match_all": {}}
        if isinstance(node, q.YearRange):
            bounds = {}
            if node.start is not None:
                bounds["gte"] = node.start
            if node.end is not None:
                bounds["lte"] = node.end
            return {"range": {"year": bounds}}
        if isinstance(node, q.Alternatives):
            nothing = {"match_none": {}}
            weighted = [
                {
                    "bool": {
                        "must": [self.word_query(FIELDS[None], other, nothing)],
                        "boost": thesaurus.weight(other, node),
                    }
                }
                for other in node.others
            ]
            # The words typed, compiled as words (expanded again, they would loop).
            typed = [self.word_query(FIELDS[None], n, nothing) for n in q.typed_words((node,))]
            typed = typed[0] if len(typed) == 1 else {"bool": {"must": typed}}
            return {"bool": {"should": [typed, *weighted]}}
        if node is self.root and q.plain_words((node,)):
            (expanded,) = names.alternatives((node,), self.finder)
            if expanded is not node:
                found = self.compile(expanded)
                return {"bool": {"must": [found], "should": [self.in_title((expanded,))]}}
        fieldname = FIELDS.get(getattr(node, "field", ""))
        if fieldname is None:
            return {"match_none": {}}
        found = self.word_query(fieldname, node, {"match_none": {}})
        if node is self.root and q.plain_words((node,)):
            return {"bool": {"must": [found], "should": [self.in_title((node,))]}}
        return found

    def conjunction(self, children):
        """All positive children, minus any negated one ("-x" alone: everything but x); when
        they are plain words or phrases, a title holding them all adds its score."""
        nodes = names.alternatives([c for c in children if not isinstance(c, q.Not)], self.finder)
        positive = [self.compile(c) for c in nodes]
        negative = [self.compile(c.child) for c in children if isinstance(c, q.Not)]
        typed = q.typed_words(nodes)
        title = [self.in_title(typed)] if q.plain_words(typed) else []
        if not negative and not title:
            return positive[0] if len(positive) == 1 else {"bool": {"must": positive}}
        body = {"must": positive or [{"match_all": {}}]}
        if negative:
            body["must_not"] = negative
        if title:
            body["should"] = title
        return {"bool": body}

    def in_title(self, nodes):
        """An optional clause: every one of these words or phrases in the title, its score
        TITLE_BOOST times."""
        nodes = q.typed_words(nodes)
        parts = [self.word_query(TITLE_FIELD, node, {"match_none": {}}) for node in nodes]
        return {"bool": {"must": parts, "boost": TITLE_BOOST}}

    def words(self, fieldname, words, slop=0):
        """A word or phrase; ES analyses it as it analysed the field."""
        text = " ".join(words)
        if fieldname in KEYWORD_FIELDS:
            return {"term": {fieldname: text}}
        phrase = {"query": text}
        if slop:
            phrase["slop"] = slop
        return {"match_phrase": {fieldname: phrase}}

    def prefix(self, fieldname, text):
        if not self.spend(f"{text}*"):
            return self.words(fieldname, (text,))
        if fieldname in KEYWORD_FIELDS:
            return {"prefix": {fieldname: {"value": text}}}
        # On the unstemmed words: "negotiat*" meets "negotiation"; "Japan-US*" is a phrase
        # whose last word is a prefix.
        return {
            "match_phrase_prefix": {
                f"{fieldname}.words": {"query": text, "max_expansions": MAX_PREFIX_TERMS}
            }
        }

    def fuzzy(self, fieldname, text, edits):
        label = f"{text}~{edits if edits > 1 else ''}"
        if not self.spend(label):
            return self.words(fieldname, (text,))
        if fieldname in KEYWORD_FIELDS:
            target, word = fieldname, text
        else:
            target, word = f"{fieldname}.words", text.lower()
        near = {
            "fuzzy": {
                target: {
                    "value": word,
                    "fuzziness": edits,
                    "prefix_length": 1,
                    "max_expansions": MAX_FUZZY_TERMS,
                }
            }
        }
        # OCR misreads first letters too ("5oviet"), which prefix_length would miss.
        variants = sorted(v for v in ocr_variants(word) if levenshtein(word, v) <= edits)
        if not variants:
            return near
        return {
            "bool": {
                "should": [near, {"terms": {target: variants}}],
                "minimum_should_match": 1,
            }
        }


def compile_query(parsed, warnings=None, finder=None):
    """The query DSL of a ParsedQuery; the translator's warnings go to `warnings`; with a
    names.Finder, names' spelling variants are searched too."""
    if isinstance(parsed.node, q.MatchAll):
        return {"match_all": {}}
    return Translator(warnings, finder).compile(parsed.node)


def forgiving_query(parsed, subsets, warnings=None, finder=None):
    """(query DSL, the query of all its words) of a ParsedQuery whose memos missing one word
    are found too (query.relaxed gives `subsets`): a memo with every word scores RELAX_TIER
    more than by its words alone (a constant_score clause), a memo missing one by its words."""
    translator = Translator(warnings, finder)
    strict = translator.compile(parsed.node)
    tier = {"constant_score": {"filter": strict, "boost": q.RELAX_TIER}}
    loose = {
        "bool": {
            "should": [translator.conjunction(subset) for subset in subsets],
            "minimum_should_match": 1,
            "must_not": [strict],
        }
    }
    query = {"bool": {"should": [{"bool": {"must": [strict, tier]}}, loose]}}
    query["bool"]["minimum_should_match"] = 1
    return query, strict


def _facet_value(facet, value):
    if facet.kind == "int":
        return int(value)
    if facet.kind == "bool":
        return value == "yes"
    return value


def selection(name, values):
    """The filter of one facet's chosen values (any of them)."""
    facet = FACETS_BY_NAME[name]
    return {"terms": {f"{facet.field}_exact": [_facet_value(facet, v) for v in values]}}


def date_filter(start, end):
    """The date range filter, or None."""
    if not (start or end):
        return None
    bounds = {}
    if start:
        bounds["gte"] = start.isoformat()
    if end:
        bounds["lte"] = end.isoformat()
    return {"range": {"date": bounds}}


def _filtered(query, filters):
    return {"bool": {"must": [query], "filter": filters}} if filters else query


def _excluding(memo_ids):
    """Filters leaving these memos out ([] for none)."""
    if not memo_ids:
        return []
    return [
        {"bool": {"must_not": [{"ids": {"values": [identifier(pk) for pk in sorted(memo_ids)]}}]}}
    ]


def search_body(
    request, sort, offset=0, limit=20, facets=True, warnings=None, exclude=(), finder=None
):
    """The body of one search: hits of the window, total, and the facet aggregations; the
    memos of `exclude` left out of all of them; with a names.Finder, names' variants too."""
    parsed = parse(request.q or "")
    if warnings is not None:
        warnings.extend(w for w in parsed.warnings if w not in warnings)
    dates = date_filter(request.start, request.end)
    filters = ([dates] if dates else []) + _excluding(exclude)
    subsets = None if request.strict else q.relaxed(parsed, request.q)
    strict = None
    if subsets:
        query, strict = forgiving_query(parsed, subsets, warnings, finder)
    else:
        query = compile_query(parsed, warnings, finder)
    body = {
        "query": _filtered(query, filters),
        "from": min(offset, MAX_WINDOW),
        "size": max(0, min(limit, MAX_WINDOW - offset)),
        "sort": SORTS.get(sort, SORTS["relevance"]),
        "track_total_hits": True,
        "_source": False,
    }
    chosen = {
        name: selection(name, values)
        for name, values in request.filters.items()
        if name in FACETS_BY_NAME and values
    }
    if chosen:
        body["post_filter"] = {
            "bool": {"filter": [chosen[f.name] for f in FACETS if f.name in chosen]}
        }
    if facets:
        body["aggs"] = {facet.name: facet_aggregation(facet, chosen) for facet in FACETS}
    if strict is not None:  # how many of the results hold every word
        every = {"bool": {"filter": [strict, *chosen.values()]}}
        body.setdefault("aggs", {})[ALL_WORDS] = {"filter": every}
    return body


def facet_aggregation(facet, chosen):
    """Counts of one facet over the results filtered by every other facet's choice."""
    others = [chosen[f.name] for f in FACETS if f.name in chosen and f.name != facet.name]
    size = WHOLE_FACET if facet.kind in ("int", "bool") else facet_values()
    return {
        "filter": {"bool": {"filter": others}},
        "aggs": {
            "values": {
                "terms": {
                    "field": f"{facet.field}_exact",
                    "size": size,
                    "order": [{"_count": "desc"}, {"_key": "asc"}],
                }
            }
        },
    }


def count_body(q_text, request=None, exclude=()):
    """The body of a count: the query with every filter of `request` applied, the memos of
    `exclude` left out."""
    filters = []
    if request is not None:
        dates = date_filter(request.start, request.end)
        filters = [dates] if dates else []
        filters += [
            selection(f.name, request.filters[f.name])
            for f in FACETS
            if request.filters.get(f.name)
        ]
    filters += _excluding(exclude)
    return {"query": _filtered(compile_query(parse(q_text or "")), filters)}


def _bucket_value(facet, bucket):
    if facet.kind == "bool":
        return "yes" if bucket["key"] in (1, True, "true") else "no"
    if facet.kind == "int":
        return str(int(bucket["key"]))
    return str(bucket["key"])


def parse_search(response, facets=True):
    """(total, memo ids in order, {facet: [(value, count)]}) of a search response."""
    hits = response.get("hits", {})
    total = hits.get("total", 0)
    total = total.get("value", 0) if isinstance(total, dict) else int(total)
    ids = [pk for pk in (memo_id(hit["_id"]) for hit in hits.get("hits", ())) if pk is not None]
    counts = {}
    aggregations = response.get("aggregations", {})
    for facet in FACETS if facets else ():
        buckets = aggregations.get(facet.name, {}).get("values", {}).get("buckets", [])
        pairs = [(_bucket_value(facet, b), int(b["doc_count"])) for b in buckets if b["doc_count"]]
        pairs.sort(key=lambda pair: (-pair[1], pair[0]))
        counts[facet.name] = pairs if facet.kind in ("int", "bool") else pairs[: facet_values()]
    return total, ids, counts


def suggest_body(words):
    """A term suggester per word, on the unstemmed words of the full text."""
    return {
        "size": 0,
        "suggest": {
            f"w{number}": {
                "text": word,
                "term": {
                    "field": "text.words",
                    "suggest_mode": "popular",
                    "max_edits": 2,
                    "prefix_length": 1,
                    "min_word_length": 3,
                    "size": 10,
                },
            }
            for number, word in enumerate(words)
        },
    }


def names_body(words):
    """One request for what names.Finder reads of these words: how many memos hold each
    (a filter aggregation), the words one edit away with theirs (a term suggester), and how
    many memos there are."""
    body = suggest_body(words)
    body["track_total_hits"] = True
    for number in range(len(words)):
        options = body["suggest"][f"w{number}"]["term"]
        options.update(suggest_mode="always", max_edits=1, min_word_length=names.MIN_LENGTH)
    body["aggs"] = {
        f"w{number}": {"filter": {"term": {"text.words": word.lower()}}}
        for number, word in enumerate(words)
    }
    return body


def names_lexicon(response, words):
    """A names.Known lexicon of a names_body() response."""
    frequencies, near = {}, {}
    aggregations = response.get("aggregations", {})
    for number, word in enumerate(words):
        word = word.lower()
        frequencies[word] = int(aggregations.get(f"w{number}", {}).get("doc_count", 0))
        for entry in response.get("suggest", {}).get(f"w{number}", []):
            for option in entry.get("options", ()):
                text = option["text"].lower()
                frequencies[text] = max(frequencies.get(text, 0), int(option.get("freq", 0)))
                near.setdefault(word, []).append(text)
    total = response.get("hits", {}).get("total", 0)
    total = total.get("value", 0) if isinstance(total, dict) else int(total)
    return names.Known(frequencies, near, total)


def parse_suggest(response, words):
    """{word: replacement} from a suggester response: the nearest (OCR-aware) commoner word.

    "popular" only offers words in more memos than the word itself; its document frequency
    (`freq` of the word's own entry, when ES returns it) must also be COMMONER times smaller.
    """
    found = {}
    for number, word in enumerate(words):
        entries = response.get("suggest", {}).get(f"w{number}", [])
        scored = []
        for entry in entries:
            own = entry.get("freq", 0)
            for option in entry.get("options", ()):
                text = option["text"].lower()
                if text == word.lower() or option.get("freq", 0) <= own * COMMONER:
                    continue
                scored.append((distance(word.lower(), text), -option.get("freq", 0), text))
        scored.sort()
        if scored and scored[0][0] <= 2:
            found[word] = scored[0][2]
    return found


def similar_body(memo, limit=5, exclude=()):
    """Memos sharing this memo's most distinctive words; the memo itself and the memos of
    `exclude` left out."""
    return {
        "query": {
            "bool": {
                "must": [
                    {
                        "more_like_this": {
                            "fields": ["text"],
                            "like": f"{memo.title}\n{public_text(memo)[:SIMILAR_CHARS]}",
                            "min_term_freq": 1,
                            "min_doc_freq": 2,
                            "max_query_terms": KEY_TERMS,
                            "min_word_length": 3,
                        }
                    }
                ],
                "must_not": [
                    {"ids": {"values": [identifier(pk) for pk in sorted({memo.pk, *exclude})]}}
                ],
            }
        },
        "size": limit,
        "_source": False,
    }


def text_terms(node, negated=False):
    """Stems of the positive full-text words and phrases of an AST (Whoosh's analyzer, as
    the snippets stem). A wildcard or ~ word is expanded by ES itself, so its words are not
    known here and only marked in snippets when they are typed out in full."""
    found, stack = set(), [node]
    analyzer = text_analyzer()
    while stack:
        node = stack.pop()
        if isinstance(node, q.Not):
            continue
        if isinstance(node, q.Term | q.Phrase) and node.field is None:
            words = node.words if isinstance(node, q.Phrase) else (node.text,)
            for word in words:
                found.update(token.text for token in analyzer(word) if token.text)
        stack.extend(getattr(node, "children", ()))
    return sorted(found)


def stored_fields(source):
    """A document's `_source` as Whoosh stores it (manage.py reconcile compares those)."""
    fields = {}
    for key, value in source.items():
        if key in ("date", "published") and isinstance(value, str):
            parsed = datetime.datetime.fromisoformat(value)
            value = parsed.replace(tzinfo=None) if key == "date" else parsed
        elif isinstance(value, list):
            value = SEPARATOR.join(str(item) for item in value)
        if value is not None and value != "":  # what Whoosh does not store (reconcile.as_stored)
            fields[key] = value
    return fields


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

    def run(self, request, sort, offset=0, limit=20, facets=True, exclude=frozenset(), groups=None):
        """Run a SearchRequest (engines.Result); copies folded are not counted here (`groups`
        is ignored: the service counts them from the ids when it can, service.py)."""
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
        return Result(
            total=total,
            exact=None if exact is None or groups is not None else int(exact),
            ids=ids,
            facets=counts,
            terms=text_terms(parsed.node),
            warnings=warnings,
            blank=parsed.blank,
            also=finder.also() if finder else [],
        )

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
