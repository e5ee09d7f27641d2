"""archive.ingest.formparties: the identification form's FROM and TO where the document's own
header reading of the party is OCR debris, on real corpus texts of the tuning part read from
../shared/corpus at test time."""

import pytest
from test_extract import needs_corpus
from test_extract_anatomy import reading

pytestmark = pytest.mark.pure  # extraction is pure Python: no search index


@needs_corpus
@pytest.mark.parametrize(
    "record_id, field, value",
    [
        # Header "FROM: SAC, DALLAS, (94~55A~SUB)" garbled; the form's "FROM: SAC, DL".
        ("jfk-form-124-10212-10030", "sender", "SAC, DL"),
        # Header TO read as "eh 1213 4B ort eg w fe"; the form's "TO: HQ".
        ("jfk-form-124-90137-10055", "recipient", "HQ"),
    ],
)
def test_form_party_over_a_garbled_header_reading(record_id, field, value):
    assert reading(record_id, field) == (value, "form-over-garbled")


@needs_corpus
def test_clean_header_reading_keeps_its_place():
    # "FROM: M. L. Latta" / "Plans and Review Group" reads cleanly: the document's own wording
    # stays before the form's "M.L. LATTA, PLANS AND REVIEW GROUP, CENTRAL COVER STAFF".
    assert reading("jfk-form-104-10061-10218", "sender")[1] == "label"
