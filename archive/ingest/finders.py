"""The field finders extract() runs over a document's parts, each offering values to a FieldSet
with the span it read them from and the rule that found them (the agency and unit in
findunits.py, the date in finddates.py)."""

import datetime
import re
from collections import Counter

from . import (
    dates,
    fbicaptions,
    grammars,
    headerforms,
    headers,
    labelruns,
    letterhead,
    markings,
    originators,
    signatures,
)
from .patterns import DI_OFFICE_BY_PREFIX, FOIA_CASE_RE

_CLASSIFIED_BY_RE = re.compile(
    r"(?i)(?:TOP[ \t]?SECRET|SECRET|CONFIDENTIAL)[ \t,]{1,4}(?:CL[ \t]BY|CLASSIFIED[ \t]BY)"
)

_FBI_STAMP_RE = re.compile(
    r"DATE[ \t]{1,3}(\d{2})-(\d{2})-(\d{4})[ \t]{1,3}(?:BY[ \t]{1,3})?[A-Z0-9]{2,}[ \t]{0,3}\d{3,}"
)

_STATE_STAMP_RE = re.compile(
    r"Systematic[ \t]Review[ \t]{1,3}([0-3]?\d[ \t][A-Z][a-z]{2}[ \t]\d{4})"
)


def line_span(ctx, i: int, start: int = 0, end: int | None = None) -> tuple[int, int]:
    """The text span of line i of the document (or of its columns start to end)."""
    line = ctx.lines[i]
    return line.start + start, line.start + (len(line.text) if end is None else end)


# --- header: from, to, subject, date label -------------------------------------------------


def header_fields(ctx, out, telegram: bool) -> None:
    """MEMORANDUM FOR / TO / FROM / SUBJECT / DATE blocks, FBI forms, title lines."""
    found = headers.memo_headers(ctx.lines, ctx.lo, ctx.head_end, ctx.fix, ctx.noise)
    run = labelruns.label_run(ctx.lines, ctx.lo, min(ctx.head_end, ctx.lo + 80), ctx.fix, ctx.noise)
    found = fbicaptions.prefer_run(found, run, ctx.family.agency == originators.FBI)
    if "DATE" in found:
        item = found["DATE"]
        iso, precision = item.value.split("|")
        date = datetime.date.fromisoformat(iso)
        out.offer_date("date", (date, precision), item.confidence, span=item.span, rule="label")
    if telegram:
        return  # cable headers are read by the telegram parser; prose "TO ..." lines mislead
    if "FROM" in found:
        item = found["FROM"]
        out.offer("sender", item.value, min(0.8, item.confidence), span=item.span, rule="label")
    mfr = found.get("MEMORANDUM FOR THE RECORD")
    for label in ("MEMORANDUM FOR", "TO"):
        if label in found and not (mfr and mfr.line < found[label].line):
            item = found[label]
            out.offer(
                "recipient", item.value, min(0.8, item.confidence), span=item.span, rule=item.rule
            )
    if "SUBJECT" in found:
        item = found["SUBJECT"]
        out.offer("subject", item.value, item.confidence, span=item.span, rule="label")
    to, frm = headerforms.fbi_form_parties(ctx.lines, ctx.head_end)
    note = "{}: FBI form read by position (labels and values OCR'd apart)"
    if to:
        out.offer("recipient", to, 0.6, note.format("recipient"), rule="fbi-form")
    if frm:
        out.offer("sender", frm, 0.6, note.format("sender"), rule="fbi-form")
    to_line, from_line = headerforms.fbi_form_lines(ctx.lines, ctx.lo, ctx.head_end, ctx.noise)
    for name, hit in (("recipient", to_line), ("sender", from_line)):
        if hit and name not in out.values:
            out.offer(name, hit[0], 0.6, span=line_span(ctx, hit[1]), rule="fbi-form-line")
    titled = headerforms.title_line(ctx.lines[ctx.lo : ctx.lo + 3])
    heading = headerforms.heading_line(ctx.lines[ctx.lo : ctx.lo + 3])
    if not titled and heading is not None and ctx.family.name in ("minutes", "letter", "other"):
        i = ctx.lo + heading
        out.offer("title", ctx.lines[i].text.strip(), 0.8, span=line_span(ctx, i), rule="heading")
    if titled:
        title, frm, to = titled
        first = next((i for i in range(ctx.lo, ctx.lo + 3) if ctx.lines[i].text.strip()), ctx.lo)
        out.offer("title", title, 0.75, span=line_span(ctx, first), rule="title-line")
        if frm:
            out.offer("sender", frm, 0.75, rule="title-line")
        if to:
            out.offer("recipient", to, 0.75, rule="title-line")


_SALUTATION_RE = re.compile(r"^\W{0,3}Dear[ \t]+(?P<who>[A-Z][A-Za-z.' -]{1,60}?)[ \t]*[:,][ \t]*$")


