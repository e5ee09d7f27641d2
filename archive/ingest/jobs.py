"""The job queue: files a curator uploads become memos outside the web request.

An upload is checked (type by content, size, page count) before it is queued, stored under
MEDIA_ROOT/uploads/ (never served), and recorded as a Job. A job is claimed atomically (a
conditional UPDATE, which SQLite and PostgreSQL both serialise), then run: pages are loaded
and read with Tesseract, the text goes through extraction and `store`, and the page images
are stored with their text spans, all in one transaction. A failure keeps its reason and the
job can be retried. Jobs are run by `manage.py worker`, or, as ARCHIVE_JOBS_MODE says, by a
background thread of the web process ("thread") or at once ("inline", for tests).
"""

import logging
import re
import threading
from pathlib import Path

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.db import connections, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.text import get_valid_filename

from archive.ingest.documents import IngestError
from archive.ingest.images import safe_source_name
from archive.ingest.sources import read_text_file
from archive.ingest.uploads import UploadError, check_upload
from archive.models import Job, JobStatus

log = logging.getLogger("archive.jobs")

MAX_ATTEMPTS = 3
# Metadata a curator may give with an upload; the rest is extracted from the text.
METADATA_KEYS = ("title", "document_number", "date", "collection")


def _storage_name(name):
    """The name an upload is stored under: its own where storage can keep it, else "upload"
    (a name such as ":" has no character a file name may keep). Runs of dots become one and
    a name never starts with one ("..txt" is stored as "upload.txt"): no stored name holds
    "..", nor is hidden."""
    name = safe_source_name(name)
    try:
        name = get_valid_filename(name)
    except SuspiciousFileOperation:
        name = "upload" + "".join(Path(name).suffixes[-1:])
    name = re.sub(r"\.{2,}", ".", name)
    return "upload" + name if name.startswith(".") else name


def create_job(uploads, user=None, metadata=None, kinds=None):
    """Queue one job for these checked uploads (the pages of one memo, in order)."""
    uploads = list(uploads)
    kinds = kinds or [check_upload(upload) for upload in uploads]
    if "text" in kinds and len(uploads) > 1:
        raise UploadError("A text file is one memo: upload it alone.")
    metadata = {k: str(v).strip() for k, v in (metadata or {}).items() if k in METADATA_KEYS and v}
    first = safe_source_name(uploads[0].name)
    saved = []
    try:
        with transaction.atomic():
            job = Job(
                original_name=first if len(uploads) == 1 else f"{first} (+{len(uploads) - 1})",
                created_by=user if getattr(user, "pk", None) else None,
                options={"kind": "text" if "text" in kinds else "scan", "metadata": metadata},
            )
            job.upload.save(_storage_name(first), uploads[0], save=False)
            saved.append(job.upload.name)
            more = []
            for upload in uploads[1:]:
                name = default_storage.save(
                    job.upload.field.generate_filename(job, _storage_name(upload.name)), upload
                )
                saved.append(name)
                more.append(name)
            job.options["more_files"] = more
            job.save()
            transaction.on_commit(kick, robust=True)
    except BaseException:
        for name in saved:
            default_storage.delete(name)
        raise
    return job


def upload_names(job):
    """Names (in storage) of the files a job was given."""
    return [name for name in [job.upload.name, *(job.options.get("more_files") or [])] if name]


def delete_jobs(queryset):
    """Delete jobs (never a running one) and, once that commits, their uploaded files."""
    names = []
    with transaction.atomic():
        doomed = list(queryset.exclude(status=JobStatus.RUNNING))
        for job in doomed:
            names.extend(upload_names(job))
            job.delete()
        transaction.on_commit(lambda: [default_storage.delete(name) for name in names])
    return len(doomed)


def claim():
    """Take the oldest queued job for this worker, or None; two workers never get the same."""
    while True:
        pk = (
            Job.objects.filter(status=JobStatus.QUEUED)
            .order_by("created_at", "pk")
            .values_list("pk", flat=True)
            .first()
        )
        if pk is None:
            return None
        now = timezone.now()
        taken = Job.objects.filter(pk=pk, status=JobStatus.QUEUED).update(
            status=JobStatus.RUNNING,
            started_at=now,
            heartbeat_at=now,
            finished_at=None,
            attempts=F("attempts") + 1,
            progress=0,
            message="",
        )
        if taken:
            return Job.objects.select_related("created_by").get(pk=pk)


def _progress(job, done, total):
    Job.objects.filter(pk=job.pk).update(progress=done, total=total, heartbeat_at=timezone.now())


