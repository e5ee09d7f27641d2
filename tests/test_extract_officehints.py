"""archive.ingest.officehints: the CIA office a memorandum's distribution list names by the
chrono copy it keeps for the writing office ("1 - CI/R&A/chrono", "1 - OLC/Chrono"). Real
corpus texts of the work half of the tuning part, read from ../shared/corpus at test time."""

import pytest
from test_extract import needs_corpus
from test_extract_officecues import office

pytestmark = pytest.mark.pure  # extraction is pure Python: no search index


@needs_corpus
@pytest.mark.parametrize(
    "record_id, want",
    [
        # A memorandum for the record with no sender line; "1- CI/R&A/chrono" closes its list.
        ("jfk-104-10276-10441", "Counterintelligence Staff"),
        # An aide-memoire whose signer is lost to OCR; "1 - OLC/Chrono" under "OLC/Subject".
        ("jfk-104-10127-10287", "Office of Legislative Counsel"),
    ],
)
def test_the_chrono_copy_names_the_writing_office(record_id, want):
    assert office(record_id) == (want, "chrono-copy")


@needs_corpus
def test_an_office_read_before_is_kept():
    # "1 - LA/COG/Chrono" agrees with the sender's unit, which is read first.
    assert office("jfk-104-10147-10129") == ("Latin America Division", "sender")
