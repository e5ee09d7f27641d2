"""When a change reindexes a memo: every rule in one place, out of models.py."""

from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver

from archive.choices import Status
from archive.models import Collection, Entity, Memo, Mention, Note, Redaction, Suppression
from archive.search import queue


@receiver(pre_save, sender=Memo, dispatch_uid="archive.reindex.memo_saving")
def memo_saving(sender, instance, **kwargs):
    # A save that takes a published memo off publication (withdrawn, back to draft or review,
    # by the workflow, an ingest or any other path): searches leave it out from the commit on,
    # whatever the index still holds. One look at the stored status, only for a memo saved
    # unpublished.
    instance._leaves_publication = (
        not instance._state.adding
        and instance.status != Status.PUBLISHED
        and Memo.objects.filter(pk=instance.pk, status=Status.PUBLISHED).exists()
    )


@receiver(post_save, sender=Memo, dispatch_uid="archive.reindex.memo_saved")
def memo_saved(sender, instance, **kwargs):
    leaving = getattr(instance, "_leaves_publication", False)
    queue.enqueue([instance.pk], unpublished=[instance.pk] if leaving else ())


@receiver(post_delete, sender=Memo, dispatch_uid="archive.reindex.memo_deleted")
def memo_deleted(sender, instance, **kwargs):
    # Deleted while published (a memo merged away, say): out of every search at once.
    leaving = instance.status == Status.PUBLISHED
    queue.enqueue([instance.pk], unpublished=[instance.pk] if leaving else ())


@receiver(post_save, sender=Redaction, dispatch_uid="archive.reindex.redaction_saved")
@receiver(post_delete, sender=Redaction, dispatch_uid="archive.reindex.redaction_deleted")
@receiver(post_save, sender=Mention, dispatch_uid="archive.reindex.mention_saved")
@receiver(post_delete, sender=Mention, dispatch_uid="archive.reindex.mention_deleted")
@receiver(post_save, sender=Note, dispatch_uid="archive.reindex.note_saved")
@receiver(post_delete, sender=Note, dispatch_uid="archive.reindex.note_deleted")
def part_changed(sender, instance, **kwargs):
    # Exemption codes, entity names and public notes are all part of the memo's index entry.
    queue.enqueue([instance.memo_id])


@receiver(post_save, sender=Suppression, dispatch_uid="archive.reindex.suppression_saved")
@receiver(post_delete, sender=Suppression, dispatch_uid="archive.reindex.suppression_deleted")
def suppression_changed(sender, instance, **kwargs):
    # The passage leaves the memo's text and its names its entities. A new suppression of a
    # published memo marks its task: until the index has the masked text, searches leave the
    # memo out rather than find it by the suppressed words.
    hide = kwargs.get("created") and Memo.objects.published().filter(pk=instance.memo_id).exists()
    queue.enqueue([instance.memo_id], unpublished=[instance.memo_id] if hide else ())


@receiver(post_save, sender=Entity, dispatch_uid="archive.reindex.entity_saved")
@receiver(pre_delete, sender=Entity, dispatch_uid="archive.reindex.entity_deleted")
def entity_changed(sender, instance, **kwargs):
    # A renamed or merged entity changes the entity facet of every memo naming it (or its
    # merged duplicates). A new one is named by no memo yet (ingest creates thousands).
    if kwargs.get("created"):
        return
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
