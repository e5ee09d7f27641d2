"""archive.ingest.anatomy: part boundaries (where the form, stamps and routing sheets end and the
document's own text begins), on real corpus texts of the tuning part read at test time."""

from functools import cache

import pytest
from test_extract import needs_corpus
from test_extract_anatomy import read, record

from archive.ingest import anatomy
from archive.ingest.patterns import NARA_FOOTER_RE, split_lines

pytestmark = pytest.mark.pure  # extraction is pure Python: no search index


@cache
def dissect(record_id: str):
    """The record's lines and their anatomy."""
    text = record(record_id)["text"]
    lines = split_lines(text)
    return lines, anatomy.dissect(text, lines)


def kind_of(record_id: str, startswith: str) -> str:
    """The kind of the first line of the record that starts with the given text."""
    lines, parts = dissect(record_id)
    i = next(i for i, ln in enumerate(lines) if ln.text.strip().startswith(startswith))
    return parts.kinds[i]


def test_footer_with_lowercase_docid():
    """NARA's page footer read as "Docid:" or "Docd:" by OCR is still a footer."""
    assert NARA_FOOTER_RE.search("HW 50953 Docid:32306458 Page 1")
    assert NARA_FOOTER_RE.search("NW 88321 Docd: 32176458 Page 3")
    assert NARA_FOOTER_RE.search("LNW 50953 Doclda:32327730 Page 1")
    assert not NARA_FOOTER_RE.search("Document 1234567 of the file")


@needs_corpus
def test_form_ends_at_its_footer_so_the_airtel_is_read():
    """The form's page ends at a "Docid:" footer: the airtel behind it is the document's own."""
    assert kind_of("jfk-form-124-10290-10098", "AIRTEL") != anatomy.FORM
    assert read("jfk-form-124-10290-10098").values["family"] == "fbi_airtel"


@needs_corpus
@pytest.mark.parametrize("record_id", ["jfk-form-176-10036-10014", "jfk-form-176-10036-10019"])
def test_a_form_without_a_footer_ends_at_its_page_break(record_id):
    """A form page closed by the scan's page break (`---`, `## Page 2`) and no footer ends
    there: the incoming telegram's FROM / TO / NO head on the next page is the document's."""
    assert kind_of(record_id, "COMMENTS") == anatomy.FORM
    assert kind_of(record_id, "INCOMING TELEGRAM") != anatomy.FORM
    assert kind_of(record_id, "FROM:") != anatomy.FORM


@needs_corpus
def test_stamp_words_inside_header_lines_are_not_stamps():
    """A header line carrying a stamp's words is the header: the addressee and subject are read."""
    assert kind_of("jfk-104-10107-10095", "MEMORANDUM FOR") == anatomy.BODY
    assert read("jfk-104-10107-10095").values["recipient"] == "Office of the General Counsel"
    assert kind_of("jfk-form-104-10331-10266", "SUBJECT: JFK") == anatomy.BODY
    assert "Release of CIA Information" in read("jfk-form-104-10331-10266").values["title"]


@needs_corpus
def test_editors_notes_and_office_names_are_not_stamps():
    """FRUS's "[name not declassified]" and the "Office of Systematic Review" are text."""
    rid = "frus-history-1979-09-25-ho-meeting-with-cia"
    assert kind_of(rid, "[Name not declassified] Information Review") == anatomy.BODY
    assert kind_of("frus-history-1980-11-13-hac-meeting-minutes", "Laurence") == anatomy.BODY
    assert anatomy.line_kind("Chief, FOIA Review Staff") is None
    assert anatomy.line_kind("DECLASSIFIED Authority NND 947015") == anatomy.STAMP
    assert anatomy.line_kind("for FOIA Review on JUN 1976") == anatomy.STAMP


@needs_corpus
def test_stamp_words_in_a_sentence_are_not_stamps():
    """A sentence using a stamp's words is text; a stamp with OCR dirt after it stays a stamp."""
    assert kind_of("jfk-104-10109-10403", "searched in connection") == anatomy.BODY
    assert kind_of("jfk-104-10425-10008", "We have no objection") not in anatomy.NOT_BODY
    assert anatomy.line_kind("Declassify on: OADR wm e/a wit") == anatomy.STAMP
    assert anatomy.line_kind("CLASSIFIED BY 010116. EXEMPT FROM GENERAL DECLASSIFICATION")


@needs_corpus
def test_a_stamp_below_a_date_two_lines_on_does_not_take_it():
    """The Army form's "10 November 1953" with "BY / DECLASSIFIED" under it is its date."""
    assert read("jfk-124-90029-10033").values["date"].isoformat() == "1953-11-10"


@needs_corpus
def test_routing_sheet_ends_at_its_form_number_and_row_of_boxes():
    """A damaged "610" form line ends the sheet: the memo's banner under it is page 1's, and
    the sheet's own row of boxes (CONFIDENTIAL / INTERNAL / USE ONLY) stays in the sheet."""
    assert kind_of("jfk-104-10161-10284", "SECRET") == anatomy.BODY
    assert kind_of("jfk-104-10161-10284", "23 June 1964") == anatomy.BODY
    assert read("jfk-104-10216-10159").values["classification"] == "secret"
    assert kind_of("jfk-104-10106-10435", "USE ONLY") in anatomy.NOT_BODY


@needs_corpus
def test_routing_sheet_ends_at_the_scans_page_marker():
    """A "13-00000" page marker ends the sheet's page: the memo behind it is read."""
    assert kind_of("jfk-104-10433-10131", "SUBJECT : Attempted") == anatomy.BODY
    assert read("jfk-104-10433-10131").values["title"].startswith("Attempted Anti-U.S.")


@needs_corpus
def test_a_sentence_naming_a_routing_slip_is_not_a_sheet():
    """ "... to WFO by Bureau routing slip dated ..." is the airtel's text, not a routing sheet."""
    rid = "jfk-124-90137-10480"
    assert kind_of(rid, "The Bureau is requested") == anatomy.BODY
    assert read(rid).values["agency"] == "Federal Bureau of Investigation"


@needs_corpus
def test_a_row_of_classification_boxes_is_furniture():
    """A speed letter's boxes one per line (CONFIDENTIAL / INTERNAL / USE ONLY / 6558 /
    UNCLASSIFIED) are the printed form, not the letter's classification."""
    rid = "jfk-104-10067-10430"
    lines, parts = dissect(rid)
    row = [i for i in range(79, 90) if lines[i].text.strip() in ("CONFIDENTIAL", "UNCLASSIFIED")]
    assert row and all(parts.kinds[i] == anatomy.FURNITURE for i in row)
    assert read(rid).values.get("classification") != "confidential"
