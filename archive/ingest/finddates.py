"""The document's own date: a dateline, a date line, a labelled or form date, a cable's date-time
group, two-digit and damaged years read by the years the document mentions; never a stamp's,
a reviewer's or a print date (extract() runs date_fields)."""

import calendar
import datetime
import re
import unicodedata
from collections import Counter

from . import (
    datefallbacks,
    datelines,
    dates,
)
from .finders import line_span

_DIGIT_RE = re.compile(r"\d")

_SLASHED_RE = re.compile(r"(?<!\d)[0-3]?\d[/-][01]?\d[/-](?P<y>\d{2})(?!\d)")  # "25/11-63"


def date_fields(ctx, out) -> int | None:
    """The document's own date: the first plausible date standing alone near the top (or
    beside a 'Date:' label); returns the line index of the date line used."""
    kinds = ctx.anatomy.kinds
    years, written_years = _mentioned_years(ctx)
    era, written = _era(out, years), _era(out, written_years)
    candidates: list[tuple[int, dates.FoundDate, str]] = []
    if "date" not in out.values and (
        hit := datelines.report_origin(ctx.lines, ctx.lo, ctx.page_end)
    ):
        out.offer_date(
            "date", (hit[0], "day"), 0.85, span=line_span(ctx, hit[1]), rule="fbi-origin"
        )
    for i in range(ctx.lo, ctx.page_end):
        if hit := _date_line(ctx, i, era, written):
            candidates.append((i, *hit))
    _check_label_year(out, years)
    if hit := _date_above_header(ctx, kinds):
        candidates.insert(0, hit)
    chosen = None
    for i, found, rule in candidates:
        value, how = _plausible(found.value, years)
        if value is None:
            continue
        if chosen is None:
            chosen = (i, found._replace(value=value), rule + how)
            break
    if chosen:
        i, first, rule = chosen
        others = {f.value for k, f, _ in candidates if f.value != first.value and 0 < k - i < 30}
        di = "directorate" in out.values or "crest_id" in out.values
        conf = {"alone": 0.9 if di else 0.8, "inline-label": 0.85}.get(rule, 0.6)
        if rule.startswith(("alone-short-year", "alone-dirty")):
            conf = 0.7  # right about six times in ten: a cable's date-time group outranks them
        elif rule.startswith("alone-repaired-month"):
            conf = 0.75
        note = None
        if rule == "damaged-year":
            note = f"date: the year was damaged by OCR ({ctx.lines[i].text.strip()!r})"
        if (
            rule == "alone"
            and i == _first_own_line(ctx)
            and _DATELINE_PLACE_RE.match(ctx.lines[i].text)
        ):
            # "Washington, June 14, 1989" opening the document (FRUS, State, NSC): its dateline
            # outranks a DATE label below it, which dates the meeting it prepares.
            rule, conf = "dateline", 0.92
        elif others and rule == "alone":
            conf -= 0.2
            rule = "alone-contested"
            shown = ", ".join(sorted(d.isoformat() for d in others)[:3])
            note = f"date: more dates near the top ({first.value.isoformat()}; {shown})"
        elif rule.endswith("-repaired"):
            read = found_year(candidates, i)
            note = f"date: year read as {read}, taken as {first.value.year} (its other dates)"
        out.offer_date(
            "date", (first.value, first.precision), conf, note, span=line_span(ctx, i), rule=rule
        )
        return i
    if hit := _column_date(ctx, years):
        i, found, rule = hit
        conf = 0.6 if rule == "column" else 0.75
        out.offer_date(
            "date", (found.value, found.precision), conf, span=line_span(ctx, i), rule=rule
        )
    hi = min(len(ctx.lines), ctx.lo + 200)
    if hit := datelines.dispatch_block(ctx.lines, ctx.lo, hi):
        found, i = hit
        value, how = _plausible(found.value, years)
        if value is not None:
            rule = "dispatch-form" + how
            out.offer_date("date", (value, "day"), 0.85, span=line_span(ctx, i), rule=rule)
    own = ctx.own_text(3000)
    if hit := datelines.teletype(own):
        out.offer_date("date", (hit[0], "day"), 0.8, rule="teletype")
    if hit := datelines.cable_dtg(ctx.lines, ctx.lo, min(len(ctx.lines), ctx.lo + 60), ctx.noise):
        found, i = hit
        value, how = _plausible(found.value, years)
        # A cable's time of receipt (TOR) may fall a day or more after it was sent.
        kind = "cable-dtg-receipt" if "TOR" in ctx.lines[i].text.upper() else "cable-dtg"
        if value is not None:
            out.offer_date("date", (value, "day"), 0.75, span=line_span(ctx, i), rule=kind + how)
    # Last resorts, in order, only while nothing has dated the document.
    for finder, rule, confidence, stamped in datefallbacks.LAST_RESORTS:
        if "date" in out.values or not (hit := finder(ctx.lines, 0, len(ctx.lines))):
            continue
        found, i = hit
        value, how = _plausible(found.value, years)
        if value is None or (stamped and _review_stamp(ctx.lines[i].text, found, written)):
            continue
        date = (value, found.precision)
        out.offer_date("date", date, confidence, span=line_span(ctx, i), rule=rule + how)
    return None


