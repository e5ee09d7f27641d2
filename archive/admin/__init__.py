"""The curators' workbench, one module per area; importing registers each ModelAdmin."""

from archive.admin import entities, jobs, memos, notes, review, suppressions  # noqa: F401
