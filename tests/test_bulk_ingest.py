"""The bulk path of `ingest`: same memos as one by one, cheap resume, parallel index writers."""

import datetime
import json
import sys

import pytest
from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from archive.ingest import bulk
from archive.ingest.records import build_record
from archive.ingest.sources import read
from archive.ingest.store import store
from archive.models import IndexTask, Memo
from archive.search import documents
from archive.search.whoosh import bulk as bulk_index
from archive.search.whoosh import index as whoosh_index
from tests.conftest import REPO, indexed_ids

sys.path.insert(0, str(REPO))
from bench.synthetic import memos as synthetic_memos  # noqa: E402

# Fields that differ between any two stores of one document, whichever the path.
# A copy group's key names the memo that founded it: the groups themselves are compared.
VOLATILE = {
    "id", "slug", "ingested_at", "updated_at", "published_at", "ingest_fingerprint", "copy_group",
}  # fmt: skip


def write_synthetic(path, n, seed=7, start=0):
    """n SYNTHETIC memos as a JSONL file (records start..start+n of the seeded stream)."""
    records = list(synthetic_memos(start + n, seed=seed))[start:]
    path.write_text("".join(json.dumps(record) + "\n" for record in records))
    return records


def memo_state(memo):
    """Everything stored for a memo that does not depend on when or how it was stored."""
    fields = {
        field.attname: getattr(memo, field.attname)
        for field in Memo._meta.concrete_fields
        if field.attname not in VOLATILE
    }
    fields["collection_id"] = memo.collection.name if memo.collection_id else None
    fields["redactions"] = list(
        memo.redactions.order_by("start").values_list("start", "end", "marker", "codes", "kind")
    )
    fields["mentions"] = sorted(memo.mentions.values_list("start", "end", "entity__slug"))
    fields["history"] = list(memo.history.values_list("history_type", "title", "status"))
    fields["copies"] = sorted(
        Memo.objects.filter(copy_group=memo.copy_group).values_list("source_id", flat=True)
    )
    return fields


def test_bulk_store_makes_the_same_memos_as_store_one_by_one(ingest, tmp_path, seed):
    records = write_synthetic(tmp_path / "syn.jsonl", 40)
    status, out, err = ingest(tmp_path / "syn.jsonl", batch_size=25)
    assert status == 0, err
    assert "40 new, 0 updated, 0 unchanged, 0 failed" in out
    by_bulk = {m.source_id: memo_state(m) for m in Memo.objects.exclude(pk=seed.pk)}
    assert len(by_bulk) == 40
    assert all(state["status"] == "published" for state in by_bulk.values())

    Memo.objects.exclude(pk=seed.pk).delete()
    for raw in read(tmp_path / "syn.jsonl"):
        store(build_record(raw), publish=True)
    by_one = {m.source_id: memo_state(m) for m in Memo.objects.exclude(pk=seed.pk)}
    assert by_one == by_bulk
    assert {r["id"] for r in records} == set(by_bulk)
    # Some memos have redactions and entity mentions, so the comparison compared something.
    assert any(state["redactions"] for state in by_bulk.values())
    assert any(state["mentions"] for state in by_bulk.values())


def test_rerun_skips_stored_documents_without_extracting_them(
    ingest, tmp_path, monkeypatch, django_assert_max_num_queries
):
    write_synthetic(tmp_path / "syn.jsonl", 30)
    # A large batch spends a minute finding names before its inserts: the clock moves on.
    clock = {"offset": datetime.timedelta(0)}
    real_now, real_find = timezone.now, bulk.extract_mentions

    def slow_find(*args, **kwargs):
        clock["offset"] += datetime.timedelta(seconds=3)
        return real_find(*args, **kwargs)

    monkeypatch.setattr(timezone, "now", lambda: real_now() + clock["offset"])
    monkeypatch.setattr(bulk, "extract_mentions", slow_find)
    assert ingest(tmp_path / "syn.jsonl")[0] == 0
    monkeypatch.setattr(timezone, "now", real_now)
    assert clock["offset"] > bulk.UNTOUCHED
    assert indexed_ids() == set(Memo.objects.published().values_list("pk", flat=True))

    def no_extraction(raw):
        raise AssertionError(f"{raw.source} was extracted again")

    monkeypatch.setattr("archive.management.commands.ingest.build_record", no_extraction)
    with django_assert_max_num_queries(12):
        status, out, err = ingest(tmp_path / "syn.jsonl", batch_size=500)
    assert status == 0, err
    assert "0 new, 0 updated, 30 unchanged, 0 failed" in out


