"""Files follow their records: a deleted page takes its image and cached derivatives with it."""

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from archive.ingest import images
from archive.models import Page


@receiver(post_delete, sender=Page, dispatch_uid="archive.files.page_deleted")
def page_deleted(sender, instance, **kwargs):
    # After the commit only: a rolled-back delete must find its files where they were.
    transaction.on_commit(lambda: images.discard_files([instance]))
