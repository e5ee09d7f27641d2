"""A curator corrects a memo's text: notes, redactions, page spans and field sources follow
the passage.

Called after the corrected text is saved, in the same transaction. Each note and redaction is
found again by its quoted text (archive.curation.anchoring); a note that cannot be found is kept but
marked unanchored, a redaction that cannot be found stays at its most likely place and the
memo is flagged for review. Saving these rows queues only this memo for reindexing.
"""

from dataclasses import dataclass

from archive.curation.anchoring import Anchor, OffsetMap, best_guess, map_span, relocate, selector
from archive.curation.suppressions import follow_text_change
from archive.pages import pagewords


@dataclass
class Report:
    """What re-anchoring did, for the curator's message."""

    notes_moved: int = 0
    notes_lost: int = 0
    redactions_moved: int = 0
    redactions_lost: int = 0
    suppressions_lost: int = 0

    def __str__(self):
        parts = [
            f"{self.notes_moved} note(s) and {self.redactions_moved} redaction(s) moved with "
            "their passage"
        ]
        if self.notes_lost:
            parts.append(f"{self.notes_lost} note(s) could not be found again (marked unanchored)")
        if self.redactions_lost:
            parts.append(
                f"{self.redactions_lost} redaction(s) could not be found again "
                "(kept at their likely place; the memo is flagged for review)"
            )
        if self.suppressions_lost:
            parts.append(
                f"{self.suppressions_lost} suppressed passage(s) could not be found again "
                "(still masked at their likely place; the memo is flagged for review)"
            )
        return "; ".join(parts) + "."


def move_sources(memo, old_text):
    """Where fields were read, the form and the parts, moved to the memo's corrected text
    (before it is saved). A span in an edited line loses its place: its rule stays."""
    new_text = memo.text
    if new_text == old_text:
        return
    offsets = OffsetMap(old_text, new_text)

    def moved(start, end):
        if not (isinstance(start, int) and isinstance(end, int)):
            return None
        (new_start, same_start), (new_end, same_end) = (
            offsets.position(start),
            offsets.position(max(start, end - 1)),
        )
        return (new_start, new_end + 1) if same_start and same_end else None

    sources = {}
    for name, source in (memo.field_sources or {}).items():
        if isinstance(source, dict) and "start" in source:
            span = moved(source.get("start"), source.get("end"))
            source = {k: v for k, v in source.items() if k not in ("start", "end")}
            if span:
                source = {"start": span[0], "end": span[1], **source}
        sources[name] = source
    memo.field_sources = sources
    description = {}
    for key, item in (memo.archival_description or {}).items():
        if isinstance(item, dict):
            span = moved(item.get("start"), item.get("end"))
            item = {**item, "start": span[0] if span else None, "end": span[1] if span else None}
        description[key] = item
    memo.archival_description = description
    memo.parts = [
        [kind, *map_span(old_text, new_text, start, end, offsets)]
        for kind, start, end in memo.parts or []
    ]


def apply_text_change(memo, old_text, skip_redactions=()):
    """Re-anchor the memo's notes, redactions and pages after its text changed from old_text.

    `skip_redactions`: ids of redactions the curator set by hand in the same edit.
    """
    report = Report()
    new_text = memo.text
    if new_text == old_text:
        return report
    _notes(memo, old_text, new_text, report)
    _redactions(memo, old_text, new_text, set(skip_redactions), report)
    _suppressions(memo, old_text, new_text, report)
    _pages(memo, old_text, new_text)
    _mentions(memo, old_text, new_text)
    return report


def _notes(memo, old_text, new_text, report):
    notes = list(memo.notes.all())
    anchors = [Anchor(n.start, n.end, n.quote, n.prefix, n.suffix) for n in notes]
    for note, match in zip(notes, relocate(old_text, new_text, anchors), strict=True):
        before = (note.start, note.end, note.quote, note.prefix, note.suffix, note.anchored)
        if match is None:
            note.anchored = False
            note.start = min(note.start, len(new_text))
            note.end = max(note.start, min(note.end, len(new_text)))
            report.notes_lost += 1
        else:
            current = selector(new_text, match.start, match.end)
            note.start, note.end = current.start, current.end
            note.quote, note.prefix, note.suffix = current.quote, current.prefix, current.suffix
            note.anchored = True
            report.notes_moved += (note.start, note.end) != before[:2]
        if before != (note.start, note.end, note.quote, note.prefix, note.suffix, note.anchored):
            note._change_reason = "re-anchored after a text correction"
            note.save()


