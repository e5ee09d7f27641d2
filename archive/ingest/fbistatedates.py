"""FBI and State documents' dates, read again from the conventions of their forms.

- An FBI report (form FD-263) dates itself in the box of its cover page's first row:
  "REPORTING OFFICE | OFFICE OF ORIGIN | DATE | INVESTIGATIVE PERIOD", the row below it
  "PITTSBURGH | PITTSBURGH 8/3/64 5/11 - 7/29/64". The report was typed once the period it
  covers had closed, within days of it, so the period's end tells a damaged date box from a
  sound one and repairs it: a digit OCR misread ("8/3/66" beside a period ending 7/29/64; "1/22/64"
  beside one ending 7/13/64, a 7 read as 1), or a month lost ("efi8/59" beside 10/3/58 - 2/18/59).
  The box stands on the cover page: it outranks a date read on a later page (an enclosure's),
  and a cover page the anatomy took for a routing sheet (the form's printed "DISSEMINATION
  RECORD OF ATTACHED REPORT" box at its foot).

Each reading gets its own rule name, so that calibration measures it apart.
"""

import datetime
import re

from . import dates

# The report form's row of box labels ("INVESTIGATIVE PERIOD", OCR's "Investigative Period.").
_PERIOD_LABEL_RE = re.compile(r"(?i)\bINVEST\w{0,8}[ \t]+PERIOD\b")
# The period's end: the date after the range's dash or "to" ("5/1l_- 7/29/64", "12/16/63 to").
_PERIOD_END_RE = re.compile(
    r"(?:[-–—~_]|\bto\b)[ \t]*(?P<m>[01]?\d)/(?P<d>[0-3]?\d)/(?P<y>\d{2}|\d{4})(?![\d/])"
)
# The period's start, just before its dash ("10/3/58 - ", "6/14 - ").
_PERIOD_START_RE = re.compile(r"(?P<m>[01]?\d)/(?P<d>[0-3]?\d)(?:/(?P<y>\d{2}|\d{4}))?[ \t]*$")
_BOX_DATE_RE = re.compile(r"(?<![\d/])(?P<m>[01]?\d)/(?P<d>[0-3]?\d)/(?P<y>\d{2})(?![\d/])")
# A date box whose month OCR lost, its day and year left ("efi8/59": 18/59).
_DAY_YEAR_RE = re.compile(r"(?<![\d/])[^\s\d|/]{0,4}?(?P<d>[0-3il]?[\dil])/(?P<y>\d{2})(?![\d/])")
_STOP_RE = re.compile(r"(?i)\bREFERENCE|\bTITLE[ \t]+OF|\bCHARACTER\b")
# How long after the period's end a report was typed, at most, for a repair to stand.
_WINDOW = datetime.timedelta(days=60)
# The rules whose readings are a form's (an identification form's, a telegram's header).
_KEEP_RULES = ("rif", "form", "telegram")


def review(ctx, out) -> None:
    """Read the document's date again from its family's own date conventions."""
    if ctx.anatomy.form is not None:
        return  # NARA's identification form dates the record: the catalogue's own reading
    if str(out.rules.get("date") or "").startswith(_KEEP_RULES):
        return
    # The box stands on the document's first page (or in front of it, where the anatomy took
    # the cover page for a routing sheet): a report further on is an enclosure.
    page = ctx.lines[ctx.lo].page if ctx.lo < len(ctx.lines) else 0
    found = report_box(ctx.lines, page)
    if found:
        _take(out, ctx, *found)


def _take(out, ctx, value: datetime.date, i: int, rule: str, note: str) -> None:
    """Put a date read on line i in place of the one chosen, noting the one it replaces."""
    current = out.values.get("date")
    if current == value and out.values.get("date_precision") == "day":
        return
    line = ctx.lines[i]
    out.values["date"] = value
    out.values["date_precision"] = "day"
    out.confidence["date"] = out.confidence["date_precision"] = 0.8
    out.sources["date"] = (line.start, line.end)
    out.rules["date"] = rule
    out.rivals.pop("date", None)
    if isinstance(current, datetime.date):
        note += f" (instead of {current.isoformat()})"
    out.field_notes["date"] = note


