"""archive.ingest.familycues: the general cues of a family that OCR damage hides (Standard Form
64's broken "UNITED STATES GOVERNMENT", a memorandum heading behind debris or cut in two, a
dispatch form's boxes or unlabelled parties, a report form's printed title), and an information
report's "NOT FINALLY EVALUATED" warning, on real corpus texts of the tuning
part's work half read from ../shared/corpus at test time."""

import pytest
from test_extract import needs_corpus
from test_extract_anatomy import read_all as read
from test_extract_anatomy import record

from archive.ingest import familycues
from archive.ingest.families import CIA, FBI, Recognition

pytestmark = pytest.mark.pure  # extraction is pure Python: no search index

OTHER = Recognition("other", "", None, 0.0, None)


def family(record_id: str) -> tuple:
    """(family, its rule, document type, its rule) of a work-half tuning record."""
    from scoring import WORK, half  # bench/, on the path test_extract_anatomy sets

    assert half(record_id) == WORK, f"{record_id}: tests use the work half"
    record(record_id)  # the tuning part only
    result = read(record_id)
    values, rules = result.values, result.rules
    return (
        values.get("family"),
        rules.get("family"),
        values.get("document_type"),
        rules.get("document_type"),
    )


@needs_corpus
def test_standard_form_64_broken_by_ocr_is_the_agencys_memorandum():
    # "Srice Memorangum • UNITED STATE." / "GOVERNMENT": a CIA office memorandum.
    assert family("jfk-104-10120-10165") == (
        "cia_memo", "family:sf64-ocr", "Memorandum", "family:cia_memo:sf64-ocr"
    )  # fmt: skip
    # "_ UNITED STATES @__ ERNMENT" / "Memorandum": the Bureau's.
    assert family("jfk-form-124-10196-10384")[:3] == (
        "fbi_office_memo", "family:sf64-ocr", "Memorandum"
    )  # fmt: skip
    # "Office Merr" / "MUM • UNITED" / "FOVERNMENT": the Bureau's own form, not the CIA's
    # memorandum its subject line ("CENTRAL INTELLIGENCE AGENCY") suggested.
    assert family("jfk-124-10326-10099")[:2] == ("fbi_office_memo", "family:sf64-ocr")


@needs_corpus
def test_a_memorandum_heading_behind_ocr_debris_or_cut_in_two():
    # ": . MEMORANDUM FOR: FI/D Staff"
    assert family("jfk-104-10239-10023")[:3] == (
        "cia_memo",
        "family:memo-heading-ocr",
        "Memorandum",
    )
    # "MEMORAN." / "FOR: . Chief, Security Analysis Group"
    assert family("jfk-104-10138-10449")[:2] == ("cia_memo", "family:memo-heading-ocr")


@needs_corpus
def test_a_dispatch_form_by_its_boxes_or_its_unlabelled_parties():
    # "PROCESSING ACHON" and "Chief, Wit Divieion" over "Chief of Station, Mexico City".
    assert family("jfk-104-10188-10414")[:3] == ("cia_dispatch", "family:dispatch-form", "Dispatch")
    # "Chief, WH Division" / "™ Chief of Station, Mexico City", the labels lost.
    assert family("jfk-104-10218-10040")[:2] == ("cia_dispatch", "family:dispatch-form")


@needs_corpus
def test_a_report_forms_printed_title_names_a_report():
    assert family("jfk-form-104-10131-10092") == (
        "other", "family:report-form-title", "Report", "family:other:report-form-title"
    )  # fmt: skip  # "NAME CHECK REPORT"
    assert family("jfk-104-10128-10053")[2] == "Report"  # "INTERVIEW REPORT"


@needs_corpus
def test_information_report_by_its_not_finally_evaluated_warning():
    # "ic 1S AN INFORMATION REPORT, NOT FINALLY EVALUATED INTELLIGENCE" over a classification
    # line's "Reporting Officer" (the FBI report form's REPORTING OFFICE).
    assert family("jfk-form-124-10217-10400")[:3] == (
        "cia_information_report", "family:not-finally-evaluated", "Information report"
    )  # fmt: skip


def test_cues_leave_a_decided_family_and_a_plain_page_alone():
    memo = "SECRET\n\nOffice Memorandum • UNITED STATES\nGOVERNMENT\n\nTO : Chief, WH Division\n"
    decided = Recognition("cia_memo", "Memorandum", CIA, 0.85, 3)
    assert familycues.refine(decided, CIA, memo) is decided
    assert familycues.refine(OTHER, CIA, memo).cue == "sf64-ocr"
    plain = "12 May 1964\n\nThe United States Government has no objection to the release.\n"
    assert familycues.refine(OTHER, CIA, plain) is OTHER
    # A memorandum heading cut in two needs its "FOR:"; a heading in prose is none.
    assert familycues.refine(OTHER, CIA, "MEMORAN.\n\nFOR: Chief, SAG\n").cue == "memo-heading-ocr"
    assert familycues.refine(OTHER, CIA, "See the memorandum for Mr. Helms.\n") is OTHER
    # The dispatch's parties are the CIA's: an FBI page naming a chief of station is no dispatch.
    parties = "Chief, WH Division\n\nChief of Station, Mexico City\n\nOperational report\n"
    assert familycues.refine(OTHER, CIA, parties).name == "cia_dispatch"
    assert familycues.refine(OTHER, FBI, parties) is OTHER
    assert familycues.rule(OTHER) == "family:other"
    assert familycues.rule(OTHER._replace(cue="x"), "family") == "family:x"
