"""Related memos of a sparse search (search/related.py), on the engine under test: a search of
plain words that finds fewer than ten documents also shows, apart from its results and never in
its counts, facets or exports, the memos that share the found memos' most distinctive words."""

import json
from unittest import mock

import pytest
from openapi_check import answer_schema, problems
from search_helpers import write_jsonl

from archive.models import Memo
from archive.search import analysis, queue, related, service
from archive.search.params import SearchRequest
from archive.search.query import parse as parse_q

REGIONS = (
    "northern", "southern", "eastern", "western", "coastal", "inland", "upland", "lowland",
    "central", "river", "delta", "valley", "plateau", "border", "island", "lake", "forest",
    "desert", "mountain", "harbour", "frontier",
)  # fmt: skip
# The two memos that name the town, the one that does not but shares four of their words, one
# that shares two only, and enough others that those words are rare (related.distinctive
# counts a stem in at most a fifth of the memos).
MEMOS = [
    ("hit-1", "Bosnia call", "1995-07-13", "Srebrenica has fallen. Gorazde and Zepa are next; "
     "UNPROFOR hostages; Chirac wants helicopters for the enclaves."),
    ("hit-2", "Bosnia options", "1995-07-19", "After Srebrenica: Chirac, Gorazde, the UNPROFOR "
     "hostages, the helicopters, the enclaves."),
    ("near", "Safe areas", "1995-08-01", "Gorazde must hold: UNPROFOR helicopters, the "
     "enclaves, and Chirac on the hostages."),
    ("far", "Paris visit", "1995-08-02", "Chirac spoke of Gorazde at dinner."),
] + [
    (f"other-{n}", f"Grain report {n}", f"1984-0{n % 9 + 1}-01",
     f"Grain exports and the harvest in the {word} region, as the station reported.")
    for n, word in enumerate(REGIONS)
]  # fmt: skip


@pytest.fixture
def archive(ingest, tmp_path):
    """The MEMOS ingested and published; {record id: memo}."""
    records = [
        {"id": rid, "title": title, "date": date, "text": text, "agency": "Department of State"}
        for rid, title, date, text in MEMOS
    ]
    assert ingest(write_jsonl(tmp_path / "memos.jsonl", records))[0] == 0
    return {memo.source_id: memo for memo in Memo.objects.published()}


def page(q, **params):
    return service.search(request=SearchRequest.from_params({"q": q, **params}))


def ids(hits):
    return [hit.memo.source_id for hit in hits]


def test_a_sparse_search_shows_related_memos_apart_from_its_results(archive):
    found = page("srebrenica")
    assert sorted(ids(found.hits)) == ["hit-1", "hit-2"] and found.total == 2
    assert ids(found.related.hits) == ["near"]  # "far" shares two of the words only
    assert found.related.count == 1
    # The words as the memos write them, never the query's own.
    assert {"Gorazde", "UNPROFOR", "Chirac"} <= set(found.related.words)
    assert "Srebrenica" not in found.related.words
    # Not counted, not in the facets, not exported.
    assert dict(found.facets["decade"]) == {"1990": 2}
    total, _sort, exported = service.export(SearchRequest.from_params({"q": "srebrenica"}))
    assert total == 2 and sorted(memo.source_id for memo in exported) == ["hit-1", "hit-2"]


def test_only_a_sparse_relevance_search_of_plain_words_gets_them(archive):
    assert page("srebrenica", strict="1").related is None
    assert page("srebrenica", sort="date").related is None
    assert page('"srebrenica"').related is None
    assert page("title:bosnia").related is None
    assert page("srebrenica OR zepa").related is None
    assert page("grain").total == 21 and page("grain").related is None  # not sparse
    assert page("nothingmatchesthis").related is None  # nothing found, nothing to lead


def test_related_memos_keep_to_the_search_s_dates_facets_and_withdrawals(archive):
    assert page("srebrenica", date_to="1995-07-31").related is None  # "near" is of August
    assert ids(page("srebrenica", date_from="1995-07-01").related.hits) == ["near"]
    assert page("srebrenica", decade="1980").related is None  # no match, no lead either
    near = archive["near"]
    with mock.patch.object(queue, "unpublished_ids", return_value=frozenset({near.pk})):
        assert page("srebrenica").related is None  # taken off publication, still indexed


def test_the_page_and_the_api_show_them(archive, client):
    html = client.get("/search/", {"q": "srebrenica"}).content.decode()
    assert "Related memos" in html and "Safe areas" in html and "“Gorazde”" in html
    assert html.index("Bosnia") < html.index("Related memos") < html.index("Safe areas")
    assert f'href="{archive["near"].get_absolute_url()}"' in html  # no marks of absent words
    strict = client.get("/search/", {"q": "srebrenica", "strict": "1"}).content.decode()
    assert "Related memos" not in strict
    response = client.get("/api/search", {"q": "srebrenica"})
    data = response.json()
    assert data["count"] == 2 and data["related"]["count"] == 1
    assert [item["slug"] for item in data["related"]["results"]] == [archive["near"].slug]
    description = json.loads(client.get("/api/openapi.json").content)
    schema = answer_schema(description, "/api/search")
    assert problems(data, schema, description) == []
    assert client.get("/api/search", {"q": "grain"}).json()["related"] is None


