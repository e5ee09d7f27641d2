"""The signature block: who signed a memorandum that names its sender nowhere else.

CIA memoranda and memoranda for the record often have no FROM line: the writer signs at the end
of the text, a name over a title or office symbol ("S. D. Breckinridge / Principal Coordinator,
HSCA", "Raymond G. Rocca / C/CI/R&A"). A letter signs after "Sincerely". The first such block
after the first paragraph is the sender of the first document in the record.
"""

import re
from typing import NamedTuple

from .patterns import Line, squash

_INITIAL = r"[A-Z]\.?"
_WORD = r"(?:[A-Z][a-zà-ÿ'’]{1,20}|[A-Z]{2,20}|Mc[A-Z][a-z]+|O'[A-Z][a-z]+)"
_NAME_RE = re.compile(
    rf"^[\W_]{{0,3}}(?:/s/[ \t]*)?(?P<name>(?:{_WORD}|{_INITIAL})"
    rf"(?:[ \t]{{1,2}}(?:{_INITIAL}|{_WORD})){{1,3}}"
    rf"(?:,?[ \t]J[rRIl][.,]?|,?[ \t]III?)?)[\W_]{{0,3}}$"
)
_TITLE_RE = re.compile(
    r"^[\W_]{0,2}(?P<title>(?:Acting[ \t]|A/)?(?:[Cc]hief|Major|Captain|Capt\b|Colonel|Lt\b|LTC\b"
    r"|Lieutenant|Brigadier|Commander|Sergeant|Director|Deputy|Assistant|Special|Principal|"
    r"Executive|Inspector|Head|Security[ \t]Officer|Officer|Counsel|Coordinator|General[ \t]Counsel"
    r"|Legislative|Case[ \t]Officer|Associate|Attorney|Secretary|Historian|Special[ \t]Agent"
    r"|Liaison|Staff|Office[ \t]of|Division|Branch|Group|Program|Senior)[^\n]{0,70}"
    r"|[A-Z][A-Z0]{0,4}(?:[ \t]?/[ \t]?[A-Za-z0-9&]{1,8}(?:[ \t][A-Z][a-z]{1,8})?){1,4}"
    r"[^\n]{0,30})$"
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
     "DIRECTOR", "CHIEF", "INTELLIGENCE", "CONNECTIONS", "PERSONNEL", "GOVERNMENT",
     "OPERATIONS", "OFFICER", "SECURITY", "COUNSEL", "ASSISTANT", "DEPUTY", "ACTING", "SPECIAL",
     "APPROVED", "CONCUR", "WARNING", "NOTICE", "SENSITIVE", "PRECEDENCE", "ROUTINE", "TASK",
     "TASKFORCE", "FORCE", "COMMITTEE", "MEMBERS", "ADVISORY", "FUNDS", "AREAS", "OPERATIONAL",
     "AUTHORIZED", "OTHER", "TAB", "ANNEX", "PROFESSOR", "AMBASSADOR", "STATE", "DOD", "JCS",
     "NSC", "USUN", "OMB", "OVP", "USIA", "DOS", "DISSEM", "FOREIGN", "NOFORN", "CASE", "NO",
     "COVERT", "ACTION", "PROJECT", "LIAISON", "INTERAGENCY", "COORDINATION",
     "INTERNATIONAL", "SUPPORT",
    ]
)  # fmt: skip


# OCR around a typed name: a stray mark before it, doubled full stops ("Donald R.. Heath"),
# a comma or slash for an initial's full stop ("John F, Meehan", "D./Breckinridge"), 5 or 8
# for an initial S ("5. D. Breckinridge"), a bracket or bar the scanner drew around it.
_LEAD_JUNK_RE = re.compile(r"^[\s\W_]{0,4}?(?=[A-Z58]\.[ \t/]?[A-Z]|[A-Z])")
_LEAD_S_RE = re.compile(r"^[58](?=\.[ \t/]?[A-Z]\.)")
_INITIAL_STOP_RE = re.compile(r"(?<=\b[A-Z])(?:,|\./)(?=[ \t]?[A-Z])")
_DOUBLE_STOP_RE = re.compile(r"(?<=[A-Za-z])\.{2,}")
_TRAIL_JUNK_RE = re.compile(r"[\s/|~°:;'\"“”‘’*_-]+(?:[A-Z][\s°~:;|]+)?$|[\s|~°:;'\"“”‘’*_]+$")
_NAME_TRAIL_RE = re.compile(r"[\s|(){}\[\]]+(?:[A-Z][\s(){}\[\]]+)?$")


