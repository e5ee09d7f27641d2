"""archive.ingest.captionguard: captions read as page debris (typist's initials, the archive's
footer, a date line) and garbled senders of unmeasured rules are offered as suggestions, not
kept; clean captions stay. Real corpus texts of the tuning part, read from ../shared/corpus at
test time. Pure Python, no Django."""

import sys
from pathlib import Path

import pytest

from archive.ingest.captionguard import debris, sender_debris
from archive.ingest.extract import extract

HERE = Path(__file__).resolve()
sys.path.insert(0, str(HERE.parents[1] / "bench"))
from test_extract import needs_corpus  # noqa: E402
from test_extract_anatomy import record  # noqa: E402

pytestmark = pytest.mark.pure


def text_of(record_id: str) -> str:
    """The text of a corpus record of the tuning part."""
    return record(record_id)["text"]


def test_debris_reasons():
    """Each kind of debris is named; a caption that merely starts with a date is not debris."""
    assert debris("GC : LEMAN L. STAFFORD, JR. LLS:msb") == "typist's reference initials"
    assert debris("lr thew wah neproduced from the holdings of the") == "the archive's page footer"
    assert debris("June 1968 Director") == "a date line"
    assert debris("NOVEMBER 1993 MEETING WITH THE SVRR") is None
    assert debris("MAHEU, Robert A") is None


@needs_corpus
@pytest.mark.parametrize(
    "record_id, kept",
    [
        ("jfk-form-180-10076-10371", "holdings of the"),  # the footer in a form's TITLE box
        ("jfk-104-10310-10011", "June 1968"),  # the date line under SUBJECT
    ],
)
def test_debris_caption_is_a_suggestion(record_id, kept):
    """The debris is not the record's title; the review form is told what was read."""
    out = extract(text_of(record_id))
    assert "title" not in out.values or kept not in str(out.values["title"])
    assert any(kept in note and "not kept" in note for note in out.notes)


@needs_corpus
def test_garbled_sender_of_unmeasured_rule_is_a_suggestion():
    """A SUBJECT-block sender OCR garbled ('icmee Stxacons} ...') is offered, not kept."""
    out = extract(text_of("jfk-104-10175-10072"))
    assert "Stxacons" not in str(out.values.get("sender"))
    assert any("Stxacons" in note for note in out.notes)


def test_sender_debris_reasons():
    """A sender cut mid-phrase is named; a whole one, parentheses closed, is not."""
    assert sender_debris("Deputy Director of Security (Investigations") is not None
    assert sender_debris("(Jerry F. Booth, William E. Craig) and") == "cut at a line break"
    assert sender_debris("THE") == "cut at a line break"
    assert sender_debris("Chief of Station, Mexico City IN") is None
    assert sender_debris("Director (Plans)") is None


@needs_corpus
@pytest.mark.parametrize(
    "record_id, kept",
    [
        ("jfk-104-10117-10400", "(Investigations"),  # FROM value cut at the line break
        ("jfk-124-10224-10031", "(94-172 Sub"),  # FBI FROM line run into a file number
    ],
)
def test_cut_sender_is_a_suggestion(record_id, kept):
    """A FROM value cut mid-phrase is not the record's sender; the review form is told."""
    out = extract(text_of(record_id))
    assert kept not in str(out.values.get("sender"))
    assert any(kept in note and "not kept" in note for note in out.notes)


@needs_corpus
def test_lone_opening_parenthesis_is_dropped():
    """'(Gloria M. Boyd' under FROM: OCR's parenthesis goes, the name stays."""
    out = extract(text_of("jfk-104-10331-10309"))
    assert out.values.get("sender") == "Gloria M. Boyd"


@needs_corpus
def test_clean_caption_is_kept():
    """A form's catalogue-style title ending 'RELATIONS WITH.' stays the title."""
    out = extract(text_of("jfk-form-104-10110-10255"))
    assert "RELATIONS WITH" in str(out.values.get("title"))


def test_scoring_ignores_a_release_note():
    """bench/scoring.py: a note on who released a cable is no part of its sender."""
    from scoring import loose_agree

    assert loose_agree("Director (Desmond FitzGerald, C/SAS, releasing)", "DIRECTOR")
    assert loose_agree("Director, Central Intelligence Agency (released by C/CI/SO)", "DIRECTOR")
    assert not loose_agree("Director (released by C/CI/SO)", "Chief, WH Division")
