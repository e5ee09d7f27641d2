"""archive.ingest.titlelines: a SUBJECT caption read past the OCR debris at its line's end,
on real corpus texts of the tuning part's work half (bench/scoring.py `half`), read from
../shared/corpus at test time. Pure Python."""

import pytest
from test_extract import needs_corpus
from test_extract_anatomy import work_title

from archive.ingest import titlelines

pytestmark = pytest.mark.pure  # extraction is pure Python: no search index


@needs_corpus
@pytest.mark.parametrize(
    ("record_id", "caption"),
    [
        # A dispatch's subject box: SUBJECT / (the sender's office) / RYBAT MICHAOS /
        # "Venceremos Brigade (VBSt": the title was composed from the parties.
        ("jfk-104-10064-10003", "Venceremos Brigade"),
        # SUBJECT RBAT MHCHAOS / ACTION REQUIRED - REFERENCES / "Black power and student
        # Unrest kn't": the slug alone was the title.
        ("jfk-104-10063-10005", "Black power and student Unrest"),
        # An information report's "SUBJECT: UE" over "FOR AGITATIONAL ACTIVITIES IN GUERRERO
        # Abe x KE oy": the caption under a label whose own value is debris.
        ("jfk-form-124-10279-10020", "FOR AGITATIONAL ACTIVITIES IN GUERRERO"),
    ],
)
def test_caption_read_past_a_debris_tail(record_id, caption):
    value, rule = work_title(record_id)
    assert rule == "caption-tail-trimmed"
    assert value.startswith(caption)


def test_tail_trimmed_cuts_debris_only():
    assert titlelines.tail_trimmed("Venceremos Brigade (VBSt") == "Venceremos Brigade"
    assert titlelines.tail_trimmed("Black power and student Unrest kn't") == (
        "Black power and student Unrest"
    )
    # A line that reads cleanly is left as it is; so is one that would keep one word.
    assert titlelines.tail_trimmed("Project HARPSTAR") == "Project HARPSTAR"
    assert titlelines.tail_trimmed("Brigade (VBSt") == "Brigade (VBSt"


@needs_corpus
@pytest.mark.parametrize(
    "record_id",
    [
        "jfk-104-10218-10040",  # a dispatch whose subject box was read: left as it was
        "jfk-104-10122-10346",  # a dispatch's SUBJECT line read cleanly: left as it was
    ],
)
def test_a_caption_read_is_left_alone(record_id):
    _value, rule = work_title(record_id)
    assert rule != "caption-tail-trimmed"
