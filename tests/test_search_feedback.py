"""Pseudo-relevance feedback (search/feedback.py, off by default), on the engine under test:
the best documents' distinctive words raise the memos holding them among those the query
matched, never add a memo; strict=1 and explicit syntax get none; a memo left out never
feeds back."""

import pytest
from search_helpers import write_jsonl

from archive.models import Memo
from archive.search import engines, feedback, service
from archive.search.params import SearchRequest
from archive.search.query import parse

WORDS = ["station", "week", "budget", "cable", "report", "office", "region", "matter"]
# "embargo" is the query. The best two of its memos ("top", "secret") name the words fed back:
# krajina and sanctions ("top"), zanzibar ("secret"); "target" and "target-2" hold them and
# "embargo" once in a longer text than "control", which BM25 alone ranks first of the three.
MEMOS = [
    ("top", "Embargo", "Embargo, embargo, the embargo: Krajina sanctions, Krajina sanctions."),
    ("secret", "Embargo", "Embargo embargo embargo embargo. Zanzibar, Zanzibar."),
    ("control", "Notes", "The embargo."),
    ("target", "Notes", "The embargo. Krajina sanctions were argued. Krajina again, sanctions."),
    ("target-2", "Notes", "The embargo. Zanzibar was argued over again and again, Zanzibar."),
    ("no-embargo", "Krajina", "Krajina sanctions and Zanzibar without the word typed."),
] + [(f"other-{n}", "Other", "Nothing of note.") for n in range(14)]  # fmt: skip


def filler(n):
    """Prose of its own for memo n, so that no two memos are copies of one document."""
    return " " + " ".join(f"{WORDS[(n + i) % 8]} {WORDS[(n * 3 + i) % 8]}{i}" for i in range(20))


@pytest.fixture
def archive(ingest, tmp_path):
    """The MEMOS ingested and published."""
    records = [
        {"id": rid, "title": title, "date": f"1994-{n % 12 + 1:02d}-01", "text": text + filler(n)}
        for n, (rid, title, text) in enumerate(MEMOS)
    ]
    assert ingest(write_jsonl(tmp_path / "memos.jsonl", records))[0] == 0
    return {memo.source_id: memo.pk for memo in Memo.objects.all()}


def order(q="embargo", exclude=frozenset(), **params):
    """(total, source ids in order) of a relevance search on the engine under test."""
    request = SearchRequest.from_params({"q": q, **params})
    result = engines.current().run(request, "relevance", 0, 20, facets=False, exclude=exclude)
    source = dict(Memo.objects.filter(pk__in=result.ids).values_list("pk", "source_id"))
    return result.total, [source[pk] for pk in result.ids]


def above(ranked, first, second):
    return ranked.index(first) < ranked.index(second)


def test_feedback_reorders_the_matches_only_and_is_off_by_default(archive, settings):
    total, plain = order()
    assert total == 5 and above(plain, "control", "target") and above(plain, "control", "target-2")
    assert service.search(q="embargo", facets=False).total == 5
    settings.ARCHIVE_SEARCH_FEEDBACK = "2,5,0.5"
    fed_total, fed = order()
    assert fed_total == total and sorted(fed) == sorted(plain)  # no memo added ("no-embargo")
    assert above(fed, "target", "control")
    assert above(fed, "target-2", "control")
    # strict=1 and explicit syntax search as without feedback.
    assert order(strict="1") == (total, plain)
    assert order('"embargo"') == (total, plain)


def test_a_memo_left_out_never_feeds_back(archive, settings):
    settings.ARCHIVE_SEARCH_FEEDBACK = "1,5,0.5"  # the best document only
    total, ranked = order()
    assert ranked[0] == "secret" and above(ranked, "target-2", "control")
    total, ranked = order(exclude={archive["secret"]})
    assert total == 4 and "secret" not in ranked
    assert above(ranked, "target", "control")  # "top" feeds back instead
    assert above(ranked, "control", "target-2")  # zanzibar, "secret"'s word, does not


def test_which_searches_get_feedback(settings):
    def wanted(q, strict=False, sort="relevance"):
        request = SearchRequest.from_params({"q": q, **({"strict": "1"} if strict else {})})
        return feedback.wanted(request, parse(q), sort)

    assert wanted("embargo bosnia") is None  # off by default
    settings.ARCHIVE_SEARCH_FEEDBACK = "5,10,0.2"
    assert wanted("embargo bosnia") == feedback.Feedback(5, 10, 0.2)
    explicit = ['"arms embargo"', "title:embargo", "embargo OR sanctions", "embargo -bosnia"]
    explicit += ["embargo*", "embargo~", "embargo AND bosnia", "(embargo bosnia)", "*", ""]
    for q in explicit:
        assert wanted(q) is None, q
    assert wanted("embargo", strict=True) is None and wanted("embargo", sort="date") is None
    for value in ("", "5,10", "0,10,0.2", "5,10,-1", "a,b,c"):
        settings.ARCHIVE_SEARCH_FEEDBACK = value
        assert feedback.configured() is None, value
