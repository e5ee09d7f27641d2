"""The bulk path of `ingest`: many documents per transaction, and a cheap resume.

- `fingerprint(raw)` is the SHA-256 of a source document as read (text, metadata, file name).
  A memo keeps the fingerprint of the input last stored into it; `already_done()` finds, with
  one query per batch, the inputs an earlier run stored and nobody has changed since, so a
  re-run skips them without extracting them again.
- `store_batch()` creates the new documents of a batch together: memos, their history rows,
  redactions, index tasks and entity mentions, in one transaction. Every other record (an
  update, a possible duplicate, a scan with page images, a restore from an export) goes
  through `store.store()` one by one. If the batch transaction fails, each of its records is
  stored alone, so a bad document still fails alone, with its reason, and the rest commit.
"""

import datetime
import hashlib
import json
import random
import time

from django.db import DataError, IntegrityError, OperationalError, transaction
from django.utils import timezone

from archive import copies
from archive.body import noise_spans
from archive.choices import Status
from archive.curation import workflow
from archive.entities.extract import extract_mentions
from archive.entities.linking import EntityResolver, current_gazetteer
from archive.identifiers import doc_key, number_kind, text_key
from archive.ingest import extras, identity
from archive.ingest.documents import IngestError
from archive.ingest.store import (
    Outcome,
    _redaction_rows,
    _target_state,
    slug_base,
    store,
)
from archive.models import Collection, Memo, Mention, Redaction
from archive.search import queue

# Bump to make every document go through extraction again on the next run.
FINGERPRINT_VERSION = "1"
# A memo saved later than this after its ingest was changed by someone: never skipped.
UNTOUCHED = datetime.timedelta(seconds=5)
# Rows per IN (...) lookup: well under SQLite's and PostgreSQL's parameter limits.
LOOKUP_CHUNK = 500
# Attempts at a transaction that another writer made fail (a deadlock, a lock wait run out).
ATTEMPTS = 5


def fingerprint(raw):
    """SHA-256 of a raw document as read; "" for scans (their text comes from OCR)."""
    if raw.pages:
        return ""
    metadata = {key: value for key, value in raw.metadata.items() if key != "text"}
    head = json.dumps(
        [FINGERPRINT_VERSION, raw.source_file, metadata],
        sort_keys=True,
        ensure_ascii=False,
        default=str,
    )
    digest = hashlib.sha256(head.encode("utf-8", "surrogatepass"))
    digest.update(b"\0")
    digest.update(raw.text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _chunks(items, size=LOOKUP_CHUNK):
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start : start + size]


def already_done(fingerprints, publish=False):
    """{fingerprint: slug} of inputs stored already and untouched since (published, if asked)."""
    wanted = {fp for fp in fingerprints if fp}
    done = {}
    for chunk in _chunks(wanted):
        rows = Memo.objects.filter(ingest_fingerprint__in=chunk).values_list(
            "ingest_fingerprint", "slug", "status", "ingested_at", "updated_at"
        )
        for fp, slug, status, ingested_at, updated_at in rows:
            if updated_at - ingested_at > UNTOUCHED:
                continue  # a curator changed it since: let store() decide what to keep
            if publish and status != Status.PUBLISHED:
                continue
            done[fp] = slug
    return done


def _existing(field, values):
    found = set()
    for chunk in _chunks({value for value in values if value}):
        found.update(Memo.objects.filter(**{f"{field}__in": chunk}).values_list(field, flat=True))
    return found


def _identities(record):
    """(numbers, names, text key) by which store() could match a record to a stored memo.

    Numbers in normal form: its document number (unique with its release in the database)
    and every number naming one document; names: its source id, or its file's name.
    """
    values = record.values
    found = identity.naming(identity.numbers(values.get))
    numbers = set().union(*found.values()) | {doc_key(values.get("document_number"))}
    names = {values.get("source_id") or "", identity.file_name_id(values)}
    return numbers - {""}, names - {""}, text_key(values["text"])


def _split(items):
    """(fresh, single): records that match no memo and no other record of the batch, the rest.

    Items are (position, record, fingerprint). A record is fresh only if nothing could make
    store() match it to an existing memo (identity.py: a number in any of the fields that hold
    one, a source id or file name, the text key); anything doubtful takes the one-by-one path.
    """
    identities = {position: _identities(record) for position, record, _fp in items}
    all_numbers = set().union(*(numbers for numbers, _n, _t in identities.values()))
    numbers = _existing("doc_key", all_numbers)
    numbers |= {doc_key(v) for v in _existing("nara_record_number", all_numbers)}
    crest = {key.upper() for key in all_numbers if number_kind(key) == "CREST id"}
    numbers |= {doc_key(v) for v in _existing("crest_id", crest)}
    names = _existing("source_id", set().union(*(n for _k, n, _t in identities.values())))
    texts = _existing("text_key", (key for _k, _n, key in identities.values()))
    fresh, single = [], []
    for item in items:
        position, record, _fp = item
        own_numbers, own_names, own_text = identities[position]
        simple = not record.pages and record.curator_notes is None and not record.exact
        clash = own_numbers & numbers or own_names & names or own_text in texts
        (fresh if simple and not clash else single).append(item)
        # Later records sharing an identity with this one go one by one, after it.
        numbers |= own_numbers
        names |= own_names
        texts.add(own_text)
    return fresh, single


class Linking:
    """What entity linking keeps across the batches of one run: known entity ids."""

    def __init__(self):
        self.resolver = EntityResolver()

    def forget(self):
        """After a rollback: entities created in it are gone, so are their cached ids."""
        self.resolver = EntityResolver()


