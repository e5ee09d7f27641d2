"""archive.ingest.datefinds: dates the other readers did not find (an FBI report form's DATE box
in words, a cable's date-time group within its form's span, a memo's top date whose year OCR
made impossible), each on real corpus texts of the tuning part (read from ../shared/corpus at
test time; skipped when the corpus is absent), and what each must not take."""

import datetime

import pytest
from test_extract import needs_corpus
from test_extract_anatomy import dated, read_all

from archive.ingest import datefinds
from archive.ingest.patterns import split_lines

pytestmark = pytest.mark.pure  # extraction is pure Python: no search index


@needs_corpus
@pytest.mark.parametrize(
    "record_id, want",
    [
        # "Date / OCT 8 / 1059": the year on the line below, damaged; the box's "59" is a
        # year the report's own dates give (period "7/29-10/5/59").
        ("jfk-124-90104-10174", "1959-10-08"),
        # "Date / JAN 26:061": the period's end is misread "1/24/51"; "61" is the report's year.
        ("jfk-124-90104-10217", "1961-01-26"),
        # "DATE / DEC 2 8 108%": day split, year lost: the latest of its dates (12/19/67).
        ("jfk-124-90096-10275", "1967-12-28"),
    ],
)
def test_an_fbi_report_forms_date_box_in_words(record_id, want):
    assert dated(record_id) == (want, "fbi-report-date-box")


def test_a_date_box_without_the_reports_dates_gives_nothing():
    # No date typed in the report to give the year: no guess.
    text = "FD-263\nREPORTING OFFICE\nDate\nOCT 8\n1059\nINVESTIGATIVE PERIOD\n"
    lines = split_lines(text)
    assert datefinds.report_box(lines, 0, len(lines)) is None


def test_a_date_box_month_before_the_reports_latest_date_is_refused():
    # "MAR 3" cannot date a report whose investigation ran to 10/5/59, and no year is legible.
    text = "REPORTING OFFICE\nDate\nMAR 3\nInvestigative Period\n7/29-10/5/59\n"
    lines = split_lines(text)
    assert datefinds.report_box(lines, 0, len(lines)) is None


def test_a_date_box_needs_the_report_form():
    text = "Date\nOCT 8 1959\nOn 10/5/59 the subject was seen.\n"
    lines = split_lines(text)
    assert datefinds.report_box(lines, 0, len(lines)) is None


@needs_corpus
@pytest.mark.parametrize(
    "record_id",
    [
        # "COMMENTS : ... Vietnam, 10/29/63-10/31/63" and "DTG 3010392" (Z read as 2).
        "jfk-form-176-10036-10168",
        # "LODGESTG 30/10302": the label run into the sender's name.
        "jfk-form-176-10036-10174",
    ],
)
def test_a_cables_dtg_day_within_its_forms_span(record_id):
    assert dated(record_id) == ("1963-10-30", "dtg-day-in-span")


def test_a_dtg_day_outside_the_span_gives_nothing():
    text = "COMMENTS : Box 2, 10/29/63-10/31/63, State\nFROM SAIGON DTG 0510392\n"
    lines = split_lines(text)
    assert datefinds.dtg_in_range(lines, 0, len(lines)) is None
    # A span of two months could name the day twice: not read.
    text = "COMMENTS : Box 2, 9/20/63-11/10/63, State\nFROM SAIGON DTG 3010392\n"
    lines = split_lines(text)
    assert datefinds.dtg_in_range(lines, 0, len(lines)) is None


@needs_corpus
def test_a_memos_top_date_with_an_impossible_year():
    # "27 November 1902" above "Subject:'", the memo citing "20 Nov 62".
    assert dated("jfk-104-10069-10077") == ("1962-11-27", "alone-era-year")


def test_an_impossible_year_needs_exactly_one_near_year():
    text = "31 May 1912\nMEMORANDUM FOR THE RECORD\nSUBJECT: x\n"
    lines = split_lines(text)
    assert datefinds.era_year(lines, 0, len(lines)) is None  # no other date: no guess
    two = text + "On 3 May 1942 and on 4 May 1972 he wrote.\n"
    lines = split_lines(two)
    assert datefinds.era_year(lines, 0, len(lines)) is None  # 1942 or 1972: unsure
    one = text + "On 4 May 1972 he wrote.\n"
    lines = split_lines(one)
    found, i = datefinds.era_year(lines, 0, len(lines))
    assert (found.value, i) == (datetime.date(1972, 5, 31), 0)


@needs_corpus
def test_a_memcons_date_time_label_split_by_ocr():
    # "DATE, TIME, September 25, 1994, 4:35-5:10 p.m., / and PLACE: Waldorf-Astoria Hotel"
    assert dated("clinton-izetbegovic-1994-09-25") == ("1994-09-25", "memcon-date-time")


def test_a_date_time_label_needs_the_date_first():
    lines = split_lines("DATE, TIME, and the place of the meeting of 25 September 1994\n")
    assert datefinds.date_time_label(lines, 0, len(lines)) is None


