"""How much of a memo was withheld, estimated from its redaction markers; and its legend.

A released text shows where something was withheld, rarely how much. Markers that state a size
count as that size ("[3 lines not declassified]", "Next 2 Page(s) In Document Denied", "[name
not declassified]"); any other run of adjacent markers (a "25X1" beside a blank, "[Redacted]"
with its codes) counts as one withheld passage of about one typed line.
"""

import re
from dataclasses import dataclass

from archive.choices import RedactionKind
from archive.redaction.exemptions import codes_of, explain, lookup, marker_kind, normalise

LINE_CHARS = 65  # characters in a typed line of a memo
PAGE_LINES = 45  # typed lines on a page
NAME_CHARS = 15  # a withheld name

_LINES_RE = re.compile(r"(\d{1,3})(½)?\s*lines?", re.IGNORECASE)
_PARAGRAPHS_RE = re.compile(r"(\d{1,3})\s+paragraphs?", re.IGNORECASE)
_PAGES_RE = re.compile(r"(\d{1,3})\s+Page", re.IGNORECASE)
_SPACE_RE = re.compile(r"\s+")
_BETWEEN_MARKERS = " \t\n\r.,;:-*()"


@dataclass
class Estimate:
    """The estimate and what it rests on."""

    passages: int
    withheld_chars: int
    released_chars: int

    @property
    def share(self):
        total = self.withheld_chars + self.released_chars
        return self.withheld_chars / total if total else 0.0

    @property
    def percent_label(self):
        """The share for people: "about 17%", "under 1%"."""
        if not self.withheld_chars:
            return "none"
        percent = self.share * 100
        if percent < 1:
            return "under 1%"
        return f"about {round(percent)}%"


def marker_size(redaction):
    """Characters a marker says were withheld, or None when it does not say."""
    marker = redaction.marker
    if redaction.kind == RedactionKind.DENIED_PAGES:
        pages = _PAGES_RE.search(marker)
        return int(pages[1]) * PAGE_LINES * LINE_CHARS if pages else PAGE_LINES * LINE_CHARS
    if redaction.kind == RedactionKind.NOT_DECLASSIFIED:
        if lines := _LINES_RE.search(marker):
            return round((int(lines[1]) + (0.5 if lines[2] else 0)) * LINE_CHARS)
        if paragraphs := _PARAGRAPHS_RE.search(marker):
            return int(paragraphs[1]) * 5 * LINE_CHARS
        if "name" in marker.lower():
            return NAME_CHARS
    return None


def estimate(text, redactions):
    """Estimate of the withheld share of a memo from its redactions (sorted by start)."""
    passages, withheld = 0, 0
    previous_end = None
    sized_in_passage = False
    for redaction in sorted(redactions, key=lambda r: r.start):
        if redaction.kind == RedactionKind.ILLEGIBLE:
            continue  # unreadable, not withheld
        between = text[previous_end : redaction.start] if previous_end is not None else "x"
        new_passage = previous_end is None or between.strip(_BETWEEN_MARKERS) != ""
        size = marker_size(redaction)
        if new_passage:
            passages += 1
            sized_in_passage = False
            if size is None:
                withheld += LINE_CHARS
        if size is not None:
            if not sized_in_passage and not new_passage:
                withheld -= LINE_CHARS  # the passage's size is stated after all
            withheld += size
            sized_in_passage = True
        previous_end = redaction.end
    released = _released_chars(text, redactions)
    return Estimate(passages=passages, withheld_chars=max(0, withheld), released_chars=released)


def _released_chars(text, redactions):
    """Characters of released text: the text without its markers, runs of space as one."""
    parts, cursor = [], 0
    for redaction in sorted(redactions, key=lambda r: r.start):
        if redaction.start >= cursor:
            parts.append(text[cursor : redaction.start])
            cursor = redaction.end
    parts.append(text[cursor:])
    return len(_SPACE_RE.sub(" ", " ".join(parts)).strip())


@dataclass
class LegendItem:
    """One code or kind of marker in a memo, how often it occurs, and what it means."""

    label: str
    count: int
    entry: object  # an exemptions.Exemption, or None when our table does not know the code
    anchor: str  # id of the legend item, for aria-describedby
    marker: bool = False  # a kind of marker without a code ("[Redacted]"), not a code

    @property
    def confirmed(self):
        return self.entry is None or self.entry.confirmed


def legend_id(label):
    """An HTML id for a code or marker kind: "25X1" -> "legend-25x1", "(b)(7)(C)" -> ..."""
    return "legend-" + re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")


def legend(redactions):
    """Each code, then each kind of marker without a code, with counts, in a stable order."""
    counts, kinds = {}, {}
    for redaction in redactions:
        # A block's codes are those printed beside it, already counted as markers of their own.
        if redaction.kind != RedactionKind.REDACTED_BLOCK:
            for code in codes_of(redaction):
                key = normalise(code) or code
                counts[key] = counts.get(key, 0) + 1
        if redaction.kind != RedactionKind.EXEMPTION_CODE:
            kinds[redaction.kind] = kinds.get(redaction.kind, 0) + 1
    items = [
        LegendItem(code, count, lookup(code), legend_id(code))
        for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]
    for kind, count in sorted(kinds.items(), key=lambda item: (-item[1], item[0])):
        entry = marker_kind(kind)
        label = entry.code if entry else str(kind).replace("_", " ").capitalize() or "Marker"
        items.append(LegendItem(label, count, entry, legend_id(f"kind-{kind}"), marker=True))
    return items


def describe(redaction):
    """(label for screen readers, tooltip text, legend ids) of one redaction."""
    entries = explain(redaction)
    kind = (
        RedactionKind(redaction.kind).label
        if redaction.kind in RedactionKind.values
        else "Redaction"
    )
    codes = ", ".join(codes_of(redaction))
    label = f"{kind}: {codes}" if codes else kind
    if redaction.kind == RedactionKind.EXEMPTION_CODE:
        label = f"Withheld passage, exemption {codes}" if codes else "Withheld passage"
    elif redaction.kind == RedactionKind.REDACTED_BLOCK:
        label = f"Redacted passage{', exemption ' + codes if codes else ''}"
    tip = "\n\n".join(entry.explanation for entry in entries) or (
        f"{redaction.marker}: our table does not explain this marker."
    )
    ids = [legend_id(normalise(code) or code) for code in codes_of(redaction)]
    if redaction.kind != RedactionKind.EXEMPTION_CODE:
        ids.append(legend_id(f"kind-{redaction.kind}"))
    return label, tip, ids
