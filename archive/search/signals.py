"""When a change reindexes a memo: every rule in one place, out of models.py."""

from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver

from archive.models import Collection, Memo, Redaction
from archive.search import queue


@receiver(post_save, sender=Memo, dispatch_uid="archive.reindex.memo_saved")
@receiver(post_delete, sender=Memo, dispatch_uid="archive.reindex.memo_deleted")
def memo_changed(sender, instance, **kwargs):
    queue.enqueue([instance.pk])


@receiver(post_save, sender=Redaction, dispatch_uid="archive.reindex.redaction_saved")
@receiver(post_delete, sender=Redaction, dispatch_uid="archive.reindex.redaction_deleted")
def redaction_changed(sender, instance, **kwargs):
    # Exemption codes and "has redactions" are facets of the memo.
    queue.enqueue([instance.memo_id])


@receiver(post_save, sender=Collection, dispatch_uid="archive.reindex.collection_saved")
def collection_changed(sender, instance, created, **kwargs):
    if not created:
        queue.enqueue(instance.memos.values_list("pk", flat=True))


@receiver(pre_delete, sender=Collection, dispatch_uid="archive.reindex.collection_deleted")
def collection_deleted(sender, instance, **kwargs):
    # Deleting a collection clears memo.collection with an UPDATE that sends no signal.
    queue.enqueue(instance.memos.values_list("pk", flat=True))
