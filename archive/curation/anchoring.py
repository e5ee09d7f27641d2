"""Finding a passage again after its text changed (W3C Web Annotation's TextQuoteSelector).

An anchor is character offsets plus the quoted passage and some text before and after it.
After a curator corrects a memo's text, each note and redaction is looked for again: first
where the edit moved it (a line diff maps old offsets to new), then the exact quote nearest
that spot, told apart from other occurrences by the text around it, and last a fuzzy match
for a passage the correction itself touched. What cannot be found is never dropped: a note is
marked unanchored, a redaction stays at its best guess and the memo is flagged for review.
"""

import difflib
from dataclasses import dataclass

CONTEXT = 32  # characters of prefix and suffix kept with an anchor
FUZZY_MIN_RATIO = 0.75  # below this a fuzzy candidate is not the passage
FUZZY_WINDOW = 2000  # characters either side of the expected spot searched fuzzily


@dataclass
class Anchor:
    """Where a passage was: offsets, the passage, and the text around it."""

    start: int
    end: int
    quote: str
    prefix: str = ""
    suffix: str = ""


@dataclass
class Match:
    """Where a passage is now, and how it was found ("kept", "exact" or "fuzzy")."""

    start: int
    end: int
    how: str
    score: float = 1.0


def selector(text, start, end, context=CONTEXT):
    """The anchor of text[start:end], with its context."""
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    return Anchor(
        start=start,
        end=end,
        quote=text[start:end],
        prefix=text[max(0, start - context) : start],
        suffix=text[end : end + context],
    )


class OffsetMap:
    """Maps offsets of an old text to a new one, from a diff of their lines."""

    def __init__(self, old, new):
        self.old, self.new = old, new
        old_lines = old.splitlines(keepends=True)
        new_lines = new.splitlines(keepends=True)
        old_starts = _starts(old_lines)
        new_starts = _starts(new_lines)
        matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
        # Each block: (old start, old end, new start, new end, equal?) in characters.
        self.blocks = [
            (old_starts[i1], old_starts[i2], new_starts[j1], new_starts[j2], tag == "equal")
            for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        ]

    def position(self, offset):
        """(new offset, whether the text there is unchanged)."""
        for old_start, old_end, new_start, new_end, equal in self.blocks:
            if old_start <= offset < old_end or (offset == old_end == len(self.old)):
                shifted = new_start + (offset - old_start)
                return min(shifted, new_end if not equal else len(self.new)), equal
        return min(offset, len(self.new)), False

    def unchanged(self, start, end):
        """Whether old[start:end] lies in one unchanged block; then its new offsets."""
        for old_start, old_end, new_start, _new_end, equal in self.blocks:
            if equal and old_start <= start and end <= old_end:
                return new_start + (start - old_start), new_start + (end - old_start)
        return None


def _starts(lines):
    starts, total = [0], 0
    for line in lines:
        total += len(line)
        starts.append(total)
    return starts


def _context_score(text, start, end, anchor):
    """0–1: how well the text around text[start:end] agrees with the anchor's context."""
    scores = []
    if anchor.prefix:
        before = text[max(0, start - len(anchor.prefix)) : start]
        scores.append(_similarity(before, anchor.prefix, from_end=True))
    if anchor.suffix:
        after = text[end : end + len(anchor.suffix)]
        scores.append(_similarity(after, anchor.suffix))
    return sum(scores) / len(scores) if scores else 0.0


def _similarity(a, b, from_end=False):
    if not a or not b:
        return 0.0
    if from_end:
        a, b = a[::-1], b[::-1]
    # The common run from the passage outwards weighs most; the rest by ratio.
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        common += 1
    return 0.5 * common / len(b) + 0.5 * difflib.SequenceMatcher(None, a, b).ratio()


def find(text, anchor, hint=None, taken=()):
    """Where the anchor's passage is in `text`, or None. `hint` is the expected offset.

    Spans in `taken` (already claimed by other anchors) are not given again.
    """
    if not anchor.quote:
        return None
    hint = anchor.start if hint is None else hint
    exact = _find_exact(text, anchor, hint, taken)
    if exact is not None:
        return exact
    return _find_fuzzy(text, anchor, hint, taken)


