"""archive.ingest: originating units (office) read by the rules of the fifth round, on real corpus
texts of the tuning part read from ../shared/corpus at test time. Pure Python."""

import pytest
from test_extract import needs_corpus
from test_extract_anatomy import read_all

from archive.ingest import armystaff, originators

pytestmark = pytest.mark.pure  # extraction is pure Python: no search index


# --- an Army command's G-2 ---------------------------------------------------------------------


@needs_corpus
@pytest.mark.parametrize(
    "record_id, office",
    [
        ("jfk-124-90029-10016", "G-2, Fourth Army"),  # "AC of S, G2, FOURTH ARMY HEADQUARTERS"
        ("jfk-124-90029-10007", "G-2, Fourth Army"),  # "Hq Fourth Army, / OAC/S, G2,"
        ("jfk-124-90029-10033", "G-2, Military District of Washington"),  # PREPARING OFFICE
        ("jfk-form-124-90029-10001", "G-2, Sixth Army"),  # the command heads the page
    ],
)
def test_army_commands_g2_is_the_office(record_id, office):
    got = read_all(record_id)
    assert (got.values["office"], got.rules["office"]) == (office, "army-g2")


@pytest.mark.parametrize(
    "text",
    [
        "the G-2 of the Fourth Army said",  # prose: no comma or line between them
        "Sixth Army units moved north; the staff met later.",
        "G-2 Comment: Information in this summary was not evaluated",
    ],
)
def test_army_prose_is_not_a_g2_office(text):
    assert armystaff.g2_office(text) is None


# --- NARA's codes for FBI offices in a form's FROM -----------------------------------------------


@needs_corpus
@pytest.mark.parametrize(
    "record_id, office",
    [
        ("jfk-form-124-10257-10307", "Legal Attaché, Mexico City"),  # FROM: LEG, MX
        ("jfk-form-124-90107-10343", "Washington Field Office"),  # FROM: WMFO
    ],
)
def test_form_sender_codes_name_the_fbi_office(record_id, office):
    assert read_all(record_id).values["office"] == office


@pytest.mark.parametrize(
    "value, agency, office",
    [
        ("LEG, MX", originators.FBI, "Legal Attaché, Mexico City"),
        ("LEG, ZZ", originators.FBI, None),  # a code we do not know: no guess
        ("LEG, MX", originators.CIA, None),  # only the FBI's catalogue writes it so
        ("WMFO", originators.FBI, "Washington Field Office"),
    ],
)
def test_fbi_office_codes(value, agency, office):
    unit = originators.party(value, agency)
    assert (unit.office if unit else None) == office
