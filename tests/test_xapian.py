"""The Xapian engine (SEARCH_URL=xapian:///path): the query table of test_query on a real Xapian
database, the caps on expansions, and the whole path (queue, service, reconcile) on Xapian.

The rest of the search suite runs on Xapian with ARCHIVE_TEST_SEARCH=xapian (see README).
"""

import datetime
import json
import time

import pytest
from conftest import run_command
from django.core.management import call_command
from haystack import connections
from test_query import MEMOS, SEARCHES

from archive.search import engines, service
from archive.search.params import SearchRequest
from archive.search.whoosh import index as whoosh_index
from archive.search.xapian import engine as xapian_engine
from archive.search.xapian import query as xapian_query
from archive.search.xapian.engine import XapianSearch, build_document


def write(path, documents):
    """A Xapian database at `path` holding these {pk: prepared fields}."""
    xapian = xapian_engine.xapian
    db = xapian.WritableDatabase(str(path), xapian.DB_CREATE_OR_OPEN)
    for pk, fields in documents.items():
        prepared = {"id": f"archive.memo.{pk}", "django_ct": "archive.memo", "django_id": str(pk)}
        prepared.update(fields)
        db.replace_document(f"Qarchive.memo.{pk}", build_document(prepared))
    db.commit()
    db.close()
    return XapianSearch(path)


@pytest.fixture(scope="module")
def table(tmp_path_factory):
    names = ("title", "text", "agency", "office", "sender", "recipient")
    documents = {}
    for pk, values in MEMOS.items():
        documents[pk] = dict(zip(names, values[:6], strict=True))
        documents[pk].update(
            date=datetime.date(values[6], 6, 1),
            identifiers=values[7].split(","),
            codes=values[8].split(","),
        )
    found = write(tmp_path_factory.mktemp("xapian") / "index", documents)
    yield found
    found.close()


def ids(backend, text, **params):
    request = SearchRequest.from_params({"q": text, **params})
    return backend.run(request, "relevance", 0, 100, facets=False)


@pytest.mark.parametrize(("text", "expected"), SEARCHES)
def test_query_table_on_xapian(table, text, expected):
    # The query language exactly (as test_query reads it on Whoosh): strict, no spelling
    # variants of rare names ("Sakhalin" would also find "sakhalln").
    result = ids(table, text, strict="1")
    assert set(result.ids) == expected, (text, result.warnings)
    assert result.total == len(expected)
    assert table.count(text) == len(expected)


@pytest.fixture(scope="module")
def crowded(tmp_path_factory):
    words = [f"capword{n:03d}" for n in range(100)]
    near = [f"kapp{letter}" for letter in "bcdefghijklmnopqrstuvwxyz"]
    near += [f"kap{letter}a" for letter in "bcdefghijklmnoqrstuvwxyz"]
    documents = {1: {"text": " ".join(words + near)}, 2: {"text": "capword099 kappz"}}
    found = write(tmp_path_factory.mktemp("crowded") / "index", documents)
    yield found
    found.close()


def test_expansions_are_capped_to_the_commonest(crowded):
    result = ids(crowded, "capword*")
    assert set(result.ids) == {1, 2}
    assert len(result.terms) == xapian_query.MAX_PREFIX_TERMS
    assert "capword099" in result.terms  # in two memos, so among the commonest
    assert any("more than 64" in warning for warning in result.warnings)
    fuzzy = ids(crowded, "kappa~")
    assert len(fuzzy.terms) == xapian_query.MAX_FUZZY_TERMS and "kappz" in fuzzy.terms
    assert any("more than 32" in warning for warning in fuzzy.warnings)
    many = ids(crowded, " OR ".join(["capword*"] * 3 + [f"kapp{n}a~" for n in range(12)]))
    assert any("Only 10 wildcard" in warning for warning in many.warnings)


