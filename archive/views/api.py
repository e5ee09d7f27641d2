"""The read-only JSON API: published memos only, the same search as the pages."""

from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.views import View

from archive.public_text import overlaps, public_text, suppressed_spans
from archive.readings import api_sources, form_hides
from archive.search.params import FACETS, SearchRequest
from archive.search.service import search
from archive.views.lookup import find_published


def _none_if_blank(value):
    return value if value not in ("", None) else None


def memo_json(memo, request, include_text=True):
    """A memo as the API gives it."""
    data = {
        "document_number": _none_if_blank(memo.document_number),
        "slug": memo.slug,
        "title": _none_if_blank(memo.title),
        "date": memo.iso_date,
        "date_precision": _none_if_blank(memo.date_precision),
        "agency": _none_if_blank(memo.agency),
        "directorate": _none_if_blank(memo.directorate),
        "office": _none_if_blank(memo.office),
        "division": _none_if_blank(memo.division),
        "branch": _none_if_blank(memo.branch),
        "from": _none_if_blank(memo.sender),
        "to": _none_if_blank(memo.recipient),
        "document_type": _none_if_blank(memo.document_type),
        "classification": _none_if_blank(memo.classification),
        "collection": memo.collection.name if memo.collection_id else None,
        "page_count": memo.page_count,
        "summary": _none_if_blank(memo.summary),
    }
    if include_text:
        # The marking as printed, its controls and the form's subjects (left out of search
        # results and exports, which leave these columns in the database).
        data["classification_marking"] = _none_if_blank(memo.classification_marking)
        data["control_markings"] = list(memo.control_markings or [])
        data["subjects"] = list(memo.subjects or [])
        # The identification form as read (it describes the release; the fields above describe
        # the document), and where each field was read: line numbers count the text's lines.
        # The public text: each suppressed passage masked character for character, so every
        # offset given here (redactions, field sources) holds; a form field read from one is
        # left out.
        hidden = suppressed_spans(memo)
        data["archival_description"] = {
            key: item
            for key, item in (memo.archival_description or {}).items()
            if not form_hides(memo, key, hidden)
        }
        if form_hides(memo, "subjects", hidden):
            data["subjects"] = []
        data["field_sources"] = api_sources(memo)
        data["text"] = public_text(memo)
        data["redactions"] = [
            redaction.as_dict()
            for redaction in memo.redactions.all()
            if not overlaps(hidden, redaction.start, redaction.end)
        ]
        data["suppressions"] = [
            {"start": s.start, "end": s.end, "label": s.public_label}
            for s in memo.suppressions.all()
        ]
    data["url"] = request.build_absolute_uri(memo.get_absolute_url())
    return data


def json_error(status, message):
    """A JSON error body with its status."""
    return JsonResponse({"error": message, "status": status}, status=status)


class MemoApiView(View):
    """GET /api/memos/<slug>: one published memo with its text, redactions, archival
    description and field sources."""

    def get(self, request, slug):
        memo = find_published(slug)
        if memo is None:
            return json_error(404, f"No published memo {slug!r}.")
        if memo.slug != slug:
            return redirect(reverse("archive:api-memo", kwargs={"slug": memo.slug}), permanent=True)
        return JsonResponse(memo_json(memo, request))


def facets_json(facets):
    """{facet: [[value, count], ...]}, years and decades as numbers."""
    data = {}
    for facet in FACETS:
        pairs = facets.get(facet.name, [])
        if facet.kind == "int":
            data[facet.name] = [[int(value), count] for value, count in pairs]
        else:
            data[facet.name] = [[value, count] for value, count in pairs]
    return data


class SearchApiView(View):
    """GET /api/search: the search page's parameters; a page of results, facets and counts."""

    def get(self, request):
        search_request = SearchRequest.from_params(request.GET)
        results = search(request=search_request)
        items = []
        for hit in results.hits:
            item = memo_json(hit.memo, request, include_text=False)
            item["snippet"] = str(hit.snippet)
            items.append(item)
        return JsonResponse(
            {
                "count": results.total,
                "page": results.page,
                "num_pages": results.num_pages,
                "sort": results.sort,
                "q": search_request.q,
                "filters": {name: list(values) for name, values in search_request.filters.items()},
                "date_from": search_request.start.isoformat() if search_request.start else None,
                "date_to": search_request.end.isoformat() if search_request.end else None,
                "warnings": results.warnings,
                "suggestions": [
                    {"q": s.q, "count": s.total, "kind": s.kind} for s in results.suggestions
                ],
                "facets": facets_json(results.facets),
                "results": items,
            }
        )


urlpatterns = [
    path("api/memos/<str:slug>", MemoApiView.as_view(), name="api-memo"),
    path("api/search", SearchApiView.as_view(), name="api-search"),
]
