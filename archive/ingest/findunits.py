"""The agency that wrote a document and its originating unit: the form's originator, a letterhead,
the sender's unit, the family, the record series, the document's vocabulary; FBI field offices,
CIA stations and components, State posts (extract() runs agency_fields)."""

import re
from collections import Counter

from . import (
    armystaff,
    calibration,
    families,
    grammars,
    labels,
    letterhead,
    originators,
    vocabulary,
)
from .finders import line_span, offer_unit, to_the_bureau

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
            out.offer("agency", hit[0], hit[1], span=line_span(ctx, i), rule="letterhead")
            break
    # The sender's line names the unit (and so the agency): "SAC, Dallas", "COS, Mexico City".
    family_agency = ctx.family.agency
    sender = out.values.get("sender")
    if sender:
        unit, sure = originators.sender_unit(str(sender), out.values.get("agency") or family_agency)
        if unit and unit.agency:
            out.offer("agency", unit.agency, sure, span=out.sources.get("sender"), rule="sender")
        if unit:
            offer_unit(out, unit, out.sources.get("sender"), "sender")
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
            span = line_span(ctx, ctx.family.line)
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
                to_the_bureau(out, "fbi-file-recipient")
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
            offer_unit(out, unit, out.sources.get("sender"), "sender")
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
