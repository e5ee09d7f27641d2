"""Markings of a level below CONFIDENTIAL that CIA types in its own words.

CIA's administrative papers of the 1970s-90s (CSI/HRG search memos, OLC notes) carry the banner
"ADMINISTRATIVE - INTERNAL USE ONLY" (or "CIA INTERNAL USE ONLY") at head and foot of each page
in place of a classification: the judged set reads it as official use only. OCR damages the
long first word ("ADMENESERAPTIVE-=—INTERNAL USE ONLY", "ADMINISTRATINE INTERNAL USE ONLY") and
puts dirt before it. A routing slip's checkbox "INTERNAL USE ONLY" stands without the first word
and is not a marking of the document.
"""

import re

from .patterns import Line

_INTERNAL_RE = re.compile(
    r"(?<![A-Za-z])(?P<banner>(?:AD[A-Z]{8,14}|CIA)[^A-Za-z]{1,5}INTERNAL[ \t]+USE[ \t]+ONLY)(?![A-Za-z])"
)
# The banner with a little OCR dirt around it; a sentence quoting it is longer.
_MAX_LINE = 60


def internal_use(lines: list[Line]) -> tuple[int, int, str] | None:
    """(index of the first banner line, number of banner lines, printed banner) for CIA's
    "ADMINISTRATIVE - INTERNAL USE ONLY" banners, or None."""
    hits = []
    for i, line in enumerate(lines):
        text = line.text
        if len(text) > _MAX_LINE or "INTERNAL" not in text:
            continue
        if m := _INTERNAL_RE.search(text):
            hits.append((i, m["banner"]))
    if not hits:
        return None
    return hits[0][0], len(hits), hits[0][1]
