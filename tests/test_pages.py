"""Page images: reading scans (and refusing hostile files), storing them, derivatives, viewer."""

import hashlib
import io
import threading
import time
from pathlib import Path

import pytest
from django.template.loader import render_to_string
from PIL import Image

from archive.ingest import images
from archive.ingest.documents import IngestError
from archive.ingest.images import PageImage, load_pages, safe_source_name, store_pages
from archive.pages import derivatives
from archive.pages.derivatives import Size, sizes_for
from tests import pagefiles as files
from tests.conftest import run_command


def write(folder, name, data):
    path = folder / name
    path.write_bytes(data)
    return path


def stored_files(settings):
    """Every file under MEDIA_ROOT, relative to it."""
    media = Path(settings.MEDIA_ROOT)
    if not media.exists():
        return []
    return sorted(str(p.relative_to(media)) for p in media.rglob("*") if p.is_file())


def derivative_files(settings):
    root = Path(settings.ARCHIVE_DERIVATIVES_DIR)
    return sorted(p.name for p in root.rglob("*") if p.is_file()) if root.exists() else []


# --- Reading page images -------------------------------------------------------------------


@pytest.mark.corpus
def test_corpus_scans_load_every_page(corpus):
    import pypdfium2

    scans = sorted((corpus / "scans").glob("*.pdf"))
    assert len(scans) == 5
    for scan in scans:
        document = pypdfium2.PdfDocument(str(scan))
        expected = [document.get_page_size(i) for i in range(len(document))]
        document.close()
        pages = load_pages(scan)
        assert [p.number for p in pages] == list(range(1, len(expected) + 1)), scan.name
        for page, (width, height) in zip(pages, expected, strict=True):
            assert abs(page.width - width * 200 / 72) <= 1
            assert abs(page.height - height * 200 / 72) <= 1
            assert page.image.mode == "L"
            assert page.source_name == scan.name
        # A scan is mostly paper with some ink: neither blank nor black.
        histogram = pages[0].image.histogram()
        dark = sum(histogram[:128]) / sum(histogram)
        assert 0.005 < dark < 0.5, scan.name


def test_png_jpeg_and_multipage_tiff(tmp_path):
    png = load_pages(write(tmp_path, "a.png", files.encoded(files.page_image(850, 1100), "PNG")))
    assert [(p.number, p.width, p.height) for p in png] == [(1, 850, 1100)]
    jpeg = load_pages(write(tmp_path, "b.jpg", files.encoded(files.page_image(400, 500), "JPEG")))
    assert [(p.number, p.width, p.height) for p in jpeg] == [(1, 400, 500)]
    tiff = load_pages(write(tmp_path, "c.tif", files.tiff_pages(3, 600, 800)))
    assert [(p.number, p.width, p.height) for p in tiff] == [(n, 600, 800) for n in (1, 2, 3)]
    assert {p.source_name for p in tiff} == {"c.tif"}
    # Each page is kept as PNG and decodes to the same pixels every time.
    assert tiff[1].png().startswith(b"\x89PNG")
    assert tiff[1].image.tobytes() == tiff[1].image.tobytes()


def test_file_kind_comes_from_content_not_name(tmp_path):
    path = write(tmp_path, "really-a-png.pdf", files.encoded(files.page_image(300, 400), "PNG"))
    assert [(p.width, p.height) for p in load_pages(path)] == [(300, 400)]


def test_deep_greyscale_is_scaled_not_clipped(tmp_path):
    deep = Image.new("I;16", (40, 30), 40000)
    page = load_pages(write(tmp_path, "deep.png", files.encoded(deep, "PNG")))[0].image
    assert page.mode == "L"
    assert page.getpixel((0, 0)) == 156  # 40000 of 65535 is 156 of 255, not clipped to 255
    deep.putpixel((0, 0), 65535)
    deep.putpixel((1, 0), 0)
    page = load_pages(write(tmp_path, "deep2.png", files.encoded(deep, "PNG")))[0].image
    assert (page.getpixel((0, 0)), page.getpixel((1, 0)), page.getpixel((2, 0))) == (255, 0, 156)


def test_transparency_is_flattened_on_white(tmp_path):
    image = Image.new("RGBA", (20, 20), (0, 0, 0, 0))
    image.putpixel((5, 5), (200, 0, 0, 255))
    page = load_pages(write(tmp_path, "t.png", files.encoded(image, "PNG")))[0].image
    assert page.mode == "RGB"
    assert page.getpixel((0, 0)) == (255, 255, 255)
    assert page.getpixel((5, 5)) == (200, 0, 0)


