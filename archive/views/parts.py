"""A long memo's text in parts: where the memo page cuts it, and which part a reader asked for.

A text longer than ARCHIVE_MEMO_PART_CHARS is cut into parts of about equal length, at a
paragraph break near each ideal cut, else a line break, else a space; never inside a span to
keep whole (a redaction marker, a curator's note, a name), so each part is rendered with its
own spans whole and offsets stay those of the whole text. Search hits are words, and a cut
falls only between words. Parts depend on the text and its anchored spans, not on a search, so
a part's number means the same with or without ?q=.
"""

import bisect
import math
import re
from dataclasses import dataclass

from django.conf import settings

# Where a cut may fall, best first: after a blank line, after a line break, after a space.
BREAKS = (re.compile(r"\n[ \t]*\n"), re.compile(r"\n"), re.compile(r"\s"))


@dataclass
class Part:
    """One part of a memo's text: text[start:end], and the search hits that start in it."""

    number: int
    start: int
    end: int
    hits: int = 0


def cut(text, start, end, keep=(), size=None):
    """The parts of text[start:end]; one part when it is no longer than `size` characters.

    `keep` holds (start, end) spans no cut may fall inside.
    """
    size = size or settings.ARCHIVE_MEMO_PART_CHARS
    length = end - start
    if length <= size:
        return [Part(1, start, end)]
    count = math.ceil(length / size)
    kept = _merge(keep)
    slack = max(1, length // count // 4)
    cuts = [start]
    for k in range(1, count):
        ideal = start + round(k * length / count)
        at = _cut_near(
            text, ideal, max(cuts[-1] + 1, ideal - slack), min(end - 1, ideal + slack), kept
        )
        if cuts[-1] < at < end:
            cuts.append(at)
    cuts.append(end)
    return [Part(n, a, b) for n, (a, b) in enumerate(zip(cuts, cuts[1:], strict=False), start=1)]


def _merge(spans):
    """Disjoint, sorted (start, end) covering the given spans."""
    merged = []
    for a, b in sorted((a, b) for a, b in spans if b > a):
        if merged and a < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return [tuple(span) for span in merged]


def _inside(kept, position):
    """The kept span `position` falls strictly inside, or None."""
    i = bisect.bisect_right(kept, (position, math.inf)) - 1
    if i >= 0 and kept[i][0] < position < kept[i][1]:
        return kept[i]
    return None


def _cut_near(text, ideal, low, high, kept):
    """The best place to cut in [low, high], nearest `ideal`; past a kept span if none."""
    for pattern in BREAKS:
        places = (match.end() for match in pattern.finditer(text, low, high))
        fitting = [at for at in places if at <= high and _inside(kept, at) is None]
        if fitting:
            return min(fitting, key=lambda at: abs(at - ideal))
    span = _inside(kept, ideal)
    return span[1] if span else ideal


def count_hits(parts, hits):
    """Set each part's number of hits (spans (start, end), sorted) that start in it."""
    starts = [start for start, _end in hits]
    for part in parts:
        part.hits = bisect.bisect_left(starts, part.end) - bisect.bisect_left(starts, part.start)
    return parts


def chosen(parts, asked, q_given):
    """(the part to show, a notice when the asked part does not exist).

    No ?part= opens the first part, or with a search the first part with a hit.
    """
    if asked is None or asked == "":
        if q_given:
            return next((part for part in parts if part.hits), parts[0]), ""
        return parts[0], ""
    try:
        number = int(asked)
    except ValueError:
        number = 0
    if 1 <= number <= len(parts):
        return parts[number - 1], ""
    shown = str(asked)[:20]
    return parts[0], (
        f"There is no part “{shown}” of this text: it has {len(parts)} parts. Showing part 1."
    )
