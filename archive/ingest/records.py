"""From a raw document to the values of a Memo: given metadata first, extraction for the rest.

Metadata a JSON line gives is taken as described (confidence 1.0, or lower where the line's own
`metadata_origin` says it was a heuristic); what it lacks is extracted from the text, with the
extractor's confidence. Fields below the review threshold flag the memo for a curator.
"""

import datetime
import re

from archive.choices import Classification, DatePrecision, Status
from archive.identifiers import normalise_text, text_checksum
from archive.ingest import provenance, restore
from archive.ingest.documents import IngestError, MemoRecord
from archive.ingest.extract import extract
from archive.ingest.sources import check_length

# JSON keys (ours and the corpus schema's) -> Memo fields, for plain text values.
TEXT_KEYS = {
    "document_number": "document_number",
    "doc_number": "document_number",
    "title": "title",
    "from": "sender",
    "sender": "sender",
    "to": "recipient",
    "recipient": "recipient",
    "agency": "agency",
    "directorate": "directorate",
    "office": "office",
    "division": "division",
    "branch": "branch",
    "summary": "summary",
    "source_citation": "source_citation",
    "crest_id": "crest_id",
    "nara_record_number": "nara_record_number",
    "foia_case": "foia_case",
    "case_number": "foia_case",
    "file_number": "file_number",
    "agency_file_number": "file_number",
    "id": "source_id",
    "source_id": "source_id",
    "document_type": "document_type",
}
# Keys consumed here besides TEXT_KEYS; every other key is kept in Memo.extra.
OTHER_KEYS = {
    "text", "date", "date_precision", "classification", "classification_marking",
    "control_markings", "collection", "source_collection", "release_date", "page_count",
    "pages", "ocr_quality", "status", "redactions", "slug", "field_confidence",
    "url", "review_notes", "notes", "subjects",
}  # fmt: skip
EXTRACTED_FIELDS = (
    "document_number", "title", "date", "date_precision", "agency", "directorate", "office",
    "division", "branch", "sender", "recipient", "classification", "classification_marking",
    "control_markings", "summary", "crest_id", "nara_record_number", "foia_case",
    "file_number", "release_date", "page_count", "document_type",
)  # fmt: skip
FIELD_LIMITS = {
    "title": 500, "sender": 500, "recipient": 500, "document_number": 200, "document_type": 60,
}  # fmt: skip

_LEVELS = [
    (re.compile(r"\bTOP\s*SECRET\b"), Classification.TOP_SECRET),
    (re.compile(r"\bLIMITED\s+OFFICIAL\s+USE\b"), Classification.LIMITED_OFFICIAL_USE),
    (re.compile(r"\bOFFICIAL\s+USE\s+ONLY\b"), Classification.OFFICIAL_USE_ONLY),
    (re.compile(r"\bUNCLAS(SIFIED)?\b"), Classification.UNCLASSIFIED),
    (re.compile(r"\bSECRET\b"), Classification.SECRET),
    (re.compile(r"\bCONFIDENTIAL\b"), Classification.CONFIDENTIAL),
    (re.compile(r"\bRESTRICTED\b"), Classification.RESTRICTED),
]
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def classification_level(marking):
    """Normalised level for a marking as printed ("Secret", "UNCLAS", "TOP SECRET//NOFORN")."""
    upper = " ".join(str(marking).upper().split())
    for pattern, level in _LEVELS:
        if pattern.search(upper):
            return level.value
    return ""


def parse_date(value, source):
    """An ISO date, possibly partial (1984, 1984-12), as (date, precision); raises IngestError."""
    if isinstance(value, datetime.date):
        return value, DatePrecision.DAY.value
    match = _ISO_DATE.match(str(value).strip())
    if not match:
        raise IngestError(f"invalid date {value!r}: expected YYYY, YYYY-MM or YYYY-MM-DD", source)
    year, month, day = (int(part) if part else None for part in match.groups())
    try:
        parsed = datetime.date(year, month or 1, day or 1)
    except ValueError as error:
        raise IngestError(f"invalid date {value!r}: {error}", source) from None
    precision = DatePrecision.DAY if day else DatePrecision.MONTH if month else DatePrecision.YEAR
    return parsed, precision.value


def _origin_confidence(metadata, name):
    """Confidence of a given field from the line's own account of where it came from."""
    origin = metadata.get("metadata_origin")
    if not isinstance(origin, dict):
        return 1.0
    aliases = {"sender": "from", "recipient": "to", "document_number": "doc_number"}
    wanted = aliases.get(name, name)
    for key, how in origin.items():
        if wanted in str(key).split("/") or key == name:
            text = str(how).lower()
            if "heuristic" in text or "partial" in text or "guess" in text:
                return 0.6
    return 1.0


