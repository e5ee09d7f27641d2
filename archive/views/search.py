"""The search page (the home page, archive/views/home.py, leads to it).

URL scheme (the same for /search/, /api/search, /search/export.csv, /search/export.json and
/search/feed/):

    q               the query (archive.search.query: words, OR, NOT/-, "phrase", "phrase"~N,
                    word*, word~, title: office: agency: from: to: doc: code: year:, brackets)
    decade, year, agency, office, classification, code, collection, has_redactions (yes/no),
    entity          facet filters; repeat a parameter for several values, which combine
                    with OR; different facets combine with AND
    date_from, date_to
                    a date range, partial dates allowed: 1984, 1984-06, 1984-06-15
    sort            relevance (default with a query), date (oldest first), -date
    page            1, 2, ...

e.g. /search/?q=Sakhalin&code=25X1&date_from=1980&sort=-date, or /search/?entity=Sakhalin.
Build such links with archive.search.urls.search_url(entity="Sakhalin").
"""

from urllib.parse import urlencode

from django.urls import path, reverse
from django.views.generic import TemplateView

from archive.search import display
from archive.search.params import SORTS, SearchRequest
from archive.search.service import EXPORT_LIMIT, search


class SearchView(TemplateView):
    """Search box, facets, timeline, results with snippets, sorting, pages and exports."""

    template_name = "archive/search.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        request = SearchRequest.from_params(self.request.GET)
        results = search(request=request)
        query_string = request.query_string(page=1)
        back = reverse("archive:search") + "?" + request.query_string(page=results.page)
        link = {"back": back}
        if request.q.strip():
            link = {"q": request.q, **link}
        context.update(
            results=results,
            q=request.q,
            search=request,
            sorts=SORTS,
            facet_groups=display.facet_groups(request, results.facets),
            chips=display.chips(request),
            timeline=display.timeline(request, results.facets),
            clear_url="?" + request.cleared().query_string(),
            query_string=query_string,
            memo_params=urlencode(link),
            export_limit=EXPORT_LIMIT,
            page_urls={
                "previous": "?" + request.query_string(page=results.page - 1),
                "next": "?" + request.query_string(page=results.page + 1),
            },
            hidden_filters=[
                (name, value) for name, values in request.filters.items() for value in values
            ],
        )
        return context


urlpatterns = [
    path("search/", SearchView.as_view(), name="search"),
]
