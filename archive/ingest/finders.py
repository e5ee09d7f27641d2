"""The field finders extract() runs over a document's parts, each offering values to a FieldSet
with the span it read them from and the rule that found them."""

import calendar
import datetime
import re
import unicodedata
from collections import Counter

from . import (
    armystaff,
    calibration,
    datefallbacks,
    datelines,
    dates,
    families,
    fbicaptions,
    grammars,
    headerforms,
    headers,
    labelruns,
    labels,
    letterhead,
    markings,
    originators,
    signatures,
    vocabulary,
)
from .captions import compose_title, title_fields  # noqa: F401 - their home was here
from .levels import classification_fields  # noqa: F401 - its home was here
from .patterns import DI_OFFICE_BY_PREFIX, FOIA_CASE_RE

_DIGIT_RE = re.compile(r"\d")
_CLASSIFIED_BY_RE = re.compile(
    r"(?i)(?:TOP[ \t]?SECRET|SECRET|CONFIDENTIAL)[ \t,]{1,4}(?:CL[ \t]BY|CLASSIFIED[ \t]BY)"
)
_SLASHED_RE = re.compile(r"(?<!\d)[0-3]?\d[/-][01]?\d[/-](?P<y>\d{2})(?!\d)")  # "25/11-63"
_CITY_ONLY_RE = re.compile(
    r"^[A-Z][A-Z.']{2,15}(?:[ \t][A-Z.']{2,15})?$"
)  # "SAIGON", "MEXICO CITY"
_NOT_CITY_RE = re.compile(
    r"\b(?:DIRECTOR|DIR|CIA|FBI|NSA|AGENCY|HQ|HEADQUARTERS|THE|EMPLOYEE|CHIEF|STATE|DEPARTMENT"
    r"|SECSTATE|WITHHELD|OFFICE|SECRETARY|PRESIDENT|AMBASSADOR)\b"
)
RECORD_SERIES = {
    "104": (originators.CIA, 0.75),
    "124": (originators.FBI, 0.65),
    "144": ("National Security Agency", 0.75),
    "194": ("Department of the Army", 0.7),
}
_FBI_FILE_RE = re.compile(r"[A-Z][ \t]{0,2}\((\d{1,3}-\d{1,6})\)")
_BUFILE_RE = re.compile(r"[Bb][Uu][ \t]?[Ff][Ii][Ll][Ee][ \t]{1,3}(\d{1,3}-\d{1,6})\b")
_FBI_STAMP_RE = re.compile(
    r"DATE[ \t]{1,3}(\d{2})-(\d{2})-(\d{4})[ \t]{1,3}(?:BY[ \t]{1,3})?[A-Z0-9]{2,}[ \t]{0,3}\d{3,}"
)
_STATE_STAMP_RE = re.compile(
    r"Systematic[ \t]Review[ \t]{1,3}([0-3]?\d[ \t][A-Z][a-z]{2}[ \t]\d{4})"
)


def _span(ctx, i: int, start: int = 0, end: int | None = None) -> tuple[int, int]:
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
            out.offer(name, hit[0], 0.6, span=_span(ctx, hit[1]), rule="fbi-form-line")
    titled = headerforms.title_line(ctx.lines[ctx.lo : ctx.lo + 3])
    heading = headerforms.heading_line(ctx.lines[ctx.lo : ctx.lo + 3])
    if not titled and heading is not None and ctx.family.name in ("minutes", "letter", "other"):
        i = ctx.lo + heading
        out.offer("title", ctx.lines[i].text.strip(), 0.8, span=_span(ctx, i), rule="heading")
    if titled:
        title, frm, to = titled
        first = next((i for i in range(ctx.lo, ctx.lo + 3) if ctx.lines[i].text.strip()), ctx.lo)
        out.offer("title", title, 0.75, span=_span(ctx, first), rule="title-line")
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
            out.offer("recipient", m["who"].strip(" ."), 0.7, span=_span(ctx, i), rule="salutation")
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
        _offer_unit(out, unit, span, "signature-title", 0.75)
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
            out.offer("sender", who, 0.75, span=_span(ctx, line), rule=(agent or city).rule)
            _to_the_bureau(out, "fbi-report-recipient")
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
            _to_the_bureau(out, "fbi-file-recipient")


