"""The curators' workbench, one module per area; importing registers each ModelAdmin."""

from archive.admin import entities, jobs, memos, notes, reports, review, suppressions  # noqa: F401