def _redactions(memo, old_text, new_text, skip, report):
    redactions = [r for r in memo.redactions.all() if r.pk not in skip]
    anchors = [selector(old_text, r.start, r.end) for r in redactions]
    lost = []
    matches = relocate(old_text, new_text, anchors, exclusive=True)
    for redaction, match in zip(redactions, matches, strict=True):
        before = (redaction.start, redaction.end, redaction.marker)
        if match is None:
            redaction.start, redaction.end = best_guess(
                old_text, new_text, redaction.start, redaction.end
            )
            lost.append(redaction)
        else:
            redaction.start, redaction.end = match.start, match.end
            if match.how == "fuzzy":
                redaction.marker = new_text[match.start : match.end][:200]
            report.redactions_moved += (redaction.start, redaction.end) != before[:2]
        if before != (redaction.start, redaction.end, redaction.marker):
            redaction._change_reason = "re-anchored after a text correction"
            redaction.save()
    report.redactions_lost = len(lost)
    if lost:
        confidence = dict(memo.field_confidence)
        confidence["redactions"] = 0.0
        notes = list(memo.review_notes)
        for redaction in lost:
            notes.append(
                f"redaction “{redaction.marker}” was not found again after a text correction; "
                f"it is kept at {redaction.start}–{redaction.end}: check its place"
            )
        memo.field_confidence = confidence
        memo.review_notes = notes
        memo._change_reason = "redactions lost their place in a text correction"
        memo.save(update_fields=["field_confidence", "review_notes", "needs_review", "doc_key"])


def _suppressions(memo, old_text, new_text, report):
    report.suppressions_lost = follow_text_change(memo, old_text, new_text)
    if report.suppressions_lost:
        memo.field_confidence = {**memo.field_confidence, "suppressions": 0.0}
        memo.review_notes = [
            *memo.review_notes,
            "a suppressed passage was not found again after a text correction; it still masks "
            "its likely place: check that the personal data is still covered",
        ]
        memo._change_reason = "suppressed passages lost their place in a text correction"
        memo.save(update_fields=["field_confidence", "review_notes", "needs_review", "doc_key"])


def _mentions(memo, old_text, new_text):
    """Curated entity mentions follow their words; the others are found afresh."""
    from archive.entities import link_memo

    mentions = list(memo.mentions.filter(curated=True))
    anchors = [selector(old_text, m.start, m.end) for m in mentions]
    for mention, match in zip(
        mentions, relocate(old_text, new_text, anchors, exclusive=True), strict=True
    ):
        if match is None:
            mention.start, mention.end = best_guess(old_text, new_text, mention.start, mention.end)
        else:
            mention.start, mention.end = match.start, match.end
        mention.text = new_text[mention.start : mention.end][:200] or mention.text
        mention.save(update_fields=["start", "end", "text"])
    link_memo(memo)


def _pages(memo, old_text, new_text):
    pages = list(memo.pages.order_by("number"))
    if not pages:
        return
    parts = new_text.split("\f")
    if len(parts) == len(pages):
        # Still one form feed between pages: each page's span is its part.
        position = 0
        spans = []
        for part in parts:
            spans.append((position, position + len(part)))
            position += len(part) + 1
    else:
        offsets = OffsetMap(old_text, new_text)
        spans = [
            (None, None)
            if page.text_start is None or page.text_end is None
            else map_span(old_text, new_text, page.text_start, page.text_end, offsets)
            for page in pages
        ]
    moved = None
    for page, (start, end) in zip(pages, spans, strict=True):
        fields = []
        if (page.text_start, page.text_end) != (start, end):
            page.text_start, page.text_end = start, end
            fields += ["text_start", "text_end"]
        if page.words:
            moved = moved or OffsetMap(old_text, new_text)
            words = pagewords.pack(pagewords.follow(page.words, old_text, new_text, moved))
            if words != bytes(page.words):
                page.words = words
                fields.append("words")
        if fields:
            page.save(update_fields=fields)
