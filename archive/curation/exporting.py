"""Memos written out whole: JSON lines that `ingest` restores exactly, or CSV for spreadsheets.

One export line holds everything the archive knows about a memo: every metadata field, its
archival description (the NARA identification form as read), its anatomy and where each field
was read (field sources), its text, redactions, notes and suppressed passages (with their
anchors and reasons), status and status history, collection, release group, old addresses,
curated fields and confidences. Page images are files and are not in the export; back up
MEDIA_ROOT for those.
"""

import csv
import io
import json

from archive.ingest.restore import EXPORT_FORMAT, TEXT_FIELDS
from archive.models import Memo

CHUNK = 500
# Keys of an export line, in order (the CSV columns).
COLUMNS = [
    "format", "slug", *TEXT_FIELDS, "date", "date_precision", "classification",
    "control_markings", "subjects", "collection", "release_date", "page_count", "release_group",
    "status",
    "published_at", "ingested_at", "checksum", "needs_review", "ocr_quality",
    "field_confidence", "field_sources", "review_notes", "curated_fields", "extra",
    "archival_description", "text", "parts", "redactions", "notes", "suppressions", "aliases",
    "status_history",
]  # fmt: skip
# Spreadsheet programs run a cell that begins with these as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def export_queryset(queryset=None):
    """Memos in export order, with everything an export line needs fetched in bulk."""
    queryset = Memo.objects.all() if queryset is None else queryset
    return (
        queryset.order_by("pk")
        .select_related("collection", "release_group")
        .prefetch_related(
            "redactions",
            "notes__author",
            "suppressions__created_by",
            "aliases",
            "status_changes__user",
        )  # fmt: skip
    )


def _iso(value):
    return value.isoformat() if value is not None else None


def _username(user):
    return user.get_username() if user is not None else ""


def memo_record(memo):
    """One memo as an export line (a dict that json.dumps writes as is)."""
    record = {"format": EXPORT_FORMAT, "slug": memo.slug}
    for key, name in TEXT_FIELDS.items():
        record[key] = getattr(memo, name)
    record.update(
        date=_iso(memo.date),
        date_precision=memo.date_precision,
        classification=memo.classification,
        control_markings=list(memo.control_markings),
        subjects=list(memo.subjects),
        collection=memo.collection.name if memo.collection_id else "",
        release_date=_iso(memo.release_date),
        page_count=memo.page_count,
        release_group=memo.release_group.label if memo.release_group_id else "",
        status=memo.status,
        published_at=_iso(memo.published_at),
        ingested_at=_iso(memo.ingested_at),
        checksum=memo.checksum,
        needs_review=memo.needs_review,
        ocr_quality=memo.ocr_quality,
        field_confidence=dict(memo.field_confidence),
        field_sources=dict(memo.field_sources),
        review_notes=list(memo.review_notes),
        curated_fields=list(memo.curated_fields),
        extra=dict(memo.extra),
        archival_description=dict(memo.archival_description),
        text=memo.text,
        parts=list(memo.parts),
        redactions=[
            {
                "start": r.start,
                "end": r.end,
                "marker": r.marker,
                "codes": list(r.codes),
                "kind": r.kind,
            }
            for r in sorted(memo.redactions.all(), key=lambda r: (r.start, r.pk))
        ],
        notes=[
            {
                "start": n.start,
                "end": n.end,
                "quote": n.quote,
                "prefix": n.prefix,
                "suffix": n.suffix,
                "anchored": n.anchored,
                "body": n.body,
                "visibility": n.visibility,
                "author": _username(n.author),
                "created_at": _iso(n.created_at),
                "updated_at": _iso(n.updated_at),
            }
            for n in sorted(memo.notes.all(), key=lambda n: (n.start, n.pk))
        ],
        suppressions=[
            {
                "start": s.start,
                "end": s.end,
                "quote": s.quote,
                "prefix": s.prefix,
                "suffix": s.suffix,
                "label": s.label,
                "reason": s.reason,
                "by": _username(s.created_by),
                "created_at": _iso(s.created_at),
            }
            for s in sorted(memo.suppressions.all(), key=lambda s: (s.start, s.pk))
        ],
        aliases=sorted(alias.slug for alias in memo.aliases.all()),
        status_history=[
            {
                "from": c.from_status,
                "to": c.to_status,
                "user": _username(c.user),
                "at": _iso(c.at),
                "comment": c.comment,
            }
            for c in sorted(memo.status_changes.all(), key=lambda c: (c.at, c.pk))
        ],
    )
    return record


def jsonl_lines(queryset=None):
    """Export lines, one memo per line, streamed in chunks."""
    for memo in export_queryset(queryset).iterator(chunk_size=CHUNK):
        yield json.dumps(memo_record(memo), ensure_ascii=False) + "\n"


def _cell(value):
    if isinstance(value, (list, dict)):
        value = json.dumps(value, ensure_ascii=False)
    elif value is None:
        value = ""
    elif isinstance(value, bool):
        value = "yes" if value else "no"
    value = str(value)
    if value.startswith(FORMULA_START):
        value = "'" + value  # shown as text, never run as a formula
    return value


def csv_lines(queryset=None):
    """The same records as CSV rows (lists and objects as JSON text): the header, then a row
    per memo."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def flush():
        value = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return value

    writer.writerow(COLUMNS)
    yield flush()
    for memo in export_queryset(queryset).iterator(chunk_size=CHUNK):
        record = memo_record(memo)
        writer.writerow([_cell(record[column]) for column in COLUMNS])
        yield flush()
