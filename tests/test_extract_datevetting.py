"""archive.ingest.datechecks: a date that ends a sentence a blank line broke is an event the text
reports, not the document's date: left as a suggestion below the floor (work-half tuning records).
Pure Python."""

import pytest
from test_extract import needs_corpus
from test_extract_anatomy import read, read_all

from archive.ingest import calibration

pytestmark = pytest.mark.pure  # extraction is pure Python: no search index


@needs_corpus
def test_a_date_ending_a_broken_sentence_is_only_a_suggestion():
    """A cable's "... DEPART O/A/ / (blank) / 4 JUNE 1978": the trip's date, not the cable's."""
    result = read_all("jfk-104-10065-10132")
    assert result.rules["date"] == "alone-in-sentence"
    assert result.confidence["date"] < calibration.FLOOR
    assert "date" not in read("jfk-104-10065-10132").values
