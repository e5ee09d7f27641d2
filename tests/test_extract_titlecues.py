"""archive.ingest.titlecues: a CIA information report's SUBJECT box as the title, where the
title was composed (and captions' journal heading on a later page), on real corpus texts of
the tuning part's work half (bench/scoring.py `half`), read from ../shared/corpus at test
time. Pure Python."""

import pytest
from test_extract import needs_corpus
from test_extract_anatomy import work_title

from archive.ingest import titlecues
from archive.ingest.patterns import Line, split_lines

pytestmark = pytest.mark.pure  # extraction is pure Python: no search index


@needs_corpus
def test_garbled_subject_box_behind_a_form():
    # FBI's form (no TITLE) over an Intelligence Information Cable: COUNTRY / DOI /
    # "SUBYECT SATUS OF NEGOTIATIONS FOR RE-ESTABLISHMENT": the title was composed.
    value, rule = work_title("jfk-form-124-10217-10400")
    assert rule == "info-report-subject"
    assert value.startswith("SATUS OF NEGOTIATIONS FOR RE-ESTABLISHMENT")


def _lines(*texts: str) -> list[Line]:
    """Lines of a text made of these lines, as extraction splits it."""
    return split_lines("\n".join(texts))


def test_box_needs_the_reports_columns():
    box = "SUBJECT POSSIBLE ESTABLISHMENT OF A CUBAN DATE DISTR. 10 AUGUST 1963"
    hit = titlecues.box_caption(_lines("COUNTRY CUBA REPORT NO. TDCS-3/556", box), 0)
    assert hit and hit[0] == "POSSIBLE ESTABLISHMENT OF A CUBAN"
    # A bare SUBJECT line with no information report's boxes around it is not this box.
    assert titlecues.box_caption(_lines("Dear Sir:", "SUBJECT POSSIBLE ESTABLISHMENT"), 0) is None
    # The form's own SUBJECTS label is not the box.
    assert titlecues.box_caption(_lines("SUBJECTS : CUBA EXILES", "DATE DISTR. 1963"), 0) is None


def test_hanging_caption_goes_on():
    hit = titlecues.box_caption(
        _lines("SUBJECT ASPECTS OF THE MILITARY SITUATION IN DATE DISTR. 4 MAY", "ELISABETHVILLE"),
        0,
    )
    assert hit and hit[0] == "ASPECTS OF THE MILITARY SITUATION IN ELISABETHVILLE"


@needs_corpus
def test_journal_heading_with_its_page_number():
    # A later page of the Office of Legislative Counsel's journal: "Journal - Office of
    # Legislative Counsel Page 3" / "Tuesday - 21 March 1978": the page's number blocked the
    # heading, and the title was composed ("Other, 21 March 1978").
    value, rule = work_title("jfk-104-10146-10262")
    assert rule == "journal-heading"
    assert value == "Journal, Office of Legislative Counsel"
