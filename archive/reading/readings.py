"""How each field of a memo was read, told to people: the line, quoted, the part it stands in,
the rule and the confidence; NARA's identification form beside what the document says.

Used by the admin's change form, the public memo page and the JSON API. Every value here comes
from documents: templates escape it, and `format_html` does wherever HTML is built in Python.
"""

import bisect
import re
from dataclasses import dataclass, field

from archive.choices import Classification
from archive.ingest.provenance import CURATOR, EXTRACTOR_KEY, GIVEN, SOURCED_FIELDS
from archive.ingest.records import classification_level
from archive.models import Memo

# The kinds of Memo.parts, as a reader names them.
PART_LABELS = {
    "form": "identification form",
    "stamp": "release stamp",
    "furniture": "page furniture",
    "routing": "routing sheet",
    "header": "header",
    "body": "document text",
    "signature": "signature block",
    "distribution": "distribution list",
    "enclosure": "enclosure",
}
# What the extractor's rules read, in words (an unknown rule is shown by its name).
RULE_LABELS = {
    "form": "the form's line",
    "header": "the release header",
    "label": "a labelled header line",
    "label+form": "a header line, spelled as on the form",
    "subject": "the subject line",
    "title-line": "the title line",
    "banner": "the classification banner",
    "controls": "the control markings",
    "letterhead": "the letterhead",
    "signature": "the signature block",
    "sender": "the sender's unit",
    "prepared-by": "a prepared-by line",
    "alone": "a date line",
    "alone-contested": "a date line, other dates near it",
    "alone-dirty": "a date line among OCR dirt",
    "alone-month": "a month and year on a line",
    "alone-repaired-month": "a date line, its month's name repaired",
    "alone-short-year": "a date line with a two-digit year",
    "dateline": "the dateline",
    "alone-above-header": "a date line above the header",
    "dispatch-form": "the dispatch form's date",
    "fbi-origin": "the report form's date beside its office of origin",
    "label-repaired": "a labelled header line, its year repaired",
    "label-disowned": "a labelled header line the other dates disown",
    "label-lost": "a header line whose label OCR lost to its colon",
    "inline-label": "a Date: label",
    "column": "a date beside a header line",
    "column-stamp": "a date beside a handling stamp",
    "column-record": "a date beside MEMORANDUM FOR THE RECORD",
    "column-dispatch": "a date beside the dispatch number",
    "telegram": "the telegram's header",
    "telegram-dtg": "the telegram's date-time group",
    "cable-dtg": "the cable's date-time group",
    "cable-dtg-receipt": "the cable's time of receipt",
    "family": "the document's heading",
    "vocabulary": "judged from the document's words",
    "vocabulary-strong": "judged from the document's words",
    "composed": "composed from the other fields",
    "form-title": "the form's title",
    "di-title": "the memorandum's title line",
    "di-summary": "the printed summary",
    "di-number": "the publication number",
    "crest": "the CREST release line",
    "directorate": "the directorate named",
    "fbi-file": "the FBI file number",
    "bufile": "a Bureau file reference",
    "fbi-file-prefix": "the field office of the file number",
    "fbi-file-sender": "the field office of the file number",
    "fbi-file-recipient": "a field office's file: sent to the Bureau",
    "fbi-report-recipient": "a field office's report: sent to the Bureau",
    "foia-case": "the FOIA case line",
    "cable-cite": "the cable citation",
    "form-feeds": "counted from page breaks",
    "footers": "counted from page footers",
}
# NARA's identification form, in the form's own order, with its labels.
FORM_LABELS = {
    "agency": "Agency",
    "record_number": "Record number",
    "record_series": "Record series",
    "agency_file_number": "Agency file number",
    "originator": "Originator",
    "from": "From",
    "to": "To",
    "title": "Title",
    "date": "Date",
    "pages": "Pages",
    "subjects": "Subjects",
    "document_type": "Document type",
    "classification": "Classification",
    "restrictions": "Restrictions",
    "current_status": "Current status",
    "date_of_last_review": "Date of last review",
    "opening_criteria": "Opening criteria",
    "comments": "Comments",
    "printed": "Form printed",
}
# The form's processing notes and print date say nothing about the record to the public, and
# are never quoted as where a field was read.
PRIVATE_FORM_KEYS = ("comments", "printed")
# Letters NARA's forms abbreviate a classification to.
_FORM_LEVELS = {
    "U": Classification.UNCLASSIFIED, "S": Classification.SECRET,
    "C": Classification.CONFIDENTIAL, "TS": Classification.TOP_SECRET,
    "LOU": Classification.LIMITED_OFFICIAL_USE,
}  # fmt: skip
QUOTE_LINES, QUOTE_CHARS = 4, 240
_BREAK_RE = re.compile(r"[\n\f]")


