"""Storing a validated record: one memo and its redactions, whole or not at all.

A re-ingested document updates the memo it already is, found by archive/ingest/identity.py
(the numbers that name one document, the source id, then near-identical text; then which
release); an unchanged document is not written at all, so re-running an ingest is cheap and
resumes where an interrupted run stopped.

An update (say a raw OCR text of a memo a JSONL line described) keeps what is known for certain:
values the memo's source gave or a reviewer vouched for (confidence 1.0) are not replaced by
extracted guesses, nor cleared; the memo's numbers, source id, release date, collection and
source metadata stay when the record has none; curated fields stay (extras.py); the status
stays unless --publish. The text is the new one, unless a curator corrected the text; the old
text stays in the memo's history, notes and curated redactions and mentions are found again
in the new text (archive/curation/corrections.py, as after a curator's correction), and the other
redactions are those found in the new text.
"""

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone

from archive.choices import Status
from archive.curation import workflow
from archive.curation.corrections import apply_text_change
from archive.entities import link_memo
from archive.identifiers import doc_key, release_key
from archive.ingest import extras
from archive.ingest.documents import IngestError
from archive.ingest.identity import carry_numbers, find_existing, link_releases
from archive.models import Collection, Memo, Redaction
from archive.search import queue

# Memo fields an ingest sets; a field the record lacks is cleared on update (see _keep_known).
INGESTED_FIELDS = {
    "document_number": "", "title": "", "date": None, "date_precision": "", "agency": "",
    "directorate": "", "office": "", "division": "", "branch": "", "sender": "",
    "recipient": "", "classification": "", "classification_marking": "",
    "control_markings": list, "summary": "", "source_citation": "", "crest_id": "",
    "nara_record_number": "", "foia_case": "", "file_number": "", "source_id": "",
    "release_date": None, "page_count": None, "ocr_quality": None, "text": "",
    "checksum": "", "source_file": "", "document_type": "", "subjects": list,
    "archival_description": dict, "parts": list, "field_sources": dict,
}  # fmt: skip


@dataclass
class Outcome:
    """What storing a record did."""

    action: str  # "created", "updated" or "unchanged"
    memo: Memo
    # A new memo that is another release of a stored document: that document's stored memos.
    other_releases: list = field(default_factory=list)
    how: str = ""  # what matched the stored memo ("NARA record number ...", "text")


def slug_base(record):
    """The slug a record asks for: its document number, source id or title, in normal form."""
    values = record.values
    return (
        doc_key(record.slug)
        or doc_key(values.get("document_number"))
        or doc_key(values.get("source_id"))
        or "-".join(filter(None, [doc_key(values.get("title"))[:60], values["checksum"][:8]]))
    )[:180] or values["checksum"][:12]


def unique_slug(record, exclude_pk=None):
    """A free slug: the record's slug base, numbered if another memo has it."""
    base = slug_base(record)
    taken = Memo.objects.exclude(pk=exclude_pk) if exclude_pk else Memo.objects.all()
    if not taken.filter(slug=base).exists():
        return base
    # Another release of the document has the plain slug: this one is named by its year.
    released = release_key(record.values.get("release_date"))
    if released and not taken.filter(slug=f"{base}-{released[:4]}").exists():
        return f"{base}-{released[:4]}"
    slug, n = base, 1
    while taken.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _target_state(record, memo, publish):
    """The field values the memo should have after this ingest."""
    state = {}
    for name, empty in INGESTED_FIELDS.items():
        value = record.values.get(name)
        state[name] = value if value not in (None, "") else (empty() if callable(empty) else empty)
    state["field_confidence"] = record.confidence
    state["review_notes"] = record.notes
    state["extra"] = record.extra
    if publish:
        state["status"] = Status.PUBLISHED
    elif record.status:
        state["status"] = record.status
    elif memo is None:
        state["status"] = Status.DRAFT
    return state


def _redaction_rows(record):
    return [
        (item["start"], item["end"], item["marker"], list(item["codes"]), item["kind"])
        for item in record.redactions
    ]


def store(record, publish=False):
    """Create or update the memo for a record, atomically; raises IngestError on conflict."""
    try:
        with transaction.atomic(), queue.collecting():
            outcome = _store(record, publish)
            if outcome.action != "unchanged":
                link_memo(outcome.memo)  # the people, places and organisations it names
            return outcome
    except IntegrityError as error:
        raise IngestError(_conflict_reason(record, error), record.source) from None


