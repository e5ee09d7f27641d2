"""Uploads in the admin: a curator sends a scan, page images or a text; a job makes the memo.

The upload page checks each file (type by content, size, pages) before anything is queued;
the job list shows where each job stands, with the reason of a failure and a retry action.
Uploaded files are kept under MEDIA_ROOT/uploads/ and never linked or served.
"""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html

from archive.ingest import jobs, uploads
from archive.models import Collection, Job, JobStatus

MAX_FILES = 100
ACCEPT = ".pdf,.png,.jpg,.jpeg,.tif,.tiff,.txt"


class MultipleFileInput(forms.ClearableFileInput):
    """A file input that takes several files at once."""

    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several uploaded files, each checked like one."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, (list, tuple)):
            # No file at all (a part with an empty file name is dropped by the parser): the
            # "required" error, never an empty list.
            items = list(data) or [None]
            return [super(MultipleFileField, self).clean(item, initial) for item in items]
        return [super().clean(data, initial)]


class UploadForm(forms.Form):
    """Files of one new memo, and what the curator already knows about it."""

    files = MultipleFileField(
        label="Files",
        help_text=(
            "A PDF, page images (PNG, JPEG, TIFF; in page order) or a UTF-8 .txt file. "
            "Pages are read with OCR, then the metadata is extracted."
        ),
    )
    title = forms.CharField(max_length=500, required=False, help_text="If you know it.")
    document_number = forms.CharField(max_length=200, required=False, help_text="As printed.")
    date = forms.DateField(
        required=False, help_text="YYYY-MM-DD, if you know it.", widget=forms.DateInput()
    )
    collection = forms.ModelChoiceField(Collection.objects.all(), required=False)

    def clean_files(self):
        files = self.cleaned_data["files"]
        if len(files) > MAX_FILES:
            raise forms.ValidationError(f"At most {MAX_FILES} files make one memo.")
        errors, self.kinds = [], []
        for upload in files:
            try:
                self.kinds.append(uploads.check_upload(upload))
            except uploads.UploadError as error:
                errors.append(str(error))
        if "text" in self.kinds and len(files) > 1:
            errors.append("A text file is one memo: upload it alone.")
        if errors:
            raise forms.ValidationError(errors)
        return files

    def metadata(self):
        data = self.cleaned_data
        return {
            "title": data.get("title"),
            "document_number": data.get("document_number"),
            "date": data["date"].isoformat() if data.get("date") else "",
            "collection": data["collection"].name if data.get("collection") else "",
        }


@admin.action(description="Retry selected failed jobs", permissions=["retry"])
def retry(modeladmin, request, queryset):
    count = jobs.retry(list(queryset.filter(status=JobStatus.FAILED)))
    skipped = queryset.count() - count
    text = f"Queued {count} job(s) again."
    if skipped:
        text += f" {skipped} selected job(s) had not failed and were left."
    modeladmin.message_user(request, text, messages.SUCCESS if count else messages.WARNING)


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    """Upload files and follow the jobs that turn them into memos."""

    list_display = (
        "pk", "original_name", "status_badge", "progress_text", "memo_link", "short_message",
        "created_by", "created_at", "attempts",
    )  # fmt: skip
    list_display_links = ("pk", "original_name")
    list_filter = ("status",)
    list_select_related = ("memo", "created_by")
    search_fields = ("original_name", "message")
    actions = [retry]
    show_full_result_count = False
    fields = (
        "original_name", "status_badge", "progress_text", "memo_link", "message", "attempts",
        "created_by", "created_at", "started_at", "heartbeat_at", "finished_at",
    )  # fmt: skip
    readonly_fields = fields
    change_form_template = "admin/archive/job/change_form.html"

    class Media:
        css = {"all": ["archive/css/admin.css"]}

    def has_retry_permission(self, request):
        return request.user.has_perm("archive.add_job")

    def has_change_permission(self, request, obj=None):
        return False  # a job is a record; it changes only by running or by the retry action

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.status == JobStatus.RUNNING:
            return False  # its worker is reading the files
        return super().has_delete_permission(request, obj)

    def delete_model(self, request, obj):
        jobs.delete_jobs(Job.objects.filter(pk=obj.pk))

    def delete_queryset(self, request, queryset):
        jobs.delete_jobs(queryset)

    @admin.display(description="status", ordering="status")
    def status_badge(self, job):
        return format_html(
            '<span class="job-status job-{}">{}</span>', job.status, job.get_status_display()
        )

    @admin.display(description="progress")
    def progress_text(self, job):
        if not job.total:
            return "—"
        return f"{job.progress} of {job.total} steps"

    @admin.display(description="memo")
    def memo_link(self, job):
        if job.memo_id is None:
            return "—"
        url = reverse("admin:archive_memo_change", args=[job.memo_id])
        return format_html('<a href="{}">{}</a>', url, job.memo)

    @admin.display(description="message")
    def short_message(self, job):
        return job.message if len(job.message) <= 120 else job.message[:117] + "…"

    def changelist_view(self, request, extra_context=None):
        # After a restart, jobs queued earlier wait for the next upload to start the runner.
        if settings.ARCHIVE_JOBS_MODE == "thread":
            jobs.requeue_stale()
            if Job.objects.filter(status=JobStatus.QUEUED).exists():
                jobs.kick()
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        job = self.get_object(request, object_id)
        extra_context = {
            **(extra_context or {}),
            "refresh": job is not None and job.status in (JobStatus.QUEUED, JobStatus.RUNNING),
            "can_retry": job is not None
            and job.status == JobStatus.FAILED
            and self.has_retry_permission(request),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def add_view(self, request, form_url="", extra_context=None):
        """The upload page: check the files, queue one job, go to it."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = UploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            job = jobs.create_job(
                form.cleaned_data["files"],
                user=request.user,
                metadata=form.metadata(),
                kinds=form.kinds,
            )
            job.refresh_from_db()
            self.message_user(
                request,
                f"{job.original_name}: {job.get_status_display().lower()}"
                + (f" — {job.message}" if job.message else "."),
                messages.ERROR if job.status == JobStatus.FAILED else messages.SUCCESS,
            )
            return HttpResponseRedirect(reverse("admin:archive_job_change", args=[job.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": "Upload a document",
            "form": form,
            "opts": self.model._meta,
            "media": self.media + form.media,
            "max_bytes": settings.ARCHIVE_MAX_UPLOAD_BYTES,
        }
        return TemplateResponse(request, "admin/archive/job/upload.html", context)
