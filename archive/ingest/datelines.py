"""The date a document gives itself, found on its own lines near the top of its first page.

A memo's date stands alone on a line ("28 December 1984"), ends its dateline ("Washington,
March 31, 1989"), follows a city on an FBI letterhead memorandum, or is typed beside another
header field ("TO : Chief, Security Support Division   Date: 18 May 1960"). Lines that are not
the document's own (stamps, page furniture, the identification form, routing sheets) are passed
over, and so are dates that continue a sentence.
"""

import re
import unicodedata

from . import dates, monthnames
from .dates import FoundDate
from .patterns import Line, strip_markdown

_DIGIT_RE = re.compile(r"\d")
_DATED_STAMP_RE = re.compile(
    r"(?i)declassif|review|authority|classified[ \t]by|(?-i:\bBY\b)|approved[ \t]for|release"
    r"|regraded|FOIA|searched|indexed|serialized|filed"
)
_QUOTES_RE = re.compile(r"(?<=[A-Za-z])[’'`\"]+|^[\W]{0,2}[1lI|](?=[0-3]\d[ \t]?[A-Za-z])")
# A date label anywhere on a header line (two-column headers), its OCR damage tolerated.
_INLINE_DATE_RE = re.compile(
    # A form's blank filled in on the line ("DATE___2 August 1960").
    r"(?:^|[ \t])(?i:date)[ \t]*_{2,}[ \t]*(?P<value4>[^\n]{4,40})$|"
    r"(?:^|[ \t]{2,}|\|[ \t]*)(?:DATE|Date|PATE|DATF|Dated)[ \t]?[:;.?]{0,2}["
    r" \t]*(?P<value>[^\n]{4,40})$"
    r"|(?:^\W{0,2}|[ \t])(?i:date|pate|datf|dats|datb|parz)"
    r"(?:[ \t]?[:;]|[ \t](?=[0-3]?\d[ \t/-]))[ \t]*"
    r"(?P<value2>[^\n]{4,40})$"
    # A CIA information report's "DATE DISTR." ("DATE OXSTR 18 August 1964").
    r"|(?:^|[ \t])DATE[ \t]+\w{0,2}[IXx1l]?STR\.?[ \t]*(?P<value3>[^\n]{4,40})$"
)
_TELETYPE_DATE_RE = re.compile(
    r"\b(?:NITEL|TELETYPE|URGENT|IMMEDIATE)[ \t]{1,3}(\d{1,2})[-/](\d{1,2})[-/](\d{2})\b"
)
# "13 DEC 163", "4 MAY 1O59": a year OCR damaged, read by the record's era.
_DAMAGED_RE = re.compile(
    r"^\W{0,3}(?P<d>[0-3]?\d)[ \t]{0,2}(?P<mon>[A-Za-z]{3,9})\.?,?[ \t]{0,3}"
    r"(?P<y>[1l]?[9]?[0-9OoIl]{2,3}|\d{3})\W{0,3}$"
)
# What may follow a dateline's date: a time ("3–4 p.m.", "11 a.m.–noon"), OCR dirt.
_TIME_TAIL_RE = re.compile(
    r"^[ \t]*[,;.]?[ \t]*(?:\d{1,4}(?:[:.]\d{2})?[ \t]?(?:[-–—][ \t]?\d{1,4}(?:[:.]\d{2})?)?[ \t]?"
    r"(?:a\.?m\.?|p\.?m\.?|hours|EST|EDT|Z)?(?:[ \t]?[-–—][ \t]?(?:noon|midnight))?"
    r"[ \t,;.]*){1,2}$",
    re.IGNORECASE,
)
# "November 2-3, 1962", "2-3 November 1962": a meeting over days is dated by its first.
_RANGE_RE = re.compile(
    r"^\W{0,3}(?:(?P<mon1>[A-Z][a-z]{2,8})[ \t]+(?P<d1>[0-3]?\d)[ \t]?[-–—][ \t]?[0-3]?\d,?[ \t]+"
    r"(?P<y1>(?:19|20)\d{2})|(?P<d2>[0-3]?\d)[ \t]?[-–—][ \t]?[0-3]?\d["
    r" \t]+(?P<mon2>[A-Z][a-z]{2,8})"
    r"[ \t]+(?P<y2>(?:19|20)\d{2}))\W{0,3}$"
)
_PLACE_RE = re.compile(r"^\W{0,3}[A-Z][A-Za-z .'’-]{2,30},[ \t]+")
_JUNK_TAIL_RE = re.compile(
    r"^[ \t]{1,}[\w.,'\"|~*-]{0,4}(?:[ \t]{1,3}[\w.,'\"|~*-]{0,4}){0,2}[ \t]*$"
)


