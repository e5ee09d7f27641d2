"""Storing what the extractor finds: Entity rows got or created, a memo's mentions replaced.

Curators' work is kept: curated mentions are never touched (and found names that overlap one
are dropped), a merged entity's mentions go to the entity it was merged into, and names or
aliases a curator gave an entity are looked for in later runs.
"""

import dataclasses
import itertools
import time

from django.db import IntegrityError, transaction
from django.db.models import F

from archive.body import noise_spans
from archive.entities.extract import extract_mentions
from archive.entities.gazetteer import Entry, Gazetteer, default_gazetteer, form_key, slug_for
from archive.models import Entity, Mention, MentionRejection
from archive.search import queue

CACHE_SECONDS = 60
_cache = {"gazetteer": None, "built": 0.0}


def invalidate():
    """Forget the gazetteer built from the database (after a curator changed an entity)."""
    _cache["gazetteer"] = None


def current_gazetteer():
    """Our gazetteer plus the names and aliases curators gave entities in the admin."""
    cached = _cache["gazetteer"]
    if cached is not None and time.monotonic() - _cache["built"] < CACHE_SECONDS:
        return cached
    base = default_gazetteer()
    entries = dict(base.entries)
    rows = (
        Entity.objects.filter(merged_into__isnull=True)
        .exclude(aliases=[])
        .values_list("slug", "name", "kind", "aliases")
    )
    for slug, name, kind, aliases in rows:
        names = [name, *alias_list(aliases)]
        known = entries.get(slug)
        if known is not None:
            extra = tuple(n for n in names if slug not in _keys(base, n))
            if extra:
                entries[slug] = dataclasses.replace(known, forms=known.forms + extra)
        else:
            entries[slug] = Entry(key=slug, name=name, kind=kind, forms=tuple(names))
    gazetteer = Gazetteer(entries.values())
    _cache.update(gazetteer=gazetteer, built=time.monotonic())
    return gazetteer


def _keys(gazetteer, name):
    return {entry.key for entry in gazetteer.forms.get(form_key(name)[0], [])}


