"""NUL characters in addresses: removed from query parameters, a path with one is not found.

PostgreSQL text cannot hold a NUL character: a parameter or path part carrying one (`?q=%00`,
`/iiif/%00/manifest.json`), passed to a database lookup, would raise instead of finding
nothing, where SQLite quietly accepts it. No real address needs one, so every view, the admin
included, gets parameters without them, and a path with one is a 404 before any view runs.
(Form fields refuse NUL characters themselves: Django's ProhibitNullCharactersValidator.)
"""

from django.http import Http404, QueryDict


def _without_nul(params):
    """The same parameters, without NUL characters (the same object if there are none)."""
    if not any("\x00" in key or any("\x00" in v for v in values) for key, values in params.lists()):
        return params
    cleaned = QueryDict(mutable=True, encoding=params.encoding)
    for key, values in params.lists():
        cleaned.setlist(key.replace("\x00", ""), [value.replace("\x00", "") for value in values])
    cleaned._mutable = False
    return cleaned


class StripNulMiddleware:
    """Remove NUL characters from query parameters; answer 404 to a path containing one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path_info:
            raise Http404("No such page.")
        request.GET = _without_nul(request.GET)
        return self.get_response(request)
