"""archive.ingest.families: families read from a house style or a form's layout where the
form's own title is not shown (an airtel's unlabelled parties, a State memorandum's OCR'd
labels, an Army or State memorandum for the record, an Army form's title broken over two
lines, a meeting's attendance list), on real corpus texts of the tuning part read from
../shared/corpus at test time."""

import pytest
from test_extract import needs_corpus
from test_extract_anatomy import reading

from archive.ingest import families

pytestmark = pytest.mark.pure  # extraction is pure Python: no search index


def family(record_id: str) -> tuple[str, str]:
    """(family, document type) read from one tuning record."""
    return reading(record_id, "family")[0], reading(record_id, "document_type")[0]


@needs_corpus
def test_airtel_parties_without_labels():
    # "DIRECTOR, FBI (29-56646)" over "SAC, SAN JUAN (29-767) (P)", the word AIRTEL not shown;
    # "DIRECROS, FBI (109-094)" as OCR reads it.
    assert family("jfk-form-124-90152-10029") == ("fbi_airtel", "Airtel")
    assert family("jfk-form-124-90107-10343") == ("fbi_airtel", "Airtel")
    # The office memorandum's labelled TO / FROM over the same parties stays a memorandum.
    assert family("jfk-124-10284-10246") == ("fbi_office_memo", "Memorandum")


@needs_corpus
def test_state_memorandum_labels_as_ocr_reads_them():
    # "YO: The Secretary" / "PROM:" / "SURJISCT:" under no MEMORANDUM heading.
    assert family("state-foia-F-1986-04261-C09000044") == ("state_memo", "Memorandum")
    assert family("state-foia-F-1986-04261-C09000067") == ("state_memo", "Memorandum")


@needs_corpus
def test_army_memorandum_for_the_record_and_forms():
    # "MEMORANDUM FOR TiE RECORD" of an Army office: the Army's memorandum.
    assert family("jfk-194-10007-10448") == ("military_memo", "Memorandum for the Record")
    # The Army's "SUMMARY OF" / "INFORMATION" form title broken over two lines.
    assert family("jfk-124-90029-10016") == ("military_memo", "Report")
    # "a summary of information" in a CIA memorandum's prose is no Army form.
    assert family("jfk-104-10122-10416")[0] != "military_memo"
    # The unit's line under the Army letterhead keeps an Army memorandum to the CIA the Army's.
    assert reading("jfk-104-10107-10037", "agency")[0] == "Department of the Army"


@needs_corpus
def test_meeting_attendance_list():
    # "In Attendance" over the members' names: a meeting's record.
    assert family("frus-history-1976-11-12-hac-meeting-with-kissinger")[0] == "minutes"


def test_label_patterns_on_short_texts():
    assert families._STATE_LABELS_RE.search("SURJISCT: Breakfast with Senator Lugar")
    assert not families._STATE_LABELS_RE.search("Subjects in the talks were these:")
    block = "DIRECTOR, FBI (105-81285)\n\nSAC, NEW ORLEANS (105-1095)\n"
    assert families._AIRTEL_BLOCK_RE.search(block)
    assert not families._AIRTEL_BLOCK_RE.search("Dear Mr. Hoover:\nSAC, NEW ORLEANS\n")


@needs_corpus
def test_british_intelligence_pool_reports():
    # "BRITISH INTELLIGENCE POOL BERLIN" over its reference: an ally's report, not the Army's.
    assert family("jfk-194-10012-10004") == ("other", "Report")
    # An annexure headed "Annexure I to / BRIP/0/11/354" (OCR's zero) is the report's part.
    assert family("jfk-form-194-10012-10006") == ("other", "Report")
    # An annexed letter ("Dear Erich.") stays a letter.
    assert family("jfk-form-194-10013-10344") == ("letter", "Letter")


@needs_corpus
def test_a_family_read_from_the_agency_keeps_its_narrower_type():
    # An Army "JOINT MESSAG:.cORM" whose family came from its agency and labels: a cable.
    assert family("jfk-form-194-10001-10423") == ("military_memo", "Cable")


@needs_corpus
def test_cia_printed_form_titles():
    # "201 PERSONALITY FILE ACTION REQUEST", "SPECIAL ACCESS AND/OR BILLET APPROVAL",
    # "TRANSMITTAL AND DOCUMENT RECEIPT": printed forms, though they carry TO and FROM boxes.
    assert family("jfk-form-104-10072-10107") == ("other", "Other")
    assert family("jfk-form-104-10120-10659") == ("other", "Other")
    assert family("jfk-form-104-10125-10390") == ("other", "Other")
    # A form's title over "MEMORANDUM FOR:" heads a memorandum.
    assert family("jfk-104-10177-10192") == ("cia_memo", "Memorandum")


@needs_corpus
def test_memorandum_for_the_record_through_ocr_damage():
    # "MEMORANDUM FOR TIIE RECORD", "MEMORANDUM FOR THE @ZCORD": the CIA's memorandum for the
    # record, as with the label read clean.
    assert family("jfk-104-10123-10154") == ("cia_mfr", "Memorandum for the Record")
    assert family("jfk-104-10183-10235") == ("cia_mfr", "Memorandum for the Record")
    # The signal asks for the record: a memorandum for Cord Meyer names a person.
    signal = families.BY_NAME["cia_mfr"].signals[0][0]
    assert signal.search("MEMORANDUM FOR TIIE RECORD")
    assert not signal.search("MEMORANDUM FOR CORD MEYER")
