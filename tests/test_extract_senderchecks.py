"""archive.ingest.senderchecks: senders read from a library stamp, a concurrence block or a
paper filed after a letter are demoted below the floor, on real corpus texts of the tuning
part (work half) read from ../shared/corpus at test time, and on a few lines written here."""

import pytest
from test_extract import needs_corpus
from test_extract_anatomy import read, reading

from archive.ingest import senderchecks
from archive.ingest.extract import Context
from archive.ingest.fields import FieldSet

pytestmark = pytest.mark.pure  # extraction is pure Python: no search index


@needs_corpus
def test_library_photocopy_stamp_is_no_sender():
    # "PHOTOCOPY" / "FROM" / "THE GERALD R." / "FORD LIBPARY": the label reader took the stamp.
    value, rule = reading("jfk-form-178-10003-10158", "sender")
    assert (value, rule) == ("THE GERALD R", "label-stamp")
    assert "sender" not in read("jfk-form-178-10003-10158").values


@needs_corpus
def test_signature_under_a_concurrence_line_is_no_sender():
    # "Concurrence" / "Jake D. Esterline" / "Chief WH/4" under the security officer's memo.
    value, rule = reading("jfk-104-10128-10303", "sender")
    assert rule == "signature-titled-concurrence"
    assert value.startswith("Jake D. Esterline")


@needs_corpus
def test_from_label_of_a_routing_slip_after_a_letter_is_no_sender():
    # The General Counsel's letter closes "Sincerely," / "John S. Warner"; a routing sheet
    # filed after it has "FROM: Frank Stewart".
    assert reading("jfk-104-10107-10195", "sender") == (
        "John S. Warner, General Counsel",
        "letter-close",
    )


@needs_corpus
def test_from_label_of_a_memo_after_a_letter_is_no_sender():
    # The Director of Security's letter ("Sincerely," / "Howard J. Osborn"), then a receipt
    # and a memorandum to the file "FRoM : Alien Affairs Officer".
    assert reading("jfk-104-10161-10443", "sender") == ("Howard J. Osborn", "letter-close")


@needs_corpus
def test_fbi_sender_cut_at_its_file_number():
    # TO: / FROM: / SUBJECT: stacked apart from their values: "SAC, PHILADELPHIA (92-1027)"
    # then the case title's lines ("CAUSA NOSTRA", "ANTI-RACKETEERING - CONSPIRACY").
    assert reading("jfk-124-10284-10246", "sender") == ("SAC, PHILADELPHIA", "label-filecut")


@needs_corpus
def test_sender_in_small_letters_is_ocr_garbage():
    # "FROM = fie fuextco crry (105- 865": the legal attache's line, damaged past reading.
    assert reading("jfk-124-10297-10156", "sender") == ("fie fuextco crry", "label-uncapitalised")


@needs_corpus
def test_fbi_form_with_a_blank_from_box():
    # ORIGINATOR FBI, then "CIA" alone before the date: the TO box's value, FROM left blank.
    assert reading("jfk-form-124-90140-10111", "sender") == ("CIA", "form-blank-box")
    # FROM "HQ" / TO "CIA": both boxes filled, the FROM stays.
    assert reading("jfk-form-124-90137-10017", "sender")[1] == "form"


@needs_corpus
def test_header_sender_of_an_fbi_memo_stays():
    value, rule = reading("jfk-124-10290-10312", "sender")
    assert (value, rule) == ("SAC, LITTLE ROCK", "label")


def _vetted(text: str, value: str, rule: str) -> str:
    """The sender's rule after the checks, for a value read at its place in text."""
    ctx = Context(text)
    out = FieldSet()
    at = text.index(value)
    out.offer("sender", value, 0.7, span=(at, at + len(value)), rule=rule)
    senderchecks.vet(ctx, out)
    return out.rules["sender"]


def test_letter_then_attached_memo_written_here():
    text = (
        "Dear Mr. Smith:\n\n1. The enclosed papers answer your request of last month.\n\n"
        "Sincerely,\n\nJohn Doe\nDirector of Security\n\f"
        "MEMORANDUM\nFROM: Chief, Alien Affairs Staff\nSUBJECT: Travel\n"
    )
    ctx = Context(text)
    out = FieldSet()
    at = text.index("Chief, Alien")
    out.offer("sender", "Chief, Alien Affairs Staff", 0.73, span=(at, at + 26), rule="label")
    senderchecks.vet(ctx, out)
    assert (out.values["sender"], out.rules["sender"]) == (
        "John Doe, Director of Security",
        "letter-close",
    )


def test_lines_written_here():
    stamp = "PHOTOCOPY FROM\nLBJ LIBRARY\n\nMEMORANDUM\n\n1. Text of the memo follows here.\n"
    assert _vetted(stamp, "LBJ LIBRARY", "label") == "label-stamp"
    memo = "FROM: Chief, WH Division\nSUBJECT: Travel\n\n1. The officer will travel.\n"
    assert _vetted(memo, "Chief, WH Division", "label") == "label"
    signed = (
        "1. The request is recommended.\n\nJohn Doe\nChief, Security Branch\n\nCONCUR:\n\n"
        "Richard Roe\nDeputy Director\n"
    )
    assert _vetted(signed, "Richard Roe", "signature-titled") == "signature-titled-concurrence"
    assert _vetted(signed, "John Doe", "signature-titled") == "signature-titled"
    fbi = "TO: DIRECTOR, FBI\nFROM: SAC, NEW YORK (105-1234)\nSUBJECT: JOHN DOE\n"
    assert _vetted(fbi, "SAC, NEW YORK (105-1234)", "label") == "label"
