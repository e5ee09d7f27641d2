"""When a change reindexes a memo: every rule in one place, out of models.py."""

from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver

from archive.models import Collection, Entity, Memo, Mention, Note, Redaction
from archive.search import queue


@receiver(post_save, sender=Memo, dispatch_uid="archive.reindex.memo_saved")
@receiver(post_delete, sender=Memo, dispatch_uid="archive.reindex.memo_deleted")
def memo_changed(sender, instance, **kwargs):
    queue.enqueue([instance.pk])


@receiver(post_save, sender=Redaction, dispatch_uid="archive.reindex.redaction_saved")
@receiver(post_delete, sender=Redaction, dispatch_uid="archive.reindex.redaction_deleted")
@receiver(post_save, sender=Mention, dispatch_uid="archive.reindex.mention_saved")
@receiver(post_delete, sender=Mention, dispatch_uid="archive.reindex.mention_deleted")
@receiver(post_save, sender=Note, dispatch_uid="archive.reindex.note_saved")
@receiver(post_delete, sender=Note, dispatch_uid="archive.reindex.note_deleted")
def part_changed(sender, instance, **kwargs):
    # Exemption codes, entity names and public notes are all part of the memo's index entry.
    queue.enqueue([instance.memo_id])


@receiver(post_save, sender=Entity, dispatch_uid="archive.reindex.entity_saved")
@receiver(pre_delete, sender=Entity, dispatch_uid="archive.reindex.entity_deleted")
def entity_changed(sender, instance, **kwargs):
    # A renamed or merged entity changes the entity facet of every memo naming it (or its
    # merged duplicates).
    entities = [instance.pk, *instance.merged.values_list("pk", flat=True)]
    # No ordering: Mention's default order joins the memo table, and PostgreSQL then plans a
    # walk over every memo for each entity the ingest creates.
    memo_ids = Mention.objects.filter(entity__in=entities).order_by().values_list("memo_id")
    queue.enqueue(memo_id for (memo_id,) in memo_ids.distinct())


@receiver(post_save, sender=Collection, dispatch_uid="archive.reindex.collection_saved")
def collection_changed(sender, instance, created, **kwargs):
    if not created:
        queue.enqueue(instance.memos.values_list("pk", flat=True))


@receiver(pre_delete, sender=Collection, dispatch_uid="archive.reindex.collection_deleted")
def collection_deleted(sender, instance, **kwargs):
    # Deleting a collection clears memo.collection with an UPDATE that sends no signal.
    queue.enqueue(instance.memos.values_list("pk", flat=True))
