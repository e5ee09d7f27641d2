"""Suppressed passages in the workbench: suppress one from a memo, lift one, list them all.

A curator names the passage by its exact words (and which occurrence of them) or by its
offsets, says why, and the passage is masked on every public surface (curation/suppressions.py).
Lifting one asks for a reason too; both are kept in the memo's audit trail. The memo's change
form shows each suppressed passage marked in its context, and the fields read from one.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from archive.admin.history import HistoryAdmin
from archive.choices import SuppressionLabel
from archive.curation.suppressions import MAX_REASON, SuppressionError, lift, suppress
from archive.models import Suppression
from archive.public_text import overlaps, suppressed_spans
from archive.reading.readings import field_label

CONTEXT = 60  # characters of text shown either side of a suppressed passage


class SuppressForm(forms.Form):
    """The passage to suppress (its words, or its offsets) and why."""

    passage = forms.CharField(
        label="Passage",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 80, "spellcheck": "false"}),
        help_text="The words exactly as they stand in the text (copy them from the text below).",
    )
    occurrence = forms.IntegerField(
        label="Occurrence",
        min_value=1,
        initial=1,
        required=False,
        help_text="Which appearance of those words in the text: 1 for the first.",
    )
    start = forms.IntegerField(
        label="or start", min_value=0, required=False, help_text="Offset of the passage."
    )
    end = forms.IntegerField(
        label="end", min_value=0, required=False, help_text="Offset just past the passage."
    )
    label = forms.ChoiceField(
        label="Shown as",
        choices=SuppressionLabel.choices,
        initial=SuppressionLabel.PERSONAL_DATA,
        help_text="Readers see “Suppressed: …” in its place.",
    )
    reason = forms.CharField(
        label="Reason",
        max_length=MAX_REASON,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 80}),
        help_text="Why it is kept from the public, for the record (staff only).",
    )


def _context(memo, suppression):
    text = memo.text
    start, end = max(0, suppression.start), min(len(text), suppression.end)
    return (
        text[max(0, start - CONTEXT) : start],
        text[start:end],
        text[end : end + CONTEXT],
    )


def marked_passages(memo):
    """The memo's suppressed passages, each marked in its context, and the fields read from
    one (safe HTML for the change form)."""
    suppressions = list(memo.suppressions.select_related("created_by"))
    if not suppressions:
        return "None: the whole text is public."
    items = format_html_join(
        "",
        "<li><code class='suppressed-context'>…{}<mark>{}</mark>{}…</code><br>"
        "{}–{} · shown as “{}” · {} ({}, {})</li>",
        (
            (
                *_context(memo, s),
                s.start,
                s.end,
                s.public_label,
                s.reason,
                s.created_by or "—",
                f"{s.created_at:%Y-%m-%d %H:%M}",
            )
            for s in suppressions
        ),
    )
    hidden = suppressed_spans(memo)
    fields = [
        field_label(name)
        for name, source in (memo.field_sources or {}).items()
        if isinstance(source, dict)
        and isinstance(source.get("start"), int)
        and isinstance(source.get("end"), int)
        and overlaps(hidden, source["start"], source["end"])
        and getattr(memo, name, None)
    ]
    warning = ""
    if fields:
        warning = format_html(
            "<p class='errornote'>Read from a suppressed passage, and public as fields: {}. "
            "Edit them if they hold what is suppressed.</p>",
            ", ".join(fields),
        )
    return format_html("<ul class='suppressed-passages'>{}</ul>{}", items, warning)


def suppress_view(model_admin, request, memo):
    """GET: the memo's suppressed passages and the form to add one; POST: add one."""
    if not model_admin.has_view_permission(request, memo):
        raise PermissionDenied
    can_add = request.user.has_perm("archive.add_suppression")
    form = SuppressForm(request.POST or None)
    if request.method == "POST":
        if not can_add:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            where = (
                {"passage": data["passage"], "occurrence": data["occurrence"] or 1}
                if data["passage"]
                else {"start": data["start"], "end": data["end"]}
            )
            try:
                suppression = suppress(memo, request.user, data["reason"], data["label"], **where)
            except SuppressionError as error:
                form.add_error(None, str(error))
            else:
                model_admin.message_user(
                    request,
                    f"Suppressed {suppression.start}–{suppression.end}: the public no longer "
                    "sees it; the memo is being reindexed.",
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(request.path)
    suppressions = [(s, *_context(memo, s)) for s in memo.suppressions.select_related("created_by")]
    context = {
        **model_admin.admin_site.each_context(request),
        "title": f"Suppressed passages: {memo}",
        "memo": memo,
        "form": form,
        "can_add": can_add,
        "can_lift": request.user.has_perm("archive.delete_suppression"),
        "suppressions": suppressions,
        "opts": model_admin.model._meta,
        "original": memo,
        "change_url": reverse("admin:archive_memo_change", args=[memo.pk]),
    }
    return TemplateResponse(request, "admin/archive/memo/suppress.html", context)


def lift_view(model_admin, request, memo, pk):
    """POST: lift one of the memo's suppressions (reason=<why>)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    suppression = get_object_or_404(Suppression, pk=pk, memo=memo)
    try:
        lift(suppression, request.user, request.POST.get("reason", ""))
    except SuppressionError as error:
        model_admin.message_user(request, str(error), messages.ERROR)
    else:
        model_admin.message_user(request, "Suppression lifted: the passage is public again.")
    return HttpResponseRedirect(reverse("admin:archive_memo_suppress", args=[memo.pk]))


@admin.register(Suppression)
class SuppressionAdmin(HistoryAdmin):
    """Suppressed passages across memos, with their history. Added and lifted from the memo
    (its *Suppressed passages* page), where each asks for a reason."""

    list_display = ("memo", "start", "end", "label", "reason", "created_by", "created_at")
    list_filter = ("label",)
    list_select_related = ("memo", "created_by")
    search_fields = ("memo__slug", "memo__document_number", "reason")
    readonly_fields = (
        "memo", "start", "end", "quote", "prefix", "suffix", "label", "reason", "created_by",
        "created_at",
    )  # fmt: skip
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # lifting asks for a reason: on the memo's page
