"""archive.ingest.partyfixes: a letter's addressee read from its inside address (the name over
its title, or the unit over its agency, between the date and the salutation). Real corpus texts
of the tuning part's work half, read from ../shared/corpus at test time. Pure Python."""

import sys
from pathlib import Path

import pytest

from archive.ingest.partyfixes import address_block

HERE = Path(__file__).resolve()
sys.path.insert(0, str(HERE.parents[1] / "bench"))
from scoring import half  # noqa: E402
from test_extract import needs_corpus  # noqa: E402
from test_extract_anatomy import reading  # noqa: E402

pytestmark = pytest.mark.pure


def recipient(record_id: str) -> tuple:
    """(recipient, rule) of a work-half tuning record."""
    assert half(record_id) == "work", f"{record_id}: tests use the work half"
    return reading(record_id, "recipient")


@needs_corpus
@pytest.mark.parametrize(
    "record_id, addressee",
    [
        # "Mr. G. Robert Blakey" / "Chief Counsel and Director" / the Committee / the city,
        # then "Dear Mr. Blakey: |" (a mark after the colon).
        ("jfk-104-10145-10032", "Mr. G. Robert Blakey, Chief Counsel and Director"),
        # "The Honorable ..." / "Senior Judge, Circuit Court for": the salutation named only
        # "Judge Jennings".
        ("jfk-104-10107-10195", "The Honorable Barnard F. Jennings, Senior Judge"),
        # A unit over its agency, then the city and an attention line: "Dear Sir:".
        ("jfk-104-10106-10547", "Security Division, Federal Aviation Agency"),
    ],
)
def test_the_inside_address_names_the_addressee(record_id, addressee):
    value, rule = recipient(record_id)
    assert rule == "inside-address"
    assert value.startswith(addressee)


@needs_corpus
@pytest.mark.parametrize(
    "record_id, rule",
    [
        # A memorandum's own header names the addressee: the salutation of an enclosed letter
        # further down ("Dear Mr. } : 24", after a date line) does not replace it.
        ("jfk-104-10107-10178", "label"),
        # A FRUS letter's title line names the addressee.
        ("frus-history-1980-02-06-trask-to-allen", "title-line"),
    ],
)
def test_a_header_reading_stays(record_id, rule):
    assert recipient(record_id)[1] == rule


@needs_corpus
def test_a_letter_inside_another_paper_is_left_alone():
    # A distribution list "From: Judith A. Miller" leads the record; the committee's letter to
    # the Secretary of Defense further down is not the record's addressee.
    assert recipient("jfk-144-10001-10164")[1] != "inside-address"


def test_no_address_no_addressee():
    """Lines above a salutation that are no address (attachments, a date) name no one; a unit
    over a city with no date above it is not taken from the middle of a paragraph."""
    assert address_block(["Attachments:", "As Stated", "TMP", "29 November 1976"]) is None
    assert address_block(["and it was noted that", "Department of Justice", "Washington"]) is None
    # The street under the name is no title.
    assert address_block(["January 7, 1971", "Mr. Robert A. Maheu", "120 Rosemary Lane"]) == (
        "Mr. Robert A. Maheu",
        1,
    )
