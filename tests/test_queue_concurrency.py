"""Several processes change the archive at once; afterwards database and index agree exactly.

Real processes running manage.py against one database (a SQLite file in a temporary folder, or
a fresh PostgreSQL database when the suite runs on PostgreSQL) and one Whoosh index: two
ingests of overlapping files with parallel index writers, and a curator's process deleting,
withdrawing and editing memos meanwhile, whose saves must never wait for the index.
"""

import json
import os
import signal
import subprocess
import sys
import time
import uuid

import pytest
from django.conf import settings

from tests.conftest import REPO

sys.path.insert(0, str(REPO))
from bench.synthetic import memos as synthetic_memos  # noqa: E402

pytestmark = pytest.mark.slow

PYTHON = str(REPO / ".venv" / "bin" / "python")

# The curator, a web worker would do the same: while the ingests run, delete every memo whose
# id is divisible by 4, withdraw those with remainder 1, retitle those with remainder 2, and
# time each save (commit included). Index updates go to the process's index thread, as in a
# web worker; before leaving, the process waits for them (a web worker lives on).
CURATOR = """
import json, os, time
from archive.models import Memo
from archive.search import queue
stop, seen, slowest, counts = os.environ["STOP_FILE"], set(), 0.0, [0, 0, 0]
while True:
    last = os.path.exists(stop)
    for memo in Memo.objects.published().exclude(pk__in=seen).order_by("pk")[:50]:
        seen.add(memo.pk)
        started = time.monotonic()
        if memo.pk % 4 == 0:
            memo.delete(); counts[0] += 1
        elif memo.pk % 4 == 1:
            memo.status = "withdrawn"; memo.save(); counts[1] += 1
        elif memo.pk % 4 == 2:
            memo.title = "Retitled " + str(memo.pk); memo.save(); counts[2] += 1
        slowest = max(slowest, time.monotonic() - started)
    if last:
        break
    time.sleep(0.05)
queue.drain()
print(json.dumps({"slowest": slowest, "deleted": counts[0], "withdrawn": counts[1],
                  "retitled": counts[2]}))
"""

CHECK = """
import json
from archive.models import IndexTask, Memo
from archive.search import engines
from archive.search.whoosh import index as whoosh_index
print(json.dumps({
    "published": sorted(Memo.objects.published().values_list("pk", flat=True)),
    "memos": Memo.objects.count(),
    "source_ids": Memo.objects.values("source_id").distinct().count(),
    "indexed": sorted(engines.current().indexed_ids()),
    "documents": whoosh_index.searcher().doc_count(),
    "titles": {f["django_id"]: f.get("title", "")
               for f in whoosh_index.searcher().all_stored_fields()},
    "retitled": {str(pk): t for pk, t in Memo.objects.published().filter(
        title__startswith="Retitled").values_list("pk", "title")},
    "tasks": IndexTask.objects.count(),
}))
"""


