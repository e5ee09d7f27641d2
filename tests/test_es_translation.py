"""The Elasticsearch engine as data: queries and searches into request bodies, responses back.

No Elasticsearch server runs here, so the translation is checked against exact JSON bodies
(what a cluster would receive) and canned responses (what it would answer), and the engine's
wiring through service.py and the index queue against a recording stand-in for the client.
"""

import datetime
import json
from unittest import mock

import pytest
from django.core.exceptions import ImproperlyConfigured

from archive.search import engines, queue, service
from archive.search.elasticsearch import bodies as es_bodies
from archive.search.elasticsearch import engine as es_engine
from archive.search.elasticsearch import mapping as es_mapping
from archive.search.elasticsearch import translate as es_translate
from archive.search.fields import TITLE_BOOST
from archive.search.params import FACETS, SearchRequest
from archive.search.query import RELAX_TIER, parse
from archive.search.registry import name_of
from archive.settings import _search_connection

MATCH_ALL = {"match_all": {}}


def dsl(text):
    warnings = []
    return es_translate.compile_query(parse(text), warnings), warnings


TREATY = {"match_phrase": {"text": {"query": "treaty"}}}


def in_title(*words):
    """The optional clause of plain words: all of them in the title, with its weight."""
    parts = [{"match_phrase": {"title": {"query": word}}} for word in words]
    return {"bool": {"must": parts, "boost": TITLE_BOOST}}


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("", MATCH_ALL),
        ("*", MATCH_ALL),
        ("treaty", {"bool": {"must": [TREATY], "should": [in_title("treaty")]}}),
        (
            "treaty japan",
            {
                "bool": {
                    "must": [
                        {"match_phrase": {"text": {"query": "treaty"}}},
                        {"match_phrase": {"text": {"query": "japan"}}},
                    ],
                    "should": [in_title("treaty", "japan")],
                }
            },
        ),
        (
            "treaty japan OR korea",
            {
                "bool": {
                    "must": [
                        {"match_phrase": {"text": {"query": "treaty"}}},
                        {
                            "bool": {
                                "should": [
                                    {"match_phrase": {"text": {"query": "japan"}}},
                                    {"match_phrase": {"text": {"query": "korea"}}},
                                ],
                                "minimum_should_match": 1,
                            }
                        },
                    ]
                }
            },
        ),
        (
            "soviet -grain",
            {
                "bool": {
                    "must": [{"match_phrase": {"text": {"query": "soviet"}}}],
                    "must_not": [{"match_phrase": {"text": {"query": "grain"}}}],
                    "should": [in_title("soviet")],
                }
            },
        ),
        (
            "NOT grain",
            {
                "bool": {
                    "must": [MATCH_ALL],
                    "must_not": [{"match_phrase": {"text": {"query": "grain"}}}],
                }
            },
        ),
        (
            '"trade relations"',
            {
                "bool": {
                    "must": [{"match_phrase": {"text": {"query": "trade relations"}}}],
                    "should": [in_title("trade relations")],
                }
            },
        ),
        (
            '"trade relations"~3',
            {
                "bool": {
                    "must": [{"match_phrase": {"text": {"query": "trade relations", "slop": 3}}}],
                    "should": [
                        {
                            "bool": {
                                "must": [
                                    {
                                        "match_phrase": {
                                            "title": {"query": "trade relations", "slop": 3}
                                        }
                                    }
                                ],
                                "boost": TITLE_BOOST,
                            }
                        }
                    ],
                }
            },
        ),
        ('title:"grain sales"', {"match_phrase": {"title": {"query": "grain sales"}}}),
        ("from:casey", {"match_phrase": {"sender": {"query": "casey"}}}),
        ("to:director", {"match_phrase": {"recipient": {"query": "director"}}}),
        ("agency:CIA", {"match_phrase": {"agency": {"query": "CIA"}}}),
        ("code:b6", {"term": {"codes": "(b)(6)"}}),
        ("code:25x1", {"term": {"codes": "25X1"}}),
        ("doc:EA-M-84-10245", {"term": {"identifiers": "ea-m-84-10245"}}),
        ("year:1984", {"range": {"year": {"gte": 1984, "lte": 1984}}}),
        ("year:1980..1985", {"range": {"year": {"gte": 1980, "lte": 1985}}}),
        ("year:198*", {"range": {"year": {"gte": 1980, "lte": 1989}}}),
        ("year:..1960", {"range": {"year": {"lte": 1960}}}),
        (
            "negotiat*",
            {"match_phrase_prefix": {"text.words": {"query": "negotiat", "max_expansions": 64}}},
        ),
        (
            "title:Japan-US*",
            {"match_phrase_prefix": {"title.words": {"query": "Japan-US", "max_expansions": 64}}},
        ),
        ("code:(b)(7)*", {"prefix": {"codes": {"value": "(b)(7)"}}}),
        (
            "moscow~",
            {
                "bool": {
                    "should": [
                        {
                            "fuzzy": {
                                "text.words": {
                                    "value": "moscow",
                                    "fuzziness": 1,
                                    "prefix_length": 1,
                                    "max_expansions": 32,
                                }
                            }
                        },
                        {"terms": {"text.words": ["m0scow", "mo5cow", "mosc0w"]}},
                    ],
                    "minimum_should_match": 1,
                }
            },
        ),
        (
            "Soviet~",
            {
                "bool": {
                    "should": [
                        {
                            "fuzzy": {
                                "text.words": {
                                    "value": "soviet",
                                    "fuzziness": 1,
                                    "prefix_length": 1,
                                    "max_expansions": 32,
                                }
                            }
                        },
                        # OCR's misreadings of a first letter, which prefix_length would miss.
                        {"terms": {"text.words": ["5oviet", "s0viet", "sovlet"]}},
                    ],
                    "minimum_should_match": 1,
                }
            },
        ),
        ("code:nonsense", {"match_none": {}}),
    ],
)
def test_query_language_into_query_dsl(text, body):
    assert dsl(text)[0] == body


