"""Rare names across their spelling variants (search/names.py), on the engine under test: a
name also finds its rare spellings one edit away, ranked below the spelling typed; the page
and the API say so; `strict=1` searches the spelling typed only; ordinary words, short words
and the words of memos left out are never variants. Elasticsearch's query as data."""

import pytest
from search_helpers import write_jsonl

from archive.models import Memo
from archive.search import engines, names, service, thesaurus
from archive.search.params import SearchRequest
from archive.search.query import Alternatives, Term, parse

WORDS = [
    "station",
    "week",
    "budget",
    "cable",
    "report",
    "office",
    "region",
    "matter",
    "routine",
    "summary",
]
# The variant several times over: its word alone would outscore the exact spelling.
MEMOS = [
    ("exact-1", "Contacts", "Rosselli met the lawyer in Miami."),
    ("exact-2", "Notes", "John Rosselli was called again about the hotel."),
    ("variant-1", "Hotel", "Roselli at the hotel. Roselli left. Roselli, again."),
    ("variant-2", "Gone", "Rosseli, in this memo only (left out in a test)."),
    ("two-edits", "Rossetti", "Rossetti is two edits away and no variant."),
    ("ordinary", "Stations", "The statlon chief and the stations of the region."),
] + [(f"other-{n}", "Other", "Nothing of note.") for n in range(14)]  # fmt: skip
# (20 memos: a word in 2 of them is rare, names.rare())


def filler(n):
    """Prose of its own for memo n, so that no two memos are copies of one document."""
    return " ".join(f"{WORDS[(n + i) % 10]} {WORDS[(n * 3 + i) % 10]}{i}" for i in range(30))


@pytest.fixture
def archive(ingest, tmp_path):
    """The MEMOS ingested and published (with no thesaurus entry for Rosselli)."""
    records = [
        {
            "id": rid,
            "title": title,
            "date": f"1963-{n % 12 + 1:02d}-{n // 12 + 1:02d}",
            "text": f"{text} {filler(n)}",
        }
        for n, (rid, title, text) in enumerate(MEMOS)
    ]
    assert ingest(write_jsonl(tmp_path / "memos.jsonl", records))[0] == 0
    from archive.models import ThesaurusEntry

    ThesaurusEntry.objects.filter(term__icontains="rosselli").delete()
    thesaurus.changed()
    yield {memo.source_id: memo for memo in Memo.objects.all()}
    thesaurus.changed()


def page(q, **params):
    return service.search(request=SearchRequest.from_params({"q": q, **params}), facets=False)


def ids(results):
    return [hit.memo.source_id for hit in results.hits]


def test_a_name_finds_its_rare_spellings_below_the_one_typed(archive, client):
    results = page("rosselli")
    assert sorted(ids(results)[:2]) == ["exact-1", "exact-2"]
    assert sorted(ids(results)[2:]) == ["variant-1", "variant-2"]
    assert results.also == [("rosselli", ["roselli", "rosseli"])]
    html = client.get("/search/", {"q": "rosselli"}).content.decode()
    assert "Also searched for: “roselli”, “rosseli” (for “rosselli”)" in html
    data = client.get("/api/search", {"q": "rosselli"}).json()
    assert {"typed": "rosselli", "alternatives": ["roselli", "rosseli"]} in data["also_searched"]
    strict = page("rosselli", strict="1")
    assert sorted(ids(strict)) == ["exact-1", "exact-2"] and strict.also == []
    assert page("station").also == []  # an ordinary word has no variants
    assert ids(page("roselli"))[0] == "variant-1"  # the other way round too


def test_the_words_of_memos_left_out_are_no_variants(archive):
    request = SearchRequest.from_params({"q": "rosselli"})
    left_out = engines.current().run(request, "relevance", exclude={archive["variant-2"].pk})
    assert left_out.also == [("rosselli", ["roselli"])]
    assert archive["variant-2"].pk not in left_out.ids


def test_which_words_are_names_and_which_spellings_are_variants():
    size = 10_000
    frequencies = {"rosselli": 300, "roselli": 4, "rossellis": 2, "rosseli": 3, "rossetti": 5}
    frequencies.update(rosselki=1, rosselle=2, station=900, statlon=2, hoover=500, hooven=3)
    near = {"rosselli": list(frequencies), "station": ["statlon"], "hoover": ["hooven"]}

    def variants(text):
        return names.Finder(names.Known(frequencies, near, size)).variants(text)

    # In 3% of the memos, "rosselli" is no rare word (capitals typed change nothing).
    assert variants("rosselli") == variants("Rosselli") == ()
    frequencies["rosselli"] = 150
    # One edit at most (an OCR confusion costs less), rare, no other form of the same stem,
    # the commonest first and at most MAX_VARIANTS.
    assert variants("Rosselli") == ("roselli", "rosseli", "rosselle")
    assert names.MAX_VARIANTS == 3
    assert variants("station") == ()  # an ordinary word of the memos
    frequencies.update(station=10, gerald=10, gerard=3)
    near.update(gerald=["gerard"])
    assert variants("station") == variants("gerald") == ()  # a given name is no rare name
    assert variants("hoover") == ()  # in 5% of the memos
    frequencies["hoover"] = 50
    assert variants("hoover") == ("hooven",)
    frequencies["hooven"] = 400  # a variant must be rare itself
    assert variants("hoover") == ()
    assert names.Finder(names.Known({"maheu": 0}, {"maheu": ["maheux"]}, 9)).variants("maheu") == ()
    assert variants("Rusk") == ()  # too short: too many neighbours
    finder = names.Finder(names.Known({"maheu": 3, "maheux": 1}, {"maheu": ["maheux"]}, 50))
    (found,) = finder.expand((Term(None, "maheu"),))
    assert found == Alternatives(
        Term(None, "maheu"),
        (Term(None, "maheux"),),
        "maheu",
        ("maheux",),
        (names.weight(3, 1, 50),),
    )
    # A rarer variant weighs less, by the ratio of the idfs; a commoner one WEIGHT.
    assert 0.5 * names.WEIGHT < names.weight(3, 1, 50) < names.WEIGHT == names.weight(3, 9, 50)
    assert finder.expand((Term("title", "maheu"),)) == (Term("title", "maheu"),)
    assert names.looked_up(parse('maheu "john rosselli" title:hoover Giancana cuba')) == [
        "maheu",
        "Giancana",
    ]


def test_elasticsearch_searches_the_variants_below_the_name_typed():
    from archive.search.elasticsearch import bodies as es_bodies
    from archive.search.elasticsearch import translate as es_translate

    words = ["rosselli"]
    body = es_bodies.names_body(words)
    assert body["suggest"]["w0"]["term"]["max_edits"] == 1
    assert body["aggs"]["w0"] == {"filter": {"term": {"text.words": "rosselli"}}}
    response = {
        "hits": {"total": {"value": 1000}},
        "aggregations": {"w0": {"doc_count": 6}},
        "suggest": {"w0": [{"options": [{"text": "roselli", "freq": 2}]}]},
    }
    finder = names.Finder(es_bodies.names_lexicon(response, words))
    query = es_translate.compile_query(parse("rosselli"), finder=finder)
    typed = {"match_phrase": {"text": {"query": "rosselli"}}}
    variant = {"match_phrase": {"text": {"query": "roselli"}}}
    weighted = {"bool": {"must": [variant], "boost": names.weight(6, 2, 1000)}}
    assert query["bool"]["must"] == [{"bool": {"should": [typed, weighted]}}]
    assert finder.also() == [("rosselli", ["roselli"])]
    assert es_translate.compile_query(parse("rosselli")) != query  # no finder: no variants
