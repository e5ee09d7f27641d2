"""Pull metadata and redaction markers out of the raw OCR text of one declassified document.

`extract(text)` is the public entry point used by the ingest pipeline. It is pure Python
(standard library only), never raises, and keeps every redaction as character offsets
into the text it was given. The pieces live in sibling modules: `rif` (NARA forms),
`headers` (memo headers), `telegrams`, `markings` (banners, ids), `redactions`,
`letterhead` (agency, DI memo parts), `dates` and `spacing`.
"""

import datetime
import re
from collections import Counter
from dataclasses import dataclass, field

from . import dates, headers, letterhead, markings, redactions, rif, telegrams
from .fields import FieldSet
from .patterns import (
    DI_OFFICE_BY_PREFIX,
    FOIA_CASE_RE,
    LEVEL_TARGETS,
    NARA_FOOTER_RE,
    split_lines,
    strip_markdown,
)
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
    """Values found in a text, their confidence, the redactions and notes on shaky fields."""

    values: dict
    confidence: dict
    redactions: list[ExtractedRedaction]
    notes: list[str] = field(default_factory=list)


_DIGIT_RE = re.compile(r"\d")
_LEVEL_BY_WORD = {target.replace(" ", ""): level for target, level in LEVEL_TARGETS}
_FBI_FILE_RE = re.compile(r"[A-Z][ \t]{0,2}\((\d{1,3}-\d{1,6})\)")
_BUFILE_RE = re.compile(r"[Bb][Uu][ \t]?[Ff][Ii][Ll][Ee][ \t]{1,3}(\d{1,3}-\d{1,6})\b")
_FBI_STAMP_RE = re.compile(
    r"DATE[ \t]{1,3}(\d{2})-(\d{2})-(\d{4})[ \t]{1,3}[A-Z]{2}[ \t]{1,3}\d{5,}"
)
# Words of declassification and review stamps: dates printed next to them are not the memo's.
_STAMP_RE = re.compile(
    r"(?i)declassi|classified[ \t]by|reviewed[ \t]by|release[ \t]in|herein|task[ \t]force"
    r"|exempt|authority|approved[ \t]for|per[ \t]\w{2,6}[ \t]letter"
    r"|searched|indexed|serialized|filed\b"
)
_STATE_STAMP_RE = re.compile(
    r"Systematic[ \t]Review[ \t]{1,3}([0-3]?\d[ \t][A-Z][a-z]{2}[ \t]\d{4})"
)
_TELETYPE_DATE_RE = re.compile(
    r"\b(?:NITEL|TELETYPE|URGENT)[ \t]{1,3}(\d{1,2})-(\d{1,2})-(\d{2})\b"
)
_TRAILING_DMY_RE = re.compile(
    r"[ \t]([0-3]?\d[ \t]{1,2}[A-Z][a-z]{2,8}\.?[ \t]{1,2}(?:19|20)\d{2})[ \t]*$"
)


def _level(marking: str) -> str | None:
    word = re.sub(r"[^A-Za-z]", "", marking).upper()
    return _LEVEL_BY_WORD.get(word)


class _Context:
    """The text split into lines plus the zones the field finders look at."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = split_lines(text)
        self.rif = rif.parse_rif(text, self.lines)
        self.body_start = self.rif.end if self.rif else 0
        self.lo = next((i for i, ln in enumerate(self.lines) if ln.start >= self.body_start), 0)
        self.head_end = min(len(self.lines), self.lo + 220)
        self.page_end = self._first_page_end()
        self._vocab: frozenset[str] | None = None

    def _first_page_end(self) -> int:
        """Line index where page 1 of the body ends (a near-empty page does not count)."""
        seen, page = 0, self.lines[self.lo].page
        for i in range(self.lo, min(len(self.lines), self.lo + 120)):
            line = self.lines[i]
            if line.page != page:
                if seen >= 8:
                    return i
                page = line.page
            seen += bool(line.text.strip())
        return min(len(self.lines), self.lo + 120)

    def fix(self, value: str) -> str:
        """Repair spaced-out letters using the document's own vocabulary (built lazily)."""
        if not SPACED_RUN_RE.search(value):
            return value
        if self._vocab is None:
            self._vocab = document_vocabulary(self.text[:60000])
        return despace(value, self._vocab)


