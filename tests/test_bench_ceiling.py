"""bench/ceiling.py: whether a text writes a catalogue's date, in the forms memos use."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from ceiling import Ceiling, writes_date  # noqa: E402

pytestmark = pytest.mark.pure


@pytest.mark.parametrize(
    "text",
    [
        "Dallas, Texas\n31 January 1962\nMEMORANDUM FOR",
        "DATE: 31 JAN 62",
        "January 31, 1962",
        "Jan. 31st, 1962",
        "Re Dallas airtel 1/31/62.",
        "dated 01-31-1962",
        "1962-01-31",
        "O 311542Z JAN 62",
        "31 Jan '62",
    ],
)
def test_the_common_forms_of_a_day_are_found(text):
    assert writes_date(text, "1962-01-31") is True


@pytest.mark.parametrize(
    "text",
    [
        "13 January 1962",  # another day
        "31 January 1963",  # another year
        "131 January 1962",  # the day inside a longer number
        "1/31/621",  # the year inside a longer number
        "3l Jan 62",  # OCR damage is not repaired
        "January 1962",  # no day
    ],
)
def test_other_days_and_damaged_dates_are_not(text):
    assert writes_date(text, "1962-01-31") is False


def test_september_written_sept_and_a_date_not_to_the_day():
    assert writes_date("Sept. 3, 1962", "1962-09-03") is True
    assert writes_date("September 1962", "1962-09") is None


def test_the_table_counts_records_written_and_read():
    ceiling = Ceiling()
    ceiling.add("tuning", "jfk-fbi", "Airtel 1/31/62", "1962-01-31", right=True)
    ceiling.add("tuning", "jfk-fbi", "page 3 of a report", "1962-02-01", right=False)
    ceiling.add("tuning", "jfk-cia", "no day", "1962-02", right=False)
    rows = {row[0]: row[1:] for row in ceiling.rows("tuning")}
    assert rows["all"] == [2, "1 (50%)", "1 (50%)", "1 (100%)"]
    assert set(rows) == {"all", "jfk-fbi"}
