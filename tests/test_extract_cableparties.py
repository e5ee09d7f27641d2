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
