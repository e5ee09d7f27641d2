"""archive.ingest.datelate: a date typed alone at the head of a memo whose year OCR cut short
or damaged, its year read from the document's own dates, on real corpus texts of the tuning
part (read from ../shared/corpus at test time; skipped when the corpus is absent), and what it
must not take."""

import pytest
from test_extract import needs_corpus
from test_extract_anatomy import dated, record

from archive.ingest import datelate
from archive.ingest.patterns import split_lines

pytestmark = pytest.mark.pure  # extraction is pure Python: no search index


@needs_corpus
def test_a_head_date_whose_year_ocr_lost_takes_the_one_year_its_dates_give():
    # "29 MAR Ew" above "MEMORANDUM FOR : Director": the year is dirt; the memo's dates give 1968.
    assert dated("jfk-104-10120-10492") == ("1968-03-29", "head-date-partial-year")


@needs_corpus
@pytest.mark.parametrize(
    "record_id",
    [
        "jfk-104-10005-10016",  # "29 July 196)": the memo writes no other date
        "jfk-104-10179-10171",  # "20 September 19": no other date either
        "jfk-104-10079-10111",  # "6 MAR 1079": its one other year (1954) is not one digit away
    ],
)
def test_a_partial_year_no_date_of_the_document_confirms_is_not_guessed(record_id):
    lines = split_lines(record(record_id)["text"])
    assert datelate.partial_year(lines, 0, len(lines)) is None


def _lines(*texts: str):
    return split_lines("\n".join(texts))


def test_the_year_left_must_fit_one_year_only():
    head = ("29 July 196)", "", "MEMORANDUM FOR THE RECORD", "1. Met him on 3 June 1964.")
    found, i = datelate.partial_year(_lines(*head), 0, 4)
    assert (found.value.isoformat(), i) == ("1964-07-29", 0)
    two = (*head, "2. And again on 4 May 1965.")
    assert datelate.partial_year(_lines(*two), 0, 5) is None
    other = ("29 July 196)", "1. Born on 3 June 1932.")
    assert datelate.partial_year(_lines(*other), 0, 2) is None


def test_a_whole_year_is_left_to_the_other_readers():
    text = ("29 July 1964", "1. Met him on 3 June 1964.")
    assert datelate.partial_year(_lines(*text), 0, 2) is None