def _to_the_bureau(out, rule: str) -> None:
    """A field office's report, or its pages filed under its own number, go to the Bureau."""
    if "recipient" not in out.values:
        out.offer("recipient", "Director, FBI", 0.5, rule=rule)


def _read(ctx, out, found: dict, key: str, name: str, confidence: float) -> None:
    item = found.get(key)
    if item is None:
        return
    if name == "date":
        out.offer_date(
            "date", (item.value, "day"), confidence, span=_span(ctx, item.line), rule=item.rule
        )
    else:
        out.offer(name, item.value, confidence, span=_span(ctx, item.line), rule=item.rule)


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


# --- agency and originating unit -------------------------------------------------------------


def agency_fields(ctx, out) -> None:
    """The agency and unit that wrote the document, from the strongest evidence there is."""
    lo, hi = ctx.lo, ctx.page_end
    first_label = next(
        (i for i in range(lo, hi) if not ctx.noise(i) and labels.label_of(ctx.lines[i])), hi
    )
    for i in range(lo, first_label):
        if ctx.noise(i):
            continue
        hit = letterhead.letterhead_agency(ctx.lines[i : i + 1], 0, 1)
        if hit:
            out.offer("agency", hit[0], hit[1], span=_span(ctx, i), rule="letterhead")
            break
    # The sender's line names the unit (and so the agency): "SAC, Dallas", "COS, Mexico City".
    family_agency = ctx.family.agency
    sender = out.values.get("sender")
    if sender:
        unit, sure = originators.sender_unit(str(sender), out.values.get("agency") or family_agency)
        if unit and unit.agency:
            out.offer("agency", unit.agency, sure, span=out.sources.get("sender"), rule="sender")
        if unit:
            _offer_unit(out, unit, out.sources.get("sender"), "sender")
    own = ctx.own_text(8000)
    heading = grammars.frus_heading(own)
    if heading and heading.agency:
        out.offer("agency", heading.agency, 0.9, rule="frus-heading")
    if station := originators.cable_station(own):
        name, _start, _end = station
        out.offer("agency", originators.CIA, 0.9, rule="cable-cite")
        out.offer("office", name, 0.8, rule="cable-cite")
    if family_agency and not heading:  # a FRUS heading names the kind: signals below it do not
        span = None
        if ctx.family.line is not None:
            span = _span(ctx, ctx.family.line)
        if ctx.family.name in families.SHARED_FORMS:
            # A form every agency used: the agency it is filed under is only a weak guess.
            out.offer("agency", family_agency, 0.6, span=span, rule="family-shared-form")
        else:
            out.offer(
                "agency", family_agency, ctx.family.confidence - 0.05, span=span, rule="family"
            )
    if letterhead.fbi_signals(own):
        out.offer("agency", originators.FBI, 0.75, rule="fbi-signals")
    number = str(out.values.get("nara_record_number", ""))
    if number[:3] in RECORD_SERIES:
        # The JFK collection numbers records by the series they came in: 104 is the CIA's,
        # 124 the FBI's (which also holds copies from other agencies), 144 NSA's, 194 Army's.
        agency, conf = RECORD_SERIES[number[:3]]
        out.offer(
            "agency", agency, conf, span=out.sources.get("nara_record_number"), rule="record-series"
        )
    guess = vocabulary.predict(own) if out.confidence.get("agency", 0) < 0.7 else None
    if guess:
        agency, probability, evidence = guess
        rule = "vocabulary-strong" if probability >= vocabulary.STRONG else "vocabulary"
        note = None
        if "agency" not in out.values:
            note = f"agency: judged from the document's words ({', '.join(evidence[:4])})"
        measured = vocabulary.confidence(probability)
        conf = calibration.scale(measured) if measured is not None else 0.5
        out.offer("agency", agency, conf, note, rule=rule)
    # After the vocabulary: an FBI page with no letterhead still heads its pages "MM 92-106".
    if out.values.get("agency") == originators.FBI or ctx.family.agency == originators.FBI:
        files = Counter(_FBI_FILE_RE.findall(ctx.text))
        if files:
            number, count = files.most_common(1)[0]
            out.offer("file_number", number, 0.7 if count >= 2 else 0.6, rule="fbi-file")
        elif m := _BUFILE_RE.search(ctx.text):
            out.offer("file_number", "BUfile " + m[1], 0.6, rule="bufile")
        pages = [
            (ctx.lines[i].start, ctx.lines[i].text)
            for i in range(lo, len(ctx.lines))
            if not ctx.noise(i)
        ]
        if hit := originators.fbi_file_office(pages):
            out.offer("office", hit[0], 0.7, span=(hit[1], hit[2]), rule="fbi-file-prefix")
            if "sender" not in out.values:
                # A page with no header of its own (a report's cover pages, a continuation)
                # is the field office's whose file number heads it ("DL 92-292").
                out.offer("sender", hit[0], 0.5, span=(hit[1], hit[2]), rule="fbi-file-sender")
                _to_the_bureau(out, "fbi-file-recipient")
    head = [(ctx.lines[i].start, ctx.lines[i].text) for i in range(lo, hi) if not ctx.noise(i)]
    if out.values.get("agency") == originators.CIA:
        _cia_units(ctx, out, head)
    if out.values.get("agency") == originators.ARMY:
        first = "\n".join(t for _s, t in head[:60])
        if hit := originators.army_unit(first):
            out.offer("office", hit[0], 0.7, rule="army-unit")
        elif hit := armystaff.g2_office(first):
            out.offer("office", hit[0], 0.65, rule="army-g2")
        elif hit := originators.army_unit("\n".join(t for _s, t in _tail(ctx))):
            # The agent's unit beside his typed name at the foot ("ARTHUR D MC QUEEN, G6TH CIC
            # GROUP" under "TYPED NAME AND ORGANIZATION OF SPECIAL AGENT").
            out.offer("office", hit[0], 0.65, rule="army-unit-foot")
    unit = letterhead.directorate(ctx.lines, lo, hi)
    if unit:
        out.offer("directorate", unit, 0.9, rule="letterhead")
        out.offer("agency", originators.CIA, 0.9, rule="directorate")
    if sender and "office" not in out.values:
        unit = originators.party(str(sender), out.values.get("agency"))
        if unit and unit.office:
            _offer_unit(out, unit, out.sources.get("sender"), "sender")
        elif found := originators.title_office(str(sender), out.values.get("agency")):
            out.offer("office", found[0], 0.6, span=out.sources.get("sender"), rule="sender-title")
        elif _CITY_ONLY_RE.match(str(sender)) and not _NOT_CITY_RE.search(str(sender)):
            city = str(sender).strip(" .,").title()
            kind = "Station" if out.values.get("agency") == originators.CIA else None
            if kind or out.values.get("agency") == "Department of State":
                name = f"{city} Station" if kind else f"Embassy {city}"
                out.offer("office", name, 0.6, span=out.sources.get("sender"), rule="sender-city")
    units = letterhead.prepared_by(ctx.text)
    for name in ("office", "division", "branch"):
        if name in units:
            out.offer(name, units[name], 0.9, rule="prepared-by")


