"""archive.ingest: the document's own date on real corpus texts of the tuning part (datelines,
dates beside another header column or a handling stamp, garbled labels, reviewers' stamps), and
the rule names that let calibration measure each kind of date line apart. Pure Python."""

import datetime

import pytest
from test_extract import needs_corpus
from test_extract_anatomy import read_all

from archive.ingest import datefallbacks, datelines, dates
from archive.ingest.patterns import split_lines

pytestmark = pytest.mark.pure  # extraction is pure Python: no search index


@needs_corpus
@pytest.mark.parametrize(
    "record_id, want",
    [
        # "Washington, June 12, 1989, 11 a.m.–noon": a dateline whose time ends at noon.
        ("frus-frus1989-92v31-d31", "1989-06-12"),
        # The dateline outranks "DATE: June 15, 1989" below it (the meeting it prepares).
        ("frus-frus1989-92v31-d32", "1989-06-14"),
    ],
)
def test_dateline_opening_the_document(record_id, want):
    result = read_all(record_id)
    assert result.values["date"].isoformat() == want
    assert result.rules["date"] == "dateline"


@needs_corpus
def test_dateline_after_a_place_with_a_typographic_apostrophe():
    # "Secretary’s Conference Room, November 12, 1976"
    result = read_all("frus-history-1976-11-12-hac-meeting-with-kissinger")
    assert result.values["date"] == datetime.date(1976, 11, 12)


@needs_corpus
@pytest.mark.parametrize(
    "record_id, want, rule",
    [
        # "Oo Not Reproduce 20 October 1976 OLCHTS. ¥"
        ("jfk-104-10140-10405", "1976-10-20", "column-stamp"),
        # "“Wednesday - 13 December 1978 Background Use Only" (a line read as a stamp)
        ("jfk-104-10143-10014", "1978-12-13", "column-stamp"),
        # "MEMORANDUM FOR THE RECORD 18 November 1976"
        ("jfk-104-10110-10300", "1976-11-18", "column-record"),
        # "Office of Legislative Counsel 26 March 1979" (a letterhead's second column)
        ("jfk-104-10094-10010", "1979-03-26", "column"),
    ],
)
def test_date_in_the_second_column_of_a_header_line(record_id, want, rule):
    result = read_all(record_id)
    assert result.values["date"].isoformat() == want
    assert result.rules["date"] == rule


@pytest.mark.parametrize(
    "text",
    [
        "Reference: HMMA 26006, 30 April 1965",
        "DOB: 7 January 1927",
        "C. DDO/O. 78-1210/1 dated 23 February 1978",
        "OS/AAS/LGP:mr 27 August 1965",
        "a copy of Larry's 22 December 1972 letter.",
        "© Operational Monthly Report -- 1-31 December 1963",
        "CG 6729-C-TE March 2, 1964 | '",
    ],
)
def test_a_date_continuing_a_reference_is_no_column_date(text):
    assert datelines.column(text) is None


def test_a_dispatch_number_then_its_date():
    found, rule = datelines.column("Se HMMA-22726 16 January 1964")
    assert (found.value, rule) == (datetime.date(1964, 1, 16), "column-dispatch")


@needs_corpus
@pytest.mark.parametrize(
    "record_id, want",
    [
        ("jfk-124-90118-10098", "1958-07-16"),  # "DIRECTOR, FBI (92-2897) pate 7/16/58"
        ("jfk-124-90122-10043", "1961-11-06"),  # "parz: 11/6/61"
        ("jfk-124-10326-10100", "1954-04-30"),  # "DATB: April 30, 1954", not a 1998 stamp
        ("jfk-104-10185-10118", "1964-08-18"),  # "... for DATE OXSTR 18 August 1964"
    ],
)
def test_garbled_date_labels_beside_another_column(record_id, want):
    result = read_all(record_id)
    assert result.values["date"].isoformat() == want
    assert result.rules["date"] == "inline-label"


@needs_corpus
def test_a_reviewers_numeric_date_decades_later_is_not_the_documents():
    # "KP 5-18-98" among a 1960 memo's lines: the hand of the 1998 review.
    result = read_all("jfk-124-90138-10061")
    assert result.values.get("date") != datetime.date(1998, 5, 18)


@needs_corpus
def test_prose_saying_by_is_no_dated_stamp():
    # "SUBJECT: Examination by Mr. G. Robert Blakey" two lines under "24 August 1978".
    assert read_all("jfk-104-10065-10061").values["date"] == datetime.date(1978, 8, 24)


