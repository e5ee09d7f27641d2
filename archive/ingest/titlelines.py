"""The SUBJECT caption where OCR debris at its line's end made the first readings refuse it,
so the title was composed from the document's parts (or left empty).

- `caption-tail-trimmed`: OCR sets marks from the page's margin, a stamp or the next box at
  the end of a caption's line ("Venceremos Brigade (VBSt", "Black power and student Unrest
  kn't", "FOR AGITATIONAL ACTIVITIES IN GUERRERO Abe x KE oy"). The readers of the SUBJECT
  caption (a label OCR garbled, a caption under a bare label, a dispatch's subject box) take
  a caption only when it reads as words, so one such tail loses the whole caption. The same
  readers are run again over the head's lines with such a tail cut off: one or two last
  tokens, where what is left reads cleanly and keeps two words. Only where the title was
  composed or none was read; a caption cut to fewer than two words is not taken.
"""

import re

from . import cableparties, captions, titlefixes
from .patterns import reads_cleanly

_HEAD = 200  # lines of the head whose tails are cut
_WORD_RE = re.compile(r"[A-Za-z]{2,}")


def tail_trimmed(text: str) -> str:
    """A line with one or two tokens of OCR debris cut from its end, where that makes it read
    cleanly (the line as it was otherwise)."""
    if not text.strip() or reads_cleanly(text):
        return text
    tokens = text.split()
    for drop in (1, 2):
        kept = tokens[:-drop]
        if sum(bool(_WORD_RE.search(t)) for t in kept) < 2:
            break
        value = " ".join(kept)
        if reads_cleanly(value):
            return value
    return text


class _Trimmed:
    """The reading context with the head's lines' debris tails cut (the spans unchanged)."""

    def __init__(self, ctx) -> None:
        self.lo, self.family, self.noise = ctx.lo, ctx.family, ctx.noise
        hi = min(len(ctx.lines), ctx.lo + _HEAD)
        self.lines = list(ctx.lines)
        for i in range(ctx.lo, hi):
            line = self.lines[i]
            if not ctx.noise(i):
                self.lines[i] = line._replace(text=tail_trimmed(line.text))


def _readers(ctx):
    """The SUBJECT caption's readers for the document's family, in the first readings' order."""
    if ctx.family.name == "cia_dispatch":
        return (cableparties.subject_box,)
    hi = min(len(ctx.lines), ctx.lo + _HEAD)

    def loose(c):
        return captions.loose_subject(c.lines, c.lo, hi, c.noise)

    def below(c):
        hit = titlefixes.subject_below(c)
        return (hit[0], hit[1]) if hit else None

    def far(c):
        hit = titlefixes.garbled_far(c)
        return (hit[0], hit[1]) if hit else None

    return (loose, below, far)


def caption_tail_trimmed(ctx, out) -> None:
    """The SUBJECT caption read past a debris tail (see the module docstring)."""
    composed = out.rules.get("title") in (None, "composed")
    slug = ctx.family.name == "cia_dispatch" and out.rules.get("title") in ("subject",)
    if not composed and not (slug and cableparties._slug(str(out.values.get("title")))):
        return
    if "subject" in out.values and not slug:
        return
    trimmed = _Trimmed(ctx)
    for reader in _readers(ctx):
        if hit := reader(trimmed):
            value, i = hit
            if len(_WORD_RE.findall(value)) < 2 or not reads_cleanly(value):
                continue
            line = ctx.lines[i]
            out.values["title"] = value
            out.confidence["title"] = 0.6
            out.rules["title"] = "caption-tail-trimmed"
            out.sources["title"] = (line.start, line.end)
            out.rivals.pop("title", None)
            return


def refine(ctx, out) -> None:
    """The captions this module reads, where the title was composed or none was read."""
    caption_tail_trimmed(ctx, out)
