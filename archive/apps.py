"""The archive's one Django app."""

from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    """Declassified memos: records, ingest, search, reading views and the curators' admin."""

    name = "archive"
    verbose_name = "Memo archive"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from archive import security  # noqa: F401  (counts failed logins)
        from archive.search import signals  # noqa: F401  (connects the reindex rules)
