"""Keywords in context: the passage of a memo where the search terms stand, marked up safely.

Whoosh's highlighter re-analyses whole documents and is slow on long texts. Here a regex finds
candidate words by the prefix of each matched index term, only those candidates are stemmed
and compared, and only the memos on the page being shown are looked at.

Snippets keep to the memo's own text (archive.body): a term in the identification form, a
release stamp or a page footer is never the passage shown, nor are the stamp and footer lines
beside a term. Without a term in its own text, a memo shows its opening (`opening()`): its
summary, else the excerpt kept with it.
"""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from archive.body import Body, clip, excerpt
from archive.public_text import public_text
from archive.reading.markup import strip_emphasis
from archive.search.marks import Marks, merge, phrase_hits, prefix, stem_of

WORD = re.compile(r"\w+")
# Longest text scanned for hits; past it the snippet falls back to the opening lines.
SCAN_LIMIT = 400_000
# Windows given up (their terms all in stamps or furniture) before every hit is judged at once.
ROUNDS = 3


def _candidate_pattern(terms):
    """A regex matching words that may stem to one of the terms (by their first letters)."""
    prefixes = sorted({prefix(term) for term in terms if term}, key=len)
    if not prefixes:
        return None
    alternatives = "|".join(re.escape(prefix) for prefix in prefixes)
    return re.compile(rf"\b(?:{alternatives})\w*", re.IGNORECASE)


def find_hits(text, terms, limit=SCAN_LIMIT):
    """Sorted spans (start, end) of the words to mark in text: those whose stem is one of the
    terms, and a phrase's words where they stand as the phrase. `terms`: Marks (what a query
    marks, archive.search.marks) or stemmed index terms to mark wherever they stand."""
    marks = Marks.of(terms)
    limit = min(len(text), limit)
    hits = phrase_hits(text, marks.phrases, limit)
    pattern = _candidate_pattern(marks.terms)
    if pattern is not None:
        for match in pattern.finditer(text, 0, limit):
            word = match.group()
            if word.lower() in marks.terms or stem_of(word) in marks.terms:
                hits.append(match.span())
    return merge(hits)


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


def render(text, hits, start, end, body=None):
    """Escaped text[start:end] with each hit wrapped in <mark>; with a Body, the lines of its
    form, stamps and furniture are left out."""
    hits = [(s, e) for s, e in hits if e > start and s < end]
    spans = [(start, end)] if body is None else body.own_spans(start, end)
    parts = []
    for lo, hi in spans:
        cursor = lo
        for hit_start, hit_end in hits:
            if hit_end <= lo or hit_start >= hi:
                continue
            parts.append(escape(text[cursor:hit_start]))
            parts.append(f"<mark>{escape(text[hit_start:hit_end])}</mark>")
            cursor = hit_end
        parts.append(escape(text[cursor:hi]) + " ")
    shown = strip_emphasis(" ".join("".join(parts).split()))
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + shown + suffix)  # noqa: S308 (every piece above is escaped)


def _window(text, hits, width):
    """(start, end) of the passage of about `width` characters around the most hit words."""
    centre = _best_window(hits, text, width * 2 // 3)
    start = max(0, centre - width // 3)
    return _clip(text, start, min(len(text), start + width))


def snippet(text, terms, width=260, parts=None):
    """The best passage of a memo's own text for these terms (Marks or stemmed terms), as safe
    HTML; "" when none of them stands in its own text. `parts` are the memo's (Memo.parts)."""
    hits = find_hits(text, terms)
    if not hits:
        return ""
    body = Body(text, parts)
    # Known parts, and the form, rule out hits at once; a stamp's are found window by window
    # (judging only the lines of the windows looked at).
    if body.known:
        hits = [hit for hit in hits if not body.noise_at(hit[0])]
    else:
        hits = [hit for hit in hits if hit[0] >= body.form_end]
    rounds = 0
    while hits:
        start, end = _window(text, hits, width)
        noisy = {hit for hit in hits if start <= hit[0] < end and body.noise_at(hit[0])}
        if not noisy:
            return render(text, hits, start, end, body)
        rounds += 1
        if rounds >= ROUNDS:  # terms all over the stamps: judge every hit once
            noisy = {hit for hit in hits if body.noise_at(hit[0])}
        hits = [hit for hit in hits if hit not in noisy]
    return ""


def opening(memo, width=260):
    """What a list shows of a memo without a search term in its own text, as plain text: its
    summary, else the opening of its own text kept with it (Memo.excerpt), else, with the text
    at hand (a memo written without save()), worked out."""
    if memo.summary.strip():
        return clip(strip_emphasis(" ".join(memo.summary.split())), width)
    if memo.excerpt or {"text", "parts"} & memo.get_deferred_fields():
        return clip(strip_emphasis(memo.excerpt), width)
    return clip(strip_emphasis(excerpt(public_text(memo), memo.parts)), width)


def memo_snippet(memo, terms, width=260):
    """A memo's snippet for a result list, as safe HTML: its best passage for the terms, else
    its opening."""
    found = snippet(public_text(memo), terms, width, memo.parts) if terms else ""
    return found or escape(opening(memo, width))
