"""archive.ingest: document types read from a document's shape where no family's signal names
it (papers.py: a CIA paper's heading over its text; families.py: a State telegram's text in
capitals, its form not shown), on real corpus texts of the tuning part
read from ../shared/corpus at test time."""

import pytest
from test_extract import needs_corpus
from test_extract_anatomy import read_all as read
from test_extract_anatomy import reading

from archive.ingest import papers

pytestmark = pytest.mark.pure  # extraction is pure Python: no search index


def doc_type(record_id: str) -> tuple[str, str]:
    return reading(record_id, "document_type")


@needs_corpus
def test_cia_paper_a_heading_in_capitals_over_its_text():
    # "CIA OPERATIONS AGAINST CUBA PRIOR TO THE ASSASSINATION" / "A." / "INTRODUCTION".
    assert doc_type("jfk-form-104-10102-10220") == ("Paper", "paper-shape")
    # 'CIA "HISTORIES": BREAKDOWN OF CERTAIN' / "ITEMS REQUESTED AND ITEMS NOT REQUESTED".
    assert doc_type("jfk-form-178-10003-10311") == ("Paper", "paper-shape")


@needs_corpus
def test_printed_forms_and_memoranda_are_not_papers():
    # A secrecy agreement "(When Filled In)": a printed form, not a paper.
    assert doc_type("jfk-104-10110-10365")[1] != "paper-shape"
    # "MEMO FOR THE RECORD" under its date.
    assert doc_type("jfk-104-10004-10143")[1] != "paper-shape"


def test_paper_shape_on_short_texts():
    prose = "The station was asked to report on the group and its members in the city."
    assert papers.paper_type(f"SECRET\nTHE GROUP AND ITS LEADERS\n{prose}") == "Paper"
    assert papers.paper_type(f"TRAINING REPORT\nTEAM AND ITS STUDENTS\n{prose}") == "Report"
    # A heading over a memorandum's labels, or a heading with no prose under it.
    assert papers.paper_type(f"THE GROUP AND ITS LEADERS\nSUBJECT: Leaders\n{prose}") is None
    assert papers.paper_type("THE GROUP AND ITS LEADERS\n1. 2. 3.") is None
    # A classification marking is not a heading.
    assert papers.paper_type(f"SECRET NOFORN CONTROLLED DISSEM\n{prose}") is None


@needs_corpus
def test_state_telegram_text_without_its_form():
    # Section three of three of an embassy's telegram in capitals throughout, its header
    # swallowed by the identification form: a telegram.
    assert doc_type("jfk-form-176-10036-10176") == ("Telegram", "family:state_telegram")
    # Ambassador Lodge's "VIA CAS SAIGON 2663": sent through the CIA's channel, a cable.
    assert doc_type("jfk-form-176-10036-10168") == ("Cable", "family:cia_cable")
    assert read("jfk-form-176-10036-10168").values["agency"] == "Department of State"
