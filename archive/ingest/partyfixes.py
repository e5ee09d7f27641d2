"""Parties a document names where the header readers do not look.

- A letter's inside address: the block between the date and the salutation names the
  addressee, a name over a title ("Mr. G. Robert Blakey" / "Chief Counsel and Director") or a
  unit over its agency ("Security Division" / "Federal Aviation Agency"), then the street and
  the city. The salutation gives only a surname ("Dear Judge Jennings:") or nothing at all
  ("Dear Sir:"); the inside address outranks it (rule "inside-address"). A letter has no
  FROM line: where a header label named a sender above the salutation, the record opens with
  another paper and the letter inside it is left alone.
"""

import re

from .patterns import squash

# "Dear Mr. Blakey:", "Dear Sir:", "Dear Mr. Secretary:" (OCR may add a mark after the colon).
_SALUTATION_RE = re.compile(r"^\W{0,3}Dear[ \t]+[A-Z][A-Za-z.' -]{1,40}[:,;]")
# The addressee's first line: an honorific before a name.
_HONORIFIC_RE = re.compile(
    r"^\W{0,2}(?:The[ \t]+)?(?:Honorable|Hon\.|Mr\.?|Mrs\.?|Ms\.?|Miss|Dr\.?|General|Admiral"
    r"|Colonel|Senator|Congressman|Ambassador|Judge)[ \t]+[A-Z]"
)
# Lines between the address and the salutation: an attention line, a subject, a reference.
_BETWEEN_RE = re.compile(r"(?i)^\W{0,2}(?:attention|attn|subject|subj|re|ref(?:erence)?)\b")
# The city and street lines of an address: a ZIP code, "D. C.", a number, a state.
_PLACE_RE = re.compile(
    r"\d|\bD\.?[ \t]?C\b|Washington|\b(?:Street|Avenue|Road|Lane|Building|Drive|Box)\b"
)
_MONTH_RE = re.compile(
    r"(?i)\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?[ \t]+\d|\d[ \t]+"
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?[ \t]+\d{2,4}"
)
_WINDOW = 80  # own lines from the body's start within which a letter salutes its addressee
_ADDRESS = 8  # lines an inside address and its attention line take at most


def apply(ctx, out) -> None:
    """The parties the header readers missed: a letter's addressee from its inside address."""
    inside_address(ctx, out)


def inside_address(ctx, out) -> None:
    """The addressee from the inside address above a letter's salutation, when no rule named
    one or only the salutation did."""
    if out.values.get("recipient") and out.rules.get("recipient") != "salutation":
        return
    lines = ctx.lines
    own = [
        i
        for i in range(ctx.lo, min(len(lines), ctx.lo + 3 * _WINDOW))
        if not ctx.noise(i) and lines[i].text.strip()
    ][:_WINDOW]
    for k, i in enumerate(own):
        if _SALUTATION_RE.match(lines[i].text.strip()):
            if _header_above(out, lines[i].start):
                return  # a memorandum's or a list's header leads: the letter comes later
            above = own[max(0, k - _ADDRESS) : k]
            if hit := address_block([lines[j].text.strip() for j in above]):
                value, top = hit
                first = above[top]
                span = (lines[first].start, lines[first].end)
                out.offer("recipient", value, 0.75, span=span, rule="inside-address")
            return


def _header_above(out, at: int) -> bool:
    """A header label named the sender above this point: a letter has no FROM line, so the
    record opens with another paper (a memorandum, a distribution list)."""
    span = out.sources.get("sender")
    return bool(span) and span[0] < at and str(out.rules.get("sender", "")).startswith("label")


def address_block(above: list[str]) -> tuple[str, int] | None:
    """(addressee, index of its line in above) from the lines above a salutation, or None:
    the honorific's line and the title under it, or a unit over its agency above the city."""
    end = len(above)
    while end and _BETWEEN_RE.match(above[end - 1]):
        end -= 1
    while end and _BETWEEN_RE.match(above[end - 2] if end >= 2 else ""):
        end -= 2  # "Attention" on a line of its own, the name under it
    block = above[:end]
    for top in range(len(block)):
        if _HONORIFIC_RE.match(block[top]) and not _PLACE_RE.search(block[top]):
            parts = [block[top]]
            if top + 1 < len(block) and _title_line(block[top + 1]):
                parts.append(block[top + 1])
            return _clean(parts), top
    # No honorific: the unit's lines stand between the date and the first line of the place.
    place = len(block)
    while place and _PLACE_RE.search(block[place - 1]) and not _MONTH_RE.search(block[place - 1]):
        place -= 1
    if place in (0, len(block)):
        return None
    start = place
    while start > 0 and _title_line(block[start - 1]) and place - start < 2:
        start -= 1
    if start == place or not (start == 0 or _MONTH_RE.search(block[start - 1])):
        return None
    return _clean(block[start:place]), start


def _title_line(text: str) -> bool:
    """A title or unit line of an address: capitalised words, no number, no place."""
    if _PLACE_RE.search(text) or _MONTH_RE.search(text) or len(text) > 50:
        return False
    words = text.replace(",", " ").split()
    small = ("of", "and", "for", "the", "on", "to", "&")
    return bool(words) and all(w[:1].isupper() or w in small for w in words)


def _clean(parts: list[str]) -> str:
    """The address lines as one value."""
    return ", ".join(squash(p).strip(" ,.;:|") for p in parts)
