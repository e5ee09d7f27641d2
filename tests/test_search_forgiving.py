"""Forgiving matching, on the engine under test: a query of three or more plain words also
finds memos missing one of them, always after every memo holding them all; `strict=1` and
explicit syntax require every word, and the page and the API say how many hold them all. The
thesaurus (search/thesaurus.py) searches an acronym's other forms too, ranked below it."""

import pytest
from search_helpers import write_jsonl

from archive.models import Memo, ThesaurusEntry
from archive.search import service, thesaurus
from archive.search.params import SearchRequest
from archive.search.query import Alternatives, Phrase, Term, parse, relaxed

FILLER = "The station reported on routine matters of the week and the budget. " * 3
# The memos missing one word name the others far more often than the memos with all of them:
# their words alone would outscore them.
MEMOS = [
    ("all-1", "Report", "Oswald was seen in Mexico City. " + FILLER),
    ("all-2", "Notes", FILLER + "Oswald in Mexico City again, at the city's embassy."),
    ("one-1", "Travel", "Oswald went to Mexico. " * 6 + "Oswald, Mexico. " * 4 + FILLER),
    ("one-2", "Cables", "Mexico City station cable. " * 8 + FILLER),
    ("two-1", "Oswald", "Oswald and nothing else. " * 8 + FILLER),
    ("slcm-1", "Naval arms", "The SLCM limits in the treaty were argued again. " + FILLER),
    ("slcm-2", "Submarines", "Sea-launched cruise missiles on submarines. " + FILLER),
    ("zap-1", "Cuba", "The Bay of Pigs landing failed within three days. " + FILLER),
]  # fmt: skip


@pytest.fixture
def archive(ingest, tmp_path):
    """The MEMOS ingested and published."""
    records = [
        {"id": rid, "title": title, "date": f"1963-0{n + 1}-01", "text": text}
        for n, (rid, title, text) in enumerate(MEMOS)
    ]
    assert ingest(write_jsonl(tmp_path / "memos.jsonl", records))[0] == 0
    assert Memo.objects.published().count() == len(MEMOS)
    # The seeded entry these tests read (migration 0023), again if a transactional test before
    # this one emptied the table; the thesaurus is read afresh.
    ThesaurusEntry.objects.get_or_create(
        term="SLCM", defaults={"alternatives": "sea-launched cruise missile\nSLCMs"}
    )
    thesaurus.changed()
    yield
    thesaurus.changed()  # entries made by a test are rolled back with it: read afresh after


def page(q, **params):
    return service.search(request=SearchRequest.from_params({"q": q, **params}), facets=False)


def ids(results):
    return [hit.memo.source_id for hit in results.hits]


def test_which_queries_are_forgiving():
    def subsets(text):
        return relaxed(parse(text), text)

    assert subsets("oswald in mexico city")[0] == tuple(parse("in mexico city").node.children)
    assert len(subsets("oswald in mexico city")) == 3
    assert subsets("oswald mexico city") == tuple(
        tuple(parse(words).node.children)
        for words in ("mexico city", "oswald city", "oswald mexico")
    )
    for strict in (
        "oswald mexico",  # two words
        "oswald AND mexico AND city",
        '"oswald mexico" city',
        "title:oswald mexico city",
        "oswald mexico -city",
        "oswald OR mexico city",
        "oswald mexico cit*",
        "oswald oswald mexico",
        "oswald in mexico",  # stop words neither count nor go missing
        "a or the",
        "b c d e f g h i j",  # more than RELAX_MAX words
        "oswald (mexico city",  # not parsed: searched as its words
    ):
        assert subsets(strict) is None, strict


def test_memos_missing_one_word_come_after_all_that_hold_every_word(archive):
    results = page("oswald mexico city")
    found = ids(results)
    assert sorted(found[:2]) == ["all-1", "all-2"]
    assert sorted(found[2:]) == ["one-1", "one-2"]  # "two-1" misses two words
    assert (results.total, results.exact, results.forgiving) == (4, 2, True)
    assert ids(page("oswald mexico city", sort="date")) == ["all-1", "all-2", "one-1", "one-2"]


