"""A sender from a CIA routing form's FROM box (archive.ingest.routing) and from a header whose
label, colon and value OCR set on lines of their own, on real corpus texts of the tuning part
read from ../shared/corpus at test time."""

import pytest
from test_extract import needs_corpus
from test_extract_anatomy import reading

from archive.ingest import originators, routing
from archive.ingest.patterns import split_lines
from archive.ingest.senderlines import sender_lines

pytestmark = pytest.mark.pure  # extraction is pure Python: no search index


@needs_corpus
@pytest.mark.parametrize(
    "record_id, sender",
    [
        # "FROM:" / "NO." / "Donovan E. Pratt" / "DC/CI/R&A" / "TO: (Officer designation ...".
        ("jfk-104-10104-10339", "Donovan E. Pratt, DC/CI/R&A"),
        # "EXTENSION" / "FROM:" / "NO." / "Raymond G. Roccal" / "C/CI/R&A" / "x-2066".
        ("jfk-104-10418-10267", "Raymond G. Roccal, C/CI/R&A"),
        # An Official Routing Slip: "FROM: NAME, ADDRESS AND PH:" / "Director of Security".
        ("jfk-104-10122-10346", "Director of Security"),
    ],
)
def test_routing_form_from_box(record_id, sender):
    assert reading(record_id, "sender") == (sender, "routing-from")


@needs_corpus
@pytest.mark.parametrize(
    "record_id, recipient",
    [
        # "TO: (Officer designation, room number, and" / "building)" / "1. Chief, EAB,".
        ("jfk-104-10105-10133", "Chief, EAB"),
        # "... bullding)" / "COMMENTS, (Number ..." / "whom. Draw a ..." / "‘John Greaney".
        ("jfk-104-10106-10323", "John Greaney"),
    ],
)
def test_routing_form_to_box(record_id, recipient):
    assert reading(record_id, "recipient") == (recipient, "routing-to")


def test_routing_box_never_gives_its_captions_or_numbers():
    # The box's printed captions and its extension and room numbers are not a sender, and
    # a FROM line outside a routing form is left to the memo header reader.
    box = "ROUTING AND RECORD SHEET\nFROM:\nEXTENSION\nNO.\n3D0004 1596\nx-2066\nTO: (Officer"
    lines = split_lines(box)
    assert routing.box_sender(lines, 0, len(lines), lambda i: False) is None
    box = "ROUTING AND RECORD SHEET\nTO: (Officer designation, room number, and\nbuilding)\nDATE"
    box += "\nOFFICER'S\nINITIALS\n1.\n23 April 1968"
    lines = split_lines(box)
    assert routing.box_recipient(lines, 0, len(lines), lambda i: False) is None
    memo = "MEMORANDUM FOR: Chief, CI Staff\nFROM:\nDonovan E. Pratt\nDC/CI/R&A"
    lines = split_lines(memo)
    assert routing.box_sender(lines, 0, len(lines), lambda i: False) is None


@needs_corpus
@pytest.mark.parametrize(
    "record_id, sender",
    [
        # "FROM" / ":" / "Norbert A. Shepanek" / "Policy and Coordination Staff,".
        ("jfk-104-10066-10187", "Norbert A. Shepanek, Policy and Coordination Staff"),
        # "FROM" / ":" / "Alien Affairs Officer" (was "VERNMENT", the form's print).
        ("jfk-104-10161-10402", "Alien Affairs Officer"),
    ],
)
def test_colon_on_a_line_of_its_own(record_id, sender):
    assert reading(record_id, "sender") == (sender, "label")


@needs_corpus
def test_sender_name_and_title_across_a_blank_line():
    # "FROM" / "Philip F. Fendig" / (blank) / "SA/DO/O": the blank OCR set between the lines
    # does not cut the title off.
    assert reading("jfk-104-10419-10002", "sender") == ("Philip F. Fendig, SA/DO/O", "label")
    # "FROM :" / "w. B. Welte" / (blank) / "Time of calls: 5:00 p.m": a labelled line is not
    # the sender's title (the form's spelling then wins, as both name Welte).
    assert reading("jfk-form-124-90118-10187", "sender") == ("WELTE", "label+form")


@needs_corpus
def test_file_under_from_of_a_form_that_stacks_its_labels():
    # "TO" / "DATE:" / "7 July 1959" / "FROM" / "File" / "Chief, Alien Affairs Staff".
    assert reading("jfk-104-10113-10274", "sender") == ("Chief, Alien Affairs Staff", "label")


def test_line_after_a_blank_is_a_title_only_when_it_reads_as_one():
    gap = (-1, "")
    name = (0, "Jake D. Esterline")
    assert sender_lines([name, gap, (0, "Policy and Coordination Staff,")])[1][1].startswith(
        "Policy"
    )
    assert sender_lines([name, gap, (0, "OS/ EAB")]) == [name, (0, "OS/ EAB")]
    for debris in ("REPORTING OFFICER", "NAME AND GRADE OF EMPLOYEE", "TonieZon nerens To"):
        assert sender_lines([name, gap, (0, debris)]) == [name], debris
    # Without a blank between them the second line is kept as before (not a labelled line).
    assert sender_lines([name, (0, "Chief WH/4")]) == [name, (0, "Chief WH/4")]
    assert sender_lines([name, (0, "Time of calls: 5:00 p.m")]) == [name]


@needs_corpus
@pytest.mark.parametrize(
    "record_id", ["jfk-104-10130-10381", "jfk-104-10123-10154", "jfk-104-10183-10235"]
)
def test_memorandum_for_the_record_damaged_is_no_addressee(record_id):
    # "MEMORANDUM FOR: ‘The Record", "... TIIE RECORD", "... THE @ZCORD": no addressee.
    assert reading(record_id, "recipient") == (None, None)


def test_sender_line_agency_named_or_only_echoed():
    # "SAC, Dallas" names the FBI itself; "Chief, Alien Affairs Staff" only echoes the agency
    # guessed from the Office Memorandum form every agency used (jfk-104-10113-10274, CIA).
    unit, sure = originators.sender_unit("SAC, Dallas", originators.CIA)
    assert (unit.agency, sure) == (originators.FBI, 0.9)
    unit, sure = originators.sender_unit("Chief, Alien Affairs Staff", originators.FBI)
    assert (unit.office, sure) == ("Alien Affairs Staff", 0.6)


@needs_corpus
@pytest.mark.parametrize(
    "record_id, sender",
    [
        ("jfk-104-10322-10181", "S.D. Breckinridge"),  # "FROM ~ : S.D. Breckinridge"
    ],
)
def test_label_with_a_mark_before_its_colon(record_id, sender):
    assert reading(record_id, "sender") == (sender, "label")


@needs_corpus
def test_label_with_a_mark_before_its_colon_then_the_signer():
    # "FROM. : Chief, CI Staff" read, then the name signed under the memorandum put before it
    # (ciaparties, "label-title-signed").
    assert reading("jfk-104-10051-10173", "sender") == (
        "George T. Kalaris, Chief, CI Staff",
        "label-title-signed",
    )
