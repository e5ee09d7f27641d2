"""The caption of a CIA information report read from its SUBJECT box, where the title was
composed or left empty.

- `info-report-subject`: the information report (the "INFORMATION REPORT" / "Intelligence
  Information Cable" telegram form) prints its boxes in two columns: COUNTRY beside REPORT NO.,
  SUBJECT beside DATE DISTR., then NO. PAGES, REFERENCES, DATE OF INFO., PLACE & DATE ACQ.,
  APPRAISAL. OCR sets the SUBJECT label without its colon and the next column on the
  caption's line ("SUBJECT POSSIBLE ESTABLISHMENT OF. A CUBAN DATE DISTR. 10 auGusT. 1963"),
  and garbles the label ("SUBYECT SATUS OF NEGOTIATIONS ..."). Behind a NARA form the box lies
  past where the memorandum's SUBJECT readings look, so the title was composed ("Information
  report, from CIA, 16 July 1973"). The box is taken only where the report's own columns
  (DATE DISTR., REPORT NO., NO. PAGES, DATE OF INFO.) stand within a few lines of it, the next
  column cut off, and a line left hanging ("... SITUATION IN") continued by the next.
"""

import re

from . import labels, unitlines
from .patterns import levenshtein, reads_cleanly, trim_junk

# The box's label, OCR'd ("SUBJECT", "SUBYECT", "SUBJECT."), and its value on the same line.
_BOX_RE = re.compile(r"^\W{0,3}(?P<word>[Ss5][A-Za-z]{5,7})\b[ \t.:;,]*(?P<v>[A-Z\"'][^\n]{5,})$")
# The report's other columns, whose presence near the box marks the information report.
_COLUMNS_RE = re.compile(
    r"(?i)DATE\W{0,3}DISTR|REPORT\W{0,2}NO\b|NO\W{0,2}PAGES|DATE\W{0,3}OF\W{0,3}INFO"
    r"|PLACE\W{0,3}&\W{0,3}DATE|(?m:^\W{0,3}(?:COUNTRY|DO[I!1l])\b)"
)
# The next column OCR set on the caption's line.
_COLUMN_CUT_RE = re.compile(
    r"[ \t,]*\b(?:DATE\W{0,3}DISTR|NO\.?[ \t]+PAGES|REFERENCES?\b|PRECEDENCE\b|REPORT\W{0,2}NO)"
    r".*$"
)
# A caption's line left hanging: a preposition, an article, a conjunction, a comma.
_DANGLING_RE = re.compile(r"(?i)(?:\b(?:of|on|to|the|and|for|with|in|at|by|from|a|an)|[,/&-])$")
# A line that is another box, not the caption's continuation.
_NEXT_BOX_RE = re.compile(
    r"(?i)^\W{0,3}(?:DATE|PLACE|APPRAISAL|SOURCE|PRECEDENCE|REFERENCES?|NO\.?\s+PAGES"
    r"|COUNTRY|FIELD|THIS\s+IS|\d)"
)
_LOOK = 300  # lines past the start of the document's own text searched for the box
_NEAR = 8  # lines either side of the box where the report's columns stand


def _value(text: str) -> str:
    """The box's value with the next column cut off and OCR dirt trimmed."""
    return trim_junk(_COLUMN_CUT_RE.sub("", text)).strip(" .,;:-‘’“”\"'")


def _caption(value: str) -> bool:
    """A value that reads as a caption: clean words, two of three letters or more."""
    words = re.findall(r"[A-Za-z]{3,}", value)
    return (
        len(words) >= 2
        and len(value) <= 120
        and reads_cleanly(value)
        and labels.plausible_caption(value)
        and not labels.is_prose(value)
    )


def box_caption(lines, lo: int) -> tuple[str, int, int] | None:
    """The information report's SUBJECT box: (caption, first line, last line)."""
    hi = min(len(lines), lo + _LOOK)
    for i in range(lo, hi):
        m = _BOX_RE.match(lines[i].text.strip())
        if not m:
            continue
        word = m["word"].upper()
        if word == "SUBJECTS" or levenshtein(word, "SUBJECT", 2) > 2:
            continue
        near = "\n".join(line.text for line in lines[max(0, i - _NEAR) : i + _NEAR])
        if not _COLUMNS_RE.search(near):
            continue
        value = _value(m["v"])
        if not _caption(value):
            return None
        last = i
        if _DANGLING_RE.search(value):
            for j in range(i + 1, min(hi, i + 3)):
                text = _value(lines[j].text)
                if not text:
                    continue
                if not _NEXT_BOX_RE.match(text) and _caption(f"{value} {text}"):
                    value, last = f"{value} {text}", j
                break
        return value, i, last
    return None


def refine(ctx, out) -> None:
    """The information report's SUBJECT box as the title (see the module docstring)."""
    if not ctx.form or out.rules.get("title") not in (None, "composed"):
        return  # without a form in front, the head's own SUBJECT readings looked there
    hit = box_caption(ctx.lines, min(ctx.lo, unitlines.after_form(ctx)))
    if not hit:
        return
    value, first, last = hit
    out.values["title"] = value
    out.confidence["title"] = 0.6
    out.rules["title"] = "info-report-subject"
    out.sources["title"] = (ctx.lines[first].start, ctx.lines[last].end)
    out.rivals.pop("title", None)
