"""archive.ingest.kindcues: a family's signals that NARA's identification form's reader ran on
over (the document's own FROM/TO labels taken for the form's), looked for again below the form's
COMMENTS label, on real corpus texts of the tuning part's work half read from ../shared/corpus
at test time."""

import pytest
from test_extract import needs_corpus
from test_extract_anatomy import record
from test_extract_familycues import family

from archive.ingest import kindcues
from archive.ingest.extract import Context
from archive.ingest.extract import extract as read_text
from archive.ingest.families import CIA, FBI, OTHER, STATE, Recognition

pytestmark = pytest.mark.pure  # extraction is pure Python: no search index


@needs_corpus
def test_incoming_telegram_under_a_run_on_form_is_a_state_telegram():
    # The Department's "INCOMING TELEGRAM" form (FROM: Brussels, TO: Secretary of State, NO:
    # 250) on the page after the form: the form ends at the page break, the family is plain.
    assert family("jfk-form-176-10036-10014")[::2] == ("state_telegram", "Telegram")
    # Without the page break the form's reader takes the telegram's labels for the form's own;
    # the family's signals are looked for again below its COMMENTS label.
    text = record("jfk-form-176-10036-10014")["text"].replace("\n---\n\n## Page 2\n", "\n")
    result = read_text(text, keep_doubtful=True)
    assert (result.values["family"], result.rules["family"]) == (
        "state_telegram",
        "family:form-runover",
    )


@needs_corpus
def test_information_report_telegram_under_the_form_comments():
    # "INFORMATION REPORT TELEGRAM", "REPORT NO. TDCS", "DATE DISTR." right under COMMENTS.
    assert family("jfk-form-176-10036-10051")[::2] == (
        "cia_information_report",
        "Information report",
    )


@needs_corpus
def test_a_family_already_found_stands():
    # The cue only places a record no signal placed.
    ctx = Context(record("jfk-form-176-10036-10014")["text"])
    found = Recognition("cia_cable", "Cable", CIA, 0.85, None)
    assert kindcues.runover(found, STATE, ctx) is found


@needs_corpus
def test_no_firm_signal_below_the_form_leaves_no_family():
    # A German police interrogation record: nothing below the form names a family.
    ctx = Context(record("jfk-form-194-10008-10070")["text"])
    assert kindcues.runover(OTHER, None, ctx) is OTHER


@needs_corpus
def test_lower_case_airtel_heading_beats_the_office_memo_labels():
    # "Airtel" alone on its line over "To: SAC, Miami" / "From: Director, FBI".
    assert family("jfk-form-124-90065-10016") == (
        "fbi_airtel",
        "family:airtel-heading",
        "Airtel",
        "family:fbi_airtel:airtel-heading",
    )


@needs_corpus
def test_ocr_cut_reply_box_under_the_justice_letterhead_is_an_lhm():
    # "'edITED STATES DEPARTMENT | JUSTICE / FEDERAL BUREAU OF INVESTIGATION / Reply, Please Re a".
    assert family("jfk-form-124-90102-10090")[::2] == (
        "fbi_letterhead_memo",
        "Letterhead memorandum",
    )


def test_a_bureau_head_cue_leaves_a_family_its_signals_found():
    # A teletype the signals found keeps its family, whatever its text says of an airtel.
    found = Recognition("fbi_teletype", "Teletype", FBI, 0.85, 3)
    assert kindcues.bureau_head(found, "URGENT 1-2-64\nAirtel\nTO DIRECTOR") is found


@needs_corpus
def test_information_report_overrides_a_cable_guessed_from_capitals():
    # "THIS IS UNEVALUATED INFORMATION" under the form's COMMENTS; `families.refine` had only
    # guessed a cable from the page's capitals.
    assert family("jfk-form-176-10037-10494")[::2] == (
        "cia_information_report",
        "Information report",
    )


@needs_corpus
def test_an_embassy_telegram_via_cas_stays_the_cias_cable():
    # "VIA CAS SAIGON": the CIA's channel; the Department's telegram signals below the form do
    # not undo the guess, a family of another agency.
    assert family("jfk-form-176-10036-10168")[::2] == ("cia_cable", "Cable")