@dataclass
class Reading:
    """Where one field's value came from."""

    name: str
    label: str
    how: str  # "read", "given", "curator" or "unknown"
    rule: str = ""
    start: int | None = None
    end: int | None = None
    line: int | None = None
    last_line: int | None = None
    quote: str = ""
    part: str = ""
    confidence: float | None = None
    confirmed: bool = False  # a curator approved the value read

    @property
    def rule_label(self):
        if self.rule.startswith("family:"):
            return f"the heading of its kind of document ({self.rule[7:].replace('_', ' ')})"
        return RULE_LABELS.get(self.rule, self.rule)

    @property
    def lines(self):
        """ "line 12" or "lines 12–15"."""
        if self.line is None:
            return ""
        if self.last_line and self.last_line != self.line:
            return f"lines {self.line}–{self.last_line}"
        return f"line {self.line}"

    @property
    def where(self):
        """A sentence without the quote: "read from line 12 (identification form; ...)"."""
        if self.how == GIVEN:
            return "given by the source"
        if self.how == CURATOR:
            return "corrected by a curator"
        if self.how == "unknown":
            return "not recorded"
        details = [self.part] if self.part else []
        if self.rule:
            details.append(f"rule: {self.rule_label}")
        if self.confidence is not None:
            details.append(f"confidence {self.confidence:.0%}")
        if self.confirmed:
            details.append("confirmed by a curator")
        place = f"read from {self.lines}" if self.line else "read by extraction"
        return f"{place} ({'; '.join(details)})" if details else place


class LineIndex:
    """Line numbers of offsets in a text (a newline or a form feed starts a line)."""

    def __init__(self, text):
        self.text = text
        self.starts = [0] + [m.end() for m in _BREAK_RE.finditer(text)]

    def number(self, offset):
        """1-based number of the line holding offset."""
        return bisect.bisect_right(self.starts, offset)

    def line(self, number):
        start = self.starts[number - 1]
        end = self.starts[number] - 1 if number < len(self.starts) else len(self.text)
        return self.text[start:end]


def line_number(text, offset):
    """1-based number of the line of text holding offset (counted as LineIndex counts)."""
    return text.count("\n", 0, offset) + text.count("\f", 0, offset) + 1


def _quote(index, first, last):
    lines = [index.line(n).strip() for n in range(first, last + 1)]
    lines = [line for line in lines if line]
    quote = " / ".join(lines[:QUOTE_LINES])
    if len(lines) > QUOTE_LINES or len(quote) > QUOTE_CHARS:
        quote = quote[:QUOTE_CHARS].rstrip() + " …"
    return quote


def _part_at(parts, offset):
    for item in parts or []:
        try:
            kind, start, end = item
        except (TypeError, ValueError):
            continue
        if isinstance(start, int) and isinstance(end, int) and start <= offset < end:
            return PART_LABELS.get(kind, str(kind))
    return ""


def _private_spans(memo):
    spans = []
    for key in PRIVATE_FORM_KEYS:
        item = (memo.archival_description or {}).get(key)
        if isinstance(item, dict) and isinstance(item.get("start"), int):
            spans.append((item["start"], item.get("end") or item["start"]))
    return spans


def field_label(name):
    """The field's name as curators and readers know it (its verbose name)."""
    try:
        return str(Memo._meta.get_field(name).verbose_name)
    except Exception:  # noqa: BLE001 - a name from an old export: shown as it is
        return name.replace("_", " ")


def _has_value(memo, name):
    return getattr(memo, name, None) not in (None, "", [], {})


def readings(memo, public=False, index=None):
    """A Reading for each field of the memo that has a value, in the fields' order.

    `public` leaves out quotes of the form's processing notes (they never stand as a source).
    """
    sources = memo.field_sources or {}
    curated = set(memo.curated_fields or [])
    confidence = memo.field_confidence or {}
    index = index or LineIndex(memo.text or "")
    private = _private_spans(memo) if public else []
    result = []
    for name in SOURCED_FIELDS:
        if not _has_value(memo, name):
            continue
        source = sources.get(name)
        result.append(
            _reading(memo, name, source, name in curated, confidence.get(name), index, private)
        )
    return result


