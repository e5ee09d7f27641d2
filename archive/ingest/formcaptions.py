"""A printed caption opening a form or paper with no SUBJECT line: the name the agency printed
at its head ("TERMINATION SECRECY AGREEMENT", "REQUEST FOR PERSONNEL ACTION", "PROJECT
OUTLINE"), which NARA's catalogue takes as the record's title.

The caption is a run of words in capitals among the first lines of the document's own text,
above its first paragraph or header label; OCR debris beside it ("cpieeeeteeern E ...") is
left out. Never a classification, an agency's name, a handling stamp, a message form's kind
("DISPATCH", "CLASSIFIED MESSAGE") or a box's label ("DATE OF BIRTH", "NAME").
"""

import re
from functools import cache
from pathlib import Path

from . import labels
from .patterns import Line, reads_cleanly, squash

# Two words in capitals or more (a small "and/or" between them), none of them a number.
_RUN_RE = re.compile(r"[A-Z][A-Z'’&-]*[A-Z](?:[ \t]+(?:[A-Z][A-Z'’&/-]*[A-Z]|and/or|AND/OR|&))+")
# Words that make a run no caption: markings, agencies, stamps, message kinds, box labels.
_NOT_CAPTION_RE = re.compile(
    r"\b(?:SECRET|CONFIDENTIAL|UNCLASSIFIED|RESTRICTED|RYBAT|EYES|DISSEM\w*|SENSITIVE"
    r"|CENTRAL[ \t]INTELLIGENCE[ \t]AGENCY|FEDERAL[ \t]BUREAU|DEPARTMENT[ \t]OF|NATIONAL"
    r"[ \t]SECURITY[ \t]AGENCY|DIRECTOR|UNITED[ \t]STATES|GOVERNMENT|WASHINGTON"
    r"|RETURN|BACKGROUND|REPRODUCE|RELEASE|ASSASSINATION[ \t]RECORDS|FILLED|CHECK"
    r"|MEMORANDUM|DISPATCH|TELEGRAM|CABLE|MESSAGE|ROUTING|RECORD[ \t]SHEET|INCOMING|OUTGOING"
    r"|INFORMATION[ \t]REPORT|CLASSIFICATION|PRECEDENCE|ACTION[ \t]REQUIRED|REFERENCES?"
    r"|DATE|NAME|NUMBER|NO|SIGNATURE|ADDRESS|INITIALS|PHONE|EXTENSION|SUBJECT|FROM|TO|VIA"
    r"|ATTENTION|PAGE|COPY|FILE|DOC|ID|NW|OFFICIAL[ \t]USE|INTERNAL[ \t]USE|HANDLING"
    r"|SECURITY[ \t]INFORMATION|PROCESSING|REPLY|FOR[ \t]THE[ \t]RECORD|NOTIFIED|PRESIDENT"
    r"|\w?ISTORI\w+|BRANCH|DIVISION|SECTION|REVIEW[ \t]PROGRAM|DOCUMENT[ \t]INFORMATION"
    r"|SANITI\w+|REPRODUCTION"
    r"|INSPECTOR[ \t]GENERAL|CHIEFS[ \t]OF[ \t]STAFF|WHITE[ \t]HOUSE)\b"
    r"|^(?:THE|OFFICE[ \t]OF|TYPE|TIME|PLACE|KIND|NATURE)\b"
)
_STOP_RE = re.compile(r"^\W{0,3}(?:\d{1,2}[.,)]|[A-Z]?[a-z]+[ \t]+[a-z]+[ \t]+[a-z]+[ \t]+[a-z])")


_COMMON_WORDS = Path(__file__).resolve().parents[1] / "entities" / "data" / "common_words.txt"


@cache
def _common_words() -> frozenset[str]:
    """Words the memos write in lower case (archive/entities/data/common_words.txt)."""
    with _COMMON_WORDS.open(encoding="utf-8") as lines:
        return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


def _words_read(run: str) -> bool:
    """Most of the run's longer words are words the memos write (not OCR debris)."""
    words = [w.lower() for w in re.findall(r"[A-Za-z]{3,}", run)]
    known = sum(w in _common_words() or w.rstrip("s") in _common_words() for w in words)
    return bool(words) and known >= 0.6 * len(words)


def _run(text: str) -> str | None:
    """The line's longest run of capitals when it makes most of the line's letters."""
    runs = [squash(m.group()) for m in _RUN_RE.finditer(text)]
    if not runs:
        return None
    run = max(runs, key=len)
    run = re.sub(r"^(?:[A-Z][ \t])+", "", run)  # a stray capital before it ("E COMMUNICATIONS")
    letters = sum(c.isalpha() for c in run)
    words = [w for w in run.split() if sum(c.isalpha() for c in w) >= 3]
    if letters < 12 or len(words) < 2 or letters < 0.5 * sum(c.isalpha() for c in text):
        return None
    if _NOT_CAPTION_RE.search(run) or not reads_cleanly(run) or not _words_read(run):
        return None
    return run


def printed_caption(lines: list[Line], lo: int, hi: int, noise) -> tuple[str, int] | None:
    """The caption printed at a form's or paper's head, with its line (see the docstring)."""
    seen = 0
    for i in range(lo, min(hi, len(lines))):
        text = lines[i].text.strip()
        if not text or noise(i):
            continue
        seen += 1
        if seen > 6 or labels.label_of(lines[i]) or _STOP_RE.match(text):
            return None
        if len(text.split()) >= 12:
            return None  # a paragraph: the head is past
        if run := _run(text):
            return run, i
    return None