@pytest.fixture
def database_url():
    """A database of its own for the processes: a SQLite file, or a new PostgreSQL database."""
    default = settings.DATABASES["default"]
    if default["ENGINE"] != "django.db.backends.postgresql":
        yield None
        return
    import psycopg

    name = f"archive_concurrency_{uuid.uuid4().hex[:8]}"
    params = {
        "host": default["HOST"] or None,
        "port": default["PORT"] or None,
        "user": default["USER"] or None,
        "password": default["PASSWORD"] or None,
        "dbname": "postgres",
    }
    params = {key: value for key, value in params.items() if value}
    with psycopg.connect(**params, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    auth = default["USER"] + (f":{default['PASSWORD']}" if default["PASSWORD"] else "")
    host = f"{default['HOST'] or '127.0.0.1'}:{default['PORT'] or 5432}"
    yield f"postgres://{auth}@{host}/{name}"
    with psycopg.connect(**params, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def environment(tmp_path, database_url, **extra):
    env = {
        **os.environ,
        "ARCHIVE_DATA_DIR": str(tmp_path / "data"),
        "SEARCH_URL": f"whoosh://{tmp_path / 'index'}",
        "ARCHIVE_INDEX_MODE": "inline",
        "ARCHIVE_JOBS_MODE": "off",
        # Parallel writers from the first documents on, so every path is taken.
        "ARCHIVE_INDEX_PARALLEL_FROM": "50",
        "DJANGO_SETTINGS_MODULE": "archive.settings",
        **extra,
    }
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def manage(env, *args, **kwargs):
    return subprocess.Popen(
        [PYTHON, "manage.py", *args],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kwargs,
    )


def finish(process, timeout=600):
    out, err = process.communicate(timeout=timeout)
    assert process.returncode == 0, f"{process.args}\n{out[-2000:]}\n{err[-3000:]}"
    return out


def write(path, records):
    path.write_text("".join(json.dumps(record) + "\n" for record in records))


def test_ingests_and_deletes_at_once_leave_database_and_index_in_agreement(tmp_path, database_url):
    env = environment(tmp_path, database_url)
    finish(manage(env, "migrate", "-v0"))
    records = list(synthetic_memos(260, seed=11))
    write(tmp_path / "first.jsonl", records[:180])
    write(tmp_path / "second.jsonl", records[120:])  # 60 documents in both files
    stop = tmp_path / "stop"

    curator_env = {**env, "STOP_FILE": str(stop), "ARCHIVE_INDEX_MODE": "thread"}
    curator = manage(curator_env, "shell", "-c", CURATOR)
    first = manage(env, "ingest", str(tmp_path / "first.jsonl"), "--publish", "--batch-size", "30")
    second = manage(
        env, "ingest", str(tmp_path / "second.jsonl"), "--publish", "--batch-size", "25"
    )
    finish(first)
    finish(second)
    stop.touch()
    work = json.loads(finish(curator).strip().splitlines()[-1])

    state = json.loads(finish(manage(env, "shell", "-c", CHECK)).strip().splitlines()[-1])
    assert state["tasks"] == 0
    assert state["indexed"] == state["published"]
    assert state["documents"] == len(state["published"])  # no memo indexed twice
    # Every document at most once: the 60 in both files were matched, not duplicated (one the
    # curator deleted may have come back with the other file).
    assert state["memos"] == state["source_ids"]
    assert 260 - work["deleted"] <= state["memos"] <= 260
    for pk, title in state["retitled"].items():
        assert state["titles"][pk] == title
    assert work["deleted"] and work["withdrawn"] and work["retitled"]
    # A curator's save never waited for the index (the ingests held its writer throughout).
    assert work["slowest"] < 5, work


def test_a_killed_ingest_leaves_nothing_running_and_the_next_run_completes(tmp_path, database_url):
    env = environment(tmp_path, database_url, ARCHIVE_INDEX_WRITER_DOCS="100000")
    finish(manage(env, "migrate", "-v0"))
    write(tmp_path / "memos.jsonl", list(synthetic_memos(240, seed=12)))
    ingest = manage(
        env, "ingest", str(tmp_path / "memos.jsonl"), "--publish", "--batch-size", "20",
        start_new_session=True,
    )  # fmt: skip
    # Kill it (and only it: its index workers must die with it) once indexing is under way.
    index_tmp = tmp_path / "index" / "MAIN.tmp"
    deadline = time.monotonic() + 300
    workers = []
    while time.monotonic() < deadline and ingest.poll() is None:
        workers = children_of(ingest.pid)
        if workers and index_tmp.exists() and any(index_tmp.iterdir()):
            break
        time.sleep(0.05)
    assert ingest.poll() is None, "the ingest finished before it could be killed"
    os.kill(ingest.pid, signal.SIGKILL)
    ingest.communicate()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and any(alive(pid) for pid in workers):
        time.sleep(0.1)
    assert workers and not any(alive(pid) for pid in workers)
    assert index_tmp.exists()  # what the killed writer left

    out = finish(manage(env, "ingest", str(tmp_path / "memos.jsonl"), "--publish"))
    assert "0 failed" in out
    state = json.loads(finish(manage(env, "shell", "-c", CHECK)).strip().splitlines()[-1])
    assert state["memos"] == 240 and state["tasks"] == 0
    assert state["indexed"] == state["published"] and state["documents"] == 240
    assert not index_tmp.exists()


def children_of(pid):
    """Ids of the live child processes of pid (Linux /proc)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(entry))
    return found


def alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False
