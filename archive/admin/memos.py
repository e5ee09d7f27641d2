"""Memos in the admin: list with filters and review flags, redactions inline, publishing."""

from django.contrib import admin, messages
from django.db import transaction
from django.db.models import Count, Exists, OuterRef
from django.utils import timezone
from django.utils.html import format_html

from archive.choices import Status
from archive.models import Collection, Memo, Redaction
from archive.search import queue


class YearFilter(admin.SimpleListFilter):
    """Filter memos by the year of their date."""

    title = "year"
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = Memo.objects.dates("date", "year", order="DESC")
        return [(str(day.year), str(day.year)) for day in years]

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(date__year=int(value))
        return queryset


class HasRedactionsFilter(admin.SimpleListFilter):
    """Filter memos with or without redaction markers."""

    title = "has redactions"
    parameter_name = "redacted"

    def lookups(self, request, model_admin):
        return [("yes", "Yes"), ("no", "No")]

    def queryset(self, request, queryset):
        has = Exists(Redaction.objects.filter(memo=OuterRef("pk")))
        if self.value() == "yes":
            return queryset.filter(has)
        if self.value() == "no":
            return queryset.exclude(has)
        return queryset


class RedactionInline(admin.TabularInline):
    """Redactions of a memo, in text order."""

    model = Redaction
    extra = 0
    fields = ("start", "end", "marker", "codes", "kind")
    ordering = ("start",)
    classes = ("collapse",)


def _set_status(modeladmin, request, queryset, status, verb):
    with transaction.atomic():
        ids = list(queryset.values_list("pk", flat=True))
        updates = {"status": status}
        if status == Status.PUBLISHED:
            queryset.filter(published_at__isnull=True).update(published_at=timezone.now())
        Memo.objects.filter(pk__in=ids).update(**updates)
        queue.enqueue(ids)
    modeladmin.message_user(request, f"{verb} {len(ids)} memo(s).", messages.SUCCESS)


@admin.action(description="Publish selected memos", permissions=["change"])
def publish(modeladmin, request, queryset):
    _set_status(modeladmin, request, queryset, Status.PUBLISHED, "Published")


@admin.action(description="Withdraw selected memos from the public", permissions=["change"])
def withdraw(modeladmin, request, queryset):
    _set_status(modeladmin, request, queryset, Status.WITHDRAWN, "Withdrew")


@admin.register(Memo)
class MemoAdmin(admin.ModelAdmin):
    """Edit, review and publish memos."""

    list_display = (
        "display_number",
        "title_short",
        "date",
        "agency",
        "office",
        "status",
        "needs_review",
        "redaction_count",
    )
    list_display_links = ("display_number", "title_short")
    list_filter = (
        "status",
        "needs_review",
        HasRedactionsFilter,
        "classification",
        YearFilter,
        "agency",
        "office",
        "collection",
    )
    search_fields = ("document_number", "title", "slug", "source_id", "nara_record_number")
    date_hierarchy = "date"
    list_per_page = 50
    actions = [publish, withdraw]
    inlines = [RedactionInline]
    readonly_fields = (
        "slug",
        "review_flags",
        "source_file",
        "checksum",
        "ingested_at",
        "updated_at",
        "published_at",
        "field_confidence",
        "review_notes",
        "extra",
        "ocr_quality",
    )
    fieldsets = (
        (None, {"fields": ("status", "review_flags")}),
        (
            "Identification",
            {
                "fields": (
                    "document_number",
                    "slug",
                    "title",
                    ("date", "date_precision"),
                    ("crest_id", "nara_record_number"),
                    ("foia_case", "file_number"),
                )
            },
        ),
        (
            "Origin",
            {
                "fields": (
                    "agency",
                    "directorate",
                    "office",
                    "division",
                    "branch",
                    "sender",
                    "recipient",
                )
            },
        ),
        (
            "Classification and release",
            {
                "fields": (
                    ("classification", "classification_marking"),
                    "control_markings",
                    "collection",
                    "source_citation",
                    ("release_date", "page_count"),
                )
            },
        ),
        ("Content", {"fields": ("summary", "text")}),
        (
            "Provenance",
            {
                "classes": ("collapse",),
                "fields": (
                    "source_file",
                    "checksum",
                    ("ingested_at", "updated_at", "published_at"),
                    "ocr_quality",
                    "field_confidence",
                    "review_notes",
                    "extra",
                ),
            },
        ),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_redactions=Count("redactions"))

    @admin.display(description="number", ordering="document_number")
    def display_number(self, memo):
        return memo.document_number or memo.slug

    @admin.display(description="title", ordering="title")
    def title_short(self, memo):
        title = memo.display_title
        return title if len(title) <= 80 else title[:77] + "…"

    @admin.display(description="redactions", ordering="_redactions")
    def redaction_count(self, memo):
        return memo._redactions

    @admin.display(description="needs review")
    def review_flags(self, memo):
        fields = memo.uncertain_fields()
        if not fields:
            return "No: every extracted field is confident."
        return format_html("<strong>Check:</strong> {}", ", ".join(fields))


@admin.register(Collection)
class CollectionAdmin(admin.ModelAdmin):
    """Collections memos belong to."""

    list_display = ("name", "memo_count")
    search_fields = ("name",)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_memos=Count("memos"))

    @admin.display(description="memos", ordering="_memos")
    def memo_count(self, collection):
        return collection._memos
