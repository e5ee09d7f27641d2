"""Pull metadata and redaction markers out of the raw OCR text of one declassified document.

`extract(text)` is the public entry point used by the ingest pipeline. It is pure Python,
never raises, and keeps every redaction as character offsets into the text it was given.
It first finds the document's parts (`anatomy`: the NARA identification form, stamps, page
furniture, routing sheets, the document's own header and body) and its family (`families`),
then reads each field from the part that can say it. Every value keeps the span of text it
was read from and the rule that read it; `calibration` turns the rule into the confidence
shown, measured on the tuning part of the corpus.
"""

import bisect
from dataclasses import dataclass, field

from archive.redaction import markers

from . import (
    addresseecues,
    anatomy,
    armyforms,
    cableparties,
    cableto,
    calibration,
    captionguard,
    ciaparties,
    citelines,
    datechecks,
    datecues,
    families,
    familycues,
    fbiparties,
    fbistatedates,
    formdates,
    formparties,
    grammars,
    incoming,
    interagency,
    kindcues,
    officecues,
    officehints,
    originators,
    papers,
    partyfixes,
    partytails,
    rif,
    routing,
    senderchecks,
    senderhints,
    sigint,
    signoffs,
    telegrams,
    titlecues,
    titlefixes,
    titlelines,
    titlevetting,
    typecues,
    unitlines,
    unitmarks,
)
from .captions import title_fields
from .fields import FieldSet
from .finddates import date_fields
from .finders import (
    di_parts,
    family_fields,
    header_fields,
    id_fields,
    salutation_fields,
    signature_fields,
)
from .findunits import agency_fields
from .levels import classification_fields
from .patterns import NARA_FOOTER_RE, split_lines
from .spacing import SPACED_RUN_RE, despace, document_vocabulary


@dataclass
class ExtractedRedaction:
    """One redaction marker: text[start:end] == marker."""

    start: int
    end: int
    marker: str
    codes: list[str]
    kind: str


@dataclass
class Extraction:
    """Values found in a text, their confidence, sources, the redactions and shaky-field notes.

    `sources` maps a field to the (start, end) span it was read from; `rules` to the rule that
    read it; `form` is NARA's identification form as read (its fields with their spans); `parts`
    the document's anatomy as (kind, start, end).
    """

    values: dict
    confidence: dict
    redactions: list[ExtractedRedaction]
    notes: list[str] = field(default_factory=list)
    sources: dict = field(default_factory=dict)
    rules: dict = field(default_factory=dict)
    form: dict = field(default_factory=dict)
    parts: list = field(default_factory=list)
    # Fields read by a rule right fewer than 4 times in 10 (calibration.FLOOR): suggestions,
    # left among the values only when extract() was asked to keep doubtful readings.
    doubtful: dict = field(default_factory=dict)


class Context:
    """The text split into lines, its anatomy, and the zones the field finders look at."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = split_lines(text)
        self.anatomy = anatomy.dissect(text, self.lines)
        self.form = self.anatomy.form
        self.family = self.anatomy.family
        self.lo = self.anatomy.body_lo
        self.body_start = self.lines[self.lo].start if self.lines else 0
        self.head_end = min(len(self.lines), self.lo + 220)
        self.page_end = self._first_page_end()
        self._vocab: frozenset[str] | None = None
        self._own: list[str] | None = None
        self._own_ends: list[int] = []

    def noise(self, i: int) -> bool:
        """Line i is not the document's own text."""
        return self.anatomy.noise(i)

    def _first_page_end(self) -> int:
        """Line index where page 1 of the body ends (a near-empty page does not count)."""
        if not self.lines:
            return 0
        seen, page = 0, self.lines[self.lo].page if self.lo < len(self.lines) else 1
        for i in range(self.lo, min(len(self.lines), self.lo + 120)):
            line = self.lines[i]
            if line.page != page or NARA_FOOTER_RE.search(line.text):
                if seen >= 8:
                    return i
                page = line.page
            seen += bool(line.text.strip()) and not self.noise(i)
        return min(len(self.lines), self.lo + 120)

    def own_text(self, limit: int | None = None) -> str:
        """The document's own lines (no form, stamps or furniture), joined: all of them, or
        those up to the one that reaches limit characters."""
        if self._own is None:
            self._own, self._own_ends, size = [], [], 0
            for i in range(self.lo, len(self.lines)):
                if not self.noise(i):
                    self._own.append(self.lines[i].text)
                    size += len(self.lines[i].text) + 1
                    self._own_ends.append(size)
        count = bisect.bisect_left(self._own_ends, limit) + 1 if limit else len(self._own)
        return "\n".join(self._own[:count])

    def fix(self, value: str) -> str:
        """Repair spaced-out letters using the document's own vocabulary (built lazily)."""
        if not SPACED_RUN_RE.search(value):
            return value
        if self._vocab is None:
            self._vocab = document_vocabulary(self.text[:60000])
        return despace(value, self._vocab)


