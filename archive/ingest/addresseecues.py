"""The addressee as the document itself names it, where NARA's form won over it.

A State Department INCOMING TELEGRAM (1960s) prints FROM:, TO: and NO: as captions on their
own lines, under its heading and the "Department of State" letterhead. OCR often sets the TO
caption alone and the addressee ("Secretary of State") on the next line, with the NO: caption
after it; the label reader reads a value on the caption's own line only, and anatomy may count
that head as the identification form's (its FROM/TO captions look alike). NARA's form then
named a person ("TO : Rusk") and won, where the judged set reads the document's own addressee
("whom it is addressed to, as it names them"; bench/judged/README.md).
"""

import re

from .anatomy import FORM

# The telegram's heading at the start of its line, and the Department's letterhead near it
# (OCR: "Department of Stave", "'Department of Stare").
_STATE_TELEGRAM_RE = re.compile(r"^\W{0,3}(?:INCOMING|OUTGOING)[ \t]+TELEGRAM\b")
_DEPARTMENT_RE = re.compile(r"(?i)Dep\w{1,3}tment[ \t]+of[ \t]+St\w{2,3}")
# The TO caption alone on its line (OCR reads its colon as ; or .).
_TO_ALONE_RE = re.compile(r"^\W{0,3}TO[ \t]?[:;.]\W{0,2}$")
# The caption after the addressee ("NO: 612, October 13" or "NO:" alone).
_NO_RE = re.compile(r"^\W{0,3}NO[ \t]?[:;.]")
# An addressee as the telegram prints it: capitalised words, no digits.
_ADDRESSEE_RE = re.compile(r"^[A-Z][A-Za-z.]+(?:[ \t,]+[A-Za-z.]+){0,6}$")
# How far below the heading the captions stand (the action and info columns come first).
HEAD_LINES = 60


def _filled(lines, start: int, stop: int, noise) -> list[int]:
    """Indexes of the non-empty lines from start (inclusive) to stop, noise left out."""
    return [i for i in range(start, stop) if lines[i].text.strip() and not noise(i)]


def state_telegram_to(lines, lo: int, hi: int, noise) -> tuple[str, int] | None:
    """(addressee, line) of a State incoming telegram whose TO caption stands alone, its
    addressee on the next line and the NO: caption after it."""
    head = _filled(lines, lo, hi, noise)
    texts = [lines[i].text.strip() for i in head]
    top = next((k for k, t in enumerate(texts) if _STATE_TELEGRAM_RE.match(t)), None)
    if top is None or not any(_DEPARTMENT_RE.search(t) for t in texts[top : top + 6]):
        return None
    head, texts = head[top : top + HEAD_LINES], texts[top : top + HEAD_LINES]
    for k, text in enumerate(texts[:-2]):
        if not _TO_ALONE_RE.match(text):
            continue
        value, after = texts[k + 1], texts[k + 2]
        if _ADDRESSEE_RE.match(value) and _NO_RE.match(after):
            return value, head[k + 1]
        return None
    return None


def refine(ctx, out) -> None:
    """The telegram's own addressee over the form's TO, or where nothing named one."""
    if out.rules.get("recipient", "") not in ("", "form"):
        return
    lines, kinds = ctx.lines, ctx.anatomy.kinds

    def noise(i: int) -> bool:
        """Not the document's own text (a telegram's head counted as the form's is)."""
        return kinds[i] != FORM and ctx.noise(i)

    hi = min(len(lines), ctx.lo + 120)
    if hit := state_telegram_to(lines, 0, hi, noise):
        line = lines[hit[1]]
        out.values["recipient"] = hit[0]
        out.confidence["recipient"] = 0.72
        out.rules["recipient"] = "state-telegram-to"
        out.sources["recipient"] = (line.start, line.end)
        out.rivals.pop("recipient", None)
