"""The document's classification: its banners (plain or damaged), the form's level standing in
for an unread banner, the level it states, and its portion marks (plain or struck through)."""

import re
from collections import Counter

from . import banners, classmarks, markings
from .patterns import LEVEL_RANK, LEVEL_TARGETS, Line

_LEVEL_BY_WORD = {target.replace(" ", ""): level for target, level in LEVEL_TARGETS}


def _span(ctx, i: int) -> tuple[int, int]:
    line = ctx.lines[i]
    return line.start, line.start + len(line.text)


def _read_level(text: str) -> str | None:
    """A level typed on a line of its own, plainly or damaged."""
    if vote := markings.banner_vote(Line(0, len(text), text, 1), 0):
        return vote.level
    hit = banners.damaged_level(text)
    return hit[0] if hit else None


def texts_of(lines: list[Line]) -> list[str]:
    """The text of each line."""
    return [line.text for line in lines]


def _level(marking: str) -> str | None:
    word = re.sub(r"[^A-Za-z]", "", marking).upper()
    return _LEVEL_BY_WORD.get(word)


def classification_fields(ctx, out) -> None:
    """The level marked on the document itself (not the form), with its control markings."""
    lines = ctx.lines
    allowed = [line if not ctx.noise(i) else line._replace(text="") for i, line in enumerate(lines)]
    result = markings.classification(allowed, ctx.body_start)
    vote_lines: set[int] = set()
    form_level = None
    if ctx.form and (item := ctx.form.fields.get("classification")):
        form_level = _level(_form_level(str(item.value)))
    # A level read only from banners damaged past the plain reading gives way to the form's.
    if result and not (result[0].damaged and form_level and form_level != "unclassified"):
        vote, conf, note = result
        vote_lines.add(vote.line)
        rule = "banner-damaged" if vote.damaged else "banner"
        span = _span(ctx, vote.line)
        if out.offer("classification", vote.level, conf, note, span=span, rule=rule):
            out.values["classification_marking"] = vote.printed
            out.confidence["classification_marking"] = conf
    elif form_level:
        level = form_level
        # The form's "Unclassified" describes the release (kept with the form's fields), not a
        # marking on the document: the form's level stands in for an unread banner only when
        # the form says the document was classified.
        if level and level != "unclassified":
            out.offer(
                "classification", level, 0.8, "classification: as catalogued on the NARA form",
                span=(item.start, item.end), rule="form",
            )  # fmt: skip
            out.values["classification_marking"] = str(item.value)
            out.confidence["classification_marking"] = 0.8
    if "classification" not in out.values:
        own = "\n".join(line.text for line in allowed[ctx.lo :])
        if hit := markings.classified_statement(own):
            level, start, end = hit
            i = ctx.lo + own.count("\n", 0, start)  # the line the statement starts on
            if out.offer(
                "classification", level, 0.6, "classification: as the document states it",
                span=_span(ctx, i), rule="classified-statement",
            ):  # fmt: skip
                out.values["classification_marking"] = own[start:end][-40:]
                out.confidence["classification_marking"] = 0.6
    found = (
        banners.report_levels(texts_of(lines), _read_level)
        if "classification" not in out.values
        else []
    )
    if found:
        # Read on every line: a form running on without a page footer hides the report's header.
        counts = Counter(level for level, _i in found)
        level = max(counts, key=lambda lv: (counts[lv], LEVEL_RANK[lv]))
        index = next(i for lv, i in found if lv == level)
        note = f"classification: under an information report's label ({len(found)} pages)"
        if out.offer(
            "classification", level, 0.7, note, span=_span(ctx, index), rule="report-label"
        ):
            out.values["classification_marking"] = lines[index].text.strip()[:40]
            out.confidence["classification_marking"] = 0.7
    if "classification" not in out.values and str(ctx.family.name).startswith("nsc_"):
        texts = [line.text for line in allowed[ctx.lo :]]
        if struck := banners.struck_marks(texts):
            level, index, count = struck
            note = f"classification: from {count} struck-through portion marks, no banner"
            span = _span(ctx, ctx.lo + index)
            if out.offer("classification", level, 0.6, note, span=span, rule="struck-marks"):
                out.values["classification_marking"] = f"struck portion marks ({count})"
                out.confidence["classification_marking"] = 0.6
    unread = "classification" not in out.values
    marks = markings.portion_marks(allowed[ctx.lo :]) if unread else None
    classified = marks and LEVEL_RANK[marks[0]] >= LEVEL_RANK["confidential"]
    # CIA's internal-use banner says less than a paragraph marked (C) or (S) does.
    if unread and not classified and (internal := classmarks.internal_use(allowed)):
        index, count, printed = internal
        note = f"classification: CIA's internal-use banner ({count} lines), no level marked"
        span = _span(ctx, index)
        rule = "internal-use-banner"
        if out.offer("classification", "official_use_only", 0.6, note, span=span, rule=rule):
            out.values["classification_marking"] = printed
            out.confidence["classification_marking"] = 0.6
    if "classification" not in out.values and marks:
        level, index, count = marks
        note = f"classification: from {count} portion marks, no banner"
        span = _span(ctx, ctx.lo + index)
        # Paragraphs all marked (U) say little of the banner, which is often higher (a memcon
        # marked CONFIDENTIAL whose every line is "(U)"): measured apart, offered lower. So do
        # a journal page's items marked "(Internal Use Only - PLC)": the journal's banner
        # is that of its highest item, perhaps on another page.
        rule, conf = (
            ("portion-marks-unclassified", 0.35)
            if level == "unclassified"
            else ("portion-marks-internal", 0.35)
            if level == "official_use_only"
            else ("portion-marks-classified", 0.6)
        )
        if out.offer("classification", level, conf, note, span=span, rule=rule):
            out.values["classification_marking"] = f"portion marks ({count})"
            out.confidence["classification_marking"] = conf
    head_end = lines[min(ctx.head_end, len(lines) - 1)].end if lines else 0
    controls = markings.control_markings(ctx.text, allowed, vote_lines, min(head_end, 6000))
    out.offer("control_markings", controls, 0.7, rule="controls")


def _form_level(value: str) -> str:
    short = {"U": "UNCLASSIFIED", "S": "SECRET", "C": "CONFIDENTIAL", "TS": "TOP SECRET"}
    key = value.strip(" .:").upper()
    if key in short or _level(key):
        return short.get(key, key)
    # OCR-damaged: "SECREP", "CONFIDENTIAG" read as a banner would be.
    vote = markings.banner_vote(Line(0, len(key), key, 1), 0)
    return vote.level.replace("_", " ").upper() if vote else key
