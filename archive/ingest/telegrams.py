"""State Department telegram headers: message number, date-time group, FM/TO, SUBJECT.

Microfilmed cables OCR badly, so every field is voted or cross-checked where the cable
repeats it (the page header "PAGE 02 REYKJA 02091 091551Z" repeats on every page).
"""

import re
from collections import Counter
from typing import NamedTuple

from .dates import FoundDate, find_dtg, make_date, month_number, year4
from .labels import clean_value
from .patterns import Line, letters_ratio, levenshtein, squash, trim_junk

TELEGRAM_RE = re.compile(
    r"TEXT[ \t]OF[ \t]TELEG\w{1,4}|^[ \t]*[OPRZ0]{1,2}[ \t]{1,3}\d{6}[Z2][ \t,.]", re.M
)
_TEXT_OF_RE = re.compile(
    r"TEXT[ \t]OF[ \t]TELEG\w{1,4}[ \t]{1,3}(?P<yy>[S8][G6O]{0,2}?[0-9])[ \t]?"
    r"(?P<post>[A-Z][A-Z0-9]{3,7}?)[ \t]?(?P<num>[0-9OS]{5,6})\b"
)
_PAGE_RE = re.compile(
    r"PAGE[ \t]{1,3}[0-9O]{2}[ \t]{1,6}(?P<post>[A-Z]{4,8})[ \t]{1,3}(?P<num>\d{5,6})\b"
)
_FM_RE = re.compile(r"^[ \t]*F[MlI1][ \t]{1,3}(?P<v>[A-Z][^\n]{2,60})$")
_TO_RE = re.compile(r"^[ \t]*TO[ \t]{1,3}(?P<v>[A-Z][^\n]{2,80})$")
_STOP_RE = re.compile(r"^[ \t]*(?:INFO|BT|UNCLAS|LIMITED|CONFIDENTIAL|SECRET|E\.?[O0]\.|C O N)")
_PRECEDENCE_RE = re.compile(
    r"(?:[ \t]+(?:IMME\w{0,5}|PRIOR\w{0,4}|ROUTINE|NIACT|FLASH|\d{1,5}|[^\w\s]{1,3}|\w))+[ \t]*$"
)
# The addressee line's tail: the precedence (OCR-garbled: "IMNEOIATE", "NIALT") and the serial
# ("TO SECSTATE WASHDC IMMEDIATE 2.", "TO AMEMBASSY TEL AVIV PRIORITY"): never the addressee.
_TO_PRECEDENCE_RE = re.compile(
    r"(?:[ \t]+(?:I[MN]{2}E\w{0,5}|PRI[O0]R\w{0,4}|R[O0]UTINE|N[I1]A[A-Z]T|FLASH"
    r"|\d{1,5}|[^\w\s]{1,3}|\w)[^\w\s]{0,2})+[ \t]*$"
)
# The Secretary's cables go to Washington only: "SECSTATE" with a garbled word after it.
_SECSTATE_RE = re.compile(r"^SECSTATE(?:\W+(?!WASHDC\b)[A-Z]{1,6})?$")
_SUBJECT_RE = re.compile(r"^[ \t]*SU[BR][JU]\w{0,5}[ \t]*[:;%*°.]{0,3}[ \t]*(?P<v>.*)$")
_POST_FIX = str.maketrans({"0": "O", "1": "I", "5": "S"})
_LOWER_TOKEN_RE = re.compile(r"(?<!\S)[a-z]{1,10}(?!\S)")


def _caps(value: str) -> str:
    """Cables are upper case: all-lower-case tokens are OCR dirt from the microfilm."""
    return trim_junk(_LOWER_TOKEN_RE.sub(" ", value))


