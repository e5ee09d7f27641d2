"""archive.ingest: the sender read from a signature block and the unit its title lines name,
on real corpus texts of the tuning part read from ../shared/corpus at test time."""

import pytest
from test_extract import needs_corpus
from test_extract_anatomy import read_all as read

from archive.ingest import originators, signatures
from archive.ingest.patterns import split_lines

pytestmark = pytest.mark.pure  # extraction is pure Python: no search index


@needs_corpus
def test_typed_name_under_its_scrawl_with_title_and_unit_lines():
    # "Senes E. Flannery" (the signature's OCR) over "James E. Flannery / Acting Chief /
    # Western Hemisphere Division".
    result = read("jfk-104-10062-10046")
    sender = "James E. Flannery, Acting Chief, Western Hemisphere Division"
    assert (result.values["sender"], result.rules["sender"]) == (sender, "signature-titled")
    assert result.values["office"] == "Western Hemisphere Division"
    assert result.rules["office"] == "signature-title"


@needs_corpus
def test_office_symbol_under_the_name_is_the_unit():
    # "Dan Blodmfield / S0G/GB/MSS": OCR's 0 among a symbol's letters read as O.
    result = read("jfk-104-10105-10219")
    assert result.values["sender"].endswith("S0G/GB/MSS")
    assert (result.values["office"], result.rules["office"]) == ("SOG/GB/MSS", "signature-symbol")
    # "\ Donald R.. Heath, Jr. :" over "TAD/CAS/Soviet Ops/ X ° ~ :" after a comma-ended line.
    result = read("jfk-104-10118-10155")
    assert result.values["sender"] == "Donald R. Heath, Jr., TAD/CAS/Soviet Ops"
    assert result.values["office"] == "TAD/CAS/Soviet Ops"


@needs_corpus
def test_rank_under_a_name_in_capitals():
    # An Army memorandum for the record signed "JUNIUS A WATLINGTO! / Major, AT(AGC)".
    assert read("jfk-194-10007-10451").values["sender"] == "JUNIUS A WATLINGTO, Major, AT(AGC)"


@needs_corpus
def test_summary_of_conclusions_signed_at_its_foot_not_by_its_participants():
    result = read("clinton-pcdc-1993-03-01-bosnia-deputies-summary")
    assert result.values["sender"] == "William H. Itoh, Executive Secretary"
    assert result.values["office"] == "Executive Secretariat"
    # Its participants ("STATE John Admire / Deputy Secretary Strobe ...") sign nothing.
    assert not str(
        read("clinton-pcdc-1994-03-08-bosnia-summary").values.get("sender", "")
    ).startswith("STATE")


@needs_corpus
def test_fbi_page_heading_names_the_field_office_when_only_words_say_fbi():
    # No letterhead, no header: the vocabulary says FBI, "MM 92-106" heads the page.
    result = read("jfk-124-90096-10152")
    assert (result.values["office"], result.rules["office"]) == (
        "Miami Field Office",
        "fbi-file-prefix",
    )


def _block(text: str):
    lines = split_lines(text)
    return signatures.signature_block(lines, 0, len(lines), lambda i: False)


def test_names_listed_one_a_line_are_not_a_name_over_its_unit():
    prose = "The following took part in the meeting of the working group on Tuesday.\n\n"
    assert _block(prose + "Reginald Bartholomew\nEdward Rowny\nAllen Holmes\n") is None
    block = _block(prose + "Michael E. Schneeberger\nSecurity Analysis Group\n")
    assert block.sender == "Michael E. Schneeberger, Security Analysis Group"


def test_title_office_reads_units_party_does_not():
    cia = originators.CIA
    assert originators.title_office("Acting Chief, Division D", cia)[0] == "Division D"
    assert originators.title_office("C/WH/4", cia)[0] == "WH/4"
    assert originators.title_office("Principal Coordinator, HSCA", cia) is None


