"""archive.ingest: the originating unit read from the marks a family of papers repeats
(unitmarks.py): the British Intelligence Pool's letterhead and report reference, a SIGINT
station's designator, a desk officer's title line, a CIA component's cable comment, an office
symbol under the signer's name, a CIA control number under the signature (which also decides
the agency); Army units as OCR and the Army abbreviate them (armystaff.py), and the Office of
the Secretary of Defense's letterhead. Real corpus texts of the tuning part, read from
../shared/corpus at test time."""

import pytest
from test_extract import needs_corpus
from test_extract_anatomy import reading

from archive.ingest.armystaff import army_unit, commanded_unit

pytestmark = pytest.mark.pure  # extraction is pure Python: no search index


def office(record_id: str) -> tuple[str, str]:
    return reading(record_id, "office")


@needs_corpus
def test_british_intelligence_pool_letterhead():
    # "'A' Detachment" / "BRITISH INTELLIGENCE POOL BERLIN" / "British Forces Post Office 456".
    assert office("jfk-194-10012-10004") == ("British Intelligence Pool Berlin", "british-pool")
    # The letterhead of a report behind its annexure, on the report's later page.
    assert office("jfk-194-10012-10009") == ("British Intelligence Pool Berlin", "british-pool")
    # OCR set the letterhead among the identification form's lines: it is still the Pool's.
    assert office("jfk-form-194-10012-10005") == (
        "British Intelligence Pool Berlin",
        "british-pool",
    )


@needs_corpus
def test_british_intelligence_pool_reference_heading_an_annexure():
    # "Annexure I to" / "BRIP/0/11/354" (OCR reads the O as 0): no letterhead on these pages.
    assert office("jfk-form-194-10012-10006") == (
        "British Intelligence Pool",
        "british-pool-reference",
    )


@needs_corpus
def test_a_pool_report_cited_in_a_covering_letter_is_not_the_writer():
    # "Herwith copies of British Intelligence Pool BERLIN report reference" / "BRIP/O/11/482
    # dated 7 Dec 57": another unit forwards the Pool's report.
    assert office("jfk-form-194-10012-10002")[1] not in ("british-pool", "british-pool-reference")


@needs_corpus
def test_sigint_station_designator_on_the_fm_line():
    assert office("jfk-144-10001-10269") == ("USM-620K", "sigint-station")  # "FM USM 620K"
    # "FM USA-751 : :" after the routing indicators; a relayed "FM USA-73" further down.
    assert office("jfk-form-144-10001-10273") == ("USA-751", "sigint-station")


@needs_corpus
def test_desk_officer_title_line():
    # "WILLIAM C. ARMS" / "Capt, Inf" / "LA Desk Officer".
    assert office("jfk-194-10007-10448") == ("LA Desk", "desk-officer")
    assert office("jfk-form-194-10007-10443") == ("LA Desk", "desk-officer")


@needs_corpus
def test_cia_component_comment_in_a_headquarters_cable():
    assert office("jfk-form-104-10101-10114") == ("Special Affairs Staff", "component-comment")
    assert office("jfk-104-10015-10223") == ("Western Europe Division", "component-comment")
    # The cable secretariat's note ("C/S COMMENT:") names no component.
    assert office("jfk-form-104-10078-10014")[1] != "component-comment"


@needs_corpus
def test_office_symbol_under_the_signers_name():
    # "Harold &. Stenson" / "WH/C/SP" at the foot of a long memorandum.
    assert office("jfk-form-104-10088-10137") == ("Western Hemisphere Division", "signed-symbol")


@needs_corpus
def test_control_number_under_the_signature_decides_the_agency():
    # A CI Staff memorandum to a list of agencies (the Army's Assistant Chief of Staff among
    # them): "JAMES ANGLETON" / "CSCI-316/02507-68" under the signature.
    assert reading("jfk-104-10310-10011", "agency") == (
        "Central Intelligence Agency",
        "control-number-agency",
    )
    assert office("jfk-104-10310-10011") == ("Counterintelligence Staff", "control-number")


@needs_corpus
def test_army_units_as_ocr_and_the_army_write_them():
    # "Region III, 66th-C1C Group" (OCR: 1 for I) heading a letter of the Group's.
    assert office("jfk-form-194-10008-10068")[0] == "66th Counter Intelligence Corps Group"
    # A Summary of Information's preparing office: "Region I, 112th Intelligence Corps Group".
    assert office("jfk-194-10013-10448")[0] == "112th Intelligence Corps Group"
    # A message's "FROM: O1C USAOSD FIELD DET NR 1": the unit its officer in charge commands.
    assert office("jfk-form-194-10012-10042") == ("USAOSD Field Detachment NR 1", "sender")


def test_army_unit_and_commanded_unit_strings():
    # The strings as the tuning texts spell them (jfk-form-194-10008-10068's form, -10042's).
    assert army_unit("CO, RGN III, 66TH CIC GP")[0] == "66th Counter Intelligence Corps Group"
    assert commanded_unit("O1C USAOSD FIELD DET NR 1")[0] == "USAOSD Field Detachment NR 1"
    assert commanded_unit("CG, FOURTH ARMY")[0] == "Fourth Army"
    assert commanded_unit("CO") is None
    assert commanded_unit("CG, FBI") is None


