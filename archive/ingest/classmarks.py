"""Markings of a level below CONFIDENTIAL that CIA types in its own words.

CIA's administrative papers of the 1970s-90s (CSI/HRG search memos, OLC notes) carry the banner
"ADMINISTRATIVE - INTERNAL USE ONLY" at head and foot of each page in place of a
classification: the judged set reads it as official use only. ("CIA INTERNAL USE ONLY" is
stamped on papers marked SECRET too: not read.) OCR damages the
long first word ("ADMENESERAPTIVE-=—INTERNAL USE ONLY", "ADMINISTRATINE INTERNAL USE ONLY") and
puts dirt before it. A routing slip's checkbox "INTERNAL USE ONLY" stands without the first word
and is not a marking of the document.
"""

import re

from .patterns import Line

_INTERNAL_RE = re.compile(
    r"(?<![A-Za-z])(?P<banner>AD[A-Z]{8,14}[^A-Za-z]{1,5}INTERNAL[ \t]+USE[ \t]+ONLY)"
    r"(?![A-Za-z])"
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


# A routing slip's checkbox list ("SECRET / CONFIDENTIAL / INTERNAL / USE ONLY / UNCLASSIFIED",
# CIA Form 610 and its kin) holds "INTERNAL" and "USE ONLY" on lines of their own between the
# levels; OCR reads them "USE CHLY", "USE 0NLY".
_CHECKBOX_INTERNAL = frozenset({"INTERNAL", "USEONLY", "INTERNALUSEONLY"})


def checkbox_internal(text: str) -> bool:
    """Whether a line is the "INTERNAL" or "USE ONLY" of a routing slip's checkbox list."""
    if len(text) > 30:
        return False
    word = re.sub(r"[^A-Za-z0-9]", "", text).upper()
    word = re.sub(r"^[XCLJI]{0,2}(?=INTERNAL|USE)", "", word)  # the box OCR read as a letter
    return word in _CHECKBOX_INTERNAL or (word.startswith("USE") and 6 <= len(word) <= 7)


def ordinals(lines: list[Line]) -> list[int]:
    """For each line, how many non-blank lines come before it (OCR puts blank lines between
    the lines of a scan, or not: nearness is counted in lines that hold something)."""
    out, seen = [], 0
    for line in lines:
        out.append(seen)
        if line.text.strip():
            seen += 1
    return out
