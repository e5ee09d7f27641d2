"""archive.ingest.dategaps: a date OCR put on the line below its DATE label, read when nothing
else dated the document, on real corpus texts of the tuning part (work half; read from
../shared/corpus at test time, skipped when the corpus is absent), and what it must not take."""

import pytest
from test_extract import needs_corpus
from test_extract_anatomy import dated, record

from archive.ingest import dategaps
from archive.ingest.patterns import split_lines

pytestmark = pytest.mark.pure  # extraction is pure Python: no search index


@needs_corpus
def test_a_signature_blocks_date_below_its_label_dates_an_undated_questionnaire():
    # "Signed: ... / Dated: / 10 July 1972" on the outline's last page; no other own date.
    # (datechecks marks a date after "Dated" apart: "-referenced")
    value, rule = dated("jfk-104-10110-10306")
    assert value == "1972-07-10" and rule.startswith("label-below-date")


@needs_corpus
@pytest.mark.parametrize(
    ("record_id", "expected"),
    [
        ("jfk-104-10064-10003", "1970-07-10"),  # CIA memo: "DATE" / "10 July 1970"
        ("jfk-124-10282-10271", "1963-07-19"),  # FBI: "Date:" / "7/19/63"
    ],
)
def test_the_label_reads_its_value_from_the_next_line(record_id, expected):
    lines = split_lines(record(record_id)["text"])
    found, _ = dategaps.label_below(lines, 0, len(lines))
    assert found.value.isoformat() == expected


def _lines(*texts: str):
    return split_lines("\n".join(texts))


def test_only_a_label_alone_and_a_date_right_below_it_count():
    assert dategaps.label_below(_lines("Date:", "", "3 June 1964"), 0, 3)[1] == 2
    # a label with its value on the same line is the other readers' affair
    assert dategaps.label_below(_lines("Date: 3 June 1964"), 0, 1) is None
    # a box read column by column: the label's next line is the extension, not a date
    assert dategaps.label_below(_lines("DATE", "402", "3-25-63"), 0, 3) is None
    # a sentence under the label is not its value
    text = ("Dated:", "We met him on 3 June 1964 at the office.")
    assert dategaps.label_below(_lines(*text), 0, 2) is None
