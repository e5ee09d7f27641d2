"""Memos in the admin: the list with filters and review flags, the change form with its
workflow panel, redactions and notes inline, history with diffs and revert.

Status moves only through the workflow (archive/curation/workflow.py): the status field is read-only
here, and a revert never brings an old status back. A field a curator changes is marked
curated (a re-ingest leaves it) and vouched for (confidence 1); a corrected text takes its
notes, redactions and page spans along (curation/corrections.py) and reindexes this memo only.
"""

from types import SimpleNamespace

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from archive.admin.filters import (
    HasRedactionsFilter,
    YearFilter,
    common_values_filter,
    redaction_counts,
)
from archive.admin.history import HistoryAdmin
from archive.admin.inlines import LabelledTabularInline
from archive.admin.memo_actions import ACTIONS
from archive.admin.memo_form import MemoForm, curated_sources
from archive.admin.memo_views import MemoViews
from archive.admin.notes import NoteInline, anchor_note
from archive.admin.provenance import extraction_info, nara_form
from archive.admin.reports import ReaderReportInline, resolve_inline
from archive.admin.suppressions import marked_passages
from archive.choices import Status
from archive.curation import workflow
from archive.curation.corrections import apply_text_change, move_sources
from archive.identifiers import doc_key, normalise_text, text_checksum
from archive.ingest.restore import CURATABLE
from archive.ingest.store import unique_slug
from archive.models import Collection, Memo, Note, ReaderReport, Redaction

# Kept from the database on every save: set by the workflow, ingest or the code, not the form,
# and never brought back by a revert to an old version.
PROTECTED = (
    "status", "published_at", "slug", "checksum", "ingested_at", "field_confidence",
    "review_notes", "curated_fields", "extra", "source_file", "ocr_quality", "field_sources",
    "archival_description", "parts",
)  # fmt: skip


class RedactionInline(LabelledTabularInline):
    """Redactions of a memo, in text order."""

    model = Redaction
    extra = 0
    fields = ("start", "end", "marker", "codes", "kind")
    ordering = ("start",)
    classes = ("collapse",)


