"""The curators' workbench, one module per area; importing registers each ModelAdmin."""

from archive.admin import (  # noqa: F401
    entities,
    jobs,
    memos,
    notes,
    reports,
    review,
    suppressions,
    thesaurus,
)