# The addressing words every State cable uses, which microfilm OCR garbles ("SECSTAVB*WASHOC",
# "SETSYATE WASHDC", "AMEMBASGY"): a word within two letters of one of them is that word.
ADDRESS_WORDS = ("SECSTATE", "WASHDC", "AMEMBASSY", "AMCONSUL", "AMCONGEN", "USMISSION")
_ADDRESS_TOKEN_RE = re.compile(r"[A-Z0-9]{5,11}")


def known_address(value: str) -> str:
    """A cable party with its garbled addressing words restored (see ADDRESS_WORDS)."""

    def fix(m: re.Match) -> str:
        token = m.group()
        best = min(ADDRESS_WORDS, key=lambda w: levenshtein(token, w, 2))
        limit = 1 if len(best) <= 6 else 2
        return best if levenshtein(token, best, 2) <= limit else token

    fixed = _ADDRESS_TOKEN_RE.sub(fix, value)
    # "SECSTATE*WASHDC": the space between two restored words OCR'd as dirt.
    words = "|".join(ADDRESS_WORDS)
    return re.sub(rf"\b({words})[^\w\s]{{1,3}}(?=(?:{words})\b)", r"\1 ", fixed)


class Telegram(NamedTuple):
    """What the telegram header gave, with confidences and notes."""

    message_number: tuple[str, float] | None
    date: tuple[FoundDate, float, str] | None  # the date, its confidence and its rule
    sender: tuple[str, float] | None
    recipient: tuple[str, float] | None
    subject: tuple[str, float] | None
    notes: list[str]


def is_telegram(text: str) -> bool:
    """True for a cable: 'TEXT OF TELEGRAM' heading or a date-time-group line."""
    return bool(TELEGRAM_RE.search(text[:4000]))


def _number(text: str) -> tuple[str, float, int | None] | None:
    posts: Counter = Counter()
    nums: Counter = Counter()
    year = None
    for m in _PAGE_RE.finditer(text):
        posts[m["post"]] += 1
        nums[m["num"]] += 1
    for m in _TEXT_OF_RE.finditer(text):
        post = m["post"].translate(_POST_FIX)
        num = m["num"].replace("O", "0").replace("S", "5")
        if len(num) == 6 and num.startswith("0"):
            num = num[1:]
        posts[post] += 1
        nums[num] += 1
        # "8G6", "S6": OCR of the two-digit year; the first digit reads as S or 8.
        year = year4("8" + m["yy"][-1]) if m["yy"][0] in "S8" else year
    if not posts or not nums:
        return None
    post, pn = posts.most_common(1)[0]
    num, nn = nums.most_common(1)[0]
    votes = min(pn, nn)
    return f"{post} {num}", 0.9 if votes >= 3 else 0.7 if votes >= 2 else 0.5, year


def _party(lines: list[Line], k: int, first: str) -> str:
    parts = [first]
    for ln in lines[k + 1 : k + 6]:
        if not ln.text.strip() or _STOP_RE.match(ln.text) or _FM_RE.match(ln.text):
            break
        parts.append(ln.text)
    cleaned = []
    for p in parts:
        p = _caps(squash(p)).rstrip(" .,;:*")
        p = _SECSTATE_RE.sub("SECSTATE WASHDC", _TO_PRECEDENCE_RE.sub("", p))
        if len(p) >= 3 and letters_ratio(p) > 0.7:
            cleaned.append(p)
    return known_address("; ".join(cleaned))


# The time group closing a page header ("PAGE 01 CANBER 10017 01 OF 02 1609582"): the day the
# cable went out, repeated on every page; a date-time group line OCR garbled past find_dtg
# ("O 16085627, 0CT 86", "Pp 2416153 OCT a6") still shows its month.
_PAGE_TIME_RE = re.compile(
    r"(?im)^\W{0,3}P?AGE[ \t]+[0-9O]{2,3}[ \t]+\S.*?[ \t]"
    r"(?P<d>[0-3O][0-9O])[0-2O][0-9O][0-5O][0-9O][Z27]\W{0,2}$"
)
_LOOSE_DTG_RE = re.compile(
    r"^\W{0,3}[OPRZ0][A-Za-z]?\W{0,2}[ \t]+[0-3]\d[0-2]\d[0-5]\d\S{0,3}[ \t]+"
    r"(?P<mon>[A-Za-z0-9]{3})\b"
)


