"""The sender and addressee a CIA routing form names in its FROM and TO boxes.

A Routing and Record Sheet (Form 610) and an Official Routing Slip (Form 237) cover many CIA
memoranda. Their FROM box prints its captions beside the label ("FROM: EXTENSION | NO.",
"FROM: NAME, ADDRESS AND PHONE NO.") and holds the sender's name and unit typed below, with an
extension and a room number ("Donovan E. Pratt" / "DC/CI/R&A" / "x-2066"). OCR sets the
printed captions between the label and the typed lines, where the memo header reader
(headers.py) takes them for the value and drops the block. This reads the box where no other
rule named a sender; and the first row of the TO box, under its printed caption ("TO: (Officer
designation, room number, and building)"), where no other rule named an addressee.
"""

import re

from .anatomy import ROUTING

# The form's own title, near the top of the record.
_FORM_RE = re.compile(r"(?i)ROUTING[ \t]+AND[ \t]+RECORD|RECORD[ \t]+SHEET|ROUTING[ \t]+SLIP")
# The FROM label, then nothing but the box's printed captions.
_FROM_RE = re.compile(
    r"^\W{0,3}FROM[ \t]?[:;]?(?:(?:[ \t|:;.,]|EXTENSION|NO\b|NAME|ADD?RESS|ADORESS|AND"
    r"|PHONE|PH\b)*)$"
)
# A printed caption of the box or a line of its numbers (extension, room, date stamp).
_CAPTION_RE = re.compile(
    r"^\W{0,3}(?:EXTENSION:?|NO\.?|x?-?[\dA-Z]{0,3}\d[\d\s./-]*|[A-Z]{0,2}-?\d{2,5})\W{0,3}$"
)
# Where the box ends: the TO box, the date, the comments column, the subject.
_END_RE = re.compile(
    r"(?i)^\W{0,3}(?:TO\b|DATE|OFFICER|COMMENTS|SUBJECT|building|RECEIVED|FORWARDED|INITIALS"
    r"|FOLD|UNCLASSIFIED|CONFIDENTIAL|SECRET|INTERNAL|FORM\b|REMARKS)"
)
# A typed name ("Donovan E. Pratt", "William F. Donnelly", "Raymond G. Roccal").
_NAME_RE = re.compile(
    r"^(?:[A-Z][a-z]+|[A-Z]\.)(?:[ \t](?:[A-Z]\.|[A-Z][a-z]+)){1,3}(?:,[ \t]Jr\.)?$"
)
# An office symbol ("DC/CI/R&A", "C/SS/SC") or a title ("Acting Chief, Division D").
_SYMBOL_RE = re.compile(r"^[A-Z]{1,5}(?:/[A-Z0-9&]{1,8}){1,4}$")
_TITLE_RE = re.compile(
    r"^(?:Acting[ \t]|Deputy[ \t]|Assistant[ \t])?(?:Chief|Director|Deputy|Special[ \t]Assistant"
    r"|General[ \t]Counsel|Inspector[ \t]General|Office[ \t]of)\b[A-Za-z ,&/.-]{0,50}$"
)
# An extension or room number typed after the value on its line ("Walter Raymond, Jr. 4253").
_NUMBERS_TAIL_RE = re.compile(r"(?:[ \t]+[A-Za-z]{0,2}-?\d[\dA-Z-]{1,8})+[ \t]*$")


def _value(text: str) -> str | None:
    """A line of the box as a name, a symbol or a title, else None."""
    text = _NUMBERS_TAIL_RE.sub("", text.strip(" \t|:;-=_~'\"‘’“”")).strip(" ,")
    if _NAME_RE.match(text) or _SYMBOL_RE.match(text) or _TITLE_RE.match(text):
        return text
    return None


def box_sender(lines, lo: int, hi: int, noise) -> tuple[str, int, int] | None:
    """(sender, first line, last line) of a routing form's FROM box between lines lo and hi."""
    if not any(_FORM_RE.search(lines[i].text) for i in range(lo, hi) if not noise(i)):
        return None
    for i in range(lo, hi):
        if noise(i) or not _FROM_RE.match(lines[i].text.strip()):
            continue
        found: list[str] = []
        last = i
        for j in range(i + 1, min(hi, i + 12)):
            text = lines[j].text.strip()
            if not text or noise(j) or _CAPTION_RE.match(text):
                continue
            if _END_RE.match(text):
                break
            value = _value(text)
            if value is None:
                break
            found.append(value)
            last = j
            if len(found) == 2 or _SYMBOL_RE.match(value):
                break
        if found:
            return ", ".join(found), i, last
        return None
    return None


