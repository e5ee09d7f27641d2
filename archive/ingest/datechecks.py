"""A second look at the date a document was given, for readings its own text disowns.

The finders choose a document's date by where it stands; some of the dates so chosen are
recognisably not the document's own, or read wrongly by OCR, once the text around them is
weighed:

- a day OCR damaged at its first or last digit ("(]8 Sept 75)", "$1 JAN 1961", "2h December
  1959"): repaired when only one day fits, marked doubtful when none does ("2? Nov 63");
- a year no other date of the document shares, one digit away from a later one it writes
  twice or more ("DATE DISTR. 24 SEPTEMBER 1953" above "DATE OF INFO: SEPTEMBER 1963"):
  OCR's 3 for 8, 5 for 6, the year repaired;
- a date a reference cites ("REFERENCE: Your Memorandum, Dated / 16 June 1964"), or one that ends
  a sentence broken by a blank line ("a similar anonymous telephone call on / 15 October 1962."):
  kept under a rule of its own, measured apart (the catalogue dates some of these documents by
  the date they cite);
- a date written on a routing and record sheet, above its foot ("0 3 MAR 1977 / BUT USE
  PREVIOUS / EDITIONS"), when the memo it routes follows: kept under a rule of its own;
- an FBI report's date before the end of the investigative period typed beside it ("1/22/64
  12/16/63 to 7/13/64": a 7 read as 1): doubtful;
- a reviewer's release date in a declassification stamp ("DECLASSIFIED BY 5668 SLD/KS / ON /
  2-26-94."), decades after the record: doubtful.

Each reading so changed gets its own rule name, so that calibration measures it apart.
"""

import bisect
import datetime
import re
from collections import Counter

from . import calibration, dates

# The finders' readings of a date standing in the text (not a form's, a telegram's header's).
_TEXT_RULES = ("alone", "label", "inline-label", "column", "info-report", "dateline")
# A day with one OCR-damaged digit: a 1 read as ] | l I !, a 3 read as $; a 4 read as h, a
# digit lost to ?.
_DAMAGED_DAY_RE = re.compile(
    r"(?<![\w$])(?P<pre>[\]|lI!$])?(?P<d>[0-3]?\d)(?P<post>[?h])?[ \t]{0,2}[.‘’'`]?[ \t]{0,2}"
    + dates._MON
    + r"\.?,?[ \t]{0,3}(?P<y>(?:19|20)?\d{2})(?![\w/])",
    re.IGNORECASE,
)
_LEADING_ONE = "]|lI!"
_REFERENCE_RE = re.compile(r"(?i)^\W{0,3}REF\w{0,8}[ \t]*[:;.]")
_DATED_END_RE = re.compile(r"(?i)\bdated\W{0,3}$")
_DATED_START_RE = re.compile(r"(?i)^\W{0,3}dated\b")
_HEADER_RE = re.compile(
    r"(?i)^\W{0,3}(?:SUBJECT|MEMORANDUM)\b|^\W{0,3}(?:FROM|TO)[ \t]*:|^\W{0,3}1[ \t]?[.,]"
)
# A sentence broken before its date: several words, ending in a preposition (a cable's "DEPART
# O/A/", on or about).
_SENTENCE_END_RE = re.compile(
    r"(?i)\b(?:on|of|since|until|through|from|in|at|before|after|by|O/A)\W?$"
)
_DECLASSIFIED_RE = re.compile(r"(?i)\bdecl?ass\w*|^\W{0,2}ON\W{0,2}$")
# A CIA routing and record sheet's foot, or its comments column's heading, below a date: the
# date a routing officer wrote, not the memo's (which follows the sheet).
_ROUTING_FOOT_RE = re.compile(
    r"(?i)\bUSE[ \t]+PREVIOUS\b|^\W{0,3}E\w{0,3}TIONS\W{0,3}$|COMMENTS[ \t]*\(Num"
)
_PERIOD_END_RE = re.compile(r"(?:\bto|[-–—~=])[ \t]*([01]?\d)/([0-3]?\d)/(\d{2}|\d{4})(?![\d/])")
_NUMERIC_RE = re.compile(r"\d[/-]\d")
_FOUR_DIGIT_YEAR_RE = re.compile(r"(?:19|20)\d{2}")


