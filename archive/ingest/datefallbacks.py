"""Last resorts for a document's date, tried only when nothing else dated it: a date line
just above the first memo header behind a cover sheet, a routing sheet's filled-in date, the
date at the foot of a CIA dispatch's first page, and a date whose two-digit day OCR split in
two."""

import re

from . import datefinds, dategaps, datelate, dates
from .datelines import date_only, month_word, stamp_form
from .dates import FoundDate
from .patterns import Line

_DIGIT_RE = re.compile(r"\d")


_MEMO_HEADER_RE = re.compile(
    r"^\W{0,3}(?:MEMORANDUM\b|MEMO\w{0,12}[ \t]+FOR\b|SUBJECT[ \t]*:)", re.IGNORECASE
)


def before_memo_header(lines: list[Line], lo: int, hi: int) -> tuple[FoundDate, int] | None:
    """A date line standing alone just above the document's first memo header line
    (MEMORANDUM FOR / SUBJECT:), wherever it falls: a memo behind a cover sheet, an
    enclosure or another page ("SECRET / 14 August 1968 / SUBJECT: GUGAS, Chris")."""
    first = next((k for k in range(lo, hi) if _MEMO_HEADER_RE.match(lines[k].text)), None)
    if first is None:
        return None
    above = [k for k in range(first - 1, max(lo - 1, first - 6), -1) if lines[k].text.strip()]
    for i in above[:2]:
        text = lines[i].text
        if len(text.strip()) > 40 or not _DIGIT_RE.search(text) or stamp_form(text):
            continue
        if found := date_only(text):
            return found, i
    return None


_ROUTING_TO_RE = re.compile(r"(?i)^\W{0,3}TO\W{0,3}\(?\W{0,2}Of+\w{0,3}cer[ \t]+desig")


def routing_sheet(lines: list[Line], lo: int, hi: int) -> tuple[FoundDate, int] | None:
    """The date filled in on a routing and record sheet: a date line among the few lines
    just above its "TO: (Officer designation, room number ...)" column head (FROM /
    EXTENSION / NO. / DATE boxes read one per line: "DATE / 402 / 3-25-93")."""
    for j in range(lo, hi):
        if not _ROUTING_TO_RE.match(lines[j].text):
            continue
        above = [k for k in range(j - 1, max(lo - 1, j - 8), -1) if lines[k].text.strip()]
        for i in above[:4]:
            text = lines[i].text
            if len(text.strip()) <= 40 and not stamp_form(text) and (found := date_only(text)):
                return found, i
        return None
    return None


_SPLIT_DAY_RE = re.compile(
    r"^\W{0,3}(?P<mon>[A-Za-z]{3,9})\.?[ \t]+(?P<d1>[0-3])[ \t](?P<d2>\d)\W{0,2}[ \t]*,?[ \t]*"
    r"(?P<y>(?:19|20)\d\d)\W{0,3}$"
)


def split_day(lines: list[Line], lo: int, hi: int) -> tuple[FoundDate, int] | None:
    """The first line that is a date whose two-digit day OCR split in two ("NOV 1 4 1978",
    "FEB 1 6 1962"), as a stamped or typed date at the head of a letter often reads."""
    for i in range(lo, hi):
        m = _SPLIT_DAY_RE.match(lines[i].text.strip())
        month = m and month_word(m["mon"])
        if month:
            value = dates.make_date(int(m["y"]), month, int(m["d1"] + m["d2"]))
            if value:
                return FoundDate(value, "day", 0, len(lines[i].text)), i
    return None


# The foot of a CIA dispatch's first page: its DATE TYPED / DATE DISPATCHED boxes, and its
# dispatch symbol and number typed with the date over the CLASSIFICATION box.
_DISPATCHED_RE = re.compile(r"(?i)\bDATE[ \t]+(?:TYPED|DISPATCH\w*)\b")
_SYMBOL_DATE_RE = re.compile(r"\b[A-Z]{4}[ \t]?[-~]{1,2}[ \t]?\d{4,6}\W{0,3}[ \t]+(?=\d)")
_CLASS_BOX_RE = re.compile(r"(?i)[CG]LASS[I1l]\w*")


def dispatch_footer(lines: list[Line], lo: int, hi: int) -> tuple[FoundDate, int] | None:
    """The date at the foot of a CIA dispatch's first page: under its DATE DISPATCHED (or
    DATE TYPED) box ("DATE DISPATCHED / 9 Jan 1964."), or after its dispatch symbol and
    number over the CLASSIFICATION box ("HMMA-22726 16 January 1964")."""
    for i in range(lo, hi):
        text = lines[i].text
        if m := _SYMBOL_DATE_RE.search(text):
            below = [k for k in range(i + 1, min(hi, i + 6)) if lines[k].text.strip()][:3]
            found = date_only(text[m.end() :])
            if found and any(_CLASS_BOX_RE.search(lines[k].text) for k in below):
                return found._replace(start=m.end() + found.start, end=m.end() + found.end), i
        if not _DISPATCHED_RE.search(text):
            continue
        below = [k for k in range(i + 1, min(hi, i + 8)) if lines[k].text.strip()]
        for k in below[:4]:
            line = lines[k].text
            if len(line.strip()) <= 30 and not stamp_form(line) and (found := date_only(line)):
                return found, k
    return None


# The last resorts in the order tried: (finder, rule, confidence, whether a reviewer's stamp
# could be what it found).
LAST_RESORTS = (
    (routing_sheet, "routing-sheet-date", 0.6, True),
    (before_memo_header, "alone-before-memo-header", 0.6, True),
    (dispatch_footer, "dispatch-footer", 0.75, False),
    (split_day, "split-day", 0.5, False),
    *datefinds.LAST_RESORTS,
    *datelate.LAST_RESORTS,
    *dategaps.LAST_RESORTS,
)
