"""Files follow their records: a deleted page takes its image and cached derivatives with it."""

import logging

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from archive.models import Page
from archive.pages import derivatives

log = logging.getLogger("archive.ingest")


def discard_files(old_pages):
    """Remove deleted pages' image files and their unused cached derivatives."""
    for page in old_pages:
        try:
            page.image.storage.delete(page.image.name)
        except OSError:
            log.warning("Could not remove replaced page image %s", page.image.name)
    derivatives.discard(old_pages)


@receiver(post_delete, sender=Page, dispatch_uid="archive.files.page_deleted")
def page_deleted(sender, instance, **kwargs):
    """After the commit only: a rolled-back delete must find its files where they were."""
    transaction.on_commit(lambda: discard_files([instance]))