def _rif_fields(ctx: _Context, out: FieldSet) -> None:
    header = rif.release_header_number(ctx.text)
    if header:
        # OCR misreads about one header number in ten (checked against NARA's listing).
        out.offer("nara_record_number", header, 0.7)
    if not ctx.rif:
        return
    for name, item in ctx.rif.fields.items():
        if name == "date":
            precision = ctx.rif.fields["date_precision"].value
            out.offer_date("date", (item.value, precision), item.confidence)
        elif name == "classification_marking":
            level = _level(str(item.value))
            if level and out.offer("classification", level, item.confidence):
                out.values["classification_marking"] = item.value
                out.confidence["classification_marking"] = item.confidence
        elif name != "date_precision":
            out.offer(name, item.value, item.confidence)


def _telegram_fields(ctx: _Context, out: FieldSet) -> bool:
    if not telegrams.is_telegram(ctx.text):
        return False
    tel = telegrams.parse_telegram(ctx.text, ctx.lines)
    out.notes.extend(tel.notes)
    if tel.message_number:
        out.offer("message_number", *tel.message_number)
        out.offer("document_number", *tel.message_number)
    if tel.date:
        found, conf = tel.date
        out.offer_date("date", (found.value, found.precision), conf)
    for name, item in (("sender", tel.sender), ("recipient", tel.recipient)):
        if item:
            out.offer(name, item[0], item[1])
    if tel.subject:
        out.offer("subject", tel.subject[0], tel.subject[1])
    out.offer("agency", "Department of State", 0.8)
    return True


def _header_fields(ctx: _Context, out: FieldSet, telegram: bool) -> None:
    found = headers.memo_headers(ctx.lines, ctx.lo, ctx.head_end, ctx.fix)
    if "DATE" in found:
        iso, precision = found["DATE"].value.split("|")
        date = datetime.date.fromisoformat(iso)
        out.offer_date("date", (date, precision), found["DATE"].confidence)
    if telegram:
        return  # cable headers are read by the telegram parser; prose "TO ..." lines mislead
    if "FROM" in found:
        out.offer("sender", found["FROM"].value, min(0.8, found["FROM"].confidence))
    mfr = found.get("MEMORANDUM FOR THE RECORD")
    for label in ("MEMORANDUM FOR", "TO"):
        if label in found and not (mfr and mfr.line < found[label].line):
            out.offer("recipient", found[label].value, 0.8)
    if "SUBJECT" in found:
        out.offer("subject", found["SUBJECT"].value, found["SUBJECT"].confidence)
    to, frm = headers.fbi_form_parties(ctx.lines, ctx.head_end)
    note = "{}: FBI form read by position (labels and values OCR'd apart)"
    if to:
        out.offer("recipient", to, 0.6, note.format("recipient"))
    if frm:
        out.offer("sender", frm, 0.6, note.format("sender"))
    titled = headers.title_line(ctx.lines[ctx.lo : ctx.lo + 3])
    if titled:
        title, frm, to = titled
        out.offer("title", title, 0.8)
        if frm:
            out.offer("sender", frm, 0.75)
        if to:
            out.offer("recipient", to, 0.75)


def _continues_sentence(ctx: _Context, i: int) -> bool:
    """True when line i ends a sentence begun on the line above ("... at 3:05 p.m.,")."""
    prev = ctx.lines[i - 1].text.rstrip() if i > ctx.lo else ""
    return bool(prev) and (prev[-1] in ",;" or prev[-1].islower())


def _near_stamp(ctx: _Context, i: int) -> bool:
    """True when line i sits within three lines of a declassification or review stamp."""
    near: list[str] = []
    for step in (-1, 1):
        k, seen = i + step, 0
        while ctx.lo <= k < len(ctx.lines) and seen < 3 and abs(k - i) < 12:
            if ctx.lines[k].text.strip():
                near.append(ctx.lines[k].text)
                seen += 1
            k += step
    return any(_STAMP_RE.search(text) for text in near)


