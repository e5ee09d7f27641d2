"""What the memo page adds for readers: the original and its context, the error report form,
and the permalink of a version to cite (reading/originals.py and versions.py, views/reports.py)."""

from django.urls import reverse

from archive.public_text import suppressed_spans
from archive.reading.originals import archival_context
from archive.reading.versions import citable_version
from archive.views.reports import report_form


def reader_context(request, memo):
    """Context for the memo page's original, report and cite-this-version snippets."""
    version = citable_version(memo)
    version_url = ""
    if version is not None:
        path = reverse("archive:memo-version", args=[memo.slug, version.history_id])
        version_url = request.build_absolute_uri(path)
    return {
        **archival_context(memo, suppressed_spans(memo)),
        "report_form": report_form(memo, version),
        "report_url": reverse("archive:memo-report", args=[memo.slug]),
        "version_permalink": version_url,
        "version_date": version.history_date if version is not None else None,
    }
