"""Uploads become memos through jobs: checked before queueing, claimed once, OCR'd, failures
kept with their reason and retried; `worker` and `ingest` take the same files."""

import io
import os
import re
import shutil
import subprocess
import sys
import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from PIL import Image

from archive.ingest import jobs, uploads
from archive.ingest.scans import tesseract_available
from archive.models import Job, JobStatus, Memo
from tests.conftest import REPO, SEED, run_command

needs_tesseract = pytest.mark.skipif(
    not tesseract_available(), reason="tesseract is not installed (Debian's tesseract-ocr)"
)


def upload(name, data):
    return SimpleUploadedFile(name, data)


def png(width=400, height=300):
    image = Image.new("L", (width, height), 255)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "empty"),
        ("notes.txt", b"\xff\xfe\x00bad", "not UTF-8"),
        ("blank.txt", b"   \n  ", "holds no text"),
        ("memo.pdf", b"just some text pretending", "not a PDF, PNG, JPEG or TIFF"),
        ("scan.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "not a readable image"),
        ("broken.pdf", b"%PDF-1.4\nnot really a pdf", "not a readable PDF"),
    ],
)
def test_bad_uploads_are_refused_with_a_reason(db, name, data, message):
    with pytest.raises(uploads.UploadError, match=message):
        uploads.check_upload(upload(name, data))
    assert not Job.objects.exists()


def test_huge_upload_is_refused(db, settings):
    settings.ARCHIVE_MAX_UPLOAD_BYTES = 1000
    with pytest.raises(uploads.UploadError, match="more than the limit"):
        uploads.check_upload(upload("big.txt", b"x" * 2000))


def test_bomb_image_is_refused_before_decoding(db):
    buffer = io.BytesIO()
    Image.new("1", (12_000, 12_000)).save(buffer, format="PNG")  # 144 Mpx, a few KB
    with pytest.raises(uploads.UploadError, match="decompression bomb"):
        uploads.check_upload(upload("bomb.png", buffer.getvalue()))


def test_text_upload_through_the_admin_makes_a_draft_memo(
    admin_client, django_capture_on_commit_callbacks, settings
):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            "/admin/archive/job/add/",
            {"files": upload("EA-M-84-10245.txt", SEED.read_bytes()), "title": ""},
        )
    assert response.status_code == 302
    job = Job.objects.get()
    assert job.status == JobStatus.DONE, job.message
    assert job.created_by.username == "admin" and job.attempts == 1
    assert job.upload.name.startswith("uploads/")
    assert (settings.MEDIA_ROOT / job.upload.name).exists()
    memo = job.memo
    assert memo.status == "draft" and memo.document_number == "EA M 84-10245"
    assert memo.source_file == "EA-M-84-10245.txt" and memo.redactions.count() == 32
    assert memo.history.first().history_user.username == "admin"
    page = admin_client.get(f"/admin/archive/job/{job.pk}/change/").content.decode()
    assert "Done" in page and memo.slug in page
    # The upload is never served.
    assert admin_client.get("/media/" + job.upload.name).status_code == 404


def test_upload_page_shows_errors_and_queues_nothing(admin_client):
    page = admin_client.get("/admin/archive/job/add/")
    assert page.status_code == 200 and 'type="file"' in page.content.decode()
    response = admin_client.post(
        "/admin/archive/job/add/", {"files": upload("x.exe", b"MZ\x90\x00binary")}
    )
    assert response.status_code == 200
    assert "nor a .txt file" in response.content.decode()
    assert not Job.objects.exists()