def _cia_units(ctx, out, head: list[tuple[int, str]]) -> None:
    """A CIA office named by a memorandum's control number ("OLC 78-2406"), a heading line of
    its own ("OFFICE OF LEGISLATIVE COUNSEL", "Journal - Office of Legislative Counsel"), the
    unit line under its signature ("Security Analysis Group") or its drafter's line at the
    foot ("OLC/SDB/ksn")."""
    tail = _tail(ctx)
    # A control number heads the memorandum; the CI Staff's stands under its signature, above
    # a distribution list.
    control = originators.control_office(head[:40]) or originators.control_office(_tail(ctx, 80))
    if hit := control:
        out.offer("office", hit[0], 0.7, span=(hit[1], hit[2]), rule="control-number")
    if hit := originators.heading_unit([h for h in head if h[1].strip()][:12]):
        out.offer("office", hit[0], 0.7, span=(hit[1], hit[2]), rule="heading-unit")
    if hit := originators.heading_unit(tail[-12:]):
        out.offer("office", hit[0], 0.7, span=(hit[1], hit[2]), rule="signature-unit")
    if hit := originators.drafter_office(tail):
        out.offer("office", hit[0], 0.7, span=(hit[1], hit[2]), rule="drafter")


def _tail(ctx, size: int = 40) -> list[tuple[int, str]]:
    """The document's own lines among its last `size` that are not blank: (start, text)."""
    return [
        (ctx.lines[i].start, ctx.lines[i].text)
        for i in range(max(ctx.lo, len(ctx.lines) - size), len(ctx.lines))
        if not ctx.noise(i) and ctx.lines[i].text.strip()
    ]


