"""Reading our own export back: a line of `manage.py export` restores its memo exactly.

An export line (marked `"format": "memo-archive/1"`) is the archive's own account of a memo:
every value is taken as written, nothing is extracted again, and its notes, redactions,
suppressed passages, status, curated fields, confidences, aliases and status history come back
with it. Also here: curator notes in any JSON line, checked against the text they annotate.
"""

import datetime

from archive.choices import Classification, DatePrecision, RedactionKind, Status, SuppressionLabel
from archive.curation.anchoring import Anchor, find, selector
from archive.identifiers import normalise_text, text_checksum
from archive.ingest.documents import IngestError, MemoRecord
from archive.models import Visibility

EXPORT_FORMAT = "memo-archive/1"

# Export key -> Memo field, for text values.
TEXT_FIELDS = {
    "document_number": "document_number", "source_id": "source_id", "crest_id": "crest_id",
    "nara_record_number": "nara_record_number", "foia_case": "foia_case",
    "file_number": "file_number", "title": "title", "agency": "agency",
    "directorate": "directorate", "office": "office", "division": "division",
    "branch": "branch", "from": "sender", "to": "recipient",
    "classification_marking": "classification_marking", "source_citation": "source_citation",
    "summary": "summary", "source_file": "source_file", "document_type": "document_type",
}  # fmt: skip
CURATABLE = set(TEXT_FIELDS.values()) | {
    "date", "date_precision", "classification", "control_markings", "collection",
    "release_date", "page_count", "release_group", "text", "redactions", "subjects",
}  # fmt: skip
# Export keys (and Memo fields) holding JSON kept as written, with the type each must have.
JSON_FIELDS = {
    "archival_description": dict, "parts": list, "field_sources": dict,
}  # fmt: skip


def is_export(metadata):
    """Whether a JSON line is one of our own export's."""
    return metadata.get("format") == EXPORT_FORMAT


def _text(metadata, key, source):
    value = metadata.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise IngestError(f"field {key!r} must be text, not {type(value).__name__}", source)
    return value


def _date(value, key, source):
    if value in (None, ""):
        return None
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        raise IngestError(f"invalid {key} {value!r}: expected YYYY-MM-DD", source) from None


def _datetime(value, key, source):
    if value in (None, ""):
        return None
    try:
        parsed = datetime.datetime.fromisoformat(str(value))
    except ValueError:
        raise IngestError(
            f"invalid {key} {value!r}: expected an ISO date and time", source
        ) from None
    if parsed.tzinfo is None:
        raise IngestError(f"invalid {key} {value!r}: the time zone is missing", source)
    return parsed


def _choice(value, choices, key, source):
    if value in (None, ""):
        return ""
    if value not in choices.values:
        raise IngestError(f"invalid {key} {value!r}", source)
    return value


def _number(value, key, source, kind=float):
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise IngestError(f"{key} must be a number, not {value!r}", source)
    if kind is int and value != int(value):
        raise IngestError(f"{key} must be a whole number, not {value!r}", source)
    return kind(value)


def _list_of_text(value, key, source):
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise IngestError(f"{key} must be a list of texts", source)
    return list(value)


def given_redactions(items, text, source):
    """Redactions listed in a JSON line (our own export), checked against the text."""
    if not isinstance(items, list):
        raise IngestError('"redactions" must be a list', source)
    result = []
    for item in items:
        try:
            start, end, marker = int(item["start"]), int(item["end"]), str(item["marker"])
            codes = [str(code) for code in item.get("codes") or []]
            kind = item.get("kind") or RedactionKind.REDACTED_BLOCK
        except (KeyError, TypeError, ValueError):
            raise IngestError(f"malformed redaction {item!r}", source) from None
        if not 0 <= start < end <= len(text) or kind not in RedactionKind.values:
            raise IngestError(f"redaction {item!r} does not fit the text", source)
        result.append({"start": start, "end": end, "marker": marker, "codes": codes, "kind": kind})
    return result


def build_exact_record(raw):
    """A MemoRecord restoring an exported memo as it was; raises IngestError."""
    metadata, source = raw.metadata, raw.source
    text = normalise_text(raw.text)
    if metadata.get("checksum") and metadata["checksum"] != text_checksum(text):
        raise IngestError("the text does not match its checksum (edited by hand?)", source)
    values = {name: _text(metadata, key, source) for key, name in TEXT_FIELDS.items()}
    values.update(
        text=text,
        checksum=text_checksum(text),
        date=_date(metadata.get("date"), "date", source),
        date_precision=_choice(
            metadata.get("date_precision"), DatePrecision, "date_precision", source
        ),
        classification=_choice(
            metadata.get("classification"), Classification, "classification", source
        ),
        control_markings=_list_of_text(
            metadata.get("control_markings"), "control_markings", source
        ),
        release_date=_date(metadata.get("release_date"), "release_date", source),
        page_count=_number(metadata.get("page_count"), "page_count", source, int),
        ocr_quality=_number(metadata.get("ocr_quality"), "ocr_quality", source),
        subjects=_list_of_text(metadata.get("subjects"), "subjects", source),
    )
    for key, kind in JSON_FIELDS.items():
        value = metadata.get(key)
        if value is None:
            value = kind()
        if not isinstance(value, kind):
            raise IngestError(f"{key} must be {'an object' if kind is dict else 'a list'}", source)
        values[key] = value
    confidence = metadata.get("field_confidence") or {}
    if not isinstance(confidence, dict):
        raise IngestError("field_confidence must be an object", source)
    confidence = {key: _number(value, key, source) for key, value in confidence.items()}
    extra = metadata.get("extra") or {}
    if not isinstance(extra, dict):
        raise IngestError("extra must be an object", source)
    curated = _list_of_text(metadata.get("curated_fields"), "curated_fields", source)
    unknown = sorted(set(curated) - CURATABLE)
    if unknown:
        raise IngestError(f"unknown curated field(s): {', '.join(unknown)}", source)
    status = _choice(metadata.get("status"), Status, "status", source) or Status.DRAFT
    aliases = _list_of_text(metadata.get("aliases"), "aliases", source)
    return MemoRecord(
        values=values,
        confidence=confidence,
        notes=_list_of_text(metadata.get("review_notes"), "review_notes", source),
        redactions=given_redactions(metadata.get("redactions") or [], text, source),
        source=source,
        collection=_text(metadata, "collection", source)[:300],
        status=status,
        slug=_text(metadata, "slug", source),
        extra=extra,
        curator_notes=parse_notes(metadata.get("notes") or [], text, source),
        exact=True,
        restore={
            "curated_fields": curated,
            "published_at": _datetime(metadata.get("published_at"), "published_at", source),
            "ingested_at": _datetime(metadata.get("ingested_at"), "ingested_at", source),
            "release_group": _text(metadata, "release_group", source)[:300],
            "aliases": aliases,
            "status_history": _status_history(metadata.get("status_history") or [], source),
            "suppressions": parse_suppressions(metadata.get("suppressions") or [], text, source),
        },
    )