# "NOV 9 1964", "DEC 9 = 1963": the FBI's received and serialized stamps print the month
# first, in capitals, without a comma; a typed date does not (tuning part: none of 7 right).
_STAMP_FORM_RE = re.compile(
    r"(?<![A-Za-z])(?:JAN|FEB|MAR|APR|MAY|JUNE?|JULY?|AUG|SEPT?|OCT|NOV|DEC)\.?[ \t]{1,3}"
    r"[0-3]?\d(?:[ \t]+[=\-~.*]?[ \t]*|[=\-~.*][ \t]*|(?=19\d{2}(?!\d)))(?:19)?\d{2}(?!\d)"
)


def stamp_form(text: str) -> bool:
    """The line holds a date in the form date stamps print ("NOV 9 1964")."""
    return bool(_STAMP_FORM_RE.search(text))


def time_tail(tail: str) -> bool:
    """What follows a date is a time of day ("3–4 p.m.", "11 a.m.–noon") or nothing."""
    return bool(_TIME_TAIL_RE.match(tail))


def continues_sentence(lines: list[Line], i: int, lo: int) -> bool:
    """Line i ends a sentence begun on the line above ("... at 3:05 p.m.,")."""
    k = i - 1
    while k >= lo and not lines[k].text.strip():
        k -= 1
    if k < lo or i - k > 1:
        return False
    prev = lines[k].text.rstrip()
    words = prev.split()
    # OCR garbage above a date ("yfnaterdy") is not a sentence: it needs a few real words.
    return bool(prev) and prev[-1] in ",;" or len(words) >= 4 and prev[-1].islower()


def near_stamp(lines: list[Line], kinds: list[str], i: int) -> bool:
    """Line i sits within two lines of a review stamp (whose date it may be) or a routing
    sheet; handling stamps ("RETURN TO CIA / Background Use Only") do not count. A stamp prints
    its date on or after its words, so a stamp below the date must be the very next line
    ("10 November 1953 / BY / DECLASSIFIED": the form's date, not the stamp's)."""
    for step, most in ((-1, 2), (1, 1)):
        k, seen = i + step, 0
        while 0 <= k < len(lines) and seen < most and abs(k - i) < 6:
            if lines[k].text.strip():
                if kinds[k] in ("routing", "form"):
                    return True
                if kinds[k] == "stamp" and _DATED_STAMP_RE.search(lines[k].text):
                    return True
                seen += 1
            k += step
    return False


def date_only(text: str) -> FoundDate | None:
    """A line that is a date, with a dateline before it or a little junk after it."""
    found = dates.date_only_line(strip_markdown(text))
    if found:
        return found
    cleaned = _QUOTES_RE.sub("", text.strip())  # "118 March' 1968": OCR dirt around a date
    if cleaned != text.strip() and (found := dates.date_only_line(cleaned)):
        return found._replace(start=0, end=len(text))
    core = text.strip()
    if len(core) > 60:
        return None
    lead = _PLACE_RE.match(core)
    offset = lead.end() if lead and not dates.find_date(lead.group()) else 0
    found = dates.find_date(core[offset:], numeric=not offset)
    if found and found.start <= 3:
        tail = core[offset + found.end :]
        if _JUNK_TAIL_RE.match(tail or " ") or _TIME_TAIL_RE.match(tail):
            # "16 September 1958 3 pa" (OCR junk), "Washington, June 7, 1989, 3-4 p.m."
            start = text.index(core) + offset
            return found._replace(start=found.start + start, end=found.end + start)
    if len(core) <= 45 and (found := loose(core)):
        start = text.index(core)
        return found._replace(start=found.start + start, end=found.end + start)
    if m := _RANGE_RE.match(core):
        month = dates.month_number(m["mon1"] or m["mon2"])
        value = (
            dates.make_date(int(m["y1"] or m["y2"]), month or 0, int(m["d1"] or m["d2"]))
            if month
            else None
        )
        if value:
            return FoundDate(value, "day", text.index(core), text.index(core) + len(core))
    return None


