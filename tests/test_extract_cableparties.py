"""archive.ingest.cableparties: a CIA dispatch's subject box read where the SUBJECT label
reading took its slug or nothing, on real corpus texts of the tuning part read from
../shared/corpus at test time."""

import pytest
from test_extract import needs_corpus
from test_extract_anatomy import reading

from archive.ingest import cableparties

pytestmark = pytest.mark.pure  # extraction is pure Python: no search index


@needs_corpus
@pytest.mark.parametrize(
    "record_id, value",
    [
        # "Chief of Station, Mexico City" / "substet" / "PBRUMEN/LIONION/Operational Progress
        # Report": the label garbled, slug and subject on one line.
        ("jfk-104-10414-10071", "PBRUMEN/LIONION/Operational Progress Report"),
        # No SUBJECT label at all: "@ Agent Evaluation -- LIHUFF/I of LIHUFF Project" right
        # below the sender's office.
        ("jfk-104-10175-10144", "Agent Evaluation -- LIHUFF/I of LIHUFF Project"),
        # "SUBJECT OPERATIONAL/TYPIC/ AMFAUNA" (the slug the label reading took), the subject
        # proper on the line below.
        (
            "jfk-104-10308-10127",
            "AMFAUNA-26 Progress Report for October, November and December 1963",
        ),
        # "FROM" / "Chief of Station, Mexico City enor" / "water" / "© Operational Monthly
        # Report -- 1-31 December 1963": OCR debris and a mark before the subject.
        ("jfk-104-10054-10007", "Operational Monthly Report -- 1-31 December 1963"),
        # The older form: "SUBJECT: GENERA- Administrative" / "SPEare-Arthur G. VAIVADA".
        ("jfk-104-10215-10003", "Administrative: Arthur G. VAIVADA"),
    ],
)
def test_dispatch_subject_box(record_id, value):
    assert reading(record_id, "title") == (value, "dispatch-subject-box")


@needs_corpus
@pytest.mark.parametrize(
    "record_id",
    [
        # A dispatch whose form has no subject box the OCR kept (only the addressee's office,
        # then the reference and the text): the title stays as composed.
        "jfk-104-10057-10022",
        # A routing slip with DISPATCH among its action boxes: no dispatch form below it.
        "jfk-104-10413-10061",
    ],
)
def test_no_subject_box_no_reading(record_id):
    assert reading(record_id, "title")[1] != "dispatch-subject-box"


def test_slug_and_subject_lines():
    assert cableparties._slug("OPERATIONAL/TYPIC/ AMFAUNA")
    assert cableparties._slug("TYPIC/ANSPELL/Operational")
    assert not cableparties._slug("Venceremos Brigade (VB)")
    assert cableparties._subject_proper("Agent Evaluation -- LIHUFF/I of LIHUFF Project")
    assert not cableparties._subject_proper("RYBAT MHCHAOS")


@needs_corpus
@pytest.mark.parametrize(
    "record_id",
    [
        # "TO INFO CITE DIR eS S81 7": the number read as letters; no sender was read.
        "jfk-104-10015-10223",
        # The 1960s message form: "TO" / "FROM:" / "CONF:" / "BERLIN" / "DIRECTOR" (the label
        # reading took BERLIN), then "TO BRLN INFO FRAN CITE DIR".
        "jfk-form-104-10439-10095",
        # "FROM: CEVIRAL, INIETLIGHNCE AGENCY RE OSWALD" read through OCR, "CITE DIR" below.
        "jfk-form-104-10418-10354",
    ],
)
def test_cable_citing_dir_is_headquarters(record_id):
    assert reading(record_id, "sender") == ("Director (CIA Headquarters)", "cable-cite-dir")


@needs_corpus
def test_cable_from_a_station_keeps_its_cite():
    # "CITE MEXICO CITY 46000": a station's cable, whatever DIRECTOR its references cite.
    assert reading("jfk-104-10066-10170", "sender") == ("Mexico City Station", "cable-cite-words")


@needs_corpus
@pytest.mark.parametrize(
    "record_id",
    [
        # "itef, WOMUSE" (the C and h of Chief lost), then "Chief, WH Division" (the INFO box).
        "jfk-104-10063-10007",
        # "Chick, WOMUSE" / "iNFO." / "Chief, European Division".
        "jfk-104-10063-10005",
    ],
)
def test_dispatch_addressee_through_damaged_chief(record_id):
    assert reading(record_id, "recipient") == ("Chief, WOMUSE", "dispatch-to-ocr")


@needs_corpus
def test_dispatch_with_a_clean_first_office_left_to_the_grammar():
    # "Chief, WH Division" read as it is: not this rule's reading.
    assert reading("jfk-104-10414-10071", "recipient")[1] != "dispatch-to-ocr"


@needs_corpus
def test_cable_addressee_without_its_slug():
    # "TO: DIRECTOR," / "WNINTEL RYBAT REAM SYMPATHIZER MACOLOR".
    assert reading("jfk-104-10418-10230", "recipient") == ("DIRECTOR", "cable-slug-cut")


def test_damaged_chief():
    assert cableparties._damaged_chief("Chick")
    assert cableparties._damaged_chief("itef")
    assert not cableparties._damaged_chief("Chief")
    assert not cableparties._damaged_chief("Station")


@needs_corpus
def test_prose_subj_line_is_not_the_subject():
    # Page 2 of a Geneva cable: "SUBJ MOVEMENT HIGHLY LIMITED BY PRESENCE GNVA OF GROUP OF"
    # (the subject person's movement), below paragraph 1: not a SUBJECT label.
    value, rule = reading("jfk-104-10308-10308", "title")
    assert rule != "subject" and "MOVEMENT" not in value


@needs_corpus
def test_subj_label_above_the_text_is_kept():
    # "SUBJ: ALBANIAN CRYPTOGRAPHIC MATERIAL" in the cable's heading.
    assert reading("jfk-104-10073-10368", "title") == ("ALBANIAN CRYPTOGRAPHIC MATERIAL", "subject")
