"""The archive's one Django app."""

from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    """Declassified memos: records, ingest, search, reading views and the curators' admin."""

    name = "archive"
    verbose_name = "Memo archive"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_migrate

        # Checks, clean-up, logins; a memo's excerpt follows its suppressions.
        # Copies of one document are found again when a memo's text changes (copies.py).
        from archive import checks, copies, security  # noqa: F401
        from archive.curation import roles, suppressions, workflow  # noqa: F401
        from archive.entities import counts  # noqa: F401  (stamps changes to entity counts)
        from archive.pages import files  # noqa: F401  (a deleted page takes its files)
        from archive.search import (
            engines,
            signals,  # noqa: F401  (connects the reindex rules)
            thesaurus,  # noqa: F401  (a changed entry is read again by every process)
        )

        # The engine SEARCH_URL names prepares itself (Whoosh: its patches, whoosh/patches.py).
        engines.start()

        # The roles' groups follow the permissions after every migrate (and test flush).
        post_migrate.connect(roles.after_migrate, sender=self, dispatch_uid="archive.roles")