@needs_corpus
def test_office_of_the_secretary_of_defense_letterhead():
    # "OFFICE OF THE SECRETARY OF DEFENSE" / "WASHINGTON 25, D. C." over Lansdale's memorandum:
    # not the CIA the vocabulary guessed.
    assert reading("jfk-202-10001-10201", "agency") == (
        "Office of the Secretary of Defense",
        "letterhead",
    )


@needs_corpus
def test_air_force_letter_reply_to_symbol():
    # "REPLY TO" / "ATTN OF:" / "AFISI-6A" on an Air Force letter to the FBI's Director (the
    # letterhead OCR-broken): the Air Force's, not the FBI's its addressee and words suggest.
    assert reading("jfk-124-90135-10265", "agency") == (
        "Department of the Air Force",
        "reply-symbol",
    )
    assert office("jfk-124-90135-10265") == ("AFISI-6A", "reply-symbol")


@needs_corpus
def test_report_cover_prepared_by_unit():
    # "PREPARED BY:" / "TASK FORCE SOUTHEAST ASIA" / "DEPARTMENT OF STATE".
    assert office("jfk-form-176-10036-10179") == ("Task Force Southeast Asia", "prepared-by-unit")


@needs_corpus
def test_letterhead_with_an_ocr_error():
    # "CENTRAL INTELLIGENCE AGENC" / "WASHINGTON 25, D. C.": the letterhead, not the
    # vocabulary's guess, names the agency.
    assert reading("jfk-124-90136-10174", "agency") == (
        "Central Intelligence Agency",
        "letterhead-ocr",
    )


@needs_corpus
def test_thru_line_names_the_writers_own_chiefs():
    # "TO : Chief, SRS" / "Thru : DC/SRS and C/FIOB/SRS" / "FROM : M. D. Stevens".
    assert office("jfk-form-104-10132-10307") == ("Security Research Staff", "thru-chief")
    assert office("jfk-104-10059-10047") == ("Security Research Staff", "thru-chief")


@needs_corpus
def test_routing_sheet_from_box_symbol():
    # "ROUTING AND RECORD SHEET" / "FROM: -RGROCCA" / "DC/CI/OPS": the CI Staff's.
    assert office("jfk-104-10106-10323") == ("Counterintelligence Staff", "from-symbol")


@needs_corpus
def test_state_memorandum_bureau_symbol_before_the_writers_name():
    # "PROM: BUR = Rozanne t. Ridgway": FROM, EUR and the dash OCR-damaged.
    assert office("state-foia-F-1986-04261-C09000021") == (
        "Bureau of European Affairs",
        "state-from-symbol",
    )
    # "- @ PROM: «8/P ~ Richard solomon" and, its labels apart, "§/P - Richard Solomon".
    assert office("state-foia-F-1986-04261-C09000061") == (
        "Policy Planning Staff",
        "state-from-symbol",
    )
    assert office("state-foia-F-1986-04261-C09000067") == (
        "Policy Planning Staff",
        "state-from-symbol",
    )


@needs_corpus
def test_state_telegram_fm_line_names_the_post():
    # "FM -AMEMBASSY BEIJING" (a stray dash) under a header read only in part.
    assert office("state-foia-F-1986-04261-C09000072") == ("Embassy Beijing", "telegram-fm")
    # "FM AMEMBASSY eMOSCOW doce": the post without the lower-case OCR specks around it.
    assert office("state-foia-F-1986-04261-C09000057")[0] == "Embassy Moscow"


@needs_corpus
def test_cas_channel_telegram_with_an_ocr_cedilla():
    # "VIAÇAS SAIGON 2077 FRONGAMBASSADOR LODGE": the embassy's telegram through the CIA's
    # channel, OCR reading the C of CAS as Ç.
    assert office("jfk-form-176-10036-10174") == ("Embassy Saigon", "telegram-post")


@needs_corpus
def test_office_of_a_sender_read_after_the_unit_rules():
    # An FBI memorandum's party lines ("Director, FBI" / "Legat, Havana"), read late.
    assert office("jfk-124-10195-10332")[0] == "Legal Attaché, Havana"
    # The form's "NY" preferred over the garbled header's sender.
    assert office("jfk-form-124-90137-10055") == ("New York Field Office", "final-sender")


@needs_corpus
def test_office_symbol_of_a_sender_signed_at_the_foot():
    # "HOWARD HUNT" / "Chief, DO/OPRP" read from the foot after the unit rules ran.
    assert office("jfk-104-10162-10143") == ("DO/OPRP", "final-sender-signature-symbol")


@needs_corpus
def test_drafter_line_with_one_initials_group():
    # "SR/Ct/Rosearch:AWbzagko.el" at the foot of a routing sheet's memorandum (OCR: Ct for CI).
    assert office("jfk-form-104-10021-10108") == ("Soviet Russia Division", "drafter-colon")
