"""A text with layers of marked spans (notes, redactions, names, search hits, emphasis) as safe
HTML.

Spans of different layers may overlap in any way; the markup stays well nested because each
layer has a rank (outer to inner) and an element is closed and reopened where an outer one
starts or ends inside it. Redactions and names are never cut: a note's span is widened to
cover a redaction or name it cuts, and a name that overlaps a redaction is left unmarked.
The text itself is unchanged: the element's text content is exactly the memo's text.
"""

import bisect
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import mark_safe

# Outer to inner (EMPHASIS: an OCR export's **bold** or *italic*, its asterisks a MARKUP span).
NOTE, DIFF, REDACTION, MENTION, HIT, EMPHASIS, MARKUP = 0, 1, 2, 3, 4, 5, 6
ATOMIC = (REDACTION, MENTION)  # never cut by an outer span


@dataclass(eq=False)
class Span:
    """A marked span: text[start:end] is wrapped in <tag attrs>."""

    start: int
    end: int
    rank: int
    tag: str
    attrs: dict = field(default_factory=dict)
    first_attrs: dict = field(default_factory=dict)  # only on its first piece (an id)
    last_attrs: dict = field(default_factory=dict)  # only on its last piece (a label)


def _clean(spans, length):
    """Spans inside the text, not empty; overlaps within one atomic layer dropped."""
    kept = []
    ends = {}
    for span in sorted(spans, key=lambda s: (s.rank, s.start, -s.end)):
        span.start, span.end = max(0, span.start), min(length, span.end)
        if span.end <= span.start:
            continue
        if span.rank in ATOMIC or span.rank == HIT:
            if span.start < ends.get(span.rank, 0):
                continue  # overlapping a span of its own layer: show the text as it is
            ends[span.rank] = span.end
        kept.append(span)
    atomic = sorted((s.start, s.end) for s in kept if s.rank == REDACTION)
    kept = [s for s in kept if s.rank != MENTION or not _overlaps(atomic, s.start, s.end)]
    atomic = sorted((s.start, s.end) for s in kept if s.rank in ATOMIC)
    for span in kept:
        if span.rank < REDACTION:
            span.start, span.end = _widen(atomic, span.start, span.end)
    return kept


def _overlaps(spans, start, end):
    i = bisect.bisect_left(spans, (start,))
    if i and spans[i - 1][1] > start:
        return True
    return i < len(spans) and spans[i][0] < end


def _widen(spans, start, end):
    """Widen [start, end) until no span of `spans` crosses one of its edges."""
    for s, e in spans:
        if s < start < e:
            start = s
        if s < end < e:
            end = e
    return start, end


def shown_range(text):
    """(start, end) of the text without its leading and trailing blank lines."""
    start = len(text) - len(text.lstrip())
    end = len(text.rstrip())
    # Keep the indentation of the first line: cut at the last line break before it.
    start = text.rfind("\n", 0, start) + 1 if start else 0
    return start, max(start, end)


def render(text, spans, start=0, end=None):
    """text[start:end] with its spans as HTML (escaped text, well-nested elements)."""
    end = len(text) if end is None else end
    spans = [s for s in _clean(spans, len(text)) if s.end > start and s.start < end]
    for span in spans:
        span.start, span.end = max(span.start, start), min(span.end, end)
    if not spans:
        return mark_safe(escape(text[start:end]))  # noqa: S308  (escaped just now)
    cuts = sorted({start, end, *(s.start for s in spans), *(s.end for s in spans)})
    starting = {}
    for span in spans:
        starting.setdefault(span.start, []).append(span)
    active, stack, out = [], [], []
    opened = {}  # span -> its open-tag parts, to add first/last attributes afterwards
    for a, b in zip(cuts, cuts[1:], strict=False):
        active = [s for s in active if s.end > a] + starting.get(a, [])
        wanted = sorted(active, key=lambda s: (s.rank, s.start, -s.end, id(s)))
        common = 0
        while common < len(stack) and common < len(wanted) and stack[common] is wanted[common]:
            common += 1
        for span in reversed(stack[common:]):
            out.append(f"</{span.tag}>")
        for span in wanted[common:]:
            part = [span, span not in opened, False]
            opened.setdefault(span, []).append(part)
            out.append(part)
        stack = wanted
        out.append(escape(text[a:b]))
    for span in reversed(stack):
        out.append(f"</{span.tag}>")
    for parts in opened.values():
        parts[-1][2] = True
    html = "".join(item if isinstance(item, str) else _open(*item) for item in out)
    return mark_safe(html)  # noqa: S308  (text escaped, attributes escaped in _open)


def _open(span, first, last):
    attrs = dict(span.attrs)
    if first:
        attrs.update(span.first_attrs)
    if last:
        attrs.update(span.last_attrs)
    rendered = "".join(
        f" {name}" if value is True else f' {name}="{escape(value)}"'
        for name, value in attrs.items()
        if value is not None and value is not False
    )
    return f"<{span.tag}{rendered}>"
