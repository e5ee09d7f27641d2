"""Hostile files through every way in: `manage.py ingest`, `attach_pages` and the admin upload.

Decompression bombs, truncated PNG/TIFF/JPEG/PDF, a PDF of 10,000 pages, empty files, wrong
extensions and path-traversal names: each gets a clear error naming the file, nothing is
half-stored (no Memo, Page or Job rows beyond those expected) and the storage folders (media,
derivatives) are unchanged. The reading of such files (archive.ingest.images) is tested in
tests/test_pages.py, whose HOSTILE set is reused here.
"""

import hashlib
import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from archive.models import Job, Memo, Page
from tests import pagefiles as files
from tests.conftest import SEED, run_command
from tests.test_pages import HOSTILE

TEN_THOUSAND_PAGES = "long.pdf"


@pytest.fixture(scope="module")
def long_pdf():
    """A real PDF of 10,000 blank pages (about 1 MB; made once, without rendering any)."""
    return files.pdf_pages(10_000)


def hostile_bytes(name, long_pdf):
    if name == TEN_THOUSAND_PAGES:
        return long_pdf
    return HOSTILE[name][0]()


CASES = sorted(HOSTILE) + [TEN_THOUSAND_PAGES]
REASONS = {**{name: reason for name, (_make, reason) in HOSTILE.items()},
           TEN_THOUSAND_PAGES: "10,000 pages; the limit is 500"}  # fmt: skip


def snapshot(settings):
    """{relative path: sha256} of every file in the media and derivatives folders."""
    found = {}
    for root in (Path(settings.MEDIA_ROOT), Path(settings.ARCHIVE_DERIVATIVES_DIR)):
        if root.exists():
            for path in root.rglob("*"):
                if path.is_file():
                    found[f"{root.name}/{path.relative_to(root)}"] = hashlib.sha256(
                        path.read_bytes()
                    ).hexdigest()
    return found


def counts():
    return Memo.objects.count(), Page.objects.count(), Job.objects.count()


@pytest.mark.parametrize("name", CASES)
def test_ingest_command_refuses_hostile_scans(seed, ingest, tmp_path, settings, name, long_pdf):
    folder = tmp_path / "in"
    folder.mkdir()
    path = folder / name
    path.write_bytes(hostile_bytes(name, long_pdf))
    before, stored = counts(), snapshot(settings)
    status, _out, err = ingest(path)
    assert status == 1
    # ingest picks files by extension first: a .gif is refused as a type it does not read.
    reason = "unsupported file type" if name.endswith(".gif") else REASONS[name]
    assert str(path) in err and reason in err, err
    assert counts() == before
    assert snapshot(settings) == stored


