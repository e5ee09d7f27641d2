"""archive.ingest: the classification a document marks on itself, its agency and its family, on
real corpus texts of the tuning part read from ../shared/corpus at test time. Pure Python."""

import pytest
from test_extract import needs_corpus
from test_extract_anatomy import line, record

from archive.ingest import markings
from archive.ingest.extract import extract

pytestmark = pytest.mark.pure  # extraction is pure Python: no search index


def measured(record_id: str):
    """Every reading kept, whatever its calibrated confidence (rules are tested, not the table)."""
    return extract(record(record_id)["text"], keep_doubtful=True)


# --- the Office Memorandum form: every agency's --------------------------------------------------


@needs_corpus
def test_office_memorandum_form_written_at_the_cia_is_a_cia_memo():
    # "Office Memorandum • UNITED STATES GOVERNMENT" from the CIA's Alien Affairs Staff.
    got = measured("jfk-104-10113-10274")
    assert got.values["agency"] == "Central Intelligence Agency"
    assert got.values["family"] == "cia_memo"
    assert got.values["document_type"] == "Memorandum"


@needs_corpus
def test_office_memorandum_form_written_at_the_fbi_stays_an_fbi_office_memo():
    got = measured("jfk-124-10284-10246")
    assert got.values["agency"] == "Federal Bureau of Investigation"
    assert got.values["family"] == "fbi_office_memo"


# --- banners OCR damaged -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, level",
    [
        ("awn SECRET 7", "secret"),  # dirt before, page number after (jfk-104-10167-10236)
        ("a ‘ SECRET €", "secret"),  # jfk-104-10308-10074
        ("mE 2442 : SECRET", "secret"),
        ("- ~SECREF— 3", "secret"),  # a struck-through banner (clinton-pcdc-1994-11-28)
        ("| -SEERET- 4", "secret"),
        ("TOP SEGRET:. poets ji", "top_secret"),  # dirt after (jfk-form-176-10036-10169)
        ("SEEREP", "secret"),  # struck through (clinton-pcdc-1993-10-19)
        ("REGRET", None),
        ("SOURCE", None),
        ("Confidential Source", None),  # a heading
        ("classified SECRET", None),  # words, not dirt
        ("Top SECRET", None),  # not read as SECRET
        ("an SECRET CONFIDENTIAL", None),  # a checkbox row
    ],
)
def test_banner_after_ocr_dirt(text, level):
    vote = markings.banner_vote(line(text), 0)
    assert (vote.level if vote else None) == level
    if vote:
        assert not vote.exact  # counted as a damaged reading


@needs_corpus
def test_struck_through_page_banners_read():
    got = measured("clinton-pcdc-1994-11-28-bosnia-principals-summary")
    assert got.values["classification"] == "secret"
    assert got.rules["classification"] == "banner"


@needs_corpus
def test_form_level_read_through_ocr_damage():
    got = measured("jfk-form-194-10008-10068")  # CLASSIFICATION : SECREP
    assert (got.values["classification"], got.rules["classification"]) == ("secret", "form")


@needs_corpus
def test_document_stating_its_own_level():
    # 'This report is being classified "confidential" since ...' (no banner, no form level).
    got = measured("jfk-form-124-90114-10002")
    assert got.values["classification"] == "confidential"
    assert got.rules["classification"] == "classified-statement"
    assert markings.classified_statement("this information is classified secret") is None


# --- portion marks -------------------------------------------------------------------------------


@needs_corpus
def test_frus_print_without_banner_classified_by_its_portion_marks():
    # FRUS prints the document without its banner; its paragraphs keep "(S)".
    got = measured("frus-frus1989-92v31-d28")
    assert got.values["classification"] == "secret"
    assert got.rules["classification"] == "portion-marks-classified"


@needs_corpus
def test_section_letters_are_not_portion_marks():
    # "Section 4(C) of E.O. 11652" three times in an unmarked study.
    got = measured("frus-history-1981-06-kogan-fgi-study-rp1261")
    assert not str(got.rules.get("classification", "")).startswith("portion-marks")
    assert markings.portion_marks([line("under Section 4(C) and 5(B)(2) of the order")]) is None


# --- families and types --------------------------------------------------------------------------


@needs_corpus
def test_memorandum_of_telephone_conversation_typed_as_such():
    got = measured("clinton-chirac-1995-07-19")
    assert got.values["family"] == "nsc_memcon"
    assert got.values["document_type"] == "Memorandum of telephone conversation"
    assert measured("clinton-gore-izetbegovic-1993-04-14").values["document_type"] == (
        "Memorandum of conversation"
    )


