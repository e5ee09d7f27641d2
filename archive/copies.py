"""Copies of one document: memos whose texts are near-identical share a `copy_group` key.

A memo's fingerprint (archive/fingerprints.py) is worked out whenever its text or parts change
(Memo.save, and the bulk ingest's stand-in for it); `assign()` then files its LSH band keys
(CopyBand) and gives it the copy group of the most similar memo among those sharing a band, if
their estimated Jaccard similarity reaches fingerprints.THRESHOLD (or, from CANDIDATE, if one
text is held whole in the other: fingerprints.held_whole, their words read again), or a group
of its own. A memo that joins two groups merges them. Memo saves reach it through the post_save
receiver below; bulk_create through ingest/bulk.py; existing memos through `manage.py
find_copies`.

Search folds the copies of one document into the best ranked (archive/search/service.py): it
reads `groups()`, the memos of groups of two or more, cached per process and read again when
a regrouping commits (`changed()`).
"""

import uuid

import numpy as np
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Count
from django.db.models.signals import post_save
from django.dispatch import receiver

from archive.fingerprints import (
    CANDIDATE,
    THRESHOLD,
    band_keys,
    held_whole,
    own_words,
    shingles,
    similarity,
    stored_signature,
)
from archive.models import CopyBand, Memo

VERSION_KEY = "archive:copies:version"
CHUNK = 500  # ids or keys per IN (...) query
DATE_SLACK = 31  # days


def _chunks(items, size=CHUNK):
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start : start + size]


def new_key(memo):
    """The key of a group a memo founds: its id and its fingerprint's source (unique)."""
    return f"{memo.pk}-{memo.fingerprint.partition(':')[0]}"[:32]


def same_date(a, b):
    """Whether two memos' dates allow them to be one document: unknown, or within DATE_SLACK
    of each other (an OCR copy's date may be read a few days off, or only to its month). Forms
    filled in for different people (secrecy agreements) share most of their text, not their
    date; nor does a cover memo and the older paper it forwards."""
    return a is None or b is None or abs((a - b).days) <= DATE_SLACK


def _insert_bands(rows):
    """Insert (memo id, band key) rows: 32 a memo, written without a model object each
    (bulk_create's objects were most of the cost of grouping a bulk load's batch)."""
    if not rows:
        return
    quote = connection.ops.quote_name
    table = quote(CopyBand._meta.db_table)
    # Names from the model, quoted; the values are parameters.
    sql = f"INSERT INTO {table} ({quote('memo_id')}, {quote('key')}) VALUES (%s, %s)"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


class Words:
    """The own shingles of memos (fingerprints.shingles), read once each and only for the pairs
    the second test compares: from the memos at hand, else from the database."""

    def __init__(self, memos):
        self.texts = {memo.pk: (memo.text, memo.parts) for memo in memos}
        self.read = {}

    def __call__(self, pk):
        if pk not in self.read:
            if pk not in self.texts:
                row = Memo.objects.filter(pk=pk).values_list("text", "parts").first()
                self.texts[pk] = row or ("", [])
            self.read[pk] = shingles(own_words(*self.texts[pk]))
        return self.read[pk]


def copies(memo, other, score, words):
    """Whether two memos (ids; `score`: their estimated Jaccard) are copies of one document."""
    if score >= THRESHOLD:
        return True
    return score >= CANDIDATE and held_whole(words(memo), words(other))