def _is_name(text: str, loose: bool = False) -> str | None:
    """The name a line holds alone, or None. loose: past OCR junk around it, and in capitals
    without an initial ("JUNIUS A WATLINGTON"), as under a title line."""
    if loose:
        text = _LEAD_S_RE.sub("S", _LEAD_JUNK_RE.sub("", text.strip()))
        text = _INITIAL_STOP_RE.sub(". ", _DOUBLE_STOP_RE.sub(".", text))
        text = _TRAIL_JUNK_RE.sub("", _NAME_TRAIL_RE.sub("", text))
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
    if not loose and name.upper() == name and not re.search(r"\b[A-Z]\.", name):
        return None
    return name


class Block(NamedTuple):
    """A signature block: the name, the title and unit lines under it, its first and last line."""

    name: str
    titles: list[str]
    first: int
    last: int
    rule: str

    @property
    def sender(self) -> str:
        """The sender as "Name, Title, Unit"."""
        return ", ".join([self.name, *self.titles])


def signature(lines: list[Line], lo: int, hi: int, noise) -> tuple[str, int, int] | None:
    """(sender as "Name, Title", first line index, last line index) of the first signature
    block between lo and hi, or None."""
    block = signature_block(lines, lo, hi, noise)
    return (block.sender, block.first, block.last) if block else None


def signature_block(
    lines: list[Line], lo: int, hi: int, noise, strict: bool = False
) -> Block | None:
    """The first signature block between lo and hi: a name after a paragraph or a sign-off,
    with the title and unit lines under it. strict: only a name over a title line."""
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
        if sign_off:
            hit = _after_sign_off(lines, i, hi, noise)
            if hit is None:
                i += 1
                continue
            i, name = hit
        else:
            name = _is_name(text, loose=True) if seen_prose else None
        inline = None
        if not name and seen_prose and (hit := _name_and_title(text)):
            name, inline = hit
        if name:
            if inline is None:
                i, name = _typed_under_written(lines, i, hi, noise, name)
            titles, end = _titles(lines, i, hi, noise)
            if inline:
                titles = [inline, *titles][:3]
            strong = bool(titles) and (len(name.split()) >= 2 or sign_off)
            if not (strong or sign_off or _is_name(name) and _after_paragraph(lines, i, noise)):
                i += 1
                continue
            if strong:
                return Block(name, titles, i, end, "signature-titled")
            if not strict and (sign_off or _initialled(name) and len(name.split()) >= 3):
                return Block(name, [], i, i, "signature")
        i += 1
    return None


_MARKS = frozenset(
    ["", "SECRET", "TOPSECRET", "CONFIDENTIAL", "UNCLASSIFIED", "EYESONLY", "SENSITIVE", "NOFORN"]
)


def _mark_line(text: str) -> bool:
    """A line of a classification mark, a page number or punctuation alone."""
    return "".join(c for c in text.upper() if c.isalpha()) in _MARKS


def closing_name(lines: list[Line], lo: int, hi: int, noise) -> tuple[str, int] | None:
    """A name alone on the document's last line, after its last paragraph ("George Bush"
    under a directive): (name, line index). Marks and page numbers after it do not count."""
    for i in range(hi - 1, max(lo, hi - 8) - 1, -1):
        text = lines[i].text
        if noise(i) or not text.strip() or _mark_line(text):
            continue
        name = _is_name(text)
        if name and len(name.split()) >= 2 and _after_paragraph(lines, i, noise):
            before = next((k for k in range(i - 1, lo - 1, -1) if lines[k].text.strip()), None)
            if before is not None and len(lines[before].text.strip()) > 55:
                return name, i
        return None
    return None