def alias_list(value):
    """An entity's aliases as a list of names, whatever a hand edit left in the field."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple):
        return []
    return [" ".join(a.split()) for a in value if isinstance(a, str) and a.strip()]


def surviving(entity):
    """The entity a merged duplicate was merged into (following chains), or itself."""
    seen = set()
    while entity.merged_into_id and entity.pk not in seen:
        seen.add(entity.pk)
        entity = entity.merged_into
    return entity


class EntityResolver:
    """Entity ids for found names, getting or creating rows; one per run, it caches them."""

    def __init__(self):
        self._ids = {}
        self._reserved = set(default_gazetteer().entries)

    def entity_id(self, found, gazetteer):
        """The id of the (surviving) entity a found name means."""
        cache_key = found.key or (found.kind, found.name)
        if cache_key not in self._ids:
            entity = self._by_key(found, gazetteer) if found.key else self._by_name(found)
            self._ids[cache_key] = surviving(entity).pk
        return self._ids[cache_key]

    def prime(self, found_items, batch=500):
        """Look up at once the entities of many found names not yet known (by kind and name),
        and create in one statement those that have no row yet, so that entity_id() asks the
        database once per batch, not once per name."""
        wanted = {(f.kind, f.name) for f in found_items if not f.key}
        wanted -= set(self._ids)
        self._look_up(wanted, batch)
        missing = sorted(wanted - set(self._ids))
        for start in range(0, len(missing), batch):
            self._create(missing[start : start + batch])
        # Anything still unknown (its slug was taken meanwhile) goes the one-by-one way.

    def _look_up(self, wanted, batch):
        names = sorted({name for _kind, name in wanted})
        for start in range(0, len(names), batch):
            rows = (
                Entity.objects.select_related("merged_into")
                .filter(name__in=names[start : start + batch])
                .order_by(F("merged_into_id").asc(nulls_first=True), "pk")
            )
            for entity in rows:
                key = (entity.kind, entity.name)
                if key in wanted and key not in self._ids:
                    self._ids[key] = surviving(entity).pk

    def _create(self, keys):
        """New rows for names with no entity, each under its first free slug of this batch."""
        slugs = {key: self._first_slugs(*key) for key in keys}
        taken = set(
            Entity.objects.filter(
                slug__in={slug for options in slugs.values() for slug in options}
            ).values_list("slug", flat=True)
        )
        rows = []
        for (kind, name), options in slugs.items():
            slug = next((s for s in options if s not in taken), None)
            if slug is not None:
                taken.add(slug)
                rows.append(Entity(name=name, kind=kind, slug=slug))
        if rows:
            # Another process may take a slug between the look-up and the insert: its row is
            # skipped here and that name found or made one by one by entity_id().
            Entity.objects.bulk_create(rows, ignore_conflicts=True)
            self._look_up(set(keys), len(keys))

    def _first_slugs(self, kind, name):
        base = slug_for(name, kind)
        # A name found by a rule never takes a slug the gazetteer will want for its own entry.
        first = [base] if base not in self._reserved else []
        return [*first, f"{base}-{kind}", f"{base}-2", f"{base}-3"]

    def _by_key(self, found, gazetteer):
        entry = gazetteer.entries.get(found.key)
        defaults = {"name": found.name, "kind": found.kind}
        if entry is not None:
            defaults["aliases"] = [a for a in entry.aliases if a != entry.name]
        entity, _created = Entity.objects.select_related("merged_into").get_or_create(
            slug=found.key, defaults=defaults
        )
        return entity

    def _by_name(self, found):
        entity = (
            Entity.objects.select_related("merged_into")
            .filter(kind=found.kind, name=found.name)
            # The one not merged away first; ordering by the column, not the relation (which
            # would join the table again to sort by the other entity's name).
            .order_by(F("merged_into_id").asc(nulls_first=True), "pk")
            .first()
        )
        if entity is not None:
            return entity
        base = slug_for(found.name, found.kind)
        candidates = self._first_slugs(found.kind, found.name)[:-2]
        for slug in itertools.chain(candidates, (f"{base}-{n}" for n in range(2, 1000))):
            if Entity.objects.filter(slug=slug).exists():
                continue
            try:
                with transaction.atomic():
                    return Entity.objects.create(name=found.name, kind=found.kind, slug=slug)
            except IntegrityError:
                continue  # taken meanwhile by another process: try the next
        raise RuntimeError(f"no free slug for entity {found.name!r}")


def link_memo(memo, gazetteer=None, resolver=None):
    """Find the entities a memo names and replace its non-curated mentions; returns how many."""
    gazetteer = gazetteer or current_gazetteer()
    resolver = resolver or EntityResolver()
    with transaction.atomic(), queue.collecting():
        curated = list(memo.mentions.filter(curated=True).values_list("start", "end"))
        redacted = list(memo.redactions.values_list("start", "end"))
        # Names in the form, a release stamp or a page footer are the archive's, not the
        # document's ("RELEASE UNDER THE PRESIDENT JOHN F. KENNEDY ASSASSINATION RECORDS ACT").
        boilerplate = noise_spans(memo.text, memo.parts)
        found = extract_mentions(
            memo.text,
            gazetteer,
            year=memo.date.year if memo.date else None,
            skip=curated + redacted + boilerplate,
        )
        # Mentions have no dependants and the memo is queued below: a plain DELETE, without
        # a signal per row (a long memo names hundreds of things).
        stale = Mention.objects.filter(memo=memo, curated=False)
        stale._raw_delete(stale.db)
        rejected = set(MentionRejection.objects.filter(memo=memo).values_list("entity_id", "text"))
        resolver.prime(found)
        rows = [
            Mention(
                memo=memo,
                entity_id=resolver.entity_id(item, gazetteer),
                start=item.start,
                end=item.end,
                text=item.text[:200],
            )
            for item in found
        ]
        rows = [row for row in rows if (row.entity_id, row.text) not in rejected]
        Mention.objects.bulk_create(rows, batch_size=500)
        queue.enqueue([memo.pk])  # bulk_create sends no signal: the entity facet changed
    return len(rows)


def record_rejections(mentions):
    """Remember extracted mentions a curator removed, so that extraction does not redo them."""
    for mention in mentions:
        if not mention.curated:
            MentionRejection.objects.get_or_create(
                memo_id=mention.memo_id, entity_id=mention.entity_id, text=mention.text
            )


def reject(mentions):
    """Delete mentions a curator found wrong; the extracted ones are not made again."""
    with transaction.atomic(), queue.collecting():
        record_rejections(mentions)
        for mention in mentions:
            queue.enqueue([mention.memo_id])
            mention.delete()