def _given(metadata, source):
    """Values a JSON line gives, mapped to Memo fields."""
    given = {}
    for key, name in TEXT_KEYS.items():
        value = metadata.get(key)
        if value is None or name in given:
            continue
        if not isinstance(value, (str, int, float)):
            raise IngestError(f"field {key!r} must be text, not {type(value).__name__}", source)
        value = " ".join(str(value).split()) if name != "summary" else str(value).strip()
        if value:
            given[name] = value[: FIELD_LIMITS.get(name, 200)] if name in FIELD_LIMITS else value
    if metadata.get("date") not in (None, ""):
        given["date"], given["date_precision"] = parse_date(metadata["date"], source)
        if metadata.get("date_precision") in DatePrecision.values:
            given["date_precision"] = metadata["date_precision"]
    if metadata.get("release_date") not in (None, ""):
        given["release_date"], _precision = parse_date(metadata["release_date"], source)
    marking = metadata.get("classification_marking") or metadata.get("classification")
    if marking:
        level = metadata.get("classification")
        given["classification"] = (
            level if level in Classification.values else classification_level(marking)
        )
        given["classification_marking"] = str(marking)[:200]
        if not given["classification"]:
            del given["classification"]
    pages = metadata.get("page_count", metadata.get("pages"))
    if pages not in (None, ""):
        if not isinstance(pages, int) or isinstance(pages, bool) or not 0 < pages < 100_000:
            raise IngestError(f"invalid page count {pages!r}", source)
        given["page_count"] = pages
    markings = metadata.get("control_markings")
    if isinstance(markings, list):
        given["control_markings"] = [str(item) for item in markings]
    subjects = metadata.get("subjects")
    if isinstance(subjects, list):
        given["subjects"] = [" ".join(str(s).split()) for s in subjects if str(s).strip()]
    quality = metadata.get("ocr_quality")
    if isinstance(quality, (int, float)) and not isinstance(quality, bool):
        given["ocr_quality"] = float(quality)
    return given


def build_record(raw):
    """Validate a RawDocument and work out every Memo value; raises IngestError."""
    # Every way in reads its text before this; whatever it was, it is held to the limit here.
    check_length(raw.text, raw.source)
    if restore.is_export(raw.metadata):
        return restore.build_exact_record(raw)
    text = normalise_text(raw.text)
    metadata = raw.metadata
    given = _given(metadata, raw.source)
    extraction = extract(text)

    values, confidence = {}, {}
    for name, value in given.items():
        values[name] = value
        confidence[name] = _origin_confidence(metadata, name)
    extracted = set()
    for name in EXTRACTED_FIELDS:
        if name in values or name not in extraction.values:
            continue
        value = extraction.values[name]
        if isinstance(value, str) and name in FIELD_LIMITS:
            value = value[: FIELD_LIMITS[name]]
        values[name] = value
        confidence[name] = float(extraction.confidence.get(name, 0.5))
        extracted.add(name)
    # The identification form's subjects are index terms, kept apart from the title.
    if "subjects" not in values and (subjects := provenance.form_subjects(extraction)):
        values["subjects"] = subjects
        extracted.add("subjects")
    notes = list(extraction.notes)
    for name, label in (("title", "title"), ("date", "date")):
        if not values.get(name):
            confidence[name] = 0.0
            notes.append(f"{label}: none found")
    if values.get("date") and "date_precision" not in values:
        values["date_precision"] = DatePrecision.DAY.value
    sources = provenance.record_sources(extraction, extracted, set(given))
    if "page_count" not in values and "\f" in text:
        values["page_count"] = text.count("\f") + 1
        sources["page_count"] = {"rule": "form-feeds"}
    # Precision and marking follow their field; only the tracked fields carry a confidence.
    for name in ("date_precision", "classification_marking"):
        confidence.pop(name, None)

    if "redactions" in metadata:
        redactions = restore.given_redactions(metadata["redactions"], text, raw.source)
    else:
        redactions = [
            {
                "start": item.start,
                "end": item.end,
                "marker": item.marker[:200],
                "codes": list(item.codes),
                "kind": item.kind,
            }
            for item in extraction.redactions
        ]
    if "ocr_quality" in values:
        # The OCR quality is the text's own confidence: poor OCR sends the memo to review.
        confidence.pop("ocr_quality", None)
        confidence["text"] = values["ocr_quality"]
    if isinstance(metadata.get("field_confidence"), dict):
        confidence.update(
            {k: float(v) for k, v in metadata["field_confidence"].items() if _is_number(v)}
        )

    curator_notes = None
    if "notes" in metadata:
        curator_notes = restore.parse_notes(metadata["notes"], text, raw.source)

    values["archival_description"] = provenance.archival_description(extraction)
    values["parts"] = provenance.parts(extraction)
    values["field_sources"] = sources
    values["text"] = text
    values["checksum"] = text_checksum(text)
    values["source_file"] = raw.source_file[:500]
    status = metadata.get("status") if metadata.get("status") in Status.values else ""
    collection = metadata.get("collection") or metadata.get("source_collection") or ""
    extra = {
        key: value
        for key, value in metadata.items()
        if key not in TEXT_KEYS and key not in OTHER_KEYS
    }
    return MemoRecord(
        values=values,
        confidence=confidence,
        notes=notes,
        redactions=redactions,
        source=raw.source,
        collection=str(collection)[:300].strip(),
        status=status,
        slug=str(metadata.get("slug") or ""),
        extra=extra,
        pages=list(raw.pages),
        page_texts=list(raw.page_texts),
        page_spans=_page_spans(raw.page_texts, text, raw.source) if raw.pages else [],
        curator_notes=curator_notes,
    )


def _page_spans(texts, text, source):
    """Each page's span in the memo text; the texts joined by form feeds must make that text."""
    spans, position = [], 0
    for page_text in texts:
        spans.append((position, position + len(page_text)))
        position += len(page_text) + 1
    if "\f".join(texts) != text:
        raise IngestError("page texts do not make up the document text", source)
    return spans


def _is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)