def salutation_fields(ctx, out) -> None:
    """The addressee of a letter from its salutation ("Dear Senator Helms:")."""
    if "recipient" in out.values:
        return
    for i in range(ctx.lo, min(len(ctx.lines), ctx.lo + 60)):
        if ctx.noise(i):
            continue
        m = _SALUTATION_RE.match(ctx.lines[i].text.strip())
        if m and m["who"].split()[0] not in ("Sir", "Madam", "Sirs", "Mr", "Colleague"):
            out.offer(
                "recipient", m["who"].strip(" ."), 0.7, span=line_span(ctx, i), rule="salutation"
            )
            return


def signature_fields(ctx, out) -> None:
    """The sender from a signature block, when nothing else named one (not for the FBI, whose
    pages sign with agents' and informants' names that are not the sender), and the unit its
    title lines name ("Acting Chief, Western Hemisphere Division", "SOG/GB/MSS"), also under
    a sender the header named by name alone."""
    if out.values.get("agency") == originators.FBI:
        return
    if ctx.family.name in ("nsc_memcon", "state_memcon"):
        return  # their names are participants, not signatures
    sender = out.values.get("sender")
    if sender and "office" in out.values:
        return
    # A summary of conclusions or minutes lists participants at the top, with their titles:
    # only a name over a title line at its foot signs it.
    strict = ctx.family.name in ("nsc_summary", "minutes")
    hi = len(ctx.lines) if strict else min(len(ctx.lines), ctx.lo + 400)
    lo = max(ctx.lo, len(ctx.lines) - 40) if strict else ctx.lo
    block = signatures.signature_block(ctx.lines, lo, hi, ctx.noise, strict=strict or bool(sender))
    if not block and not sender and not strict:
        if hit := signatures.closing_name(ctx.lines, ctx.lo, len(ctx.lines), ctx.noise):
            line = ctx.lines[hit[1]]
            out.offer("sender", hit[0], 0.6, span=(line.start, line.end), rule="signature-closing")
        return
    if not block:
        return
    span = (ctx.lines[block.first].start, ctx.lines[block.last].end)
    if not sender:
        out.offer("sender", block.sender, 0.65, span=span, rule=block.rule)
    elif not originators.same_surname(str(sender), block.name):
        return  # another signature: a second document's, an enclosure's
    titles = ", ".join(block.titles)
    agency = out.values.get("agency") or ctx.family.agency
    unit = originators.party(titles, agency) if titles else None
    if unit and (unit.office or unit.division or unit.branch):
        offer_unit(out, unit, span, "signature-title", 0.75)
    elif titles and (found := originators.title_office(titles, agency)):
        out.offer("office", found[0], 0.6, span=span, rule=found[1])


# --- family grammars -------------------------------------------------------------------------


def family_fields(ctx, out) -> None:
    """What the header grammar of the document's family reads (grammars.py)."""
    lo, hi = ctx.lo, min(len(ctx.lines), ctx.lo + 200)
    name = ctx.family.name
    report = (
        grammars.fbi_report(ctx.lines, lo, hi, ctx.noise) if name in ("fbi_report", "other") else {}
    )
    if report.get("date") or report.get("office") or report.get("agent"):
        _read(ctx, out, report, "date", "date", 0.85)
        _read(ctx, out, report, "office", "office", 0.85)
        agent, city = report.get("agent"), report.get("city")
        if agent or city:
            who = ", ".join(
                x for x in (f"SA {agent.value}" if agent else "", city.value if city else "") if x
            )
            line = (agent or city).line
            out.offer("sender", who, 0.75, span=line_span(ctx, line), rule=(agent or city).rule)
            to_the_bureau(out, "fbi-report-recipient")
        _read(ctx, out, report, "title", "title", 0.7)
        out.offer("agency", originators.FBI, 0.9, rule="fbi-report")
    if name == "fbi_letterhead_memo":
        lhm = grammars.fbi_letterhead(ctx.lines, lo, hi, ctx.noise)
        _read(ctx, out, lhm, "date", "date", 0.85)
        _read(ctx, out, lhm, "office", "office", 0.8)
        _read(ctx, out, lhm, "office", "sender", 0.7)
        _read(ctx, out, lhm, "title", "title", 0.7)
    if name == "cia_information_report":
        info = grammars.information_report(ctx.lines, lo, hi, ctx.noise)
        _read(ctx, out, info, "date", "date", 0.85)
        _read(ctx, out, info, "title", "title", 0.8)
        _read(ctx, out, info, "number", "document_number", 0.8)
    if name == "cia_dispatch":
        form = grammars.dispatch(ctx.lines, lo, hi, ctx.noise)
        _read(ctx, out, form, "to", "recipient", 0.7)
        _read(ctx, out, form, "from", "sender", 0.7)
    if name == "cia_cable" or originators.cable_station(ctx.own_text(6000)):
        cable = grammars.cable(ctx.lines, lo, hi, ctx.noise)
        _read(ctx, out, cable, "station", "office", 0.85)
        _read(ctx, out, cable, "station", "sender", 0.72)
        _read(ctx, out, cable, "to", "recipient", 0.7)
    if "sender" not in out.values and ctx.family.agency == originators.FBI:
        pages = [
            (ctx.lines[i].start, ctx.lines[i].text)
            for i in range(lo, len(ctx.lines))
            if not ctx.noise(i)
        ]
        if hit := originators.fbi_file_office(pages):
            out.offer("sender", hit[0], 0.55, span=(hit[1], hit[2]), rule="fbi-file-prefix")
            to_the_bureau(out, "fbi-file-recipient")