def test_an_empty_or_missing_database(tmp_path):
    empty = XapianSearch(tmp_path / "nothing-yet")
    for text in ("japan", "japan*", "japan~", "doc:104*", "-japan", "year:1984", ""):
        assert ids(empty, text).ids == [] and empty.count(text) == 0
    assert empty.indexed_ids() == set()


def test_did_you_mean_and_similar(table):
    from archive.search.query import parse

    assert table.corrections(parse("sakhalln")) == {}  # as common as "sakhalin": no better
    assert table.corrections(parse("japen")) == {"japen": "japan"}


@pytest.fixture
def on_xapian(tmp_path):
    """The default connection switched to Xapian in a temporary folder."""
    info = connections.connections_info["default"]
    previous = dict(info)
    info.update(ENGINE="archive.search.xapian.engine.ArchiveXapianEngine")
    info["PATH"] = str(tmp_path / "xapian")
    whoosh_index.reset()
    yield engines.current()
    info.clear()
    info.update(previous)
    whoosh_index.reset()


def test_queue_service_and_reconcile_on_xapian(on_xapian, seed, ingest, tmp_path):
    from archive.models import Memo

    assert isinstance(on_xapian, XapianSearch)
    assert engines.current().indexed_ids() == {seed.pk}
    page = service.search("sakhalin")
    assert [hit.memo.pk for hit in page.hits] == [seed.pk]
    assert "<mark>" in page.hits[0].snippet
    assert page.facets["year"] == [(str(seed.date.year), 1)]
    assert service.search("sakhalinn~").total == 1
    assert service.search("year:1984 sakh*").total == 1
    # Unpublishing goes through the queue: the memo leaves the index.
    Memo.objects.filter(pk=seed.pk).update(status="withdrawn")
    from archive.search import queue

    queue.enqueue([seed.pk])
    queue.drain()
    assert engines.current().indexed_ids() == set() and service.search("sakhalin").total == 0
    # Drift repaired by reconcile, which reads the stored fields back from Xapian.
    Memo.objects.filter(pk=seed.pk).update(status="published")
    status, out, _err = run_command("reconcile")
    assert status == 0 and "1 missing" in out
    assert engines.current().indexed_ids() == {seed.pk}
    # A memo with no date, no exemption codes and no entities: its empty fields are not drift.
    bare = {"id": "bare-1", "title": "A bare note", "text": "Nothing in particular here."}
    (tmp_path / "bare.jsonl").write_text(json.dumps(bare) + "\n")
    assert ingest(tmp_path / "bare.jsonl")[0] == 0
    status, out, _err = run_command("reconcile", dry_run=True)
    assert "2 documents; 0 missing, 0 extra, 0 out of date" in out


def test_a_long_queue_is_written_a_batch_per_commit(on_xapian, ingest, corpus, tmp_path):
    from archive.models import Memo
    from archive.search import queue

    lines = (corpus / "memos.jsonl").read_text().splitlines()[:7]
    (tmp_path / "seven.jsonl").write_text("\n".join(lines) + "\n")
    assert ingest(tmp_path / "seven.jsonl")[0] == 0
    pks = sorted(Memo.objects.values_list("pk", flat=True))
    assert engines.current().indexed_ids() == set(pks)
    Memo.objects.filter(pk=pks[0]).update(status="withdrawn")

    class Advances:
        seen = []

        def advance(self, n):
            self.seen.append(n)

    advances, xapian = Advances(), xapian_engine.xapian
    before = xapian.Database(str(on_xapian.path)).get_revision()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(queue, "BATCH_SIZE", 3)
        with queue.held():
            queue.enqueue(pks)
        assert queue.drain(progress=advances) == 7
    assert advances.seen == [3, 3, 1]
    assert xapian.Database(str(on_xapian.path)).get_revision() == before + 3
    assert engines.current().indexed_ids() == set(pks[1:])