def _form_fields(ctx: Context, out: FieldSet) -> dict:
    """The identification form: its fields as the archival description, and what they imply."""
    header = rif.release_header_number(ctx.text)
    if header:
        at = ctx.text.find(header)
        # OCR misreads about one header number in ten (checked against NARA's listing).
        out.offer("nara_record_number", header, 0.7, span=(at, at + len(header)), rule="header")
    form = ctx.form
    if not form:
        return {}
    fields = form.fields
    description = {
        key: {"value": item.value, "start": item.start, "end": item.end}
        for key, item in fields.items()
    }
    if item := fields.get("record_number"):
        sure = header == item.value or ctx.text.count(str(item.value)) >= 2
        out.offer(
            "nara_record_number", item.value, 0.98 if sure else 0.85,
            span=(item.start, item.end), rule="form",
        )  # fmt: skip
    if item := fields.get("date"):
        found, span, rule = formdates.document_date(ctx.text, fields, item)
        if found:
            out.offer_date("date", found, 0.95 if rule == "form" else 0.8, span=span, rule=rule)
    if hit := rif.originator(form):
        name, item = hit
        out.offer("agency", name, 0.97, span=(item.start, item.end), rule="form")
    # The document's own header outranks the form's FROM and TO (offered lower than it).
    for key, name in (("from", "sender"), ("to", "recipient")):
        item = fields.get(key)
        if item and rif.names_someone(str(item.value)):
            out.offer(
                name, rif.party(str(item.value)), 0.7, span=(item.start, item.end), rule="form"
            )
    if (item := fields.get("title")) and rif.names_someone(str(item.value)):
        out.offer("form_title", str(item.value), 0.85, span=(item.start, item.end), rule="form")
    if item := fields.get("agency_file_number"):
        out.offer("file_number", str(item.value), 0.9, span=(item.start, item.end), rule="form")
    if (item := fields.get("pages")) and str(item.value).strip().isdigit():
        out.offer(
            "page_count",
            int(str(item.value).strip()),
            0.9,
            span=(item.start, item.end),
            rule="form",
        )
    return description


def _reconcile_with_form(ctx: Context, out: FieldSet) -> None:
    """Where the document's header and the form name the same party, keep the form's typed
    spelling (OCR damages the document more than the form) and say both agree."""
    if not ctx.form:
        return
    for key, name in (("from", "sender"), ("to", "recipient")):
        item = ctx.form.fields.get(key)
        ours = out.values.get(name)
        if not item or not ours or out.rules.get(name) == "form":
            continue
        if originators.same_party(str(item.value), str(ours)) and str(item.value) != ours:
            out.values[name] = str(item.value)
            out.confidence[name] = max(out.confidence[name], 0.9)
            out.rules[name] = "label+form"
            out.sources[name] = (item.start, item.end)


def _telegram_fields(ctx: Context, out: FieldSet) -> bool:
    if not telegrams.is_telegram(ctx.own_text(4000)):
        return False
    tel = telegrams.parse_telegram(ctx.text, ctx.lines)
    out.notes.extend(tel.notes)
    if tel.message_number:
        out.offer("message_number", *tel.message_number, rule="telegram")
        out.offer("document_number", *tel.message_number, rule="telegram")
    if tel.date:
        found, conf, rule = tel.date
        out.offer_date("date", (found.value, found.precision), conf, rule=rule)
    for name, item in (("sender", tel.sender), ("recipient", tel.recipient)):
        if item:
            out.offer(name, item[0], item[1], rule="telegram")
    if tel.sender and (unit := originators.party(tel.sender[0], originators.STATE)):
        out.offer("office", unit.office, 0.75, rule="telegram")
    if tel.message_number and (post := originators.state_post(tel.message_number[0])):
        out.offer("office", post, 0.7, rule="telegram-number")
    if tel.subject:
        out.offer("subject", tel.subject[0], tel.subject[1], rule="telegram")
    out.offer("agency", "Department of State", 0.85, rule="telegram")
    return True


def _nsa_issue(ctx: Context, out: FieldSet) -> None:
    """An NSA translation report's issue date (not the translated message's)."""
    if hit := grammars.nsa_issue(ctx.lines, ctx.lo, ctx.page_end, ctx.noise):
        line = ctx.lines[hit.line]
        out.offer_date("date", (hit.value, "day"), 0.86, span=(line.start, line.end), rule=hit.rule)


def _page_count(ctx: Context, out: FieldSet) -> None:
    if "page_count" in out.values:
        return  # the form counts the record's pages; the text may hold only some of them
    if "\f" in ctx.text:
        out.offer("page_count", ctx.text.count("\f") + 1, 0.8, rule="form-feeds")
        return
    pages = [int(m[1]) for m in NARA_FOOTER_RE.finditer(ctx.text) if m[1]]
    if pages and max(pages) < 500:
        out.offer("page_count", max(pages), 0.6, rule="footers")


