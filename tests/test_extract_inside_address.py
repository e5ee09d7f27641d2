"""archive.ingest: a letter's inside address ("Security Division" / "Federal Aviation Agency")
names the addressee's unit, not the writer's (originators.heading_unit), on real corpus texts of
the tuning part read from ../shared/corpus at test time."""

import pytest
from test_extract import needs_corpus
from test_extract_anatomy import reading

pytestmark = pytest.mark.pure  # extraction is pure Python: no search index


@needs_corpus
def test_the_addressees_unit_in_an_inside_address_is_not_the_office():
    # The Office of Security's letter to the FAA's Security Division, signed "Chief, Building
    # Security Branch" / "Office of Security".
    assert reading("jfk-104-10106-10547", "office")[0] == "Office of Security"


@needs_corpus
def test_a_letterhead_over_its_city_stays_the_office():
    # "OFFICE OF THE SECRETARY OF DEFENSE" / "WASHINGTON 25, D. C.": the writer's letterhead.
    assert reading("jfk-202-10001-10201", "office")[0] == "Office of The Secretary of Defense"
