"""Storing a validated record: one memo and its redactions, whole or not at all.

A re-ingested document updates the memo it already is (matched by document number, then by
source identifier, then by the checksum of its text); an unchanged document is not written at
all, so re-running an ingest is cheap and resumes where an interrupted run stopped.
"""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from archive.choices import Status
from archive.entities import link_memo
from archive.identifiers import doc_key, release_key
from archive.ingest import extras
from archive.ingest.sources import IngestError
from archive.models import Collection, Memo, Redaction, ReleaseGroup
from archive.search import queue

# Memo fields an ingest sets; a field the record lacks is cleared on update.
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


def find_existing(values, source=""):
    """The memo this record already is, if any; raises IngestError if two memos claim it."""
    key = doc_key(values.get("document_number"))
    by_number = _same_release(key, values, source) if key else None
    by_source = (
        Memo.objects.filter(source_id=values["source_id"]).order_by("pk").first()
        if values.get("source_id")
        else None
    )
    if by_number and by_source and by_number.pk != by_source.pk:
        raise IngestError(
            f"document number {values['document_number']!r} already belongs to another memo "
            f"({by_number.slug}) than the one with source id {values['source_id']!r} "
            f"({by_source.slug}); nothing was stored",
            source,
        )
    if by_number or by_source:
        return by_number or by_source
    # Same text: the same document, unless both sides carry identities that differ.
    same_text = Memo.objects.filter(checksum=values["checksum"]).order_by("pk")
    if key:
        same_text = same_text.filter(doc_key="")
    if values.get("source_id"):
        same_text = same_text.filter(source_id="")
    return same_text.first()


def _same_release(key, values, source):
    """The memo that is this release of the numbered document, if any.

    One document released twice (say 1998 and 2012, redacted differently) is two memos with
    one number and different release dates. A record with no release date, or a memo stored
    before its release date was known, is the same release when it is the only one or has
    the same text.
    """
    releases = list(Memo.objects.filter(doc_key=key).order_by("pk"))
    if not releases:
        return None
    wanted = release_key(values.get("release_date"))
    for memo in releases:
        if memo.release_key == wanted:
            return memo
    undated = [memo for memo in releases if not memo.release_key] if wanted else releases
    same_text = [memo for memo in undated if memo.checksum == values["checksum"]]
    if same_text:
        return same_text[0]
    if wanted:
        # A release not stored yet; an undated memo of this number is updated only when it
        # is the document's only memo (its release date was unknown until now).
        return undated[0] if len(releases) == 1 and undated else None
    if len(releases) == 1:
        return releases[0]
    dates = ", ".join(memo.release_key for memo in releases if memo.release_key)
    raise IngestError(
        f"document number {values['document_number']!r} has several releases ({dates}) and "
        "this record gives no release date to say which it is; nothing was stored",
        source,
    )


def link_releases(memo):
    """Link a memo with the other releases of its document (one ReleaseGroup for them all)."""
    if not memo.doc_key:
        return
    others = list(Memo.objects.filter(doc_key=memo.doc_key).exclude(pk=memo.pk))
    if not others:
        return
    group_id = memo.release_group_id or next(
        (other.release_group_id for other in others if other.release_group_id), None
    )
    if group_id is None:
        label = f"Releases of {memo.document_number}"
        group_id = ReleaseGroup.objects.create(label=label[:300]).pk
    unlinked = [other.pk for other in others if other.release_group_id != group_id]
    if memo.release_group_id != group_id:
        unlinked.append(memo.pk)
        memo.release_group_id = group_id
    Memo.objects.filter(pk__in=unlinked).update(release_group_id=group_id)


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
    memo = find_existing(record.values, record.source)
    collection = None
    if record.collection:
        collection, _created = Collection.objects.get_or_create(name=record.collection)
    state = _target_state(record, memo, publish)
    rows = _redaction_rows(record)
    # Curated fields stay as the curator left them; an export restores the rest of a memo.
    state, rows, collection = extras.adjust(record, memo, state, rows, collection)
    text_kept = state["text"] != record.values["text"]

    if memo is None:
        memo = Memo(**state, collection=collection, slug=unique_slug(record))
        memo.ingested_at = state.get("ingested_at") or timezone.now()
        memo.save()
        link_releases(memo)
        _replace_redactions(memo, rows, had_any=False)
        extras.save(record, memo, text_kept)
        return Outcome("created", memo)

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
        return Outcome("unchanged", memo)

    for name, value in state.items():
        setattr(memo, name, value)
    memo.collection = collection
    memo.ingested_at = state.get("ingested_at") or timezone.now()
    memo.save()
    link_releases(memo)
    _replace_redactions(memo, rows, had_any=bool(existing_rows))
    extras.save(record, memo, text_kept)
    return Outcome("updated", memo)


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
