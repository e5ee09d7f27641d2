"""The read-only JSON API: published memos only, the same search as the pages.

Every URL answers with or without a trailing slash (the same answer, no redirect), and a
parameter that cannot be used is named in the answer's `warnings`, never an error.
"""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.views import View

from archive.search.params import PARAMETERS, ParamWarning, parse_page_size, shown
from archive.search.service import SearchRequest, search
from archive.views.api_json import (
    facets_json,
    memo_detail_json,
    memo_json,
    other_json,
    related_json,
)
from archive.views.lookup import find_published
from archive.views.openapi import DESCRIPTION

API_PARAMETERS = (*PARAMETERS, "page_size")

__all__ = ["MemoApiView", "OpenApiView", "SearchApiView", "json_error", "memo_json"]


def json_error(status, message):
    """A JSON error body with its status."""
    return JsonResponse({"error": message, "status": status}, status=status)


class MemoApiView(View):
    """GET /api/memos/<slug>: one published memo with its text, names, notes and pages."""

    def get(self, request, slug):
        memo = find_published(slug)
        if memo is None:
            return json_error(404, f"No published memo {slug!r}.")
        if memo.slug != slug:
            return redirect(reverse("archive:api-memo", kwargs={"slug": memo.slug}), permanent=True)
        return JsonResponse(memo_detail_json(memo, request))


def search_warnings(params, search_request, results, page_size_error):
    """Every parameter the search could not use as sent, as {parameter, value, message}."""
    notices = list(search_request.notices)
    if page_size_error:
        notices.append(ParamWarning("page_size", shown(params.get("page_size")), page_size_error))
    if results.page < search_request.page:
        pages = "is only 1 page" if results.num_pages == 1 else f"are {results.num_pages} pages"
        message = f"There {pages}: page {results.page} is shown."
        notices.append(ParamWarning("page", str(search_request.page), message))
    for message in results.warnings:  # the query's own (cut short, not parsed ...)
        if message not in search_request.warnings:
            notices.append(ParamWarning("q", shown(search_request.q), message))
    for name in params:
        if name not in API_PARAMETERS:
            message = f"“{shown(name)}” is not a parameter of the search: ignored."
            notices.append(ParamWarning(shown(name), shown(params.get(name)), message))
    return [notice.as_dict() for notice in notices]


class SearchApiView(View):
    """GET /api/search: the search page's parameters and page_size; a page of results."""

    def get(self, request):
        params = request.GET
        search_request = SearchRequest.from_params(params)
        per_page, page_size_error = parse_page_size(
            params.get("page_size"), settings.ARCHIVE_RESULTS_PER_PAGE
        )
        results = search(request=search_request, per_page=per_page)
        items = []
        for hit in results.hits:
            item = memo_json(hit.memo, request, include_text=False)
            item["snippet"] = str(hit.snippet)
            item["copies"] = [
                other_json(hit.memo, other, request.build_absolute_uri) for other in hit.copies
            ]
            items.append(item)
        return JsonResponse(
            {
                "count": results.total,
                "count_of": "documents" if results.counts_documents else "memos",
                "memos": results.memos,
                "all_words": results.exact if results.relaxed else None,
                "strict": search_request.strict,
                "also_searched": [
                    {"typed": typed, "alternatives": others} for typed, others in results.also
                ],
                "related": related_json(results.related, request),
                "page": results.page,
                "page_size": results.per_page,
                "num_pages": results.num_pages,
                "sort": results.sort,
                "q": search_request.q,
                "filters": {name: list(values) for name, values in search_request.filters.items()},
                "date_from": search_request.start.isoformat() if search_request.start else None,
                "date_to": search_request.end.isoformat() if search_request.end else None,
                "warnings": search_warnings(params, search_request, results, page_size_error),
                "suggestions": [
                    {"q": s.q, "count": s.total, "kind": s.kind} for s in results.suggestions
                ],
                "facets": facets_json(results.facets),
                "results": items,
            }
        )


class OpenApiView(View):
    """GET /api/openapi.json: the OpenAPI 3 description of this API."""

    def get(self, request):
        return JsonResponse(DESCRIPTION)


def _both(route, view, name):
    """The route without a trailing slash (named `name`) and with one (`name`-slash)."""
    return [path(route, view, name=name), path(route + "/", view, name=f"{name}-slash")]


urlpatterns = [
    *_both("api/memos/<str:slug>", MemoApiView.as_view(), "api-memo"),
    *_both("api/search", SearchApiView.as_view(), "api-search"),
    *_both("api/openapi.json", OpenApiView.as_view(), "api-openapi"),
]
