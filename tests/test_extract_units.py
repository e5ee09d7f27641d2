"""archive.ingest: the office named by a FROM block's title lines, a unit heading the first
page, a cable's cite line written in full, a State telegram's post and a CIA cable's releasing
officer (unitlines.py), and an NSA report's issue date (grammars.py), on real corpus texts of
the tuning part read from ../shared/corpus at test time."""

import pytest
from test_extract import needs_corpus
from test_extract_anatomy import read_all as read
from test_extract_anatomy import reading

pytestmark = pytest.mark.pure  # extraction is pure Python: no search index


def office(record_id: str) -> tuple[str, str]:
    return reading(record_id, "office")


@needs_corpus
def test_title_line_under_the_senders_name():
    # "FROM: Robert A. Barteaux" / "Chief, Information Processing Group".
    assert office("jfk-104-10059-10139") == ("Information Processing Group", "from-block-title")
    # "cting Chief, Soviet/East European Division": the title's first word OCR-damaged.
    assert office("jfk-104-10151-10206")[0] == "Soviet/East European Division"
    # "Acting Chief, Division D 427": a lettered unit behind OCR dirt.
    assert office("jfk-104-10107-10178") == ("Division D", "from-block-signature-lettered")


@needs_corpus
def test_title_lines_under_a_name_the_form_gave():
    # The form's "H. CLARK SCHOR"; the memo's ": H. Clark Schor" / "Chief, Plans and Review
    # Group" / "Central Cover Staff" wins over a control number cited in the text.
    assert office("jfk-form-104-10061-10216") == ("Plans and Review Group", "from-block-title")


@needs_corpus
def test_a_signature_blocks_titles_stay_its_own():
    # The sender read from a signature: its unit is the signature's rule's to read.
    assert office("jfk-104-10118-10155") == ("TAD/CAS/Soviet Ops", "signature-symbol")


@needs_corpus
def test_unit_heading_of_an_army_paper_beats_an_agents_unit_at_the_foot():
    expected = ("United States Army Personnel Security Group", "heading-unit")
    assert office("jfk-104-10107-10037") == expected


@needs_corpus
def test_heading_units_written_with_a_page_number_or_as_a_field_office():
    assert office("jfk-104-10146-10262")[0] == "Office of Legislative Counsel"  # "... Page 3"
    assert office("jfk-104-10126-10282")[0] == "Los Angeles Field Office"


@needs_corpus
def test_cite_line_with_the_station_written_in_full():
    assert office("jfk-form-104-10072-10098") == ("Guatemala City Station", "cable-cite-city")


@needs_corpus
def test_state_telegram_post_from_its_from_line_or_cas_channel():
    assert office("jfk-176-10036-10049") == ("Embassy Conakry", "telegram-post")
    # "VIA CAS. SAIGON 2663 FRU AMBASSADOR LODGE": a form read on over the telegram's head.
    assert office("jfk-form-176-10036-10168") == ("Embassy Saigon", "telegram-post")
    # ": FROM: SATGON": the form's FROM spells the OCR'd post.
    assert office("jfk-form-176-10036-10176") == ("Embassy Saigon", "telegram-post")


@needs_corpus
def test_nsa_report_dated_by_its_issue_line_not_the_message_it_translates():
    # "3/0/ITD/T3602-63" / "IS 05 Dec 2305Z P" over the message's "28 Nov 63".
    result = read("jfk-144-10001-10319")
    assert (result.values["date"].isoformat(), result.rules["date"]) == ("1963-12-05", "nsa-issue")
    # "IS D1 Jan 143DZ": OCR's D for 0; the serial "-64" gives the year (the message's is 63).
    assert read("jfk-144-10001-10284").values["date"].isoformat() == "1964-01-01"


@needs_corpus
def test_department_telegram_office_from_its_drafters_bureau():
    # "ORAFTEO BY: EUR/SOV:BBURTON:" (OCR's O for D); "DRAFTED BY PM: JHAWES".
    expected = ("Bureau of European Affairs", "drafted-by")
    assert office("state-foia-F-1986-04261-C09000062") == expected
    assert office("state-foia-F-1986-04261-C09000020")[0] == "Bureau of Politico-Military Affairs"


@needs_corpus
def test_fbi_office_from_its_informants_symbols():
    # A letterhead memorandum with no header of its own: its sources are "MM T-1", "MM T-2".
    assert office("jfk-form-194-10003-10165") == ("Miami Field Office", "informant-symbols")


@needs_corpus
def test_cia_cable_office_from_its_releasing_officers_symbol():
    # "JOHN R. HORTON" / "AC/WHD" / "RELEASING OFFICER": the Western Hemisphere Division.
    assert office("jfk-form-104-10256-10370") == (
        "Western Hemisphere Division",
        "releasing-officer",
    )
    # "C/CI/SO." / "Richard" / "28 3205" / "RELEASING OFFICER".
    assert office("jfk-104-10071-10019") == ("Counterintelligence Staff", "releasing-officer")