def _name_and_title(text: str) -> tuple[str, str] | None:
    """A name and its title on one line ("Michael E. Schneeberger, OS/PSI/SAG")."""
    left, comma, right = text.strip().partition(",")
    if not comma or len(left.split()) < 2 or not (name := _is_name(left)):
        return None
    m = _TITLE_RE.match(right.strip())
    title = _TRAIL_JUNK_RE.sub("", squash(m["title"])).strip(" ,.") if m else ""
    # Prose goes on in small letters ("A/1 stated that he did"); a title does not.
    if any(w[:1].islower() and w not in _SMALL for w in title.split()):
        return None
    return (name, title) if title else None


def _after_sign_off(lines, i: int, hi: int, noise) -> tuple[int, str] | None:
    """The name under a sign-off ("Sincerely,"), past a line or two of scrawled signature."""
    j = i
    for _ in range(3):
        j = _next(lines, j, hi, noise)
        if j is None:
            return None
        if name := _is_name(lines[j].text, loose=True):
            return j, name
    return None


def _typed_under_written(lines, i: int, hi: int, noise, name: str) -> tuple[int, str]:
    """The typed name under an OCR reading of the handwritten one ("Senes E. Flannery" over
    "James E. Flannery"): both end in the same surname."""
    j = _next(lines, i, hi, noise)
    typed = _is_name(lines[j].text, loose=True) if j is not None else None
    # One word in common: the surname, the first name or an initial ("Sames R. Oäloger" over
    # "James R. Palinge").
    if typed and _same_person(name, typed):
        return j, typed
    return i, name


def _same_person(a: str, b: str) -> bool:
    """Two readings of one name share a word, or an initial in the same place."""
    wa, wb = a.upper().split(), b.upper().split()
    if {w for w in wa if len(w.strip(".")) > 1} & {w for w in wb if len(w.strip(".")) > 1}:
        return True
    return len(wa) == len(wb) and any(
        x == y and len(x.strip(".")) == 1 for x, y in zip(wa, wb, strict=True)
    )


def _titles(lines, i: int, hi: int, noise) -> tuple[list[str], int]:
    """The title and unit lines under a name (at most three): "Acting Chief" / "Western
    Hemisphere Division", "Major, AGC", "SOG/GB/MSS"."""
    titles, end = [], i
    j = _next(lines, i, hi, noise)
    while j is not None and len(titles) < 3:
        text = lines[j].text.strip()
        if m := _TITLE_RE.match(text):
            title = squash(m["title"])
        elif _is_unit_line(text):
            title = squash(text)
        else:
            break
        title = _TRAIL_JUNK_RE.sub("", title).strip(" ,.")
        if not title:
            break
        titles.append(title)
        end = j
        j = _next(lines, j, hi, noise)
    return titles, end


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
        and any(w.strip(",").upper() in _UNIT_WORDS for w in words)
    )


# A unit line names a unit: a line of capitalised words without one is a name or a heading.
_UNIT_WORDS = frozenset(
    [
     "GROUP", "STAFF", "DIVISION", "BRANCH", "SECTION", "OFFICE", "CENTER", "CENTRE", "AGENCY",
     "BUREAU", "SERVICE", "SECRETARIAT", "COMMAND", "DEPARTMENT", "DESK", "STATION", "BASE",
     "DETACHMENT", "REGION", "HEADQUARTERS", "COUNCIL", "EMBASSY", "CONSULATE", "MISSION",
     "DIRECTORATE", "UNIT", "PROJECT", "COMPONENT", "SECURITY", "INTELLIGENCE", "OPERATIONS",
    ]
)  # fmt: skip


def _initialled(name: str) -> bool:
    """A name with a middle or first initial ("S. D. Breckinridge"): rarely anything else."""
    return bool(re.search(r"\b[A-Z]\.", name))


def _next(lines: list[Line], i: int, hi: int, noise) -> int | None:
    """The next non-blank, non-noise line within three lines."""
    for j in range(i + 1, min(hi, i + 4)):
        if lines[j].text.strip() and not noise(j):
            return j
    return None
