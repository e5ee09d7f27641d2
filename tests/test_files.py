"""Files follow their records: deleting pages or a memo removes images and derivatives."""

from pathlib import Path

from archive.ingest.images import PageImage, store_pages
from archive.pages import derivatives
from tests import pagefiles


def _files(root):
    return sorted(p for p in Path(root).rglob("*") if p.is_file()) if Path(root).exists() else []


def test_deleting_a_memo_removes_its_page_files(seed, settings, django_capture_on_commit_callbacks):
    pages = [PageImage(n, pagefiles.page_image(label=f"P{n}"), source_name="s.png") for n in (1, 2)]
    with django_capture_on_commit_callbacks(execute=True):
        stored = store_pages(seed, pages)
    for page in stored:
        derivatives.ensure_all(page)
    assert len(_files(Path(settings.MEDIA_ROOT) / "pages")) == 2
    assert _files(derivatives.root())
    with django_capture_on_commit_callbacks(execute=True):
        seed.delete()
    assert _files(Path(settings.MEDIA_ROOT) / "pages") == []
    assert _files(derivatives.root()) == []


def test_replacing_pages_removes_the_old_files(seed, settings, django_capture_on_commit_callbacks):
    first = [PageImage(1, pagefiles.page_image(label="old"), source_name="a.png")]
    second = [PageImage(1, pagefiles.page_image(label="new"), source_name="b.png")]
    with django_capture_on_commit_callbacks(execute=True):
        store_pages(seed, first)
    with django_capture_on_commit_callbacks(execute=True):
        (page,) = store_pages(seed, second)
    assert _files(Path(settings.MEDIA_ROOT) / "pages") == [Path(page.image.path)]
