"""archive.ingest: CIA offices named by their head's title ("General Counsel", "Inspector
General": units.CIA_TITLED_OFFICES) or by their symbol (units.CIA_COMPONENTS: "SE/X/LA"), and
the unit of a sender read after the agency's rules (a routing slip's FROM box, a sign-off at the
foot: unitlines "late-sender"), on real corpus texts of the tuning part read from
../shared/corpus at test time."""

import pytest
from test_extract import needs_corpus
from test_extract_anatomy import reading

from archive.ingest import originators

pytestmark = pytest.mark.pure  # extraction is pure Python: no search index


def office(record_id: str) -> tuple[str, str]:
    return reading(record_id, "office")


@pytest.mark.parametrize(
    ("value", "agency", "expected"),
    [
        ("General Counsel", originators.CIA, "Office of General Counsel"),
        ("John H. Waller, Inspector General", originators.CIA, "Office of the Inspector General"),
        ("LYLE L. MILLER, Deputy Legislative Counsel", originators.CIA,
         "Office of Legislative Counsel"),
        # A symbol's first part is the division: SE's branch X/LA, not the LA Division.
        ("Thomas L, SE/X/LA", originators.CIA, "Soviet/East European Division"),
        ("Chris Hopkins, LAD/JFK Task Force", originators.CIA, "Latin America Division"),
        ("Chief, CCS/PRG", originators.CIA, "Central Cover Staff"),
    ],
)  # fmt: skip
def test_a_cia_title_or_symbol_names_its_office(value, agency, expected):
    assert originators.party(value, agency).office == expected


def test_the_title_is_the_cias_only():
    # Another agency's general counsel or inspector general is no CIA office.
    unit = originators.party("General Counsel", originators.FBI)
    assert unit is None or unit.office != "Office of General Counsel"


@needs_corpus
def test_office_from_a_routing_slips_from_box():
    # The routing slip's FROM box "General Counsel" (the judged set's Office of General Counsel).
    assert office("jfk-104-10413-10061")[0] == "Office of General Counsel"
    # "Raymond G. Rocca, C/CI/R&A" in the FROM box: his staff.
    assert office("jfk-104-10418-10267") == ("Counterintelligence Staff", "late-sender")


@needs_corpus
def test_office_from_a_sign_off_at_the_foot():
    # "RE. WHEDBEE" / "DC/WH/4": the signer's division.
    assert office("jfk-104-10229-10059") == ("Western Hemisphere Division", "late-sender")
    assert office("jfk-104-10300-10393")[0] == "Office of the Inspector General"
    assert office("jfk-104-10219-10076") == ("Soviet/East European Division", "late-sender")
