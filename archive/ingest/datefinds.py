"""More last resorts for a document's date, for layouts the other readers do not know; each
is tried only while nothing else dated the document (datefallbacks.LAST_RESORTS).

- `report_box`: the FBI report form (FD-263) whose DATE box holds the date typed month first,
  in words ("OCT 8" / "1059", "JAN 26:061"), its year often lost to OCR: the year is read from
  the box when the report's own dates confirm it, else from the latest date the report gives
  (a report is dated after everything it reports).
- `dtg_in_range`: a cable filed behind a NARA identification form whose COMMENTS give the
  folder's span ("Vietnam, 10/29/63-10/31/63") while the cable's header gives only its
  date-time group ("DTG 301039Z"): the one day of the span that the group names.
- `era_year`: a date standing alone above the memo's first header line whose year OCR made
  impossible ("27 November 1902", "15 JUNE 2977"), taken with the one year one digit away that
  the document's other dates give, even when that year is given once only.
"""

import datetime
import re

from . import dates
from .datelines import date_only, month_word
from .dates import FoundDate
from .patterns import Line

REVIEW_ERA = 1993  # reviewers' and release stamps' years (the Review Board began in 1993)
_NUMERIC_RE = re.compile(r"(?<![\d/])([01]?\d)/([0-3]?\d)/(\d{2})(?![\d/])")


def _numeric_dates(lines: list[Line], hi: int) -> list[datetime.date]:
    """The numeric dates ("10/5/59") typed in the first lines, reviewers' years left out."""
    found = []
    for line in lines[:hi]:
        for m in _NUMERIC_RE.finditer(line.text):
            value = dates.make_date(dates.year4(m[3]), int(m[1]), int(m[2]))
            if value and value.year < REVIEW_ERA:
                found.append(value)
    return found


_PERIOD_RE = re.compile(r"(?i)INVESTIGATIVE[ \t]+PERIOD")
_BOX_LABEL_RE = re.compile(r"(?i)^\W{0,3}DATE\b(?:[ \t]+INVESTIGATIVE[ \t]+PERIOD)?\W{0,3}$")
# "OCT 8", "JAN 26:061", "DEC 2 8 108%": the month first, the day (OCR may split it in two),
# then whatever OCR left of the year.
_BOX_VALUE_RE = re.compile(
    r"^\W{0,3}(?P<mon>[A-Z]{3,4})\.?[ \t]+(?P<d>[0-3]?\d(?:[ \t]\d(?!\d))?)"
    r"(?P<rest>[^A-Za-z]{0,8})$"
)
_YEAR_LINE_RE = re.compile(r"^\W{0,3}(?P<y>[\dOIl]{2,4})\W{0,3}$")


def _box_year(rest: str, below: str) -> str | None:
    """The last two digits OCR left of the box's year, on its line or the line below."""
    digits = re.sub(r"\D", "", rest.translate(str.maketrans("OIl", "011")))
    if len(digits) < 2 and (m := _YEAR_LINE_RE.match(below)):
        digits = m["y"].translate(str.maketrans("OIl", "011"))
    return digits[-2:] if len(digits) >= 2 else None


def report_box(lines: list[Line], lo: int, hi: int) -> tuple[FoundDate, int] | None:
    """The date in an FBI report form's DATE box typed month first in words, with its line."""
    top = min(hi, lo + 60)
    if not any(_PERIOD_RE.search(lines[i].text) for i in range(lo, top)):
        return None
    for i in range(lo, top):
        if not _BOX_LABEL_RE.match(lines[i].text):
            continue
        below = [k for k in range(i + 1, min(hi, i + 10)) if lines[k].text.strip()][:4]
        for n, k in enumerate(below):
            m = _BOX_VALUE_RE.match(lines[k].text.strip())
            month = m and dates.month_number(m["mon"])
            if not month or len(m["mon"]) == 4 and m["mon"] not in ("SEPT", "JUNE", "JULY"):
                continue
            day = int(m["d"].replace(" ", ""))
            after = lines[below[n + 1]].text if n + 1 < len(below) else ""
            value = _report_year(lines, hi, month, day, _box_year(m["rest"], after))
            return (FoundDate(value, "day", 0, len(lines[k].text)), k) if value else None
        return None
    return None