def review(ctx, out) -> None:
    """Look again at the document's date, repairing or marking what its text disowns."""
    value, rule, span = out.values.get("date"), out.rules.get("date") or "", out.sources.get("date")
    if not isinstance(value, datetime.date) or span is None:
        return
    i = _line_at(ctx.lines, span[0])
    if i is None or rule.endswith("-repaired"):
        return
    text = ctx.text[span[0] : span[1]]
    checks = (_before_period,) if rule == "fbi-report" else ()
    if rule.startswith(_TEXT_RULES):
        checks = (_damaged_day, _later_year, _cited, _review_stamp, _routing_date)
    for check in checks:
        if hit := check(ctx, i, text, value, rule):
            found, suffix, confidence, note = hit
            out.values["date"] = found.value if found else value
            if found:
                out.values["date_precision"] = found.precision
            out.rules["date"] = rule + suffix
            if found is None and confidence >= calibration.FLOOR:
                # A doubt never raises the confidence the rule has earned, nor, unless the
                # reading is doubtful, drops it below the floor (calibration measures it).
                earned = _earned(rule, out.confidence.get("date", 1.0))
                confidence = round(max(calibration.FLOOR, min(confidence, earned)), 2)
            out.confidence["date"] = confidence
            out.confidence["date_precision"] = out.confidence["date"]
            out.field_notes["date"] = note
            return


def _earned(rule: str, given: float) -> float:
    """The confidence a date rule has earned: its measured one, else the finder's."""
    figure = calibration.table().get(calibration.key("date", rule))
    return calibration.scale(figure) if figure is not None else given


def _line_at(lines, offset: int) -> int | None:
    """The index of the line holding a text offset."""
    starts = [line.start for line in lines]
    k = bisect.bisect_right(starts, offset) - 1
    return k if 0 <= k < len(lines) and offset <= lines[k].end else None


def _damaged_day(ctx, i, text, value, rule):
    """A day whose first or last digit OCR damaged: repaired when one day fits the month,
    else the reading is marked doubtful."""
    for m in _DAMAGED_DAY_RE.finditer(text):
        # Two digits make a whole day: the mark beside them is a rule or dirt, not a digit.
        if not (m["pre"] or m["post"]) or m["pre"] and m["post"] or len(m["d"]) != 1:
            continue
        month = dates.month_number(m["mon"])
        year = dates.year4(m["y"])
        if month != value.month or year != value.year or value.day not in (int(m["d"]), 1):
            continue
        if m["post"] == "?":
            return None, "-damaged-day", 0.3, f"date: its day is damaged ({m.group()!r})"
        if m["pre"]:
            days = ["1" + m["d"]] if m["pre"] in _LEADING_ONE else ["3" + m["d"], "5" + m["d"]]
        else:
            days = [m["d"] + "4"]
        fits = [d for d in (dates.make_date(year, month, int(x)) for x in days) if d]
        if len(fits) != 1:
            return None, "-damaged-day", 0.3, f"date: its day is damaged ({m.group()!r})"
        note = f"date: day read as {m.group()!r}, taken as {fits[0].day}"
        return dates.FoundDate(fits[0], "day", 0, 0), "-day-repaired", 0.7, note
    return None


def _one_digit(a: int, b: int) -> bool:
    """Two years that differ in one digit."""
    return sum(x != y for x, y in zip(str(a), str(b), strict=True)) == 1


