"""The search engines SEARCH_URL can name: its scheme -> haystack's engine and ours.

Dotted paths, not imports: settings.py reads this table before any app is loaded
(HAYSTACK_CONNECTIONS' ENGINE), engines.py builds the engine the default connection names,
and a site imports only its own engine's libraries.
"""

from typing import NamedTuple


class Entry(NamedTuple):
    """One engine: haystack's engine class (for haystack's commands) and ours."""

    haystack: str  # the ENGINE of the haystack connection
    engine: str  # the class engines.current() builds (the surface described in engines.py)


ENGINES = {
    "whoosh": Entry(
        "archive.search.whoosh.backend.ArchiveWhooshEngine",
        "archive.search.whoosh.search.WhooshSearch",
    ),
    "xapian": Entry(
        "archive.search.xapian.engine.ArchiveXapianEngine",
        "archive.search.xapian.engine.XapianSearch",
    ),
    "elasticsearch": Entry(
        "archive.search.elasticsearch.engine.ArchiveElasticsearchEngine",
        "archive.search.elasticsearch.engine.ElasticsearchSearch",
    ),
}


def name_of(haystack_engine):
    """The registry name of a haystack ENGINE path ("whoosh", "xapian", "elasticsearch")."""
    for name, entry in ENGINES.items():
        if entry.haystack == haystack_engine:
            return name
    raise LookupError(f"{haystack_engine!r} is not one of the archive's search engines")