@needs_corpus
@pytest.mark.parametrize(
    "record_id, rule",
    [
        ("frus-history-1984-07-slany-report-to-congress", "alone-month"),  # "July 1984"
        ("jfk-104-10063-10429", "alone-short-year-review-stamp"),  # "Declassit / JFK / 6/19/93"
        ("jfk-104-10218-10077", "alone-dirty"),  # "‘ee ee . 8 November 1967-—"
        ("jfk-104-10215-10003", "alone-repaired-month"),  # "4 Hovember 1957"
    ],
)
def test_doubtful_kinds_of_date_line_have_rules_of_their_own(record_id, rule):
    assert read_all(record_id).rules["date"] == rule


def test_dirt_between_day_and_month_keeps_the_day():
    for text, want in (("18.October 1995", 18), ("5 ‘April 1978", 5)):
        found = dates.find_date(text)
        assert (found.precision, found.value.day) == ("day", want)


@pytest.mark.parametrize(
    "text, stamp",
    [
        ("GO NOV 9 1964", True),  # the FBI's received stamp: month first, capitals, no comma
        ("DEC 9 = 1963", True),
        ("FEB 151963", True),
        ("13 NOV 1964", False),
        ("MAY 10, 1963", False),
        ("May 10, 1963", False),
    ],
)
def test_the_form_date_stamps_print(text, stamp):
    assert datelines.stamp_form(text) is stamp


@needs_corpus
def test_a_date_stamp_is_not_the_documents_date():
    # "GO NOV 9 1964": the received stamp of a memo of 30 October 1964.
    assert read_all("jfk-124-90020-10051").values.get("date") != datetime.date(1964, 11, 9)


@needs_corpus
@pytest.mark.parametrize(
    "record_id, want, rule",
    [
        # State's received stamp before the typed date: "ie 6 OCT 15 9:50 October 15, 1986"
        ("state-foia-F-1986-04261-C09000024", "1986-10-15", "column"),
        # "© 1422072 ocT 86": a date-time group whose month OCR lowered
        ("state-foia-F-1986-04261-C09000020", "1986-10-14", "telegram-dtg"),
        # "23 June 1964" / MEMORANDUM FOR just under a routing sheet: the sheet ends at its
        # damaged form line (anatomy), so the memo's own date line is read as one
        ("jfk-104-10161-10284", "1964-06-23", "alone"),
    ],
)
def test_dates_state_scans_and_routing_sheets_hid(record_id, want, rule):
    result = read_all(record_id)
    assert result.values["date"].isoformat() == want
    assert result.rules["date"] == rule


@needs_corpus
@pytest.mark.parametrize(
    "record_id, want",
    [
        # "DISPATCH SYMBOL AND WUMBER y DATE / AZPA-2534 5 June 1968" under an earlier dispatch
        ("jfk-104-10057-10022", "1968-06-05"),
        # "... SYMBOL AND NUMBER / DATE / HMMA 22588 6 December 1963"
        ("jfk-104-10414-10389", "1963-12-06"),
    ],
)
def test_the_date_of_a_dispatch_forms_block(record_id, want):
    result = read_all(record_id)
    assert result.values["date"].isoformat() == want
    assert result.rules["date"] == "dispatch-form"


@needs_corpus
def test_an_fbi_report_dated_beside_its_office_of_origin():
    # "OFFICE OF ORIGIN DATE / DALLAS DALLAS 9/24/58": the REPORTING OFFICE label is lost.
    result = read_all("jfk-124-90118-10101")
    assert result.values["date"] == datetime.date(1958, 9, 24)
    assert result.rules["date"] == "fbi-origin"


def test_a_databases_update_date_is_no_date_label():
    assert datelines.inline_label("UPDATE DATE: — 02/14/2001") is None
    found = datelines.inline_label("TO : File DaTE: 5 October 1964")
    assert found.value == datetime.date(1964, 10, 5)


@needs_corpus
@pytest.mark.parametrize(
    "record_id, want",
    [
        # "SECRET / 14 August 1968 / SUBJECT: GUGAS, Chris" on a later page.
        ("jfk-104-10116-10266", "1968-08-14"),
        # "OLe 79-0113/7 / 29 January 1979 / MEMORANDUM FOR: William Sturbitts" behind comments.
        ("jfk-104-10149-10001", "1979-01-29"),
    ],
)
def test_a_date_above_the_first_memo_header_further_down(record_id, want):
    result = read_all(record_id)
    assert result.values["date"].isoformat() == want
    assert result.rules["date"] == "alone-before-memo-header"


@needs_corpus
@pytest.mark.parametrize(
    "record_id, want",
    [
        # "DATE / 1 March 1968 / TO: (Oficer designation, room number ...)"
        ("jfk-104-10418-10267", "1968-03-01"),
        # "DATE / 402 / 3-25-93 / ames / TO: (Officer designation ...)"
        ("jfk-104-10338-10005", "1993-03-25"),
    ],
)
def test_the_date_filled_in_on_a_routing_and_record_sheet(record_id, want):
    result = read_all(record_id)
    assert result.values["date"].isoformat() == want
    assert result.rules["date"] == "routing-sheet-date"


