"""archive.ingest: classification marks the banner readers did not know (classmarks.py): CIA's
"ADMINISTRATIVE - INTERNAL USE ONLY" banner, the legislative counsel journal's
"(Internal Use Only - PLC)" portion marks, and a routing slip's checkbox list (its INTERNAL /
USE ONLY lines) kept from being read as a banner. Real corpus texts of the tuning part, read
from ../shared/corpus at test time."""

import pytest
from test_extract import needs_corpus
from test_extract_anatomy import line, reading, record

from archive.ingest import classmarks, markings
from archive.ingest.patterns import Line

pytestmark = pytest.mark.pure  # extraction is pure Python: no search index


def level(record_id: str) -> tuple[str, str]:
    return reading(record_id, "classification")


def lines_of(record_id: str) -> list[Line]:
    """The record's text as lines (offsets kept)."""
    out, start = [], 0
    for n, text in enumerate(record(record_id)["text"].split("\n")):
        out.append(Line(start, start + len(text), text, n + 1))
        start += len(text) + 1
    return out


@needs_corpus
def test_administrative_internal_use_banner():
    # A CSI/HRG search memo headed and footed "ADMINISTRATIVE - INTERNAL USE ONLY".
    assert level("jfk-104-10331-10060") == ("official_use_only", "internal-use-banner")
    assert level("jfk-104-10210-10004") == ("official_use_only", "internal-use-banner")
    # OCR damaged the first word: "ADMENESERAPTIVE-=—INTERNAL USE ONLY", "ADMINISTRATINE".
    assert level("jfk-104-10337-10004") == ("official_use_only", "internal-use-banner")
    assert level("jfk-form-104-10096-10198") == ("official_use_only", "internal-use-banner")


@needs_corpus
def test_internal_use_gives_way_to_a_level():
    # "CIA INTERNAL USE ONLY" on a paper also marked SECRET: the level is read.
    assert level("jfk-104-10338-10005") == ("secret", "banner")


@needs_corpus
def test_bare_internal_use_only_is_no_banner():
    # The journal's page head "INTERNAL USE ONLY" and a routing slip's checkbox say nothing
    # of this paper's marking by themselves: only the banner with its first word counts.
    assert classmarks.internal_use(lines_of("jfk-104-10142-10164")) is None
    assert classmarks.internal_use(lines_of("jfk-104-10143-10058")) is None
    hit = classmarks.internal_use([line("i ADMINISTRATIVE - INTERNAL USE ONLY")])
    assert hit == (0, 1, "ADMINISTRATIVE - INTERNAL USE ONLY")
    # A sentence quoting the banner is longer than a banner line.
    quoted = "papers marked ADMINISTRATIVE - INTERNAL USE ONLY were sent to the Archives"
    assert classmarks.internal_use([line(quoted)]) is None
    assert classmarks.internal_use([line("for internal use only, said the administrator")]) is None


@needs_corpus
def test_journal_internal_use_portion_marks():
    # "1, (Internal Use Only - PLC) LIAISON ..." among "(Unclassified - CM)" items: the
    # highest mark is internal use, not unclassified.
    assert level("jfk-104-10142-10201") == ("official_use_only", "portion-marks-internal")
    marks = markings.portion_marks(
        [line("1. (Internal Use Only - PLC) LIAISON"), line("2. (Unclassified - CM) BRIEFING")]
    )
    assert marks == ("official_use_only", 0, 2)
    # A journal whose items include (Secret - PG) stays secret.
    assert level("jfk-104-10143-10060")[0] == "secret"


def test_checkbox_internal_lines():
    assert classmarks.checkbox_internal("INTERNAL")
    assert classmarks.checkbox_internal("USE CHLY")
    assert classmarks.checkbox_internal("USE ONLY")
    assert classmarks.checkbox_internal("[] INTERNAL USE ONLY")
    assert not classmarks.checkbox_internal("INTERNAL SECURITY")
    assert not classmarks.checkbox_internal("USE")
    assert not classmarks.checkbox_internal("ADMINISTRATIVE - INTERNAL USE ONLY")


@needs_corpus
def test_routing_slip_checkboxes_are_no_banner():
    # A routing sheet's list "SECHET / CONFIDENTIAL / INTERNAL / USE CHLY / UNCLASSICIAD" with
    # blank lines between: its last box was read as the banner UNCLASSIFIED.
    assert level("jfk-104-10107-10009")[0] != "unclassified"
    # An OGC request form: "SECRET / X CONFIDENTIAL / FOIA/PRIVACY ACT / UNCLASSIFIED".
    assert level("jfk-104-10107-10017")[0] != "unclassified"
    # A routing sheet's head "UNCLASSIFIED / SUBJECT / INTERNAL / USE ONLY".
    assert level("jfk-form-104-10070-10117")[0] != "unclassified"
    # Banners a page apart are not a checkbox list.
    assert level("jfk-104-10095-10155") == ("confidential", "banner")
