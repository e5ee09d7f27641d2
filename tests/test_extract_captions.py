"""archive.ingest.captions and the family rules behind the document type: a document's own
caption by its family's convention, and the family of a page that shows no header, on real
corpus texts of the tuning part read from ../shared/corpus at test time. Pure Python, no Django."""

import pytest
from test_extract import needs_corpus
from test_extract_anatomy import read

from archive.ingest import captions, families
from archive.ingest.patterns import split_lines

pytestmark = pytest.mark.pure  # extraction is pure Python: no search index


def _title(record_id: str) -> tuple[str, str]:
    result = read(record_id)
    return str(result.values.get("title")), result.rules.get("title", "")


@needs_corpus
@pytest.mark.parametrize(
    ("record_id", "caption"),
    [
        # FROM: SAC, BUFFALO (92-100) / CRIMINAL INTELLIGENCE PROGRAM / AR / Re New York ...
        ("jfk-124-10346-10215", "CRIMINAL INTELLIGENCE PROGRAM; AR"),
        # A teletype's bare labels: TO / DIRECTOR, FBI / FROM / SAC, MIAMI / the caption.
        ("jfk-form-124-10211-10185", "SANTO TRAFFICANTE, AKA, AR; DAILY TELETYPE SUMMARY"),
    ],
)
def test_fbi_case_caption_under_the_from_line(record_id, caption):
    assert _title(record_id) == (caption, "fbi-caption")


@needs_corpus
def test_nsa_report_headline_over_its_fr_line():
    title, rule = _title("jfk-144-10001-10284")
    assert rule == "nsa-caption"
    assert title == "CAMBODIAN CONDITIONS FOR PHILIPPINE SOLUTION TO AMERICAN-CAMBODIAN DISPUTE"


@needs_corpus
def test_legislative_counsel_journal_heading():
    assert _title("jfk-104-10142-10131") == (
        "Addendum to Journal, Office of Legislative Counsel",
        "journal-heading",
    )
    assert _title("jfk-104-10147-10119")[0] == "Journal, Office of Legislative Counsel"


@needs_corpus
def test_army_agent_report_incident_box():
    assert _title("jfk-194-10013-10341") == ("US Personnel in Soviet Custody (U)", "incident")


@needs_corpus
def test_subject_set_apart_or_garbled():
    # SUBJECT / C/WH/COG / Miss Nancye Gratz! / ": Cubans and the Garrison Investigation"
    assert _title("jfk-104-10435-10006") == (
        "Cubans and the Garrison Investigation",
        "subject-loose",
    )
    # "supyecT: PAINE, Ruth"
    title, rule = _title("jfk-104-10132-10102")
    assert rule == "subject-loose" and title.startswith("PAINE, Ruth")


@needs_corpus
def test_a_caption_saying_action_is_no_printed_box():
    title, rule = _title("jfk-104-10118-10155")
    assert rule == "subject"
    assert title.startswith("Special Action by the CIA's Miami Station to Investigate")


@needs_corpus
def test_fbi_report_title_of_case_past_the_character_and_ocr():
    # No REPORTING OFFICE box read: TITLE OF CASE / ANGELO JOSEPH SCIANDRA, wa, / CHARACTER ...
    title, rule = _title("jfk-form-124-10347-10027")
    assert rule == "fbi-case-title" and title.startswith("ANGELO JOSEPH SCIANDRA")
    # "Reporting Offico": the form is read all the same.
    assert _title("jfk-124-90104-10207")[0].startswith("SEBASTIAN JOHN LA ROCCA")


def test_caption_readers_refuse_prose_and_possessives():
    text = "\n".join(
        [
            "SUBJECT'S mother was granted covert security approval",
            "1. The Subject has been approved.",
            "JOURNAL ARTICLE ABOUT THE CASE",
        ]
    )
    lines = split_lines(text)
    never = lambda i: False  # noqa: E731
    assert captions.loose_subject(lines, 0, len(lines), never) is None
    assert captions.journal_caption(lines, 0, len(lines), never) is None
    assert captions.fbi_case_caption(lines, 0, len(lines), never) is None


@needs_corpus
@pytest.mark.parametrize(
    ("record_id", "family", "document_type"),
    [
        ("jfk-124-10200-10071", "fbi_teletype", "Teletype"),  # a teletype's page in capitals
        ("jfk-form-194-10012-10042", "military_memo", "Cable"),  # "M E S S A G E ... STAFF ..."
        ("jfk-form-104-10088-10137", "cia_memo", "Memorandum"),  # SUBJECT / ": Espinosa ..."
        ("jfk-124-90097-10137", "fbi_report", "Report"),  # a later page: "ADMINISTRATIVE DATA:"
    ],
)
def test_family_of_a_page_without_its_header(record_id, family, document_type):
    result = read(record_id)
    assert (result.values["family"], result.values["document_type"]) == (family, document_type)


def test_telegraphic_needs_a_page_of_capitals():
    assert families._telegraphic("THE AMBASSADOR SAID " * 30)
    assert not families._telegraphic("THE AMBASSADOR SAID " * 5)
    assert not families._telegraphic("The Ambassador said " * 30)
