"""Sign-offs without a readable name: the title and office lines at a memorandum's foot.

A CIA memorandum signs at the end of its text, a name over a title and an office ("Desmond
FitzGerald" / "Chief" / "Western Hemisphere Division"). The name is often a scrawl OCR cannot
read, or was never typed: an officer signs with his office symbol alone ("SR/CI/R",
"C/LA/MGSB"), or a title over a unit ("Chief" / "Foreign Intelligence"). Those lines, after the
last paragraph and before the foot of the memorandum (distribution, attachments, the typist's
reference, the classification mark, or the end of the text), say who it is from.
signatures.py reads the blocks that begin with a readable name; this reads the rest.
"""

import re

from . import originators, signatures
from .patterns import squash

# OCR's marks before a title line: a stray figure or a letter or two of the scrawled signature
# ("7 : Chief", "e Chief, WH/4/SO", "et : DO/OPRP", "Pa) Chief").
_LEAD_RE = re.compile(r"^[\W\d_]{0,4}(?:(?:[a-z]{1,3}|[A-Z][a-z]?\))[\W\d_]{1,4}){0,2}")
# ... and after it ("SE/SAG/OP A", "C/WH/2 oe", "SAS/EOB ¢/o", "DC/WH/SA/").
_TRAIL_RE = re.compile(r"(?:[ \t]+(?:[^\w\s]+|\w|[a-z]{2}|[^\w\s]*\w[^\w\s]+[\w]?))+$|[\W_]+$")
_TITLE_RE = re.compile(
    r"^(?:(?:Acting|Deputy|Assistant|Asst\.?|Special|Executive|Associate|Principal|A/)"
    r"[ \t]?){0,2}(?:[Cc]hief|Director|Security[ \t]Officer|Staff[ \t]Officer|Case[ \t]Officer"
    r"|Officer|General[ \t]Counsel|Counsel|Coordinator|Head|Inspector[ \t]General)\b"
    r"(?:[ \t]*,?[ \t]*(?P<rest>[^\n]{2,60}))?$"
)
# An office symbol alone: "SR/CI/R", "C/ LA/Mexico", "LAD/JFK Task Force", "OS/PSI/SAG".
_SYMBOL_RE = re.compile(
    r"^(?:[A-Z]{1,5}|[A-Z]/[A-Z]{1,4})(?:[ \t]?/{1,2}[ \t]?[A-Za-z0-9&]{1,8}){1,5}"
    r"(?:[ \t]+[A-Z][a-z]{1,12}(?:[ \t][A-Z][a-z]{1,12}){0,2})?$"
)
# The memorandum's foot: distribution, attachments, copies, coordination, the downgrading
# group, a release stamp, a typist's reference ("OLC:RSG:jms", "OS/AAS/WJC:es").
_FOOT_RE = re.compile(
    r"(?i)^\W{0,3}(?:dist(?:ribution|\.|:)|att(?:achments?|s|\.)?\b|encl(?:osures?)?\b|c[ce]\b|bcc\b"
    r"|orig(?:inal)?\b|approved|concur|e[ \t]?2[ \t,.]|cl[ \t]by|excluded|group[ \t]1"
    r"|return[ \t]to|background[ \t]use|based[ \t]on|copy[ \t]filed|end[ \t]of[ \t]report)"
    r"|^\W{0,3}[A-Z][A-Za-z/&]{1,20}[ \t]?:[ \t]?[A-Za-z]{1,6}[ \t]?:[ \t]?[a-z]{1,4}\b"
)
# The next document's header: the memorandum ended above it.
_HEADER_RE = re.compile(r"(?i)^\W{0,3}(?:MEMORANDUM|SUBJECT|TO|FROM|DATE|REFERENCE)\b")
# Families whose foot is not a sign-off: participants' lists, a cable's release lines.
_NOT_SIGNED = ("nsc_memcon", "state_memcon", "nsc_summary", "minutes", "cia_cable")
_NOT_SIGNED += ("state_telegram",)
_PROSE = 45  # a line this long is prose, not a sign-off
_TITLE_ONLY = frozenset({"CHIEF", "DIRECTOR", "OFFICER", "HEAD", "DEPUTY", "ACTING", "COUNSEL"})


def foot_sender(ctx, out) -> None:
    """The sender from title and office lines at the foot of the first memorandum, when no
    other rule named one (not for the FBI, not for memoranda of conversation)."""
    offer_foot(ctx, out, sign_off, 0.6, "signature-foot")


