"""`reconcile` finds where database and index disagree, repairs it and reports the counts."""

from archive.models import IndexTask, Memo
from archive.search import documents, queue
from archive.search.whoosh import index as whoosh_index
from tests.conftest import indexed_ids, run_command


def _publish_corpus_slice(ingest, corpus, tmp_path, n=12):
    lines = (corpus / "memos.jsonl").read_text().splitlines()[:n]
    sample = tmp_path / "sample.jsonl"
    sample.write_text("\n".join(lines) + "\n")
    assert ingest(sample)[0] == 0
    return list(Memo.objects.order_by("pk"))


def test_reconcile_repairs_a_missing_and_an_extra_memo(ingest, corpus, tmp_path):
    memos = _publish_corpus_slice(ingest, corpus, tmp_path)
    assert indexed_ids() == {m.pk for m in memos}
    missing, extra = memos[0], memos[1]
    # Drift made behind the queue's back: one memo dropped from the index, one unpublished
    # in the database only.
    with documents.writer_lock(), whoosh_index.locked_writer() as writer:
        writer.delete_by_term("id", documents.identifier(missing.pk))
    Memo.objects.filter(pk=extra.pk).update(status="draft")
    assert missing.pk not in indexed_ids() and extra.pk in indexed_ids()

    status, out, _err = run_command("reconcile", dry_run=True)
    assert status == 0
    assert "1 missing, 1 extra" in out and "nothing repaired" in out
    assert missing.pk not in indexed_ids()

    status, out, _err = run_command("reconcile")
    assert status == 0
    assert f"Database: {len(memos) - 1} published; index: {len(memos) - 1} documents" in out
    assert "1 missing, 1 extra, 0 out of date" in out
    assert "Repaired 2 memo(s): 1 added, 1 removed" in out and "0 differing" in out
    assert indexed_ids() == set(Memo.objects.published().values_list("pk", flat=True))
    assert not IndexTask.objects.exists()

    status, out, _err = run_command("reconcile")
    assert "0 missing, 0 extra, 0 out of date" in out and "Repaired 0 memo(s)" in out


def test_reconcile_refreshes_an_out_of_date_document(ingest, corpus, tmp_path):
    memos = _publish_corpus_slice(ingest, corpus, tmp_path, n=4)
    stale = memos[2]
    Memo.objects.filter(pk=stale.pk).update(title="A title the index has not seen")
    status, out, _err = run_command("reconcile")
    assert "0 missing, 0 extra, 1 out of date" in out
    fields = dict(whoosh_index.searcher().document(id=documents.identifier(stale.pk)) or {})
    assert fields["title"] == "A title the index has not seen"


def test_queued_updates_are_applied_first_not_counted_as_drift(seed):
    IndexTask.objects.all().delete()
    with documents.writer_lock(), whoosh_index.locked_writer() as writer:
        writer.delete_by_term("id", documents.identifier(seed.pk))
    queue.enqueue([seed.pk])  # a pending update that will repair it
    status, out, _err = run_command("reconcile")
    assert "0 missing" in out and "1 queued updates applied first" in out
    assert indexed_ids() == {seed.pk}


def test_reconcile_shows_progress_and_an_interrupted_run_resumes(ingest, corpus, tmp_path):
    memos = _publish_corpus_slice(ingest, corpus, tmp_path, n=6)
    status, _out, err = run_command("reconcile", all=True)
    assert status == 0 and "6/6 memos" in err
    # Killed half way through --all: what was not written is still queued.
    IndexTask.objects.all().delete()
    with documents.writer_lock(), whoosh_index.locked_writer() as writer:
        for memo in memos[:3]:
            writer.delete_by_term("id", documents.identifier(memo.pk))
    with queue.held():
        queue.enqueue([memo.pk for memo in memos[:3]])
    status, out, err = run_command("reconcile")
    assert "3 queued updates applied first" in out and "0 missing" in out
    assert "3/3 queued updates" in err
    assert indexed_ids() == {memo.pk for memo in memos}
    status, _out, err = run_command("reconcile", no_progress=True)
    assert err == ""


def test_queued_applies_the_queue_and_compares_nothing(ingest, corpus, tmp_path):
    memos = _publish_corpus_slice(ingest, corpus, tmp_path, n=5)
    # One memo queued (an interrupted run's leftover), one dropped behind the queue's back.
    with documents.writer_lock(), whoosh_index.locked_writer() as writer:
        for memo in memos[:2]:
            writer.delete_by_term("id", documents.identifier(memo.pk))
    with queue.held():
        queue.enqueue([memos[0].pk])
    status, out, err = run_command("reconcile", queued=True)
    assert status == 0 and "1/1 queued updates" in err
    assert "Applied 1 queued updates; index now 4 documents" in out and "missing" not in out
    assert indexed_ids() == {memo.pk for memo in memos[2:]} | {memos[0].pk}
    assert not IndexTask.objects.exists()
    status, out, _err = run_command("reconcile")
    assert "1 missing" in out and indexed_ids() == {memo.pk for memo in memos}
    status, _out, err = run_command("reconcile", queued=True, all=True)
    assert status == 1 and "not with --dry-run or --all" in err