def _report_year(lines, hi, month: int, day: int, tail: str | None) -> datetime.date | None:
    """The report's date from its box's month and day: the year the box shows when the
    report's own dates give it, else the year of the latest of them if the date falls on or
    after it (and within a year)."""
    reported = _numeric_dates(lines, min(hi, 400))
    if not reported:
        return None
    years = {d.year for d in reported}
    if tail is not None and (year := dates.year4(tail)) in years:
        return dates.make_date(year, month, day)
    latest = max(reported)
    value = dates.make_date(latest.year, month, day)
    return value if value and 0 <= (value - latest).days <= 120 else None


# "DTG 3010392", "LODGESTG 30/10302": OCR reads Z as 2 and may run the label into a name.
_DTG_RE = re.compile(r"[DS]TG[ \t]{0,3}(?P<d>[0-3]\d)[ \t/]?[0-2]\d[0-5]\d[Z2](?!\d)")
_COMMENTS_RE = re.compile(r"(?i)^\W{0,3}COMMENTS\W")
_SPAN_RE = re.compile(
    r"(?<![\d/])([01]?\d)/([0-3]?\d)/(\d{2})[ \t]?[-–][ \t]?([01]?\d)/([0-3]?\d)/(\d{2})(?![\d/])"
)


def dtg_in_range(lines: list[Line], lo: int, hi: int) -> tuple[FoundDate, int] | None:
    """The day a cable's date-time group names within the span the form's COMMENTS give."""
    span = None
    for i in range(lo, min(hi, lo + 80)):
        if _COMMENTS_RE.match(lines[i].text) and (m := _SPAN_RE.search(lines[i].text)):
            first = dates.make_date(dates.year4(m[3]), int(m[1]), int(m[2]))
            last = dates.make_date(dates.year4(m[6]), int(m[4]), int(m[5]))
            if first and last and 0 <= (last - first).days <= 31:
                span = (first, last)
            break
    if span is None:
        return None
    for i in range(lo, min(hi, lo + 160)):
        if not (m := _DTG_RE.search(lines[i].text)):
            continue
        days = [
            span[0] + datetime.timedelta(days=n)
            for n in range((span[1] - span[0]).days + 1)
            if (span[0] + datetime.timedelta(days=n)).day == int(m["d"])
        ]
        if len(days) == 1:
            return FoundDate(days[0], "day", m.start(), m.end()), i
        return None
    return None


_MEMO_HEADER_RE = re.compile(
    r"^\W{0,3}(?:MEMORANDUM\b|MEMO\w{0,12}[ \t]+FOR\b|SUBJECT[ \t]*:)", re.IGNORECASE
)
# "27 November 1902", "15 JUNE 2977": a day, a month, and a four-digit year.
_ANY_YEAR_RE = re.compile(
    r"^\W{0,3}(?P<d>[0-3]?\d)[ \t]+(?P<mon>[A-Za-z]{3,9})\.?,?[ \t]+(?P<y>\d{4})\W{0,3}$"
)
_YEARS_RE = (dates.DMY_RE, dates.MDY_RE, dates.NUMERIC_RE)


def _years(lines: list[Line]) -> set[int]:
    """The years of the full dates the text gives, within the corpus's era."""
    found = set()
    for line in lines:
        for pattern in _YEARS_RE:
            for m in pattern.finditer(line.text):
                year = dates.year4(m["y"])
                if year and 1940 <= year < REVIEW_ERA:
                    found.add(year)
    return found