_TOKEN_RE = re.compile(r"[A-Za-z]+|\d+")
_WEEKDAYS = ("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")
_MONTH_NAMES = (
    "JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY", "AUGUST", "SEPTEMBER",
    "OCTOBER", "NOVEMBER", "DECEMBER",
)  # fmt: skip


month_edits = monthnames.edits  # how many letters of a damaged month's name OCR changed


def month_word(word: str) -> int | None:
    """A month from a name OCR may have damaged by a letter ("Macch", "Hovember")."""
    return _month(word)


def _month(word: str) -> int | None:
    """A month from a name OCR may have damaged by a letter ("Macch", "Hovember")."""
    upper = word.upper()
    exact = dates.month_number(word)
    if exact and (len(upper) == 3 or upper in _MONTH_NAMES or upper.rstrip(".") in ("SEPT",)):
        return exact
    if len(upper) == 4 and upper[0] in "DIL1T" and upper[1:] in ("ULY", "UNE"):
        return 7 if upper[1:] == "ULY" else 6  # OCR's J read as d, I, l or T ("27 duly 1995")
    if len(upper) < 5:
        return None
    hits = [k for k, name in enumerate(_MONTH_NAMES, 1) if dates.levenshtein_1(upper, name)]
    return hits[0] if len(hits) == 1 else None if hits else monthnames.far_month(upper)


def loose(text: str) -> FoundDate | None:
    """A line that holds a written date and nothing but junk beside it (OCR dirt, a weekday,
    damaged month letters): "Friday - 3 Décember 1976", "‘ee ee . 8 November 1967-—"."""
    flat = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    tokens = [(m.group(), m.start(), m.end()) for m in _TOKEN_RE.finditer(flat)]
    for k in range(len(tokens) - 2):
        (a, sa, _ea), (b, _sb, _eb), (c, _sc, ec) = tokens[k : k + 3]
        if a.isdigit() and c.isdigit() and len(c) in (2, 4) and not b.isdigit():
            day, month, year = int(a), _month(b), c
        elif not a.isdigit() and b.isdigit() and c.isdigit() and len(c) == 4:
            day, month, year = int(b), _month(a), c
        else:
            continue
        if month is None or not 1 <= day <= 31:
            continue
        value = dates.make_date(dates.year4(year), month, day)
        if value is None:
            continue
        rest = [t for t, _, _ in tokens[:k] + tokens[k + 3 :]]
        words = [t for t in rest if t.isalpha() and len(t) >= 4 and t.upper() not in _WEEKDAYS]
        junk = sum(len(t) for t in rest if t.upper() not in _WEEKDAYS)
        if words or junk > 8:
            return None
        return FoundDate(value, "day", sa, ec)
    return None


def damaged(text: str, era: int | None) -> FoundDate | None:
    """A date whose year OCR damaged ("13 DEC 163"), read by the era; None if it is unsure."""
    if era is None:
        return None
    m = _DAMAGED_RE.match(text.strip())
    if not m:
        return None
    month = dates.month_number(m["mon"], fuzzy=len(m["mon"]) == 3)
    digits = m["y"].translate(str.maketrans("OoIl", "0011"))
    if month is None or not digits.isdigit():
        return None
    year = None
    tail = digits[-2:]
    for candidate in (1900 + int(tail), 2000 + int(tail)):
        if abs(candidate - era) <= 3:
            year = candidate
    value = dates.make_date(year, month, int(m["d"])) if year else None
    if value is None:
        return None
    start = text.index(m.group().strip()[:1])
    return FoundDate(value, "day", start, start + len(m.group().strip()))


