"""Shared test set-up: a real Whoosh index in a temporary folder per test, the corpus, ingest."""

import io
import os
from pathlib import Path

import pytest
from django.core.management import call_command
from haystack import connections

from archive.search import engines
from archive.search.whoosh import index as whoosh_index

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "fixtures" / "seed" / "EA-M-84-10245.txt"
# The engine the search tests run on: whoosh (default) or xapian (ARCHIVE_TEST_SEARCH=xapian).
TEST_ENGINE = os.environ.get("ARCHIVE_TEST_SEARCH", "whoosh")
whoosh_only = pytest.mark.skipif(
    TEST_ENGINE != "whoosh", reason="tests the Whoosh engine's own modules"
)


def corpus_path():
    """Where ../shared/corpus is (ARCHIVE_CORPUS_DIR overrides), or None."""
    configured = os.environ.get("ARCHIVE_CORPUS_DIR")
    candidates = [Path(configured)] if configured else []
    candidates.append(REPO.parent / "shared" / "corpus")
    for path in candidates:
        if (path / "memos.jsonl").exists():
            return path
    return None


@pytest.fixture
def corpus():
    """The shared corpus folder; the test is skipped, saying where we looked, if it is absent."""
    path = corpus_path()
    if path is None:
        pytest.skip(
            "corpus not found: set ARCHIVE_CORPUS_DIR or put it at "
            f"{REPO.parent / 'shared' / 'corpus'}"
        )
    return path


@pytest.fixture(autouse=True)
def search_index(request, tmp_path, settings):
    """A fresh, real Whoosh index in a temporary folder; index updates applied inline (none for
    a test marked `pure`: extraction and other pure Python)."""
    if request.node.get_closest_marker("pure"):
        yield None
        return
    settings.ARCHIVE_INDEX_MODE = "inline"
    settings.ARCHIVE_JOBS_MODE = "inline"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": str(tmp_path),
        }
    }
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.ARCHIVE_DERIVATIVES_DIR = tmp_path / "derivatives"
    info = connections.connections_info["default"]
    previous = dict(info)
    info["PATH"] = str(tmp_path / "whoosh")
    if TEST_ENGINE == "xapian":  # ARCHIVE_TEST_SEARCH=xapian: the same tests on Xapian
        info["ENGINE"] = "archive.search.xapian.engine.ArchiveXapianEngine"
    whoosh_index.reset()
    yield tmp_path / "whoosh"
    info.clear()
    info.update(previous)
    whoosh_index.reset()


def run_command(name, *args, **options):
    """Run a management command; return (exit status, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    status = 0
    try:
        call_command(name, *args, stdout=out, stderr=err, **options)
    except SystemExit as exit_:  # pragma: no cover - commands raise CommandError instead
        status = exit_.code or 0
    except Exception as error:
        from django.core.management import CommandError

        if not isinstance(error, CommandError):
            raise
        status = 1
        err.write(str(error))
    return status, out.getvalue(), err.getvalue()


@pytest.fixture
def ingest(db):
    """Ingest paths with the real command; returns (status, stdout, stderr)."""

    def _ingest(*paths, publish=True, **options):
        return run_command(
            "ingest", *[str(p) for p in paths], publish=publish, no_progress=True, **options
        )

    return _ingest


@pytest.fixture
def seed(ingest):
    """The seed memo, ingested and published."""
    from archive.models import Memo

    status, _out, err = ingest(SEED)
    assert status == 0, err
    return Memo.objects.get(doc_key="ea-m-84-10245")


def indexed_ids():
    """Memo ids in the search index now."""
    return engines.current().indexed_ids()
