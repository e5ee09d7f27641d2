"""archive.ingest: a CIA form's printed caption, a dispatch's footer date and a State cable's
day from its page headers, each rule on real corpus texts of the tuning part (read from
../shared/corpus at test time; skipped when the corpus is absent)."""

import datetime

import pytest
from test_extract import needs_corpus
from test_extract_anatomy import reading

from archive.ingest.datefallbacks import dispatch_footer
from archive.ingest.formcaptions import printed_caption
from archive.ingest.patterns import Line

pytestmark = pytest.mark.pure  # extraction is pure Python: no search index


def _lines(*texts: str) -> list[Line]:
    out, at = [], 0
    for text in texts:
        out.append(Line(at, at + len(text), text, 1))
        at += len(text) + 1
    return out


@needs_corpus
@pytest.mark.parametrize(
    "record_id, caption",
    [
        ("jfk-104-10120-10642", "TERMINATION SECRECY AGREEMENT"),
        ("jfk-104-10123-10286", "REQUEST-FOR PERSONNEL ACTION"),
        ("jfk-104-10177-10192", "PROVISIONAL OPERATIONAL APPROVAL"),
    ],
)
def test_a_cia_forms_printed_caption_is_its_title(record_id, caption):
    assert reading(record_id, "title") == (caption, "printed-caption")


@needs_corpus
def test_a_box_label_is_no_printed_caption():
    # "TYPE OF ACTION" heads a box of the form, not the form: no caption rather than a label.
    assert reading("jfk-104-10187-10018", "title")[1] != "printed-caption"


def test_printed_caption_passes_over_stamps_markings_and_debris():
    lines = _lines(
        "RETURN TO CIA",
        "SECRET",
        "a |. PROJECT OUTLINE",
        "1. The project ...",
    )
    assert printed_caption(lines, 0, len(lines), lambda i: False) == ("PROJECT OUTLINE", 2)
    garbled = _lines("PAINSE COR PRESENE", "1. The project ...")
    assert printed_caption(garbled, 0, len(garbled), lambda i: False) is None
    label = _lines("SUBJECT: Project outline", "PROJECT OUTLINE")
    assert printed_caption(label, 0, len(label), lambda i: False) is None


@needs_corpus
@pytest.mark.parametrize(
    "record_id, date",
    [
        ("jfk-104-10308-10127", datetime.date(1964, 1, 9)),  # DATE DISPATCHED / 9 Jan 1964.
        ("jfk-104-10170-10064", datetime.date(1964, 7, 23)),  # DATE DISPATCHEO / 23 July 64
        ("jfk-104-10054-10007", datetime.date(1964, 1, 16)),  # HMMA-22726 16 January 1964
    ],
)
def test_a_dispatch_is_dated_at_the_foot_of_its_first_page(record_id, date):
    assert reading(record_id, "date") == (date, "dispatch-footer")


def test_a_dispatch_number_and_date_in_the_text_is_no_footer():
    # A reference to another dispatch: no CLASSIFICATION box under it.
    lines = _lines("Ref: HMMA-22726 16 January 1964", "1. The Station has ...")
    assert dispatch_footer(lines, 0, len(lines)) is None
    foot = _lines("HMMA-22726 16 January 1964", "CLASSIFICATION", "SECRET")
    assert dispatch_footer(foot, 0, len(foot))[0].value == datetime.date(1964, 1, 16)


@needs_corpus
@pytest.mark.parametrize(
    "record_id, date",
    [
        # "O 16085627, 0CT 86": no date-time group read; its page headers say 16 ("1609582").
        ("state-foia-F-1986-04261-C09000052", datetime.date(1986, 10, 16)),
        # "O 1815452 OCT 36": read only with its year repaired; the page headers say 16.
        ("state-foia-F-1986-04261-C09000031", datetime.date(1986, 10, 16)),
    ],
)
def test_a_state_cable_is_dated_by_its_page_headers_day(record_id, date):
    assert reading(record_id, "date") == (date, "telegram-page-day")


@needs_corpus
def test_a_clean_date_time_group_outranks_the_page_headers():
    # "0 1307522 OCT 86" read as it stands: the page headers' time group is not needed.
    assert reading("state-foia-F-1986-04261-C09000014", "date")[1] == "telegram-dtg"
