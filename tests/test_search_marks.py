"""Marking what matched: a phrase's words only where they stand as the phrase, plain words
wherever they stand, stop words never on their own; on the memo page and in snippets."""

import re

import pytest
from search_helpers import write_jsonl

from archive.search import service
from archive.search.highlight import hit_spans
from archive.search.marks import marks_for
from archive.search.query import parse
from archive.search.snippets import find_hits

TEXT = (
    "The Bay of Pigs landing failed. Out of the bay, pigs ran; the rest of the\n"
    "invasion force reached the Bay of\nPigs later (the Bay-of-Pigs affair). Pigs of war."
)


def marked(text, q):
    """The marked words, in order, as they stand in the text."""
    return [text[start:end] for start, end in hit_spans(text, q)]


def phrase_at(text, q):
    return [(text[s:e], s) for s, e in hit_spans(text, q)]


def test_a_phrase_is_marked_only_where_it_stands(db):
    assert marked(TEXT, '"bay of pigs"') == ["Bay", "of", "Pigs"] * 3
    # The lone "of"s, "bay, pigs" and "Pigs of war" are left alone.
    starts = [s for _word, s in phrase_at(TEXT, '"bay of pigs"')]
    assert TEXT.index("Out of") + 4 not in starts
    assert TEXT.rindex("Pigs of war") not in starts


def test_mixed_queries_mark_plain_words_everywhere(db):
    phrase = ["Bay", "of", "Pigs"]
    assert marked(TEXT, '"bay of pigs" invasion') == [*phrase, "invasion", *phrase, *phrase]
    # "bay" typed on its own as well: every bay, but still no lone "of".
    words = marked(TEXT, '"bay of pigs" bay')
    assert words.count("bay") == 1 and words.count("of") == 3 and words.count("Pigs") == 3
    assert marked(TEXT, '"bay of pigs" -invasion') == ["Bay", "of", "Pigs"] * 3
    assert marked(TEXT, '-"bay of pigs" invasion') == ["invasion"]


def test_stop_words_are_never_marked_alone(db):
    assert marked(TEXT, "of") == [] and marked(TEXT, "the of") == []
    assert marked(TEXT, "the invasion") == ["invasion"]
    words = re.findall(r"\w+", TEXT)
    assert marked(TEXT, "bay of pigs") == [w for w in words if w.lower() in ("bay", "pigs")]
    # A phrase of stop words is a phrase: marked where it stands.
    assert marked(TEXT, '"of the"') == ["of", "the", "of", "the"]


def test_proximity_marks_words_within_reach_of_each_other(db):
    # "bay pigs"~1: one word may stand between them, in order.
    words = phrase_at(TEXT, '"bay pigs"~1')
    assert [w for w, _s in words] == ["Bay", "Pigs", "bay", "pigs", "Bay", "Pigs", "Bay", "Pigs"]
    assert marked(TEXT, '"pigs bay"~1') == []  # order counts, as in the search
    assert marked(TEXT, '"bay war"~3') == []  # too far apart


def test_marks_from_the_query(db):
    marks = marks_for(parse('"Bay of Pigs" castro* invasion -cuba').node, ["bay", "of", "pig",
                                                                          "castro", "castroism",
                                                                          "invas"])  # fmt: skip
    assert marks.phrases == ((("bay", "of", "pig"), 0),)
    assert marks.terms == {"castro", "castroism", "invas"}
    # A word the analyzer splits is searched as a phrase, so it is marked as one.
    assert marks_for(parse("Sino-Soviet").node, ["sino", "soviet"]).phrases == (
        (("sino", "soviet"), 0),
    )
    assert find_hits(
        "Sino-Soviet talks; Soviet aid.", marks_for(parse("Sino-Soviet").node, [])
    ) == [
        (0, 4),
        (5, 11),
    ]


def test_on_the_seed_memo(seed):
    text = seed.text
    spans = hit_spans(text, '"relations with USSR" Gromyko')
    words = [text[s:e] for s, e in spans]
    assert words.count("with") == 1 < len(re.findall(r"\bwith\b", text))
    at = words.index("Relations")
    assert words[at : at + 3] == ["Relations", "with", "USSR"]
    assert "Gromyko" in words


def test_the_memo_page_marks_the_phrase_only(client, seed):
    page = client.get(seed.get_absolute_url(), {"q": '"relations with USSR"'}).content.decode()
    assert re.findall(r'<mark class="hit"[^>]*>(\w+)</mark>', page) == ["Relations", "with", "USSR"]


@pytest.fixture
def bay_memos(ingest, tmp_path):
    records = [
        {"id": "b-1", "doc_number": "BAY 01", "title": "Cuba", "date": "1961-04-20",
         "text": "Report of the week. " + TEXT},
        {"id": "b-2", "doc_number": "BAY 02", "title": "Farms", "date": "1961-05-01",
         "text": "Out of the bay came pigs of every kind, and the bay of the harbour."},
    ]  # fmt: skip
    assert ingest(write_jsonl(tmp_path / "memos.jsonl", records))[0] == 0


def test_snippets_mark_the_phrase_only(bay_memos):
    result = service.search('"bay of pigs"')
    assert [hit.memo.document_number for hit in result.hits] == ["BAY 01"]
    shown = str(result.hits[0].snippet)
    assert re.findall(r"<mark>(\w+)</mark>", shown) == ["Bay", "of", "Pigs"] * 3
    assert "Out of the" in shown and "<mark>of</mark> the" not in shown.split("landing")[1][:20]