@needs_corpus
def test_signature_names_the_unit_of_a_sender_the_header_named_alone():
    # FROM: "M. L. Latta"; signed "M. L. Latta / Plans and Review Group / Central Cover Staff".
    result = read("jfk-form-104-10061-10218")
    # The FROM block now reads the title line below the name too (a blank line between them).
    assert result.values["sender"] == "M. L. Latta, Plans and Review Group"
    assert result.values["office"] == "Plans and Review Group"
    # The form's "WILLIAM BURNS. EXEC SECR STATE DEPT": the Executive Secretariat.
    assert read("jfk-form-104-10331-10266").values["office"] == "Executive Secretariat"


@needs_corpus
def test_army_unit_beside_the_agents_typed_name_at_the_foot():
    # "TYPED NAME AND ORGANIZATION OF SPECIAL AGENT / ARTHUR D MC QUEEN, G6TH CIC GROUP".
    office = read("jfk-194-10013-10341").values["office"]
    assert office == "66th Counter Intelligence Corps Group"


@needs_corpus
def test_ci_staff_number_under_the_signature_not_one_cited_in_a_sentence():
    assert read("jfk-form-104-10067-10404").values["office"] == "Counterintelligence Staff"
    assert originators.control_office([(0, "CSCI-316/02446-84")])[0] == "Counterintelligence Staff"
    assert originators.control_office([(0, "CSCI-316/00042-68, 3 January 1968")]) is None


@needs_corpus
def test_typed_names_through_ocr_damage():
    # "John F, Meehan / Acting Chief, EAB": a comma for the initial's full stop.
    assert read("jfk-104-10112-10321").values["sender"] == "John F. Meehan, Acting Chief, EAB"
    # "Sincerely, / “8. D./Breckinridge": 8 for the initial S, a slash for a space.
    assert read("jfk-104-10094-10010").values["sender"] == "S. D. Breckinridge"


def test_two_readings_of_one_name_not_two_names_sharing_an_initial():
    assert signatures._same_person("Sames R. Oäloger", "James R. Palinge")
    assert signatures._same_person("Senes E. Flannery", "James E. Flannery")
    assert not signatures._same_person("S. Everett Gleason", "Edwin S. Costrell")


@needs_corpus
def test_older_fbi_report_form_names_its_agent_and_office():
    # "Report of: SA RALPH R. HILL ~~ Ofie: Chicago, Illinois".
    result = read("jfk-124-10226-10357")
    assert (result.values["sender"], result.rules["sender"]) == (
        "SA RALPH R. HILL, Chicago",
        "fbi-report-of",
    )
    assert result.values["office"] == "Chicago Field Office"
    # "Report of: ROBERT A, VOEGE Office: © Pittsburgh, Pa.": the comma an initial's stop.
    assert read("jfk-124-90103-10052").values["sender"] == "SA ROBERT A. VOEGE, Pittsburgh"


@needs_corpus
def test_state_bureau_named_by_its_assistant_secretary():
    result = read("frus-history-1976-11-17-blair-to-kissinger")
    assert result.values["sender"].startswith("William Blair (Acting Assistant Secretary")
    assert (result.values["office"], result.rules["office"]) == (
        "Bureau of Public Affairs",
        "sender-title",
    )
    title = "Special Assistant to the Director of the Historical Office"
    assert originators.title_office(title, originators.STATE)[0] == "Historical Office"


@needs_corpus
def test_a_name_alone_closing_the_document_signs_it():
    # A national security directive's last line: "George Bush".
    result = read("frus-frus1989-92v31-d70")
    assert (result.values["sender"], result.rules["sender"]) == ("George Bush", "signature-closing")


def test_closing_name_skips_marks_not_prose():
    body = "The United States will not postpone completion of a treaty otherwise ready.\n"
    lines = split_lines(body + "George Bush\n\nSECRET\n")
    assert signatures.closing_name(lines, 0, len(lines), lambda i: False)[0] == "George Bush"
    lines = split_lines(body + "George Bush\nwill sign it next week, when it is ready.\n")
    assert signatures.closing_name(lines, 0, len(lines), lambda i: False) is None
