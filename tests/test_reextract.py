"""Running extraction again: curated fields and their sources kept, the rest refreshed, and
`manage.py reextract` resumable by the extractor version each memo records."""

import pytest

from archive.ingest.provenance import EXTRACTOR_KEY, extractor_version
from archive.ingest.reextract import reextract
from archive.models import Memo
from tests.conftest import SEED, run_command
from tests.corpus_records import FORM_TEXT, ingest_raw

pytestmark = pytest.mark.corpus


def _forget(memo, **values):
    """Make a memo look read by an older extractor, with some fields lost."""
    sources = dict(memo.field_sources)
    sources[EXTRACTOR_KEY] = {"version": "older", "family": ""}
    sources.pop("date", None)
    Memo.objects.filter(pk=memo.pk).update(field_sources=sources, **values)


def test_reextraction_keeps_a_curated_field_and_its_source(corpus, ingest):
    memo = ingest_raw(ingest, corpus, FORM_TEXT)
    memo.sender = "Chief, Technical Services Division (corrected)"
    memo.curated_fields = ["sender"]
    memo.field_sources = {**memo.field_sources, "sender": {"rule": "curator"}}
    memo.save()
    _forget(memo, archival_description={}, parts=[], subjects=[], office="")
    memo.refresh_from_db()

    changed = reextract(memo)
    memo.refresh_from_db()
    assert {"archival_description", "parts", "subjects", "office"} <= set(changed)
    assert memo.sender == "Chief, Technical Services Division (corrected)"
    assert memo.field_sources["sender"] == {"rule": "curator"}
    assert memo.archival_description["title"]["value"] == "TRANSMITTAL OF INFO REQUESTED BY OS."
    assert memo.subjects[-1] == "JFK ASSASSINATION" and memo.parts[0][0] == "form"
    date = memo.field_sources["date"]
    assert memo.text[date["start"] : date["end"]] == "08/01/1963"
    assert memo.field_sources[EXTRACTOR_KEY]["version"] == extractor_version()
    assert memo.history.first().history_change_reason == "extraction run again"


def test_reextraction_never_overwrites_a_change_made_meanwhile(corpus, ingest):
    memo = ingest_raw(ingest, corpus, FORM_TEXT)
    _forget(memo, office="")  # extraction has something to write
    stale = Memo.objects.get(pk=memo.pk)
    current = Memo.objects.get(pk=memo.pk)
    current.title = "Transmittal of alias documents (corrected meanwhile)"
    current.curated_fields = ["title"]
    current.save()
    reextract(stale)  # read before the curator saved
    current.refresh_from_db()
    assert current.title == "Transmittal of alias documents (corrected meanwhile)"
    assert current.curated_fields == ["title"] and current.office


def test_an_unchanged_memo_gets_no_new_history(corpus, ingest):
    memo = ingest_raw(ingest, corpus, FORM_TEXT)
    versions = memo.history.count()
    assert reextract(memo) == []
    assert memo.history.count() == versions


def test_reextract_command_resumes_by_version(corpus, ingest):
    assert ingest(SEED)[0] == 0
    memo = ingest_raw(ingest, corpus, FORM_TEXT, publish=False)
    seed = Memo.objects.get(doc_key="ea-m-84-10245")

    status, out, err = run_command("reextract", no_progress=True)
    assert status == 0, err
    assert "Re-extracted 0 memo(s)" in out and "2 already read by this extractor skipped" in out

    _forget(memo, office="")
    status, out, err = run_command("reextract")
    assert status == 0, err
    assert "Re-extracted 1 memo(s)" in out and "1 changed" in out and "1 already read" in out
    assert "1/1 memos" in err  # the progress line
    memo.refresh_from_db()
    assert memo.office and memo.field_sources[EXTRACTOR_KEY]["version"] == extractor_version()

    # A second run finds nothing left; --force reads them all again, --status and slugs select.
    assert "Re-extracted 0 memo(s)" in run_command("reextract", no_progress=True)[1]
    forced = run_command("reextract", force=True, no_progress=True)[1]
    assert "Re-extracted 2 memo(s)" in forced and "0 changed, 2 unchanged" in forced
    drafts = run_command("reextract", force=True, status=["draft"], no_progress=True)[1]
    assert "Re-extracted 1 memo(s)" in drafts
    _forget(seed)
    named = run_command("reextract", seed.slug, no_progress=True)[1]
    assert "Re-extracted 1 memo(s)" in named
    status, _out, err = run_command("reextract", "no-such-memo", no_progress=True)
    assert status == 1 and "no-such-memo" in err