def _status_history(items, source):
    if not isinstance(items, list):
        raise IngestError("status_history must be a list", source)
    history = []
    for item in items:
        if not isinstance(item, dict):
            raise IngestError(f"malformed status change {item!r}", source)
        history.append(
            {
                "from_status": _choice(item.get("from"), Status, "status", source),
                "to_status": _choice(item.get("to"), Status, "status", source) or Status.DRAFT,
                "user": _text(item, "user", source),
                "at": _datetime(item.get("at"), "status change time", source),
                "comment": _text(item, "comment", source),
            }
        )
    return history


def parse_notes(items, text, source):
    """Curator notes given with a document, each anchored in its text; raises IngestError.

    A note whose passage is no longer at its offsets is looked for by its quote; if it is not
    found it is kept, marked unanchored.
    """
    if not isinstance(items, list):
        raise IngestError('"notes" must be a list', source)
    notes = []
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get("body"), str):
            raise IngestError(f"malformed note {item!r}: it needs a text body", source)
        try:
            start, end = int(item["start"]), int(item["end"])
        except (KeyError, TypeError, ValueError):
            raise IngestError(
                f"malformed note {item!r}: start and end are needed", source
            ) from None
        visibility = item.get("visibility") or Visibility.INTERNAL
        if visibility not in Visibility.values:
            raise IngestError(f"note visibility {visibility!r} is not public or internal", source)
        quote = item.get("quote")
        if quote is None:
            if not 0 <= start < end <= len(text):
                raise IngestError(f"note {item!r} does not fit the text", source)
            anchor = selector(text, start, end)
            anchored = True
        else:
            anchor = Anchor(
                start, end, str(quote), str(item.get("prefix") or ""), str(item.get("suffix") or "")
            )
            anchored = bool(item.get("anchored", True))
            if text[start:end] != anchor.quote or not 0 <= start <= end <= len(text):
                match = find(text, anchor)
                if match is None:
                    anchored = False
                    anchor.start = min(max(start, 0), len(text))
                    anchor.end = max(anchor.start, min(end, len(text)))
                else:
                    anchor = selector(text, match.start, match.end)
        notes.append(
            {
                "body": item["body"],
                "visibility": visibility,
                "start": anchor.start,
                "end": anchor.end,
                "quote": anchor.quote,
                "prefix": anchor.prefix[:100],
                "suffix": anchor.suffix[:100],
                "anchored": anchored,
                "author": _text(item, "author", source),
                "created_at": _datetime(item.get("created_at"), "created_at", source),
                "updated_at": _datetime(item.get("updated_at"), "updated_at", source),
            }
        )
    return notes


def parse_suppressions(items, text, source):
    """Suppressed passages of an export line, found again in its text; raises IngestError.

    One whose passage is not found stays at its offsets (fitted to the text): personal data
    a curator hid is never shown by a restore.
    """
    if not isinstance(items, list):
        raise IngestError('"suppressions" must be a list', source)
    suppressions = []
    for item in items:
        if not isinstance(item, dict) or not str(item.get("reason") or "").strip():
            raise IngestError(f"malformed suppression {item!r}: it needs a reason", source)
        try:
            start, end = int(item["start"]), int(item["end"])
        except (KeyError, TypeError, ValueError):
            raise IngestError(
                f"malformed suppression {item!r}: start and end are needed", source
            ) from None
        anchor = Anchor(
            start, end, str(item.get("quote") or ""), str(item.get("prefix") or ""),
            str(item.get("suffix") or ""),
        )  # fmt: skip
        if text[start:end] != anchor.quote:
            match = find(text, anchor)
            if match is not None:
                start, end = match.start, match.end
        start = min(max(start, 0), max(0, len(text) - 1))
        end = max(start + 1, min(end, len(text)))
        suppressions.append(
            {
                "start": start,
                "end": end,
                "quote": text[start:end],
                "prefix": text[max(0, start - 100) : start],
                "suffix": text[end : end + 100],
                "label": _choice(item.get("label"), SuppressionLabel, "label", source)
                or SuppressionLabel.PERSONAL_DATA,
                "reason": str(item["reason"]),
                "by": _text(item, "by", source),
                "created_at": _datetime(item.get("created_at"), "created_at", source),
            }
        )
    return suppressions
