"""The review queue: memos with an uncertain field or poor OCR, the uncertain fields named.

A reviewer opens a memo from here (its change form marks each uncertain field and shows the
line it was read from, named here too), corrects what is wrong and approves: the fields are
vouched for (confidence 1, kept on re-ingest) and the memo leaves the queue. Memos already
submitted for review come first, then those whose least sure field is least sure: the queue
asks about what is most likely wrong first, and only about fields below the threshold.
A memo a reader reported an error on (archive/admin/reports.py) stands here too, after those
submitted, until its reports are accepted or dismissed.
"""

from django.contrib import admin
from django.db.models import Case, Count, Exists, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html

from archive.admin.filters import common_values_filter
from archive.admin.memo_actions import approve_fields, publish, return_to_draft
from archive.choices import REVIEW_THRESHOLD, TRACKED_FIELDS, Status
from archive.models import MemoForReview, ReaderReport, ReportStatus
from archive.reading.readings import line_number


def _line(memo, name):
    """Where an uncertain field was read (", line 12"), or "" when that is not known."""
    source = (memo.field_sources or {}).get(name)
    start = source.get("start") if isinstance(source, dict) else None
    if not isinstance(start, int) or start > len(memo.text):
        return ""
    return f", line {line_number(memo.text, start)}"


@admin.register(MemoForReview)
class ReviewAdmin(admin.ModelAdmin):
    """Memos needing review, most urgent first."""

    list_display = (
        "memo_link", "title_short", "status", "uncertain", "reports", "ocr", "first_note",
    )  # fmt: skip
    list_filter = ("status", common_values_filter("agency", "agency"), "collection")
    search_fields = ("document_number", "title", "slug")
    list_per_page = 50
    show_full_result_count = False
    actions = [approve_fields, publish, return_to_draft]

    class Media:
        css = {"all": ["archive/css/admin.css"]}

    # The queue is a view of memos: the memo permissions decide, no permission of its own.
    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("archive.view_memo")

    def has_module_permission(self, request):
        return request.user.has_perm("archive.view_memo")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_review_permission(self, request):
        return request.user.has_perm("archive.review_memo")

    def has_publish_permission(self, request):
        return request.user.has_perm("archive.publish_memo")

    def get_queryset(self, request):
        # Memos with open reports by id (a small table), not by a test on every memo's row.
        reported = ReaderReport.objects.open().values("memo_id")
        open_reports = (
            ReaderReport.objects.open()
            .filter(memo=OuterRef("pk"))
            .order_by()
            .values("memo")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return (
            super()
            .get_queryset(request)
            .filter(Q(needs_review=True) | Q(pk__in=reported))
            .annotate(_reports=Coalesce(Subquery(open_reports), 0))
            .order_by(*self.get_ordering(request))
        )

    def get_ordering(self, request):
        # The admin puts its ordering before the queryset's: the queue's order goes here.
        # Submitted memos first, then those readers reported, then the least sure.
        reported = Exists(
            ReaderReport.objects.filter(memo=OuterRef("pk"), status=ReportStatus.OPEN)
        )
        urgent = Case(
            When(status=Status.IN_REVIEW, then=Value(0)), When(reported, then=Value(1)),
            default=Value(2),
        )  # fmt: skip
        return [urgent.asc(), F("least_confidence").asc(nulls_last=True), "pk"]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # Corrections happen on the memo's own form, where uncertain fields are marked.
        return HttpResponseRedirect(reverse("admin:archive_memo_change", args=[object_id]))

    @admin.display(description="memo", ordering="document_number")
    def memo_link(self, memo):
        url = reverse("admin:archive_memo_change", args=[memo.pk])
        return format_html('<a href="{}">{}</a>', url, memo.document_number or memo.slug)

    @admin.display(description="title", ordering="title")
    def title_short(self, memo):
        title = memo.display_title
        return title if len(title) <= 70 else title[:67] + "…"

    @admin.display(description="uncertain fields", ordering="least_confidence")
    def uncertain(self, memo):
        confidence = memo.field_confidence
        uncertain = sorted(
            (
                (confidence[name], name, label)
                for name, label in TRACKED_FIELDS.items()
                if name in confidence and confidence[name] < REVIEW_THRESHOLD
            ),
        )
        parts = [f"{label} ({c:.0%}{_line(memo, name)})" for c, name, label in uncertain]
        return format_html("⚠ {}", "; ".join(parts)) if parts else "—"

    @admin.display(description="reader reports", ordering="_reports")
    def reports(self, memo):
        if not memo._reports:
            return "—"
        url = reverse("admin:archive_readerreport_changelist")
        return format_html(
            '<a href="{}?memo__id__exact={}&amp;status__exact=open">{} open</a>',
            url, memo.pk, memo._reports,
        )  # fmt: skip

    @admin.display(description="OCR quality", ordering="ocr_quality")
    def ocr(self, memo):
        return f"{memo.ocr_quality:.0%}" if memo.ocr_quality is not None else "—"

    @admin.display(description="why")
    def first_note(self, memo):
        notes = memo.review_notes
        if not notes:
            return ""
        note = str(notes[0])
        more = f" (+{len(notes) - 1})" if len(notes) > 1 else ""
        return (note if len(note) <= 90 else note[:87] + "…") + more