def _reading(memo, name, source, curated, confidence, index, private):
    label = field_label(name)
    if not isinstance(source, dict):
        return Reading(name, label, CURATOR if curated else "unknown")
    rule = str(source.get("rule") or "")
    if rule in (GIVEN, CURATOR):
        return Reading(name, label, rule, rule=rule)
    reading = Reading(
        name, label, "read", rule=rule, confidence=confidence, confirmed=curated
    )  # fmt: skip
    start, end = source.get("start"), source.get("end")
    text = memo.text or ""
    if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text):
        if any(s <= start < e or start <= s < end for s, e in private):
            return reading
        reading.start, reading.end = start, end
        reading.line = index.number(start)
        reading.last_line = index.number(max(start, end - 1))
        reading.quote = _quote(index, reading.line, reading.last_line)
        reading.part = _part_at(memo.parts, start)
    return reading


def api_sources(memo):
    """{field: {"start", "end", "line", "rule"}} for the API (no span: start, end, line null)."""
    index = LineIndex(memo.text or "")
    data = {}
    for name, source in (memo.field_sources or {}).items():
        if name == EXTRACTOR_KEY or not isinstance(source, dict):
            continue
        start, end = source.get("start"), source.get("end")
        fits = isinstance(start, int) and isinstance(end, int) and 0 <= start < end
        fits = fits and end <= len(memo.text or "")
        data[name] = {
            "start": start if fits else None,
            "end": end if fits else None,
            "line": index.number(start) if fits else None,
            "rule": str(source.get("rule") or ""),
        }
    return data


def form_level(value):
    """The classification level a form's CLASSIFICATION value names ("U", "Secret"), or ""."""
    text = " ".join(str(value or "").upper().replace(".", "").split())
    if text in _FORM_LEVELS:
        return _FORM_LEVELS[text].value
    return classification_level(text)


@dataclass
class FormRow:
    """One field of NARA's identification form as the memo page shows it."""

    key: str
    label: str
    value: object  # a text, or a list for SUBJECTS
    links: list = field(default_factory=list)  # (term, search URL) for a list, if wanted


def form_hides(memo, key, hidden):
    """Whether the form's field `key` was read from a passage of `hidden` (suppressed spans)."""
    item = (memo.archival_description or {}).get(key)
    if not isinstance(item, dict) or not isinstance(item.get("start"), int):
        return False
    start = item["start"]
    end = item.get("end") if isinstance(item.get("end"), int) else start + 1
    return any(s < max(end, start + 1) and start < e for s, e in hidden)


def form_rows(memo, public=True, hidden=()):
    """The identification form's fields in the form's order (the public leaves out notes, and
    any field read from a passage of `hidden`, the suppressed spans)."""
    description = memo.archival_description or {}
    rows = []
    keys = list(FORM_LABELS) + sorted(k for k in description if k not in FORM_LABELS)
    for key in keys:
        item = description.get(key)
        if not isinstance(item, dict) or (public and key in PRIVATE_FORM_KEYS):
            continue
        if hidden and form_hides(memo, key, hidden):
            continue
        value = item.get("value")
        if isinstance(value, list):
            value = [str(v) for v in value if str(v).strip()]
        elif value is not None:
            value = " ".join(str(value).split())
        if value:
            label = FORM_LABELS.get(key) or key.replace("_", " ").capitalize()
            rows.append(FormRow(key, label, value))
    return rows


@dataclass
class ClassificationNote:
    """The document's own marking and the form's, and whether they disagree."""

    marked: str  # as the document marks it ("" when unmarked or not read from it)
    catalogued: str  # as the form gives it, its level named where the form abbreviates
    disagree: bool
    from_form: bool = False  # the memo's classification was read from the form

    @property
    def sentence(self):
        if self.disagree:
            return (
                f"Marked {self.marked} on the document; catalogued as {self.catalogued} on "
                "NARA's identification form."
            )
        return ""


def classification_note(memo):
    """The document's marking beside the form's CLASSIFICATION, or None without a form value.

    The memo's classification is the document's own marking unless it was read from the form.
    """
    item = (memo.archival_description or {}).get("classification")
    value = " ".join(str(item.get("value") or "").split()) if isinstance(item, dict) else ""
    if not value:
        return None
    level = form_level(value)
    catalogued = Classification(level).label if level else value
    source = (memo.field_sources or {}).get("classification") or {}
    own = bool(memo.classification) and source.get("rule") != "form"
    marked = ""
    if own:
        marked = " ".join(memo.classification_marking.split()).strip("*_ ")
        marked = marked or memo.get_classification_display().upper()
    disagree = bool(own and level and level != memo.classification)
    from_form = bool(memo.classification) and source.get("rule") == "form"
    return ClassificationNote(marked, catalogued, disagree, from_form)