@needs_corpus
def test_fbi_decoded_copy_is_a_teletype():
    # FD 4-41 "DECODED_COPY" with its Radio / Teletype boxes.
    got = measured("jfk-124-10219-10082")
    assert got.values["family"] == "fbi_teletype"
    assert got.values["document_type"] == "Teletype"


# --- the form's classification: the release's description -----------------------------------------


@needs_corpus
def test_form_unclassified_is_not_the_documents_marking():
    # The form says "Unclassified"; the document itself carries no banner.
    got = measured("jfk-form-104-10103-10063")
    assert got.form["classification"]["value"].strip(" .").upper().startswith("U")
    assert "classification" not in got.values


# --- FRUS: the heading the Historian prints, the shape of a print -------------------------------


@pytest.mark.parametrize(
    "record_id, agency, family, document_type",
    [
        # "Letter From Thomas H. White (Chief of ... at the Central Intelligence Agency) to ..."
        (
            "frus-history-1980-07-28-white-to-trask",
            "Central Intelligence Agency",
            "letter",
            "Letter",
        ),
        # "Draft Letter From W. Lee Rawls (Assistant Attorney General) to ..."
        ("frus-history-1990-10-25-rawls-to-darman", "Department of Justice", "letter", "Letter"),
        # "Record of the 1968 Meeting of the Advisory Committee ...": not a cable for its cites
        (
            "frus-history-1968-11-01-hac-meeting-minutes",
            "Department of State",
            "minutes",
            "Minutes",
        ),
    ],
)
@needs_corpus
def test_frus_heading_names_type_and_sender_agency(record_id, agency, family, document_type):
    got = measured(record_id)
    assert (got.values["agency"], got.values["family"], got.values["document_type"]) == (
        agency,
        family,
        document_type,
    )


@pytest.mark.parametrize(
    "record_id, document_type",
    [
        ("frus-frus1989-92v31-d133", "Letter"),  # "Dear Mr. President:"
        ("frus-frus1989-92v31-d33", "Note"),  # "Mr. President:"
        ("frus-frus1989-92v31-d68", "Minutes"),  # SUBJECT, PARTICIPANTS
        ("frus-frus1989-92v31-d86", "Paper"),  # "Washington, undated"
        ("frus-frus1989-92v31-d31", "Summary of conclusions"),
        ("frus-frus1989-92v31-d9", "Memorandum"),
    ],
)
@needs_corpus
def test_frus_print_typed_by_its_shape(record_id, document_type):
    got = measured(record_id)
    assert got.values["family"] == "frus_document"
    assert got.values["document_type"] == document_type


@needs_corpus
def test_cia_memorandum_known_by_its_subject_line_or_heading():
    # No MEMORANDUM FOR line: "SUBJECT: Review of Mexico City Station Files", and a heading
    # "INVESTIGATIVE FILE MEMORANDUM".
    for record_id in ("jfk-104-10125-10241", "jfk-104-10256-10002"):
        got = measured(record_id)
        assert (got.values["family"], got.values["document_type"]) == ("cia_memo", "Memorandum")


@needs_corpus
def test_air_force_letterhead_names_the_agency():
    # "UNITED STATES AIR FORCE / THE INSPECTOR GENERAL / OFFICE OF SPECIAL INVESTIGATIONS"
    assert measured("jfk-194-10001-10144").values["agency"] == "Department of the Air Force"


@needs_corpus
def test_state_incoming_telegram_form():
    # "INCOMING TELEGRAM / Department of State / Action / Info": not a memorandum.
    got = measured("jfk-176-10036-10158")
    assert (got.values["family"], got.values["document_type"]) == ("state_telegram", "Telegram")


@needs_corpus
def test_legislative_counsel_journal_is_not_a_memorandum_for_the_record():
    # "ADDENDUM TO JOURNAL / OFFICE OF LEGISLATIVE COUNSEL"; an item cites "(See
    # Memorandum for the Record.)", which is no heading.
    got = measured("jfk-104-10142-10131")
    assert (got.values["family"], got.values["document_type"]) == ("other", "Other")
    assert got.values["agency"] == "Central Intelligence Agency"


@needs_corpus
def test_army_agent_report_is_a_report():
    got = measured("jfk-194-10013-10341")  # DA Form 341 "AGENT REPORT"
    assert (got.values["family"], got.values["document_type"]) == ("military_memo", "Report")


@needs_corpus
def test_cia_cable_form_of_the_seventies():
    # "SIGNAL CENTER USE ONLY ... MESSAGE HANDLING INDICATOR ... DATE-TIME GROUP ... CITE"
    got = measured("jfk-104-10063-10176")
    assert (got.values["family"], got.values["agency"]) == (
        "cia_cable",
        "Central Intelligence Agency",
    )
