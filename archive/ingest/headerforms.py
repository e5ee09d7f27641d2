"""FBI memo forms' party lines, and the "Memorandum From X to Y" title line or the heading of
transcribed documents."""

import re

from .labels import (
    FBI_FORM_RE,
    FILE_PAREN_RE,
    NOT_CAPTION_RE,
    label_of,
)
from .patterns import Line, reads_cleanly, squash, trim_junk

_FBI_PARTY_RE = re.compile(r"^[ \t]*(?P<v>(?:SAC|ASAC|SA|DIRECTOR|LEGAT)\b[^\n]{0,60})$")


def fbi_form_parties(lines: list[Line], hi: int) -> tuple[str | None, str | None]:
    """(recipient, sender) of an FBI Memorandum form whose labels were OCR'd apart from values."""
    head = lines[:hi]
    if not any(FBI_FORM_RE.search(ln.text) for ln in head):
        return None, None
    start = next((k for k, ln in enumerate(head) if ln.text.strip() == "Memorandum"), None)
    if start is None:
        return None, None
    parties: list[str] = []
    for ln in head[start + 1 : start + 14]:
        m = _FBI_PARTY_RE.match(ln.text)
        if m:
            parties.append(trim_junk(FILE_PAREN_RE.sub("", m["v"])))
        if len(parties) == 2:
            break
    to = parties[0] if parties else None
    frm = parties[1] if len(parties) > 1 and len(parties[1]) > 3 else None
    return to, frm


# A party line of the FBI memorandum form whose TO/FROM label OCR garbled into a short token
# ("tae :", "cero", "5A", "ode") or lost: the value starts with the title the form always has.
_FBI_FORM_LINE_RE = re.compile(
    r"^\W{0,3}(?:[A-Za-z0-9]{1,4}\W{0,3}[ \t]{1,3}(?:[:;=~-][ \t]*)?)?"
    r"(?P<v>(?:DIRECTOR,?[ \t]+FBI|(?:SAC|ASAC|LEGAT|Legat),?[ \t]+[A-Z][A-Za-z. ]{2,25})\b)"
    r"[^\n]{0,40}$"
)

_SECOND_DATE_RE = re.compile(r"(?i)[ \t]+(?:DATE|PATE|DATF)\b.*$")


def fbi_form_lines(
    lines: list[Line], lo: int, hi: int, noise=None
) -> tuple[tuple[str, int] | None, tuple[str, int] | None]:
    """((recipient, line), (sender, line)) of an FBI memorandum or airtel whose TO and FROM
    labels OCR garbled: two party lines one under the other ("DIRECTOR, FBI" over "SAC,
    DALLAS") among the first lines of the document."""
    seen = 0
    previous: tuple[str, int] | None = None
    for i in range(lo, min(hi, len(lines))):
        if noise is not None and noise(i) or not lines[i].text.strip():
            continue
        seen += 1
        if seen > 25:
            break
        text = _SECOND_DATE_RE.sub("", lines[i].text)
        hit = label_of(lines[i])
        if hit and hit[0] not in ("TO", "FROM"):
            previous = None
            continue
        m = _FBI_FORM_LINE_RE.match(text)
        if not m:
            previous = None
            continue
        value = trim_junk(m["v"])
        if previous is not None and previous[0] != value:
            return previous, (value, i)
        previous = (value, i)
    return None, None


TITLE_LINE_RE = re.compile(
    r"^(?:Draft[ \t]|Action[ \t]|Information[ \t])?"
    r"(?P<kind>Memorandum|Letter|Telegram|Airgram|Note|Paper|Minutes|Transcript|Record|Report)"
    r"(?: of [A-Z][^\n]{0,80}?)?(?: [Ff]rom (?P<frm>[^\n]{3,200}?))?(?: to (?P<to>[^\n]{3,200}))?$"
)


def title_line(lines: list[Line]) -> tuple[str, str | None, str | None] | None:
    """A transcribed document's first line 'Memorandum From X (office) to Y': title, from, to."""
    first = next((ln.text.strip() for ln in lines[:3] if ln.text.strip()), "")
    if not first or len(first) > 300:
        return None
    m = TITLE_LINE_RE.match(first)
    if not m:
        return None
    frm, to = m["frm"], m["to"]
    if frm and to is None and ")" in frm and " to " in frm[frm.index(")") :]:
        cut = frm.index(" to ", frm.index(")"))
        frm, to = frm[:cut], frm[cut + 4 :]
    if frm and to and "(" in frm and ")" not in frm:
        # " to " inside the sender's parentheses ("(Special Assistant to the Director ...)"):
        # the addressee starts at the first " to " outside them.
        cut = _outer_to(frm + " to " + to)
        if cut is None:
            return first, None, None
        joined = frm + " to " + to
        frm, to = joined[:cut], joined[cut + 4 :]
    if frm and (through := re.search(r" (?:Through|Via) ", frm)):
        frm = frm[: through.start()]  # "From X Through Y to Z": the sender is X
    return first, frm and squash(frm), to and squash(to)


def _outer_to(text: str) -> int | None:
    """The index of the first " to " outside parentheses, if any."""
    depth = 0
    for k, c in enumerate(text):
        depth += (c == "(") - (c == ")")
        if depth == 0 and text.startswith(" to ", k):
            return k
    return None


_HEADING_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’-]*")

_HEADING_SMALL = {
    "of", "the", "and", "on", "for", "to", "in", "with", "a", "an", "at", "by", "from", "de",
}  # fmt: skip


def heading_line(lines: list[Line]) -> int | None:
    """The index of a clean heading opening a transcribed document ("Minutes of the 1962
    Meeting of the Advisory Committee on ..."): title case, no sentence end, no OCR dirt."""
    first = next((k for k, ln in enumerate(lines[:3]) if ln.text.strip()), None)
    if first is None:
        return None
    text = lines[first].text.strip()
    if label_of(lines[first]) or NOT_CAPTION_RE.search(text) or not reads_cleanly(text):
        return None  # a header label's line, an addressee ("Chief, WH Division"), OCR debris
    words = _HEADING_WORD_RE.findall(text)
    if not 3 <= len(words) <= 30 or len(text) > 250 or text.endswith((".", ",", ";", ":")):
        return None
    if sum(c.isalpha() or c.isspace() for c in text) < 0.9 * len(text):
        return None
    capital = sum(w[0].isupper() for w in words if w.lower() not in _HEADING_SMALL)
    content = sum(1 for w in words if w.lower() not in _HEADING_SMALL)
    return first if content and capital == content and not text.isupper() else None