def test_given_metadata_goes_with_the_upload(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = jobs.create_job(
            [upload("memo.txt", b"A short memo about nothing much.\n")],
            metadata={"title": "A title the curator knew", "date": "1961-04-17", "bogus": "x"},
        )
    job.refresh_from_db()
    assert job.status == JobStatus.DONE, job.message
    assert job.memo.title == "A title the curator knew"
    assert str(job.memo.date) == "1961-04-17"
    assert "bogus" not in job.options["metadata"]


def test_failure_keeps_its_reason_and_retry_runs_again(
    admin_client, settings, django_capture_on_commit_callbacks
):
    settings.ARCHIVE_JOBS_MODE = "off"
    job = jobs.create_job([upload("memo.txt", b"A memo that will vanish.\n")])
    # The stored upload disappears before the job runs: a failure with a reason.
    stored = settings.MEDIA_ROOT / job.upload.name
    saved = stored.read_bytes()
    stored.unlink()
    assert jobs.run_pending() == 1
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and "unreadable" in job.message
    assert not Memo.objects.exists()
    page = admin_client.get("/admin/archive/job/").content.decode()
    assert "Failed" in page and "unreadable" in page

    stored.write_bytes(saved)
    settings.ARCHIVE_JOBS_MODE = "inline"
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            "/admin/archive/job/", {"action": "retry", "_selected_action": [job.pk]}
        )
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.attempts == 2 and job.memo is not None


def test_a_job_is_claimed_once(db, settings):
    settings.ARCHIVE_JOBS_MODE = "off"
    jobs.create_job([upload("one.txt", b"One memo.\n")])
    first = jobs.claim()
    assert first is not None and first.status == JobStatus.RUNNING and first.attempts == 1
    assert jobs.claim() is None


@pytest.mark.django_db(transaction=True)
def test_concurrent_claims_never_share_a_job_in_threads(settings):
    if connection.vendor == "sqlite":
        pytest.skip("in-memory test SQLite locks tables between threads; see the process test")
    settings.ARCHIVE_JOBS_MODE = "off"
    for n in range(6):
        jobs.create_job([upload(f"m{n}.txt", f"Memo number {n}.\n".encode())])
    claimed, errors = [], []

    def worker():
        try:
            while (job := jobs.claim()) is not None:
                claimed.append(job.pk)
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sorted(claimed) == sorted(Job.objects.values_list("pk", flat=True))