def _offer_unit(out, unit, span, rule: str, confidence: float = 0.8) -> None:
    for name in ("office", "directorate", "division", "branch"):
        value = getattr(unit, name)
        if value:
            out.offer(name, value, confidence, span=span, rule=rule)


# --- dates --------------------------------------------------------------------------------


def date_fields(ctx, out) -> int | None:
    """The document's own date: the first plausible date standing alone near the top (or
    beside a 'Date:' label); returns the line index of the date line used."""
    kinds = ctx.anatomy.kinds
    years, written_years = _mentioned_years(ctx)
    era, written = _era(out, years), _era(out, written_years)
    candidates: list[tuple[int, dates.FoundDate, str]] = []
    if "date" not in out.values and (
        hit := datelines.report_origin(ctx.lines, ctx.lo, ctx.page_end)
    ):
        out.offer_date("date", (hit[0], "day"), 0.85, span=_span(ctx, hit[1]), rule="fbi-origin")
    for i in range(ctx.lo, ctx.page_end):
        if hit := _date_line(ctx, i, era, written):
            candidates.append((i, *hit))
    _check_label_year(out, years)
    if hit := _date_above_header(ctx, kinds):
        candidates.insert(0, hit)
    chosen = None
    for i, found, rule in candidates:
        value, how = _plausible(found.value, years)
        if value is None:
            continue
        if chosen is None:
            chosen = (i, found._replace(value=value), rule + how)
            break
    if chosen:
        i, first, rule = chosen
        others = {f.value for k, f, _ in candidates if f.value != first.value and 0 < k - i < 30}
        di = "directorate" in out.values or "crest_id" in out.values
        conf = {"alone": 0.9 if di else 0.8, "inline-label": 0.85}.get(rule, 0.6)
        if rule.startswith(("alone-short-year", "alone-dirty")):
            conf = 0.7  # right about six times in ten: a cable's date-time group outranks them
        elif rule.startswith("alone-repaired-month"):
            conf = 0.75
        note = None
        if rule == "damaged-year":
            note = f"date: the year was damaged by OCR ({ctx.lines[i].text.strip()!r})"
        if (
            rule == "alone"
            and i == _first_own_line(ctx)
            and _DATELINE_PLACE_RE.match(ctx.lines[i].text)
        ):
            # "Washington, June 14, 1989" opening the document (FRUS, State, NSC): its dateline
            # outranks a DATE label below it, which dates the meeting it prepares.
            rule, conf = "dateline", 0.92
        elif others and rule == "alone":
            conf -= 0.2
            rule = "alone-contested"
            shown = ", ".join(sorted(d.isoformat() for d in others)[:3])
            note = f"date: more dates near the top ({first.value.isoformat()}; {shown})"
        elif rule.endswith("-repaired"):
            read = found_year(candidates, i)
            note = f"date: year read as {read}, taken as {first.value.year} (its other dates)"
        out.offer_date(
            "date", (first.value, first.precision), conf, note, span=_span(ctx, i), rule=rule
        )
        return i
    if hit := _column_date(ctx, years):
        i, found, rule = hit
        conf = 0.6 if rule == "column" else 0.75
        out.offer_date("date", (found.value, found.precision), conf, span=_span(ctx, i), rule=rule)
    hi = min(len(ctx.lines), ctx.lo + 200)
    if hit := datelines.dispatch_block(ctx.lines, ctx.lo, hi):
        found, i = hit
        value, how = _plausible(found.value, years)
        if value is not None:
            rule = "dispatch-form" + how
            out.offer_date("date", (value, "day"), 0.85, span=_span(ctx, i), rule=rule)
    own = ctx.own_text(3000)
    if hit := datelines.teletype(own):
        out.offer_date("date", (hit[0], "day"), 0.8, rule="teletype")
    if hit := datelines.cable_dtg(ctx.lines, ctx.lo, min(len(ctx.lines), ctx.lo + 60), ctx.noise):
        found, i = hit
        value, how = _plausible(found.value, years)
        # A cable's time of receipt (TOR) may fall a day or more after it was sent.
        kind = "cable-dtg-receipt" if "TOR" in ctx.lines[i].text.upper() else "cable-dtg"
        if value is not None:
            out.offer_date("date", (value, "day"), 0.75, span=_span(ctx, i), rule=kind + how)
    # Last resorts, in order, only while nothing has dated the document.
    for finder, rule, confidence, stamped in datefallbacks.LAST_RESORTS:
        if "date" in out.values or not (hit := finder(ctx.lines, 0, len(ctx.lines))):
            continue
        found, i = hit
        value, how = _plausible(found.value, years)
        if value is None or (stamped and _review_stamp(ctx.lines[i].text, found, written)):
            continue
        date = (value, found.precision)
        out.offer_date("date", date, confidence, span=_span(ctx, i), rule=rule + how)
    return None