def to_the_bureau(out, rule: str) -> None:
    """A field office's report, or its pages filed under its own number, go to the Bureau."""
    if "recipient" not in out.values:
        out.offer("recipient", "Director, FBI", 0.5, rule=rule)


def _read(ctx, out, found: dict, key: str, name: str, confidence: float) -> None:
    item = found.get(key)
    if item is None:
        return
    if name == "date":
        out.offer_date(
            "date", (item.value, "day"), confidence, span=line_span(ctx, item.line), rule=item.rule
        )
    else:
        out.offer(name, item.value, confidence, span=line_span(ctx, item.line), rule=item.rule)


# --- identifiers and release data ------------------------------------------------------------


def id_fields(ctx, out) -> None:
    """DI and NIC numbers, CREST ids, release banners and stamps, FOIA case numbers."""
    numbers = markings.di_numbers(ctx.lines)
    for number, alone, office in sorted(numbers, key=lambda n: not n[1])[:1]:
        out.offer("document_number", number, 1.0 if alone else 0.7, rule="di-number")
        if office in DI_OFFICE_BY_PREFIX:
            out.offer("office", DI_OFFICE_BY_PREFIX[office], 0.7, rule="di-number")
        out.offer("agency", "Central Intelligence Agency", 0.85, rule="di-number")
    nic = markings.nic_numbers(ctx.text[:20000])
    if nic:
        out.offer("document_number", nic[0], 0.8, rule="nic-number")
    crest = markings.crest_ids(ctx.text)
    if crest:
        best, n, total = crest
        note = None if n == total else f"crest_id: {total - n} of {total} banner ids disagree"
        out.offer("crest_id", best, 0.95 if n >= 2 else 0.7, note, rule="crest")
        out.offer("document_number", best, 0.6, rule="crest")
        out.offer("agency", "Central Intelligence Agency", 0.85, rule="crest")
    banners = markings.release_banners(ctx.text)
    if banners:
        value, count = Counter(d for d, _ in banners).most_common(1)[0]
        out.offer("release_date", value, 0.9 if count >= 2 else 0.75, rule="banner")
        ids = [i for _, i in banners if not i.startswith("C")]
        if not ids and banners[0][1][:2] in ("C0", "CO"):
            out.offer("document_number", "C0" + banners[0][1][2:], 0.8, rule="banner")
    if m := _FBI_STAMP_RE.search(ctx.text):
        value = dates.make_date(int(m[3]), int(m[1]), int(m[2]))
        out.offer("release_date", value, 0.7, span=(m.start(), m.end()), rule="fbi-stamp")
    if m := _STATE_STAMP_RE.search(ctx.text):
        found = dates.find_date(m[1])
        out.offer("release_date", found.value if found else None, 0.8, rule="state-stamp")
    if m := FOIA_CASE_RE.search(ctx.text):
        out.offer("foia_case", m.group(), 0.8, span=(m.start(), m.end()), rule="foia-case")


# --- units (findunits.py reads the agency and the unit) ----------------------------------------


def offer_unit(out, unit, span, rule: str, confidence: float = 0.8) -> None:
    """Offer a unit's office, directorate, division and branch, each it names."""
    for name in ("office", "directorate", "division", "branch"):
        value = getattr(unit, name)
        if value:
            out.offer(name, value, confidence, span=span, rule=rule)


# --- DI memoranda, titles --------------------------------------------------


def di_parts(ctx, out, date_line: int | None) -> None:
    """The title and summary of a DI intelligence memorandum."""
    di = out.values.get("directorate") == "Directorate of Intelligence" or (
        str(out.values.get("document_number", "")).split(" ")[0] in DI_OFFICE_BY_PREFIX
    )
    if date_line is not None and (di or "crest_id" in out.values):
        title = letterhead.di_title(ctx.lines, date_line)
        if title:
            conf = 0.85 if letterhead.looks_like_di_title(title) else 0.6
            out.offer("title", title, conf, span=line_span(ctx, date_line + 1), rule="di-title")
    if di:
        text = letterhead.summary(ctx.lines, ctx.lo, ctx.head_end)
        if text:
            out.offer("summary", text, 0.85, rule="di-summary")
