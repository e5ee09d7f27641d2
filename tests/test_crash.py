"""Crash consistency: kill -9 an ingest at random moments, re-run, reconcile; all agrees.

Runs the real commands in subprocesses against a file-based SQLite database and a Whoosh index
in a temporary ARCHIVE_DATA_DIR, and checks the result straight from the files.
"""

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from whoosh import index as whoosh_index

from tests.conftest import REPO

sys.path.insert(0, str(REPO))
from bench.synthetic import write_jsonl  # noqa: E402

# Enough memos that every kill lands mid-ingest (batches of 100, about ten a second), few
# enough to keep the suite's time: each trial starts the command again.
MEMOS = 900
TRIALS = 6


def manage(data_dir, *args, timeout=900):
    env = {**os.environ, "ARCHIVE_DATA_DIR": str(data_dir), "PYTHONUNBUFFERED": "1"}
    env.pop("DATABASE_URL", None)  # this test checks the SQLite file itself
    return subprocess.Popen(
        [sys.executable, str(REPO / "manage.py"), *args],
        env=env,
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def run(data_dir, *args):
    process = manage(data_dir, *args)
    out, err = process.communicate(timeout=900)
    return process.returncode, out, err


def memo_count(data_dir):
    """Memo rows in the SQLite file now (0 before the first batch commits)."""
    try:
        with sqlite3.connect(data_dir / "archive.sqlite3") as db:
            return db.execute("select count(*) from archive_memo").fetchone()[0]
    except sqlite3.Error:
        return 0


@pytest.mark.slow
def test_kill_nine_during_ingest_loses_and_duplicates_nothing(tmp_path):
    data_dir = tmp_path / "data"
    corpus = tmp_path / "memos.jsonl"
    write_jsonl(corpus, MEMOS, seed=7)
    expected = {json.loads(line)["id"] for line in corpus.open()}
    assert run(data_dir, "migrate", "-v0")[0] == 0

    rng = random.Random(1984)
    killed = 0
    at_kill = []
    started = time.monotonic()
    for trial in range(TRIALS):
        stored_before = memo_count(data_dir)
        process = manage(
            data_dir, "ingest", str(corpus), "--publish", "--no-progress", "--batch-size", "100"
        )
        if trial % 2 == 0:  # at a random moment: often while starting up or extracting
            time.sleep(rng.uniform(1.0, 6.0))
        else:  # once this run has stored a batch: mid-way through the next, or its indexing
            deadline = time.monotonic() + 60
            while (
                process.poll() is None
                and memo_count(data_dir) <= stored_before
                and time.monotonic() < deadline
            ):
                time.sleep(0.1)
            time.sleep(rng.uniform(0.0, 2.0))
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            killed += 1
        process.communicate(timeout=900)
        at_kill.append(memo_count(data_dir))
    assert killed >= TRIALS // 2, "the ingest finished before most kills: make the corpus bigger"
    # Some kills came mid-way, with part of the corpus stored (not all before the first batch).
    assert any(0 < count < MEMOS for count in at_kill), at_kill

    status, out, err = run(data_dir, "ingest", str(corpus), "--publish", "--no-progress")
    assert status == 0, err[-3000:]
    status, out, err = run(data_dir, "reconcile")
    assert status == 0, err[-3000:]

    db = sqlite3.connect(data_dir / "archive.sqlite3")
    rows = db.execute("select id, source_id, status from archive_memo").fetchall()
    assert sorted(source for _pk, source, _status in rows) == sorted(expected)  # none lost
    assert len(rows) == MEMOS  # none duplicated
    assert {status for _pk, _source, status in rows} == {"published"}
    assert db.execute("select count(*) from archive_indextask").fetchone()[0] == 0
    orphans = db.execute(
        "select count(*) from archive_redaction r left join archive_memo m on r.memo_id = m.id "
        "where m.id is null"
    ).fetchone()[0]
    assert orphans == 0

    ix = whoosh_index.open_dir(str(data_dir / "whoosh"))
    with ix.searcher() as searcher:
        reader = searcher.reader()
        indexed = [int(reader.stored_fields(n)["django_id"]) for n in reader.all_doc_ids()]
    print(
        f"\ncrash: {TRIALS} trials, {killed} killed by SIGKILL; memos in the database after "
        f"each kill: {at_kill}; after re-run + reconcile: {len(rows)} of {MEMOS} expected, "
        f"{len(indexed)} indexed, index == db: {sorted(indexed) == sorted(p for p, *_ in rows)}; "
        f"{time.monotonic() - started:.0f} s"
    )
    assert sorted(indexed) == sorted(pk for pk, _source, _status in rows)
    leftovers = [p.name for p in (data_dir / "whoosh").iterdir() if p.suffix == ".tmp"]
    assert not leftovers, leftovers