def test_expansions_are_capped_with_a_warning():
    text = " OR ".join(f"word{n:02d}*" for n in range(12))
    body, warnings = dsl(text)
    clauses = body["bool"]["should"]
    assert [next(iter(c)) for c in clauses] == ["match_phrase_prefix"] * 10 + ["match_phrase"] * 2
    assert clauses[-1] == {"match_phrase": {"text": {"query": "word11"}}}
    assert any("Only 10 wildcard" in w for w in warnings)


def test_search_body_with_filters_dates_sort_and_facets():
    request = SearchRequest.from_params(
        {
            "q": "grain",
            "agency": ["Central Intelligence Agency", "Department of State"],
            "code": "b6",
            "has_redactions": "yes",
            "decade": "1980",
            "date_from": "1980",
            "date_to": "1985-06",
            "sort": "-date",
        }
    )
    body = es_bodies.search_body(request, "-date", offset=40, limit=20)
    agency = {"terms": {"agency_exact": ["Central Intelligence Agency", "Department of State"]}}
    code = {"terms": {"codes_exact": ["(b)(6)"]}}
    redacted = {"terms": {"has_redactions_exact": [True]}}
    decade = {"terms": {"decade_exact": [1980]}}
    assert body["query"] == {
        "bool": {
            "must": [
                {
                    "bool": {
                        "must": [{"match_phrase": {"text": {"query": "grain"}}}],
                        "should": [in_title("grain")],
                    }
                }
            ],
            "filter": [{"range": {"date": {"gte": "1980-01-01", "lte": "1985-06-30"}}}],
        }
    }
    # Hits are narrowed by every facet (in FACETS order); counts are not, see below.
    assert body["post_filter"] == {"bool": {"filter": [decade, agency, code, redacted]}}
    assert body["from"] == 40 and body["size"] == 20
    assert body["sort"] == [
        {"date": {"order": "desc", "missing": "_last"}},
        {"django_id": {"order": "asc"}},
    ]
    assert body["track_total_hits"] is True and body["_source"] is False
    assert list(body["aggs"]) == [facet.name for facet in FACETS]
    # A facet's own choice is left out of its counts; every other facet's applies.
    assert body["aggs"]["agency"] == {
        "filter": {"bool": {"filter": [decade, code, redacted]}},
        "aggs": {
            "values": {
                "terms": {
                    "field": "agency_exact",
                    "size": 100,
                    "order": [{"_count": "desc"}, {"_key": "asc"}],
                }
            }
        },
    }
    assert body["aggs"]["office"]["filter"] == {
        "bool": {"filter": [decade, agency, code, redacted]}
    }
    assert body["aggs"]["year"]["aggs"]["values"]["terms"]["size"] == es_bodies.WHOLE_FACET
    assert body["aggs"]["decade"]["filter"] == {"bool": {"filter": [agency, code, redacted]}}


