"""Readers report errors: /memos/<slug>/report/, a form on every published memo.

No account is needed. A report is stored as a ReaderReport, open, and its memo enters the
curators' review queue. Limits: ARCHIVE_REPORTS_PER_ADDRESS reports per client address in
ARCHIVE_REPORT_WINDOW seconds (archive/security.py's counting, behind TRUSTED_PROXY_COUNT
proxies), CSRF as every form, and a field people never see (a bot that fills it is thanked
and nothing is stored). A memo that is not published answers 404, whatever is posted.
"""

from django import forms
from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views import View

from archive.models import ReaderReport, ReportedPart
from archive.reading.versions import citable_version
from archive.security import address_limited, count_for_address
from archive.views.lookup import find_published

SCOPE = "reader-report"
MAX_PASSAGE, MAX_PROBLEM = 2_000, 5_000


class ReportForm(forms.Form):
    """What a reader says is wrong with a memo."""

    part = forms.ChoiceField(
        label="What is wrong",
        choices=ReportedPart.choices,
        initial=ReportedPart.TEXT,
    )
    passage = forms.CharField(
        label="Which passage or value",
        required=False,
        max_length=MAX_PASSAGE,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Quote the words or the value as the page shows them (optional).",
    )
    problem = forms.CharField(
        label="What should it say, and how do you know",
        max_length=MAX_PROBLEM,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="The correct reading, and your source if you have one.",
        error_messages={"required": "Please say what is wrong."},
    )
    email = forms.EmailField(
        label="Your email",
        required=False,
        max_length=254,
        help_text="Optional: to hear what was done. Never shown on the site.",
        error_messages={"invalid": "This does not look like an email address; leave it empty "
                        "if you prefer."},
    )  # fmt: skip
    # Hidden from people (its block has the hidden attribute); bots fill every field.
    website = forms.CharField(label="Leave this empty", required=False, max_length=200)
    version = forms.CharField(required=False, max_length=20, widget=forms.HiddenInput)

    def clean_version(self):
        # Which version the reader read helps a curator; a bad one is dropped, not an error.
        value = self.cleaned_data.get("version") or ""
        return int(value) if value.isdigit() and len(value) < 19 else None

    def clean_problem(self):
        problem = self.cleaned_data["problem"].strip()
        if len(problem) < 3:
            raise forms.ValidationError("Please say in a few words what is wrong.")
        return problem

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs.update(autocomplete="off", tabindex="-1")
        for name in ("passage", "problem", "email"):
            self.fields[name].widget.attrs["aria-describedby"] = f"id_{name}_helptext"


def report_form(memo, version=None):
    """The empty form for a memo page, naming the version the reader is reading."""
    version = version or citable_version(memo)
    return ReportForm(initial={"version": version.history_id if version else None})


def _published_or_404(slug):
    memo = find_published(slug)
    if memo is None:
        raise Http404("No published memo has that number.")
    return memo


class ReportErrorView(View):
    """GET: the form (or, after sending, the thanks); POST: store the report."""

    template_name = "archive/report_error.html"

    def get(self, request, slug):
        memo = _published_or_404(slug)
        if memo.slug != slug:
            return redirect("archive:memo-report", slug=memo.slug, permanent=True)
        sent = request.GET.get("sent") == "1"
        return self.page(request, memo, None if sent else report_form(memo), sent=sent)

    def post(self, request, slug):
        memo = _published_or_404(slug)
        if address_limited(request, SCOPE, settings.ARCHIVE_REPORTS_PER_ADDRESS):
            response = self.page(request, memo, None, limited=True, status=429)
            response["Retry-After"] = str(settings.ARCHIVE_REPORT_WINDOW)
            return response
        form = ReportForm(request.POST)
        if not form.is_valid():
            return self.page(request, memo, form, status=400)
        count_for_address(request, SCOPE, settings.ARCHIVE_REPORT_WINDOW)
        if not form.cleaned_data["website"]:
            data = form.cleaned_data
            version = data.get("version")
            if version and not memo.history.filter(history_id=version).exists():
                version = None
            ReaderReport.objects.create(
                memo=memo,
                part=data["part"],
                passage=data["passage"].strip(),
                problem=data["problem"],
                email=data["email"],
                version=version,
            )
        # A bot that filled the hidden field is thanked all the same: nothing tells it apart.
        return redirect(reverse("archive:memo-report", args=[memo.slug]) + "?sent=1")

    def page(self, request, memo, form, sent=False, limited=False, status=200):
        context = {"memo": memo, "report_form": form, "sent": sent, "limited": limited}
        return render(request, self.template_name, context, status=status)


urlpatterns = [
    path("memos/<str:slug>/report/", ReportErrorView.as_view(), name="memo-report"),
]