_PARAGRAPH_RE = re.compile(r"^\W{0,3}(?:1[ \t]?[.,]|Dear[ \t])")


def _column_date(ctx, years: list[int]) -> tuple[int, dates.FoundDate, str] | None:
    """A date in the right-hand column of a header line above the first paragraph, beside
    a letterhead, a handling stamp, a dispatch number or MEMORANDUM FOR THE RECORD."""
    kinds = ctx.anatomy.kinds
    for i in range(ctx.lo, min(ctx.page_end, ctx.lo + 40)):
        text = ctx.lines[i].text
        if _PARAGRAPH_RE.match(text):
            return None
        if ctx.noise(i) and not (kinds[i] == "stamp" and datelines.unstamped(text)):
            continue
        if len(text.strip()) > 70 or not _DIGIT_RE.search(text):
            continue
        hit = datelines.column(text)
        if hit is None or datelines.near_stamp(ctx.lines, kinds, i) or datelines.stamp_form(text):
            continue
        found, rule = hit
        value, how = _plausible(found.value, years)
        if value is not None and how == "":
            return i, found, rule
    return None


_NUMERIC_DATE_RE = re.compile(r"\d[/-]\d")

_FOUR_DIGIT_YEAR_RE = re.compile(r"(?:19|20)\d{2}")

_TOKEN_RE = re.compile(r"[A-Za-z]+|\d+")

_MONTH_NAMES = [name.upper() for name in calendar.month_name]

_WEEKDAYS = {"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"}

_TIME_RE = re.compile(
    r"(?i)\b\d{1,4}(?:[:.]\d{2})?[ \t]?(?:[-–—][ \t]?\d{1,4}(?:[:.]\d{2})?)?[ \t]?"
    r"(?:a\.?m\.?|p\.?m\.?|hours|noon)(?:[ \t]?[-–—][ \t]?(?:noon|midnight))?"
)

_DATELINE_PLACE_RE = re.compile(r"^\W{0,3}[A-Z][A-Za-z .'’-]{2,30},[ \t]+")


def _date_line(ctx, i: int, era, written) -> tuple[dates.FoundDate, str] | None:
    """The date line i holds, if it can be the document's own date, with its rule."""
    if ctx.noise(i):
        return None
    text = ctx.lines[i].text
    if not _DIGIT_RE.search(text):
        return None
    found = datelines.date_only(text) if len(text) <= 60 else None
    rule = "alone"
    if found is None and len(text) <= 40:
        found, rule = datelines.damaged(text, era), "damaged-year"
    if found is None:
        found = datelines.inline_label(text)
        rule = "inline-label-blank" if "__" in text else "inline-label"
        return (found, rule) if found else None
    kinds = ctx.anatomy.kinds
    if datelines.near_stamp(ctx.lines, kinds, i) or _review_stamp(text, found, written):
        return None
    if datelines.stamp_form(text) or datelines.continues_sentence(ctx.lines, i, ctx.lo):
        return None
    if rule == "alone" and found.precision == "month" and (day := _split_day(ctx, i, found)):
        return day, "alone-split-day"
    return found, _alone_kind(text, found) if rule == "alone" else rule


_BARE_DAY_RE = re.compile(r"^\W{0,2}([0-3]?\d)\W{0,2}$")


def _split_day(ctx, i: int, found: dates.FoundDate) -> dates.FoundDate | None:
    """A month-and-year line whose day OCR put alone on the line above ("24 / June 1976")."""
    above = [k for k in range(i - 1, max(ctx.lo - 1, i - 3), -1) if ctx.lines[k].text.strip()]
    m = _BARE_DAY_RE.match(ctx.lines[above[0]].text.strip()) if above else None
    value = m and dates.make_date(found.value.year, found.value.month, int(m[1]))
    return found._replace(value=value, precision="day") if value else None


def _check_label_year(out, years: list[int]) -> None:
    """A DATE label's year the document's other dates disown ("DATE: 14 January 1950" in a
    memo citing 1960 throughout): repaired by one digit when they agree on one year, else
    marked doubtful under a rule of its own."""
    value = out.values.get("date")
    if out.rules.get("date") != "label" or not isinstance(value, datetime.date):
        return
    fixed, how = _plausible(value, years)
    if how == "":
        return
    out.rules["date"] = "label-repaired" if fixed else "label-disowned"
    if fixed:
        out.values["date"] = fixed
        out.field_notes["date"] = f"date: year read as {value.year}, taken as {fixed.year}"
    else:
        out.confidence["date"] = min(out.confidence["date"], 0.5)


