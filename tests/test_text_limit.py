"""One limit on a memo's text (ARCHIVE_MAX_TEXT_CHARS) at every way in, refused with its reason."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory

from archive.admin.memos import MemoAdmin
from archive.ingest import scans, uploads
from archive.ingest.documents import IngestError, RawDocument
from archive.ingest.images import load_pages, store_pages
from archive.ingest.records import build_record
from archive.models import Job, Memo, Page
from tests.pagefiles import tiff_pages

LIMIT = 400
REFUSED = "text too long for one memo"


@pytest.fixture
def limit(settings):
    """A small limit; asked for after `seed`, whose text is longer."""
    settings.ARCHIVE_MAX_TEXT_CHARS = LIMIT
    return LIMIT


def memo_text(length):
    """A memo-like text of exactly `length` characters."""
    head = "MEMORANDUM FOR THE RECORD\nSUBJECT: A long text\n\n"
    body = ("The committee met again. " * (length // 25 + 1))[: length - len(head)]
    return head + body


def test_a_text_file_over_the_limit_is_refused_with_its_length(ingest, tmp_path, limit):
    (tmp_path / "long.txt").write_text(memo_text(LIMIT + 1))
    (tmp_path / "fits.txt").write_text(memo_text(LIMIT))
    status, out, err = ingest(tmp_path / "long.txt", tmp_path / "fits.txt")
    assert status == 1
    assert f"long.txt: {REFUSED}: the text has {LIMIT + 1:,} characters; the limit is 400" in err
    assert "ARCHIVE_MAX_TEXT_CHARS" in err
    assert "1 new, 0 updated, 0 unchanged, 1 failed" in out
    assert Memo.objects.count() == 1


def test_a_text_file_too_big_to_hold_it_is_refused_unread(ingest, tmp_path, limit):
    (tmp_path / "huge.txt").write_bytes(b"x" * (LIMIT * 4 + 4))
    status, _out, err = ingest(tmp_path / "huge.txt")
    assert status == 1
    assert f"a file of {LIMIT * 4 + 4:,} bytes cannot hold a text within the limit" in err
    assert not Memo.objects.exists()


def test_a_jsonl_line_over_the_limit_is_refused_and_the_others_go_in(ingest, tmp_path, limit):
    lines = [
        {"id": "fits", "text": memo_text(LIMIT)},
        {"id": "long", "text": memo_text(LIMIT + 50)},
        "x" * (LIMIT * 6 + 1024 * 1024 + 10),  # a line far too long even to read whole
        {"id": "after", "text": memo_text(100)},
    ]
    path = tmp_path / "memos.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    status, out, err = ingest(path)
    assert status == 1
    assert f"memos.jsonl:2: {REFUSED}: the text has {LIMIT + 50:,} characters" in err
    assert f"memos.jsonl:3: {REFUSED}: a line of" in err
    assert "2 new, 0 updated, 0 unchanged, 2 failed" in out
    assert sorted(Memo.objects.values_list("source_id", flat=True)) == ["after", "fits"]


def test_an_upload_over_the_limit_is_refused_before_it_is_queued(admin_client, limit):
    data = memo_text(LIMIT + 1).encode()
    with pytest.raises(uploads.UploadError, match=f"long.txt: {REFUSED}: the text has 401"):
        uploads.check_upload(SimpleUploadedFile("long.txt", data))
    with pytest.raises(uploads.UploadError, match="a file of 1,604 bytes cannot hold"):
        uploads.check_upload(SimpleUploadedFile("huge.txt", b"x" * 1604))
    response = admin_client.post(
        "/admin/archive/job/add/", {"files": SimpleUploadedFile("long.txt", data), "title": ""}
    )
    assert response.status_code == 200
    assert "the limit is 400 (ARCHIVE_MAX_TEXT_CHARS)" in response.content.decode()
    assert not Job.objects.exists()


def test_the_admin_form_refuses_a_text_over_the_limit(seed, admin_user, limit):
    from django.contrib.admin import site

    request = RequestFactory().get("/")
    request.user = admin_user
    form_class = MemoAdmin(Memo, site).get_form(request, obj=seed)
    form = form_class(data={"text": memo_text(LIMIT + 1)}, instance=seed)
    assert not form.is_valid()
    assert form.errors["text"] == [
        f"Text too long for one memo: the text has 401 characters; the limit is {LIMIT} "
        "(ARCHIVE_MAX_TEXT_CHARS)."
    ]


def test_ocr_text_over_the_limit_stops_the_reading_and_stores_nothing(
    ingest, tmp_path, monkeypatch, limit
):
    read = []

    def fake_ocr(image, lang="eng"):
        read.append(image)
        return memo_text(150), 0.9, 20, []

    monkeypatch.setattr(scans, "ocr", fake_ocr)
    (tmp_path / "scan.tif").write_bytes(tiff_pages(5, 120, 160))
    status, _out, err = ingest(tmp_path / "scan.tif")
    assert status == 1
    assert f"scan.tif: {REFUSED}: the OCR text of pages 1-3 has 452 characters" in err
    assert len(read) == 3  # pages 4 and 5 were never read
    assert not Memo.objects.exists() and not Page.objects.exists()


def test_page_texts_over_the_limit_are_not_stored(seed, tmp_path, limit):
    (tmp_path / "scan.tif").write_bytes(tiff_pages(2, 120, 160))
    pages = load_pages(tmp_path / "scan.tif")
    with pytest.raises(IngestError, match=f"{REFUSED}: the pages' OCR text has 401 characters"):
        store_pages(seed, pages, [memo_text(200), memo_text(200)])
    assert not seed.pages.exists()


def test_every_record_is_held_to_the_limit(db, limit):
    raw = RawDocument(text=memo_text(LIMIT + 1), source="somewhere", source_file="x.txt")
    with pytest.raises(IngestError, match=f"somewhere: {REFUSED}: the text has 401"):
        build_record(raw)
