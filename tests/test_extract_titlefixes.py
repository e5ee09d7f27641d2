"""archive.ingest.titlefixes: a SUBJECT caption OCR set below its bare label, and a SUBJECT
label OCR garbled past what labels.py reads, on real corpus texts of the tuning part's work
half (bench/scoring.py `half`), read from ../shared/corpus at test time. Pure Python."""

import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from test_extract import needs_corpus
from test_extract_anatomy import record, work_title

from archive.ingest import titlefixes
from archive.ingest.patterns import split_lines

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from scoring import WORK, half  # noqa: E402

pytestmark = pytest.mark.pure  # extraction is pure Python: no search index


def _page(record_id: str):
    """The record's lines as a reader sees them (no stamp or form set aside)."""
    assert half(record_id) == WORK, f"{record_id}: tests use the work half of the tuning part"
    lines = split_lines(record(record_id)["text"])
    return SimpleNamespace(lines=lines, lo=0, noise=lambda i: False)


@needs_corpus
@pytest.mark.parametrize(
    ("record_id", "caption"),
    [
        # MEMORANDUM FOR THE RECORD / SUBJECT: / Senators Church / and Schweiker News
        # Conference / Concerning Release of Senate Select Committee / Warren / ...
        (
            "jfk-104-10096-10193",
            "Senators Church and Schweiker News Conference Concerning Release of Senate"
            " Select Committee",
        ),
        # MEMORANDUM FOR THE RECORD / SUBJECT: / CIA Defector Watch List / For The Secret
        # Serrice / by Mr. ...: the sentence below the caption is no part of it.
        ("jfk-104-10172-10264", "CIA Defector Watch List For The Secret Serrice"),
        # NEMORANDUM FOR : / Mr. William E. Colby / SUBJECT: • / Special Activities
        ("jfk-104-10303-10007", "Special Activities"),
        # An information report's box: SUBJECT. / Black Power Activities in the / British
        # Virgin Islands, Dominica, / Grenada, St. Kitts and / = / St. Lucia / CF file
        (
            "jfk-104-10063-10127",
            "Black Power Activities in the British Virgin Islands, Dominica Grenada, St. Kitts"
            " and St. Lucia",
        ),
        # SUBJECT / DATE DISTR. 26 NOVEMBER 1962 / PROGRESS OF FREE ELECTIONS IN / STRATEGIC
        # HAMLETS: the report's next box between the label and its caption.
        ("jfk-176-10036-10090", "PROGRESS OF FREE ELECTIONS IN STRATEGIC HAMLETS"),
    ],
)
def test_subject_caption_below_its_bare_label(record_id, caption):
    assert work_title(record_id) == (caption, "subject-below")


@needs_corpus
def test_a_column_of_bare_labels_is_not_read_below_the_subject_label():
    # MEMORANDUM FOR: / FROM: / SUBJECT: / E. Page Moffett / ...: the first value below the
    # column is the addressee's, not the caption.
    assert titlefixes.subject_below(_page("jfk-104-10331-10005")) is None
    # The routing sheet's SUBJECT: (Optional) over a control number: no caption.
    assert titlefixes.subject_below(_page("jfk-104-10067-10430")) is None


@needs_corpus
@pytest.mark.parametrize(
    ("record_id", "caption"),
    [
        # "SUtvPCT: GOLITIYN Biographical Highlights"
        ("jfk-104-10172-10262", "GOLITIYN Biographical Highlights"),
        # The colon OCR'd as a "t": "SUBJECT t Spencer O, TERTELING, Contract Amendment"
        ("jfk-104-10194-10039", "Spencer O, TERTELING, Contract Amendment"),
        # "SUBJECT - REVIVAL OF SECESSIONIST SENTIMENT ON ABACO/ :" / "DISAPPEARANCE OF ..."
        (
            "jfk-104-10074-10078",
            "REVIVAL OF SECESSIONIST SENTIMENT ON ABACO DISAPPEARANCE OF DYNAMITE STORES",
        ),
        # "suuect. Policy Guidance Directives for DATE DISTR. 19 Novenber 1964" / "Cuban
        # Intelligence Representatives" / "in El Salvador NO. PAGES 88": the report's next
        # boxes cut off.
        (
            "jfk-104-10186-10310",
            "Policy Guidance Directives for Cuban Intelligence Representatives in El Salvador",
        ),
        # Dirt from the page's edge before the label: "a an] SUBJECT: Reykjavik Pre-Summit ..."
        (
            "state-foia-F-1986-04261-C09000061",
            "Reykjavik Pre-Summit ~ Links hetween Soviet Human Rights and Econonic Development",
        ),
    ],
)
def test_subject_label_garbled_far(record_id, caption):
    assert work_title(record_id) == (caption, "subject-garbled-far")


@needs_corpus
def test_the_word_subject_in_a_report_prose_is_no_label():
    # "Subject; born ANTONINA, ...": an FBI report's person, in its running text.
    assert titlefixes.garbled_far(_page("jfk-124-10211-10058")) is None
