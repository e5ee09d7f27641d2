"""Papers: documents with no memorandum's or cable's header, only a heading over numbered text.

A CIA study, summary or list sent as an attachment ("CIA OPERATIONS AGAINST CUBA PRIOR TO THE
ASSASSINATION ...", "THE INFORMATION COUNCIL OF THE AMERICAS, INC. (INCA)") carries no TO,
FROM or SUBJECT, no salutation, no signature: a heading in capitals, then its paragraphs. A
researcher calls it a paper. Other agencies' unheaded pages are read otherwise (an Army
source report's annex is a report), so the shape is read for the CIA's records only.
"""

import re

from . import families

# What a heading is not: a classification marking, a release stamp, a page number.
_NOT_HEADING_RE = re.compile(
    r"(?i)^\W{0,3}(?:TOP[ \t])?(?:SECRET|CONFIDENTIAL|UNCLASSIFIED|EYES[ \t]ONLY|SENSITIVE)\b"
    r"|APPROVED[ \t]FOR|RELEASE|REVIEW[ \t]PROGRAM|\bPAGE\b|DOC\w{0,2}[ \t]?ID|^\W*NW[ \t]\d"
)
# A printed form's title or mark ("SECRECY AGREEMENT", "BRIEFING STATEMENT", "(When Filled
# In)"), a memorandum's or a journal's heading: not a paper.
_NOT_PAPER_RE = re.compile(
    r"(?i:When\W{0,2}Fill)|\b(?:AGREEMENT|STATEMENT|CERTIFICATE|CLEARANCE|MEMO|JOURNAL)\b"
)
# A heading (or a line above it) that names the paper a report ("TRAINING REPORT").
_REPORT_RE = re.compile(r"\bREPORT\b")
_WORD_RE = re.compile(r"[A-Za-z]{2,}")
# A line of prose: words in lower case, long enough to be a sentence's part.
_PROSE_RE = re.compile(r"(?:\b[a-z]{2,}\b\W+){4}")
_HEAD_LINES = 6  # the heading opens the page: among its first few lines


def _heading(text: str) -> bool:
    """A title line in capitals: three words or more, no marking or stamp."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 15 or _NOT_HEADING_RE.search(text):
        return False
    upper = sum(c.isupper() for c in letters)
    return upper >= 0.85 * len(letters) and len(_WORD_RE.findall(text)) >= 3


def paper_type(head: str) -> str | None:
    """ "Paper" (or "Report", as its heading names it) when the document's own first lines (no
    form, stamps, furniture) open with a heading in capitals followed by prose, and show no
    memorandum, letter or cable header and no printed form's title; else None."""
    if (
        families._MEMO_RE.search(head)
        or families._LABELLED_RE.search(head)
        or families._DEAR_RE.search(head)
        or families._CABLE_RE.search(head)
        or families.MFR_RE.search(head)
    ):
        return None
    lines = [t.strip() for t in head.splitlines() if t.strip()]
    if _NOT_PAPER_RE.search("\n".join(lines[: _HEAD_LINES + 4])):
        return None
    for i, text in enumerate(lines[:_HEAD_LINES]):
        if _heading(text):
            if not _PROSE_RE.search(" ".join(lines[i + 1 : i + 8])):
                return None
            return "Report" if _REPORT_RE.search("\n".join(lines[: i + 1])) else "Paper"
    return None
