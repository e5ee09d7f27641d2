"""Date cues of FBI papers the finders miss, read only while nothing has dated the document.

- A "Date" label OCR damaged at its end, the date after it on the line: an office memo's
  "DATE! 1/16/64", a letter's "Dates December 21, 1961", "Dato 5/13/64": the label's colon read
  as "!", "|", "," or "s", its "e" as "o" (rule "date-label-damaged"). datelines reads the
  label's other damage ("DATB:", "pate", "parz").

It leaves a reviewer's stamp alone: a line with BY, DECLASSIFIED, RELEASE or a date decades after
the years the document mentions.

- A reviewer's date taken for the document's (rule review): a numeric date, labelled or alone
  ("DATE 5-7-95 BY56655L0", "кР 2-2-98", "7/15/94") while the document's other dates are fifteen
  years or more older (three to one against any within five years of it): the FBI's and the
  CIA's reviewers wrote the date they released a record in its margin or in a stamp. The reading
  is dropped (a note keeps it).
"""

import re

from . import datelines, dates
from .finders import line_span

# "DATE!", "Dates", "Dato", "Dete:", "DATE,": a Date label OCR damaged at its end, then a date.
_LABEL_RE = re.compile(
    r"(?:^|[ \t;|])(?:DATE|Date|DATO|Dato|Dete|DETE)(?:[!|,]|s(?=[ \t]+[A-Z0-9])|(?<=o))"
    r"[ \t]*(?P<value>[^\n]{4,60})$"
)
_STAMP_RE = re.compile(r"(?i)declass|review|release|classified[ \t]by|(?-i:\bBY\b)|authority")
_YEAR_RE = re.compile(r"(?<!\d)(19[4-9]\d)(?!\d)")
_SHORT_RE = re.compile(r"(?<![\d/-])[01]?\d[/-][0-3]?\d[/-]([4-9]\d)(?![\d/-])")
_NUMERIC_RE = re.compile(r"(?<!\d)[01]?\d[/-][0-3]?\d[/-](?:\d{2}|\d{4})(?!\d)")
# The readings a reviewer's date can take: a Date label's, a numeric date alone on its line.
_REVIEWABLE = ("label", "inline-label", "alone-short-year", "alone")


def _era(text: str) -> int | None:
    """The commonest year the text writes in full (1940-1999), or None."""
    years = _YEAR_RE.findall(text)
    return int(max(set(years), key=years.count)) if years else None


def _years(text: str) -> list[int]:
    """The years of the dates a text writes: in full (1940-1999) or numeric with two digits."""
    return [int(y) for y in _YEAR_RE.findall(text)] + [
        1900 + int(y) for y in _SHORT_RE.findall(text)
    ]


def review(ctx, out) -> None:
    """Drop a date a reviewer wrote (a numeric date 15 years or more after the document's)."""
    value, rule, span = out.values.get("date"), out.rules.get("date") or "", out.sources.get("date")
    if not hasattr(value, "year") or span is None or rule not in _REVIEWABLE:
        return
    line = ctx.text[span[0] : span[1]]
    if not _NUMERIC_RE.search(line):
        return
    years = _years(ctx.own_text(30000).replace(line, " "))
    before = [y for y in years if y <= value.year - 15]
    near = [y for y in years if y >= value.year - 5]
    if len(before) < 2 or len(near) * 3 > len(before):
        return  # the document's own dates are not decades older than this one
    for name in ("date", "date_precision"):
        out.values.pop(name, None)
        out.confidence.pop(name, None)
    out.rules.pop("date", None)
    out.sources.pop("date", None)
    out.notes.append(f"date: {value.isoformat()} ({line.strip()[:40]!r}) is a reviewer's; not kept")


def _fits(found: dates.FoundDate, text: str, era: int | None) -> bool:
    """Not a reviewer's date: no stamp words on the line, not decades after the record's era."""
    if _STAMP_RE.search(text):
        return False
    if era is None:
        return 1940 <= found.value.year <= 1999
    return abs(found.value.year - era) <= 12


def damaged_label(ctx, era: int | None) -> tuple[dates.FoundDate, int] | None:
    """A damaged Date label on a line of page one and the date after it."""
    for i in range(ctx.lo, min(ctx.page_end, ctx.lo + 80)):
        text = ctx.lines[i].text
        m = _LABEL_RE.search(text.strip())
        if not m:
            continue
        value = m["value"]
        found = dates.find_date(value, numeric=True) or datelines.loose(value)
        if found and found.start <= 3 and _fits(found, text, era):
            return found, i
    return None


def fill(ctx, out) -> None:
    """Offer a date from an FBI paper's cue when nothing else dated the document."""
    if "date" in out.values:
        return
    era = _era(ctx.own_text(30000))
    if hit := damaged_label(ctx, era):
        found, i = hit
        date = (found.value, found.precision)
        out.offer_date("date", date, 0.6, span=line_span(ctx, i), rule="date-label-damaged")
