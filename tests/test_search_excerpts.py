"""Snippets, summaries and the home page's list come from a memo's own text, never from NARA's
identification form or a release stamp: real JFK records as released (read from the shared
corpus), with their parts known and with none (memos stored before parts were kept)."""

import json
import re
from xml.etree import ElementTree

import pytest
from search_helpers import write_jsonl

from archive.body import Body, excerpt
from archive.ingest.extract import extract
from archive.models import Memo, Mention
from archive.search.snippets import snippet

# A letter of resignation behind its identification form and the JFK Act's release stamp; the
# form's TO, TITLE and SUBJECTS name Maheu, and so does the letter.
LETTER = "jfk-form-157-10004-10278"
OPENING = "In accordance with our recent phone conversation, I offer this letter of resignation"
# An FBI memorandum whose page ends in classification stamps below a paragraph.
STAMPED = "jfk-form-124-10369-10030"
# What the form and the stamp print.
NOT_BODY = (
    "RELEASE UNDER THE PRESIDENT", "ASSASSINATION RECORDS ACT", "IDENTIFICATION FORM",
    "ASSASSINATION SYSTEM", "RECORD NUMBER", "AGENCY FILE NUMBER", "DOCUMENT TYPE", "TITLE",
    "SUBJECTS", "SSCIA", "DocId",
)  # fmt: skip
ATOM = "{http://www.w3.org/2005/Atom}"


def record(corpus, record_id):
    """The text of one record of jfk_forms.jsonl."""
    with (corpus / "jfk_forms.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            found = json.loads(line)
            if found["id"] == record_id:
                return found["text"]
    raise LookupError(record_id)


def parts_of(text, known):
    """The parts extraction finds, or none (a memo stored before parts were kept)."""
    return [list(part) for part in extract(text).parts] if known else []


def assert_body(shown):
    """Nothing of the form or the stamps in what a list shows."""
    for words in NOT_BODY:
        assert words.lower() not in shown.lower(), words


@pytest.fixture(params=[True, False], ids=["parts", "no parts"])
def letter(request, corpus, ingest, tmp_path):
    """The letter, ingested and published, with its parts known or not."""
    text = record(corpus, LETTER)
    assert ingest(write_jsonl(tmp_path / "letter.jsonl", [{"id": LETTER, "text": text}]))[0] == 0
    memo = Memo.objects.get(source_id=LETTER)
    memo.parts = parts_of(memo.text, request.param)
    memo.save()
    return memo


def page_snippets(client, **params):
    html = client.get("/search/", params).content.decode()
    return re.findall(r'<p class="snippet">(.*?)</p>', html, re.S)


def test_the_home_page_shows_the_letter_not_its_form(client, letter):
    (shown,) = re.findall(r'<p class="excerpt">(.*?)</p>', client.get("/").content.decode(), re.S)
    assert shown.startswith(OPENING)
    assert_body(shown)
    assert letter.excerpt.startswith(OPENING)


def test_browsing_the_api_and_the_feed_show_the_letter(client, letter):
    (result,) = client.get("/api/search").json()["results"]
    assert result["snippet"].startswith(OPENING)
    assert_body(result["snippet"])
    (entry,) = ElementTree.fromstring(client.get("/search/feed/").content).findall(f"{ATOM}entry")
    summary = entry.find(f"{ATOM}summary").text
    assert summary.startswith(OPENING)
    assert_body(summary)


def test_a_word_of_the_form_and_the_letter_is_shown_in_the_letter(client, letter):
    (result,) = client.get("/api/search", {"q": "maheu"}).json()["results"]
    assert "resignation to Robert A. <mark>Maheu</mark> Associates" in result["snippet"]
    assert_body(result["snippet"])
    (shown,) = page_snippets(client, q="maheu")
    assert "<mark>Maheu</mark>" in shown
    assert_body(shown)


def test_a_word_only_in_the_form_shows_the_opening(client, letter):
    (result,) = client.get("/api/search", {"q": "sscia"}).json()["results"]
    assert result["snippet"].startswith(OPENING)
    assert_body(result["snippet"])


def test_words_only_in_the_stamp_or_the_forms_labels_find_nothing(client, letter):
    # The release stamp ("... PRESIDENT JOHN F. KENNEDY ASSASSINATION RECORDS ACT OF 1992"),
    # the form's labels and its page footer are not indexed; the form's values are.
    for q in ("kennedy", "1992", "identification", '"current status"', "docid"):
        assert client.get("/api/search", {"q": q}).json()["count"] == 0, q
    for q in ("resignation", "sscia", '"maheu associates"'):
        assert client.get("/api/search", {"q": q}).json()["count"] == 1, q


def test_a_summary_is_shown_before_the_opening(client, letter):
    letter.summary = "A CIA employee resigns from Robert A. Maheu Associates."
    letter.save()
    assert page_snippets(client) == [letter.summary]
    assert client.get("/api/search").json()["results"][0]["snippet"] == letter.summary


@pytest.mark.parametrize("known", [True, False], ids=["parts", "no parts"])
def test_stamps_beside_a_word_are_left_out_of_its_snippet(corpus, known):
    text = record(corpus, STAMPED)
    shown = snippet(text, ["defector"], parts=parts_of(text, known))
    assert "Soviet <mark>defector</mark> whose bona fides" in shown
    assert "CLASSIFIED BY" not in shown and "DECLASSIFY" not in shown


@pytest.mark.parametrize("known", [True, False], ids=["parts", "no parts"])
def test_the_opening_is_past_the_form_and_its_stamp(corpus, known):
    text = record(corpus, LETTER)
    assert excerpt(text, parts_of(text, known)).startswith(OPENING)
    body = Body(text, parts_of(text, known))
    assert body.noise_at(text.index("RELEASE UNDER THE PRESIDENT"))
    assert body.noise_at(text.index("AGENCY FILE NUMBER"))
    assert not body.noise_at(text.index("In accordance with our recent phone"))


def test_ocr_debris_and_headings_are_not_an_opening():
    text = (
        "SECRET\n\n~~ 7 ' ;a\n\nMEMORANDUM FOR: Chief, SR Division\n\nSUBJECT: Travel\n"
        "NW 50953 DocId:32319396 Page 1\n\n"
        "1. The subject left Moscow on 12 May and was met at the station by two of\n"
        "his colleagues, who took him to the embassy for the debriefing.\n"
    )
    assert excerpt(text) == (
        "1. The subject left Moscow on 12 May and was met at the station by two of his "
        "colleagues, who took him to the embassy for the debriefing."
    )
    assert "DocId" not in excerpt("SECRET\n\nNW 50953 DocId:32319396 Page 1\n")
    assert excerpt("") == ""


def test_an_entity_page_shows_a_mention_in_the_letter(client, letter):
    maheu = Mention.objects.filter(memo=letter, entity__name="Robert Maheu").first().entity
    # Extraction links the names of the form too: the page passes over them.
    html = client.get(maheu.get_absolute_url()).content.decode()
    (shown,) = re.findall(r'<p class="snippet">(.*?)</p>', html, re.S)
    assert "Mr. <mark>Robert A. Maheu</mark> 120 Rosemary Lane" in " ".join(shown.split())
    assert_body(shown)