def test_strict_and_explicit_syntax_require_every_word(archive):
    for q, params in (
        ("oswald mexico city", {"strict": "1"}),
        ("oswald AND mexico AND city", {}),
        ('"oswald" mexico city', {}),
    ):
        results = page(q, **params)
        assert sorted(ids(results)) == ["all-1", "all-2"], q
        assert not results.forgiving, q
    assert SearchRequest.from_params({"q": "x", "strict": "1"}).query_string() == "q=x&strict=1"


def test_the_page_and_the_api_say_what_was_also_searched(archive, client):
    html = client.get("/search/", {"q": "oswald mexico city"}).content.decode()
    assert "2 documents match all your words" in html
    assert "match all but one of them" in html
    assert 'href="?q=oswald+mexico+city&amp;strict=1"' in html
    strict = client.get("/search/", {"q": "oswald mexico city", "strict": "1"}).content.decode()
    assert "match all but one of them" not in strict
    assert 'name="strict" value="1"' in strict  # a new query from the form stays strict
    assert 'href="?q=oswald+mexico+city">Also show memos that match all but one' in strict
    data = client.get("/api/search", {"q": "oswald mexico city"}).json()
    assert (data["count"], data["all_words"], data["strict"]) == (4, 2, False)
    data = client.get("/api/search", {"q": "oswald mexico city", "strict": "1"}).json()
    assert (data["count"], data["all_words"], data["strict"]) == (2, None, True)


def test_the_thesaurus_matches_forms_by_their_stems():
    entries = thesaurus.build([["SLCM", "sea-launched cruise missile", "SLCMs"]])
    (found,) = thesaurus.expand(parse("sea launched cruise missiles").node.children, entries)
    assert isinstance(found, Alternatives)
    assert found.others == (Term(None, "SLCM"), Term(None, "SLCMs"))
    words, found = thesaurus.expand(parse("soviet slcms").node.children, entries)
    assert words == Term(None, "soviet")
    assert found.others == (
        Term(None, "SLCM"),
        Phrase(None, ("sea", "launched", "cruise", "missile")),
    )
    phrase = parse('"cruise missiles"').node  # a phrase is one form, or none
    assert thesaurus.expand((phrase,), entries) == (phrase,)
    (found,) = thesaurus.expand((parse('"sea-launched cruise missile"').node,), entries)
    assert found.others[0] == Term(None, "SLCM")


def test_the_thesaurus_finds_other_forms_below_the_words_typed(archive, client):
    assert ids(page("SLCM")) == ["slcm-1", "slcm-2"]
    assert ids(page("sea launched cruise missiles")) == ["slcm-2", "slcm-1"]
    assert page("SLCM").also == [("SLCM", ["sea-launched cruise missile", "SLCMs"])]
    html = client.get("/search/", {"q": "slcm"}).content.decode()
    assert "Also searched for: “sea-launched cruise missile”, “SLCMs” (for “SLCM”)" in html
    data = client.get("/api/search", {"q": "slcm"}).json()
    assert data["also_searched"] == [
        {"typed": "SLCM", "alternatives": ["sea-launched cruise missile", "SLCMs"]}
    ]
    # A curator's new entry applies at the next search.
    assert ids(page("zapata")) == []
    ThesaurusEntry.objects.create(term="Zapata", alternatives="Bay of Pigs", note="Its code name.")
    assert ids(page("zapata")) == ["zap-1"]
    assert ids(page("zapata", strict="1")) == ["zap-1"]  # strict asks for every word, not form


def test_elasticsearch_searches_the_alternatives_below_the_words_typed(monkeypatch):
    from archive.search.elasticsearch import translate as es_translate

    entries = thesaurus.build([["SLCM", "sea-launched cruise missile"]])
    monkeypatch.setattr(thesaurus, "table", lambda: entries)
    query = es_translate.compile_query(parse("slcm"))
    typed = {"match_phrase": {"text": {"query": "slcm"}}}
    phrase = {"match_phrase": {"text": {"query": "sea launched cruise missile"}}}
    weighted = {"bool": {"must": [phrase], "boost": thesaurus.WEIGHT / 4}}
    assert query["bool"]["must"] == [{"bool": {"should": [typed, weighted]}}]
