"""archive.ingest.signoffs: the sender read from title and office lines at a memorandum's foot
when no name can be read, on real corpus texts of the tuning part read from ../shared/corpus at
test time, and on a few lines written here."""

import pytest
from test_extract import needs_corpus
from test_extract_anatomy import read_all as read

from archive.ingest import signoffs
from archive.ingest.patterns import split_lines

pytestmark = pytest.mark.pure  # extraction is pure Python: no search index


def _sign_off(text: str):
    lines = split_lines(text)
    return signoffs.sign_off(lines, 0, len(lines), lambda i: False)


@needs_corpus
def test_title_over_unit_under_an_unreadable_scrawl():
    # "Ybatkeg~" (the signature's OCR) over "Chief" / "Foreign Intelligence" / "Approved:".
    result = read("jfk-104-10052-10107")
    assert (result.values["sender"], result.rules["sender"]) == (
        "Chief, Foreign Intelligence",
        "signature-foot",
    )
    # "(hye | 'FitzGerald" over "Pa) Chief" / "Western Hemisphere Division" / "Attachment:".
    assert read("jfk-104-10109-10427").values["sender"] == "Chief, Western Hemisphere Division"


@needs_corpus
def test_office_symbol_alone_closes_a_memorandum_for_the_record():
    result = read("jfk-104-10003-10196")
    assert (result.values["sender"], result.rules["sender"]) == ("SR/CI/R", "signature-foot")


@needs_corpus
def test_addressees_listed_with_their_titles_sign_nothing():
    # A memorandum to nine agencies lists "Assistant Chief of Staff, Intelligence" / "Department
    # of the Army" among its addressees, under a title line long enough to pass for prose.
    result = read("jfk-104-10310-10011")
    assert result.rules.get("sender") != "signature-foot"


def test_a_sentence_going_on_or_a_copy_line_is_not_a_sign_off():
    prose = "A memorandum will be directed to the Physical Security Division so that the"
    assert _sign_off(prose + "\nNight Security Officer\nknows of it.\n") is None
    ended = "The names of all professional members of this Staff are attached hereto."
    assert _sign_off(ended + "\nce C/PSD/OS\nSECRET\n") is None
    assert _sign_off(ended + "\nChief\nDistribution:\n") is None  # a bare title names no one
    assert _sign_off(ended + "\nRichard Roe, Jr.\nC/WH/2\nSECRET\n") == (
        "Richard Roe, Jr., C/WH/2",
        1,
        2,
    )


def test_bench_reads_initials_as_the_given_names_they_stand_for():
    from scoring import loose_agree

    assert loose_agree("BRECKINRIDGE, SCOTT D., OLC", "S. D. Breckinridge")
    assert loose_agree("M.L. LATTA, PLANS AND REVIEW GROUP", "M. L. Latta")
    assert not loose_agree("BRECKINRIDGE, SCOTT D., OLC", "J. D. Breckinridge")
    assert not loose_agree("CHIEF, WH DIVISION", "C. Chief")  # a title is no one's name


@needs_corpus
def test_memorandum_for_the_record_through_ocr_damage_has_no_addressee():
    # "MESORANDUM FOR THE RECORD", "MEMORANDUM: FOR THE RECORD", "MEMO FOR THE RECORD:".
    for record_id in ("jfk-104-10167-10236", "jfk-104-10183-10350", "jfk-104-10003-10196"):
        result = read(record_id)
        assert result.values["document_type"] == "Memorandum for the Record", record_id
        assert "recipient" not in result.values, record_id
    # One cited in a list ("Memo for the Record - dated 12 May 1977") heads nothing.
    assert read("jfk-104-10147-10018").values["document_type"] != "Memorandum for the Record"