def _date_above_header(ctx, kinds) -> tuple[int, dates.FoundDate, str] | None:
    """A date line just above the memo's first header line that the routing sheet before it
    swallowed ("WH/SA 64-532 / 23 June 1964 / MEMORANDUM FOR : Director of Security")."""
    seen = 0
    for i in range(ctx.lo - 1, max(-1, ctx.lo - 8), -1):
        text = ctx.lines[i].text
        if not text.strip():
            continue
        if kinds[i] != "routing" or seen >= 3:
            return None
        seen += 1
        found = datelines.date_only(text) if len(text) <= 40 else None
        if found and not datelines.stamp_form(text):
            return i, found, "alone-above-header"
    return None


def _first_own_line(ctx) -> int | None:
    """The first non-empty line of the document's own text."""
    for i in range(ctx.lo, min(len(ctx.lines), ctx.lo + 40)):
        if not ctx.noise(i) and ctx.lines[i].text.strip():
            return i
    return None


def _alone_kind(text: str, found: dates.FoundDate) -> str:
    """The rule of a date line, by how sure such lines are (measured apart): "alone" for a
    clean date with a four-digit year, "alone-month" for a month alone, "alone-short-year"
    for a two-digit year (stamps write those), "alone-repaired-month" for a month's name OCR
    damaged ("4 Hovember 1957"), "alone-dirty" for a date among OCR junk."""
    if found.precision != "day":
        return "alone-month"
    if str(found.value.year) not in text:
        return "alone-short-year"
    line = _TIME_RE.sub(" ", _DATELINE_PLACE_RE.sub("", text))
    line = unicodedata.normalize("NFKD", line).encode("ascii", "ignore").decode()
    value = found.value
    mine = {str(value.day), f"{value.day:02d}", str(value.year)}
    junk, repaired = 0, 0
    for token in _TOKEN_RE.findall(line):
        if token in mine or token.upper() in _WEEKDAYS:
            continue
        exact = len(token) <= 4 or token.upper() == _MONTH_NAMES[value.month]
        if token.isalpha() and exact and dates.month_number(token) == value.month:
            continue
        if token.isalpha() and datelines.month_word(token) == value.month:
            repaired = max(repaired, datelines.month_edits(token))
            continue
        junk += len(token)
    if junk > 2:
        return "alone-dirty"
    return ("alone", "alone-repaired-month", "alone-repaired-month2")[repaired]


def _review_stamp(text: str, found: dates.FoundDate, era: int | None) -> bool:
    """A numeric date decades after the record's era ("KP 5-18-98", "6/19/93"): the hand of a
    reviewer who released the record, not the document's own date."""
    numeric = _NUMERIC_DATE_RE.search(text[found.start : found.end])
    return bool(numeric) and era is not None and found.value.year - era >= 15


def found_year(candidates, i) -> int:
    """The year of the date candidate read from line i."""
    return next(f.value.year for k, f, _ in candidates if k == i)


def _mentioned_years(ctx) -> tuple[list[int], list[int]]:
    """Years of the full dates in the document's own text (stamps left out): all of them, and
    those of dates with the month in words (reviewers stamp numeric dates)."""
    text = ctx.own_text(30000)
    years, written = [], []
    for pattern in (dates.DMY_RE, dates.MDY_RE, dates.NUMERIC_RE, _SLASHED_RE):
        for m in pattern.finditer(text):
            year = dates.year4(m["y"])
            if year and 1940 <= year <= 2005:
                years.append(year)
                if pattern in (dates.DMY_RE, dates.MDY_RE):
                    written.append(year)
    return sorted(years), written


def _plausible(value: datetime.date, years: list[int]) -> tuple[datetime.date | None, str]:
    """The date, or the date with its year repaired, if it fits the years the document
    mentions; (None, "") when it does not ("" means unchanged, "-repaired" repaired).

    A memo does not cite dates years after its own, and its own date is not decades before
    or after everything it mentions: such a year is OCR damage ("1957" for 1967) or a stamp.
    """
    if value.year < 1940 or value.year > 2005:
        fixed = _repair_year(value, years)
        return (fixed, "-repaired") if fixed else (None, "")
    if len(years) < 3:
        return value, ""
    low = years[len(years) // 10]
    high = years[-1]
    if low - 1 <= value.year <= high + 1:
        return value, ""
    fixed = _repair_year(value, years)
    return (fixed, "-repaired") if fixed else (None, "")


def _repair_year(value: datetime.date, years: list[int]) -> datetime.date | None:
    """A year one digit away from the document's commonest years, if there is exactly one."""
    if len(years) < 2:
        return None
    common = Counter(years).most_common(3)
    text = f"{value.year:04d}"
    hits = {
        year
        for year, n in common
        if n >= 2 and sum(a != b for a, b in zip(text, str(year), strict=True)) == 1
    }
    if len(hits) != 1:
        return None
    year = hits.pop()
    try:
        return value.replace(year=year)
    except ValueError:
        return None


def _era(out, years: list[int]) -> int | None:
    """The year the record most likely belongs to (for damaged years): the form's date, else
    the commonest year the document mentions."""
    if isinstance(out.values.get("date"), datetime.date):
        return out.values["date"].year
    return Counter(years).most_common(1)[0][0] if years else None
