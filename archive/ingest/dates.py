"""Date parsing for OCR'd memos: written-out dates, numeric dates, telegram date-time groups.

Every parser returns None instead of raising on an impossible date (1984-02-31), so a
garbled stamp simply yields no value.
"""

import datetime
import re
from typing import NamedTuple

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MON = (
    r"(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_FULL_MON = (
    r"(?P<mon>January|February|March|April|May|June|July|August|September|October"
    r"|November|December)"
)
# "28 December 1984", "28Dec84", "3 1 JAN 1980" (spaced digits on stamps), "4 MAY 1959",
# "18.October 1995" and "5 ‘April 1978" (OCR dirt between day and month).
DMY_RE = re.compile(
    r"(?<![\w/$#])(?P<d>[0-3]?\d|[0-3] \d)[ \t]{0,3}(?:[.‘’'`][ \t]{0,2})?"
    + _MON
    + r"\.?,?[ \t]{0,3}"
    r"(?P<y>(?:19|20)\d{2}|\d{2})(?![\w/])",
    re.IGNORECASE,
)
# "December 28, 1984", "March 1 , 1993", "February      27, 1993", "Oct. 9, 1986".
MDY_RE = re.compile(
    r"(?<![\w])" + _MON + r"\.?[ \t]{1,12}(?P<d>[0-3]?\d)(?:st|nd|rd|th)?[ \t]{0,2},?"
    r"[ \t]{0,3}(?P<y>(?:19|20)\d{2})(?!\d)",
    re.IGNORECASE,
)
# "November 1976" (month precision; full month names only, abbreviations are too noisy).
MY_RE = re.compile(r"(?<![\w])" + _FULL_MON + r",?[ \t]{1,3}(?P<y>(?:19|20)\d{2})(?!\d)", re.I)
# US numeric "08/01/1963", "4/14/76", "12-6-71".
NUMERIC_RE = re.compile(
    r"(?<![\d/-])(?P<m>[01]?\d)(?P<sep>[/-])(?P<d>[0-3]?\d)(?P=sep)(?P<y>(?:19|20)?\d{2})(?![\d/-])"
)
# Telegram date-time group: "O 091517Z OCT 86", "P 262340Z JAN 77"; OCR turns Z into 2 and
# may lower letters of the month ("1422072 ocT 86"; one capital or digit is left).
DTG_RE = re.compile(
    r"(?<![\w])(?P<d>[0-3]\d)(?P<hh>[0-2]\d)(?P<mi>[0-5]\d)[Z2][ \t,.]{0,3}"
    r"(?P<mon>(?=[a-z]{0,2}[A-Z0-9])[A-Za-z0-9]{3})[ \t]{1,3}(?P<y>\d{2})(?!\d)"
)
_OCR_MONTH = str.maketrans({"0": "O", "Q": "O", "5": "S", "1": "I", "8": "B"})
_ABBRS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")


class FoundDate(NamedTuple):
    """A parsed date with its precision and its span in the searched string."""

    value: datetime.date
    precision: str
    start: int
    end: int


def year4(y: str) -> int | None:
    """Expand a 2-digit year (the corpus runs 1940s-2000s); pass 4-digit years through."""
    if not y.isdigit():
        return None
    n = int(y)
    if len(y) == 2:
        return 1900 + n if n >= 40 else 2000 + n
    return n if 1900 <= n <= 2099 else None


def make_date(y: int | None, m: int, d: int) -> datetime.date | None:
    """Build a date or return None when it is impossible (e.g. 31 February)."""
    if y is None:
        return None
    try:
        return datetime.date(y, m, d)
    except ValueError:
        return None


