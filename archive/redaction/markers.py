"""Find redaction markers (exemption codes, [Redacted] blocks, FRUS brackets ...) with offsets.

Bare codes that are easily confused with ordinary text (FBI "b6", "1.4(c)", spaced
"25 X 1", "STAT") only count when they stand alone on a line, or at the end of a line
after a wide gap (a margin code); compact forms such as "25X1" and "(b)(3)" count anywhere.
"""

import bisect
import re
from typing import NamedTuple

from archive.ingest.patterns import Line


class Mark(NamedTuple):
    """A redaction marker: text[start:end] == marker."""

    start: int
    end: int
    marker: str
    codes: tuple[str, ...]
    kind: str


NOT_DECLASSIFIED_RE = re.compile(
    r"\[[^\[\]\n]{0,120}?\bnot[ \t]{1,3}declassified\b[^\[\]\n]{0,20}\]", re.IGNORECASE
)
REDACTED_RE = re.compile(r"\[[ \t]?(?:Redacted|REDACTED|redacted|Deleted|DELETED)[ \t]?\]")
DELETION_RE = re.compile(r"\(\([ \t]?DELET(?:ION|ED)[ \t]?\)\)", re.IGNORECASE)
DENIED_RE = re.compile(
    r"[Nn][Ee][Xx][Tt][ \t]{1,3}\d{1,3}[ \t]{1,3}(?i:Page\(?s?\)?[ \t]{1,3}In[ \t]{1,3}"
    r"Document[ \t]{1,3}Denied)"
)
# Patterns scanned over whole texts start with a literal (no \b or look-behind first) so
# that the regex engine can skip ahead fast; the left word boundary is checked in code.
ILLEGIB_RE = re.compile(r"ILLEGIB\b")
STAT_NOTE_RE = re.compile(r"STAT(?:INTL|SPEC|EPEC|I NTL)\b")
# 25X1, 25X1-human, 50X1-HUM, 75X2; a trailing letter (25X1A, 25X1C) marks the legacy notes.
XCODE_RE = re.compile(
    r"(?P<n>25|50|75)X(?P<d>[1-9])(?:(?P<tag>-human|-HUM|-WMD)|(?P<legacy>[A-F]))?(?!\w)"
)
# Only (b)(7) has subparts (A)-(F); "(b) (6) (b)" is two marks, not "(b)(6)(B)".
FOIA_B_RE = re.compile(
    r"\([bB][ \t]?\)[ \t]?\([ \t]?(?:(?P<n7>7)[ \t]?\)(?:[ \t]?\([ \t]?(?P<sub>[A-Fa-f])[ \t]?\))?"
    r"|(?P<n>[1-689])[ \t]?\))"
)
# Prose that cites an exemption rather than marking a gap: "exemptions (b)(1), (b)(2)".
_CITATION_RE = re.compile(r"(?i)exemptions?|subsection|section|§|u\.\s?s\.\s?c|552|statute")

# Tokens allowed on a margin line, and the same list as one alternation.
_MARGIN_CODE = (
    r"\([bB]\)[ ]?\([1-9]\)(?:[ ]?\([A-Fa-f]\))?"
    r"|[bB][ ]?[1-9][A-Fa-f]?(?![\w])"
    r"|1\.[45][ ]?\([a-hA-H]\)"
    r"|2[ ]?5[ ]?[Xx][ ]?[1-9](?![\w])"
    r"|STAT(?:INTL|SPEC)?"
)
MARGIN_LINE_RE = re.compile(r"^[^\w\n]{0,2}\d?[ \t]*(?:(?:" + _MARGIN_CODE + r")[ \t,.;]*){1,6}$")
MARGIN_CODE_RE = re.compile(_MARGIN_CODE)
LINE_END_CODE_RE = re.compile(r"[ \t]{3,}(?P<code>b[1-9][A-F]?)[ \t]*$")
_B_TOKEN_RE = re.compile(r"^[bB][ ]?([1-9])([A-Fa-f]?)$")
_X_TOKEN_RE = re.compile(r"^2[ ]?5[ ]?[Xx][ ]?([1-9])$")
_CAT_TOKEN_RE = re.compile(r"^1\.([45])[ ]?\(([a-hA-H])\)$")
_FOIA_TOKEN_RE = re.compile(r"^\([bB]\)[ ]?\(([1-9])\)(?:[ ]?\(([A-Fa-f])\))?$")


def foia_code(n: str, sub: str | None = None) -> str:
    """Normalise a FOIA exemption: ("7", "c") -> "(b)(7)(C)"."""
    return f"(b)({n})" + (f"({sub.upper()})" if sub else "")


def _code_mark(start: int, code: str, crest: bool) -> Mark | None:
    end = start + len(code)
    if m := _B_TOKEN_RE.match(code):
        return Mark(start, end, code, (foia_code(m[1], m[2] or None),), "exemption_code")
    if m := _FOIA_TOKEN_RE.match(code):
        return Mark(start, end, code, (foia_code(m[1], m[2]),), "exemption_code")
    if m := _X_TOKEN_RE.match(code):
        return Mark(start, end, code, (f"25X{m[1]}",), "exemption_code")
    if m := _CAT_TOKEN_RE.match(code):
        return Mark(start, end, code, (f"1.{m[1]}({m[2].lower()})",), "exemption_code")
    # A bare "STAT" is too common in OCR (STATE, STATION) outside CREST documents.
    if code.startswith("STAT") and (crest or len(code) > 4):
        return Mark(start, end, code, (), "statute_note")
    return None