@admin.register(Memo)
class MemoAdmin(MemoViews, HistoryAdmin):
    """Edit, review and publish memos."""

    form = MemoForm
    list_display = (
        "display_number",
        "title_short",
        "date",
        "agency",
        "status",
        "review_column",
        "redaction_count",
    )
    list_display_links = ("display_number", "title_short")
    list_filter = (
        "status",
        "needs_review",
        HasRedactionsFilter,
        "classification",
        YearFilter,
        common_values_filter("agency", "agency"),
        common_values_filter("office", "office"),
        "collection",
    )
    search_fields = ("document_number", "title", "slug", "source_id", "nara_record_number")
    # No date_hierarchy: its min/max and distinct-date queries scan the table on every page;
    # the year filter does the same job from a cached list.
    list_per_page = 50
    # A count of the whole table on every page costs seconds at 100k memos.
    show_full_result_count = False
    actions = ACTIONS
    inlines = [RedactionInline, NoteInline, ReaderReportInline]
    readonly_fields = (
        "status",
        "slug",
        "review_flags",
        "source_file",
        "checksum",
        "ingested_at",
        "updated_at",
        "published_at",
        "field_confidence",
        "review_notes",
        "curated_fields",
        "extra",
        "ocr_quality",
        "archival_form",
        "extraction",
        "suppressed_passages",
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
                    "document_type",
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
                    "subjects",
                    "collection",
                    "release_group",
                    "source_citation",
                    ("release_date", "page_count"),
                )
            },
        ),
        ("Archival description (NARA identification form)", {"fields": ("archival_form",)}),
        ("Content", {"fields": ("summary", "text", "suppressed_passages")}),
        (
            "Provenance",
            {
                "classes": ("collapse",),
                "fields": (
                    "source_file",
                    "checksum",
                    ("ingested_at", "updated_at", "published_at"),
                    "ocr_quality",
                    "extraction",
                    "field_confidence",
                    "review_notes",
                    "curated_fields",
                    "extra",
                ),
            },
        ),
    )

    class Media:
        css = {"all": ["archive/css/admin.css"]}

    def view_on_site(self, memo):
        # Only a published memo has a public page; others would be a 404.
        return memo.get_absolute_url() if memo.status == Status.PUBLISHED else None

    def get_inlines(self, request, obj):
        # Readers' reports are shown where there are some (never on the add form).
        if obj is None or not obj.reader_reports.exists():
            return [inline for inline in self.inlines if inline is not ReaderReportInline]
        return self.inlines

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "text":
            field.widget.attrs.update(rows=30, cols=100, spellcheck="false")
        return field

    # Permissions of the workflow actions (the `permissions` of each @admin.action).
    def has_submit_permission(self, request):
        return request.user.has_perm("archive.submit_memo")

    def has_review_permission(self, request):
        return request.user.has_perm("archive.review_memo")

    def has_publish_permission(self, request):
        return request.user.has_perm("archive.publish_memo")

    def has_withdraw_permission(self, request):
        return request.user.has_perm("archive.withdraw_memo")

    def has_merge_permission(self, request):
        return request.user.has_perm("archive.merge_memo")

    def get_search_results(self, request, queryset, search_term):
        # A document number, slug or source id is found by its index, not by scanning texts.
        term = search_term.strip()
        key = doc_key(term)
        if key:
            exact = queryset.filter(Q(doc_key=key) | Q(slug=key) | Q(source_id=term))
            if exact.exists():
                return exact, False
        return super().get_search_results(request, queryset, search_term)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_redactions=redaction_counts())

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

    @admin.display(description="to review", ordering="needs_review")
    def review_column(self, memo):
        fields = memo.uncertain_fields()
        if not fields:
            return "—"
        more = f" and {len(fields) - 3} more" if len(fields) > 3 else ""
        return format_html("⚠ {}{}", ", ".join(fields[:3]), more)

    @admin.display(description="needs review")
    def review_flags(self, memo):
        fields = memo.uncertain_fields()
        if not fields:
            return "No: every extracted field is confident."
        notes = format_html_join("", "<li>{}</li>", ((note,) for note in memo.review_notes))
        return format_html(
            "<strong>Check:</strong> {}{}", ", ".join(fields), format_html("<ul>{}</ul>", notes)
        )

    @admin.display(description="identification form")
    def archival_form(self, memo):
        return nara_form(memo)

    @admin.display(description="extraction")
    def extraction(self, memo):
        return extraction_info(memo)

    @admin.display(description="suppressed passages (masked on every public surface)")
    def suppressed_passages(self, memo):
        return marked_passages(memo) if memo.pk else "—"

    def change_view(self, request, object_id, form_url="", extra_context=None):
        memo = self.get_object(request, object_id)
        extra_context = extra_context or {}
        if memo is not None:
            extra_context["workflow"] = {
                "moves": workflow.available(memo, request.user),
                "url": reverse("admin:archive_memo_workflow", args=[memo.pk]),
                "approve_url": reverse("admin:archive_memo_approve", args=[memo.pk]),
                "can_approve": memo.needs_review and self.has_review_permission(request),
                "uncertain": memo.uncertain_fields(),
                "changes": list(memo.status_changes.select_related("user")[:8]),
                "audit_url": reverse("admin:archive_memo_audit", args=[memo.pk]),
                "suppress_url": reverse("admin:archive_memo_suppress", args=[memo.pk]),
                "note_url": reverse("archive:note-new", args=[memo.slug]),
                "public": memo.status == Status.PUBLISHED,
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.text = normalise_text(obj.text)
            obj.checksum = text_checksum(obj.text)
            obj.slug = unique_slug(
                SimpleNamespace(
                    slug="",
                    values={
                        "document_number": obj.document_number,
                        "source_id": obj.source_id,
                        "title": obj.title,
                        "checksum": obj.checksum,
                    },
                )
            )
            obj.curated_fields = sorted(CURATABLE & set(form.changed_data))
            obj.field_sources = curated_sources(obj.field_sources, obj.curated_fields)
            super().save_model(request, obj, form, change)
            return
        current = Memo.objects.get(pk=obj.pk)
        for name in PROTECTED:
            setattr(obj, name, getattr(current, name))
        obj.text = normalise_text(obj.text)
        edited = [
            name
            for name in form.fields
            if name in CURATABLE | {"release_group"}
            and getattr(obj, name) != getattr(current, name)
        ]
        if edited:
            confidence = dict(obj.field_confidence)
            for name in edited:
                if name in confidence:
                    confidence[name] = 1.0  # the curator's value is the document's
            obj.field_confidence = confidence
            obj.curated_fields = sorted(set(obj.curated_fields) | (set(edited) & CURATABLE))
            obj.field_sources = curated_sources(obj.field_sources, edited)
            obj._change_reason = f"edited: {', '.join(edited)}"
        if "text" in edited:
            obj.checksum = text_checksum(obj.text)
            move_sources(obj, current.text)
        super().save_model(request, obj, form, change)
        if "text" in edited:
            report = apply_text_change(obj, current.text)
            self.message_user(request, f"Text corrected: {report}", messages.INFO)

    def save_formset(self, request, form, formset, change):
        if formset.model is Note:
            self._save_notes(request, form.instance, formset)
            return
        if formset.model is ReaderReport:
            resolve_inline(request, formset)
        super().save_formset(request, form, formset, change)
        if formset.model is Redaction and (
            formset.new_objects or formset.changed_objects or formset.deleted_objects
        ):
            memo = form.instance
            if "redactions" not in memo.curated_fields:
                memo.curated_fields = [*memo.curated_fields, "redactions"]
                memo.save(update_fields=["curated_fields"])

    def _save_notes(self, request, memo, formset):
        notes = formset.save(commit=False)
        for note in formset.deleted_objects:
            note.delete()
        moved = {
            note.pk for note, fields in formset.changed_objects if {"start", "end"} & set(fields)
        }
        for note in notes:
            if note.author_id is None:
                note.author = request.user
            if note.pk is None or note.pk in moved:
                anchor_note(note, memo.text)
            note.save()

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # simple_history saves a revert without asking for the change permission.
        if request.method == "POST" and not self.has_change_permission(request):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


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