def month_number(token: str, fuzzy: bool = False) -> int | None:
    """Map a month name or abbreviation to 1-12; fuzzy allows one OCR-damaged letter."""
    key = token.strip(". ").lower()[:3]
    if key in _MONTHS:
        return _MONTHS[key]
    if not fuzzy or len(token) != 3:
        return None
    fixed = token.upper().translate(_OCR_MONTH)
    hits = [
        i
        for i, a in enumerate(_ABBRS, 1)
        if sum(x != y for x, y in zip(a, fixed, strict=True)) <= 1
    ]
    return hits[0] if len(hits) == 1 else None


def _dmy(m: re.Match) -> datetime.date | None:
    return make_date(year4(m["y"]), _MONTHS[m["mon"][:3].lower()], int(m["d"].replace(" ", "")))


def _mdy(m: re.Match) -> datetime.date | None:
    return make_date(year4(m["y"]), _MONTHS[m["mon"][:3].lower()], int(m["d"]))


def find_date(s: str, numeric: bool = False, month_only: bool = True) -> FoundDate | None:
    """Return the earliest valid written date in s (numeric m/d/y forms only if asked)."""
    found: list[FoundDate] = []
    day_form = False  # an impossible "31 February 1984" must not fall back to "February 1984"
    for m in DMY_RE.finditer(s):
        day_form = True
        value = _dmy(m)
        if value:
            found.append(FoundDate(value, "day", m.start(), m.end()))
            break
    for m in MDY_RE.finditer(s):
        day_form = True
        value = _mdy(m)
        if value:
            found.append(FoundDate(value, "day", m.start(), m.end()))
            break
    if numeric:
        for m in NUMERIC_RE.finditer(s):
            value = make_date(year4(m["y"]), int(m["m"]), int(m["d"]))
            if value:
                found.append(FoundDate(value, "day", m.start(), m.end()))
                break
    if not found and month_only and not day_form:
        for m in MY_RE.finditer(s):
            y = year4(m["y"])
            if y:
                value = datetime.date(y, _MONTHS[m["mon"][:3].lower()], 1)
                found.append(FoundDate(value, "month", m.start(), m.end()))
                break
    if not found:
        return None
    return min(found, key=lambda f: f.start)


def find_dtg(s: str) -> tuple[FoundDate, bool] | None:
    """Find a telegram date-time group; the flag says the month needed OCR repair."""
    for m in DTG_RE.finditer(s):
        month = month_number(m["mon"])
        repaired = False
        if month is None:
            month = month_number(m["mon"], fuzzy=True)
            repaired = True
        if month is None:
            continue
        value = make_date(year4(m["y"]), month, int(m["d"]))
        if value:
            return FoundDate(value, "day", m.start(), m.end()), repaired
    return None


def parse_rif_date(s: str) -> tuple[datetime.date, str] | None:
    """Parse NARA's mm/dd/yyyy where 00 parts mean unknown: returns (date, precision)."""
    m = re.search(r"(?<!\d)(\d{2})/(\d{2})/(\d{4})(?!\d)", s)
    if not m:
        return None
    mo, d, y = int(m[1]), int(m[2]), int(m[3])
    if y == 0 or not 1900 <= y <= 2099:
        return None
    if mo == 0:
        return datetime.date(y, 1, 1), "year"
    if d == 0:
        value = make_date(y, mo, 1)
        return (value, "month") if value else None
    value = make_date(y, mo, d)
    return (value, "day") if value else None


_DATE_LINE_RE = re.compile(r"^[\W_]{0,4}(?:Washington,?[ \t]{1,3})?")


def date_only_line(s: str) -> FoundDate | None:
    """Return the date when a line holds nothing but a date (plus a dateline or dirt)."""
    core = s.strip()
    if not core or len(core) > 48:
        return None
    lead = _DATE_LINE_RE.match(core)
    core = core[lead.end() :] if lead else core
    found = find_date(core, numeric=True)
    if not found:
        return None
    rest = (core[: found.start] + core[found.end :]).strip(" \t.,;:-_|*'\"`~•")
    return found if len(rest) <= 2 else None


def levenshtein_1(a: str, b: str) -> bool:
    """Whether two words are at most one edit apart."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) <= 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))