def test_haystack_commands_write_the_same_documents(on_xapian, seed):
    call_command("clear_index", interactive=False, verbosity=0)
    assert engines.current().indexed_ids() == set()
    call_command("update_index", verbosity=0)
    assert engines.current().indexed_ids() == {seed.pk}
    assert service.search("sakhalin").total == 1
    connections["default"].get_backend().remove(f"archive.memo.{seed.pk}")
    assert engines.current().indexed_ids() == set()


def test_the_suite_runs_on_the_engine_asked_for(search_index):
    from conftest import TEST_ENGINE

    assert engines.name() == TEST_ENGINE
    assert (
        type(engines.current()).__name__
        == {
            "whoosh": "WhooshSearch",
            "xapian": "XapianSearch",
        }[TEST_ENGINE]
    )


def test_more_like_this_on_xapian(table):
    class Memo:
        pk = 1
        title, text = MEMOS[1][:2]

    similar = table.similar_ids(Memo, limit=5)
    assert 1 not in similar
    # The memos sharing its distinctive stems ("fish", "negoti") come first.
    assert set(similar[:2]) == {11, 12}


def stamped(path, documents, deleted=()):
    """Write {pk: fields} and delete `deleted` in one commit, as the queue's writer does."""
    xapian = xapian_engine.xapian
    db = xapian.WritableDatabase(str(path), xapian.DB_CREATE_OR_OPEN)
    revision = db.get_revision() + 1
    for pk, fields in documents.items():
        prepared = {"id": f"archive.memo.{pk}", "django_ct": "archive.memo", "django_id": str(pk)}
        prepared.update(fields)
        db.replace_document(f"Qarchive.memo.{pk}", build_document(prepared, revision))
    for pk in deleted:
        db.delete_document(f"Qarchive.memo.{pk}")
    db.commit()
    db.close()


def facet_fields(pk, turn=0):
    return {
        "text": f"memo number {pk}",
        "agency": "ABC"[(pk + turn) % 3],
        "entities": [f"Place {(pk + turn) % 4}", f"Person {pk % 5}"][: 1 + (pk + turn) % 2],
        "codes": ["25X1"] if (pk + turn) % 2 else [],
        "year": 1950 + (pk + turn) % 7,
        "date": datetime.date(1950 + (pk + turn) % 7, 1 + pk % 12, 1 + pk % 28),
    }


def expected_counts(documents, facet, key):
    counts = {}
    for fields in documents.values():
        values = fields[key] if isinstance(fields[key], list) else [fields[key]]
        for value in values:
            counts[str(value)] = counts.get(str(value), 0) + 1
    return sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))


def assert_counts(search, documents, **params):
    result = search.run(SearchRequest.from_params(params), "relevance", 0, 100)
    assert result.total == len(documents)
    assert sorted(result.ids) == sorted(documents)
    pairs = (("agency", "agency"), ("entity", "entities"), ("code", "codes"), ("year", "year"))
    for facet, key in pairs:
        if facet not in params:  # (a chosen facet is counted without its choice)
            assert result.facets[facet] == expected_counts(documents, facet, key), facet
    return result


def test_kept_columns_follow_each_commit(tmp_path, monkeypatch):
    from archive.search.xapian import tables as xapian_tables

    path = tmp_path / "index"
    documents = {pk: facet_fields(pk) for pk in range(1, 31)}
    stamped(path, documents)
    search = XapianSearch(path)
    assert_counts(search, documents)
    assert_counts(search, {pk: f for pk, f in documents.items() if "memo" in f["text"]}, q="memo")

    def read_all(db):
        raise AssertionError("read whole again: only the documents written since should be")

    monkeypatch.setattr(xapian_tables, "_read_all", read_all)
    # A commit changes facet values (some lost, some gained), adds and deletes memos.
    changed = {pk: facet_fields(pk, turn=1) for pk in (1, 2, 3, 10)}
    changed[31] = facet_fields(31)
    stamped(path, changed, deleted=(4, 5))
    documents.update(changed)
    del documents[4], documents[5]
    assert_counts(search, documents)
    chosen = {pk: f for pk, f in documents.items() if f["agency"] == "B"}
    narrowed = assert_counts(search, chosen, q="memo", agency="B")
    # The chosen facet counts its values without its own choice.
    assert narrowed.facets["agency"] == expected_counts(documents, "agency", "agency")
    stamped(path, {}, deleted=(31,))
    del documents[31]
    assert_counts(search, documents, q="number")
    search.close()