# The labels of other dates a header line may carry: a database's "UPDATE DATE", a review's.
_OTHER_DATE_RE = re.compile(r"(?i)\b(?:UPDATE|REVIEW|PRINT\w*|LAST|RELEASE\w*)[ \t]*DATE\W*$")


def inline_label(text: str) -> FoundDate | None:
    """A 'Date:' label beside another header field, and the date after it."""
    m = _INLINE_DATE_RE.search(text)
    if not m:
        return None
    group = next(g for g in ("value", "value2", "value3", "value4") if m[g])
    if not _DIGIT_RE.search(m[group]) or _OTHER_DATE_RE.search(text[: m.start(group)]):
        return None
    found = dates.find_date(m[group], numeric=True) or loose(m[group])
    if not found or found.start > 3:
        return None
    offset = m.start(group)
    return found._replace(start=found.start + offset, end=found.end + offset)


# Handling stamps that share a line with a CIA memo's date ("Do Not Reproduce 20 October 1976",
# "13 December 1978 Background Use Only", "URN TO CIA"), as OCR leaves them.
_HANDLING_RE = re.compile(
    r"(?i)\b[DO0][o0][ \t]+Not[ \t]+Rep\w*|\bNot[ \t]+Reproduc\w*|\b(?:Background[ \t]+)?\w{0,3}"
    r"[ \t]?Use[ \t]+Only\b|\b(?:RET)?URN[ \t]+TO[ \t]+C\w{1,2}A\b"
)
_RECORD_RE = re.compile(r"(?i)^\W{0,3}(?:MEMORANDUM[ \t]+)?FOR[ \t]+T\w{1,2}[ \t]+RECORD\W{0,3}$")
# What a date continuing a sentence, a reference or a typist's line follows: not the memo's own.
_NOT_OWN_RE = re.compile(
    r"(?i)(?:\b(?:on|of|dated|since|until|through|thru|from|to|and|by|in|at|born|DOB|POB|ref\w*"
    r"|memo\w*|letter|cable|dispatch|report|per|as|before|after|about|received|sent|issued"
    r"|written|signed|prepared|approved|held|made)\W{0,3}"
    r"|[A-Z0-9/]{2,}:[a-z]{1,4}\W{0,3}|\d[ \t]?[-–—]|\w['’]s|[,;])$"
    r"|\d{3}"  # a file, case or informant number before the date
)
# A CIA dispatch's symbol and number, typed in the column before its date.
_DISPATCH_RE = re.compile(r"(?<![\w])[A-Z]{4}[ \t-]{0,2}\d{4,6}\W{0,2}$")
_NO_DATE_TAIL_RE = re.compile(r"^[ \t]*\S{0,8}(?:[ \t]+\S{1,3}){0,2}[ \t]*$")


def _last_full_date(line: str) -> FoundDate | None:
    """The last written date with a four-digit year on a line (two-digit years in a line's
    right-hand column are mostly stamps: "86 OCT 15 9:50 October 15, 1986")."""
    last = None
    for pattern in (dates.DMY_RE, dates.MDY_RE):
        for m in pattern.finditer(line):
            if len(m["y"]) != 4 or last is not None and m.start() < last.start:
                continue
            day = int(m["d"].replace(" ", ""))
            value = dates.make_date(int(m["y"]), dates.month_number(m["mon"]) or 0, day)
            if value:
                last = FoundDate(value, "day", m.start(), m.end())
    return last


_DISPATCH_BLOCK_RE = re.compile(r"(?i)SYMBOL[ \t]+AND[ \t]+\w{0,2}[UN]\w{0,2}BER")


def dispatch_block(lines: list[Line], lo: int, hi: int) -> tuple[FoundDate, int] | None:
    """The date in a CIA dispatch form's block ("DISPATCH SYMBOL AND NUMBER / HMMA 22588 /
    CLASSIFICATION / SECRET / DATE / 6 December 1963"), with its line."""
    for i in range(lo, hi):
        if not _DISPATCH_BLOCK_RE.search(lines[i].text):
            continue
        seen = 0
        for k in range(i, min(len(lines), i + 30)):
            text = lines[k].text
            if not text.strip():
                continue
            seen += 1
            if seen > 12:
                break
            found = _last_full_date(
                text[_DISPATCH_BLOCK_RE.search(text).end() :] if k == i else text
            )
            if found:
                return found, k
        return None
    return None