def assign(memos):
    """File the band keys of these saved memos and give each its copy group; returns how many
    memos' groups changed (merged groups' members included)."""
    memos = [memo for memo in memos if memo.pk is not None]
    if not memos:
        return 0
    signatures = {memo.pk: stored_signature(memo.fingerprint) for memo in memos}
    keys = {memo.pk: band_keys(signatures[memo.pk]) for memo in memos}
    CopyBand.objects.filter(memo_id__in=list(signatures)).delete()
    _insert_bands([(pk, key) for pk, found in keys.items() for key in found])
    sharing = {}  # band key -> memo ids
    for chunk in _chunks({key for found in keys.values() for key in found}):
        for key, memo_id in CopyBand.objects.filter(key__in=chunk).values_list("key", "memo_id"):
            sharing.setdefault(key, set()).add(memo_id)
    candidates = {memo_id for ids in sharing.values() for memo_id in ids}
    known = {}  # memo id -> [signature, group]
    for chunk in _chunks(candidates - set(signatures)):
        rows = Memo.objects.filter(pk__in=chunk).values_list(
            "pk", "fingerprint", "copy_group", "date"
        )
        known.update({pk: [stored_signature(fp), group, date] for pk, fp, group, date in rows})
    for memo in memos:
        known[memo.pk] = [signatures[memo.pk], None, memo.date]  # regrouped below, in order
    changed, relabel = 0, {}  # old group -> new group
    words = Words(memos)
    for memo in memos:
        signature = signatures[memo.pk]
        others = {pk for key in keys[memo.pk] for pk in sharing.get(key, ())} - {memo.pk}
        matches = []
        for pk in others:
            other_signature, group, date = known[pk]
            score = similarity(signature, other_signature)
            if group and same_date(memo.date, date) and copies(memo.pk, pk, score, words):
                matches.append((score, -pk, relabel.get(group, group)))
        group = max(matches)[2] if matches else new_key(memo)
        for _score, _pk, other in matches:
            if other != group:
                relabel[other] = group  # this memo joins two groups: one document
        for entry in known.values():
            if entry[1] in relabel:
                entry[1] = relabel[entry[1]]
        known[memo.pk][1] = group
        if memo.copy_group != group:
            changed += 1
            memo.copy_group = group
    Memo.objects.bulk_update(memos, ["copy_group"], batch_size=500)
    for old, new in relabel.items():
        changed += Memo.objects.filter(copy_group=old).update(copy_group=new)
    if changed:
        changed_groups()
    return changed


def changed_groups():
    """Tell every process, once this transaction commits, that copy groups changed."""
    transaction.on_commit(lambda: cache.set(VERSION_KEY, uuid.uuid4().hex, None))


@receiver(post_save, sender=Memo, dispatch_uid="archive.copies.regroup")
def regroup(sender, instance, raw=False, update_fields=None, **kwargs):
    """After a memo's save: if its fingerprint changed, find its copies again."""
    if raw or not getattr(instance, "fingerprint_changed", False):
        return
    if update_fields is not None and "fingerprint" not in update_fields:
        return
    instance.fingerprint_changed = False
    assign([instance])


class Groups:
    """The memos in copy groups of two or more: memo id -> group key, and as a numpy column
    (memo id -> group number, -1 for a memo alone) for the engines' counts."""

    def __init__(self, of):
        self.of = of
        numbers = {key: n for n, key in enumerate(sorted(set(of.values())))}
        size = max(of, default=-1) + 1
        self.column = np.full(size, -1, dtype=np.int32)
        for pk, key in of.items():
            self.column[pk] = numbers[key]

    def __bool__(self):
        return bool(self.of)

    def key(self, pk):
        """The group key of a memo, or None for a memo alone."""
        return self.of.get(pk)


_cached = (None, None)


def groups():
    """The current Groups (read from the database when a regrouping committed since)."""
    global _cached
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        cache.add(VERSION_KEY, version, None)
        version = cache.get(VERSION_KEY) or version
    if _cached[0] == version:
        return _cached[1]
    shared = (
        Memo.objects.exclude(copy_group="")
        .values("copy_group")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .values("copy_group")
    )
    of = dict(Memo.objects.filter(copy_group__in=shared).values_list("pk", "copy_group"))
    found = Groups(of)
    _cached = (version, found)
    return found


def copies_of(memos, groups, exclude=frozenset()):
    """{memo id: [the other published copies of its document]} for these memos (only those
    `groups` puts in a group of two or more are looked up)."""
    by_group = {key: memo.pk for memo in memos if (key := groups.key(memo.pk))}
    if not by_group:
        return {}
    found = {pk: [] for pk in by_group.values()}
    others = (
        Memo.objects.published()
        .filter(copy_group__in=list(by_group))
        .exclude(pk__in=[*found, *exclude])
        .select_related("collection")
        .defer("text", "parts", "fingerprint")
        .order_by("release_date", "date", "pk")
    )
    for other in others:
        found[by_group[other.copy_group]].append(other)
    return found