def test_one_bad_file_in_a_folder_fails_alone(ingest, tmp_path, settings, db):
    """A folder of a good memo and hostile files: the good one is stored, each bad one is
    reported with its reason, and nothing of the bad ones is kept."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "EA-M-84-10245.txt").write_bytes(SEED.read_bytes())
    for name in ("bomb.png", "truncated.tif", "empty.png", "header-only.pdf"):
        (folder / name).write_bytes(HOSTILE[name][0]())
    status, _out, err = ingest(folder)
    assert status == 1
    for name in ("bomb.png", "truncated.tif", "empty.png", "header-only.pdf"):
        assert f"{folder / name}" in err and HOSTILE[name][1] in err, (name, err)
    assert Memo.objects.count() == 1 and Page.objects.count() == 0
    assert snapshot(settings) == {}


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b" \n\t\n", "no text"),
        ("binary.txt", files.encoded(files.page_image(40, 40), "PNG"), "UTF-8"),
        ("memo.pdf", SEED.read_bytes(), "not a PDF, PNG, JPEG or TIFF"),
        ("memo.exe", b"MZ\x90\x00", "unsupported"),
        ("bad.jsonl", b'{"id": "x", "text": "ok"}\n{not json\n', "bad.jsonl:2: malformed JSON"),
    ],
)
def test_ingest_command_refuses_empty_and_misnamed_files(
    ingest, tmp_path, settings, db, name, data, reason
):
    path = tmp_path / name
    path.write_bytes(data)
    status, out, err = ingest(path)
    assert status == 1, out
    assert reason.lower() in err.lower(), err
    assert str(path) in err
    assert Memo.objects.count() == (1 if name == "bad.jsonl" else 0)  # the good line is kept
    assert snapshot(settings) == {}


def test_path_traversal_names_stay_inside_storage(seed, tmp_path, settings):
    """A scan whose name climbs out of its folder is stored under MEDIA_ROOT with a safe name."""
    folder = tmp_path / "a" / "b"
    folder.mkdir(parents=True)
    path = folder / ".." / ".." / "..%2f..%2fevil.png"
    path.write_bytes(files.encoded(files.page_image(300, 400), "PNG"))
    status, _out, err = run_command("attach_pages", seed.slug, str(path), no_progress=True)
    assert status == 0, err
    (page,) = seed.pages.all()
    media = Path(settings.MEDIA_ROOT).resolve()
    stored = (media / page.image.name).resolve()
    assert stored.is_relative_to(media) and stored.exists()
    assert "/" not in page.source_name and ".." not in page.source_name.replace("..%2f", "")
    assert not list(tmp_path.glob("**/evil*.jpg"))


# ---- the admin upload ---------------------------------------------------------------------


@pytest.mark.parametrize("name", CASES)
def test_admin_upload_refuses_hostile_files(admin_client, settings, name, long_pdf):
    before, stored = counts(), snapshot(settings)
    response = admin_client.post(
        "/admin/archive/job/add/",
        {"files": SimpleUploadedFile(name, hostile_bytes(name, long_pdf))},
    )
    assert response.status_code == 200  # the form again, with the reason
    page = response.content.decode()
    if name == "empty.png":  # Django's own check comes first
        assert "The submitted file is empty" in page
    else:
        # A header too broken to open is "not a readable image"; a body cut short is
        # "truncated or corrupt": either is a reason a curator understands.
        reasons = [REASONS[name]]
        if REASONS[name] == "truncated or corrupt":
            reasons.append("not a readable image")
        assert name in page and any(r in page for r in reasons), (name, reasons)
    assert counts() == before
    assert snapshot(settings) == stored


@pytest.mark.parametrize(
    "name", ["../../etc/passwd.txt", "..\\..\\windows\\memo.txt", "/abs/memo.txt", "..\\x.txt"]
)
def test_admin_upload_with_a_traversal_name_is_kept_inside_uploads(
    admin_client, settings, django_capture_on_commit_callbacks, name
):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            "/admin/archive/job/add/", {"files": SimpleUploadedFile(name, SEED.read_bytes())}
        )
    assert response.status_code == 302
    job = Job.objects.get()
    media = Path(settings.MEDIA_ROOT).resolve()
    stored = (media / job.upload.name).resolve()
    assert stored.is_relative_to(media / "uploads") and stored.exists()
    name = job.original_name
    assert "/" not in name and "\\" not in name and not name.startswith(".."), name
    assert job.memo.status == "draft"
    outside = [p for p in media.rglob("*") if p.is_file() and not p.is_relative_to(media)]
    assert not outside


def test_admin_upload_of_several_files_stores_nothing_when_one_is_bad(admin_client, settings):
    good = SimpleUploadedFile("p1.png", files.encoded(files.page_image(300, 400), "PNG"))
    bad = SimpleUploadedFile("p2.png", HOSTILE["bomb.png"][0]())
    response = admin_client.post("/admin/archive/job/add/", {"files": [good, bad]})
    assert response.status_code == 200
    assert "decompression bomb" in response.content.decode()
    assert counts() == (0, 0, 0)
    assert snapshot(settings) == {}


def test_jsonl_with_hostile_values_is_refused_line_by_line(ingest, tmp_path, db):
    """Bad lines of a JSONL file (not objects, no text, absurd dates) are reported by line."""
    lines = [
        json.dumps({"id": "ok", "text": "A good memo about grain."}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "no-text"}),
        json.dumps({"id": "d", "text": "Dated.", "date": "99999-99-99"}),
        "\x00\x01garbage",
    ]
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join(lines) + "\n")
    status, _out, err = ingest(path)
    assert status == 1
    for number in (2, 3, 4, 5):
        assert f"{path}:{number}: " in err, err
    assert Memo.objects.filter(source_id="ok").exists()
    assert not Memo.objects.filter(source_id="no-text").exists()