def test_words_are_read_as_the_index_reads_them(corpus):
    analyzer = analysis.text_analyzer()
    for line in (corpus / "memos.jsonl").open(encoding="utf-8"):
        text = json.loads(line)["text"][:20_000]
        tokens = [(token.text, token.original) for token in analyzer(text, keeporiginal=True)]
        assert list(analysis.stems(text)) == tokens
        break
    assert related.words(["gorazd", "unprofor", "zzz"], ["Gorazde gorazde GORAZDE UNPROFOR"]) == [
        "GORAZDE",
        "UNPROFOR",
        "zzz",
    ]


def test_distinctive_stems_and_the_memos_that_share_them():
    frequency = {"gorazd": 3, "chirac": 4, "hostag": 2, "the": 90, "zepa": 1}.get
    text = "The Gorazde hostages; the Zepa hostages; Chirac. 1995"
    stems = related.distinctive([text], lambda stem: frequency(stem, 50), 100, {"srebrenica"})
    assert [stem for stem, _weight in stems] == ["hostag", "gorazd", "chirac"]  # rare first
    assert stems[0][1] == 1.0  # weights against the best
    assert related.distinctive(["Gorazde hostages"], lambda stem: 3, 100, {"gorazd"}) == [
        ("hostag", 1.0)
    ]
    enough, score = related.shared(
        [([1, 2, 3], 1.0), ([1, 2], 0.5), ([1, 3], 0.25), ([1], 0.1)], size=5
    )
    assert enough.tolist() == [False, True, False, False, False]
    assert list(related.best(enough | (score > 1), score, limit=2)) == [1, 2]


class _Client:
    """Stands in for elasticsearch.Elasticsearch: answers searches in turn, records bodies."""

    def __init__(self, searches, vectors):
        self.searches, self.vectors, self.calls = list(searches), vectors, []

    def search(self, index, body):
        if "suggest" in body:  # names' spelling variants (names.py): none
            return {"suggest": {}}
        self.calls.append(("search", body))
        return self.searches.pop(0)

    def mtermvectors(self, index, body):
        self.calls.append(("mtermvectors", body))
        return self.vectors


def _hits(*memos):
    return {"hits": {"total": {"value": len(memos)}, "hits": [{"_id": m.doc_id} for m in memos]}}


def test_elasticsearch_reads_the_stems_from_term_vectors_and_asks_for_the_related(archive):
    from archive.search.elasticsearch import bodies
    from archive.search.elasticsearch.engine import ElasticsearchSearch
    from archive.search.elasticsearch.mapping import identifier

    for memo in archive.values():
        memo.doc_id = identifier(memo.pk)
    vector = {
        "field_statistics": {"doc_count": 25},
        "terms": {
            "gorazd": {"term_freq": 2, "doc_freq": 4},
            "unprofor": {"term_freq": 1, "doc_freq": 3},
            "hostag": {"term_freq": 1, "doc_freq": 3},
            "srebrenica": {"term_freq": 1, "doc_freq": 2},  # the query's own
            "the": {"term_freq": 9, "doc_freq": 25},  # in every memo
            "zepa": {"term_freq": 1, "doc_freq": 1},  # in this memo only
        },
    }
    vectors = {"docs": [{"term_vectors": {"text": vector}}] * 2}
    searches = [_hits(archive["hit-1"], archive["hit-2"]), _hits(archive["near"])]
    backend = ElasticsearchSearch("http://es:9200/", "memos", client=_Client(searches, vectors))
    request = SearchRequest.from_params({"q": "srebrenica", "decade": "1990"})
    result = backend.run(request, "relevance", 0, 20, also_related=True)
    assert result.total == 2 and result.related.ids == [archive["near"].pk]
    assert result.related.words == ["Gorazde", "hostages", "UNPROFOR"]  # ties: by stem
    kind, asked = backend.client.calls[1]
    assert kind == "mtermvectors" and len(asked["docs"]) == 2
    assert asked["docs"][0]["doc"]["text"].startswith("Bosnia")  # title, then the text
    stems = [("gorazd", 1.0), ("hostag", 0.8), ("unprofor", 0.8)]
    assert [stem for stem, _w in bodies.parse_terms(vectors, {"srebrenica"}, 10)] == [
        stem for stem, _w in stems
    ]
    kind, body = backend.client.calls[2]
    query = body["query"]["bool"]
    assert query["minimum_should_match"] == related.SHARED
    assert [clause["term"]["text"]["value"] for clause in query["should"]] == [
        stem for stem, _w in stems
    ]
    assert query["must_not"] == [bodies.compile_query(parse_q("srebrenica"), [])]
    assert {"terms": {"decade_exact": [1990]}} in query["filter"]  # the facet value chosen
    assert body["size"] == related.SHOWN * 2 and "aggs" not in body
    # Without also_related (an export, a later page), or not sparse: one request only.
    backend._client = _Client([_hits(archive["hit-1"], archive["hit-2"])], vectors)
    assert backend.run(request, "relevance", 0, 20).related is None
    assert len(backend.client.calls) == 1
    many = _hits(*[archive[f"other-{n}"] for n in range(12)])
    backend._client = _Client([many], vectors)
    assert (
        backend.run(SearchRequest(q="grain"), "relevance", 0, 20, also_related=True).related is None
    )