_ORIGIN_RE = re.compile(r"(?i)OFFICE[ \t]+OF[ \t]+ORIGIN[ \t]+DATE\b")
_ORIGIN_DATE_RE = re.compile(r"(?<![\d/-])([01]?\d)/([0-3]?\d)/(\d{2}|\d{4})(?![\d/])")


def report_origin(lines: list[Line], lo: int, hi: int) -> tuple[object, int] | None:
    """The date under an FBI report form's "OFFICE OF ORIGIN  DATE" labels, typed after the
    offices ("DALLAS DALLAS 9/24/58"), when its REPORTING OFFICE label is lost to OCR."""
    for i in range(lo, hi):
        if not _ORIGIN_RE.search(lines[i].text):
            continue
        for k in range(i + 1, min(len(lines), i + 5)):
            m = _ORIGIN_DATE_RE.search(lines[k].text)
            tail = lines[k].text[m.end() :] if m else ""
            if m and not re.match(r"[ \t]*[-–—~][ \t]*\d", tail):
                value = dates.make_date(dates.year4(m[3]), int(m[1]), int(m[2]))
                return (value, k) if value else None
        return None
    return None


def unstamped(text: str) -> str | None:
    """The line with its handling stamps blanked (offsets kept), or None when it has none."""
    blank = _HANDLING_RE.sub(lambda m: " " * len(m.group()), text)
    return blank if blank != text else None


def column(text: str) -> tuple[FoundDate, str] | None:
    """A written date in the right-hand column of a header line ("Office of Legislative
    Counsel 26 March 1979", "Do Not Reproduce 20 October 1976"), with the kind of line it is
    on: "column-stamp" beside a handling stamp, "column-record" after MEMORANDUM FOR THE
    RECORD, else "column". None when the date continues a sentence or a reference."""
    blank = unstamped(text)
    line = blank if blank is not None else text
    found = _last_full_date(line)
    if not found:
        return None
    before, after = line[: found.start].strip(), line[found.end :]
    if len(before) > 40 or not _NO_DATE_TAIL_RE.match(after) or re.search(r"[a-z]{4}", after):
        return None
    if _DISPATCH_RE.search(before) and not re.search(r"(?i)ref|dated|\bof\b", before):
        return found, "column-dispatch"  # "HMMA-22726 16 January 1964": number, then date
    if before and _NOT_OWN_RE.search(before):
        return None
    if blank is not None:
        return found, "column-stamp"
    if _RECORD_RE.match(before):
        return found, "column-record"
    return found, "column"


def teletype(text: str) -> tuple[object, int, int] | None:
    """The date in a teletype's precedence line ("URGENT 4-17-62")."""
    m = _TELETYPE_DATE_RE.search(text)
    if not m:
        return None
    value = dates.make_date(dates.year4(m[3]), int(m[1]), int(m[2]))
    return (value, m.start(1), m.end(3)) if value else None


_CABLE_DTG_LINE_RE = re.compile(
    r"(?i)\b(?:S[ \t]?E[ \t]?C[ \t]?R[ \t]?E[ \t]?T|CONFIDENTIAL|UNCLAS\w*|TOP[ \t]SECRET|CITE"
    r"|STAFF"
    r"|DIRECTOR|PRIORITY|ROUTINE|IMMEDIATE|OPIM|FLASH)\b"
)


def cable_dtg(lines: list[Line], lo: int, hi: int, noise) -> tuple[FoundDate, int] | None:
    """The date-time group of a cable's own header line ("SECRET 241830Z AUG 76 STAFF"),
    else of its time of receipt ("TOR: 220354Z JUL 78")."""
    receipt = None
    for i in range(lo, hi):
        if noise(i):
            continue
        text = lines[i].text
        hit = dates.find_dtg(text)
        if not hit:
            continue
        found = hit[0]
        if _CABLE_DTG_LINE_RE.search(text) and "TOR" not in text.upper():
            return found, i
        if receipt is None:
            receipt = (found, i)
    return receipt
