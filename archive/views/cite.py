"""Citation downloads of a published memo: RIS and BibTeX files for reference managers."""

from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.views import View

from archive.reading import citation
from archive.views.lookup import find_published

FORMATS = {
    "ris": ("application/x-research-info-systems; charset=utf-8", citation.ris),
    "bib": ("application/x-bibtex; charset=utf-8", citation.bibtex),
}


class CitationDownloadView(View):
    """GET /memos/<slug>/cite.ris or cite.bib: the memo's citation as a file."""

    def get(self, request, slug, fmt):
        if fmt not in FORMATS:
            raise Http404("Unknown citation format.")
        memo = find_published(slug)
        if memo is None:
            raise Http404("No published memo has that number.")
        if memo.slug != slug:
            target = reverse("archive:memo-cite", kwargs={"slug": memo.slug, "fmt": fmt})
            return redirect(target, permanent=True)
        content_type, make = FORMATS[fmt]
        permalink = request.build_absolute_uri(memo.get_absolute_url())
        response = HttpResponse(make(memo, permalink), content_type=content_type)
        response["Content-Disposition"] = (
            f'attachment; filename="{citation.bibtex_key(memo)}.{fmt}"'
        )
        return response


urlpatterns = [
    path("memos/<str:slug>/cite.<str:fmt>", CitationDownloadView.as_view(), name="memo-cite"),
]