def _overlaps(start, end, taken):
    return any(start < other_end and other_start < end for other_start, other_end in taken)


def _find_exact(text, anchor, hint, taken=()):
    best = None
    position = text.find(anchor.quote)
    while position != -1:
        end = position + len(anchor.quote)
        if (position, end) in taken:
            position = text.find(anchor.quote, position + 1)
            continue
        context = _context_score(text, position, end, anchor)
        # Context decides; among equals the occurrence nearest the expected spot wins.
        key = (-round(context, 3), abs(position - hint))
        if best is None or key < best[0]:
            best = (key, Match(position, end, "exact", 1.0))
        position = text.find(anchor.quote, position + 1)
    return best[1] if best else None


def _find_fuzzy(text, anchor, hint, taken=()):
    quote = anchor.quote
    size = len(quote)
    # A short quote ("25X1") matches loosely almost anywhere: look only close to its place.
    reach = min(FUZZY_WINDOW, max(80, 20 * size))
    lo = max(0, hint - reach - size)
    hi = min(len(text), hint + reach + size)
    window = text[lo:hi]
    if not window:
        return None
    # Candidate starts: word starts in the window, scored by the quote's ratio at that spot.
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(quote)
    best = None
    starts = [i for i in range(len(window)) if i == 0 or not window[i - 1].isalnum()]
    for start in starts:
        candidate = window[start : start + size]
        matcher.set_seq1(candidate)
        if matcher.real_quick_ratio() < FUZZY_MIN_RATIO or matcher.quick_ratio() < FUZZY_MIN_RATIO:
            continue
        ratio = matcher.ratio()
        key = (-round(ratio, 3), abs(lo + start - hint))
        if _overlaps(lo + start, lo + start + size, taken):
            continue
        if ratio >= FUZZY_MIN_RATIO and (best is None or key < best[0]):
            best = (key, start, ratio)
    if best is None:
        return None
    _key, start, ratio = best
    # The corrected passage may be a little longer or shorter than the old one.
    best_end, best_ratio = start + size, ratio
    slack = max(3, size // 5)
    for end in range(
        max(start + 1, start + size - slack), min(len(window), start + size + slack) + 1
    ):
        matcher.set_seq1(window[start:end])
        candidate_ratio = matcher.ratio()
        if candidate_ratio > best_ratio:
            best_end, best_ratio = end, candidate_ratio
    return Match(lo + start, lo + best_end, "fuzzy", best_ratio)


def relocate(old_text, new_text, anchors, exclusive=False):
    """Each anchor's Match in the new text (None where it is lost), in the same order.

    With `exclusive`, no two anchors get the same passage (redactions: one marker each).
    """
    offsets = OffsetMap(old_text, new_text)
    results = [None] * len(anchors)
    taken = set()
    # Passages in unchanged text are certain: they are placed (and claimed) first.
    for i, anchor in enumerate(anchors):
        same = offsets.unchanged(anchor.start, anchor.end)
        if same is not None and new_text[same[0] : same[1]] == anchor.quote:
            results[i] = Match(same[0], same[1], "kept")
            taken.add(same)
    for i, anchor in enumerate(anchors):
        if results[i] is not None or not anchor.quote:
            continue
        hint, _equal = offsets.position(anchor.start)
        match = find(new_text, anchor, hint, taken if exclusive else ())
        if match is not None:
            results[i] = match
            taken.add((match.start, match.end))
    return results


def best_guess(old_text, new_text, start, end):
    """Offsets where a lost passage most likely stands now (for data that must keep a place)."""
    offsets = OffsetMap(old_text, new_text)
    new_start, _equal = offsets.position(start)
    new_end = min(len(new_text), new_start + max(0, end - start))
    if new_end <= new_start:
        new_start = max(0, min(new_start, len(new_text) - 1))
        new_end = min(len(new_text), new_start + 1)
    return new_start, new_end


def map_span(old_text, new_text, start, end, offsets=None):
    """Both ends of an old span mapped into the new text (for spans, not quotes: pages)."""
    offsets = offsets or OffsetMap(old_text, new_text)
    new_start, _equal = offsets.position(start)
    new_end, _equal = offsets.position(end)
    return new_start, max(new_start, new_end)