def offer_foot(ctx, out, reader, confidence: float, rule: str) -> None:
    """Offer the sender a foot reader finds in the first 400 lines of the first memorandum,
    when no other rule named one (not for the FBI, not for memoranda of conversation)."""
    if out.values.get("sender") or out.values.get("agency") == originators.FBI:
        return
    if ctx.family.name in _NOT_SIGNED:
        return
    hit = reader(ctx.lines, ctx.lo, min(len(ctx.lines), ctx.lo + 400), ctx.noise)
    if hit:
        value, first, last = hit
        span = (ctx.lines[first].start, ctx.lines[last].end)
        out.offer("sender", value, confidence, span=span, rule=rule)


def sign_off(lines, lo: int, hi: int, noise) -> tuple[str, int, int] | None:
    """(sender, first line, last line) of the first title-and-office sign-off between lo and
    hi, or None: it follows prose, ends at the foot, and names an office, not a bare title."""
    own = [i for i in range(lo, hi) if not noise(i) and lines[i].text.strip()]
    prose_at = None  # position in own of the last prose line seen
    for k, i in enumerate(own):
        text = lines[i].text.strip()
        if _prose(text):
            prose_at = k
            continue
        if prose_at is None:
            continue
        if _FOOT_RE.match(text):
            return None  # the first memorandum ended without a sign-off we can read
        if k - prose_at > 4 or not _part(text):
            continue
        if k - 1 == prose_at and lines[own[prose_at]].text.rstrip()[-1:] not in ".:;)\"'”]":
            continue  # the sentence goes on: a line of it, not a sign-off
        parts, end = [], k
        while end < len(own) and len(parts) < 3 and (part := _part(lines[own[end]].text)):
            parts.append(part)
            end += 1
        if not _names_office(parts) or not _at_foot(lines, own, end):
            continue
        name = signatures._is_name(lines[own[k - 1]].text, loose=True) if k - 1 > prose_at else None
        first = own[k - 1] if name else i
        return ", ".join([name, *parts] if name else parts), first, own[end - 1]
    return None


def _part(text: str) -> str | None:
    """A title or office line of a sign-off, cleaned, or None."""
    text = _TRAIL_RE.sub("", _LEAD_RE.sub("", text.strip()))
    if not 2 <= len(text) <= _PROSE:
        return None
    if m := _TITLE_RE.match(text):
        rest = m["rest"] or ""
        if rest and not (_SYMBOL_RE.match(rest) or _capitalised(rest)):
            return None
        return squash(text).strip(" ,.")
    if _SYMBOL_RE.match(text) or _unit_line(text):
        return squash(text).strip(" ,.")
    return None


# The last word of a unit's name as typed under a signature ("Security Analysis Group",
# "Foreign Intelligence", "Office of Security"); a heading or a form's caption ends otherwise
# ("Security Classification", "Headquarters Comment").
_UNIT_ENDS = frozenset(
    {"GROUP", "STAFF", "DIVISION", "BRANCH", "SECTION", "OFFICE", "CENTER", "STATION", "BASE",
     "DESK", "FORCE", "SECURITY", "INTELLIGENCE", "OPERATIONS", "DIRECTORATE", "UNIT",
     "COMPONENT", "SECRETARIAT", "DETACHMENT", "REGION", "MISSION", "SERVICE"}
)  # fmt: skip


def _unit_line(text: str) -> bool:
    """A unit's name in capitalised words, not in capitals alone (capitals are headings)."""
    words = text.replace(",", " ").split()
    return (
        signatures._is_unit_line(text)
        and _capitalised(text)
        and text.upper() != text
        and (words[-1].upper() in _UNIT_ENDS or text.startswith("Office of"))
    )


def _capitalised(text: str) -> bool:
    """Every word capitalised, a symbol or a small joining word: a title, not a sentence."""
    words = text.replace(",", " ").split()
    return bool(words) and all(
        w[:1].isupper() or "/" in w or w in ("of", "and", "for", "the", "&") for w in words
    )


def _names_office(parts: list[str]) -> bool:
    """More than a bare title ("Chief", "Deputy Chief"): an office or symbol is named."""
    words = " ".join(parts).replace(",", " ").replace("/", " / ").upper().split()
    return any(w not in _TITLE_ONLY for w in words)


def _at_foot(lines, own: list[int], end: int) -> bool:
    """The lines after a sign-off are the memorandum's foot: no prose before the end of the
    text, a distribution or attachment line, the typist's reference, or the next header."""
    for i in own[end : end + 6]:
        text = lines[i].text.strip()
        if _FOOT_RE.match(text) or _HEADER_RE.match(text):
            return True
        if _prose(text):
            return False
    return True


def _prose(text: str) -> bool:
    """A line of a sentence: long, with words in small letters (a title has few)."""
    return len(text) > _PROSE and sum(w[:1].islower() for w in text.split()) >= 3