@pytest.mark.slow
def test_worker_processes_never_share_a_job(tmp_path):
    """Three `worker --once` processes on one SQLite file: each job runs exactly once."""
    env = {
        **{k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
        "ARCHIVE_DATA_DIR": str(tmp_path / "data"),
        "ARCHIVE_INDEX_MODE": "off",
        "ARCHIVE_JOBS_MODE": "off",
    }
    manage = [sys.executable, str(REPO / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True, timeout=120)
    make = (
        "from django.core.files.uploadedfile import SimpleUploadedFile as F\n"
        "from archive.ingest import jobs\n"
        "for n in range(12):\n"
        "    jobs.create_job([F(f'm{n}.txt', f'Memo number {n} of the batch.'.encode())])\n"
    )
    subprocess.run([*manage, "shell", "-c", make], env=env, check=True, timeout=120)
    workers = [
        subprocess.Popen([*manage, "worker", "--once"], env=env, stdout=subprocess.PIPE, text=True)
        for _ in range(3)
    ]
    outputs = [worker.communicate(timeout=300)[0] for worker in workers]
    assert all(worker.returncode == 0 for worker in workers), outputs
    done = sum(int(re.search(r"(\d+) job\(s\) done", out).group(1)) for out in outputs)
    assert done == 12, outputs
    check = (
        "from archive.models import Job, Memo\n"
        "print(sorted(set(Job.objects.values_list('status', 'attempts'))), Memo.objects.count())"
    )
    result = subprocess.run(
        [*manage, "shell", "-c", check], env=env, check=True, timeout=120,
        capture_output=True, text=True,
    )  # fmt: skip
    assert result.stdout.strip().splitlines()[-1] == "[('done', 1)] 12"


def test_stale_running_jobs_are_requeued_then_failed(db, settings):
    settings.ARCHIVE_JOBS_MODE = "off"
    settings.ARCHIVE_JOB_STALE_SECONDS = 0
    job = jobs.create_job([upload("one.txt", b"One memo.\n")])
    jobs.claim()
    assert jobs.requeue_stale() == 1
    job.refresh_from_db()
    assert job.status == JobStatus.QUEUED
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, attempts=jobs.MAX_ATTEMPTS)
    jobs.requeue_stale()
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and "stopped" in job.message


def test_worker_command_runs_queued_jobs(db, settings):
    settings.ARCHIVE_JOBS_MODE = "off"
    jobs.create_job([upload("one.txt", b"One memo about Reykjavik.\n")])
    jobs.create_job([upload("two.pdf", b"%PDF-1.4 broken")], kinds=["pdf"])
    status, out, _err = run_command("worker", once=True)
    assert status == 0
    assert "1 job(s) done, 1 failed" in out
    assert Memo.objects.count() == 1


def test_thread_mode_processes_uploads_in_the_background(transactional_db, settings):
    settings.ARCHIVE_JOBS_MODE = "thread"
    job = jobs.create_job([upload("one.txt", b"One memo processed by the thread.\n")])
    # The request that queued it is over; the thread of this process runs it.
    assert jobs._runner().idle.wait(60)
    job.refresh_from_db()
    assert job.status == JobStatus.DONE, job.message
    assert job.memo.text.startswith("One memo processed")


def corpus_scan(corpus, name):
    path = corpus / "scans" / name
    if not path.exists():
        pytest.skip(f"{path} is missing")
    return path


@pytest.mark.slow
@needs_tesseract
def test_scan_upload_through_the_admin_gives_ocr_text_and_metadata(
    admin_client, corpus, django_capture_on_commit_callbacks
):
    path = corpus_scan(corpus, "state-foia-F-1986-04261-C09000031.pdf")
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            "/admin/archive/job/add/", {"files": upload(path.name, path.read_bytes())}
        )
    assert response.status_code == 302
    job = Job.objects.get()
    assert job.status == JobStatus.DONE, job.message
    memo = job.memo
    assert "TELEGRAM" in memo.text and "SHEVARDNADZE" in memo.text
    # Extracted from the OCR text: the telegram's number, agency and classification ...
    assert memo.document_number == "BUCHAR 07545"
    assert memo.agency == "Department of State" and memo.classification == "unclassified"
    # ... and what extraction could not be sure of goes to the review queue.
    assert memo.needs_review and {"title", "date"} <= set(memo.uncertain_fields())
    assert 0 < memo.ocr_quality <= 1 and memo.field_confidence["text"] == memo.ocr_quality
    [page] = memo.pages.all()
    assert page.text and memo.text[page.text_start : page.text_end] == page.text
    assert page.width > 1000 and page.image.name.startswith("pages/")
    assert job.progress == job.total == 3
    assert "OCR quality" in job.message


@pytest.mark.slow
@needs_tesseract
def test_ingest_command_reads_scans_and_images(ingest, corpus, tmp_path):
    pdf = corpus_scan(corpus, "bush41-naid366551660-p111.pdf")
    shutil.copy(pdf, tmp_path / "scan.pdf")
    (tmp_path / "blank.png").write_bytes(png())
    status, out, err = ingest(tmp_path, publish=False)
    # The blank page fails alone, with its reason; the scan is stored with its two pages.
    assert status == 1
    assert "blank.png" in err and "no text could be read" in err
    assert "1 new" in out and "1 failed" in out
    memo = Memo.objects.get()
    assert memo.source_file == "scan.pdf" and memo.status == "draft"
    assert memo.pages.count() == 2 and memo.text.count("\f") == 1
    spans = list(memo.pages.values_list("text_start", "text_end"))
    assert spans[0][0] == 0 and spans[1][1] == len(memo.text) and spans[1][0] == spans[0][1] + 1
    assert "Beijing" in memo.text and memo.page_count == 2


def test_deleting_a_job_removes_its_upload(
    admin_client, settings, django_capture_on_commit_callbacks
):
    settings.ARCHIVE_JOBS_MODE = "off"
    job = jobs.create_job([upload("a.png", png()), upload("b.png", png())])
    stored = [settings.MEDIA_ROOT / name for name in jobs.upload_names(job)]
    assert len(stored) == 2 and all(path.exists() for path in stored)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"/admin/archive/job/{job.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Job.objects.exists() and not any(path.exists() for path in stored)
    running = jobs.create_job([upload("c.txt", b"A memo.\n")])
    jobs.claim()
    assert admin_client.get(f"/admin/archive/job/{running.pk}/delete/").status_code == 403