def run(job):
    """Process a claimed job: OCR, extraction, store; it ends done or failed with a reason."""
    from archive.curation.workflow import acting_as

    try:
        with acting_as(job.created_by):
            memo, summary = _process(job)
    except IngestError as error:
        _finish(job, JobStatus.FAILED, error.reason)
    except Exception as error:  # a job must end, whatever went wrong; the log has the trace
        log.exception("Job %s failed", job.pk)
        _finish(job, JobStatus.FAILED, f"unexpected error: {type(error).__name__}: {error}")
    else:
        _finish(job, JobStatus.DONE, summary, memo)
    job.refresh_from_db()
    return job


def _paths(job):
    return [Path(job.upload.path)] + [
        Path(default_storage.path(name)) for name in job.options.get("more_files") or []
    ]


def _process(job):
    from archive.ingest.records import build_record
    from archive.ingest.scans import read_scan
    from archive.ingest.store import store

    paths = _paths(job)
    if job.options.get("kind") == "text":
        _progress(job, 0, 2)
        raw = read_text_file(paths[0])
        raw.source_file = job.original_name
    else:
        raw = read_scan(
            paths,
            source_file=job.original_name,
            lang=settings.ARCHIVE_OCR_LANGUAGE,
            progress=lambda done, total: _progress(job, done, total + 2),
        )
    raw.source = f"{job.original_name} (job {job.pk})"
    raw.metadata.update(job.options.get("metadata") or {})
    record = build_record(raw)
    current = Job.objects.values_list("progress", "total").get(pk=job.pk)
    _progress(job, current[0] + 1, current[1])
    outcome = store(record)
    memo = outcome.memo
    summary = f"{outcome.action.capitalize()} memo {memo.slug}"
    if raw.pages:
        summary += f" from {len(raw.pages)} page(s)"
        if memo.ocr_quality is not None:
            summary += f", OCR quality {memo.ocr_quality:.0%}"
    if memo.needs_review:
        summary += f"; to review: {', '.join(memo.uncertain_fields())}"
    return memo, summary + "."


def _finish(job, status, message, memo=None):
    updates = {"status": status, "message": message, "finished_at": timezone.now()}
    if memo is not None:
        updates["memo"] = memo
    if status == JobStatus.DONE:
        updates["progress"] = F("total")
    Job.objects.filter(pk=job.pk).update(**updates)


def retry(jobs):
    """Queue failed jobs again; returns how many were queued."""
    count = Job.objects.filter(pk__in=[job.pk for job in jobs], status=JobStatus.FAILED).update(
        status=JobStatus.QUEUED, message="", progress=0, started_at=None, finished_at=None
    )
    if count:
        transaction.on_commit(kick, robust=True)
    return count


def requeue_stale():
    """Jobs whose worker died (silent too long) are queued again, or failed after 3 attempts."""
    limit = timezone.now() - timezone.timedelta(seconds=settings.ARCHIVE_JOB_STALE_SECONDS)
    stale = Job.objects.filter(status=JobStatus.RUNNING).filter(
        Q(heartbeat_at__lt=limit) | Q(heartbeat_at__isnull=True, started_at__lt=limit)
    )
    failed = stale.filter(attempts__gte=MAX_ATTEMPTS).update(
        status=JobStatus.FAILED,
        finished_at=timezone.now(),
        message=f"the worker stopped while running it, {MAX_ATTEMPTS} times: not retried again",
    )
    queued = stale.filter(attempts__lt=MAX_ATTEMPTS).update(status=JobStatus.QUEUED)
    return queued + failed


def run_pending(limit=None):
    """Claim and run queued jobs until none is left (or `limit` ran); returns how many ran."""
    done = 0
    requeue_stale()
    while limit is None or done < limit:
        job = claim()
        if job is None:
            break
        run(job)
        done += 1
    return done


def kick():
    """Start processing queued jobs as ARCHIVE_JOBS_MODE says; never raises to the caller."""
    mode = settings.ARCHIVE_JOBS_MODE
    if mode == "inline":
        try:
            run_pending()
        except Exception:
            log.exception("Running jobs failed; they stay queued")
    elif mode == "thread":
        _runner().wake()


class _Runner:
    """A daemon thread of the web process that runs queued jobs when woken."""

    def __init__(self):
        self.event = threading.Event()
        self.idle = threading.Event()  # set when the queue was found empty after a wake
        self.thread = threading.Thread(target=self.loop, name="archive-jobs", daemon=True)
        self.thread.start()

    def wake(self):
        self.idle.clear()
        self.event.set()

    def loop(self):
        while True:
            self.event.wait()
            self.event.clear()
            try:
                run_pending()
            except Exception:
                log.exception("Running jobs failed; they stay queued")
            finally:
                # This thread may sleep for hours: it keeps no database connection meanwhile.
                connections.close_all()
                if not self.event.is_set():
                    self.idle.set()


_runner_lock = threading.Lock()
_runner_instance = None


def _runner():
    global _runner_instance
    with _runner_lock:
        if _runner_instance is None or not _runner_instance.thread.is_alive():
            _runner_instance = _Runner()
        return _runner_instance
