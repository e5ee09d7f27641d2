"""archive.ingest.senderchecks: senders read from a library stamp, a concurrence block, OCR
garbage or a form's shifted box are demoted below the floor, an FBI sender is cut at its file
number, on real corpus texts of the tuning part (work half) read from ../shared/corpus at test
time, and on a few lines written here."""

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
