"""archive.ingest.datefinds: dates the other readers did not find (an FBI report form's DATE box
in words, a cable's date-time group within its form's span, a memo's top date whose year OCR
made impossible), each on real corpus texts of the tuning part (read from ../shared/corpus at
test time; skipped when the corpus is absent), and what each must not take."""

import datetime

import pytest
from test_extract import needs_corpus
from test_extract_anatomy import read_all

from archive.ingest import datefinds
from archive.ingest.patterns import split_lines

pytestmark = pytest.mark.pure  # extraction is pure Python: no search index


def _date(record_id: str) -> tuple[str | None, str | None]:
    result = read_all(record_id)
    value = result.values.get("date")
    return (value.isoformat() if value else None), result.rules.get("date")


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
    assert _date(record_id) == (want, "fbi-report-date-box")


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
    assert _date(record_id) == ("1963-10-30", "dtg-day-in-span")


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
    assert _date("jfk-104-10069-10077") == ("1962-11-27", "alone-era-year")


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