def era_year(lines: list[Line], lo: int, hi: int) -> tuple[FoundDate, int] | None:
    """A date line just above the memo's first header whose year is impossible, its year
    repaired to the one year one digit away that the document's other dates give."""
    first = next(
        (k for k in range(lo, min(hi, lo + 80)) if _MEMO_HEADER_RE.match(lines[k].text)), None
    )
    if first is None:
        return None
    above = [k for k in range(first - 1, max(lo - 1, first - 6), -1) if lines[k].text.strip()]
    for i in above[:2]:
        m = _ANY_YEAR_RE.match(lines[i].text.strip())
        month = m and month_word(m["mon"])
        if not month or 1940 <= int(m["y"]) < 2006:
            continue
        near = [
            y
            for y in _years(lines)
            if sum(a != b for a, b in zip(m["y"], str(y), strict=True)) == 1
        ]
        value = dates.make_date(near[0], month, int(m["d"])) if len(near) == 1 else None
        if value:
            return FoundDate(value, "day", 0, len(lines[i].text)), i
    return None


# An NSC memorandum of conversation's "DATE, TIME AND PLACE:" label, whose last words OCR put
# on the next line, leaving a comma before the date ("DATE, TIME, September 25, 1994, 4:35").
_DATE_TIME_RE = re.compile(
    r"(?i)^\W{0,3}DATE,?[ \t]*(?:AND[ \t]+)?TIME\b[ \t]*,?[ \t]*(?:AND[ \t]+PLACE\b)?"
    r"[ \t]*[:;,.]?[ \t]*(?P<rest>\S[^\n]{3,})$"
)


def date_time_label(lines: list[Line], lo: int, hi: int) -> tuple[FoundDate, int] | None:
    """The date after a memorandum of conversation's DATE, TIME (AND PLACE) label."""
    for i in range(lo, min(hi, lo + 80)):
        m = _DATE_TIME_RE.match(lines[i].text.strip())
        found = m and dates.find_date(m["rest"], month_only=False)
        if found and found.start <= 2:
            return found, i
    return None


# A teletype's precedence line whose date OCR damaged by a letter read for a digit
# ("URGENT h-17-62": h for 4).
_TELETYPE_RE = re.compile(
    r"\b(?:NITEL|TELETYPE|URGENT|IMMEDIATE)[ \t]{1,3}(?P<m>[\dhOolI]{1,2})[-/]"
    r"(?P<d>[\dOolIS]{1,2})[-/](?P<y>[\dOolIS]{2})\b"
)
_DIGITS = str.maketrans("hOolIS", "400115")


def teletype_repaired(lines: list[Line], lo: int, hi: int) -> tuple[FoundDate, int] | None:
    """The date of a teletype's precedence line with a digit OCR read as a letter."""
    for i in range(lo, min(hi, lo + 80)):
        m = _TELETYPE_RE.search(lines[i].text)
        if not m or m.group().translate(_DIGITS) == m.group():
            continue
        month, day, year = (m[k].translate(_DIGITS) for k in ("m", "d", "y"))
        value = dates.make_date(dates.year4(year), int(month), int(day))
        if value:
            return FoundDate(value, "day", m.start("m"), m.end("y")), i
    return None


# An Army agent report's row of boxes: "1. NAME OF SUBJECT OR TITLE OF INCIDENT  2. DATE
# SUBMITTED" on one line, the values under them on the next ("SLOBODA, ... 16 November 1960").
_ROW_LABEL_RE = re.compile(r"(?i)[A-Z]{3}[^\n]{8,}\bDATE[ \t]+SUBMITTED\W{0,3}$")
_LAST_DATE_RE = (dates.DMY_RE, dates.MDY_RE)


def form_row(lines: list[Line], lo: int, hi: int) -> tuple[FoundDate, int] | None:
    """The date under a DATE SUBMITTED box that ends a row of a form's boxes: the date
    ending the row of values below it."""
    for i in range(lo, min(hi, lo + 60)):
        text = lines[i].text
        if len(text) > 200 or "SUBMITTED" not in text.upper() or not _ROW_LABEL_RE.search(text):
            continue
        for k in [k for k in range(i + 1, min(hi, i + 5)) if lines[k].text.strip()][:2]:
            text = lines[k].text.rstrip()
            for pattern in _LAST_DATE_RE:
                hits = [m for m in pattern.finditer(text) if len(m["y"]) == 4]
                found = hits and dates.find_date(hits[-1].group())
                if found and len(text[hits[-1].end() :].strip(" .|")) == 0:
                    return found._replace(start=hits[-1].start(), end=hits[-1].end()), k
        return None
    return None


