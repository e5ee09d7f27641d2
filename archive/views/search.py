"""The search page: the home page of the archive."""

from django.urls import path
from django.views.generic import TemplateView

from archive.search.service import SORTS, search


class SearchView(TemplateView):
    """Search box, results with snippets, sorting and pages."""

    template_name = "archive/search.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        params = self.request.GET
        q = params.get("q", "")
        results = search(q=q, page=params.get("page", 1), sort=params.get("sort", ""))
        context.update(results=results, q=q, sorts=SORTS)
        return context


urlpatterns = [
    path("", SearchView.as_view(), name="home"),
    path("search/", SearchView.as_view(), name="search"),
]
