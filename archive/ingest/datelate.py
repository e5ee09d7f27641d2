"""Late last resorts for a document's date, tried only while nothing else dated it
(datefallbacks.LAST_RESORTS).

- `partial_year`: a CIA memo's date typed alone on a line at the head of its first page, its
  year cut short or damaged by OCR ("29 July 196)", "20 September 19", "31 May 1912", "9 June",
  "29 MAR Ew"): the year taken from the document's own dates when exactly one of their years
  fits what OCR left of it. A doubtful reading: its rule name is its own.
"""

import re

from . import dates
from .datefinds import _years
from .datelines import month_word
from .dates import FoundDate
from .patterns import Line

# A day, a month in words, and what OCR left of the year (digits cut short, dirt, or nothing).
_PARTIAL_RE = re.compile(
    r"^\W{0,3}(?P<d>[0-3]?\d)[ \t]+(?P<mon>[A-Za-z]{3,9})\.?,?"
    r"(?:[ \t]+(?P<y>[\dOIl]{0,4})(?P<dirt>[)\]|}]?|[A-Za-z]{1,3}))?\W{0,3}$"
)
_DIGITS = str.maketrans("OIl", "011")
_HEAD_LINES = 12  # the non-empty lines at the head of the first page that may hold its date


def _fits(left: str, year: int) -> bool:
    """A year that what OCR left of it could be: its first digits, or one digit off."""
    if len(left) == 4:
        return sum(a != b for a, b in zip(left, str(year), strict=True)) == 1
    return str(year).startswith(left)


def partial_year(lines: list[Line], lo: int, hi: int) -> tuple[FoundDate, int] | None:
    """A date alone on a line at the head of the first page whose year OCR cut short or
    damaged, its year the one year of the document's own dates that fits what is left."""
    head = [k for k in range(lo, min(hi, lo + 40)) if lines[k].text.strip()][:_HEAD_LINES]
    for i in head:
        m = _PARTIAL_RE.match(lines[i].text.strip())
        month = m and month_word(m["mon"])
        if not month:
            continue
        left = (m["y"] or "").translate(_DIGITS)
        if len(left) == 4 and 1940 <= int(left) < 1993:
            continue  # a whole year: the other readers' affair
        rest = lines[:i] + lines[i + 1 : min(hi, 400)]
        fit = sorted(y for y in _years(rest) if _fits(left, y))
        value = dates.make_date(fit[0], month, int(m["d"])) if len(fit) == 1 else None
        if value:
            return FoundDate(value, "day", 0, len(lines[i].text)), i
        return None
    return None


# The last resorts here, as datefallbacks.LAST_RESORTS lists them: (finder, rule, confidence,
# whether a reviewer's stamp could be what it found).
LAST_RESORTS = ((partial_year, "head-date-partial-year", 0.55, True),)