def test_an_unstamped_database_is_read_whole_at_each_revision(tmp_path, monkeypatch):
    from archive.search.xapian import tables as xapian_tables

    path = tmp_path / "index"
    documents = {pk: facet_fields(pk) for pk in range(1, 11)}
    write(path, documents)  # written without revision stamps, as before they existed
    search = XapianSearch(path)
    assert_counts(search, documents)

    def update(db, kept):
        raise AssertionError("an unstamped database cannot say what changed")

    monkeypatch.setattr(xapian_tables, "_update", update)
    changed = {1: facet_fields(1, turn=2)}
    write(path, changed)
    documents.update(changed)
    assert_counts(search, documents)
    search.close()


def test_a_starting_worker_reads_the_columns_before_the_first_search(on_xapian, seed):
    import runpy

    from archive.search.xapian import tables as xapian_tables

    xapian_tables.forget()
    hooks = runpy.run_path(str(engines.__file__).replace("search/engines.py", "gunicorn.conf.py"))
    hooks["post_worker_init"](worker=None)
    deadline = time.monotonic() + 30
    while str(on_xapian.path) not in xapian_tables._kept and time.monotonic() < deadline:
        time.sleep(0.05)  # read by the hook's thread, not this one
    assert str(on_xapian.path) in xapian_tables._kept
    kept = xapian_tables._kept[str(on_xapian.path)].tables
    assert kept.django_id[kept.live].tolist() == [seed.pk]


def test_documents_hold_the_analyzers_stems_and_words(corpus):
    """build_document's one pass gives the terms of the analyzer's two passes (stems with
    positions, unstemmed words), with the same positions and within-document frequencies."""
    import json

    from archive.search.analysis import text_analyzer

    analyzer = text_analyzer()
    lines = (corpus / "memos.jsonl").read_text().splitlines()[:40]
    for number, line in enumerate(lines):
        memo = json.loads(line)
        fields = {"title": memo["title"], "text": memo.get("text") or memo["title"]}
        fields["agency"] = memo.get("agency") or ""
        prepared = {"id": f"archive.memo.{number}", "django_id": str(number), **fields}
        expected = {}
        position = 1
        for field, prefix in (("text", ""), ("title", "S"), ("agency", "XA")):
            if not fields[field]:
                continue
            for token in analyzer(fields[field], positions=True):
                name = xapian_query.term(prefix, token.text)
                expected.setdefault(name, []).append(position + token.pos)
            for token in analyzer(fields[field], no_morph=True):
                name = xapian_query.term("W" + prefix, token.text)
                expected.setdefault(name, []).append(None)
            position += 100_000
        document = build_document(prepared)
        found = {
            item.term.decode(): (item.wdf, list(item.positer))
            for item in document.termlist()
            if not item.term.startswith((b"Q", b"F", b"XI:", b"XC:"))
        }
        assert found.keys() == expected.keys()
        for name, places in expected.items():
            positions = sorted(p for p in places if p is not None)
            assert found[name] == (len(places), positions), name


