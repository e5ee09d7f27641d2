"""Shared regexes, vocabularies and small text helpers for metadata extraction.

Everything here works on the raw text (no normalisation that would shift offsets);
all regexes are compiled once and use bounded quantifiers so that a 300k-character
OCR dump cannot make them backtrack catastrophically.
"""

import re
from typing import NamedTuple

# --- lines ---------------------------------------------------------------------------

_INNER_BREAK_RE = re.compile(r"[\r\f]")


class Line(NamedTuple):
    """One physical line of the text: offsets into the original string and its page."""

    start: int
    end: int
    text: str
    page: int


class Read(NamedTuple):
    """A value a grammar read, the line it stands on, and the rule that read it."""

    value: object
    line: int
    rule: str


def split_lines(text: str) -> list[Line]:
    """Split text into lines (\n, \r\n, \r or \f), counting form feeds as page breaks."""
    lines: list[Line] = []
    pos = 0
    page = 1
    for part in text.split("\n"):
        end = pos + len(part)
        if "\f" in part or "\r" in part:
            start = pos
            for m in _INNER_BREAK_RE.finditer(part):
                cut = pos + m.start()
                lines.append(Line(start, cut, text[start:cut], page))
                page += m.group() == "\f"
                start = cut + 1
            if start < end or not part.endswith("\r"):
                lines.append(Line(start, end, text[start:end], page))
        else:
            lines.append(Line(pos, end, part, page))
        pos = end + 1
    return lines


# --- generic cleaning ------------------------------------------------------------------

_WS_RE = re.compile(r"[ \t\u00a0]+")
_EDGE_JUNK = " \t:;.,|_-—–•·*'\"`~^{}[]<>«»°\\/"
_MD_BOLD_RE = re.compile(r"\*\*(.{1,200}?)\*\*")


def squash(value: str) -> str:
    """Collapse runs of horizontal whitespace and trim."""
    return _WS_RE.sub(" ", value).strip()


def trim_junk(value: str) -> str:
    """Trim whitespace and OCR dirt (stray punctuation) from both ends."""
    return squash(value).strip(_EDGE_JUNK).strip()


def strip_markdown(value: str) -> str:
    """Remove **bold** markers some OCR exports add around headings."""
    return _MD_BOLD_RE.sub(r"\1", value)


def letters_ratio(value: str) -> float:
    """Share of letters among non-space characters (0 for an empty string)."""
    chars = [c for c in value if not c.isspace()]
    if not chars:
        return 0.0
    return sum(c.isalpha() for c in chars) / len(chars)


