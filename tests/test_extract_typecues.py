"""archive.ingest.typecues: an Army paper without a memorandum's heading (a military letter, an
annex, a summary) keeps the Army's family but no "Memorandum" type, on real corpus texts of the
tuning part's work half read from ../shared/corpus at test time."""

import pytest
from test_extract import needs_corpus
from test_extract_familycues import family

from archive.ingest import typecues
from archive.ingest.families import ARMY, CIA, Recognition

pytestmark = pytest.mark.pure  # extraction is pure Python: no search index


@needs_corpus
def test_army_military_letter_has_no_memorandum_type():
    # A 1957 military letter: file reference, "SUBJECT:", "TO: Commanding Officer", numbered
    # paragraphs, no MEMORANDUM anywhere: the Army's family, no type.
    assert family("jfk-form-194-10008-10068") == (
        "military_memo",
        "family:army-unheaded",
        None,
        None,
    )


@needs_corpus
def test_army_annexes_have_no_memorandum_type():
    # A recruitment file's annexes (agent personnel, case officer, background): no type.
    assert family("jfk-form-194-10001-10434")[::2] == ("military_memo", None)


@needs_corpus
def test_army_memorandum_heading_keeps_its_type():
    # "MEMORANDUM" heads it: the family's type stands (no cue).
    assert family("jfk-104-10107-10037") == (
        "military_memo",
        "family",
        "Memorandum",
        "family:military_memo",
    )


@needs_corpus
def test_army_memorandum_for_record_keeps_its_type():
    assert family("jfk-194-10007-10451")[::2] == ("military_memo", "Memorandum for the Record")


def test_memorandum_word_as_ocr_reads_it():
    # One letter wrong, cut at a line's end, spaced out, a JCS memorandum's number.
    for text in ("MEYORANDUM FOR: Chief", "MEMORAN-\nDUM", "M E M O R A N D U M", "JCSM-451-63"):
        assert typecues.MEMO_WORD_RE.search(text), text
    assert not typecues.MEMO_WORD_RE.search("SUBJECT: Vladimir TURZEV\nTO: Commanding Officer")


def test_only_the_armys_guessed_memorandum():
    army = Recognition("military_memo", "Memorandum", ARMY, 0.7, None)
    head = "SUBJECT: Cuban Operations\nTO: ACSI\n1. The purpose of this paper"
    assert typecues.refine(army, ARMY, head).document_type == ""
    assert typecues.refine(army, CIA, head).document_type == "Memorandum"  # not an Army paper
    office = "UNITED STATES GOVERNMENT\nOffice Memorandum\n" + head
    assert typecues.refine(army, ARMY, office).document_type == "Memorandum"
    cable = army._replace(document_type="Cable")
    assert typecues.refine(cable, ARMY, head) == cable
