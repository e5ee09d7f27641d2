"""Readers' error reports in the workbench: a list of their own (open first), accept and
dismiss actions, and the reports of a memo on its change form.

A memo with an open report stands in the review queue (archive/admin/review.py) until each of
its reports is accepted or dismissed. Accepting records who and when; the correction itself is
made on the memo's form, as any other. Everything a reader typed is shown escaped.
"""

from django.contrib import admin, messages
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from archive.models import ReaderReport, ReportStatus

SHORT = 90


def _short(text):
    text = " ".join(str(text or "").split())
    return text if len(text) <= SHORT else text[: SHORT - 1] + "…"


def _resolve(modeladmin, request, queryset, status):
    count = queryset.filter(status=ReportStatus.OPEN).update(
        status=status, resolved_at=timezone.now(), resolved_by=request.user
    )
    label = ReportStatus(status).label.lower()
    modeladmin.message_user(request, f"{count} open report(s) marked {label}.", messages.SUCCESS)


@admin.action(description="Accept: the memo is (or will be) corrected", permissions=["change"])
def accept(modeladmin, request, queryset):
    """Mark the chosen open reports accepted."""
    _resolve(modeladmin, request, queryset, ReportStatus.ACCEPTED)


@admin.action(description="Dismiss: the memo is right as it is", permissions=["change"])
def dismiss(modeladmin, request, queryset):
    """Mark the chosen open reports dismissed."""
    _resolve(modeladmin, request, queryset, ReportStatus.DISMISSED)


@admin.register(ReaderReport)
class ReaderReportAdmin(admin.ModelAdmin):
    """Errors readers reported, open ones first."""

    list_display = ("created_at", "memo_link", "part", "problem_short", "status")
    list_filter = ("status", "part")
    search_fields = ("problem", "passage", "memo__document_number", "memo__slug")
    list_select_related = ("memo",)
    list_per_page = 50
    actions = [accept, dismiss]

    class Media:
        css = {"all": ["archive/css/admin.css"]}

    readonly_fields = (
        "memo_link", "part", "passage", "problem", "email", "version_link", "created_at",
        "resolved_at", "resolved_by",
    )  # fmt: skip
    fields = (
        ("memo_link", "created_at"), "part", "passage", "problem", "email", "version_link",
        "status", "curator_comment", ("resolved_at", "resolved_by"),
    )  # fmt: skip

    def get_ordering(self, request):
        return ["-status", "-created_at", "-pk"]  # open before dismissed before accepted

    def has_add_permission(self, request):
        return False  # reports come from readers

    def save_model(self, request, obj, form, change):
        if "status" in form.changed_data:
            resolved = obj.status != ReportStatus.OPEN
            obj.resolved_at = timezone.now() if resolved else None
            obj.resolved_by = request.user if resolved else None
        super().save_model(request, obj, form, change)

    @admin.display(description="memo", ordering="memo__document_number")
    def memo_link(self, report):
        memo = report.memo
        url = reverse("admin:archive_memo_change", args=[memo.pk])
        return format_html('<a href="{}">{}</a>', url, memo.document_number or memo.slug)

    @admin.display(description="report")
    def problem_short(self, report):
        return _short(report.problem)

    @admin.display(description="version read")
    def version_link(self, report):
        if not report.version:
            return "—"
        url = reverse("admin:archive_memo_history", args=[report.memo_id])
        return format_html('<a href="{}">version {}</a>', url, report.version)


def resolve_inline(request, formset):
    """Before the memo form's reports are saved: a status set records who and when."""
    for form in formset.forms:
        if "status" in form.changed_data and form.instance.pk:
            resolved = form.instance.status != ReportStatus.OPEN
            form.instance.resolved_at = timezone.now() if resolved else None
            form.instance.resolved_by = request.user if resolved else None


class ReaderReportInline(admin.TabularInline):
    """A memo's reader reports on its change form: read them, set their status."""

    model = ReaderReport
    extra = 0
    fields = ("created_at", "part", "passage_short", "problem", "status", "curator_comment")
    readonly_fields = ("created_at", "part", "passage_short", "problem")
    ordering = ("-status", "-created_at")
    classes = ("collapse",)
    verbose_name_plural = "readers' error reports"

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="passage")
    def passage_short(self, report):
        return _short(report.passage) or "—"

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None:
            field.widget.attrs.setdefault("aria-label", str(db_field.verbose_name).capitalize())
            if db_field.name == "curator_comment":
                field.widget.attrs.update(rows=2, cols=30)
        return field
