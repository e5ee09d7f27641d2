"""archive.ingest.fbistatedates: FBI and State documents' dates read from their forms' own
conventions (an FBI report's date box beside its investigative period), on real corpus texts of
the tuning part's work half (read from ../shared/corpus at test time; skipped when the corpus
is absent), and what the rules must not take."""

import sys
from pathlib import Path

import pytest
from test_extract import needs_corpus
from test_extract_anatomy import dated, record

from archive.ingest import fbistatedates
from archive.ingest.patterns import split_lines

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from scoring import WORK, half  # noqa: E402

pytestmark = pytest.mark.pure  # extraction is pure Python: no search index


def _date(record_id: str) -> tuple[str | None, str | None]:
    assert half(record_id) == WORK, f"{record_id}: tests use the work half"
    return dated(record_id)


def _box(record_id: str):
    assert half(record_id) == WORK, f"{record_id}: tests use the work half"
    found = fbistatedates.report_box(split_lines(record(record_id)["text"]))
    return found and (found[0].isoformat(), found[2])


@needs_corpus
@pytest.mark.parametrize(
    ("record_id", "want"),
    [
        # "PITTSBURGH 8/3/66 4 5/1l_- 7/29/64": a 4 read as 6; the cover page, its printed
        # "Dissemination Record of Attached Report" taken for a routing sheet, outranks the
        # "Date: 7/30/64" of a later page.
        ("jfk-124-90103-10052", "1964-08-03"),
        # "BALTIMORE NEW YORK 1/22/64 12/16/63 to 7/13/64": a 7 read as 1.
        ("jfk-124-10208-10407", "1964-07-22"),
        # "efi8/59 | 10/3/58 - 2/18/59": the month lost, day and year left.
        ("jfk-124-90118-10105", "1959-02-18"),
    ],
)
def test_a_damaged_report_date_box_is_repaired_from_the_period_it_follows(record_id, want):
    assert _date(record_id) == (want, "fbi-report-box-repaired")


@needs_corpus
@pytest.mark.parametrize(
    ("record_id", "want"),
    [
        ("jfk-124-10209-10469", "1966-09-14"),  # "BOSTON BOSTON 9/14/66 7/26 ~ 9/2/66_"
        ("jfk-124-90096-10294", "1959-03-06"),  # "BOSTON MIAMI 3/6/59 9/10/58 - 2/27/59"
        ("jfk-124-90096-10171", "1961-07-06"),  # "NEW YORK MIAMI 7/6/61 4 /24-6/21/61"
    ],
)
def test_a_sound_date_box_is_confirmed_and_the_report_grammar_keeps_it(record_id, want):
    assert _box(record_id) == (want, "fbi-report-box")
    assert _date(record_id) == (want, "fbi-report")


@needs_corpus
def test_a_period_whose_end_precedes_its_start_repairs_nothing():
    # "11/1/60-1/24/51": the period's end is itself misread; the box is left to the others.
    assert _box("jfk-124-90104-10217") is None
    assert _date("jfk-124-90104-10217") == ("1961-01-26", "fbi-report-date-box")


def _lines(*texts: str):
    return split_lines("\n".join(texts))


def test_the_repair_takes_the_nearest_date_after_the_period_one_digit_away():
    head = "REPORTING OFFICE OFFICE OF ORIGIN DATE INVESTIGATIVE PERIOD"
    found = fbistatedates.report_box(_lines(head, "DALLAS DALLAS 1/22/64 5/1 - 7/13/64"))
    assert (found[0].isoformat(), found[2]) == ("1964-07-22", "fbi-report-box-repaired")
    # Nothing one digit away falls in the two months after the period: no repair.
    assert fbistatedates.report_box(_lines(head, "DALLAS DALLAS 3/22/62 5/1 - 7/13/64")) is None


def test_a_box_row_without_a_period_or_below_the_references_is_not_read():
    head = "REPORTING OFFICE OFFICE OF ORIGIN DATE INVESTIGATIVE PERIOD"
    assert fbistatedates.report_box(_lines(head, "DALLAS DALLAS 7/22/64")) is None
    below = ("Investigative Period", "REFERENCE: Report of SA X, 1/2/64 - 3/4/64.")
    assert fbistatedates.report_box(_lines(*below)) is None