def test_rerun_after_a_curator_changed_a_memo_goes_through_store(ingest, tmp_path):
    write_synthetic(tmp_path / "syn.jsonl", 5)
    assert ingest(tmp_path / "syn.jsonl")[0] == 0
    memo = Memo.objects.order_by("pk").first()
    original = memo.agency
    # A later save by someone else (not recorded as curated): the input wins again.
    Memo.objects.filter(pk=memo.pk).update(
        agency="Changed by hand", updated_at=timezone.now() + datetime.timedelta(minutes=5)
    )
    status, out, err = ingest(tmp_path / "syn.jsonl")
    assert status == 0, err
    assert "0 new, 1 updated, 4 unchanged, 0 failed" in out
    memo.refresh_from_db()
    assert memo.agency == original


def test_rerun_with_publish_publishes_drafts_it_would_otherwise_skip(ingest, tmp_path):
    write_synthetic(tmp_path / "syn.jsonl", 4)
    assert ingest(tmp_path / "syn.jsonl", publish=False)[0] == 0
    assert not Memo.objects.published().exists()
    status, out, err = ingest(tmp_path / "syn.jsonl", publish=True)
    assert status == 0, err
    assert "0 new, 4 updated, 0 unchanged, 0 failed" in out
    assert Memo.objects.published().count() == 4
    assert indexed_ids() == set(Memo.objects.values_list("pk", flat=True))


def test_bad_documents_fail_alone_and_the_batch_commits(ingest, tmp_path):
    records = list(synthetic_memos(6, seed=3))
    lines = [json.dumps(r) for r in records]
    lines.insert(2, json.dumps({**records[0], "id": "SYN-bad", "date": "1984-13-45"}))
    lines.insert(4, "{not json")
    (tmp_path / "mixed.jsonl").write_text("\n".join(lines) + "\n")
    status, out, err = ingest(tmp_path / "mixed.jsonl")
    assert status == 1
    assert "6 new, 0 updated, 0 unchanged, 2 failed" in out
    assert "mixed.jsonl:3: invalid date '1984-13-45'" in err
    assert "mixed.jsonl:5: malformed JSON" in err


def test_a_batch_that_fails_in_the_database_is_stored_one_by_one(ingest, tmp_path, monkeypatch):
    records = write_synthetic(tmp_path / "syn.jsonl", 8)
    # Another process stored one of these documents after the batch looked: the batch insert
    # hits the unique document number and every record is stored alone instead.
    raw = next(iter(read(tmp_path / "syn.jsonl")))
    split = bulk._split

    def late_split(items):
        fresh, single = split(items)
        store(build_record(raw), publish=True)
        return fresh, single

    monkeypatch.setattr(bulk, "_split", late_split)
    real_create = bulk._create_all
    attempts = []

    def create_all(fresh, publish, linking):
        attempts.append(len(fresh))
        return real_create(fresh, publish, linking)

    monkeypatch.setattr(bulk, "_create_all", create_all)
    status, out, err = ingest(tmp_path / "syn.jsonl")
    assert status == 0, err
    assert attempts == [8]
    assert "7 new, 0 updated, 1 unchanged, 0 failed" in out
    assert Memo.objects.count() == len(records)
    assert indexed_ids() == set(Memo.objects.values_list("pk", flat=True))


def test_a_deadlocked_transaction_is_run_again(db, tmp_path, monkeypatch):
    write_synthetic(tmp_path / "syn.jsonl", 4)
    records = [build_record(raw) for raw in read(tmp_path / "syn.jsonl")]
    records[3].values["document_number"] = records[0].values["document_number"]  # one by one
    failures = {"create": 1, "store": 1}

    def failing_once(name, real):
        def wrapper(*args, **kwargs):
            if failures[name]:
                failures[name] -= 1
                raise OperationalError("deadlock detected")
            return real(*args, **kwargs)

        return wrapper

    monkeypatch.setattr(bulk, "_create_all", failing_once("create", bulk._create_all))
    monkeypatch.setattr(bulk, "store", failing_once("store", bulk.store))
    results = bulk.store_batch([(record, "") for record in records], publish=True)
    assert [r.action for r in results] == ["created", "created", "created", "updated"]
    assert failures == {"create": 0, "store": 0}
    # Anything else is not retried.
    monkeypatch.setattr(bulk, "store", failing_once("store", bulk.store))
    failures["store"] = 1
    monkeypatch.setattr(
        bulk, "_transient", lambda error: False
    )  # e.g. "no such table": a real failure
    with pytest.raises(OperationalError):
        bulk.store_batch([(records[3], "")], publish=True)


