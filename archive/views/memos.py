"""The memo page: metadata, the text with each redaction where it stands."""

from django.http import Http404
from django.shortcuts import redirect
from django.urls import path
from django.views.generic import DetailView

from archive.views.lookup import find_published


def text_segments(text, redactions):
    """The text cut into plain runs and redaction markers, in order, for the template."""
    segments, cursor = [], 0
    for redaction in redactions:
        if redaction.start < cursor or redaction.end > len(text):
            continue  # overlapping or stale span: show the text as it is
        if redaction.start > cursor:
            segments.append({"text": text[cursor : redaction.start]})
        segments.append({"text": text[redaction.start : redaction.end], "redaction": redaction})
        cursor = redaction.end
    if cursor < len(text):
        segments.append({"text": text[cursor:]})
    return segments


class MemoDetailView(DetailView):
    """A published memo, readable: metadata panel, text with redactions marked."""

    template_name = "archive/memo_detail.html"
    context_object_name = "memo"

    def get(self, request, *args, **kwargs):
        self.object = find_published(kwargs["slug"])
        if self.object is None:
            raise Http404("No published memo has that number.")
        if self.object.slug != kwargs["slug"]:
            target = self.object.get_absolute_url()
            if request.META.get("QUERY_STRING"):
                target += "?" + request.META["QUERY_STRING"]
            return redirect(target, permanent=True)
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        memo = self.object
        redactions = list(memo.redactions.all())
        context["redactions"] = redactions
        context["segments"] = text_segments(memo.text, redactions)
        codes = {}
        for redaction in redactions:
            for code in redaction.codes:
                codes[code] = codes.get(code, 0) + 1
        context["code_counts"] = sorted(codes.items())
        back = self.request.GET.get("back", "")
        # Only a path on this site is a way back; anything else could send readers away.
        context["back_url"] = back if back.startswith("/search/") or back == "/" else ""
        return context


urlpatterns = [
    path("memos/<str:slug>/", MemoDetailView.as_view(), name="memo"),
]