_PARAGRAPH_RE = re.compile(r"^\W{0,3}(?:1[ \t]?[.,]|Dear[ \t])")


def _column_date(ctx, years: list[int]) -> tuple[int, dates.FoundDate, str] | None:
    """A date in the right-hand column of a header line above the first paragraph, beside
    a letterhead, a handling stamp, a dispatch number or MEMORANDUM FOR THE RECORD."""
    kinds = ctx.anatomy.kinds
    for i in range(ctx.lo, min(ctx.page_end, ctx.lo + 40)):
        text = ctx.lines[i].text
        if _PARAGRAPH_RE.match(text):
            return None
        if ctx.noise(i) and not (kinds[i] == "stamp" and datelines.unstamped(text)):
            continue
        if len(text.strip()) > 70 or not _DIGIT_RE.search(text):
            continue
        hit = datelines.column(text)
        if hit is None or datelines.near_stamp(ctx.lines, kinds, i) or datelines.stamp_form(text):
            continue
        found, rule = hit
        value, how = _plausible(found.value, years)
        if value is not None and how == "":
            return i, found, rule
    return None


_NUMERIC_DATE_RE = re.compile(r"\d[/-]\d")
_FOUR_DIGIT_YEAR_RE = re.compile(r"(?:19|20)\d{2}")
_TOKEN_RE = re.compile(r"[A-Za-z]+|\d+")
_MONTH_NAMES = [name.upper() for name in calendar.month_name]
_WEEKDAYS = {"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"}
_TIME_RE = re.compile(
    r"(?i)\b\d{1,4}(?:[:.]\d{2})?[ \t]?(?:[-–—][ \t]?\d{1,4}(?:[:.]\d{2})?)?[ \t]?"
    r"(?:a\.?m\.?|p\.?m\.?|hours|noon)(?:[ \t]?[-–—][ \t]?(?:noon|midnight))?"
)
_DATELINE_PLACE_RE = re.compile(r"^\W{0,3}[A-Z][A-Za-z .'’-]{2,30},[ \t]+")