def test_jpeg_orientation_is_applied(tmp_path):
    image = Image.new("L", (200, 100), 255)
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to display
    data = files.encoded(image, "JPEG", exif=exif.tobytes())
    page = load_pages(write(tmp_path, "phone.jpg", data))[0]
    assert (page.width, page.height) == (100, 200)


def test_palette_images_keep_colour_only_when_they_have_it(tmp_path):
    grey = files.page_image(60, 80).convert("P")
    assert load_pages(write(tmp_path, "g.png", files.encoded(grey, "PNG")))[0].image.mode == "L"
    colour = Image.new("RGB", (60, 80), (10, 120, 200)).convert("P")
    assert load_pages(write(tmp_path, "c.png", files.encoded(colour, "PNG")))[0].image.mode == (
        "RGB"
    )


def test_animated_png_is_one_page(tmp_path):
    frames = [files.page_image(100, 120, "one"), files.page_image(100, 120, "two")]
    buffer = io.BytesIO()
    frames[0].save(buffer, format="PNG", save_all=True, append_images=frames[1:])
    assert len(load_pages(write(tmp_path, "anim.png", buffer.getvalue()))) == 1


def _truncated(data):
    return data[: len(data) // 2]


HOSTILE = {
    "empty.png": (lambda: b"", "empty file"),
    "notes.png": (lambda: b"Just some text, not an image.\n" * 20, "not a PDF, PNG, JPEG or TIFF"),
    "drawing.png": (lambda: b'<svg xmlns="http://www.w3.org/2000/svg"/>', "not a PDF, PNG"),
    "anim.gif": (lambda: files.encoded(files.page_image(50, 50), "GIF"), "not a PDF, PNG"),
    "bomb.png": (lambda: files.png_claiming(50_000, 50_000), "decompression bomb"),
    "wide.png": (lambda: files.png_claiming(60_000, 1_001), "decompression bomb"),
    "bomb.tif": (lambda: files.tiff_claiming(40_000, 40_000), "decompression bomb"),
    "poster.pdf": (lambda: files.pdf_pages(1, 14_400, 14_400), "decompression bomb"),
    "truncated.png": (
        lambda: _truncated(files.encoded(files.page_image(), "PNG")),
        "truncated or corrupt",
    ),
    "truncated.jpg": (
        lambda: _truncated(files.encoded(files.page_image(), "JPEG")),
        "truncated or corrupt",
    ),
    "truncated.tif": (lambda: _truncated(files.tiff_pages(2)), "truncated or corrupt"),
    "lying.tif": (lambda: files.tiff_claiming(2_000, 2_000), "truncated or corrupt"),
    "truncated.pdf": (
        lambda: _truncated(files.pdf_of_images([files.page_image()])),
        "not a readable PDF",
    ),
    "header-only.pdf": (lambda: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "not a readable PDF"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_files_are_refused_with_a_reason(tmp_path, name):
    make, reason = HOSTILE[name]
    path = write(tmp_path, name, make())
    started = time.monotonic()
    with pytest.raises(IngestError) as caught:
        load_pages(path)
    assert reason in caught.value.reason
    assert caught.value.source == str(path)
    assert time.monotonic() - started < 2, "refused before any expensive decoding"


def test_pdf_of_ten_thousand_pages_is_refused_without_rendering(tmp_path, monkeypatch):
    path = write(tmp_path, "long.pdf", files.pdf_pages(10_000))
    import pypdfium2

    def no_render(*args, **kwargs):
        raise AssertionError("a page was rendered")

    monkeypatch.setattr(pypdfium2.PdfPage, "render", no_render)
    started = time.monotonic()
    with pytest.raises(IngestError, match="10,000 pages; the limit is 500"):
        load_pages(path)
    assert time.monotonic() - started < 2


def test_total_pixels_of_a_file_are_capped_before_rendering(tmp_path, monkeypatch):
    monkeypatch.setattr(images, "MAX_TOTAL_PIXELS", 3 * 1700 * 2200 - 1)
    with pytest.raises(IngestError, match="pixels in all are refused"):
        load_pages(write(tmp_path, "three.pdf", files.pdf_pages(3)))
    with pytest.raises(IngestError, match="pixels in all are refused"):
        load_pages(write(tmp_path, "three.tif", files.tiff_pages(3, 2000, 2000)))


def test_folders_and_missing_files_are_refused(tmp_path):
    with pytest.raises(IngestError, match="is a folder"):
        load_pages(tmp_path)
    with pytest.raises(IngestError, match="unreadable"):
        load_pages(tmp_path / "nowhere.png")


@pytest.mark.parametrize(
    "given, kept",
    [
        ("../../etc/passwd", "passwd"),
        ("..\\..\\windows\\evil.png", "evil.png"),
        ("/abs/path/scan.pdf", "scan.pdf"),
        ("a\x00b\nc.png", "abc.png"),
        ("..", "unnamed"),
        ("", "unnamed"),
        ("x" * 400 + ".png", "x" * 300),
    ],
)
def test_source_names_are_made_safe(given, kept):
    assert safe_source_name(given) == kept


# --- Storing pages ------------------------------------------------------------------------


def _pages(count, width=850, height=1100, name="scan.pdf"):
    return [
        PageImage(n, files.page_image(width, height, f"Page {n}"), source_name=name)
        for n in range(1, count + 1)
    ]


def test_store_pages_writes_files_and_rows(seed, settings):
    hostile = PageImage(1, files.page_image(), source_name="../../../etc/cron.d/evil\x00.png")
    stored = store_pages(seed, [hostile, *_pages(2)[1:]], texts=["first", "second"])
    assert [p.number for p in stored] == [1, 2]
    rows = list(seed.pages.order_by("number"))
    assert [(r.number, r.width, r.height, r.text) for r in rows] == [
        (1, 850, 1100, "first"),
        (2, 850, 1100, "second"),
    ]
    assert rows[0].source_name == "evil.png"
    media = Path(settings.MEDIA_ROOT).resolve()
    for row in rows:
        path = Path(row.image.path).resolve()
        assert path.is_relative_to(media / "pages" / str(seed.pk))
        data = path.read_bytes()
        assert data.startswith(b"\x89PNG")
        assert hashlib.sha256(data).hexdigest() == row.checksum


def test_a_failed_store_changes_nothing(seed, settings, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        store_pages(seed, _pages(2), texts=["one", "two"])
    before_rows = list(seed.pages.values_list("number", "checksum", "image"))
    before_files = stored_files(settings)
    broken_image = files.page_image()
    broken = PageImage(3, broken_image, source_name="broken.png")
    broken_image.close()  # encoding it now fails, after two new pages were written
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValueError):
        store_pages(seed, [*_pages(2), broken])
    assert list(seed.pages.values_list("number", "checksum", "image")) == before_rows
    assert stored_files(settings) == before_files


@pytest.mark.parametrize(
    "batch, texts, reason",
    [
        (lambda: [], None, "no pages to store"),
        (lambda: _pages(1) + _pages(1), None, "same page number is given twice"),
        (lambda: [PageImage(0, files.page_image())], None, "whole numbers from 1"),
        (lambda: _pages(2), ["only one"], "1 page texts given for 2 pages"),
    ],
)
def test_bad_batches_are_refused_before_anything_is_touched(seed, settings, batch, texts, reason):
    store_pages(seed, _pages(1))
    before = (list(seed.pages.values_list("checksum", flat=True)), stored_files(settings))
    with pytest.raises(IngestError, match=reason):
        store_pages(seed, batch(), texts=texts)
    assert (list(seed.pages.values_list("checksum", flat=True)), stored_files(settings)) == before


def test_replacing_pages_removes_old_files_and_derivatives(
    seed, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        old = store_pages(seed, _pages(1, 400, 500))
    derivatives.ensure_all(old[0])
    old_folder = derivatives.folder(old[0])
    assert old_folder.exists()
    old_file = Path(old[0].image.path)
    with django_capture_on_commit_callbacks(execute=True):
        new = store_pages(seed, [PageImage(1, files.page_image(300, 600, "new"))])
    assert not old_file.exists()
    assert not old_folder.exists()
    assert stored_files(settings) == [new[0].image.name]


def test_derivatives_shared_by_another_page_are_kept(
    seed, draft_memo, django_capture_on_commit_callbacks
):
    image = files.page_image(400, 500)
    with django_capture_on_commit_callbacks(execute=True):
        first = store_pages(seed, [PageImage(1, image)])
        store_pages(draft_memo, [PageImage(1, image)])
    derivatives.ensure_all(first[0])
    with django_capture_on_commit_callbacks(execute=True):
        store_pages(seed, [PageImage(1, files.page_image(400, 500, "other"))])
    # The draft's page has the same pixels, hence the same checksum: its cache stays.
    assert derivatives.folder(first[0]).exists()


# --- attach_pages --------------------------------------------------------------------------


@pytest.fixture
def draft_memo(db, tmp_path, ingest):
    import json

    from archive.models import Memo

    path = tmp_path / "draft.jsonl"
    line = {"id": "draft-p", "doc_number": "SOV M 85-10002", "title": "Draft", "text": "Draft."}
    path.write_text(json.dumps(line) + "\n")
    assert ingest(path, publish=False)[0] == 0
    return Memo.objects.get(source_id="draft-p")


def attach(*args, no_ocr=True):
    return run_command("attach_pages", *[str(a) for a in args], no_progress=True, no_ocr=no_ocr)


def test_attach_pages_numbers_pages_across_files(seed, tmp_path, settings):
    png = write(tmp_path, "cover.png", files.encoded(files.page_image(850, 1100), "PNG"))
    tiff = write(tmp_path, "body.tif", files.tiff_pages(3, 600, 800))
    status, out, err = attach(seed.slug, png, tiff)
    assert status == 0, err
    assert "Attached 4 page(s) from 2 file(s) to ea-m-84-10245 (published)" in out
    rows = list(seed.pages.order_by("number"))
    assert [(r.number, r.source_name, r.width) for r in rows] == [
        (1, "cover.png", 850),
        (2, "body.tif", 600),
        (3, "body.tif", 600),
        (4, "body.tif", 600),
    ]
    # Thumbnails and zoom sizes were made up front: one file per offered size.
    expected = sum(len(derivatives.page_sizes(r)) for r in rows)
    assert f"{expected} derivative image(s) made" in out
    assert len(derivative_files(settings)) == expected


def test_attach_pages_finds_the_memo_by_document_number(seed, tmp_path):
    png = write(tmp_path, "p.png", files.encoded(files.page_image(300, 400), "PNG"))
    status, _out, err = attach("EA M 84-10245", png, "--no-derivatives")
    assert status == 0, err
    assert seed.pages.count() == 1


def test_attach_pages_works_on_drafts(draft_memo, tmp_path):
    png = write(tmp_path, "p.png", files.encoded(files.page_image(300, 400), "PNG"))
    status, out, err = attach(draft_memo.slug, png)
    assert status == 0, err
    assert "(draft)" in out
    assert draft_memo.pages.count() == 1


def test_attach_pages_keeps_existing_pages_unless_told(seed, tmp_path):
    first = write(tmp_path, "first.png", files.encoded(files.page_image(300, 400), "PNG"))
    second = write(tmp_path, "second.tif", files.tiff_pages(2, 200, 300))
    assert attach(seed.slug, first)[0] == 0
    status, _out, err = attach(seed.slug, second)
    assert status == 1
    assert "already has 1 page(s); give --replace" in err
    assert list(seed.pages.values_list("source_name", flat=True)) == ["first.png"]
    status, _out, err = attach(seed.slug, second, "--replace")
    assert status == 0, err
    assert list(seed.pages.values_list("source_name", flat=True)) == ["second.tif"] * 2


def test_attach_pages_unknown_memo(db, tmp_path):
    png = write(tmp_path, "p.png", files.encoded(files.page_image(300, 400), "PNG"))
    status, _out, err = attach("no-such-memo", png)
    assert status == 1
    assert "No memo has the slug or document number 'no-such-memo'" in err


@pytest.mark.parametrize("bad", ["bomb.png", "truncated.tif", "empty.png", "notes.png"])
def test_attach_pages_stores_nothing_when_one_file_is_bad(seed, tmp_path, settings, bad):
    good = write(tmp_path, "good.png", files.encoded(files.page_image(300, 400), "PNG"))
    make, reason = HOSTILE[bad]
    hostile = write(tmp_path, bad, make())
    status, _out, err = attach(seed.slug, good, hostile)
    assert status == 1
    assert f"FAILED {hostile}: " in err and reason in err
    assert "1 of 2 file(s) could not be read; nothing was stored" in err
    assert seed.pages.count() == 0
    assert stored_files(settings) == []
    assert derivative_files(settings) == []


def test_attach_pages_refuses_a_ten_thousand_page_pdf(seed, tmp_path, settings):
    status, _out, err = attach(seed.slug, write(tmp_path, "long.pdf", files.pdf_pages(10_000)))
    assert status == 1
    assert "10,000 pages; the limit is 500" in err
    assert stored_files(settings) == []


def test_attach_pages_refuses_too_many_pages_in_all(seed, tmp_path, settings, monkeypatch):
    from archive.management.commands import attach_pages

    monkeypatch.setattr(attach_pages, "MAX_PAGES", 4)
    tiff = write(tmp_path, "three.tif", files.tiff_pages(3, 100, 150))
    status, _out, err = attach(seed.slug, tiff, tiff)
    assert status == 1
    assert "6 pages in all; the limit is 4" in err
    assert seed.pages.count() == 0
    assert stored_files(settings) == []


def test_attach_pages_keeps_control_characters_out_of_provenance(seed, tmp_path):
    path = write(tmp_path, "scan\nwith\tcontrols.png", files.encoded(files.page_image(), "PNG"))
    assert attach(seed.slug, path, "--no-derivatives")[0] == 0
    assert seed.pages.get().source_name == "scanwithcontrols.png"


@pytest.mark.corpus
def test_attach_pages_with_a_corpus_scan(seed, corpus):
    scan = corpus / "scans" / "clinton-pcdc-1993-03-01-bosnia-deputies-summary.pdf"
    status, out, err = attach(seed.slug, scan)
    assert status == 0, err
    assert "Attached 3 page(s) from 1 file(s)" in out
    assert [p.width for p in seed.pages.order_by("number")] == [1682, 1681, 1686]


# --- Derivatives ---------------------------------------------------------------------------


def test_size_ladder():
    assert sizes_for(1700, 2200) == [
        Size(213, 275),
        Size(425, 550),
        Size(850, 1100),
        Size(1700, 2200),
    ]
    assert sizes_for(100, 120) == [Size(100, 120)]
    big = sizes_for(8000, 6000)
    assert big[-1] == Size(2000, 1500)  # never more than 3000 pixels on the long side
    assert big[0] == Size(250, 188)
    assert sizes_for(1, 10_000)[-1] == Size(1, 2500)
    assert sizes_for(0, 10) == []


@pytest.fixture
def one_page(seed):
    return store_pages(seed, [PageImage(1, files.page_image(1700, 2200), source_name="p.png")])[0]


def test_derivative_is_made_once_at_its_exact_size(one_page, monkeypatch):
    writes = []
    original = derivatives._write
    monkeypatch.setattr(derivatives, "_write", lambda *a: writes.append(a[1]) or original(*a))
    path = derivatives.get(one_page, Size(425, 550))
    again = derivatives.get(one_page, Size(425, 550))
    assert path == again
    assert len(writes) == 1
    with Image.open(path) as image:
        assert image.format == "JPEG"
        assert image.size == (425, 550)
        assert image.mode == "L"
    with pytest.raises(ValueError, match="not an offered size"):
        derivatives.get(one_page, Size(400, 500))


def test_concurrent_requests_never_see_half_a_file(one_page):
    size = Size(1700, 2200)
    results, errors = [], []
    barrier = threading.Barrier(6)

    def fetch():
        try:
            barrier.wait()
            path = derivatives.get(one_page, size)
            with Image.open(path) as image:
                image.load()
                results.append(image.size)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=fetch) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert results == [(1700, 2200)] * 6
    assert [p.name for p in derivatives.folder(one_page).iterdir()] == ["1700x2200.jpg"]


def test_a_failed_write_leaves_no_file(one_page, monkeypatch):
    def broken_save(self, fp, *args, **kwargs):
        fp.write(b"\xff\xd8\xff half a jpeg")
        raise OSError("disk full")

    monkeypatch.setattr(Image.Image, "save", broken_save)
    with pytest.raises(OSError, match="disk full"):
        derivatives.get(one_page, Size(213, 275))
    folder = derivatives.folder(one_page)
    assert not folder.exists() or list(folder.iterdir()) == []


def test_missing_page_file_is_a_derivative_error(one_page):
    Path(one_page.image.path).unlink()
    with pytest.raises(derivatives.DerivativeError):
        derivatives.get(one_page, Size(213, 275))


# --- The viewer partial --------------------------------------------------------------------


def test_viewer_partial(seed):
    store_pages(seed, _pages(2, 1700, 2200))
    html = render_to_string(
        "archive/snippets/page_viewer.html",
        {"memo": seed, "pages": list(seed.pages.order_by("number"))},
    )
    assert 'href="/iiif/ea-m-84-10245/manifest.json"' in html
    assert ">IIIF manifest</a>" in html
    assert html.count('class="viewer-page"') == 2
    assert 'data-service="/iiif/ea-m-84-10245/1"' in html
    assert 'data-sizes="213,275 425,550 850,1100 1700,2200"' in html
    assert 'src="/iiif/ea-m-84-10245/1/full/850,1100/0/default.jpg"' in html
    assert 'alt="Scan of page 2 of 2"' in html
    assert "/static/archive/js/viewer.js" in html and "/static/archive/css/viewer.css" in html
    assert "/media/" not in html
    # No inline script or event handler (a strict Content-Security-Policy forbids them).
    assert "<script>" not in html and " onclick" not in html and " onload" not in html


def test_viewer_partial_renders_nothing_without_pages(seed):
    html = render_to_string("archive/snippets/page_viewer.html", {"memo": seed, "pages": []})
    assert html.strip() == ""