def _free(text: str, start: int, extra: str = "") -> bool:
    """True when the match at start does not continue a word (the left word boundary)."""
    return start == 0 or not (text[start - 1].isalnum() or text[start - 1] in "_" + extra)


def _anywhere_marks(text: str) -> list[Mark]:
    marks: list[Mark] = []
    simple = (
        (NOT_DECLASSIFIED_RE, "not_declassified"),
        (REDACTED_RE, "redacted_block"),
        (DELETION_RE, "deletion"),
        (DENIED_RE, "denied_pages"),
        (ILLEGIB_RE, "illegible"),
        (STAT_NOTE_RE, "statute_note"),
    )
    for regex, kind in simple:
        marks.extend(
            Mark(m.start(), m.end(), m.group(), (), kind)
            for m in regex.finditer(text)
            if _free(text, m.start())
        )
    for m in XCODE_RE.finditer(text):
        if not _free(text, m.start(), "-"):
            continue
        code = f"{m['n']}X{m['d']}"
        if m["legacy"]:
            marks.append(Mark(m.start(), m.end(), m.group(), (code + m["legacy"],), "statute_note"))
        else:
            tag = m["tag"] or ""
            code += "-human" if tag == "-human" else tag.upper()
            marks.append(Mark(m.start(), m.end(), m.group(), (code,), "exemption_code"))
    cited_until = -1
    for m in FOIA_B_RE.finditer(text):
        if not _free(text, m.start(), "§)("):
            continue  # "47(b)(3)(A)" cites a statute section
        before = text[max(0, m.start() - 40) : m.start()]
        if _CITATION_RE.search(before) or m.start() <= cited_until:
            # A citation in prose; a list continuing it ("(b)(1), (b)(2) and (b)(5)") too.
            cited_until = m.end() + 12
            continue
        code = foia_code(m["n"] or m["n7"], m["sub"])
        marks.append(Mark(m.start(), m.end(), m.group(), (code,), "exemption_code"))
    return marks


def _margin_marks(text: str, lines: list[Line], crest: bool) -> list[Mark]:
    marks: list[Mark] = []
    for line in lines:
        raw = line.text
        if not raw or len(raw) > 200:
            continue
        stripped = raw.strip()
        if len(stripped) <= 60 and MARGIN_LINE_RE.match(stripped):
            offset = line.start + raw.index(stripped)
            for t in MARGIN_CODE_RE.finditer(stripped):
                start = offset + t.start()
                if _CITATION_RE.search(text[max(0, start - 40) : start]):
                    continue  # the tail of a citation wrapped onto its own line
                mark = _code_mark(start, t.group(), crest)
                if mark:
                    marks.append(mark)
            continue
        if m := LINE_END_CODE_RE.search(raw):
            mark = _code_mark(line.start + m.start("code"), m["code"], crest)
            if mark:
                marks.append(mark)
    return marks


def _dedupe(marks: list[Mark]) -> list[Mark]:
    marks.sort(key=lambda k: (k.start, -(k.end - k.start)))
    out: list[Mark] = []
    for mark in marks:
        if out and mark.start < out[-1].end:
            continue
        out.append(mark)
    return out


def _codes_on_line(line: Line, marks: list[Mark], starts: list[int]) -> tuple[str, ...] | None:
    """Codes of a line made only of exemption codes (None if the line holds anything else)."""
    i = bisect.bisect_left(starts, line.start)
    found: list[str] = []
    rest = line.text
    while i < len(marks) and marks[i].end <= line.end:
        mark = marks[i]
        if mark.kind != "exemption_code":
            return None
        found.extend(mark.codes)
        rel = mark.start - line.start
        rest = rest[:rel] + " " * (mark.end - mark.start) + rest[rel + len(mark.marker) :]
        i += 1
    if not found or rest.strip(" \t.,;:-*"):
        return None
    return tuple(found)


def _attach_block_codes(text: str, lines: list[Line], marks: list[Mark]) -> list[Mark]:
    """Give each [Redacted] block the codes printed on the adjacent line (blank lines skipped)."""
    if not any(m.kind == "redacted_block" for m in marks):
        return marks
    starts = [m.start for m in marks]
    line_starts = [ln.start for ln in lines]
    out: list[Mark] = []
    for mark in marks:
        if mark.kind != "redacted_block":
            out.append(mark)
            continue
        idx = bisect.bisect_right(line_starts, mark.start) - 1
        codes: list[str] = []
        for step in (-1, 1):
            j = idx + step
            while 0 <= j < len(lines) and not lines[j].text.strip():
                j += step
            if 0 <= j < len(lines):
                found = _codes_on_line(lines[j], marks, starts)
                codes.extend(c for c in found or () if c not in codes)
        out.append(mark._replace(codes=tuple(codes)))
    return out


def find_redactions(text: str, lines: list[Line]) -> list[Mark]:
    """All redaction markers of the text, sorted by start and non-overlapping."""
    marks = _anywhere_marks(text)
    crest = "CIA-RDP" in text or any(m.codes[:1] == ("25X1",) for m in marks)
    marks = _dedupe(marks + _margin_marks(text, lines, crest))
    return _attach_block_codes(text, lines, marks)
