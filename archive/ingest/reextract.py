"""Running extraction again on a stored memo (after the extractor improved, or a text edit).

Only what extraction found is replaced: a field a curator corrected or a reviewer vouched for
(curated), or one the source gave (confidence 1), is left as it is; redactions are found
again unless a curator edited them or the text.
"""

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from archive.ingest.extract import extract
from archive.ingest.records import EXTRACTED_FIELDS, FIELD_LIMITS
from archive.models import Redaction
from archive.search import queue


def reextract(memo):
    """Re-run extraction on the memo's text; returns the names of the fields that changed."""
    extraction = extract(memo.text)
    curated = set(memo.curated_fields)
    if "date" in curated:
        curated.add("date_precision")
    confidence = dict(memo.field_confidence)
    changed = []
    for name in EXTRACTED_FIELDS:
        if name in curated or name not in extraction.values:
            continue
        if confidence.get(name, 0.0) >= 1.0 and getattr(memo, name) not in ("", None, []):
            continue  # given by the source, or vouched for
        value = extraction.values[name]
        if isinstance(value, str) and name in FIELD_LIMITS:
            value = value[: FIELD_LIMITS[name]]
        if name in ("date_precision", "classification_marking"):
            pass  # these follow their field and carry no confidence of their own
        elif name in extraction.confidence:
            confidence[name] = float(extraction.confidence[name])
        if getattr(memo, name) != value:
            setattr(memo, name, value)
            changed.append(name)
    with transaction.atomic(), queue.collecting():
        if not curated & {"text", "redactions"}:
            old = list(memo.redactions.order_by("start").values_list("start", "end", "marker"))
            new = [(r.start, r.end, r.marker[:200]) for r in extraction.redactions]
            if old != new:
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
                        for r in extraction.redactions
                    ],
                    Redaction,
                    default_change_reason="extraction run again",
                )
                changed.append("redactions")
        memo.field_confidence = confidence
        memo.review_notes = list(extraction.notes)
        memo._change_reason = "extraction run again"
        memo.save()
    return changed