def _store(record, publish):
    match = find_existing(record.values, record.source)
    memo = match.memo
    if memo is None and match.releases and not record.exact:
        carry_numbers(record, match.releases)  # another release: the document's numbers
    collection = None
    if record.collection:
        collection = Collection.objects.named(record.collection)
    elif memo is not None and not record.exact:
        collection = memo.collection  # a raw text names no collection: the memo's stays
    state = _target_state(record, memo, publish)
    rows = _redaction_rows(record)
    # Curated fields stay as the curator left them; an export restores the rest of a memo.
    state, rows, collection = extras.adjust(record, memo, state, rows, collection)
    if memo is not None and not record.exact:
        _keep_known(record, memo, state)
    text_kept = state["text"] != record.values["text"]

    if memo is None:
        memo = Memo(**state, collection=collection, slug=unique_slug(record))
        memo.ingested_at = state.get("ingested_at") or timezone.now()
        memo._change_reason = workflow.reason() or None
        memo.save()
        link_releases(memo, match.releases)
        _replace_redactions(memo, rows, had_any=False)
        extras.save(record, memo, text_kept)
        return Outcome("created", memo, other_releases=match.releases, how=match.how)

    existing_rows = list(
        memo.redactions.order_by("start", "pk").values_list(
            "start", "end", "marker", "codes", "kind"
        )
    )
    changed = [name for name, value in state.items() if getattr(memo, name) != value]
    if memo.collection_id != (collection.pk if collection else None):
        changed.append("collection")
    if (
        not changed
        and [tuple(row) for row in existing_rows] == [tuple(r) for r in rows]
        and extras.unchanged(record, memo)
    ):
        return Outcome("unchanged", memo, how=match.how)

    old_text = memo.text
    for name, value in state.items():
        setattr(memo, name, value)
    memo.collection = collection
    memo.ingested_at = state.get("ingested_at") or timezone.now()
    memo._change_reason = workflow.reason() or None
    memo.save()
    link_releases(memo)
    if memo.text != old_text and not record.exact:
        # Notes, curated mentions and page spans follow their passages into the new text, as
        # after a curator's correction; so do curated redactions, the others are found anew.
        curated = "redactions" in memo.curated_fields
        skip = [] if curated else list(memo.redactions.values_list("pk", flat=True))
        apply_text_change(memo, old_text, skip_redactions=skip)
        if curated:
            rows = None
    if rows is not None:
        _replace_redactions(memo, rows, had_any=bool(existing_rows))
    extras.save(record, memo, text_kept)
    return Outcome("updated", memo, how=match.how)


# Fields that say which document and which release a memo is: never cleared by an update.
IDENTITY_FIELDS = ("document_number", "nara_record_number", "crest_id", "source_id", "release_date")
# Fields whose confidence is their leader's, kept or replaced with it.
FOLLOWERS = {"date": "date_precision", "classification": "classification_marking"}
# Fields that describe the text itself, replaced with it.
TEXT_FIELDS = {"text", "checksum", "source_file", "ocr_quality"}


def _keep_known(record, memo, state):
    """What an update keeps of the memo: values known for certain, identities, source metadata.

    A value the memo's source gave or a reviewer vouched for (confidence 1.0) is not replaced
    by a guess (an extracted value, below 1.0) nor cleared; the memo's numbers, source id and
    release date stay when the record has none; its source metadata stays when the record
    brings none (a raw text). Changes `state` in place.
    """
    empty = (None, "", [])
    stored = memo.field_confidence
    confidence = state["field_confidence"] = dict(state["field_confidence"])
    kept = []
    for name in INGESTED_FIELDS:
        if name in TEXT_FIELDS or name in FOLLOWERS.values() or name not in state:
            continue
        ours = getattr(memo, name)
        if ours in empty:
            continue
        certain = stored.get(name, 0.0) >= 1.0
        theirs_certain = state[name] not in empty and confidence.get(name, 0.0) >= 1.0
        if (certain and not theirs_certain) or (name in IDENTITY_FIELDS and state[name] in empty):
            kept.append(name)
            state[name] = ours
            if name in stored:
                confidence[name] = stored[name]
            if name in FOLLOWERS:
                state[FOLLOWERS[name]] = getattr(memo, FOLLOWERS[name])
    if kept and isinstance(state.get("field_sources"), dict):
        # Where a kept value was read is where the memo's was read, not the new text.
        sources = state["field_sources"] = dict(state["field_sources"])
        for name in kept:
            if name in memo.field_sources:
                sources[name] = memo.field_sources[name]
            else:
                sources.pop(name, None)
    state["review_notes"] = [
        note for note in state["review_notes"] if str(note).split(":", 1)[0] not in kept
    ]
    if not record.extra:
        state["extra"] = memo.extra


def _replace_redactions(memo, rows, had_any):
    if had_any:
        memo.redactions.all()._raw_delete(memo.redactions.db)
    Redaction.objects.bulk_create(
        Redaction(memo=memo, start=s, end=e, marker=m, codes=c, kind=k) for s, e, m, c, k in rows
    )


def _conflict_reason(record, error):
    number = record.values.get("document_number")
    if number:
        other = Memo.objects.filter(doc_key=doc_key(number)).first()
        if other:
            return (
                f"document number {number!r} already belongs to another memo "
                f"({other.slug}); nothing was stored"
            )
    return f"conflicts with an existing memo ({error}); nothing was stored"
