"""Bulk actions on selected memos: workflow moves, review approval, extraction, reindexing,
export, collection and merge.

Each action checks its own permission (the `permissions` of @admin.action map to the
MemoAdmin's has_<name>_permission methods), acts on plain Memo rows (never on a proxy, so
history and reindexing signals fire), and tells the curator what it did and what it left.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import StreamingHttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone

from archive.choices import Status
from archive.curation import workflow
from archive.curation.exporting import csv_lines, jsonl_lines
from archive.curation.merging import MergeError, merge
from archive.ingest.reextract import Conflict, reextract
from archive.models import Collection, Memo
from archive.search import queue


def _memos(queryset):
    """The selected rows as plain Memo objects (the review list selects a proxy)."""
    return Memo.objects.filter(pk__in=queryset.values("pk")).order_by("pk")


def _move(modeladmin, request, queryset, to_status, verb):
    outcome = workflow.move(list(_memos(queryset)), to_status, request.user)
    level = messages.SUCCESS if outcome.moved and not outcome.skipped else messages.WARNING
    modeladmin.message_user(request, outcome.summary(verb), level)


@admin.action(description="Submit selected memos for review", permissions=["submit"])
def submit_for_review(modeladmin, request, queryset):
    _move(modeladmin, request, queryset, Status.IN_REVIEW, "Submitted for review")


@admin.action(description="Return selected memos to draft", permissions=["review"])
def return_to_draft(modeladmin, request, queryset):
    _move(modeladmin, request, queryset, Status.DRAFT, "Returned to draft")


@admin.action(description="Publish selected memos", permissions=["publish"])
def publish(modeladmin, request, queryset):
    _move(modeladmin, request, queryset, Status.PUBLISHED, "Published")


@admin.action(description="Withdraw selected memos from the public", permissions=["withdraw"])
def withdraw(modeladmin, request, queryset):
    _move(modeladmin, request, queryset, Status.WITHDRAWN, "Withdrawn")


@admin.action(description="Approve the reviewed fields of selected memos", permissions=["review"])
def approve_fields(modeladmin, request, queryset):
    approved = 0
    with transaction.atomic(), queue.collecting():
        for memo in _memos(queryset.filter(needs_review=True)):
            if workflow.vouch(memo, request.user):
                approved += 1
    modeladmin.message_user(
        request, f"Approved the uncertain fields of {approved} memo(s).", messages.SUCCESS
    )


@admin.action(description="Run extraction again on selected memos", permissions=["change"])
def rerun_extraction(modeladmin, request, queryset):
    changed_memos, busy = 0, []
    with workflow.acting_as(request.user):
        for memo in _memos(queryset):
            try:
                if reextract(memo):
                    changed_memos += 1
            except Conflict:
                busy.append(memo.slug)
    modeladmin.message_user(
        request,
        f"Extraction run again on {queryset.count()} memo(s); {changed_memos} changed "
        "(curated fields and fields given by the source were left as they were).",
        messages.SUCCESS,
    )
    if busy:
        modeladmin.message_user(
            request,
            f"Left as they were, being changed meanwhile: {', '.join(busy)}. Try again.",
            messages.WARNING,
        )


@admin.action(description="Reindex selected memos", permissions=["change"])
def reindex(modeladmin, request, queryset):
    with transaction.atomic():
        ids = list(queryset.values_list("pk", flat=True))
        queue.enqueue(ids)
    modeladmin.message_user(request, f"Queued {len(ids)} memo(s) for reindexing.", messages.SUCCESS)


def _download(lines, filename, content_type):
    response = StreamingHttpResponse(lines, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@admin.action(description="Export selected memos as JSON lines", permissions=["view"])
def export_jsonl(modeladmin, request, queryset):
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    return _download(
        jsonl_lines(_memos(queryset)), f"memos-{stamp}.jsonl", "application/jsonl; charset=utf-8"
    )


@admin.action(description="Export selected memos as CSV", permissions=["view"])
def export_csv(modeladmin, request, queryset):
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    return _download(csv_lines(_memos(queryset)), f"memos-{stamp}.csv", "text/csv; charset=utf-8")


class CollectionForm(forms.Form):
    """Choose the collection to put memos in, or name a new one."""

    collection = forms.ModelChoiceField(
        Collection.objects.all(), required=False, help_text="An existing collection."
    )
    new_name = forms.CharField(max_length=300, required=False, label="or a new collection named")

    def clean(self):
        data = super().clean()
        if bool(data.get("collection")) == bool((data.get("new_name") or "").strip()):
            raise forms.ValidationError("Choose a collection or name a new one (not both).")
        return data


@admin.action(description="Put selected memos in a collection", permissions=["change"])
def assign_collection(modeladmin, request, queryset):
    form = CollectionForm(request.POST if "apply" in request.POST else None)
    if "apply" in request.POST and form.is_valid():
        with transaction.atomic(), queue.collecting(), workflow.acting_as(request.user):
            collection = form.cleaned_data["collection"]
            if collection is None:
                collection = Collection.objects.named(form.cleaned_data["new_name"].strip())
            memos = list(_memos(queryset))
            for memo in memos:
                if memo.collection_id != collection.pk:
                    memo.collection = collection
                    if "collection" not in memo.curated_fields:
                        memo.curated_fields = [*memo.curated_fields, "collection"]
                    memo.save()
        modeladmin.message_user(
            request, f"Put {len(memos)} memo(s) in “{collection}”.", messages.SUCCESS
        )
        return None
    return TemplateResponse(
        request,
        "admin/archive/memo/assign_collection.html",
        {
            **modeladmin.admin_site.each_context(request),
            "title": "Put memos in a collection",
            "form": form,
            "memos": queryset,
            "action": "assign_collection",
            "opts": modeladmin.model._meta,
        },
    )


@admin.action(description="Merge two records of one document", permissions=["merge"])
def merge_records(modeladmin, request, queryset):
    memos = list(_memos(queryset)[:3])
    if len(memos) != 2:
        modeladmin.message_user(request, "Select exactly two memos to merge.", messages.ERROR)
        return None
    if "apply" in request.POST:
        survivor_pk = request.POST.get("survivor")
        survivor = next((m for m in memos if str(m.pk) == survivor_pk), None)
        if survivor is None:
            modeladmin.message_user(request, "Choose which record survives.", messages.ERROR)
        else:
            other = memos[1] if survivor is memos[0] else memos[0]
            try:
                merge(survivor, other, request.user)
            except (MergeError, PermissionDenied) as error:
                modeladmin.message_user(request, str(error), messages.ERROR)
                return None
            modeladmin.message_user(
                request,
                f"Merged {other.slug} into {survivor.slug}; /memos/{other.slug}/ now leads to it.",
                messages.SUCCESS,
            )
            return None
    return TemplateResponse(
        request,
        "admin/archive/memo/merge.html",
        {
            **modeladmin.admin_site.each_context(request),
            "title": "Merge two records of one document",
            "memos": memos,
            "action": "merge_records",
            "opts": modeladmin.model._meta,
        },
    )


ACTIONS = [
    submit_for_review, return_to_draft, publish, withdraw, approve_fields, rerun_extraction,
    reindex, export_jsonl, export_csv, assign_collection, merge_records,
]  # fmt: skip