def _run(text: str, out: FieldSet) -> tuple[list[markers.Mark], Context, dict]:
    ctx = Context(text)
    description = _form_fields(ctx, out)
    telegram = _telegram_fields(ctx, out)
    header_fields(ctx, out, telegram)
    _reconcile_with_form(ctx, out)
    family_fields(ctx, out)
    _nsa_issue(ctx, out)
    id_fields(ctx, out)
    agency_fields(ctx, out)
    routing.sender(ctx, out)
    routing.recipient(ctx, out)
    signature_fields(ctx, out)
    signoffs.foot_sender(ctx, out)
    senderhints.fill(ctx, out)
    armyforms.agent_sender(ctx, out)
    armyforms.summary_sender(ctx, out)
    citelines.cable_sender(ctx, out)
    unitlines.unit_fields(ctx, out)
    salutation_fields(ctx, out)
    sigint.report_parties(ctx, out)
    incoming.sender_post(ctx, out)
    fbiparties.party_lines(ctx, out)
    date_line = date_fields(ctx, out)
    datechecks.review(ctx, out)
    fbistatedates.review(ctx, out)
    datecues.review(ctx, out)
    datecues.fill(ctx, out)
    di_parts(ctx, out, date_line)
    classification_fields(ctx, out)
    _page_count(ctx, out)
    # The lines a form read without a page footer ran on over (a telegram's own header).
    lead = "\n".join(line.text for line in ctx.lines[unitlines.after_form(ctx) : ctx.lo])
    family = families.refine(ctx.family, out.values.get("agency"), ctx.own_text(5000), lead)
    family = familycues.refine(family, out.values.get("agency"), ctx.own_text(5000))
    family = typecues.refine(family, out.values.get("agency"), ctx.own_text(5000), ctx.form)
    family = kindcues.refine(family, out.values.get("agency"), ctx)
    ctx.family = family
    cableto.addressee(ctx, out)
    cableparties.cable_director(ctx, out)
    cableparties.dispatch_addressee(ctx, out)
    cableparties.cable_slug_cut(ctx, out)
    interagency.addressee(ctx, out)
    cableparties.prose_subject(ctx, out)
    title_fields(ctx, out)
    armyforms.trim_subject_data(out)
    cableparties.dispatch_title(ctx, out)
    titlefixes.refine(ctx, out)
    titlelines.refine(ctx, out)
    titlecues.refine(ctx, out)
    ciaparties.refine(ctx, out)
    partytails.trim(out)
    formparties.prefer_form(ctx, out)
    fbiparties.agent_office(out)
    unitmarks.final_sender_office(out)
    officecues.sender_cues(ctx, out)
    officehints.office_hints(ctx, out)
    partyfixes.apply(ctx, out)
    titlevetting.vet(ctx, out)
    captionguard.vet(out)
    senderchecks.vet(ctx, out)
    addresseecues.refine(ctx, out)
    out.offer("family", family.name, family.confidence, rule=familycues.rule(family, "family"))
    doc_type = family.document_type
    if family.name == "other" and families.MFR_RE.search(ctx.own_text(3000)):
        doc_type = "Memorandum for the Record"
    if doc_type:
        span = None
        if family.line is not None:
            line = ctx.lines[family.line]
            span = (line.start, line.end)
        out.offer(
            "document_type", doc_type, family.confidence, span=span, rule=familycues.rule(family)
        )
    elif kind := _paper(ctx, out):
        out.offer("document_type", kind, 0.6, rule="paper-shape")
    return markers.find_redactions(text, ctx.lines), ctx, description


def _paper(ctx: Context, out: FieldSet) -> str | None:
    """A CIA paper's type: no header names a sender or an addressee, a heading opens it."""
    if out.values.get("agency") != originators.CIA:
        return None
    if "sender" in out.values or "recipient" in out.values:
        return None
    return papers.paper_type(ctx.own_text(3000))


def extract(text: str, keep_doubtful: bool = False) -> Extraction:
    """Extract metadata fields, confidences and redaction markers from one document's text.

    Readings too doubtful to keep become suggestions in the notes; keep_doubtful keeps them
    as values (bench/extraction.py measures every rule that way).
    """
    out = FieldSet()
    marks: list[markers.Mark] = []
    description: dict = {}
    parts: list = []
    if not isinstance(text, str):
        out.notes.append(f"input: expected str, got {type(text).__name__}")
        return Extraction({}, {}, [], out.final_notes())
    try:
        marks, ctx, description = _run(text, out)
        parts = [tuple(p) for p in ctx.anatomy.parts]
    except Exception as exc:  # noqa: BLE001 - the pipeline must get a result for any input
        out.notes.append(f"internal error: {type(exc).__name__}: {exc}"[:300])
        try:
            marks = markers.find_redactions(text, split_lines(text))
        except Exception as exc2:  # noqa: BLE001
            out.notes.append(f"internal error in redactions: {type(exc2).__name__}"[:300])
    calibration.apply(out, keep_doubtful)
    out.values.pop("form_title", None)
    out.confidence.pop("form_title", None)
    found = [ExtractedRedaction(m.start, m.end, m.marker, list(m.codes), m.kind) for m in marks]
    return Extraction(
        out.values,
        out.confidence,
        found,
        out.final_notes(),
        sources=dict(out.sources),
        rules=dict(out.rules),
        form=description,
        parts=parts,
        doubtful=dict(out.doubtful),
    )