def test_commits_made_while_the_columns_are_read(tmp_path, monkeypatch):
    """A long read spans commits (a bulk load): the columns end up those of the latest."""
    from archive.search.xapian import tables as xapian_tables

    path = tmp_path / "index"
    documents = {pk: facet_fields(pk) for pk in range(1, 41)}
    stamped(path, documents)
    fill = xapian_tables._fill
    commits = []

    def fill_during_commits(tables, slot, docids, values):
        fill(tables, slot, docids, values)
        if slot == xapian_query.ID_SLOT and not commits:  # after the first slot read
            for turn in range(1, 4):
                changed = {pk: facet_fields(pk, turn) for pk in (turn, 10 + turn)}
                changed[40 + turn] = facet_fields(40 + turn)
                stamped(path, changed, deleted=(20 + turn,))
                documents.update(changed)
                del documents[20 + turn]
                commits.append(turn)

    values = xapian_tables._values
    overwritten = []

    def values_of_an_overwritten_revision(*args):
        if commits and not overwritten:  # as when the commits reuse the blocks being read
            overwritten.append(True)
            raise xapian_engine.xapian.DatabaseModifiedError("overwritten")
        return values(*args)

    monkeypatch.setattr(xapian_tables, "_fill", fill_during_commits)
    monkeypatch.setattr(xapian_tables, "_values", values_of_an_overwritten_revision)
    search = XapianSearch(path)
    before = dict(documents)
    first = search.run(SearchRequest.from_params({}), "relevance", 0, 100)
    assert commits == [1, 2, 3] and overwritten
    # The search answers from the revision it began with, or (if the commits overwrote it
    # under the reader) the latest: either way the counts are those of its memos.
    state = before if sorted(first.ids) == sorted(before) else documents
    assert_counts(search if state is documents else _Frozen(first), state)
    assert_counts(search, documents)  # the next search: the latest revision
    monkeypatch.setattr(xapian_tables, "_fill", fill)
    monkeypatch.setattr(xapian_tables, "_values", values)
    xapian_tables.forget(path)
    assert_counts(search, documents)  # read whole, quietly: the same
    search.close()


class _Frozen:
    """A search answering with one result already run."""

    def __init__(self, result):
        self.result = result

    def run(self, *_args):
        return self.result


def test_saved_columns_spare_a_new_worker_the_read(tmp_path, monkeypatch):
    """Columns saved beside the database: a later worker loads them and reads only what was
    written since; saved columns of another database, or unreadable, are passed over."""
    from archive.search import column_cache, columns
    from archive.search.xapian import tables as xapian_tables

    monkeypatch.setattr(xapian_tables, "SAVE_AFTER", 1)
    path = tmp_path / "index"
    documents = {pk: facet_fields(pk) for pk in range(1, 31)}
    stamped(path, documents)
    search = XapianSearch(path)
    assert_counts(search, documents)
    saved = path / f"archive{column_cache.SUFFIX}"
    assert saved.exists()
    search.close()  # (forgets the columns kept in memory)

    read_whole = xapian_tables._read_all
    reads = []

    def read_all(*args):
        reads.append(args)
        return read_whole(*args)

    monkeypatch.setattr(xapian_tables, "_read_all", read_all)
    monkeypatch.setattr(columns, "_vocabularies", {})  # a new process numbers values anew
    columns.vocabulary("agency").id("An agency no memo has")
    changed = {pk: facet_fields(pk, turn=1) for pk in (1, 2, 3)}
    changed[31] = facet_fields(31)
    stamped(path, changed, deleted=(4,))
    documents.update(changed)
    del documents[4]
    search = XapianSearch(path)
    assert_counts(search, documents)
    assert_counts(search, {pk: f for pk, f in documents.items() if f["agency"] == "C"}, agency="C")
    assert reads == []  # loaded, then the four documents written since read
    search.close()

    other = tmp_path / "other"
    stamped(other, {pk: facet_fields(pk) for pk in (1, 2)})
    (other / saved.name).write_bytes(saved.read_bytes())  # another database's columns
    search = XapianSearch(other)
    assert_counts(search, {pk: facet_fields(pk) for pk in (1, 2)})
    assert len(reads) == 1
    search.close()

    saved.write_bytes(saved.read_bytes()[:100])  # truncated
    search = XapianSearch(path)
    assert_counts(search, documents)
    assert len(reads) == 2
    search.close()
