"""Keywords in context: the passage of a memo where the search terms stand, marked up safely.

Whoosh's highlighter re-analyses whole documents and is slow on long texts. Here a regex finds
candidate words by the prefix of each matched index term, only those candidates are stemmed
and compared, and only the memos on the page being shown are looked at.
"""

import re
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import mark_safe
from whoosh.lang.porter import stem

WORD = re.compile(r"\w+")
# Longest text scanned for hits; past it the snippet falls back to the opening lines.
SCAN_LIMIT = 400_000


@lru_cache(maxsize=100_000)
def _stem(word):
    return stem(word.lower())


def _candidate_pattern(terms):
    """A regex matching words that may stem to one of the terms (by their first letters)."""
    prefixes = sorted({term[: max(3, len(term) - 1)] for term in terms if term}, key=len)
    if not prefixes:
        return None
    alternatives = "|".join(re.escape(prefix) for prefix in prefixes)
    return re.compile(rf"\b(?:{alternatives})\w*", re.IGNORECASE)


def find_hits(text, terms, limit=SCAN_LIMIT):
    """Spans (start, end) of the words in text whose stem is one of the (stemmed) terms."""
    terms = {term.lower() for term in terms if term}
    pattern = _candidate_pattern(terms)
    if pattern is None:
        return []
    hits = []
    for match in pattern.finditer(text, 0, min(len(text), limit)):
        word = match.group()
        if word.lower() in terms or _stem(word) in terms:
            hits.append(match.span())
    return hits


def _best_window(hits, text, width):
    """Start offset of the window of `width` characters holding the most distinct hit words."""
    best_start, best_score, j = hits[0][0], -1, 0
    for i, (start, _end) in enumerate(hits):
        while j < len(hits) and hits[j][1] <= start + width:
            j += 1
        words = {text[s:e].lower() for s, e in hits[i:j]}
        score = len(words) * 10 + (j - i)
        if score > best_score:
            best_start, best_score = start, score
    return best_start


def _clip(text, start, end):
    """Widen [start, end) to word boundaries."""
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    return start, end


def render(text, hits, start, end):
    """Escaped text[start:end] with each hit wrapped in <mark>."""
    parts, cursor = [], start
    for hit_start, hit_end in hits:
        if hit_end <= start or hit_start >= end:
            continue
        parts.append(escape(text[cursor:hit_start]))
        parts.append(f"<mark>{escape(text[hit_start:hit_end])}</mark>")
        cursor = hit_end
    parts.append(escape(text[cursor:end]))
    body = " ".join("".join(parts).split())
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + body + suffix)  # noqa: S308 (every piece above is escaped)


def snippet(text, terms, width=260):
    """The best passage of text for these stemmed terms, as safe HTML; the opening if none."""
    hits = find_hits(text, terms)
    if not hits:
        start, end = _clip(text, 0, min(len(text), width))
        return render(text, [], 0, end)
    centre = _best_window(hits, text, width * 2 // 3)
    start = max(0, centre - width // 3)
    start, end = _clip(text, start, min(len(text), start + width))
    return render(text, hits, start, end)