def levenshtein(a: str, b: str, limit: int = 3) -> int:
    """Edit distance between two short strings, capped at limit + 1."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        best = i
        for j, cb in enumerate(b, 1):
            val = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            cur.append(val)
            best = min(best, val)
        if best > limit:
            return limit + 1
        prev = cur
    return min(prev[-1], limit + 1)


# --- classification levels and control markings ----------------------------------------

# Ordered longest first so that "TOP SECRET" wins over "SECRET".
LEVEL_TARGETS: tuple[tuple[str, str], ...] = (
    ("FOR OFFICIAL USE ONLY", "official_use_only"),
    ("LIMITED OFFICIAL USE", "limited_official_use"),
    ("OFFICIAL USE ONLY", "official_use_only"),
    ("TOP SECRET", "top_secret"),
    ("UNCLASSIFIED", "unclassified"),
    ("CONFIDENTIAL", "confidential"),
    ("RESTRICTED", "restricted"),
    ("SECRET", "secret"),
    ("UNCLAS", "unclassified"),
)
LEVEL_RANK = {
    "unclassified": 0,
    "official_use_only": 1,
    "limited_official_use": 2,
    "restricted": 3,
    "confidential": 4,
    "secret": 5,
    "top_secret": 6,
}
LEVEL_WORDS = frozenset(
    {"SECRET", "CONFIDENTIAL", "UNCLASSIFIED", "UNCLAS", "RESTRICTED", "TOP", "LIMITED"}
)

CONTROL_RE = re.compile(
    r"\b(NOFORN|NOCONTRACT|ORCON|WNINTEL|PROPIN|NODIS|EXDIS|LIMDIS|STADIS|CHEROKEE|SIPDIS"
    r"|NIACT|EYES\s+ONLY|NO\s+FOREIGN\s+DISSEM|TALENT[- ]KEYHOLE|REL\s+TO\s+[A-Z]{3}"
    r"(?:\s*,\s*[A-Z]{3}){0,8})\b"
)
CONTROL_CANON = {"NO FOREIGN DISSEM": "NOFORN", "TALENT KEYHOLE": "TALENT-KEYHOLE"}

# --- agencies ----------------------------------------------------------------------------

AGENCY_NAMES = {
    "CIA": "Central Intelligence Agency",
    "FBI": "Federal Bureau of Investigation",
    "NSA": "National Security Agency",
    "DOS": "Department of State",
    "STATE": "Department of State",
    "ARMY": "Department of the Army",
    "USA": "Department of the Army",
    "NAVY": "Department of the Navy",
    "USAF": "Department of the Air Force",
    "OSD": "Office of the Secretary of Defense",
    "DOD": "Department of Defense",
    "JCS": "Joint Chiefs of Staff",
    "DOJ": "Department of Justice",
    "WH": "White House",
    "NSC": "National Security Council (White House)",
    "PFIAB": "President's Foreign Intelligence Advisory Board",
    "SSCIA": "Senate Select Committee on Intelligence Activities",
    "HSCA": "House Select Committee on Assassinations",
}

# DI publication-number prefixes whose office name is confirmed (reference §3.4).
DI_OFFICE_BY_PREFIX = {"EA": "Office of East Asian Analysis"}
DI_PREFIXES = ("EA", "SOV", "GI", "ALA", "NESA", "EURA", "EUR", "SW", "IA", "CPAS", "ER")

DI_NUMBER_RE = re.compile(
    r"(?<![\w-])(?P<office>EA|SOV|GI|ALA|NESA|EURA?|SW|IA|CPAS|ER(?=[ \t]{1,3}IM))[ \t]{1,3}"
    r"(?:(?P<prod>[A-Z]{1,6})[ \t]{1,3})?(?P<yy>\d{2})[ \t]?-[ \t]?(?P<serial>\d{2,5})"
    r"(?P<suffix>[A-Z]{0,2})(?![\w-])"
)
NIC_NUMBER_RE = re.compile(
    r"(?:NIC[- ]?(?:No\.?[ \t]?)?\d{5}-\d{2}(?:/\d{1,2})?|NFAC[- ]\d{3,4}-\d{2}"
    r"|S?NIE[ \t]\d{1,3}(?:/\d{1,3})?-\d{1,3}(?:-\d{2,4})?)\b"
)
CREST_LOCATOR_RE = re.compile(
    r"C[ \t]?I[ \t]?A[ \t]?-[ \t]?R[ \t]?D[ \t]?P[ \t]?[0-9O]{2}[-A-Z0-9][0-9O \t]{5,7}[A-Z]"
    r"[0-9O \t]{12,16}-?[ \t]?\d"
)
CREST_STRICT_RE = re.compile(r"CIA-RDP\d{2}[-A-Z]\d{5}[A-Z]\d{12}-\d")
RELEASE_BANNER_RE = re.compile(
    r"[Aa][Pp][Pp][Rr][Oo]\w{0,6}[ \t]{1,3}[Ff]\w{0,4}[ \t]{1,3}[Rr][Ee]\w{0,7}[ \t]?:?[ \t]?"
    r"(?P<y>\d{4})/(?P<m>\d{2})/(?P<d>\d{2})[ \t]?:?[ \t]?"
    r"(?P<id>C[ \t]?I[ \t]?A[ \t]?-[^\n]{10,40}|C[0O]\d{7,9})"
)
FOIA_CASE_RE = re.compile(r"F-(?:19|20)\d{2}-\d{5}\b")
NARA_RECORD_RE = re.compile(r"(?<![\d-])([12]\d{2})-(\d{5})-(\d{5})(?![\d-])")

# Lines that are page furniture, not content (NARA footers, JFK release headers).
NARA_FOOTER_RE = re.compile(
    r"Do[a-z]{0,2}[Iil1]?d[a-z]?[ \t]?:?[ \t]?\d{6,9}(?:[ \t]{1,4}\w{0,5}[ \t]?(\d{1,3}))?"
)
JFK_RELEASE_RE = re.compile(r"(?P<y>20\d{2})[ \t]{1,3}RELEASE[ \t]UNDER[ \t]THE[ \t]PRESIDENT")


_VALUE_TOKEN_RE = re.compile(r"[A-Za-z]+|\d+|[^\sA-Za-z\d]")
_SHORT_OK = frozenset(
    ("a", "an", "of", "to", "in", "on", "at", "by", "re", "or", "and", "for", "the", "us", "un")
    + ("jr", "sr", "mr", "ms", "dr", "st", "no", "vs", "fbi", "cia", "nsa")
)
_ODD_CHARS = frozenset("|~°¢©®«»§¥£{}[]<>^_=*@#")
# A surname with a capital inside it ("McCoy", "FitzGerald", "LaHera"): a name, not a jumble.
_INNER_CAPITAL_NAME_RE = re.compile(r"^(?:Mc|Mac|Fitz|De|Di|Du|La|Le|Van|Von)[A-Z][a-z]{2,}$")


def reads_cleanly(value: str) -> bool:
    """Whether a short value (a caption, a name) reads as words rather than OCR debris:
    few stray one- or two-letter fragments, no odd characters, words that are not a jumble
    of capitals and small letters."""
    tokens = _VALUE_TOKEN_RE.findall(value)
    words = [t for t in tokens if t.isalpha()]
    if not words:
        return False
    stray = sum(1 for w in words if len(w) <= 2 and w.lower() not in _SHORT_OK and not w.isupper())
    odd = sum(1 for t in tokens if len(t) == 1 and t in _ODD_CHARS)
    jumbled = sum(
        1
        for w in words
        if len(w) >= 3
        and not (w.isupper() or w.islower() or w.istitle())
        and not _INNER_CAPITAL_NAME_RE.match(w)
    )
    return stray + odd + jumbled <= max(0, len(words) // 6)


# The printed labels of the CIA's HRG Record Print sheet ("From Res:", "To Res:", "Control
# Number"), which OCR can set where a FROM, TO or TITLE value should be: never a value.
PRINTED_LABEL_RE = re.compile(
    r"(?i)\b(?:Title|From|Prom|To)[ \t]Res\b|Control[ \t]Number|\b(?:Job|Box|Doc)[ \t]Num\b"
    r"|Last[ \t](?:Reviewer|Inputter)|Orig\.[ \t]Classification|^\W{0,2}ID:"
)
