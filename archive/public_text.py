"""The public text of a memo: every suppressed passage masked, every character offset kept.

One function, public_text(), gives what the public may read of a memo's text; the memo page,
snippets, excerpts, the API, entity passages, similar memos and the search index all read
it. Each character of a suppressed passage becomes MASK (line and page breaks stay, so the
text keeps its lines): offsets of redactions, notes, entity mentions, page spans and field
sources stay valid, and no word of the passage is left for a tokenizer to index.
"""

import re

MASK = "█"
_MASKED = re.compile(r"[^\n\f]")


def suppressed_spans(memo):
    """The memo's suppressed (start, end) spans within its text, sorted and merged."""
    state = getattr(memo, "_state", None)  # a stand-in without rows (a test's) has none
    if state is None or state.adding or memo.pk is None:
        return []
    length = len(memo.text or "")
    spans = sorted(
        (max(0, s.start), min(length, s.end))
        for s in memo.suppressions.all()  # its prefetch, when there is one
        if min(length, s.end) > max(0, s.start)
    )
    merged = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def mask(text, spans):
    """text with each of the (sorted, disjoint) spans masked, its length unchanged."""
    out, position = [], 0
    for start, end in spans:
        out.append(text[position:start])
        out.append(_MASKED.sub(MASK, text[start:end]))
        position = end
    out.append(text[position:])
    return "".join(out)


def public_text(memo):
    """What the public may read of the memo's text (kept on the instance once worked out)."""
    text = memo.text or ""
    if getattr(memo, "_state", None) is None:
        return text
    cached = memo.__dict__.get("_public_text")
    if cached is not None and cached[0] == text:
        return cached[1]
    spans = suppressed_spans(memo)
    public = mask(text, spans) if spans else text
    memo.__dict__["_public_text"] = (text, public)
    return public


def forget(memo):
    """Drop the public text kept on this instance (its suppressions changed)."""
    memo.__dict__.pop("_public_text", None)
    getattr(memo, "_prefetched_objects_cache", {}).pop("suppressions", None)


def overlaps(spans, start, end):
    """Whether [start, end) touches any of the spans."""
    return any(s < end and start < e for s, e in spans)


def image_hidden(page, spans):
    """Whether a page image may show a suppressed passage (the whole page is held back, not
    only the passage's word boxes, and so is a page whose place in the text is unknown)."""
    if not spans:
        return False
    if page.text_start is None or page.text_end is None:
        return True
    return overlaps(spans, page.text_start, max(page.text_end, page.text_start + 1))


def public_pages(memo):
    """The memo's pages whose images the public may see, in page order."""
    spans = suppressed_spans(memo)
    # The pages' words are read only where they are used (pages/pagehits.py, the IIIF search).
    pages = memo.pages.order_by("number").defer("words")
    return [page for page in pages if not image_hidden(page, spans)]
