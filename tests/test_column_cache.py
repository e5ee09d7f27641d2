"""Index columns saved beside a Whoosh index: a later worker loads them, with the same answers."""

import os
import sys
import time

import numpy as np
import pytest
from conftest import REPO, whoosh_only

from archive.search import column_cache, columns, documents, engines
from archive.search.service import SearchRequest
from archive.search.whoosh import index as whoosh_index
from archive.search.whoosh import tables as whoosh_tables

sys.path.insert(0, str(REPO))
from bench.synthetic import write_jsonl  # noqa: E402

pytestmark = [pytest.mark.django_db, whoosh_only]


@pytest.fixture
def archive(ingest, tmp_path):
    """Synthetic memos ingested in two loads (two segments at least)."""
    for seed in (3, 4):
        path = tmp_path / f"memos-{seed}.jsonl"
        write_jsonl(path, 20, seed=seed)
        assert ingest(path)[0] == 0
    return documents.index_path() / "columns"


def forget_in_memory(monkeypatch):
    """As in a new worker: no segment kept in memory, facet values numbered anew."""
    whoosh_tables._segments.clear()
    whoosh_tables._tables.clear()
    fresh = {}
    monkeypatch.setattr(columns, "_vocabularies", fresh)
    for facet in ("agency", "entity", "year"):  # numbered in another order than before
        columns.vocabulary(facet).id(f"A value no memo has ({facet})")


def readable(tables):
    """The tables with facet value ids as their values (comparable across vocabularies)."""
    out = {name: getattr(tables, name).tolist() for name in ("live", "django_id", "date")}
    out["published"] = tables.published.tolist()
    for name, column in tables.single.items():
        values = columns.vocabulary(name).values
        out[name] = [values[i] if i >= 0 else None for i in column]
    for name, (docs, vals) in tables.multi.items():
        values = columns.vocabulary(name).values
        out[name] = sorted(zip(docs.tolist(), (values[i] for i in vals), strict=True))
    return out


def search(**params):
    request = SearchRequest.from_params(params)
    outcome = engines.current().run(request, "relevance", 0, 100)
    return outcome.total, outcome.ids, outcome.facets


def test_a_new_worker_loads_the_saved_columns(archive, monkeypatch):
    first = whoosh_tables.tables(whoosh_index.searcher())
    before = readable(first)
    answers = [search(), search(q="soviet"), search(agency="Central Intelligence Agency")]
    leaves = whoosh_index.searcher().reader().leaf_readers()
    saved = sorted(p.name for p in archive.iterdir())
    assert len(leaves) >= 2
    assert saved == sorted(f"{r.segment().segment_id()}{column_cache.SUFFIX}" for r, _ in leaves)

    forget_in_memory(monkeypatch)

    def read_segment(reader, schema):
        raise AssertionError("read from the index: the saved columns should have been loaded")

    monkeypatch.setattr(whoosh_tables, "_read_segment", read_segment)
    loaded = whoosh_tables.tables(whoosh_index.searcher())
    assert readable(loaded) == before
    assert [search(), search(q="soviet"), search(agency="Central Intelligence Agency")] == answers


def test_unusable_saved_columns_are_passed_over(archive, monkeypatch):
    before = readable(whoosh_tables.tables(whoosh_index.searcher()))
    files = sorted(archive.iterdir())
    first = files[0].read_bytes()
    files[0].write_bytes(first[:200])  # truncated
    files[1].write_bytes(first)  # another segment's columns
    forget_in_memory(monkeypatch)
    assert readable(whoosh_tables.tables(whoosh_index.searcher())) == before
    # Read from the index again, and saved again.
    assert files[0].read_bytes() != first[:200] and column_cache.load(files[0]) is not None
    assert files[1].read_bytes() != first


def test_columns_of_segments_gone_are_removed(archive, monkeypatch):
    whoosh_tables.tables(whoosh_index.searcher())
    gone, fresh = archive / f"gone{column_cache.SUFFIX}", archive / f"new{column_cache.SUFFIX}"
    for path in (gone, fresh):
        path.write_bytes(b"")
    old = time.time() - 3600
    os.utime(gone, (old, old))
    forget_in_memory(monkeypatch)
    whoosh_tables.tables(whoosh_index.searcher())
    assert not gone.exists()
    assert fresh.exists()  # perhaps just saved by a worker on a newer index


def test_saved_values_round_trip(tmp_path):
    vocab = columns.vocabulary("agency")
    ids = np.array([vocab.id("Née “quoted”"), -1, vocab.id("Plain")], dtype=columns.IDS)
    docs = np.array([0, 2, 2], dtype=columns.IDS)
    names = columns.vocabulary("entity")
    pairs = np.array([names.id(v) for v in ("X", "Née “quoted”", "Y")], dtype=columns.IDS)
    path = tmp_path / "one.columns.npz"
    arrays = {"django_id": np.array([7, 8, 9])}
    assert column_cache.save(path, {"k": 1}, arrays, {"agency": ids}, {"entity": (docs, pairs)})
    _meta, got_arrays, single, multi = column_cache.load(path, k=1)
    assert got_arrays["django_id"].tolist() == [7, 8, 9]
    assert single["agency"].tolist() == ids.tolist()
    assert multi["entity"][0].tolist() == [0, 2, 2]
    assert [names.values[i] for i in multi["entity"][1]] == ["X", "Née “quoted”", "Y"]
    assert column_cache.load(path, k=2) is None  # of another index
    assert column_cache.load(tmp_path / "missing.columns.npz") is None
    path.write_bytes(b"not a zip")
    assert column_cache.load(path) is None


def test_segments_hold_their_rows_of_the_joined_columns(archive, ingest, tmp_path):
    """Columns are held once: each segment's are views of the joined tables, which stay right
    when a commit adds a segment."""
    joined = whoosh_tables.tables(whoosh_index.searcher())
    leaves = whoosh_index.searcher().reader().leaf_readers()
    segments = [whoosh_tables._segments[r.segment().segment_id()] for r, _o in leaves]
    for seg in segments:
        assert np.shares_memory(seg.django_id, joined.django_id)
        assert np.shares_memory(seg.single["agency"], joined.single["agency"])
        assert np.shares_memory(seg.multi["entity"][1], joined.multi["entity"][1])
    before = readable(joined)
    write_jsonl(tmp_path / "more.jsonl", 5, seed=5)
    assert ingest(tmp_path / "more.jsonl")[0] == 0
    grown = readable(whoosh_tables.tables(whoosh_index.searcher()))
    whoosh_tables._segments.clear()
    whoosh_tables._tables.clear()
    assert readable(whoosh_tables.tables(whoosh_index.searcher())) == grown  # as read afresh
    assert len(grown["django_id"]) == len(before["django_id"]) + 5
    assert set(grown["django_id"]) > set(before["django_id"])


def test_an_index_folder_that_cannot_be_written(tmp_path, caplog):
    blocked = tmp_path / "file"
    blocked.write_text("a file where the folder would be")
    arrays = {"django_id": np.array([1])}
    for _attempt in range(3):
        assert not column_cache.save(blocked / "x.columns.npz", {}, arrays, {}, {})
    assert len([r for r in caplog.records if "Could not keep" in r.getMessage()]) == 1
    assert list(tmp_path.iterdir()) == [blocked]