def _later_year(ctx, i, text, value, rule):
    """A written year no other date of the document shares (nor the year beside it), one
    digit away from a later year it writes at least twice: OCR's misreading of that year."""
    if str(value.year) not in _FOUR_DIGIT_YEAR_RE.findall(text):
        return None
    line = ctx.lines[i]
    others = []
    for pattern in (dates.DMY_RE, dates.MDY_RE):
        for m in pattern.finditer(ctx.text[:30000]):
            if len(m["y"]) == 4 and not line.start <= m.start() <= line.end:
                others.append(int(m["y"]))
    if any(abs(year - value.year) <= 1 for year in others):
        return None
    counts = Counter(year for year in others if 1940 <= year <= 2005)
    near = [y for y, n in counts.items() if n >= 2 and y - value.year >= 2]
    near = [y for y in near if _one_digit(y, value.year)]
    if len(near) != 1:
        return None
    try:
        fixed = value.replace(year=near[0])
    except ValueError:
        return None
    note = f"date: year read as {value.year}, taken as {fixed.year} (its later dates)"
    return dates.FoundDate(fixed, "day", 0, 0), "-year-later", 0.7, note


def _above(lines, i: int, most: int, blanks: int = 8) -> list[str]:
    """The texts of up to `most` non-empty lines above line i, nearest first."""
    found, k = [], i - 1
    while k >= 0 and len(found) < most and i - k <= most + blanks:
        if lines[k].text.strip():
            found.append(lines[k].text.strip())
        k -= 1
    return found


def _cited(ctx, i, text, value, rule):
    """A date a reference cites, or the end of a sentence a blank line broke."""
    above = _above(ctx.lines, i, 6)
    line = ctx.lines[i].text
    note = "date: it may be the date of a message the document cites"
    if above and _DATED_END_RE.search(above[0]):
        return None, "-referenced", 0.5, note
    if _DATED_START_RE.match(line):
        for prior in above:
            if _HEADER_RE.match(prior):
                break
            if _REFERENCE_RE.match(prior):
                return None, "-referenced", 0.5, note
    if not rule.startswith("alone") or not above:
        return None
    prev = above[0]
    # Adjacent lines are the finders' affair (datelines.continues_sentence): here a blank one.
    broken = i >= 2 and not ctx.lines[i - 1].text.strip()
    if broken and len(prev.split()) >= 4 and _SENTENCE_END_RE.search(prev):
        return None, "-in-sentence", 0.3, "date: it ends a sentence of the text"
    return None


def _review_stamp(ctx, i, text, value, rule):
    """A numeric date of the 1990s under a declassification stamp's words (or its "ON"),
    in a record that writes no date of that time: the reviewer's release, not the record's."""
    if value.year < 1990 or not _NUMERIC_RE.search(text) or _FOUR_DIGIT_YEAR_RE.search(text):
        return None
    written = (dates.DMY_RE, dates.MDY_RE, dates.MY_RE)
    for m in (m for pattern in written for m in pattern.finditer(ctx.text[:30000])):
        if len(m["y"]) == 4 and abs(int(m["y"]) - value.year) <= 5:
            return None
    if any(_DECLASSIFIED_RE.search(prior) for prior in _above(ctx.lines, i, 4)):
        return None, "-review-stamp", 0.3, "date: a declassification stamp's date"
    return None


def _below(lines, i: int, most: int) -> list[str]:
    """The texts of up to `most` non-empty lines below line i, nearest first."""
    found = [line.text.strip() for line in lines[i + 1 : i + 1 + 3 * most] if line.text.strip()]
    return found[:most]


def _routing_date(ctx, i, text, value, rule):
    """A date standing alone just above a routing and record sheet's foot."""
    if not rule.startswith("alone") or not any(
        _ROUTING_FOOT_RE.search(after) for after in _below(ctx.lines, i, 2)
    ):
        return None
    return None, "-routing-sheet", 0.55, "date: a routing sheet's date, perhaps not the memo's"


def _before_period(ctx, i, text, value, rule):
    """An FBI report's date earlier than the end of the investigative period on its line."""
    ends = list(_PERIOD_END_RE.finditer(ctx.lines[i].text))
    if not ends:
        return None
    m = ends[-1]
    end = dates.make_date(dates.year4(m[3]), int(m[1]), int(m[2]))
    if end is None or value >= end:
        return None
    return None, "-before-period", 0.3, "date: before the end of the period it reports on"
