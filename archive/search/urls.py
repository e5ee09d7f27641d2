"""Links to searches, for any page that wants one (an entity page, a memo's metadata)."""

from urllib.parse import urlencode

from django.urls import reverse

from archive.search.params import FACETS_BY_NAME, SORTS

_OTHER = {"q", "date_from", "date_to", "sort", "page"}


def search_url(**params):
    """The URL of a search: search_url(entity="Sakhalin"), search_url(q="Sakhalin", year=1984).

    Keywords are the search page's URL parameters (q, a facet name such as entity, code,
    agency or year, date_from, date_to, sort, page); a list or tuple gives several values of
    one facet (they combine with OR). An unknown name is a programming error: ValueError.
    """
    pairs = []
    for name, value in params.items():
        if name not in FACETS_BY_NAME and name not in _OTHER:
            raise ValueError(f"Not a search parameter: {name!r}")
        if name == "sort" and value not in SORTS:
            raise ValueError(f"Not a sort: {value!r}")
        values = value if isinstance(value, list | tuple) else [value]
        pairs.extend((name, str(item)) for item in values if item not in (None, ""))
    url = reverse("archive:search")
    return f"{url}?{urlencode(pairs)}" if pairs else url
