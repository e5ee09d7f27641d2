"""A cited version of a memo: /memos/<slug>/v/<history id or YYYY-MM-DD>/.

The page is the memo as it reads now, opening with what changed since the cited version
(archive/reading/versions.py). A version saved while the memo was not published, another memo's
version, or a version of a memo no longer published answers 404.
"""

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse

from archive.reading.versions import changes_since, citable_version, find_version
from archive.views.lookup import find_published
from archive.views.memos import MemoDetailView


class MemoVersionView(MemoDetailView):
    """The memo reached by a versioned permalink: what changed since, then the memo now."""

    def get(self, request, *args, **kwargs):
        slug, ident = kwargs["slug"], kwargs["version"]
        memo = find_published(slug)
        if memo is None:
            raise Http404("No published memo has that number.")
        if memo.slug != slug:
            target = reverse("archive:memo-version", kwargs={"slug": memo.slug, "version": ident})
            return redirect(target, permanent=True)
        record = find_version(memo, ident)
        if record is None:
            context = {"memo": memo, "version": ident[:40]}
            return render(request, "archive/version_not_found.html", context, status=404)
        self.object = memo
        self.cited = record
        return self.render_to_response(self.get_context_data(object=memo))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        fields, text = changes_since(self.cited, self.object)
        current = citable_version(self.object)
        context["cited_version"] = {
            "id": self.cited.history_id,
            "date": self.cited.history_date,
            "fields": fields,
            "text": text,
            "is_current": current is not None and current.history_id == self.cited.history_id,
            "current_url": self.object.get_absolute_url(),
        }
        return context


urlpatterns = [
    path("memos/<str:slug>/v/<str:version>/", MemoVersionView.as_view(), name="memo-version"),
]
