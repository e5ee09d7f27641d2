"""The signature block: who signed a memorandum that names its sender nowhere else.

CIA memoranda and memoranda for the record often have no FROM line: the writer signs at the end
of the text, a name over a title or office symbol ("S. D. Breckinridge / Principal Coordinator,
HSCA", "Raymond G. Rocca / C/CI/R&A"). A letter signs after "Sincerely". The first such block
after the first paragraph is the sender of the first document in the record.
"""

import re

from .patterns import Line, squash

_INITIAL = r"[A-Z]\.?"
_WORD = r"(?:[A-Z][a-z'’]{1,20}|[A-Z]{2,20}|Mc[A-Z][a-z]+|O'[A-Z][a-z]+)"
_NAME_RE = re.compile(
    rf"^[\W_]{{0,3}}(?:/s/[ \t]*)?(?P<name>(?:{_WORD}|{_INITIAL})"
    rf"(?:[ \t]{{1,2}}(?:{_INITIAL}|{_WORD})){{1,3}}"
    rf"(?:,?[ \t]J[rRIl][.,]?|,?[ \t]III?)?)[\W_]{{0,3}}$"
)
_TITLE_RE = re.compile(
    r"^[\W_]{0,2}(?P<title>(?:Acting[ \t])?(?:Chief|Director|Deputy|Assistant|Special|Principal|"
    r"Executive|Inspector|Head|Security[ \t]Officer|Officer|Counsel|Coordinator|General[ \t]Counsel"
    r"|Legislative|Case[ \t]Officer|Associate|Attorney|Secretary|Historian|Special[ \t]Agent"
    r"|Liaison|Staff|Office[ \t]of|Division|Branch|Group|Program|Senior)[^\n]{0,70}"
    r"|[A-Z]{1,5}(?:[ \t]?/[ \t]?[A-Z0-9&]{1,8}){1,4}[^\n]{0,30})$"
)
_NOT_NAMES = frozenset(
    {
        "UNITED STATES", "MEXICO CITY", "NEW YORK", "WASHINGTON", "SECRET", "CONFIDENTIAL",
        "MEMORANDUM", "SUBJECT", "DISTRIBUTION", "ATTACHMENT", "CENTRAL INTELLIGENCE",
        "TOP SECRET", "THE RECORD", "NEW ORLEANS", "SAN FRANCISCO", "LOS ANGELES",
    }
)  # fmt: skip
_SIGN_OFF_RE = re.compile(r"(?i)^\W{0,3}(?:Sincerely|Very[ \t]truly|Respectfully|Cordially)")


_NOT_NAME_WORDS = frozenset(
    [
     "ADMINISTRATIVE", "PAGE", "DIVISION", "DEPARTMENT", "ARMY", "INFORMATION", "CONTAINED",
     "CLASSIFIED", "EXCEPT", "RELIABLE", "COMPLETELY", "CONFIRMED", "SOURCES", "REGISTERED",
     "MAIL", "TRUE", "NAME", "DATE", "PCI", "SOVIET", "AID", "SECRET", "CONFIDENTIAL",
     "UNCLASSIFIED", "SUBJECT", "MEMORANDUM", "RECORD", "FORM", "REPORT", "OFFICE", "STAFF",
     "ATTACHMENT", "ENCLOSURE", "DISTRIBUTION", "COPY", "COPIES", "FILE", "CABLE", "DISPATCH",
     "MESSAGE", "TELETYPE", "UNIT", "DATA", "PRESS", "REPORTS", "DESCRIBED", "ACCURATELY",
     "FORMER", "CONTACTED", "EXTREMIST", "MATTERS", "ALBUM", "PHOTOGRAPH", "AT", "OF", "THE",
     "AND", "FOR", "IN", "ON", "TO", "BY", "REFERENCE", "REFERENCES", "SUMMARY", "CONCLUSIONS",
     "AGENCY", "BUREAU", "STATION", "SECTION", "BRANCH", "GROUP", "CENTER", "HEADQUARTERS",
     "DIRECTOR", "CHIEF",
    ]
)  # fmt: skip


def _is_name(text: str) -> str | None:
    m = _NAME_RE.match(text.strip())
    if not m:
        return None
    name = squash(m["name"]).strip(" ,")
    upper = name.upper()
    if any(bad in upper for bad in _NOT_NAMES) or len(name) < 5:
        return None
    words = name.replace(".", " ").replace(",", " ").split()
    if any(w.upper() in _NOT_NAME_WORDS for w in words):
        return None
    full = [w for w in words if len(w) > 1 and w.upper() not in ("JR", "JI", "JL", "III", "II")]
    if len(full) < 1 or len(full) > 3:
        return None
    # All capitals ("DAVID D. LOWMAN") only with an initial: capitals alone are headings.
    if name.upper() == name and not re.search(r"\b[A-Z]\.", name):
        return None
    return name


def signature(lines: list[Line], lo: int, hi: int, noise) -> tuple[str, int, int] | None:
    """(sender as "Name, Title", first line index, last line index) of the first signature
    block between lo and hi, or None."""
    seen_prose = False
    i = lo
    while i < hi:
        if noise(i) or not lines[i].text.strip():
            i += 1
            continue
        text = lines[i].text
        if len(text.strip()) > 55:
            seen_prose = True
            i += 1
            continue
        sign_off = bool(_SIGN_OFF_RE.match(text))
        name = _is_name(text) if (seen_prose and _after_paragraph(lines, i, noise)) else None
        if sign_off:
            nxt = _next(lines, i, hi, noise)
            name = _is_name(lines[nxt].text) if nxt is not None else None
            i = nxt if name else i + 1
            if not name:
                continue
        if name:
            nxt = _next(lines, i, hi, noise)
            title = None
            if nxt is not None and (m := _TITLE_RE.match(lines[nxt].text.strip())):
                title = squash(m["title"]).strip(" ,.")
            elif nxt is not None and _is_unit_line(lines[nxt].text):
                title = squash(lines[nxt].text).strip(" ,.")
            if title or sign_off or _initialled(name) and len(name.split()) >= 3:
                end = nxt if title else i
                return (f"{name}, {title}" if title else name), i, end
        i += 1
    return None


def _after_paragraph(lines: list[Line], i: int, noise) -> bool:
    """The line before i ends a paragraph (a name split off a sentence does not)."""
    for k in range(i - 1, max(-1, i - 5), -1):
        text = lines[k].text.strip()
        if text and not noise(k):
            return text[-1:] in ".:;)\"'”]" or len(text) < 30
    return True


_SMALL = {"of", "and", "the", "for", "in", "on", "to"}


def _is_unit_line(text: str) -> bool:
    """A line naming an office or post under a signature ("Security Analysis Group")."""
    words = text.strip(" ,.").split()
    if (
        not 2 <= len(words) <= 8
        or any(c in text for c in '.;:!?"')
        and not text.strip().endswith(".")
    ):
        return False
    return (
        all(w[:1].isupper() or w in _SMALL or "/" in w for w in words)
        and sum(w[:1].isupper() for w in words) >= 2
    )


def _initialled(name: str) -> bool:
    """A name with a middle or first initial ("S. D. Breckinridge"): rarely anything else."""
    return bool(re.search(r"\b[A-Z]\.", name))


def _next(lines: list[Line], i: int, hi: int, noise) -> int | None:
    """The next non-blank, non-noise line within three lines."""
    for j in range(i + 1, min(hi, i + 4)):
        if lines[j].text.strip() and not noise(j):
            return j
    return None