def test_browsing_body_and_the_result_window():
    body = es_bodies.search_body(SearchRequest(), "date", offset=9_990, limit=20, facets=False)
    assert body["query"] == MATCH_ALL
    assert "post_filter" not in body and "aggs" not in body
    # ES refuses from + size past max_result_window: the window is cut, never overrun.
    assert (body["from"], body["size"]) == (9_990, 10)
    assert body["sort"][0] == {"date": {"order": "asc", "missing": "_last"}}
    beyond = es_bodies.search_body(SearchRequest(), "date", offset=12_000, limit=20)
    assert (beyond["from"], beyond["size"]) == (10_000, 0)
    newest = es_bodies.search_body(SearchRequest(), "-published", limit=50, facets=False)
    assert newest["sort"][0] == {"published": {"order": "desc", "missing": "_last"}}
    assert es_bodies.search_body(SearchRequest(q="x"), "relevance")["sort"][0] == {
        "_score": {"order": "desc"}
    }


def test_count_body_applies_every_filter():
    request = SearchRequest.from_params({"entity": "Moscow", "date_to": "1960"})
    assert es_bodies.count_body("grain~", request) == {
        "query": {
            "bool": {
                "must": [
                    {
                        "bool": {
                            "should": [
                                {
                                    "fuzzy": {
                                        "text.words": {
                                            "value": "grain",
                                            "fuzziness": 1,
                                            "prefix_length": 1,
                                            "max_expansions": 32,
                                        }
                                    }
                                },
                                {"terms": {"text.words": ["graln"]}},
                            ],
                            "minimum_should_match": 1,
                        }
                    }
                ],
                "filter": [
                    {"range": {"date": {"lte": "1960-12-31"}}},
                    {"terms": {"entities_exact": ["Moscow"]}},
                ],
            }
        }
    }
    assert es_bodies.count_body("") == {"query": MATCH_ALL}


SEARCH_RESPONSE = {
    "took": 3,
    "hits": {
        "total": {"value": 42, "relation": "eq"},
        "hits": [
            {"_index": "memos", "_id": "archive.memo.7", "_score": 3.2},
            {"_index": "memos", "_id": "archive.memo.3", "_score": 1.1},
            {"_index": "memos", "_id": "something.else", "_score": 1.0},
        ],
    },
    "aggregations": {
        "agency": {
            "doc_count": 42,
            "values": {
                "buckets": [
                    {"key": "Department of State", "doc_count": 12},
                    {"key": "Central Intelligence Agency", "doc_count": 30},
                ]
            },
        },
        "year": {
            "values": {"buckets": [{"key": 1984, "doc_count": 5}, {"key": 1961, "doc_count": 5}]}
        },
        "has_redactions": {
            "values": {
                "buckets": [
                    {"key": 1, "key_as_string": "true", "doc_count": 30},
                    {"key": 0, "key_as_string": "false", "doc_count": 12},
                ]
            }
        },
        "code": {"values": {"buckets": [{"key": "25X1", "doc_count": 0}]}},
    },
}


def test_search_response_into_ids_total_and_counts():
    total, ids, counts = es_bodies.parse_search(SEARCH_RESPONSE)
    assert total == 42
    assert ids == [7, 3]
    assert counts["agency"] == [("Central Intelligence Agency", 30), ("Department of State", 12)]
    assert counts["year"] == [("1961", 5), ("1984", 5)]
    assert counts["has_redactions"] == [("yes", 30), ("no", 12)]
    assert counts["code"] == []  # an empty bucket is no value to offer
    assert counts["entity"] == []
    assert set(counts) == {facet.name for facet in FACETS}
    assert es_bodies.parse_search({"hits": {"total": 0, "hits": []}}, facets=False) == (0, [], {})


