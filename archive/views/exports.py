"""Exports of a search: its memos' metadata as CSV or JSON, in the order the search gives.

Same parameters as the search page (see archive/views/search.py). At most EXPORT_LIMIT
memos (10,000) are exported, the first ones in the search's order; the response says how many
the search found (header X-Result-Count; "count" in JSON) and whether it was cut
("truncated"). A CSV cell that a spreadsheet would run as a formula (one starting with =, +,
-, @, tab or carriage return) is written with a leading apostrophe.
"""

import csv
import datetime
import json

from django.http import HttpResponse, StreamingHttpResponse
from django.urls import path
from django.views import View

from archive.search.params import SearchRequest
from archive.search.service import EXPORT_LIMIT, export
from archive.views.api_json import memo_json

COLUMNS = (
    "document_number", "title", "date", "date_precision", "agency", "office", "from", "to",
    "classification", "collection", "exemption_codes", "redactions", "pages", "url",
)  # fmt: skip
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def exemption_codes(memo):
    """The exemption codes of a memo's redactions, each once, sorted."""
    if hasattr(memo, "export_codes"):  # worked out by service.export() for the whole batch
        return memo.export_codes
    return sorted({code for redaction in memo.redactions.all() for code in redaction.codes})


def redaction_count(memo):
    """How many redactions a memo has."""
    if hasattr(memo, "export_redactions"):
        return memo.export_redactions
    return len(memo.redactions.all())


def row(memo, request):
    """One CSV row of a memo's metadata."""
    return [
        memo.document_number,
        memo.title,
        memo.iso_date or "",
        memo.date_precision,
        memo.agency,
        memo.office,
        memo.sender,
        memo.recipient,
        memo.get_classification_display() if memo.classification else "",
        memo.collection.name if memo.collection_id else "",
        "; ".join(exemption_codes(memo)),
        redaction_count(memo),
        memo.page_count or "",
        request.build_absolute_uri(memo.get_absolute_url()),
    ]


def safe_cell(value):
    """A cell a spreadsheet shows as text, never runs as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA) else text


class _Echo:
    """A file-like object whose write() returns what it was given, for streaming csv rows."""

    def write(self, value):
        return value


def _filename(extension):
    return f"memos-search-{datetime.date.today():%Y%m%d}.{extension}"


class CsvExportView(View):
    """GET /search/export.csv: the search's memos (up to EXPORT_LIMIT) as CSV."""

    def get(self, request):
        search = SearchRequest.from_params(request.GET)
        total, _sort, memos = export(search)
        writer = csv.writer(_Echo())

        def rows():
            yield "\ufeff"  # so that spreadsheets read the file as UTF-8
            yield writer.writerow(COLUMNS)
            for memo in memos:
                yield writer.writerow([safe_cell(cell) for cell in row(memo, request)])

        response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
        response["X-Result-Count"] = str(total)
        response["X-Export-Limit"] = str(EXPORT_LIMIT)
        return response


class JsonExportView(View):
    """GET /search/export.json: the search's memos (up to EXPORT_LIMIT) as JSON."""

    def get(self, request):
        search = SearchRequest.from_params(request.GET)
        total, sort, memos = export(search)
        results = []
        for memo in memos:
            item = memo_json(memo, request, include_text=False)
            item["exemption_codes"] = exemption_codes(memo)
            item["redactions"] = redaction_count(memo)
            results.append(item)
        body = {
            "count": total,
            "exported": len(results),
            "limit": EXPORT_LIMIT,
            "truncated": total > len(results),
            "q": search.q,
            "filters": {name: list(values) for name, values in search.filters.items()},
            "date_from": search.start.isoformat() if search.start else None,
            "date_to": search.end.isoformat() if search.end else None,
            "sort": sort,
            "warnings": search.warnings,
            "results": results,
        }
        response = HttpResponse(
            json.dumps(body, ensure_ascii=False), content_type="application/json"
        )
        response["Content-Disposition"] = f'attachment; filename="{_filename("json")}"'
        response["X-Result-Count"] = str(total)
        response["X-Export-Limit"] = str(EXPORT_LIMIT)
        return response


urlpatterns = [
    path("search/export.csv", CsvExportView.as_view(), name="search-export-csv"),
    path("search/export.json", JsonExportView.as_view(), name="search-export-json"),
]
