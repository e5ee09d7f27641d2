"""archive.ingest.titlevetting: captions read from a place that holds none (a cut fragment, an
unclosed parenthesis, the ATTENTION line, a cable reference, a bare label, a rank and service
number, the addressee, a stamp, a date range) are given up and the title composed; a SUBJECT
caption run into an information report's DATE DISTR. box is cut there. Real corpus texts of the
work half of the tuning part, read from ../shared/corpus at test time. Pure Python, no Django."""

import pytest
from test_extract import needs_corpus
from test_extract_anatomy import work_reading

from archive.ingest.titlevetting import is_party, wrong_place

pytestmark = pytest.mark.pure


def title_of(record_id: str) -> tuple:
    """(title, rule) of a work-half tuning record."""
    return work_reading(record_id, "title")


def test_wrong_place_reasons():
    """Each shape is named; a caption with a cryptonym's parenthesis or a long one cut is kept."""
    assert wrong_place("on Bosnia") == "a caption cut at a line break"
    assert wrong_place("Annexure I to") == "a caption cut at a line break"
    assert wrong_place("(GERMAN") == "a parenthesis never closed"
    assert wrong_place("Attestions Mr. Whitsnar") == "the ATTENTION line"
    assert wrong_place("BRLN 5267") == "a reference to another cable"
    assert wrong_place("RE: BRLN 5267 (IN 90848)") == "a reference to another cable"
    assert wrong_place("TEXT") == "a header label"
    assert wrong_place("Capt, 0-168853 (USAR)") == "a rank and service number"
    assert wrong_place("Declassity") == "a declassification stamp"
    assert wrong_place("March - April 1971") == "a date range"
    assert wrong_place("JECT: aM") == "the SUBJECT label's tail"
    assert wrong_place("Meetings with(Emilio Gabriel, Collado and AMWHIP-1 = in New York") is None
    assert wrong_place("Office of General Counsel Contacts with E. Howard Hunt Sse are on") is None
    assert wrong_place("Alpha 66") is None
    assert wrong_place("Review of Mexico City Station Files") is None
    assert wrong_place("AMWHIP 1 Meeting") is None


def test_party_needs_the_whole_party():
    """An addressee read again is a party; a party that swallowed the caption is not one."""
    assert is_party("Directox, FBI", ["Director, FBI", None])
    fbi = "Director, Federal Bureau of Investigation"
    assert is_party("Federal Bureau of Investigation", [fbi])
    assert not is_party(
        "SPECIAL ACCESS AND/OR BILLET APPROVAL",
        ["SPECIAL ACCESS AND/OR BILLET APPROVAL FOR CLARE BOOTHE LUCE AND OTHERS AT CIB", None],
    )
    assert not is_party("HEMMING, Gerald Patrick", ["Chief, Security Research Staff", None])


@needs_corpus
@pytest.mark.parametrize(
    "record_id, wrong",
    [
        ("jfk-194-10011-10227", "Capt, 0-168853 (USAR)"),  # Army agent report: rank line
        ("jfk-104-10072-10111", "Attestions Mr. Whitsnar"),  # CIA memo: ATTENTION line
        ("jfk-form-104-10439-10095", "BRLN 5267"),  # CIA cable: RE: an earlier cable
        ("jfk-form-194-10012-10006", "Annexure I to"),  # Army annex heading, cut
        ("jfk-form-194-10012-10002", "(GERMAN"),  # form box split over two lines
        ("jfk-124-10195-10332", "Directox, FBI"),  # FBI office memo, column order
        ("jfk-124-10326-10099", "Declassity"),  # FBI office memo: declassification stamp
        ("jfk-form-124-90102-10180", "March - April 1971"),  # information report: DOI box
    ],
)
def test_wrong_place_caption_given_up(record_id, wrong):
    """The caption read from the wrong place is gone: the title is composed from the parts."""
    title, rule = title_of(record_id)
    assert title != wrong
    assert rule == "composed"


@needs_corpus
@pytest.mark.parametrize(
    "record_id, caption",
    [
        ("jfk-176-10036-10145", "IRAN KIM TUYEN PREDICTS DIRE PROSPECT GENTA"),
        ("jfk-124-10217-10489", "Plans of the Junta Revolucionaria"),
    ],
)
def test_caption_cut_at_date_distr(record_id, caption):
    """An information report's SUBJECT run into its DATE DISTR. box is cut at that label."""
    assert title_of(record_id) == (caption, "subject-cut-at-label")


@needs_corpus
def test_clean_captions_kept():
    """Captions of the same families read from their SUBJECT line stay as they were."""
    assert title_of("jfk-194-10007-10451") == ("Alpha 66", "subject")
    title, rule = title_of("jfk-104-10105-10299")
    assert rule == "subject" and title.startswith("Office of General Counsel Contacts with")
