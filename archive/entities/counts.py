"""How many published memos name each entity: the counts of the /entities/ index, cached.

Counting every entity's published memos is a scan of the whole mentions table (~700,000
rows at 100,000 memos: half a second; 7.5 million at a million: 8–10 s). The counts are
kept in the cache under a stamp that changes whenever they may have: once any transaction
that changed a memo commits (its publication, withdrawal, deletion, text and mentions all
queue it for the search index, queue.memos_changed), and whenever a mention or an entity is
saved or deleted one by one (a curator's correction, a rename, a merge). A few aggregates
back the stamp up: which memos are published (their number and the sum of their ids, read
from an index: a withdrawal that bypassed save() is never missed either; 0.1 s at a million
memos), the latest mention and the entities left unmerged (one seek each). Counts are never
older than COUNTS_SECONDS. A stamp lost from the cache is replaced by a new one: counts are
only ever read under the stamp they were counted at.
"""

import hashlib
import uuid

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Max, Sum
from django.db.models.signals import post_delete, post_save

from archive.models import Entity, Memo, Mention
from archive.search.queue import memos_changed

COUNTS_SECONDS = 600
STAMP_KEY = "entity-counts:stamp"


def published_counts():
    """{entity id: published memos naming it} of the unmerged entities that have any."""
    key = f"entity-counts:{fingerprint()}"
    counts = cache.get(key)
    if counts is None:
        # Grouped by the mentions' entity column alone (grouping entities by all their
        # columns took 9 s at 100,000 memos; this takes 0.5 s).
        rows = (
            Mention.objects.public()  # published memos, outside suppressed passages
            .filter(entity__merged_into__isnull=True)
            .values("entity")
            .annotate(n=Count("memo", distinct=True))
            .values_list("entity", "n")
            .order_by()
        )
        counts = dict(rows)
        cache.set(key, counts, COUNTS_SECONDS)
    return counts


def fingerprint():
    """A short digest of the state the counts depend on (read before they are counted)."""
    stamp = cache.get(STAMP_KEY)
    if stamp is None:
        cache.add(STAMP_KEY, uuid.uuid4().hex, None)
        stamp = cache.get(STAMP_KEY)
    memos = Memo.objects.published().aggregate(n=Count("pk"), ids=Sum("pk"))
    mentions = Mention.objects.aggregate(last=Max("pk"))
    entities = Entity.objects.filter(merged_into__isnull=True).aggregate(
        n=Count("pk"), last=Max("pk")
    )
    state = (stamp, memos, mentions, entities)
    return hashlib.sha1(repr(state).encode(), usedforsecurity=False).hexdigest()[:20]


def changed(**_kwargs):
    """Counts made before now are not to be used again (called once a change committed)."""
    cache.set(STAMP_KEY, uuid.uuid4().hex, None)


def _saved_or_deleted(**_kwargs):
    # Counted before the commit, counts would be stored under the new stamp: change it after.
    transaction.on_commit(changed, robust=True)


memos_changed.connect(changed, dispatch_uid="entity-counts-memos")
for _model in (Mention, Entity):
    name = _model.__name__
    post_save.connect(_saved_or_deleted, sender=_model, dispatch_uid=f"entity-counts-save-{name}")
    post_delete.connect(_saved_or_deleted, sender=_model, dispatch_uid=f"entity-counts-del-{name}")