def test_did_you_mean_through_the_term_suggester():
    words = ["sakha1in", "moscow"]
    body = es_bodies.suggest_body(words)
    assert body == {
        "size": 0,
        "suggest": {
            f"w{n}": {
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
            for n, word in enumerate(words)
        },
    }
    response = {
        "suggest": {
            "w0": [
                {
                    "text": "sakha1in",
                    "freq": 1,
                    "options": [
                        {"text": "sakhatin", "score": 0.8, "freq": 9},
                        {"text": "sakhalin", "score": 0.8, "freq": 6},
                        {"text": "sakhal", "score": 0.6, "freq": 2},
                    ],
                }
            ],
            "w1": [{"text": "moscow", "freq": 40, "options": [{"text": "moscov", "freq": 50}]}],
        }
    }
    # OCR's 1/l confusion costs less than an edit: "sakhalin" beats the commoner "sakhatin";
    # "sakhal" is not commoner enough, nor is "moscov" (50 is not 3 x 40).
    assert es_bodies.parse_suggest(response, words) == {"sakha1in": "sakhalin"}


def test_more_like_this_body():
    class Memo:
        pk = 12
        title = "Soviet grain purchases"
        text = "wheat " * 10_000

    body = es_bodies.similar_body(Memo, limit=5)
    mlt = body["query"]["bool"]["must"][0]["more_like_this"]
    assert mlt["fields"] == ["text"]
    assert mlt["like"].startswith("Soviet grain purchases\nwheat wheat")
    assert len(mlt["like"]) == len(Memo.title) + 1 + es_bodies.SIMILAR_CHARS
    assert mlt["max_query_terms"] == 12 and mlt["min_doc_freq"] == 2
    assert body["query"]["bool"]["must_not"] == [{"ids": {"values": ["archive.memo.12"]}}]
    assert body["size"] == 5


def test_index_mapping():
    body = es_mapping.index_body()
    analyzers = body["settings"]["analysis"]["analyzer"]
    assert analyzers["archive_text"]["filter"] == ["lowercase", "archive_stem"]
    stemmer = body["settings"]["analysis"]["filter"]["archive_stem"]
    assert stemmer == {"type": "stemmer", "language": "porter2"}  # Snowball, as on Whoosh
    properties = body["mappings"]["properties"]
    assert properties["text"]["fields"]["words"]["analyzer"] == "archive_words"
    assert body["mappings"]["_source"] == {"excludes": ["text"]}
    for facet in FACETS:
        expected = {"int": "integer", "bool": "boolean"}.get(facet.kind, "keyword")
        assert properties[f"{facet.field}_exact"] == {"type": expected}
    assert properties["date"] == {"type": "date", "format": "strict_date"}


def test_bulk_body_indexes_public_memos_and_deletes_the_rest():
    lines = es_mapping.bulk_body("memos", [1, 2], {1: {"title": "A"}})
    assert lines == [
        {"index": {"_index": "memos", "_id": "archive.memo.1"}},
        {"title": "A"},
        {"delete": {"_index": "memos", "_id": "archive.memo.2"}},
    ]
    response = {
        "errors": True,
        "items": [
            {"index": {"_id": "archive.memo.1", "status": 201}},
            {"delete": {"_id": "archive.memo.2", "status": 404, "result": "not_found"}},
            {"index": {"_id": "archive.memo.3", "status": 400, "error": {"type": "mapper"}}},
        ],
    }
    assert es_mapping.bulk_errors(response) == [
        {"_id": "archive.memo.3", "status": 400, "error": {"type": "mapper"}}
    ]


def test_document_body_and_what_reconcile_reads_back(seed):
    from archive.search import documents

    doc = es_mapping.as_json(documents.memo_index().full_prepare(seed))
    assert doc["id"] == f"archive.memo.{seed.pk}" and doc["django_id"] == seed.pk
    assert doc["date"] == seed.date.isoformat()
    assert (
        doc["identifiers"] == sorted(doc["identifiers"]) and "ea-m-84-10245" in doc["identifiers"]
    )
    assert isinstance(doc["has_redactions"], bool) and doc["year_exact"] == seed.date.year
    stored = es_mapping.stored_fields({k: v for k, v in doc.items() if k != "text"})
    assert stored["date"] == datetime.datetime.combine(seed.date, datetime.time())
    assert stored["identifiers"] == "\x1f".join(doc["identifiers"])


def test_what_reconcile_reads_back_matches_what_it_expects(seed, ingest, tmp_path):
    from archive.management.commands.reconcile import SKIPPED, expected_fields
    from archive.models import Memo
    from archive.search import documents

    # A memo with no date, no exemption codes and no entities: its empty fields are not drift.
    bare = {"id": "bare-1", "title": "A bare note", "text": "Nothing in particular here."}
    (tmp_path / "bare.jsonl").write_text(json.dumps(bare) + "\n")
    assert ingest(tmp_path / "bare.jsonl")[0] == 0
    index = documents.memo_index()
    for memo in Memo.objects.all():
        sent = json.loads(json.dumps(es_mapping.as_json(index.full_prepare(memo))))
        source = {k: v for k, v in sent.items() if k != "text"}  # the mapping leaves text out
        stored = {k: v for k, v in es_mapping.stored_fields(source).items() if k not in SKIPPED}
        assert stored == expected_fields(memo, index), memo.doc_key
        # Haystack's own update_index writes the empty values too ([], null): not drift either.
        haystack_written = {"codes": [], "entities": None, "sender": "", **source}
        assert es_mapping.stored_fields(haystack_written) == es_mapping.stored_fields(source)


def test_search_url_settings():
    assert _search_connection("elasticsearch://es.example:9200/memos") == {
        "ENGINE": "archive.search.elasticsearch.engine.ArchiveElasticsearchEngine",
        "URL": "http://es.example:9200/",
        "INDEX_NAME": "memos",
    }
    secure = _search_connection("elasticsearch+https://user:secret@es.example:9243/archive")
    assert secure["URL"] == "https://user:secret@es.example:9243/"
    assert _search_connection("xapian:///srv/xapian")["PATH"] == "/srv/xapian"
    for bad in ("elasticsearch://es.example:9200/", "elasticsearch:///memos", "solr://x/y"):
        with pytest.raises(ImproperlyConfigured):
            _search_connection(bad)
    for url, name in (
        ("elasticsearch://es.example:9200/memos", "elasticsearch"),
        ("xapian:///srv/xapian", "xapian"),
        ("whoosh:///srv/whoosh", "whoosh"),
    ):
        assert name_of(_search_connection(url)["ENGINE"]) == name
    with pytest.raises(LookupError):
        name_of("haystack.backends.whoosh_backend.WhooshEngine")


class RecordingClient:
    """Stands in for elasticsearch.Elasticsearch: records the bodies, answers canned data."""

    def __init__(self, answers):
        self.answers, self.calls = answers, []
        client = self

        class Indices:
            def exists(self, index):
                client.calls.append(("exists", index, None))
                return False

            def create(self, index, body):
                client.calls.append(("create", index, body))

        self.indices = Indices()

    def search(self, index, body):
        self.calls.append(("search", index, body))
        return self.answers["search"]

    def count(self, index, body):
        self.calls.append(("count", index, body))
        return {"count": self.answers["count"]}

    def bulk(self, body, refresh):
        self.calls.append(("bulk", refresh, body))
        return {"errors": False, "items": []}


@pytest.fixture
def es(monkeypatch):
    def install(answers):
        backend = es_engine.ElasticsearchSearch(
            "http://es:9200/", "memos", client=RecordingClient(answers)
        )
        monkeypatch.setattr(engines, "current", lambda: backend)
        return backend

    return install


def test_service_search_on_elasticsearch(es, seed):
    response = {
        "hits": {"total": {"value": 1}, "hits": [{"_id": f"archive.memo.{seed.pk}"}]},
        "aggregations": {"agency": {"values": {"buckets": [{"key": seed.agency, "doc_count": 1}]}}},
    }
    backend = es({"search": response, "count": 0})
    result = service.search("sovie* trade", sort="relevance")
    assert [hit.memo.pk for hit in result.hits] == [seed.pk]
    assert result.total == 1 and result.facets["agency"] == [(seed.agency, 1)]
    assert result.terms == ["trade"]  # a wildcard is expanded by ES: its words are not known
    assert "<mark>trade" in result.hits[0].snippet.lower()  # ours, from the database text
    kind, index, body = backend.client.calls[0]
    assert (kind, index) == ("search", "memos")
    assert body == es_bodies.search_body(SearchRequest(q="sovie* trade"), "relevance", 0, 20)


def test_memos_taken_off_publication_are_left_out_of_every_request(es, seed):
    # A withdrawal whose index update is still queued: hits, total, every aggregation, counts
    # and more like this leave the memo out; nothing else changes in the bodies.
    request = SearchRequest.from_params({"q": "grain", "agency": "Central Intelligence Agency"})
    plain = es_bodies.search_body(request, "relevance")
    body = es_bodies.search_body(request, "relevance", exclude={7, 3})
    left_out = {"bool": {"must_not": [{"ids": {"values": ["archive.memo.3", "archive.memo.7"]}}]}}
    assert body["query"] == {"bool": {"must": [plain["query"]], "filter": [left_out]}}
    assert {k: v for k, v in body.items() if k != "query"} == {
        k: v for k, v in plain.items() if k != "query"
    }
    dated = SearchRequest.from_params({"date_from": "1960"})
    assert es_bodies.search_body(dated, "date", exclude={3})["query"]["bool"]["filter"] == [
        {"range": {"date": {"gte": "1960-01-01"}}},
        {"bool": {"must_not": [{"ids": {"values": ["archive.memo.3"]}}]}},
    ]
    assert es_bodies.count_body("grain", exclude={3})["query"]["bool"]["filter"] == [
        {"bool": {"must_not": [{"ids": {"values": ["archive.memo.3"]}}]}}
    ]
    assert es_bodies.search_body(request, "relevance", exclude=frozenset()) == plain
    similar = es_bodies.similar_body(seed, limit=5, exclude={seed.pk + 1})
    assert similar["query"]["bool"]["must_not"] == [
        {"ids": {"values": [f"archive.memo.{seed.pk}", f"archive.memo.{seed.pk + 1}"]}}
    ]

    backend = es({"search": {"hits": {"total": {"value": 0}, "hits": []}}, "count": 0})
    with mock.patch.object(queue, "unpublished_ids", return_value=frozenset({3})):
        service.search("grain")
    assert backend.client.calls[0][2] == es_bodies.search_body(
        SearchRequest(q="grain"), "relevance", 0, 20, exclude={3}
    )


def test_queue_writes_bulk_bodies_on_elasticsearch(es, seed, ingest, tmp_path):
    backend = es({"search": {}, "count": 0})
    queue.apply([seed.pk, 999_999])
    calls = backend.client.calls
    assert calls[0] == ("exists", "memos", None)
    assert calls[1] == ("create", "memos", es_mapping.index_body())
    kind, refresh, lines = calls[2]
    assert (kind, refresh) == ("bulk", "wait_for")
    assert lines[0] == {"index": {"_index": "memos", "_id": f"archive.memo.{seed.pk}"}}
    assert lines[1]["title"] == seed.title and "text" in lines[1]
    assert lines[2] == {"delete": {"_index": "memos", "_id": "archive.memo.999999"}}


def test_a_whoosh_site_never_imports_the_other_engines_clients():
    import subprocess
    import sys

    from conftest import REPO

    code = (
        "import os, sys, django; os.environ['DJANGO_SETTINGS_MODULE'] = 'archive.settings';"
        "django.setup(); import archive.search.service, archive.search.elasticsearch.engine;"
        "from archive.search import engines; assert engines.name() == 'whoosh';"
        "print(sorted(m for m in ('elasticsearch', 'xapian') if m in sys.modules))"
    )
    env = {"PATH": "/usr/bin:/bin", "SEARCH_URL": "whoosh:///tmp/unused-index"}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_a_query_of_three_plain_words_also_finds_memos_missing_one():
    words = ("oswald", "mexico", "city")
    text = {w: {"match_phrase": {"text": {"query": w}}} for w in words}

    def every(*names):
        return {"bool": {"must": [text[n] for n in names], "should": [in_title(*names)]}}

    strict = every(*words)
    body = es_bodies.search_body(SearchRequest(q="oswald mexico city"), "relevance", facets=False)
    tier = {"constant_score": {"filter": strict, "boost": RELAX_TIER}}
    loose = {
        "bool": {
            "should": [every("mexico", "city"), every("oswald", "city"), every("oswald", "mexico")],
            "minimum_should_match": 1,
            "must_not": [strict],
        }
    }
    assert body["query"] == {
        "bool": {"should": [{"bool": {"must": [strict, tier]}}, loose], "minimum_should_match": 1}
    }
    assert body["aggs"] == {"all_words": {"filter": {"bool": {"filter": [strict]}}}}
    for request in (
        SearchRequest(q="oswald mexico city", strict=True),
        SearchRequest(q="oswald AND mexico AND city"),
    ):
        assert es_bodies.search_body(request, "relevance", facets=False)["query"] == strict
    client = mock.Mock()
    client.search.return_value = {
        "hits": {"total": {"value": 7}, "hits": []},
        "aggregations": {"all_words": {"doc_count": 3}},
    }
    engine = es_engine.ElasticsearchSearch("http://es:9200", "memos", client=client)
    result = engine.run(SearchRequest(q="oswald mexico city"), "relevance", facets=False)
    assert (result.total, result.exact) == (7, 3)
