"""archive.ingest.officecues: the office a sender's own words name where OCR kept the earlier
rules from reading it (an FBI "SAC, <city>" FROM line run on into the caption or a letter off,
a CIA dispatch's FROM box). Real corpus texts of the work half of the tuning
part, read from ../shared/corpus at test time."""

from pathlib import Path

import pytest
from test_extract import needs_corpus
from test_extract_anatomy import work_reading

from archive.ingest import officecues
from archive.ingest.extract import extract as read_text

pytestmark = pytest.mark.pure  # extraction is pure Python: no search index


def office(record_id: str) -> tuple:
    """(office, rule) of a work-half record."""
    return work_reading(record_id, "office")


@needs_corpus
@pytest.mark.parametrize(
    "record_id, want",
    [
        # "FROM: SAC, PHILADELPHIA (92-1027)" read on into the caption "LA CAUSA NOSTRA".
        ("jfk-124-10284-10246", "Philadelphia Field Office"),
        # "SAC AN JUAN": OCR dropped the first letter of San Juan.
        ("jfk-form-124-90115-10092", "San Juan Field Office"),
    ],
)
def test_sac_line_run_on_or_garbled_names_the_field_office(record_id, want):
    assert office(record_id) == (want, "fbi-title-city")


@needs_corpus
def test_a_bureau_letter_to_a_sac_is_not_read_as_his_office():
    # "To: SAC, Chicago" / "From: Director, FBI": the SAC is the addressee.
    assert office("jfk-124-10204-10037")[1] != "fbi-title-city"


def test_fbi_title_office_reads_only_a_known_city():
    assert officecues.fbi_title_office("SAC, PHILADELPHIA CAUSA NOSTRA") == (
        "Philadelphia Field Office"
    )
    assert officecues.fbi_title_office("Legat, Mexico City (105-865)") == (
        "Legal Attaché, Mexico City"
    )
    assert officecues.fbi_title_office("SAC, THE BUREAU") is None
    assert officecues.fbi_title_office("Director, FBI") is None


@needs_corpus
@pytest.mark.parametrize(
    "record_id, want",
    [
        # "Chief, WH Division" (TO box), then "Chief of Station, Mexico City" (FROM box).
        ("jfk-104-10188-10414", "Mexico City Station"),
        ("jfk-104-10218-10040", "Mexico City Station"),
        # "Chief of Stetion, Mexico City IN": OCR's letter and a stray pair of capitals.
        ("jfk-form-104-10054-10008", "Mexico City Station"),
        # "Chief, SR" (TO), then "Chief, Munich Base" (FROM) after the DATE and SUBJECT boxes.
        ("jfk-104-10071-10279", "Munich Base"),
    ],
)
def test_dispatch_from_box_after_the_addressee_names_the_station(record_id, want):
    # Read from the FROM box itself, or from the sender that the dispatch's last party box
    # gave (senderhints.py, rule dispatch-last-box), whose office is its station.
    value, rule = office(record_id)
    assert value == want
    assert rule in ("dispatch-from-station", "final-sender")


# --- wrong readings that blocked or replaced the writer's unit -----------------------------------


def test_di_prepared_by_note_still_names_office_division_and_branch():
    # The reference's note: "This memorandum was prepared by  the Japan Branch, Northeast Asia
    # Division, Office of East Asian Analysis."
    seed = Path(__file__).resolve().parents[1] / "fixtures" / "seed" / "EA-M-84-10245.txt"
    got = read_text(seed.read_text(encoding="utf-8"))
    assert got.values["office"] == "Office of East Asian Analysis"
    assert got.values["division"] == "Northeast Asia Division"
    assert got.values["branch"] == "Japan Branch"
    assert got.rules["office"] == "prepared-by"


@needs_corpus
def test_a_report_prepared_by_another_office_is_not_the_writers():
    # "a security violation report prepared by a representative of the Office of Security":
    # the attachment's author; the memorandum is signed "Jake D. Esterline / Chief WH/4".
    assert office("jfk-104-10128-10303") == ("Western Hemisphere Division", "signature-title")


@needs_corpus
def test_the_addressees_unit_under_memorandum_for_is_not_the_writers():
    # "MEMORANDUM FOR: Special Assistant for Alien Affairs" / "Office of Security".
    assert office("jfk-104-10161-10390") != ("Office of Security", "heading-unit")


@needs_corpus
def test_a_wrapped_line_of_prose_ending_in_staff_is_not_a_heading_unit():
    # "BEFORE HIS COIVERSION TO STAFF" / "EMPLOTLE STATUS, ...": a sentence OCR broke.
    assert office("jfk-104-10250-10267")[1] != "heading-unit"
