"""The curators' workbench, one module per area; importing registers each ModelAdmin."""

from archive.admin import memos  # noqa: F401
