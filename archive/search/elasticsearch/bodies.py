"""Search, count, facet, suggestion and more-like-this request bodies, and what their answers
hold, as plain data."""

from archive.public_text import public_text
from archive.search import feedback, names, related
from archive.search import query as q
from archive.search.elasticsearch.mapping import MAX_WINDOW, identifier, memo_id
from archive.search.elasticsearch.translate import compile_query, forgiving_query
from archive.search.engines import facet_values
from archive.search.fields import KEY_TERMS, SIMILAR_CHARS
from archive.search.params import FACETS, FACETS_BY_NAME
from archive.search.query import parse
from archive.search.spelling import COMMONER, distance

WHOLE_FACET = 1_000  # years, decades, yes/no: every value
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


def related_body(request, stems, exclude=(), finder=None):
    """The best related memos of a sparse search (related.py): those its words' query does not
    match that hold related.SHARED of these stems ([(stem, weight)]) or more, within its dates
    and facet values chosen, the memos of `exclude` left out; and how many there are."""
    parsed = parse(request.q or "")
    subsets = None if request.strict else q.relaxed(parsed, request.q)
    query = forgiving_query(parsed, subsets, [], finder)[0] if subsets else None
    query = query or compile_query(parsed, [], finder)
    holding = [{"term": {"text": {"value": stem, "boost": weight}}} for stem, weight in stems]
    dates = date_filter(request.start, request.end)
    filters = ([dates] if dates else []) + _excluding(exclude)
    filters += [
        selection(f.name, request.filters[f.name]) for f in FACETS if request.filters.get(f.name)
    ]
    return {
        "query": {
            "bool": {
                "should": holding,
                "minimum_should_match": related.SHARED,
                "must_not": [query],
                "filter": filters,
            }
        },
        "size": related.SHOWN * 2,
        "sort": SORTS["relevance"],
        "track_total_hits": True,
        "_source": False,
    }


def terms_body(texts):
    """Term vectors of these texts as the full text field reads them, with each stem's
    document frequency (the lead texts of related.py)."""
    return {
        "docs": [
            {"doc": {"text": text}, "fields": ["text"], "term_statistics": True} for text in texts
        ]
    }


def parse_terms(response, own, count):
    """[(stem, weight)] of the `count` stems that set the texts of a terms_body apart (tf-idf,
    related.weighed), the stems of `own` left out; best first."""
    lists = []
    for doc in response.get("docs", ()):
        vector = doc.get("term_vectors", {}).get("text", {})
        total = max(1, int(vector.get("field_statistics", {}).get("doc_count", 1)))
        terms = vector.get("terms", {})
        tfs = {stem: int(data.get("term_freq", 0)) for stem, data in terms.items()}
        dfs = {stem: int(data.get("doc_freq", 0)) for stem, data in terms.items()}
        lists.append(related.weighed(tfs, dfs.get, total))
    return feedback.combined_terms(lists, set(own), count)


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