# The TO box's label with its printed caption ("TO: (Officer designation, room number, and").
_TO_RE = re.compile(r"(?i)^\W{0,3}TO\W{0,3}\((?:Of|Oi)")
# The rest of the box's printed captions, and the columns beside it.
_TO_CAPTION_RE = re.compile(
    r"(?i)designation|room|number|build|\bwhom\b|^[a-z]+\)|^\W{0,3}(?:ion\b|DATE|OFFICER|INITIALS|RECEIVED"
    r"|FORWARDED|COMMENTS|Draw|t?o[ \t]whom|fo[ \t]whom)"
)
_ROW_RE = re.compile(r"^\W{0,2}1[.,]?(?:[ \t]+|$)")


def box_recipient(lines, lo: int, hi: int, noise) -> tuple[str, int] | None:
    """(addressee, line) of a routing form's TO box: its first row, a name, symbol or title."""
    if not any(_FORM_RE.search(lines[i].text) for i in range(lo, hi) if not noise(i)):
        return None
    for i in range(lo, hi):
        if noise(i) or not _TO_RE.match(lines[i].text.strip()):
            continue
        for j in range(i + 1, min(hi, i + 10)):
            text = _ROW_RE.sub("", lines[j].text.strip())
            if not text or noise(j) or _TO_CAPTION_RE.search(text):
                continue
            value = _value(text)
            return (value, j) if value else None
        return None
    return None


# An Official Routing Slip's TO column: its caption, then the first addressee's row.
_SLIP_RE = re.compile(r"^\W{0,3}NAME[ \t]+AND[ \t]+ADD?RESS\b")
_SLIP_CAPTION_RE = re.compile(
    r"(?i)^\W{0,3}(?:DATE|INITIALS|TO)\W*(?:INITIALS\W*)?$|^\W{0,3}\d\W{0,2}$"
)
# An office's bare symbol on the slip ("DDS"), not one of the slip's printed words.
_ACRONYM_RE = re.compile(r"^[A-Z]{2,5}$")
_SLIP_WORDS = {"ACTION", "FILE", "NOTE", "RETURN", "SEE", "ME"}
_MR_RE = re.compile(r"^(?:Mr|Mrs|Miss|Ms|Dr)\.?[ \t]+")


def slip_recipient(lines, lo: int, hi: int, noise) -> tuple[str, int] | None:
    """(addressee, line) of an Official Routing Slip's first row, under NAME AND ADDRESS."""
    for i in range(lo, hi):
        if noise(i) or not _SLIP_RE.match(lines[i].text.strip()):
            continue
        for j in range(i + 1, min(hi, i + 12)):
            text = lines[j].text.strip()
            if not text or noise(j) or _SLIP_CAPTION_RE.match(text):
                continue
            bare = text.strip(" \t|:;-=_~'\"‘’“”")
            if _ACRONYM_RE.match(bare) and bare not in _SLIP_WORDS:
                return bare, j
            named = _MR_RE.sub("", bare)
            value = _value(named)
            return (bare if value == named else value, j) if value else None
        return None
    return None


def sender(ctx, out) -> None:
    """The sender from a routing form's FROM box, where no other rule named one (the box is
    read on the routing sheets anatomy set in front of the memo, and on its first lines)."""
    if out.confidence.get("sender", 0) >= 0.3:
        return  # (a garbled label's reading far below the floor gives way)
    kinds = ctx.anatomy.kinds

    def noise(i: int) -> bool:
        """Not the document's own text, nor a routing sheet's."""
        return kinds[i] != ROUTING and ctx.noise(i)

    hi = min(len(ctx.lines), ctx.lo + 80)
    if hit := box_sender(ctx.lines, 0, hi, noise):
        value, first, last = hit
        span = (ctx.lines[first].start, ctx.lines[last].end)
        out.offer("sender", value, 0.62, span=span, rule="routing-from")


def recipient(ctx, out) -> None:
    """The addressee from a routing form's TO box (its first row), where no other rule named
    one."""
    if out.confidence.get("recipient", 0) >= 0.3:
        return
    kinds = ctx.anatomy.kinds
    hi = min(len(ctx.lines), ctx.lo + 80)
    noise = lambda i: kinds[i] != ROUTING and ctx.noise(i)  # noqa: E731
    if hit := box_recipient(ctx.lines, 0, hi, noise):
        line = ctx.lines[hit[1]]
        out.offer("recipient", hit[0], 0.6, span=(line.start, line.end), rule="routing-to")
    elif hit := slip_recipient(ctx.lines, 0, hi, noise):
        line = ctx.lines[hit[1]]
        out.offer("recipient", hit[0], 0.6, span=(line.start, line.end), rule="routing-slip-to")
