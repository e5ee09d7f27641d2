"""Redaction boxes on a memo's page images as the public sees them: each with the exemption
codes its text marker names, and the share of the pages they cover.

The boxes are found on the images (archive/redaction/box_finder.py); the codes are read from
the markers in the page's text. A box takes a marker's codes where the two can be paired: the
page's withheld passages (a run of adjacent markers is one) are as many as its boxes, taken in
reading order; or every passage of the page names the same codes. Otherwise a box shows no code
rather than a guessed one.
"""

from dataclasses import dataclass

from archive.choices import RedactionKind
from archive.public_text import overlaps, suppressed_spans
from archive.redaction.exemptions import codes_of, normalise

# Markers that stand for a withheld passage on the page (not a note about one).
_PASSAGE_KINDS = {
    RedactionKind.EXEMPTION_CODE,
    RedactionKind.REDACTED_BLOCK,
    RedactionKind.NOT_DECLASSIFIED,
    RedactionKind.DELETION,
}
_BETWEEN_MARKERS = " \t\n\r.,;:-*()"


@dataclass
class BoxShare:
    """The withheld share measured on the page images: boxes' area out of the written area."""

    boxes: int
    covered: int
    written: int
    method = "boxes"

    @property
    def share(self):
        return min(1.0, self.covered / self.written) if self.written else 0.0

    @property
    def percent_label(self):
        """The share for people: "about 17%", "under 1%"."""
        if not self.covered:
            return "none"
        percent = self.share * 100
        return "under 1%" if percent < 1 else f"about {round(percent)}%"


def measured_share(pages):
    """The share of the pages' written area the boxes cover, or None when a page is not
    measured yet or no box was found (the markers in the text are then all there is)."""
    if not pages or any(page.redaction_boxes is None for page in pages):
        return None
    boxes = [box for page in pages for box in page.redaction_boxes]
    written = sum(page.ink_area or 0 for page in pages)
    if not boxes or not written:
        return None
    return BoxShare(boxes=len(boxes), covered=sum(box[4] for box in boxes), written=written)


def passages(text, redactions):
    """The withheld passages among redactions (sorted by start): runs of adjacent markers, each
    as the sorted codes its markers name."""
    runs, previous_end = [], None
    for redaction in redactions:
        if redaction.kind not in _PASSAGE_KINDS:
            continue
        between = text[previous_end : redaction.start] if previous_end is not None else "x"
        if previous_end is None or between.strip(_BETWEEN_MARKERS):
            runs.append(set())
        runs[-1].update(normalise(code) or code for code in codes_of(redaction))
        previous_end = redaction.end
    return [sorted(codes) for codes in runs]


def page_codes(page, text, redactions):
    """The codes of each of a page's boxes, in the boxes' order ([] where none is known)."""
    boxes = page.redaction_boxes or []
    if not boxes or page.text_start is None or page.text_end is None:
        return [[] for _box in boxes]
    on_page = [r for r in redactions if page.text_start <= r.start and r.end <= page.text_end]
    runs = passages(text, on_page)
    if len(runs) == len(boxes):
        return runs
    if runs and all(codes == runs[0] for codes in runs):
        return [runs[0] for _box in boxes]
    return [[] for _box in boxes]


def labelled_boxes(memo, pages):
    """{page id: [(box [x, y, w, h], codes), ...]} for the public pages of a memo."""
    text = memo.text or ""
    hidden = suppressed_spans(memo)
    redactions = [
        r for r in memo.redactions.order_by("start", "pk") if not overlaps(hidden, r.start, r.end)
    ]
    return {
        page.pk: list(zip(page.boxes, page_codes(page, text, redactions), strict=True))
        for page in pages
    }