def _date_lines(ctx: _Context, out: FieldSet, di: bool) -> int | None:
    """Dates standing alone on a line near the top; returns the line index of the first."""
    hits: list[tuple[int, dates.FoundDate]] = []
    for i in range(ctx.lo, ctx.page_end):
        text = ctx.lines[i].text
        if len(text) > 60 or not _DIGIT_RE.search(text):
            continue
        found = dates.date_only_line(strip_markdown(text))
        if found and not _near_stamp(ctx, i) and not _continues_sentence(ctx, i):
            hits.append((i, found))
    if hits:
        i, first = hits[0]
        others = {f.value for k, f in hits[1:4] if f.value != first.value and k - i < 30}
        conf = 0.9 if di else 0.75
        note = None
        if others:
            conf -= 0.2
            shown = ", ".join(sorted(d.isoformat() for d in others))
            note = f"date: two different dates on page 1 ({first.value.isoformat()}; {shown})"
        out.offer_date("date", (first.value, first.precision), conf, note)
        return i
    for i in range(ctx.lo, min(ctx.page_end, ctx.lo + 40)):
        text = ctx.lines[i].text.strip()
        if len(text) > 45 and not text.startswith("MEMORANDUM") or text.startswith("REF"):
            continue
        m = _TRAILING_DMY_RE.search(text)
        if m and (found := dates.find_date(m[1])):
            out.offer_date("date", (found.value, found.precision), 0.6)
            break
    if m := _TELETYPE_DATE_RE.search(ctx.text[:3000]):
        value = dates.make_date(dates.year4(m[3]), int(m[1]), int(m[2]))
        if value:
            out.offer_date("date", (value, "day"), 0.8)
    return None


def _ids(ctx: _Context, out: FieldSet) -> None:
    numbers = markings.di_numbers(ctx.lines)
    for number, alone, office in sorted(numbers, key=lambda n: not n[1])[:1]:
        out.offer("document_number", number, 1.0 if alone else 0.7)
        if office in DI_OFFICE_BY_PREFIX:
            out.offer("office", DI_OFFICE_BY_PREFIX[office], 0.7)
        out.offer("agency", "Central Intelligence Agency", 0.85)
    nic = markings.nic_numbers(ctx.text[:20000])
    if nic:
        out.offer("document_number", nic[0], 0.8)
    crest = markings.crest_ids(ctx.text)
    if crest:
        best, n, total = crest
        note = None if n == total else f"crest_id: {total - n} of {total} banner ids disagree"
        out.offer("crest_id", best, 0.95 if n >= 2 else 0.7, note)
        out.offer("document_number", best, 0.6)
        out.offer("agency", "Central Intelligence Agency", 0.85)
    banners = markings.release_banners(ctx.text)
    if banners:
        value, count = Counter(d for d, _ in banners).most_common(1)[0]
        out.offer("release_date", value, 0.9 if count >= 2 else 0.75)
        ids = [i for _, i in banners if not i.startswith("C")]
        if not ids and banners[0][1][:2] in ("C0", "CO"):
            out.offer("document_number", "C0" + banners[0][1][2:], 0.8)
    if m := _FBI_STAMP_RE.search(ctx.text):
        value = dates.make_date(int(m[3]), int(m[1]), int(m[2]))
        out.offer("release_date", value, 0.7)
    if m := _STATE_STAMP_RE.search(ctx.text):
        found = dates.find_date(m[1])
        out.offer("release_date", found.value if found else None, 0.8)
    if m := FOIA_CASE_RE.search(ctx.text):
        out.offer("foia_case", m.group(), 0.8)


def _agency_fields(ctx: _Context, out: FieldSet, di: bool) -> None:
    first_label = next(
        (i for i in range(ctx.lo, ctx.page_end) if headers.label_of(ctx.lines[i])), ctx.page_end
    )
    hit = letterhead.letterhead_agency(ctx.lines, ctx.lo, first_label)
    if hit:
        out.offer("agency", hit[0], hit[1])
    if letterhead.cia_signals(ctx.text[ctx.body_start : ctx.body_start + 4000]):
        out.offer("agency", "Central Intelligence Agency", 0.6)
    if letterhead.fbi_signals(ctx.text[ctx.body_start :]):
        out.offer("agency", "Federal Bureau of Investigation", 0.75)
        files = Counter(_FBI_FILE_RE.findall(ctx.text))
        if files:
            number, count = files.most_common(1)[0]
            out.offer("file_number", number, 0.7 if count >= 2 else 0.6)
        elif m := _BUFILE_RE.search(ctx.text):
            out.offer("file_number", "BUfile " + m[1], 0.6)
    unit = letterhead.directorate(ctx.lines, ctx.lo, ctx.page_end)
    if unit:
        out.offer("directorate", unit, 0.9)
        out.offer("agency", "Central Intelligence Agency", 0.9)
    units = letterhead.prepared_by(ctx.text)
    for name in ("office", "division", "branch"):
        if name in units:
            out.offer(name, units[name], 0.9)


