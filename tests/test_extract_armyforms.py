"""archive.ingest: the Army's Agent Report (DA Form 341) and its reporting special agent
(armyforms.py): box 5, TYPED NAME AND ORGANIZATION OF SPECIAL AGENT, read as the sender whether
OCR set it before or after its label, and not when the report is enclosed by a covering letter;
a Summary of Information's (DA Form 568) PREPARING OFFICE read as its sender.
Real corpus texts of the tuning part, read from ../shared/corpus at test time."""

import pytest
from test_extract import needs_corpus
from test_extract_anatomy import reading

pytestmark = pytest.mark.pure  # extraction is pure Python: no search index


def sender(record_id: str) -> tuple[str, str]:
    return reading(record_id, "sender")


@needs_corpus
def test_agent_line_after_its_label():
    # "5. TYPED NAME AND ORGANIZATION OF SPECIAL AGENT" / "6, SIGNATURE ..." / "ARTHUR D MC
    # QUEEN, G6TH CIC GROUP": OCR read the unit's 6 as a G; the typist split McQueen.
    assert sender("jfk-194-10013-10341") == (
        "ARTHUR D MCQUEEN, 66TH CIC GROUP",
        "agent-report-agent",
    )
    assert sender("jfk-194-10011-10227") == (
        "DAVID W. BRODERICK, 115th CIC Det (III)",
        "agent-report-agent",
    )


@needs_corpus
def test_agent_line_before_its_label():
    # OCR set the agent's line above box 5's label, near the form's number.
    assert sender("jfk-194-10010-10396") == (
        "WILLIAM D. FERRELL, 513th MI Group",
        "agent-report-agent",
    )
    assert sender("jfk-form-194-10002-10155") == (
        "PAUL F. ROHDE, 108th CIC Grou",
        "agent-report-agent",
    )


@needs_corpus
def test_report_behind_the_identification_form_with_a_garbled_heading():
    # ". AGENT.-REPORT- - : ' i" / "EE os SR_380- 320-10, : i"; OCR read the agent as "KIRK T,
    # BEIVINGIN, 513th MI Group": the identification form above types him, and its spelling wins.
    assert sender("jfk-form-194-10010-10395") == ("BEININGEN, KIRK T", "agent-report-agent+form")
    assert sender("jfk-form-194-10011-10040") == (
        "ILLIAM E. BREESE, JR., 650th MI Det",
        "agent-report-agent",
    )


@needs_corpus
def test_report_enclosed_by_a_covering_letter_leaves_the_letter_its_sender():
    # A station's letter ("SUBJECT: PULLEY, Ingrid" ... "FOR THE COMMANDER:") encloses the
    # Agent Report on its next page: the report's agent is not the letter's sender.
    assert sender("jfk-194-10013-10339")[1] != "agent-report-agent"


@needs_corpus
def test_summary_of_information_preparing_office():
    # "SUMMARY OF" / "INFORMATION" / "Freparing Office:" / the office on the next line.
    assert sender("jfk-124-90029-10016") == (
        "10 Of S, G2, FOURTH ARMY HEADQUARTERS",
        "summary-preparing-office",
    )
    assert sender("jfk-124-90029-10033") == (
        "Assistant Chief of Staff, G-2, Military District of Washington, Washington 25, D. C.",
        "summary-preparing-office",
    )
    # "GNMARY OF INFORMATION" / ... / "PREPARING FFICE"; the trailing OCR speck is trimmed.
    assert sender("jfk-194-10013-10448") == (
        "Region I, 112th Intelligence Corps Group, San Antonio, Texas",
        "summary-preparing-office-trimmed",
    )


@needs_corpus
def test_weekly_summary_without_preparing_office_box_is_left_alone():
    # A G-2's weekly summary extract heads with its command, no PREPARING OFFICE box.
    assert sender("jfk-124-90029-10007")[1] != "summary-preparing-office"


def title(record_id: str) -> tuple[str, str]:
    return reading(record_id, "title")


@needs_corpus
def test_subject_caption_cut_before_identifying_data():
    # The subject's name, then "DPOB:" / "DOB: ... DOSSIER:" run on by OCR.
    assert title("jfk-194-10001-10233") == (
        "William J. Herlihy, LIC, 064739",
        "subject-subject-data",
    )
    assert title("jfk-form-194-10005-10031") == ("SCHEER, Robert", "subject-subject-data")


@needs_corpus
def test_subject_caption_cut_before_box_two_date():
    # Boxes 1 and 2 on one line: "SLOBODA, Vladimir Walter aka Wladimir (U) 16 November 1960".
    assert title("jfk-194-10010-10396") == (
        "SLOBODA, Vladimir Walter aka Wladimir (U)",
        "incident-subject-data",
    )
    # The caption alone on its line is left as read.
    assert title("jfk-form-194-10010-10395") == ("SLOBODA, Vladimir (U)", "incident")


@needs_corpus
def test_subject_caption_left_whole_when_the_cut_ends_in_ocr_debris():
    # "HERLIHY, William Joseph - LTC - ssaN: [558-36-6175( DPOB: ...": cut before DPOB the
    # caption would end in OCR's debris, so it is left as read.
    value, rule = title("jfk-104-10107-10037")
    assert "DPOB" in value and not rule.endswith("-subject-data")