def test_store_batch_reports_an_integrity_error_per_record(db, tmp_path):
    write_synthetic(tmp_path / "syn.jsonl", 3)
    records = [build_record(raw) for raw in read(tmp_path / "syn.jsonl")]
    # Two records claiming one document number: the second is matched to the first.
    records[2].values["document_number"] = records[0].values["document_number"]
    results = bulk.store_batch([(record, "") for record in records], publish=True)
    assert [r.action for r in results] == ["created", "created", "updated"]
    assert Memo.objects.count() == 2


def test_interrupted_run_resumes_and_the_index_agrees(ingest, tmp_path, monkeypatch):
    write_synthetic(tmp_path / "syn.jsonl", 30)
    real = bulk.store_batch
    calls = []

    def interrupted(items, publish=False, linking=None):
        calls.append(len(items))
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(items, publish, linking)

    monkeypatch.setattr("archive.management.commands.ingest.store_batch", interrupted)
    status, out, err = ingest(tmp_path / "syn.jsonl", batch_size=10)
    assert status == 1 and "run the same command again to resume" in err
    assert Memo.objects.count() == 10
    monkeypatch.setattr("archive.management.commands.ingest.store_batch", real)
    status, out, err = ingest(tmp_path / "syn.jsonl", batch_size=10)
    assert status == 0, err
    assert "20 new, 0 updated, 10 unchanged, 0 failed" in out
    assert indexed_ids() == set(Memo.objects.published().values_list("pk", flat=True))
    assert len(indexed_ids()) == 30
    assert not IndexTask.objects.exists()


@pytest.fixture
def small_writers(monkeypatch, settings):
    """Parallel writers from 20 documents on, the first holding 16: every path on a few memos."""
    settings.ARCHIVE_INDEX_PARALLEL_FROM = 20
    monkeypatch.setattr(bulk_index, "FIRST_WRITER_DOCS", 16)
    monkeypatch.setattr(bulk_index, "JOB_DOCS", 4)
    started = []
    new_task = bulk_index.ParallelWriter._new_task
    monkeypatch.setattr(
        bulk_index.ParallelWriter, "_new_task", lambda self: started.append(1) or new_task(self)
    )
    return started


def test_parallel_writers_index_every_published_memo_once(ingest, tmp_path, small_writers):
    write_synthetic(tmp_path / "syn.jsonl", 60)
    status, out, err = ingest(tmp_path / "syn.jsonl", batch_size=20)
    assert status == 0, err
    published = set(Memo.objects.published().values_list("pk", flat=True))
    assert indexed_ids() == published and len(published) == 60
    searcher = whoosh_index.searcher()
    assert searcher.doc_count() == 60  # no memo twice
    for pk in published:
        assert len(list(searcher.document_numbers(django_id=str(pk)))) == 1
    # Writers of 16, then 32 documents and the rest, each with two worker processes.
    assert len(small_writers) >= 6
    assert not IndexTask.objects.exists()


def test_optimize_leaves_one_segment(ingest, tmp_path, small_writers):
    write_synthetic(tmp_path / "syn.jsonl", 40)
    status, out, err = ingest(tmp_path / "syn.jsonl", batch_size=20, optimize=True)
    assert status == 0, err
    assert len(whoosh_index.get_index()._segments()) == 1
    assert len(indexed_ids()) == whoosh_index.searcher().doc_count() == 40