def _classification(ctx: _Context, out: FieldSet) -> None:
    result = markings.classification(ctx.lines, ctx.body_start)
    vote_lines: set[int] = set()
    if result:
        vote, conf, note = result
        vote_lines.add(vote.line)
        if out.offer("classification", vote.level, conf, note):
            out.values["classification_marking"] = vote.printed
            out.confidence["classification_marking"] = conf
    head_end = ctx.lines[min(ctx.head_end, len(ctx.lines) - 1)].end
    controls = markings.control_markings(ctx.text, ctx.lines, vote_lines, min(head_end, 6000))
    out.offer("control_markings", controls, 0.7)


def _page_count(ctx: _Context, out: FieldSet) -> None:
    if "page_count" in out.values:
        return  # the RIF counts the record's pages; the text may hold only some of them
    if "\f" in ctx.text:
        out.offer("page_count", ctx.text.count("\f") + 1, 0.8)
        return
    pages = [int(m[1]) for m in NARA_FOOTER_RE.finditer(ctx.text) if m[1]]
    if pages and max(pages) < 500:
        out.offer("page_count", max(pages), 0.6)


def _di_parts(ctx: _Context, out: FieldSet, date_line: int | None) -> None:
    di = out.values.get("directorate") == "Directorate of Intelligence" or (
        out.values.get("document_number", "").split(" ")[0] in DI_OFFICE_BY_PREFIX
    )
    if date_line is not None and (di or "crest_id" in out.values):
        title = letterhead.di_title(ctx.lines, date_line)
        if title:
            out.offer("title", title, 0.85 if letterhead.looks_like_di_title(title) else 0.6)
    if di:
        text = letterhead.summary(ctx.lines, ctx.lo, ctx.head_end)
        if text:
            out.offer("summary", text, 0.85)


def _run(text: str, out: FieldSet) -> list[redactions.Mark]:
    ctx = _Context(text)
    _rif_fields(ctx, out)
    telegram = _telegram_fields(ctx, out)
    _header_fields(ctx, out, telegram)
    _ids(ctx, out)
    _agency_fields(ctx, out, False)
    di = "directorate" in out.values or "crest_id" in out.values
    date_line = _date_lines(ctx, out, di)
    _di_parts(ctx, out, date_line)
    _classification(ctx, out)
    _page_count(ctx, out)
    if "title" not in out.values and "subject" in out.values:
        conf = out.confidence["subject"] * 0.75
        out.offer("title", out.values["subject"], conf, "title: taken from the SUBJECT line")
    return redactions.find_redactions(text, ctx.lines)


def extract(text: str) -> Extraction:
    """Extract metadata fields, confidences and redaction markers from one document's text."""
    out = FieldSet()
    marks: list[redactions.Mark] = []
    if not isinstance(text, str):
        out.notes.append(f"input: expected str, got {type(text).__name__}")
        return Extraction({}, {}, [], out.final_notes())
    try:
        marks = _run(text, out)
    except Exception as exc:  # noqa: BLE001 - the pipeline must get a result for any input
        out.notes.append(f"internal error: {type(exc).__name__}: {exc}"[:300])
        try:
            marks = redactions.find_redactions(text, split_lines(text))
        except Exception as exc2:  # noqa: BLE001
            out.notes.append(f"internal error in redactions: {type(exc2).__name__}"[:300])
    found = [ExtractedRedaction(m.start, m.end, m.marker, list(m.codes), m.kind) for m in marks]
    return Extraction(out.values, out.confidence, found, out.final_notes())
