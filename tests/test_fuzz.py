"""Fuzzing through Django's whole stack: every user-facing parameter, no 5xx, no slow answer.

The strategies are bench/fuzz.py's (the same ones that script sends over HTTP to gunicorn with
10,000+ memos); here a modest number of examples runs through the test client (URL routing,
middleware, views, templates) against a small archive with page images, entities, a release
pair and notes. The test client re-raises a view's exception, so a 500 fails loudly here.
"""

import io
import json
import os
import sys
import time
import urllib.parse
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from archive.ingest.images import PageImage, store_pages
from archive.models import Job, Memo
from tests import pagefiles
from tests.conftest import REPO

sys.path.insert(0, str(REPO))
from bench.fuzz import TEXT, noisy, queries, requests, search_params  # noqa: E402

# Seconds of CPU one answer may cost (the thread's CPU time, so a machine busy with other work
# does not fail the test), and of wall-clock time with some room for such a machine.
LIMIT = 2.0
WALL_LIMIT = 3 * LIMIT
FUZZ = settings(
    max_examples=150,
    deadline=None,  # timed below per response instead; the first example warms caches
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def archive(seed, ingest, tmp_path):
    """The seed with two page images, a second release of it and a draft: every surface."""
    store_pages(seed, [PageImage(n, pagefiles.page_image(300, 400)) for n in (1, 2)])
    lines = [
        {"id": "rel-2", "doc_number": "EA M 84-10245", "release_date": "2012-09-01",
         "title": "Japan: Trade Relations (2012 release)", "text": seed.text + "\nADDED.\n"},
    ]  # fmt: skip
    path = tmp_path / "more.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    assert ingest(path)[0] == 0
    draft = tmp_path / "draft.jsonl"
    draft.write_text(json.dumps({"id": "d-1", "title": "Draft", "text": "Draft text."}) + "\n")
    assert ingest(draft, publish=False)[0] == 0
    return seed


def timed(client, method, path, **kwargs):
    """The response; fails on a 5xx or an answer costing more than LIMIT s of CPU."""
    started, cpu = time.perf_counter(), time.thread_time()
    response = getattr(client, method)(path, **kwargs)
    if hasattr(response, "streaming_content"):
        b"".join(response.streaming_content)  # a streamed export does its work here
    elapsed, cost = time.perf_counter() - started, time.thread_time() - cpu
    assert response.status_code < 500, (path, response.status_code)
    assert cost < LIMIT and elapsed < WALL_LIMIT, (path, cost, elapsed)
    return response


def warm(client, *paths):
    """One request to each path first: the first search opens the index, the first page
    compiles its templates; that cost is paid once per process, not per input."""
    for path in paths:
        client.get(path)


def test_fuzzed_public_requests(client, archive):
    checked = []
    warm(client, "/search/?q=x", f"/memos/{archive.slug}/", "/entities/", "/api/search")

    @FUZZ
    @given(requests())
    def run(item):
        _kind, path = item
        timed(client, "get", path)
        checked.append(path)

    run()
    assert len(checked) >= 100


def test_fuzzed_search_parameters_on_every_search_surface(client, archive):
    paths = ["/search/", "/api/search", "/search/export.csv", "/search/export.json"]
    warm(client, *paths)

    @FUZZ
    @given(search_params(), st.sampled_from(paths + ["/search/feed/"]))
    def run(params, path):
        response = timed(client, "get", path + "?" + urllib.parse.urlencode(params))
        if path == "/api/search":
            assert response.status_code == 200
            data = response.json()  # always JSON, never an error page
            assert data["page"] >= 1 and isinstance(data["results"], list)

    run()


def test_fuzzed_memo_page_query_and_back_link(client, archive):
    warm(client, f"/memos/{archive.slug}/")

    @FUZZ
    @given(queries, noisy(["/search/?q=x", "/", "//evil.example", "javascript:alert(1)"]))
    def run(q, back):
        response = timed(client, "get", f"/memos/{archive.slug}/", data={"q": q, "back": back})
        assert response.status_code == 200
        page = response.content.decode()
        assert 'href="javascript:' not in page and 'href="//' not in page

    run()


@pytest.fixture
def staff_client(client, archive):
    """A superuser: the note form and the admin lists read parameters too."""
    User.objects.create_superuser("fuzzer", "f@example.org", "a-long-passphrase-1")
    client.login(username="fuzzer", password="a-long-passphrase-1")
    return client


ADMIN_LISTS = [
    "/admin/archive/memo/", "/admin/archive/memoforreview/", "/admin/archive/job/",
    "/admin/archive/entity/", "/admin/archive/note/", "/admin/archive/redaction/",
    "/admin/archive/mention/", "/admin/archive/note/add/",
]  # fmt: skip
ADMIN_PARAMS = [
    "q", "o", "p", "status", "e", "all", "_changelist_filters", "needs_review", "year", "memo",
    "start", "end",
]  # fmt: skip


def test_fuzzed_staff_pages(staff_client, archive):
    warm(staff_client, *ADMIN_LISTS)

    @FUZZ
    @given(
        st.sampled_from(ADMIN_LISTS + [f"/memos/{archive.slug}/notes/new/"]),
        st.lists(
            st.tuples(
                st.sampled_from(ADMIN_PARAMS),
                noisy(["1", "0", "-1", "2.1", "²", "١", "99999999999", "draft"]),
            ),
            max_size=5,
        ),
    )
    def run(path, params):
        timed(staff_client, "get", path + "?" + urllib.parse.urlencode(params))

    run()


def image_bytes(kind, width, height):
    buffer = io.BytesIO()
    Image.new("L", (width, height), 255).save(buffer, format=kind)
    return buffer.getvalue()


uploads = st.one_of(
    st.binary(max_size=2000),
    st.builds(lambda head, tail: head + tail,
              st.sampled_from([b"%PDF-1.4\n", b"\x89PNG\r\n\x1a\n", b"II*\x00", b"\xff\xd8\xff"]),
              st.binary(max_size=500)),
    st.builds(lambda data, cut: data[:cut],
              st.sampled_from([image_bytes("PNG", 60, 40), image_bytes("TIFF", 60, 40),
                               pagefiles.pdf_pages(2)]),
              st.integers(0, 400)),
    TEXT.map(lambda text: text.encode("utf-8", "surrogatepass")),
)  # fmt: skip
upload_names = st.one_of(
    st.sampled_from(["memo.txt", "scan.pdf", "page.png", "page.tif", "x.jpg", "noext", ".txt"]),
    st.builds(lambda a, b: a + b, TEXT, st.sampled_from([".txt", ".pdf", ".png", ""])),
    st.sampled_from(["../../etc/passwd.txt", "..\\..\\x.pdf", "/abs/path.png", "a\x00b.txt"]),
)


def test_fuzzed_uploads_through_the_admin(
    staff_client, settings, django_capture_on_commit_callbacks
):
    settings.ARCHIVE_MAX_UPLOAD_BYTES = 100_000
    media = settings.MEDIA_ROOT

    @settings_for_uploads
    @given(uploads, upload_names, TEXT)
    def run(data, name, title):
        name = name.replace("\x00", "")
        if os.path.basename(name) in ("", ".", ".."):  # the test client cannot send these
            name += "unnamed"  # (an empty file name: test_upload_without_a_file_name_...)
        before = Job.objects.count()
        with django_capture_on_commit_callbacks(execute=True):
            response = staff_client.post(
                "/admin/archive/job/add/",
                {"files": SimpleUploadedFile(name, data), "title": title},
            )
        assert response.status_code in (200, 302), response.status_code
        if response.status_code == 200:  # refused: the form again, nothing kept
            assert Job.objects.count() == before
        else:
            job = Job.objects.latest("pk")
            assert job.upload.name.startswith("uploads/") and ".." not in job.upload.name
            assert (media / job.upload.name).resolve().is_relative_to(media.resolve())
            assert job.status in ("done", "failed"), job.status
            assert job.status == "failed" or job.memo.status == "draft"

    run()
    # Nothing reached the public: every memo made from an upload is a draft.
    assert not Memo.objects.published().filter(jobs__isnull=False).exists()


settings_for_uploads = settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.mark.parametrize(
    "path",
    [
        # Inputs fuzzing found answering 500 (str.isdigit() is true for "²", int() refuses it).
        "/memos/ea-m-84-10245/notes/new/?start=%C2%B2&end=1",
        "/admin/archive/memo/?year=%C2%B2",
        "/admin/archive/note/add/?memo=%C2%B2&start=%D9%A3",
    ],
)
def test_inputs_fuzzing_found(staff_client, path):
    assert timed(staff_client, "get", path).status_code == 200


def test_upload_without_a_file_name_is_refused_not_an_error(staff_client):
    # A file part whose name is empty is dropped by the parser: the form says a file is needed.
    body = (
        b'--BOUNDARY\r\nContent-Disposition: form-data; name="files"; filename=""\r\n'
        b"Content-Type: application/octet-stream\r\n\r\nsome bytes\r\n--BOUNDARY--\r\n"
    )
    response = staff_client.post(
        "/admin/archive/job/add/", body, content_type="multipart/form-data; boundary=BOUNDARY"
    )
    assert response.status_code == 200 and "This field is required" in response.content.decode()
    assert not Job.objects.exists()


@pytest.mark.parametrize("name", [":", "???.png", "  "])
def test_upload_named_with_no_storable_character_is_kept(
    staff_client, settings, django_capture_on_commit_callbacks, name
):
    # Fuzzing found ":" answering 400 (storage could derive no file name from it).
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            "/admin/archive/job/add/",
            {"files": SimpleUploadedFile(name, image_bytes("PNG", 60, 40))},
        )
    assert response.status_code == 302
    job = Job.objects.get()
    assert (
        job.upload.name.startswith("uploads/") and (settings.MEDIA_ROOT / job.upload.name).exists()
    )


@pytest.mark.parametrize("name", ["..txt", "a.!.txt", "...png"])
def test_upload_named_with_dots_is_stored_without_two_in_a_row(
    staff_client, settings, django_capture_on_commit_callbacks, name
):
    # Fuzzing found "..txt" stored as "..txt_<suffix>": inside uploads/, but a name holding "..".
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            "/admin/archive/job/add/", {"files": SimpleUploadedFile(name, b"A memo.\n")}
        )
    assert response.status_code in (200, 302)
    job = Job.objects.order_by("-pk").first()
    if response.status_code == 302:
        stored = job.upload.name
        assert stored.startswith("uploads/") and ".." not in stored, stored
        assert not Path(stored).name.startswith("."), stored