def test_a_memo_changed_in_an_open_writer_is_indexed_as_last_saved(db, small_writers):
    from archive.search import queue

    def make(slug, title):
        return Memo.objects.create(
            slug=slug, title=title, text=f"{title} text", checksum=slug * 64, status="published"
        )

    with queue.held():
        memo, gone = make("a", "First title"), make("b", "Soon withdrawn")
        indexer = bulk_index.BulkIndexer(expected=100)
        indexer.feed()
        assert indexer.writer is not None and {memo.pk, gone.pk} <= indexer.memo_ids
        memo.title = "Second title"
        memo.save()
        gone.status = "withdrawn"
        gone.save()
        other = make("c", "Other")
        indexer.feed()
        indexer.finish()
    assert indexed_ids() == {memo.pk, other.pk}
    searcher = whoosh_index.searcher()
    assert searcher.doc_count() == 2
    stored = {int(f["django_id"]): f["title"] for f in searcher.all_stored_fields()}
    assert stored[memo.pk] == "Second title"
    assert indexer.writers >= 2  # the repeated memos made the first writer commit early
    assert not IndexTask.objects.exists()


def test_a_worker_that_wrote_nothing_leaves_no_segment(seed, search_index):
    from whoosh.index import TOC
    from whoosh.writing import NO_MERGE

    before = {segment.segment_id() for segment in whoosh_index.get_index()._segments()}
    with documents.writer_lock():
        writer = bulk_index.ParallelWriter(
            whoosh_index.get_index(), procs=2, batchsize=100, multisegment=True
        )
        writer._new_task()
        writer._new_task()  # two workers for one job: one of them gets nothing to write
        writer.add_document(**documents.memo_fields(seed))
        writer.commit(mergetype=NO_MERGE)
    segments = whoosh_index.get_index()._segments()
    assert [segment.doc_count_all() for segment in segments if segment.segment_id() not in before]
    assert all(segment.doc_count_all() for segment in segments)
    pattern = TOC._segment_pattern("MAIN")
    on_disk = {m.group(1) for p in search_index.iterdir() if (m := pattern.match(p.name))}
    assert on_disk == {segment.segment_id() for segment in segments}


def test_stale_files_of_a_killed_writer_are_removed(ingest, tmp_path, search_index, seed):
    folder = search_index
    (folder / "MAIN.tmp").mkdir(exist_ok=True)
    (folder / "MAIN.tmp" / "run_abc.run").write_bytes(b"x" * 1000)
    (folder / "MAIN_zzzzzzzzzzzzzzzz.seg").write_bytes(b"orphan")
    (folder / "_MAIN_0.toc").write_bytes(b"old")
    write_synthetic(tmp_path / "syn.jsonl", 3)
    assert ingest(tmp_path / "syn.jsonl")[0] == 0
    names = {p.name for p in folder.iterdir()}
    assert "MAIN.tmp" not in names
    assert "MAIN_zzzzzzzzzzzzzzzz.seg" not in names
    assert "_MAIN_0.toc" not in names
    assert len(indexed_ids()) == 4


def test_an_ordinary_index_update_also_clears_a_killed_writers_files(
    seed, search_index, django_capture_on_commit_callbacks
):
    (search_index / "MAIN.tmp").mkdir(exist_ok=True)
    (search_index / "MAIN.tmp" / "abc.doclist").write_bytes(b"x" * 100)
    with django_capture_on_commit_callbacks(execute=True):
        seed.title = "Retitled"
        seed.save()
    assert not (search_index / "MAIN.tmp").exists()
    stored = {int(f["django_id"]): f["title"] for f in whoosh_index.searcher().all_stored_fields()}
    assert stored == {seed.pk: "Retitled"}


def test_bulk_skip_costs_a_few_queries_per_batch(db, tmp_path):
    write_synthetic(tmp_path / "syn.jsonl", 50)
    raws = list(read(tmp_path / "syn.jsonl"))
    results = bulk.store_batch(
        [(build_record(raw), bulk.fingerprint(raw)) for raw in raws], publish=True
    )
    assert all(r.action == "created" for r in results)
    with CaptureQueriesContext(connection) as queries:
        done = bulk.already_done([bulk.fingerprint(raw) for raw in raws], publish=True)
    assert len(done) == 50 and len(queries) == 1
    # The fingerprint covers text, metadata and file name: any change makes it new work.
    changed = raws[0]
    changed.metadata = {**changed.metadata, "title": "Another title"}
    assert bulk.fingerprint(changed) not in done
