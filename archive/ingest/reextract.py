"""Running extraction again on a stored memo (after the extractor improved, or a text edit).

Only what extraction found is replaced: a field a curator corrected or a reviewer vouched for
(curated), or one the source gave, is left as it is with its source; redactions are found again
unless a curator edited them or the text. The document's anatomy, its archival description
(the identification form) and where each field was read are refreshed, and the memo records
the version of the extractor that read it (archive/ingest/provenance.py).

Each memo is written whole or not at all. A memo someone saved while extraction ran is read
again and extracted again, so a curator's change made meanwhile is never overwritten.
"""

from dataclasses import dataclass, field

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from archive.ingest import provenance
from archive.ingest.extract import extract
from archive.ingest.records import EXTRACTED_FIELDS, FIELD_LIMITS
from archive.models import Memo, Redaction
from archive.search import queue

REASON = "extraction run again"
# Fields that follow another (kept when it is kept) and carry no confidence of their own.
FOLLOWERS = {"date_precision": "date", "classification_marking": "classification"}
ATTEMPTS = 3


class Conflict(Exception):
    """The memo kept changing under the extraction; nothing was written."""


@dataclass
class Plan:
    """What a new extraction would write to one memo."""

    values: dict = field(default_factory=dict)
    confidence: dict = field(default_factory=dict)
    sources: dict = field(default_factory=dict)
    notes: list = field(default_factory=list)
    redactions: list | None = None  # None: keep the memo's
    changed: list = field(default_factory=list)


def _kept(memo, name, curated, old_sources):
    """Whether a field stays as it is: curated, given by the source, or (before sources were
    kept) given or vouched for with confidence 1."""
    if name in curated:
        return True
    source = old_sources.get(name)
    if isinstance(source, dict):
        return source.get("rule") in (provenance.GIVEN, provenance.CURATOR)
    value = getattr(memo, name)
    return memo.field_confidence.get(name, 0.0) >= 1.0 and value not in ("", None, [])


def plan(memo, extraction=None):
    """What extraction run again on the memo's text would change (nothing is written)."""
    extraction = extraction or extract(memo.text)
    curated = set(memo.curated_fields)
    if "date" in curated:
        curated.add("date_precision")
    old_sources = dict(memo.field_sources or {})
    found = dict(extraction.values)
    if subjects := provenance.form_subjects(extraction):
        found["subjects"] = subjects
    result = Plan(confidence=dict(memo.field_confidence))
    for name in (*EXTRACTED_FIELDS, "subjects"):
        kept = _kept(memo, FOLLOWERS.get(name, name), curated, old_sources) or name in curated
        if kept or name not in found:
            if name in curated and name in provenance.SOURCED_FIELDS:
                result.sources[name] = old_sources.get(name) or {"rule": provenance.CURATOR}
            continue  # a value no longer found stays, with its old source
        value = found[name]
        if isinstance(value, str) and name in FIELD_LIMITS:
            value = value[: FIELD_LIMITS[name]]
        if name not in FOLLOWERS and name in extraction.confidence:
            result.confidence[name] = float(extraction.confidence[name])
        if name in provenance.SOURCED_FIELDS:
            result.sources[name] = provenance.extracted_source(extraction, name)
        if getattr(memo, name) != value:
            result.values[name] = value
            result.changed.append(name)
    for name, source in old_sources.items():
        result.sources.setdefault(name, source)
    result.sources[provenance.EXTRACTOR_KEY] = provenance.stamp(extraction)
    for name, value in (
        ("archival_description", provenance.archival_description(extraction)),
        ("parts", provenance.parts(extraction)),
    ):
        if getattr(memo, name) != value:
            result.values[name] = value
            result.changed.append(name)
    result.notes = list(extraction.notes)
    if not curated & {"text", "redactions"}:
        old = list(memo.redactions.order_by("start").values_list("start", "end", "marker"))
        new = [(r.start, r.end, r.marker[:200]) for r in extraction.redactions]
        if old != new:
            result.redactions = extraction.redactions
            result.changed.append("redactions")
    return result


def _write(memo, result):
    """Apply a plan inside the caller's transaction."""
    if result.redactions is not None:
        memo.redactions.all().delete()
        bulk_create_with_history(
            [
                Redaction(
                    memo=memo,
                    start=r.start,
                    end=r.end,
                    marker=r.marker[:200],
                    codes=list(r.codes),
                    kind=r.kind,
                )
                for r in result.redactions
            ],
            Redaction,
            default_change_reason=REASON,
        )
    quiet = (
        not result.changed
        and result.confidence == memo.field_confidence
        and result.notes == memo.review_notes
    )
    memo.field_sources = result.sources
    if quiet:
        # Nothing a reader sees changed: the new sources are written without a history row
        # or a reindex (a forced run over a million unchanged memos stays cheap).
        Memo.objects.filter(pk=memo.pk).update(field_sources=result.sources)
        return
    for name, value in result.values.items():
        setattr(memo, name, value)
    memo.field_confidence = result.confidence
    memo.review_notes = result.notes
    memo._change_reason = REASON
    memo.save()


def reextract(memo):
    """Re-run extraction on the memo's text and store it; returns the names of the fields that
    changed. Raises Conflict if the memo kept being changed meanwhile."""
    for _attempt in range(ATTEMPTS):
        result = plan(memo)
        with transaction.atomic(), queue.collecting():
            stamp = (
                Memo.objects.select_for_update()
                .filter(pk=memo.pk)
                .values_list("updated_at", flat=True)
                .first()
            )
            if stamp is None:
                return []  # deleted meanwhile
            if stamp == memo.updated_at:
                _write(memo, result)
                return result.changed
        memo.refresh_from_db()
    raise Conflict("changed while its extraction ran; nothing was written")