def _period(text: str) -> tuple[datetime.date, str] | None:
    """The end of the investigative period a box row writes, when its start agrees with it,
    and the row's text before the period."""
    ends = list(_PERIOD_END_RE.finditer(text))
    if not ends:
        return None
    m = ends[-1]
    end = dates.make_date(dates.year4(m["y"]), int(m["m"]), int(m["d"]))
    if end is None:
        return None
    lead = text[: m.start()]
    if s := _PERIOD_START_RE.search(lead):
        lead = lead[: s.start()]
        start = s["y"] and dates.make_date(dates.year4(s["y"]), int(s["m"]), int(s["d"]))
        # A start after the end, or a year and more before it: one of them is misread.
        if s["y"] and (start is None or not start <= end <= start + datetime.timedelta(days=400)):
            return None
    return end, lead


def report_box(lines, page: int | None = None) -> tuple[datetime.date, int, str, str] | None:
    """The date of an FBI report's cover-page box (on a page up to `page`), checked against the
    period beside it: (date, line, rule, note), or None when there is none or it is unreadable."""
    head = next(
        (
            i
            for i, line in enumerate(lines[:90])
            if _PERIOD_LABEL_RE.search(line.text) and (page is None or line.page <= page)
        ),
        None,
    )
    if head is None:
        return None
    row = [i for i in range(head, min(len(lines), head + 12)) if lines[i].text.strip()][:6]
    for k, i in enumerate(row):
        text = lines[i].text
        if _STOP_RE.search(text) and i != head:
            return None
        period = _period(text)
        if period is None:
            continue
        end, lead = period
        # The box date stands before the period: on its line, or on a row above it.
        before = [(j, lines[j].text) for j in row[1:k]] + [(i, lead)]
        return _box_date(before, end)
    return None


def _box_date(before: list[tuple[int, str]], end: datetime.date):
    """The date box's value among the row's texts before the period, sound or repaired."""
    for j, text in reversed(before):
        for m in _BOX_DATE_RE.finditer(text):
            value = dates.make_date(dates.year4(m["y"]), int(m["m"]), int(m["d"]))
            if value and end <= value <= end + _WINDOW:
                return value, j, "fbi-report-box", "date: the report's date box"
            fits = _one_digit_fits(m.group(), end)
            if fits:
                note = f"date: the date box reads {m.group()!r}, the period ends {end:%m/%d/%y}"
                return fits[0], j, "fbi-report-box-repaired", note
            return None
        for m in _DAY_YEAR_RE.finditer(text):
            day = int(m["d"].replace("i", "1").replace("l", "1"))
            year = dates.year4(m["y"])
            fits = [
                d
                for month in range(1, 13)
                if (d := dates.make_date(year, month, day)) and end <= d <= end + _WINDOW
            ]
            if fits:
                note = f"date: the date box reads {m.group()!r}: its month taken from the period"
                return fits[0], j, "fbi-report-box-repaired", note
    return None


def _one_digit_fits(token: str, end: datetime.date) -> list[datetime.date]:
    """The dates one digit away from a box's misread M/D/YY that fall in the days after the
    period's end, nearest first."""
    found = set()
    for k, ch in enumerate(token):
        if not ch.isdigit():
            continue
        for digit in "0123456789":
            if digit == ch:
                continue
            m = _BOX_DATE_RE.fullmatch(token[:k] + digit + token[k + 1 :])
            value = m and dates.make_date(dates.year4(m["y"]), int(m["m"]), int(m["d"]))
            if value and end <= value <= end + _WINDOW:
                found.add(value)
    return sorted(found)
