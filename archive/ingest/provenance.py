"""Where each stored field came from: the extractor's span and rule, the source, or a curator.

A memo's `field_sources` maps a field to `{"start", "end", "rule"}` (read by extraction from
text[start:end]), `{"rule": "given"}` (a JSON line gave it) or `{"rule": "curator"}` (corrected
by hand). The reserved key `EXTRACTOR_KEY` holds the version of the extractor that last read
the memo, so that `manage.py reextract` can skip memos already read by the current one.
"""

import hashlib
from functools import lru_cache
from pathlib import Path

# The reserved key of Memo.field_sources: {"version": ..., "family": ...}.
EXTRACTOR_KEY = "_extractor"
GIVEN, CURATOR = "given", "curator"
# Fields whose source is kept: every extracted field but those that follow another one (the
# date's precision, the classification's marking).
SOURCED_FIELDS = (
    "document_number", "title", "date", "agency", "directorate", "office", "division", "branch",
    "sender", "recipient", "classification", "control_markings", "summary", "crest_id",
    "nara_record_number", "foia_case", "file_number", "release_date", "page_count",
    "document_type", "subjects",
)  # fmt: skip

_INGEST = Path(__file__).resolve().parent
_ARCHIVE = _INGEST.parent
# Modules of archive/ingest/ that store and read files but do not extract: not in the version.
_NOT_EXTRACTION = {
    "__init__.py", "bulk.py", "documents.py", "extras.py", "images.py", "jobs.py", "provenance.py",
    "records.py", "reextract.py", "restore.py", "scans.py", "sources.py", "store.py", "uploads.py",
}  # fmt: skip
# Extraction that lives with the rest of its concern outside ingest/: in the version too.
_ALSO_EXTRACTION = ["redaction/markers.py", "redaction/box_finder.py"]


@lru_cache(maxsize=1)
def extractor_version():
    """A short digest of the extraction code and data: it changes whenever extraction may."""
    digest = hashlib.sha256()
    files = [p for p in _INGEST.glob("*.py") if p.name not in _NOT_EXTRACTION]
    files += [p for p in (_INGEST / "data").rglob("*") if p.is_file()]
    files += [_ARCHIVE / name for name in _ALSO_EXTRACTION]
    for path in sorted(files):
        digest.update(str(path.relative_to(_ARCHIVE)).encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()[:16]


def stamp(extraction):
    """The reserved entry recording which extractor read the memo and the family it saw."""
    return {"version": extractor_version(), "family": str(extraction.values.get("family") or "")}


def extracted_source(extraction, name):
    """{"start", "end", "rule"} of an extracted field (no span when the rule read none)."""
    if name == "subjects":
        item = extraction.form.get("subjects") or {}
        source = {"rule": "form"}
        if isinstance(item.get("start"), int) and isinstance(item.get("end"), int):
            source.update(start=item["start"], end=item["end"])
        return _ordered(source)
    source = {"rule": str(extraction.rules.get(name) or "")}
    span = extraction.sources.get(name)
    if span and span[0] is not None and span[1] is not None:
        source.update(start=int(span[0]), end=int(span[1]))
    return _ordered(source)


def _ordered(source):
    return {key: source[key] for key in ("start", "end", "rule") if key in source}


def form_subjects(extraction):
    """The identification form's SUBJECTS as a list of texts (empty without a form)."""
    value = (extraction.form.get("subjects") or {}).get("value")
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        return []
    return [" ".join(str(item).split()) for item in value if str(item).strip()]


def archival_description(extraction):
    """The form as stored: {key: {"value", "start", "end"}}, JSON-ready."""
    return {
        str(key): {"value": item.get("value"), "start": item.get("start"), "end": item.get("end")}
        for key, item in (extraction.form or {}).items()
        if isinstance(item, dict)
    }


def parts(extraction):
    """The anatomy as [kind, start, end] lists (what a JSON field gives back)."""
    return [[str(kind), int(start), int(end)] for kind, start, end in extraction.parts]


def record_sources(extraction, extracted, given):
    """field_sources of a new record: extracted fields with their spans, given ones marked."""
    sources = {}
    for name in SOURCED_FIELDS:
        if name in given:
            sources[name] = {"rule": GIVEN}
        elif name in extracted:
            sources[name] = extracted_source(extraction, name)
    sources[EXTRACTOR_KEY] = stamp(extraction)
    return sources


def version_of(field_sources):
    """The extractor version a memo was last read with, or ""."""
    entry = (field_sources or {}).get(EXTRACTOR_KEY)
    return str(entry.get("version") or "") if isinstance(entry, dict) else ""