def test_only_the_first_memo_header_is_looked_above():
    # The first header has no date above it (its date sits below): a later memo's is not taken.
    text = "MEMORANDUM FOR THE RECORD\n15 June 1978\nSUBJECT: x\n\n14 May 1979\nSUBJECT: y\n"
    lines = split_lines(text)
    assert datefallbacks.before_memo_header(lines, 0, len(lines)) is None
    found, i = datefallbacks.before_memo_header(lines[4:], 0, len(lines) - 4)
    assert found.value == datetime.date(1979, 5, 14)


@needs_corpus
@pytest.mark.parametrize(
    "record_id, want",
    [
        # "24 / June 1976 / MEMORANDUM FOR THE RECORD"
        ("jfk-104-10096-10193", "1976-06-24"),
        # "19 / February 1963"
        ("jfk-124-10217-10489", "1963-02-19"),
    ],
)
def test_a_day_ocr_put_on_the_line_above_its_month(record_id, want):
    result = read_all(record_id)
    assert result.values["date"].isoformat() == want
    assert result.rules["date"] == "alone-split-day"


@needs_corpus
def test_a_forms_date_blank_filled_in_on_the_line():
    # "#219000 DATE___2 August 1960"
    result = read_all("jfk-104-10113-10322")
    assert result.values["date"] == datetime.date(1960, 8, 2)
    assert result.rules["date"] == "inline-label-blank"


def test_a_date_blank_read_past_its_underscores():
    found = datelines.inline_label("DATE __2 December 1963")
    assert found.value == datetime.date(1963, 12, 2)


@needs_corpus
@pytest.mark.parametrize(
    "record_id, want",
    [("jfk-104-10331-10315", "1995-07-27"), ("jfk-104-10163-10146", "1961-07-17")],
)
def test_july_with_its_j_read_as_d(record_id, want):
    # "27 duly 1995", "17 duly 1961"
    result = read_all(record_id)
    assert result.values["date"].isoformat() == want
    assert result.rules["date"] == "alone-repaired-month"


def test_a_four_letter_word_is_no_damaged_month_unless_june_or_july():
    assert datelines.loose("17 duly 1961").value == datetime.date(1961, 7, 17)
    assert datelines.loose("4 Tune 1961").value == datetime.date(1961, 6, 4)
    assert datelines.loose("17 dull 1961") is None


@needs_corpus
@pytest.mark.parametrize(
    "record_id, want",
    [
        ("jfk-144-10001-10164", "1978-11-14"),  # "NOV 1 4 1978" under a letterhead
        ("jfk-124-10213-10141", "1962-02-16"),  # "FEB 1 6 1962"
    ],
)
def test_a_two_digit_day_ocr_split_in_two(record_id, want):
    result = read_all(record_id)
    assert result.values["date"].isoformat() == want
    assert result.rules["date"] == "split-day"


def test_a_split_day_needs_a_month_word():
    lines = split_lines("Marine 1 4 1962\nRoom 2 1 1962\n")
    assert datefallbacks.split_day(lines, 0, len(lines)) is None


@needs_corpus
@pytest.mark.parametrize(
    "record_id, want",
    [
        ("jfk-104-10177-10077", "1962-11-28"),  # "28 Rovenber 1962"
        ("jfk-104-10250-10064", "1968-02-06"),  # "6 Fevruery 1968"
        ("jfk-104-10233-10021", "1962-02-23"),  # "23 Febmary 1962"
    ],
)
def test_a_long_month_name_with_two_letters_damaged(record_id, want):
    result = read_all(record_id)
    assert result.values["date"].isoformat() == want
    assert result.rules["date"] == "alone-repaired-month2"


def test_only_a_long_word_near_one_month_stretches_two_letters():
    assert datelines.loose("28 Rovenber 1962").value == datetime.date(1962, 11, 28)
    assert datelines.month_edits("Rovenber") == 2
    assert datelines.month_edits("Hovember") == 1
    assert datelines.loose("4 Junk 1962") is None  # a short word: one letter at most
    assert datelines.loose("4 Novelist 1962") is None  # a long word, but far from any month


@needs_corpus
@pytest.mark.parametrize(
    "record_id, want, rule",
    [
        # The Army's forms read label column first: DATE paired with the form's print date
        # ("05/08/98"), the document's "06/21/68" the first date among the values.
        ("jfk-form-194-10011-10040", "1968-06-21", "form-first-value"),
        ("jfk-form-194-10012-10002", "1957-12-18", "form-first-value"),
        # A record of the Review Board's own years, its form read in order: its DATE stands.
        ("jfk-form-104-10326-10014", "1998-02-25", "form"),
    ],
)
def test_a_forms_date_from_the_review_years_misread_from_its_columns(record_id, want, rule):
    result = read_all(record_id)
    assert result.values["date"].isoformat() == want
    assert result.rules["date"] == rule
