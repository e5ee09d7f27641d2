"""How many published memos name each entity: the counts of the /entities/ index, cached.

Counting every entity's published memos is a scan of the whole mentions table (~700,000
rows at 100,000 memos: seconds a request). The counts are kept in the cache under a
fingerprint of what they depend on, read with a few aggregates per request: which memos are
published (their number and the sum of their ids, so a withdrawal never goes unseen), the
mentions (relinking a corrected text replaces them) and the entities left unmerged (their
number and latest id), and a version stamped whenever a mention or an entity is saved or
deleted one by one (a curator's correction, a rename). Counts are never older than
COUNTS_SECONDS either.
"""

import hashlib
import time

from django.core.cache import cache
from django.db.models import Count, Max, Q, Sum
from django.db.models.signals import post_delete, post_save

from archive.choices import Status
from archive.models import Entity, Memo, Mention

COUNTS_SECONDS = 600
VERSION_KEY = "entity-counts:version"


def published_counts():
    """{entity id: published memos naming it} of the unmerged entities that have any."""
    key = f"entity-counts:{fingerprint()}"
    counts = cache.get(key)
    if counts is None:
        published = Q(mentions__memo__status=Status.PUBLISHED)
        rows = (
            Entity.objects.filter(merged_into__isnull=True)
            .annotate(n=Count("mentions__memo", filter=published, distinct=True))
            .filter(n__gt=0)
            .values_list("pk", "n")
        )
        counts = dict(rows)
        cache.set(key, counts, COUNTS_SECONDS)
    return counts


def fingerprint():
    """A short digest of the state the counts depend on."""
    memos = Memo.objects.published().aggregate(n=Count("pk"), ids=Sum("pk"))
    mentions = Mention.objects.aggregate(n=Count("pk"), last=Max("pk"))
    entities = Entity.objects.filter(merged_into__isnull=True).aggregate(
        n=Count("pk"), last=Max("pk")
    )
    state = (memos, mentions, entities, cache.get(VERSION_KEY))
    return hashlib.sha1(repr(state).encode(), usedforsecurity=False).hexdigest()[:20]


def _changed(**_kwargs):
    cache.set(VERSION_KEY, time.time_ns(), None)


for _model in (Mention, Entity):
    post_save.connect(_changed, sender=_model, dispatch_uid=f"entity-counts-save-{_model.__name__}")
    post_delete.connect(
        _changed, sender=_model, dispatch_uid=f"entity-counts-delete-{_model.__name__}"
    )