def _date_line(ctx, i: int, era, written) -> tuple[dates.FoundDate, str] | None:
    """The date line i holds, if it can be the document's own date, with its rule."""
    if ctx.noise(i):
        return None
    text = ctx.lines[i].text
    if not _DIGIT_RE.search(text):
        return None
    found = datelines.date_only(text) if len(text) <= 60 else None
    rule = "alone"
    if found is None and len(text) <= 40:
        found, rule = datelines.damaged(text, era), "damaged-year"
    if found is None:
        found = datelines.inline_label(text)
        rule = "inline-label-blank" if "__" in text else "inline-label"
        return (found, rule) if found else None
    kinds = ctx.anatomy.kinds
    if datelines.near_stamp(ctx.lines, kinds, i) or _review_stamp(text, found, written):
        return None
    if datelines.stamp_form(text) or datelines.continues_sentence(ctx.lines, i, ctx.lo):
        return None
    if rule == "alone" and found.precision == "month" and (day := _split_day(ctx, i, found)):
        return day, "alone-split-day"
    return found, _alone_kind(text, found) if rule == "alone" else rule


_BARE_DAY_RE = re.compile(r"^\W{0,2}([0-3]?\d)\W{0,2}$")


def _split_day(ctx, i: int, found: dates.FoundDate) -> dates.FoundDate | None:
    """A month-and-year line whose day OCR put alone on the line above ("24 / June 1976")."""
    above = [k for k in range(i - 1, max(ctx.lo - 1, i - 3), -1) if ctx.lines[k].text.strip()]
    m = _BARE_DAY_RE.match(ctx.lines[above[0]].text.strip()) if above else None
    value = m and dates.make_date(found.value.year, found.value.month, int(m[1]))
    return found._replace(value=value, precision="day") if value else None


def _check_label_year(out, years: list[int]) -> None:
    """A DATE label's year the document's other dates disown ("DATE: 14 January 1950" in a
    memo citing 1960 throughout): repaired by one digit when they agree on one year, else
    marked doubtful under a rule of its own."""
    value = out.values.get("date")
    if out.rules.get("date") != "label" or not isinstance(value, datetime.date):
        return
    fixed, how = _plausible(value, years)
    if how == "":
        return
    out.rules["date"] = "label-repaired" if fixed else "label-disowned"
    if fixed:
        out.values["date"] = fixed
        out.field_notes["date"] = f"date: year read as {value.year}, taken as {fixed.year}"
    else:
        out.confidence["date"] = min(out.confidence["date"], 0.5)


def _date_above_header(ctx, kinds) -> tuple[int, dates.FoundDate, str] | None:
    """A date line just above the memo's first header line that the routing sheet before it
    swallowed ("WH/SA 64-532 / 23 June 1964 / MEMORANDUM FOR : Director of Security")."""
    seen = 0
    for i in range(ctx.lo - 1, max(-1, ctx.lo - 8), -1):
        text = ctx.lines[i].text
        if not text.strip():
            continue
        if kinds[i] != "routing" or seen >= 3:
            return None
        seen += 1
        found = datelines.date_only(text) if len(text) <= 40 else None
        if found and not datelines.stamp_form(text):
            return i, found, "alone-above-header"
    return None


def _first_own_line(ctx) -> int | None:
    """The first non-empty line of the document's own text."""
    for i in range(ctx.lo, min(len(ctx.lines), ctx.lo + 40)):
        if not ctx.noise(i) and ctx.lines[i].text.strip():
            return i
    return None