@needs_corpus
def test_a_teletypes_date_with_a_letter_for_a_digit():
    # "A URGENT h-17-62": h read for 4.
    assert dated("jfk-124-10219-10082") == ("1962-04-17", "teletype-repaired")


def test_a_clean_or_impossible_teletype_date_is_not_repaired_here():
    lines = split_lines("URGENT 4-17-62\n")  # the teletype rule's own: nothing to repair
    assert datefinds.teletype_repaired(lines, 0, len(lines)) is None
    lines = split_lines("URGENT h-47-62\n")
    assert datefinds.teletype_repaired(lines, 0, len(lines)) is None


@needs_corpus
def test_an_agent_reports_row_of_boxes():
    # "1+ NAME OF SUBJECT OR TITLE OF INCIDENT 2» DATE SUBMITTED. / SLOBODA, ... 16 November 1960"
    assert dated("jfk-194-10010-10396") == ("1960-11-16", "form-row-date")


def test_a_row_date_must_end_the_row_of_values():
    text = "1. NAME OF SUBJECT OR TITLE OF INCIDENT 2. DATE SUBMITTED\nDOB 7 January 1927, Kiev\n"
    lines = split_lines(text)
    assert datefinds.form_row(lines, 0, len(lines)) is None


@needs_corpus
def test_an_fbi_addressee_lines_date():
    # "sac,” New York (100-42479) i: 3/10/66": the Date label lost to OCR.
    assert dated("jfk-124-10282-10361") == ("1966-03-10", "fbi-address-line")


@needs_corpus
def test_an_fbi_addressee_lines_year_the_memo_does_not_give_is_not_taken():
    # "TO: LEGAT, MEXICO CTYZ (105-3702) — pare: 3/2/61": the memo is of 1964, the year misread.
    assert read_all("jfk-124-10233-10434").rules.get("date") != "fbi-address-line"


@needs_corpus
def test_a_memos_date_box_between_from_and_subject():
    # "FROM = fie fuextco crry (105- 865 / any / 10/8/70 _iz}.4 / ... / SUBJECT: ..."
    assert dated("jfk-124-10297-10156") == ("1970-10-08", "memo-slot-date")


def test_a_slot_date_needs_the_memos_year_and_no_words_after_it():
    text = "FROM : SAC, Dallas\n10/8/70 received\nSUBJECT: X\nOn 9/17/70 he came.\n"
    lines = split_lines(text)
    assert datefinds.memo_slot(lines, 0, len(lines)) is None
    text = "FROM : SAC, Dallas\n10/8/70\nSUBJECT: X\nOn 9/17/71 he came.\n"
    lines = split_lines(text)
    assert datefinds.memo_slot(lines, 0, len(lines)) is None
    lines = split_lines(text.replace("9/17/71", "9/17/70"))
    found, i = datefinds.memo_slot(lines, 0, len(lines))
    assert (found.value, i) == (datetime.date(1970, 10, 8), 1)


@needs_corpus
@pytest.mark.parametrize(
    "record_id, want",
    [
        # Behind the cover pages: "Report of: / Date: / WILLIAM A. HAMILTON / March 26, 1962".
        ("jfk-124-90096-10215", "1962-03-26"),
        # "Report of: JACK LOUIS MARSHALL Office: Miami, Florida / iad FEB 151963".
        ("jfk-124-90096-10119", "1963-02-15"),
    ],
)
def test_the_date_under_an_fbi_reports_report_of_line(record_id, want):
    assert dated(record_id) == (want, "fbi-report-of-date")


def test_a_report_of_line_needs_a_date_below_it():
    text = "Report of: SA JOHN DOE Office: Dallas, Texas\nTitle: X\nSynopsis: On 3/2/62 he came.\n"
    lines = split_lines(text)
    assert datefinds.report_of(lines, 0, len(lines)) is None


@needs_corpus
def test_a_white_house_memos_date_with_a_readers_marks_beside_it():
    # "THE WHITE HOUSE / WASHINGTON Boe / August 5, 1995 QS aue§. als yd"
    assert dated("clinton-dayton-1995-08-05-lake-balkan-strategy") == (
        "1995-08-05",
        "letterhead-date-annotated",
    )


def test_a_date_under_the_letterhead_must_open_its_line_and_have_no_words_after():
    lines = split_lines("THE WHITE HOUSE\nWASHINGTON\nAugust 5, 1995 meeting notes\n")
    assert datefinds.under_letterhead(lines, 0, len(lines)) is None
    lines = split_lines("THE WHITE HOUSE\nWASHINGTON\nMet on August 5, 1995\n")
    assert datefinds.under_letterhead(lines, 0, len(lines)) is None


@needs_corpus
def test_a_date_labels_year_with_a_stray_mark_run_into_it():
    # An Army summary of information: "Date: 11 January. 19541".
    assert dated("jfk-124-90029-10016") == ("1954-01-11", "label-year-dirt")


def test_a_five_digit_year_is_not_trimmed_without_the_label():
    lines = split_lines("11 January 19541\nDated: 11 January 19541 and more\n")
    assert datefinds.dirty_year(lines, 0, len(lines)) is None
