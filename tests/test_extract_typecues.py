"""archive.ingest.typecues: an Army paper without a memorandum's heading (a military letter, an
annex, a summary) keeps the Army's family but no "Memorandum" type, on real corpus texts of the
tuning part's work half read from ../shared/corpus at test time."""

from types import SimpleNamespace

import pytest
from test_extract import needs_corpus
from test_extract_familycues import family

from archive.ingest import typecues
from archive.ingest.families import ARMY, CIA, FBI, Recognition

pytestmark = pytest.mark.pure  # extraction is pure Python: no search index


@needs_corpus
def test_army_military_letter_is_no_memorandum_and_its_form_names_it():
    # A 1957 military letter: file reference, "SUBJECT:", "TO: Commanding Officer", numbered
    # paragraphs, no MEMORANDUM anywhere: no guessed "Memorandum"; the form's TITLE "MILITARY
    # LETTER" names its kind.
    assert family("jfk-form-194-10008-10068") == (
        "military_memo",
        "family:form-title-kind",
        "Letter",
        "family:military_memo:form-title-kind",
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


@needs_corpus
def test_fbi_report_page_heads_with_office_and_file_number():
    # Pages of field offices' reports, their first pages filed apart: "PH 92-137" over an
    # informant's account, "PH 92-439" over the ADMINISTRATIVE PAGE, "NY 134-15734".
    for record_id in ("jfk-124-10347-10025", "jfk-form-124-10347-10040", "jfk-124-10207-10405"):
        assert family(record_id) == (
            "fbi_report",
            "family:report-file-page",
            "Report",
            "family:fbi_report:report-file-page",
        ), record_id


@needs_corpus
def test_fbi_page_without_a_file_number_head_stays_unplaced():
    # An informant's numbered account with no office code and file number above it.
    assert family("jfk-124-10197-10422")[:2] == ("other", "family")


def test_report_page_only_for_the_bureaus_unplaced_records():
    other = Recognition("other", "", None, 0.0, None)
    head = "NY 105-49813\n\nSUCCINCT RESUME\nSubject was previously included"
    assert typecues.refine(other, FBI, head).name == "fbi_report"
    assert typecues.refine(other, CIA, head) == other
    prose = "On 1/17/68, ENRIQUE advised\nthat he\nis acquainted\nwith LUCIANO\nand knows\n"
    assert typecues.refine(other, FBI, prose + "NY 105-49813") == other  # not the page's head
    letter = Recognition("fbi_letter", "Letter", FBI, 0.7, None)
    assert typecues.refine(letter, FBI, head) == letter


@needs_corpus
def test_army_record_no_signal_placed_is_the_armys_family():
    # An extract of Fourth Army G2's weekly summary of domestic intelligence: no letterhead
    # line, no form title the Army's signals know; the Army's family, no guessed type.
    assert family("jfk-124-90029-10007") == ("military_memo", "family:army-unplaced", None, None)


def test_army_unplaced_only_for_records_without_family_or_type():
    other = Recognition("other", "", None, 0.0, None)
    head = "Hq Fourth Army,\nOAC/S, G2,\nWEEKLY SUMMARY"
    assert typecues.refine(other, ARMY, head)[:2] == ("military_memo", "")
    assert typecues.refine(other, CIA, head) == other
    report = other._replace(document_type="Report")  # an ally's report in the Army's files
    assert typecues.refine(report, ARMY, head) == report


@needs_corpus
def test_form_title_names_the_kind_the_text_does_not():
    # No heading the text shows: the form's "PRESS CLIPPING: ..." and "MFR: ..." name the kind.
    assert family("jfk-form-104-10400-10069")[::2] == ("other", "Other")
    assert family("jfk-form-104-10408-10347") == (
        "cia_mfr", "family:form-title-kind", "Memorandum for the Record",
        "family:cia_mfr:form-title-kind",
    )  # fmt: skip
    # "MEMOS ON ROSELLI AND GIANCANA.": several records, no one kind.
    assert family("jfk-form-104-10133-10281")[::2] == ("other", None)


@needs_corpus
def test_form_title_never_overrides_the_texts_kind():
    # The form's "MEMO: MEETING WITH HSCA CHIEF COUNSEL": the text heads it a memorandum for
    # the record, and the text's kind stands.
    assert family("jfk-form-104-10066-10213")[::2] == ("cia_mfr", "Memorandum for the Record")


def test_form_title_kinds():
    def form(title):
        return SimpleNamespace(fields={"title": SimpleNamespace(value=title)})

    other = Recognition("other", "", None, 0.0, None)
    cases = {
        "CABLE RE TRAVEL TO SAO PAULO.": ("cia_cable", "Cable"),
        "DIRECTOR CABLE RE TRAVEL": ("cia_cable", "Cable"),
        "MESSAGE: RE WOLMAN": ("cia_cable", "Cable"),
        "MEMO: ESPINOSA ALLEGATIONS": ("cia_memo", "Memorandum"),
        "MFR: LEE HARVEY OSWALD": ("cia_mfr", "Memorandum for the Record"),
        "MEMOS ON ROSELLI AND GIANCANA.": ("other", ""),
        "CABLES ON VARIOUS SUBJECTS": ("other", ""),
        "MEMORANDUM/MATERIAL/CHRONS": ("other", ""),
    }
    for title, want in cases.items():
        assert typecues.refine(other, CIA, "", form(title))[:2] == want, title
    cable = Recognition("cia_cable", "Cable", CIA, 0.85, 3)
    assert typecues.refine(cable, CIA, "", form("MEMO: ESPINOSA")) == cable