def _alone_kind(text: str, found: dates.FoundDate) -> str:
    """The rule of a date line, by how sure such lines are (measured apart): "alone" for a
    clean date with a four-digit year, "alone-month" for a month alone, "alone-short-year"
    for a two-digit year (stamps write those), "alone-repaired-month" for a month's name OCR
    damaged ("4 Hovember 1957"), "alone-dirty" for a date among OCR junk."""
    if found.precision != "day":
        return "alone-month"
    if str(found.value.year) not in text:
        return "alone-short-year"
    line = _TIME_RE.sub(" ", _DATELINE_PLACE_RE.sub("", text))
    line = unicodedata.normalize("NFKD", line).encode("ascii", "ignore").decode()
    value = found.value
    mine = {str(value.day), f"{value.day:02d}", str(value.year)}
    junk, repaired = 0, 0
    for token in _TOKEN_RE.findall(line):
        if token in mine or token.upper() in _WEEKDAYS:
            continue
        exact = len(token) <= 4 or token.upper() == _MONTH_NAMES[value.month]
        if token.isalpha() and exact and dates.month_number(token) == value.month:
            continue
        if token.isalpha() and datelines.month_word(token) == value.month:
            repaired = max(repaired, datelines.month_edits(token))
            continue
        junk += len(token)
    if junk > 2:
        return "alone-dirty"
    return ("alone", "alone-repaired-month", "alone-repaired-month2")[repaired]


def _review_stamp(text: str, found: dates.FoundDate, era: int | None) -> bool:
    """A numeric date decades after the record's era ("KP 5-18-98", "6/19/93"): the hand of a
    reviewer who released the record, not the document's own date."""
    numeric = _NUMERIC_DATE_RE.search(text[found.start : found.end])
    return bool(numeric) and era is not None and found.value.year - era >= 15


def found_year(candidates, i) -> int:
    return next(f.value.year for k, f, _ in candidates if k == i)


def _mentioned_years(ctx) -> tuple[list[int], list[int]]:
    """Years of the full dates in the document's own text (stamps left out): all of them, and
    those of dates with the month in words (reviewers stamp numeric dates)."""
    text = ctx.own_text(30000)
    years, written = [], []
    for pattern in (dates.DMY_RE, dates.MDY_RE, dates.NUMERIC_RE, _SLASHED_RE):
        for m in pattern.finditer(text):
            year = dates.year4(m["y"])
            if year and 1940 <= year <= 2005:
                years.append(year)
                if pattern in (dates.DMY_RE, dates.MDY_RE):
                    written.append(year)
    return sorted(years), written


def _plausible(value: datetime.date, years: list[int]) -> tuple[datetime.date | None, str]:
    """The date, or the date with its year repaired, if it fits the years the document
    mentions; (None, "") when it does not ("" means unchanged, "-repaired" repaired).

    A memo does not cite dates years after its own, and its own date is not decades before
    or after everything it mentions: such a year is OCR damage ("1957" for 1967) or a stamp.
    """
    if value.year < 1940 or value.year > 2005:
        fixed = _repair_year(value, years)
        return (fixed, "-repaired") if fixed else (None, "")
    if len(years) < 3:
        return value, ""
    low = years[len(years) // 10]
    high = years[-1]
    if low - 1 <= value.year <= high + 1:
        return value, ""
    fixed = _repair_year(value, years)
    return (fixed, "-repaired") if fixed else (None, "")


def _repair_year(value: datetime.date, years: list[int]) -> datetime.date | None:
    """A year one digit away from the document's commonest years, if there is exactly one."""
    if len(years) < 2:
        return None
    common = Counter(years).most_common(3)
    text = f"{value.year:04d}"
    hits = {
        year
        for year, n in common
        if n >= 2 and sum(a != b for a, b in zip(text, str(year), strict=True)) == 1
    }
    if len(hits) != 1:
        return None
    year = hits.pop()
    try:
        return value.replace(year=year)
    except ValueError:
        return None


def _era(out, years: list[int]) -> int | None:
    """The year the record most likely belongs to (for damaged years): the form's date, else
    the commonest year the document mentions."""
    if isinstance(out.values.get("date"), datetime.date):
        return out.values["date"].year
    return Counter(years).most_common(1)[0][0] if years else None


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
            out.offer("title", title, conf, span=_span(ctx, date_line + 1), rule="di-title")
    if di:
        text = letterhead.summary(ctx.lines, ctx.lo, ctx.head_end)
        if text:
            out.offer("summary", text, 0.85, rule="di-summary")