# The FBI's letters and airtels begin with the addressee and its file number, the date typed
# at the right ("SAC, New York (100-42479)   Date: 3/10/66"), its label often lost to OCR.
_ADDRESS_RE = re.compile(
    r"(?i)^\W{0,3}(?:TO\W{1,3})?(?:SAC|DIRECTOR|LEGAT)\b[^\n]{0,50}\([ \t]?\d{1,3}[ \t]?-[ \t]?"
    r"\d[\d-]{1,10}[ \t]?\)[^\n/]{0,14}?[ \t](?P<m>[01]?\d)/(?P<d>[0-3]?\d)/(?P<y>\d{2})\W{0,3}$"
)


def fbi_address_line(lines: list[Line], lo: int, hi: int) -> tuple[FoundDate, int] | None:
    """The date at the right of an FBI letter's or airtel's addressee line, when the report's
    other dates give its year (a misread year is not taken)."""
    for i in range(lo, min(hi, lo + 30)):
        m = _ADDRESS_RE.match(lines[i].text.strip())
        if not m:
            continue
        value = dates.make_date(dates.year4(m["y"]), int(m["m"]), int(m["d"]))
        rest = lines[:i] + lines[i + 1 : min(hi, 200)]
        others = {d.year for d in _numeric_dates(rest, len(rest))}
        if value and value.year in others:
            start = lines[i].text.index(m.group().strip()[:3])
            return FoundDate(value, "day", start + m.start("m"), start + m.end("y")), i
        return None
    return None


# An office memorandum's DATE box between its FROM and SUBJECT lines, its label lost to OCR and
# OCR dirt after it ("FROM : SAC, Mexico City / 10/8/70 _iz}.4 / SUBJECT: ...").
_FROM_RE = re.compile(r"(?i)^\W{0,3}FROM\b")
_SUBJECT_LINE_RE = re.compile(r"(?i)^\W{0,3}SUBJECT\b")
_SLOT_RE = re.compile(
    r"^\W{0,3}(?P<m>[01]?\d)/(?P<d>[0-3]?\d)/(?P<y>\d{2})(?![\d/])(?P<rest>.{0,12})$"
)


def memo_slot(lines: list[Line], lo: int, hi: int) -> tuple[FoundDate, int] | None:
    """A numeric date opening a line between a memorandum's FROM and SUBJECT lines, with no
    word after it, when the memo's other dates give its year."""
    start = next((k for k in range(lo, min(hi, lo + 40)) if _FROM_RE.match(lines[k].text)), None)
    if start is None:
        return None
    for i in range(start + 1, min(hi, start + 10)):
        text = lines[i].text.strip()
        if _SUBJECT_LINE_RE.match(text):
            return None
        m = _SLOT_RE.match(text)
        if not m or re.search(r"[A-Za-z]{3}", m["rest"]):
            continue
        value = dates.make_date(dates.year4(m["y"]), int(m["m"]), int(m["d"]))
        rest = lines[:i] + lines[i + 1 : min(hi, 200)]
        if value and value.year in {d.year for d in _numeric_dates(rest, len(rest))}:
            return FoundDate(value, "day", m.start("m"), m.end("y")), i
        return None
    return None


# The FBI's older report form (FD-204), often behind the report's cover pages: "Report of:
# SA ...  Office: Miami, Florida / Date: March 26, 1962", its boxes read apart by OCR ("Report
# of: / Date: / WILLIAM A. HAMILTON / March 26, 1962") or its label garbled ("iad FEB 151963").
_REPORT_OF_RE = re.compile(r"(?i)^\W{0,3}Report[ \t]+of[ \t]?:")
_LABEL_RE = re.compile(r"^\W{0,3}(?:Date\b|[A-Za-z]{1,4}(?=[ \t]))\W{0,3}")
_MONTH_FIRST_RE = re.compile(
    r"^(?P<mon>[A-Z]{3})\.?[ \t]{0,2}(?P<d>[0-3]?\d)[ \t]{0,2}(?P<y>19\d\d)\W{0,3}$"
)


