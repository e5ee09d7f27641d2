"""archive.ingest.senderhints: the sender read up from a memorandum's foot past a scrawled
signature, on real corpus texts of the tuning part (work half) read from ../shared/corpus at
test time, and on a few lines written here."""

import pytest
from test_extract import needs_corpus
from test_extract_anatomy import read_all as read
from test_extract_anatomy import reading

from archive.ingest import senderhints
from archive.ingest.patterns import split_lines

pytestmark = pytest.mark.pure  # extraction is pure Python: no search index


def _read_up(text: str):
    lines = split_lines(text)
    hit = senderhints.read_up(lines, 0, len(lines), lambda i: False)
    return hit[0] if hit else None


@needs_corpus
def test_title_and_office_under_a_scrawl_of_several_lines():
    # "dels" / "SH ML" / "urtis H. McSheyry" between the last paragraph and "Chief" /
    # "TSD/Liaison Security Staff" at the end of the text.
    result = read("jfk-104-10250-10079")
    assert (result.values["sender"], result.rules["sender"]) == (
        "Chief, TSD/Liaison Security Staff",
        "signature-foot-up",
    )


@needs_corpus
def test_office_symbol_under_a_name_split_in_two_lines():
    # "...in the Library." / "high" / "Jack" / "Mathews" / "C/ LA/Mexico" / a page footer.
    result = read("jfk-104-10061-10393")
    assert (result.values["sender"], result.rules["sender"]) == (
        "C/ LA/Mexico",
        "signature-foot-up",
    )


def test_stray_quote_in_a_unit_line_and_a_foot_below():
    text = (
        "1. The subject was interviewed at length and his account agrees with the file.\n"
        "ab\nJoh‘n\nChief\nSecurity Analysis ‘Group\nDistribution:\n1 - Addressee\n"
    )
    assert _read_up(text) == "Chief, Security Analysis Group"


def test_a_long_line_between_paragraph_and_title_is_not_a_scrawl():
    text = (
        "1. The subject was interviewed at length and his account agrees with the file.\n"
        "Copies To Field Offices In Miami\n"  # a caption, not a signature
        "Chief\nSecurity Analysis Group\n"
    )
    assert _read_up(text) is None


def test_a_bare_title_names_no_one():
    text = "1. The subject was interviewed at length and his account agrees with it.\nxy\nChief\n"
    assert _read_up(text) is None


@needs_corpus
def test_a_garbled_fm_line_leaves_the_post_of_the_telegram_number():
    # "_ FU SECSTATE WASHOE": the FM line unread; "PAGE 01 STATE 307648" on every page.
    result = read("state-foia-F-1986-04261-C09000062")
    assert (result.values["sender"], result.rules["sender"]) == (
        "SECSTATE WASHDC",
        "telegram-number-post",
    )
    # "1 ANENBASSY" / "FA POSTON": the FM line garbled; "PAGE 01 MOSCOW 16536".
    result = read("state-foia-F-1986-04261-C09000037")
    assert (result.values["sender"], result.rules["sender"]) == (
        "AMEMBASSY MOSCOW",
        "telegram-number-post",
    )


@needs_corpus
def test_a_read_fm_line_is_kept():
    result = read("state-foia-F-1986-04261-C09000033")
    assert (result.values["sender"], result.rules["sender"]) == ("AMEMBASSY ROME", "telegram")


def test_post_sender_names():
    assert senderhints.post_sender("STATE 296107") == "SECSTATE WASHDC"
    assert senderhints.post_sender("REYKJA 02126") == "AMEMBASSY REYKJAVIK"
    assert senderhints.post_sender("USNATO 6091") == "US Mission to NATO"
    assert senderhints.post_sender("XQZZY 12345") is None


@needs_corpus
def test_a_dispatch_without_labels_is_from_its_last_box():
    # "Chief, Wit Divieion" (TO) over "___Chief of Station, Mexico City" (FROM), labels lost.
    result = read("jfk-104-10188-10414")
    assert (result.values["sender"], result.rules["sender"]) == (
        "Chief of Station, Mexico City",
        "dispatch-last-box",
    )
    # The box, not a name from a list of identities in an enclosure.
    result = read("jfk-104-10218-10040")
    assert (result.values["sender"], result.rules["sender"]) == (
        "Chief of Station, Mexico City",
        "dispatch-last-box",
    )


@needs_corpus
def test_a_dispatch_whose_from_label_is_left_is_not_read_by_its_boxes():
    # TO "Chief, WOMUSE", INFO "Chief, European Division", then "FROM" over a garbled value:
    # the INFO box is not the sender.
    sender, rule = reading("jfk-104-10064-10003", "sender")
    assert rule != "dispatch-last-box" and sender != "Chief, European Division"
