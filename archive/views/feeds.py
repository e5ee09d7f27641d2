"""Atom feed of any search: its memos most recently published in the archive, newest first.

/search/feed/ takes the search page's parameters (see archive/views/search.py), so a
researcher subscribes to a topic, a collection or an exemption code by pasting the URL of a
search into a feed reader. An entry is a published memo; its date is when the archive
published it, and its summary is escaped text: the memo's summary, else the opening of its own
text (never its identification form or a release stamp).
"""

import re

from django.contrib.syndication.views import Feed
from django.urls import path, reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.text import Truncator

from archive.body import EXCERPT_CHARS
from archive.search.params import FACETS, SearchRequest, value_label
from archive.search.service import FEED_LIMIT, newest
from archive.search.snippets import opening

# XML 1.0 has no place for these; OCR text has them (form feeds between pages, stray bytes).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


def xml_safe(text):
    """Text without the characters XML 1.0 cannot carry."""
    return _NOT_XML.sub(" ", str(text or ""))


def describe(search):
    """A short human description of a search, for the feed's title."""
    parts = [f"“{Truncator(search.q).chars(80)}”"] if search.q.strip() else []
    for facet in FACETS:
        values = search.filters.get(facet.name, ())
        if values:
            shown = " or ".join(value_label(facet, value) for value in values[:3])
            parts.append(f"{facet.label.lower()} {shown}{' …' if len(values) > 3 else ''}")
    if search.date_from or search.date_to:
        parts.append(f"dated {search.date_from or '…'} to {search.date_to or '…'}")
    return ", ".join(parts) or "all memos"


class SearchFeed(Feed):
    """The newest memos matching a search, as Atom."""

    feed_type = Atom1Feed

    def get_object(self, request, *args, **kwargs):
        return SearchRequest.from_params(request.GET)

    def title(self, search):
        return xml_safe(f"Declassified Memo Archive: {describe(search)}")

    def subtitle(self, search):
        return f"The {FEED_LIMIT} memos matching this search most recently published."

    def link(self, search):
        query = search.changed(sort="").query_string()
        return reverse("archive:search") + (f"?{query}" if query else "")

    def feed_url(self, search):
        query = search.changed(sort="").query_string()
        return reverse("archive:search-feed") + (f"?{query}" if query else "")

    def items(self, search):
        return newest(search)

    def item_title(self, memo):
        return xml_safe(memo.display_title)

    def item_description(self, memo):
        # Feed readers treat the summary as HTML, so only escaped text goes in.
        return escape(xml_safe(opening(memo, EXCERPT_CHARS)))

    def item_link(self, memo):
        return memo.get_absolute_url()

    def item_pubdate(self, memo):
        return memo.published_at or memo.ingested_at

    def item_updateddate(self, memo):
        return memo.published_at or memo.ingested_at

    def item_categories(self, memo):
        values = (memo.agency, memo.get_classification_display())
        return [xml_safe(value) for value in values if value]


urlpatterns = [
    path("search/feed/", SearchFeed(), name="search-feed"),
]
