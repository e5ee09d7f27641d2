"""archive.ingest.datechecks: the second look at a document's date, on real corpus texts of the
tuning part: days and years OCR misread, dates a reference cites or a sentence ends with, a
declassification stamp's date, each under a rule of its own. Pure Python."""

import datetime
from types import SimpleNamespace

import pytest
from test_extract import needs_corpus
from test_extract_anatomy import read_all, record

from archive.ingest import datechecks
from archive.ingest.patterns import split_lines

pytestmark = pytest.mark.pure  # extraction is pure Python: no search index


@needs_corpus
@pytest.mark.parametrize(
    "record_id, want, rule",
    [
        # "‘Po (]8 Sept 75) :": a 1 read as a bracket.
        ("jfk-104-10051-10173", "1975-09-18", "alone-short-year-day-repaired"),
        # "$1 JAN 1961": a 3 read as a dollar sign (51 January cannot be).
        ("jfk-124-90138-10058", "1961-01-31", "alone-day-repaired"),
        # "2h December 1959": a 4 read as h (read before as the month alone).
        ("jfk-104-10112-10450", "1959-12-24", "alone-month-day-repaired"),
    ],
)
def test_a_day_ocr_damaged_at_one_digit_is_repaired(record_id, want, rule):
    result = read_all(record_id)
    assert result.values["date"].isoformat() == want
    assert result.values["date_precision"] == "day"
    assert result.rules["date"] == rule


@needs_corpus
def test_a_day_whose_digit_is_lost_is_doubtful():
    # "2? Nov 63": no day can be read; the reading falls below the floor.
    result = read_all("jfk-144-10001-10086")
    assert result.rules["date"] == "alone-short-year-damaged-day"
    assert result.confidence["date"] < 0.4


@needs_corpus
@pytest.mark.parametrize(
    "record_id, want, rule",
    [
        # "DATE DISTR. 24 SEPTEMBER 1953" above "DATE OF INFO. SEPTEMBER 1963" and a 1963 date.
        ("jfk-176-10036-10145", "1963-09-24", "info-report-year-later"),
        # "DATE: 12 February 1953", the memo's other dates of 1958.
        ("jfk-104-10123-10306", "1958-02-12", "label-year-later"),
        # "23 APR 1963" under a routing slip's "23 ApriL.1968" (a Garrison inquiry of 1968).
        ("jfk-104-10104-10339", "1968-04-23", "alone-year-later"),
    ],
)
def test_a_year_misread_earlier_than_the_documents_own_is_repaired(record_id, want, rule):
    result = read_all(record_id)
    assert result.values["date"].isoformat() == want
    assert result.rules["date"] == rule


@needs_corpus
@pytest.mark.parametrize(
    "record_id, want, rule",
    [
        # A later year written once, or the next year: the memo cites them, its date stands.
        ("jfk-124-10197-10145", "1962", "label"),
        ("jfk-104-10143-10060", "1976", "alone"),
    ],
)
def test_a_later_year_written_once_leaves_the_date_alone(record_id, want, rule):
    result = read_all(record_id)
    assert str(result.values["date"].year) == want
    assert result.rules["date"] == rule


@needs_corpus
@pytest.mark.parametrize(
    "record_id, rule",
    [
        # "REFERENCE: Your. Memorandus, Dated / 16 June 1964 crm"
        ("jfk-104-10215-10141", "alone-dirty-referenced"),
        # "REFERENCES: A. HSCA Letter (OLC 78-0588) dated / 14 February 1978"
        ("jfk-104-10059-10139", "column-referenced"),
        # "REFERENCES : A. Memo Dated ... C. Acknowledgement and Release Form / Dated 12 July 1973"
        ("jfk-104-10106-10077", "inline-label-referenced"),
        # "... receipt of a similar anonymous telephone call on / (blank) / 15 October 1962."
        ("jfk-104-10003-10127", "alone-in-sentence"),
        # A cable's "... ARRIVE MEXICO CITY ON 30 MAY 1978 AND DEPART O/A/ / (blank) / 4 JUNE 1978"
        ("jfk-104-10065-10132", "alone-in-sentence"),
    ],
)
def test_a_cited_date_is_measured_apart(record_id, rule):
    result = read_all(record_id)
    assert result.rules["date"] == rule
    assert result.confidence["date"] <= 0.5


@needs_corpus
@pytest.mark.parametrize(
    "record_id",
    [
        "jfk-124-10291-10040",  # "DECLASSINED BY 5668 SLD /KS / ... / ON / 2-26-94."
        "jfk-104-10063-10429",  # "Declassit ass / JFK / 6/19/93"
    ],
)
def test_a_declassification_stamps_date_is_doubtful(record_id):
    result = read_all(record_id)
    assert result.rules["date"] == "alone-short-year-review-stamp"
    assert result.confidence["date"] < 0.4


@needs_corpus
def test_a_clean_date_is_left_as_it_was():
    # "March 20, 1970" under a "Date:" label: no damaged digit, no citation, no stamp.
    result = read_all("jfk-124-10296-10130")
    assert result.values["date"] == datetime.date(1970, 3, 20)
    assert result.rules["date"] == "alone"


@needs_corpus
@pytest.mark.parametrize(
    "record_id, rule",
    [
        # "0 3 MAR 1977 / BUT USE PREVIOUS / ENTIONS": the routing sheet's date; the memo of
        # 28 February 1977 follows it.
        ("jfk-104-10107-10009", "alone-routing-sheet"),
        # "5 December 1972 / COMMENTS (Number each comment ...": a routing officer's date.
        ("jfk-104-10124-10199", "alone-contested-routing-sheet"),
    ],
)
def test_a_routing_sheets_date_is_measured_apart(record_id, rule):
    result = read_all(record_id)
    assert result.rules["date"] == rule
    assert result.confidence["date"] <= 0.55


@needs_corpus
def test_an_fbi_reports_date_before_its_period_is_doubtful():
    # "BALTIMORE NEW YORK 1/22/64 12/16/63 to 7/13/64": a report is not written before the
    # period it covers ends (a 7 read as 1).
    # The date box is then repaired from the period's end (fbistatedates.py): here the doubt.
    row = record("jfk-124-10208-10407")["text"].splitlines()
    lines = split_lines(next(t for t in row if "1/22/64" in t))
    hit = datechecks._before_period(
        SimpleNamespace(lines=lines), 0, "1/22/64", datetime.date(1964, 1, 22), "fbi-report"
    )
    assert hit[1] == "-before-period"
    assert hit[2] < 0.4


@needs_corpus
def test_an_fbi_reports_date_after_its_period_stands():
    # "PITTSBURGH PITTSBURGH 6/4/63 1/7/63 - 5/29/63"
    result = read_all("jfk-124-10200-10443")
    assert result.values["date"] == datetime.date(1963, 6, 4)
    assert result.rules["date"] == "fbi-report"