def _page_day_date(text: str, head: list[Line], date, year: int | None, notes: list[str]):
    """The cable's date from its page headers' day (the commonest), where the date-time group
    was not read, or was read only with an OCR repair and gives another day."""
    days = Counter(int(m["d"].replace("O", "0")) for m in _PAGE_TIME_RE.finditer(text))
    if not days or not year:
        return date
    day = days.most_common(1)[0][0]
    if date is not None:
        found, conf, _rule = date
        if conf >= 0.85 or found.value.day == day:
            return date
        fixed = make_date(found.value.year, found.value.month, day)
        if fixed is None:
            return date
        notes.append(f"date: day {found.value.day} of the date-time group read as {day}")
        return found._replace(value=fixed), 0.6, "telegram-page-day"
    for ln in head:
        m = _LOOSE_DTG_RE.match(ln.text)
        month = m and month_number(m["mon"], fuzzy=True)
        if month and (value := make_date(year, month, day)):
            return FoundDate(value, "day", ln.start, ln.end), 0.6, "telegram-page-day"
    return date


def parse_telegram(text: str, lines: list[Line]) -> Telegram:
    """Read the header fields of a State telegram."""
    notes: list[str] = []
    number = _number(text)
    head = lines[:120]
    date = None
    for ln in head:
        found = find_dtg(ln.text)
        if not found:
            continue
        value, repaired = found
        conf = 0.7 if repaired else 0.85
        year = number[2] if number else None
        if year and value.value.year != year:
            fixed = make_date(year, value.value.month, value.value.day)
            if fixed:
                notes.append(
                    f"date: DTG year read as {value.value.year}, {year} taken from "
                    "the telegram number"
                )
                value, conf = value._replace(value=fixed), 0.6
        if repaired:
            notes.append("date: month of the date-time group repaired from OCR")
        date = (value, conf, "telegram-dtg")
        break
    date = _page_day_date(text, head, date, number[2] if number else None, notes)
    sender = recipient = subject = None
    dtg_line = next((k for k, ln in enumerate(head) if find_dtg(ln.text)), None) if date else None
    for k, ln in enumerate(head):
        if sender is None and (m := _FM_RE.match(ln.text)):
            value = known_address(_caps(_PRECEDENCE_RE.sub("", squash(m["v"]))))
            if len(value) >= 4:
                sender = (value, 0.8 if value.replace(" ", "").isupper() else 0.5)
        elif (
            (sender or dtg_line is not None and dtg_line < k <= dtg_line + 6)
            and recipient is None
            and (m := _TO_RE.match(ln.text))
        ):
            # The TO line follows the FM line, or the date-time group when OCR lost the FM.
            value = _party(lines, k, m["v"])
            if value:
                recipient = (value, 0.7 if value.replace(" ", "").isupper() else 0.5)
        elif subject is None and (m := _SUBJECT_RE.match(ln.text)) and m["v"].strip():
            parts = [m["v"]]
            nxt = lines[k + 1].text if k + 1 < len(lines) else ""
            if len(_caps(nxt)) >= 8 and letters_ratio(nxt) > 0.8 and not re.match(r"\s*\d", nxt):
                parts.append(nxt)
            value = clean_value(_caps(" ".join(parts)))
            clean = letters_ratio(value) > 0.85 and not re.search(r"[^\w\s,.;:'\"()/&-]", value)
            subject = (value, 0.7 if clean else 0.4)
            if not clean:
                notes.append("subject: telegram subject line is OCR-damaged")
    msg = (number[0], number[1]) if number else None
    return Telegram(msg, date, sender, recipient, subject, notes)