def report_of(lines: list[Line], lo: int, hi: int) -> tuple[FoundDate, int] | None:
    """The date under an FBI report form's "Report of:" line: on its Date line, or alone on
    one of the lines below it."""
    for i in range(lo, min(hi, lo + 400)):
        if not _REPORT_OF_RE.match(lines[i].text):
            continue
        below = [k for k in range(i + 1, min(hi, i + 12)) if lines[k].text.strip()][:5]
        for k in below:
            text = lines[k].text.strip()
            label = _LABEL_RE.match(text)
            core = text[label.end() :] if label else text
            found = date_only(core) or date_only(text)
            m = _MONTH_FIRST_RE.match(core)
            month = m and dates.month_number(m["mon"])
            if not found and month:
                value = dates.make_date(int(m["y"]), month, int(m["d"]))
                found = FoundDate(value, "day", 0, len(text)) if value else None
            if found:
                return found, k
        return None
    return None


# A White House or NSC memorandum's date under its letterhead's WASHINGTON, with a reader's
# handwritten marks beside it that OCR read as junk ("August 5, 1995 QS aue§. als yd").
_WASHINGTON_RE = re.compile(r"^\W{0,3}WASHINGTON\b(?P<rest>[^\n]{0,16})$")


def under_letterhead(lines: list[Line], lo: int, hi: int) -> tuple[FoundDate, int] | None:
    """A written date opening one of the lines just under a letterhead's WASHINGTON line,
    whatever short marks follow it."""
    for i in range(lo, min(hi, lo + 30)):
        m = _WASHINGTON_RE.match(lines[i].text.strip())
        if not m or re.search(r"[a-z]{4}", m["rest"]):
            continue
        for k in [k for k in range(i + 1, min(hi, i + 6)) if lines[k].text.strip()][:2]:
            text = lines[k].text.strip()
            m = dates.MDY_RE.match(text) or dates.DMY_RE.match(text)
            found = m and dates.find_date(m.group())
            if found and not re.search(r"[A-Za-z]{4}", text[m.end() :]):
                return found._replace(start=m.start(), end=m.end()), k
        return None
    return None


# A "Date:" label whose year OCR ran into a mark after it ("Date: 11 January. 19541").
_DIRTY_YEAR_RE = re.compile(
    r"(?i)^\W{0,3}Date[ \t]?[:;.][ \t]*(?P<value>[0-3]?\d[ \t.]+[A-Za-z]{3,9}\.?,?[ \t]+"
    r"(?:19|20)\d\d)[\dIl|]\W{0,2}$"
)


def dirty_year(lines: list[Line], lo: int, hi: int) -> tuple[FoundDate, int] | None:
    """The date of a Date label whose four-digit year has one stray mark run into it."""
    for i in range(lo, min(hi, lo + 80)):
        m = _DIRTY_YEAR_RE.match(lines[i].text.strip())
        found = m and dates.find_date(m["value"], month_only=False)
        if found:
            return found, i
    return None


# The last resorts here, as datefallbacks.LAST_RESORTS lists them: (finder, rule, confidence,
# whether a reviewer's stamp could be what it found).
LAST_RESORTS = (
    (report_box, "fbi-report-date-box", 0.7, False),
    (dtg_in_range, "dtg-day-in-span", 0.6, False),
    (era_year, "alone-era-year", 0.6, False),
    (date_time_label, "memcon-date-time", 0.8, False),
    (teletype_repaired, "teletype-repaired", 0.6, False),
    (form_row, "form-row-date", 0.7, False),
    (fbi_address_line, "fbi-address-line", 0.6, False),
    (memo_slot, "memo-slot-date", 0.6, False),
    (report_of, "fbi-report-of-date", 0.7, False),
    (under_letterhead, "letterhead-date-annotated", 0.75, False),
    (dirty_year, "label-year-dirt", 0.6, False),
)