def store_batch(items, publish=False, linking=None):
    """Store (record, fingerprint) pairs; returns an Outcome or IngestError for each, in order."""
    linking = linking or Linking()
    numbered = [(position, record, fp) for position, (record, fp) in enumerate(items)]
    fresh, single = _split(numbered)
    results = {}
    if fresh:
        try:
            results.update(_retrying(_create_all, fresh, publish, linking, linking=linking))
        except (IntegrityError, DataError, IngestError):
            # Another process took an identity meanwhile, or one record is bad: store each
            # alone, so every record gets its own outcome and reason.
            linking.forget()
            single = sorted(fresh + single, key=lambda item: item[0])
    for position, record, fp in single:
        try:
            outcome = _retrying(store, record, publish=publish)
        except IngestError as error:
            results[position] = error
            continue
        except DataError as error:  # PostgreSQL refuses a value too long for its column
            results[position] = IngestError(
                f"a value does not fit ({error}); nothing was stored", record.source
            )
            continue
        if fp and outcome.memo.ingest_fingerprint != fp:
            Memo.objects.filter(pk=outcome.memo.pk).update(ingest_fingerprint=fp)
        results[position] = outcome
    return [results[position] for position in range(len(items))]


def _transient(error):
    """Whether a database error is one a concurrent writer causes and a new attempt cures."""
    cause = type(error.__cause__).__name__ if error.__cause__ is not None else ""
    text = str(error).lower()
    return (
        cause in {"DeadlockDetected", "SerializationFailure", "LockNotAvailable"}
        or "deadlock detected" in text
        or "database is locked" in text
    )


def _retrying(function, *args, linking=None, **kwargs):
    """Call function (one transaction); again, after a pause, if another writer made it fail.

    On PostgreSQL two processes updating the same memos can deadlock; the database cancels
    one transaction, which is simply run again.
    """
    for attempt in range(1, ATTEMPTS + 1):
        try:
            return function(*args, **kwargs)
        except OperationalError as error:
            if attempt == ATTEMPTS or not _transient(error):
                raise
            if linking is not None:
                linking.forget()  # entities made in the cancelled transaction are gone
            time.sleep(random.uniform(0.05, 0.3) * attempt)
    raise AssertionError("unreachable")


def _free_slug(base, taken):
    slug, n = base, 1
    while slug in taken or (n > 1 and Memo.objects.filter(slug=slug).exists()):
        n += 1
        slug = f"{base}-{n}"
    taken.add(slug)
    return slug


def _create_all(fresh, publish, linking):
    """Create the memos of fresh records in one transaction; {position: Outcome}."""
    now = timezone.now()
    bases = {position: slug_base(record) for position, record, _fp in fresh}
    taken = _existing("slug", bases.values())
    gazetteer = current_gazetteer()
    memos, redaction_rows, found = [], [], []
    # The CPU work (values, names found in the text) is done before the transaction, so the
    # database is held only for the inserts: other writers (a curator saving) wait less.
    for position, record, fp in fresh:
        state = _target_state(record, None, publish)
        rows = _redaction_rows(record)
        state, rows, _collection = extras.adjust(record, None, state, rows, None)
        memo = Memo(**state, slug=_free_slug(bases[position], taken), ingest_fingerprint=fp)
        memo.ingested_at = state.get("ingested_at")  # None: stamped as it is inserted
        memo.set_derived(now)  # bulk_create does not call save()
        memos.append(memo)
        redaction_rows.append(rows)
        # As link_memo() does for a memo with no curated mentions: redactions and what is
        # not the document's own (form, stamps, furniture) are skipped.
        found.append(
            extract_mentions(
                memo.text,
                gazetteer,
                year=memo.date.year if memo.date else None,
                skip=[(start, end) for start, end, *_rest in rows]
                + noise_spans(memo.text, memo.parts),
            )
        )
    with transaction.atomic(), queue.collecting():
        names = {record.collection for _p, record, _fp in fresh if record.collection}
        collections = {name: Collection.objects.named(name) for name in names}
        for memo, (_position, record, _fp) in zip(memos, fresh, strict=True):
            memo.collection = collections.get(record.collection)
        # Stamped now, not before the names were found (a minute earlier for a large
        # batch): a memo's update time is its ingest time until someone changes it, which is
        # how a later run knows it untouched (already_done) and skips it unread.
        inserted = timezone.now()
        for memo in memos:
            memo.ingested_at = memo.ingested_at or inserted
        Memo.objects.bulk_create(memos, batch_size=200)
        copies.assign(memos)  # as the post_save receiver does for a memo saved
        Memo.history.bulk_history_create(
            memos, default_date=now, default_change_reason=workflow.reason() or None
        )
        Redaction.objects.bulk_create(
            [
                Redaction(memo=memo, start=s, end=e, marker=m, codes=c, kind=k)
                for memo, rows in zip(memos, redaction_rows, strict=True)
                for s, e, m, c, k in rows
            ],
            batch_size=1000,
        )
        linking.resolver.prime(item for items in found for item in items)
        Mention.objects.bulk_create(
            [
                Mention(
                    memo=memo,
                    entity_id=linking.resolver.entity_id(item, gazetteer),
                    start=item.start,
                    end=item.end,
                    text=item.text[:200],
                )
                for memo, items in zip(memos, found, strict=True)
                for item in items
            ],
            batch_size=1000,
        )
        queue.enqueue(memo.pk for memo in memos)
    return {
        position: Outcome("created", memo)
        for (position, _record, _fp), memo in zip(fresh, memos, strict=True)
    }
