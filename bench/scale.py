"""Scale curve per engine: ingest rate, index size, search and memo-page latency, worker memory.

For each size (default 10,000 and 100,000 memos), in its own data folder under
bench/out/scale-<n>-<seed>/ (kept and reused by later runs):

  ingest    `manage.py ingest` of n SYNTHETIC memos (bench/synthetic.py, seeded; every memo
            marked synthetic; never loaded by the run command) into an empty archive: docs/s,
            end to end (text -> metadata -> database -> index);
  index     size on disk and number of segments;
  search    GET /search/?... over HTTP from one gunicorn worker (archive/gunicorn.conf.py, one
            process, one thread): the whole page with facet counts, timeline and snippets, for
            the query mix of bench/search.py (words, phrases, wildcards, fuzzy, fields, date
            filters, facets); each query once to warm up, then --rounds times; p50 and p95;
  memo      GET /memos/<slug>/ for --memos random published memos: p50 and p95;
  memory    the worker's peak resident memory (VmHWM) after all of it;
  add       `manage.py ingest` of --add more SYNTHETIC memos (another seed) into a copy of the
            archive of that size: the cost of ingesting into an archive that already holds n
            memos (docs/s and CPU seconds per 1,000 docs), the copy removed afterwards.

--engine xapian measures the same archive on Xapian (SEARCH_URL=xapian://): the Whoosh archive
of that size is built or reused first, its database copied to bench/out/xapian-<n>-<seed>/ and
indexed into Xapian by `manage.py reconcile --all` (the index rate is that run: database ->
index, no extraction; interrupted, it resumes), or with --shared-database indexed from the
Whoosh archive's database in place (1,000,000 memos: the disk holds no second copy); `add`
then ingests into a copy of the Xapian archive. Elasticsearch is
not measured: no server can be installed on these machines (README: running against a cluster).

A size for which bench/search.py has built its corpus (bench/out/search-<n>-<seed>/, the real
corpus plus SYNTHETIC memos) reuses that archive instead of ingesting n memos again (an hour at
100,000 on 2 cores); its from-empty ingest rate is then not measured here ("-" in the table),
only the `add` rate.

Usage:
    .venv/bin/python bench/scale.py [--sizes 10000,100000] [--seed 1945] [--rounds 3]
        [--memos 200] [--add 1000] [--port 8111] [--optimize] [--rebuild] [--no-reuse]
        [--engine whoosh|xapian] [--shared-database] [--partial]

The 1,000,000 run is a long one, outside CI (4-5 hours of ingest on 2 cores, ~45 GB of disk for
the JSONL, the database and the index); interrupted, the same command resumes it:
    .venv/bin/python bench/scale.py --sizes 1000000 --rounds 1
and --partial measures an interrupted build as far as it got (a point on the way, its ingest
rate the memos stored over the seconds spent so far), leaving it to be resumed:
    .venv/bin/python bench/scale.py --sizes 1000000 --rounds 1 --add 0 --partial
"""

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "bench" / "out"
PYTHON = str(REPO / ".venv" / "bin" / "python")
sys.path.insert(0, str(REPO))

from bench.synthetic import write_jsonl  # noqa: E402

try:  # the search helper's query mix, so both benchmarks measure the same thing
    from bench.search import QUERIES
except ImportError:  # pragma: no cover - fallback when bench/search.py is absent
    QUERIES = [
        ("soviet", "word", {"q": "soviet"}),
        ("soviet missile", "and", {"q": "soviet missile"}),
        ("japan OR korea", "or", {"q": "japan OR korea"}),
        ('"united states"', "phrase", {"q": '"united states"'}),
        ("negotiat*", "wildcard", {"q": "negotiat*"}),
        ("embasy~", "fuzzy", {"q": "embasy~"}),
        ("soviet 1962-1963", "dated", {"q": "soviet", "date_from": "1962", "date_to": "1963"}),
        ("browse all", "browse", {}),
    ]


def percentile(values, share):
    """The share-th percentile (0..1) of values, by linear interpolation."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    position = (len(ordered) - 1) * share
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def locations(folder):
    """(data folder, index folder) of an archive: scale's own layout or bench/search.py's."""
    shared = folder / "database.txt"
    if shared.exists():  # a Xapian archive indexing another archive's database in place
        return Path(shared.read_text().strip()), folder / "xapian"
    if (folder / "data").is_dir():
        return folder / "data", folder / ("xapian" if engine_of(folder) == "xapian" else "index")
    return folder, folder / "whoosh"


def engine_of(folder):
    """The engine an archive folder is indexed with (a Xapian archive's name says so)."""
    return "xapian" if Path(folder).name.startswith(("xapian-", "scale-add-xapian")) else "whoosh"


def environment(folder):
    data_dir, index_dir = locations(folder)
    return {
        **os.environ,
        "ARCHIVE_DATA_DIR": str(data_dir),
        "SEARCH_URL": f"{engine_of(folder)}://{index_dir}",
        "ARCHIVE_INDEX_MODE": "off",
        "ARCHIVE_JOBS_MODE": "off",
        "DJANGO_SETTINGS_MODULE": "archive.settings",
    }


def folder_size(path):
    return sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file())


def reused(n, seed):
    """bench/search.py's archive of n memos, if it has been built; else None."""
    folder = OUT / f"search-{n}-{seed}"
    marker = folder / "built.json"
    if not marker.exists() or json.loads(marker.read_text()).get("n") != n:
        return None
    print(f"  reusing bench/search.py's archive {folder}", file=sys.stderr)
    _data, index_dir = locations(folder)
    return folder, {
        "n": n,
        "source": "search.py corpus (real + SYNTHETIC)",
        "ingest_seconds": None,
        "ingest_rate": None,
        "index_bytes": folder_size(index_dir),
        "segments": len(list(index_dir.glob("MAIN_*.seg"))),
    }


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def add_rate(folder, n, count, seed):
    """Ingest `count` new SYNTHETIC memos into a copy of the archive: (docs/s, CPU s/1k)."""
    source = OUT / f"synthetic-{count}-{seed + 1}.jsonl"
    if not source.exists():
        write_jsonl(source, count, seed=seed + 1)  # another seed: memos the archive lacks
    copy = OUT / f"scale-add-{engine_of(folder)}-{n}"
    shutil.rmtree(copy, ignore_errors=True)
    data_dir, index_dir = locations(folder)
    (copy / "data").mkdir(parents=True)
    for name in os.listdir(data_dir):
        if name.startswith("archive.sqlite3"):
            shutil.copy2(data_dir / name, copy / "data" / name)
    shutil.copytree(index_dir, locations(copy)[1])
    env = environment(copy)
    subprocess.run([PYTHON, "manage.py", "migrate", "-v0"], cwd=REPO, env=env, check=True)
    command = [PYTHON, "manage.py", "ingest", str(source), "--publish", "--no-progress"]
    print(f"  adding {count:,} memos to a copy of the {n:,}-memo archive", file=sys.stderr)
    cpu, started = children_cpu(), time.perf_counter()
    subprocess.run(command, cwd=REPO, env=env, check=True, stdout=subprocess.DEVNULL)
    seconds, cpu = time.perf_counter() - started, children_cpu() - cpu
    shutil.rmtree(copy, ignore_errors=True)
    return count / seconds, 1000 * cpu / count


def built(folder):
    """The figures of an archive an earlier run finished building in `folder`, or None."""
    marker = folder / "built.json"
    if not marker.exists():
        return None
    print(f"  reusing {folder}", file=sys.stderr)
    return json.loads(marker.read_text())


def run_noting_seconds(command, env, progress, spent, label):
    """Run a long build command, noting in `progress` every few seconds the seconds spent
    (with `spent` before an interruption); returns them all once it has finished."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.DEVNULL)
    while process.poll() is None:
        time.sleep(5)
        progress.write_text(json.dumps({"seconds": spent + time.perf_counter() - started}))
    if process.returncode:
        sys.exit(f"{label} failed ({process.returncode})")
    progress.unlink()
    return spent + time.perf_counter() - started


def build(n, seed, optimize, rebuild):
    """The archive of n synthetic memos; returns its folder and the ingest figures."""
    folder = OUT / f"scale-{n}-{seed}"
    marker = folder / "built.json"
    if not rebuild and (figures := built(folder)):
        return folder, figures
    # An interrupted build (a long one: 1,000,000 memos) resumes: ingest skips what it stored,
    # and the seconds already spent, noted every few seconds, count towards the rate.
    progress = folder / "ingesting.json"
    spent = 0.0
    if progress.exists() and not rebuild:
        spent = json.loads(progress.read_text())["seconds"]
        print(f"  resuming an interrupted ingest ({spent:,.0f} s spent)", file=sys.stderr)
    else:
        shutil.rmtree(folder, ignore_errors=True)
        (folder / "data").mkdir(parents=True)  # scale's own layout: data/ and index/
    progress.write_text(json.dumps({"seconds": spent}))
    source = OUT / f"synthetic-{n}-{seed}.jsonl"
    if not source.exists():
        print(f"  writing {n:,} SYNTHETIC memos", file=sys.stderr)
        partial = source.with_suffix(".part")
        write_jsonl(partial, n, seed=seed)
        partial.rename(source)
    env = environment(folder)
    subprocess.run([PYTHON, "manage.py", "migrate", "-v0"], cwd=REPO, env=env, check=True)
    command = [PYTHON, "manage.py", "ingest", str(source), "--publish", "--no-progress"]
    if optimize:
        command.append("--optimize")
    print(f"  ingesting {n:,} memos", file=sys.stderr)
    seconds = run_noting_seconds(command, env, progress, spent, "ingest")
    segments = len(list((folder / "index").glob("MAIN_*.seg")))
    figures = {
        "n": n,
        "source": "SYNTHETIC",
        "ingest_seconds": seconds,
        "ingest_rate": n / seconds,
        "index_bytes": folder_size(folder / "index"),
        "segments": segments,
        "load": os.getloadavg()[0],
    }
    marker.write_text(json.dumps(figures))
    return folder, figures


def partial(n, seed):
    """An interrupted build of n memos as far as it got: its folder and figures, or None."""
    folder = OUT / f"scale-{n}-{seed}"
    progress = folder / "ingesting.json"
    if not progress.exists():
        return None
    spent = json.loads(progress.read_text())["seconds"]
    count = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", "from archive.models import Memo\n"
         "print(Memo.objects.published().count())"],
        cwd=REPO, env=environment(folder), check=True, capture_output=True, text=True,
    ).stdout.split()[-1]  # fmt: skip
    count = int(count)
    print(f"  measuring an interrupted build: {count:,} of {n:,} memos", file=sys.stderr)
    return folder, {
        "n": count,
        "source": f"an interrupted build of {n:,} SYNTHETIC memos, measured on the way",
        "ingest_seconds": spent,
        "ingest_rate": count / spent,
    }


def xapian_build(n, seed, whoosh_folder, rebuild, shared=False):
    """The Xapian archive of n memos: the Whoosh archive's database, indexed into Xapian.

    The database is copied, or with `shared` used in place (at 1,000,000 memos the disk does
    not hold a second copy; the reindex only adds to its index queue, and drains it). An
    interrupted reindex resumes: `reconcile --queued` applies what is still queued.
    """
    folder = OUT / f"xapian-{n}-{seed}"
    marker = folder / "built.json"
    if not rebuild and (figures := built(folder)):
        return folder, figures
    progress = folder / "indexing.json"
    data_dir, _index = locations(whoosh_folder)
    spent, command = 0.0, [PYTHON, "manage.py", "reconcile", "--all", "--no-progress"]
    if progress.exists() and not rebuild:
        spent = json.loads(progress.read_text())["seconds"]
        command[command.index("--all")] = "--queued"  # no comparison pass
        print(f"  resuming an interrupted reindex ({spent:,.0f} s spent)", file=sys.stderr)
    else:
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        if shared:
            (folder / "database.txt").write_text(str(data_dir))
        else:
            (folder / "data").mkdir()
            for name in os.listdir(data_dir):
                if name.startswith("archive.sqlite3") or name == "secret_key":
                    shutil.copy2(data_dir / name, folder / "data" / name)
    progress.write_text(json.dumps({"seconds": spent}))
    env = environment(folder)
    subprocess.run([PYTHON, "manage.py", "migrate", "-v0"], cwd=REPO, env=env, check=True)
    print(f"  indexing {n:,} memos into Xapian ({' '.join(command[2:4])})", file=sys.stderr)
    seconds = run_noting_seconds(command, env, progress, spent, "reindex")
    figures = {
        "n": n,
        "source": "the Whoosh archive's database, reindexed into Xapian",
        "ingest_seconds": seconds,
        "ingest_rate": n / seconds,
        "index_bytes": folder_size(folder / "xapian"),
        "segments": 1,
        "load": os.getloadavg()[0],
    }
    marker.write_text(json.dumps(figures))
    return folder, figures


def start_server(folder, port):
    """One gunicorn worker (one thread) with the production configuration file."""
    env = {
        **environment(folder),
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "1",
        "GUNICORN_THREADS": "1",
        "GUNICORN_TIMEOUT": "600",
        "GUNICORN_ACCESS_LOG": "/dev/null",
        "GUNICORN_LOG_LEVEL": "warning",
    }
    server = subprocess.Popen(
        [str(REPO / ".venv/bin/gunicorn"), "-c", "archive/gunicorn.conf.py", "archive.wsgi"],
        cwd=REPO,
        env=env,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5).read()
            return server
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.5)
    server.kill()
    sys.exit("the server did not start")


def worker_pid(server):
    """The gunicorn worker of the master process (Linux /proc)."""
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as handle:
                    fields = handle.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == server.pid:
                return int(entry)
    return None


def memory_mb(pid, field):
    """A /proc/<pid>/status figure in MB: VmHWM (peak resident, mapped index pages included)
    or RssAnon (the worker's own memory now: the index pages it maps are the kernel's page
    cache, shared by every worker and dropped under pressure)."""
    with open(f"/proc/{pid}/status") as handle:
        for line in handle:
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def fetch(port, path):
    started = time.perf_counter()
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=600) as response:
        response.read()
        status = response.status
    if status != 200:
        sys.exit(f"{path} answered {status}")
    return time.perf_counter() - started


def memo_slugs(folder, count, seed):
    code = (
        "import json, random\n"
        "from archive.models import Memo\n"
        "slugs = list(Memo.objects.published().values_list('slug', flat=True))\n"
        f"random.Random({seed}).shuffle(slugs)\n"
        f"print(json.dumps(slugs[:{count}]))\n"
    )
    out = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", code],
        cwd=REPO,
        env=environment(folder),
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def measure(folder, port, rounds, memos, seed):
    server = start_server(folder, port)
    try:
        pid = worker_pid(server)
        search, per_query = [], {}
        for label, _kind, params in QUERIES:
            path = "/search/?" + urlencode(params, doseq=True)
            fetch(port, path)  # warm: the first time a query's terms are read from disk
            times = [fetch(port, path) for _ in range(rounds)]
            per_query[label] = statistics_ms(times)
            search.extend(times)
        slugs = memo_slugs(folder, memos, seed)
        for slug in slugs[:5]:
            fetch(port, f"/memos/{slug}/")
        pages = [fetch(port, f"/memos/{slug}/") for slug in slugs]
        return {
            "search_p50": 1000 * percentile(search, 0.5),
            "search_p95": 1000 * percentile(search, 0.95),
            "memo_p50": 1000 * percentile(pages, 0.5),
            "memo_p95": 1000 * percentile(pages, 0.95),
            "worker_peak_mb": memory_mb(pid, "VmHWM") if pid else float("nan"),
            "worker_private_mb": memory_mb(pid, "RssAnon") if pid else float("nan"),
            "per_query": per_query,
        }
    finally:
        server.terminate()
        server.wait(30)


def statistics_ms(times):
    return {"p50": 1000 * percentile(times, 0.5), "max": 1000 * max(times)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10000,100000", help="comma-separated memo counts")
    parser.add_argument("--seed", type=int, default=1945, help="synthetic corpus seed")
    parser.add_argument("--rounds", type=int, default=3, help="timed runs of each query")
    parser.add_argument("--memos", type=int, default=200, help="memo pages fetched")
    parser.add_argument("--port", type=int, default=8111, help="port of the bench server")
    parser.add_argument("--optimize", action="store_true", help="ingest --optimize")
    parser.add_argument("--rebuild", action="store_true", help="ingest again even if built")
    parser.add_argument("--add", type=int, default=1000, help="memos added to a copy (0: none)")
    parser.add_argument(
        "--no-reuse", action="store_true", help="never reuse bench/search.py's archive"
    )
    parser.add_argument("--engine", choices=("whoosh", "xapian"), default="whoosh")
    parser.add_argument(
        "--partial", action="store_true", help="measure an interrupted build as far as it got"
    )
    parser.add_argument(
        "--shared-database",
        action="store_true",
        help="Xapian: index the Whoosh archive's database in place instead of a copy",
    )
    args = parser.parse_args()
    if args.partial and args.engine != "whoosh":
        parser.error("--partial measures a Whoosh build on the way (Xapian: finished ones)")

    rows = []
    for n in (int(size.replace("_", "")) for size in args.sizes.split(",")):
        print(f"{n:,} memos", file=sys.stderr)
        found = None if args.no_reuse or args.rebuild else reused(n, args.seed)
        if args.partial:
            found = partial(n, args.seed)
            if found is None:
                sys.exit(f"no interrupted build of {n:,} memos to measure")
        folder, figures = found or build(n, args.seed, args.optimize, args.rebuild)
        if args.engine == "xapian":
            folder, figures = xapian_build(n, args.seed, folder, args.rebuild, args.shared_database)
        figures["load"] = os.getloadavg()[0]
        _data, index_dir = locations(folder)
        figures["index_bytes"] = folder_size(index_dir)
        if args.engine == "whoosh":
            figures["segments"] = len(list(index_dir.glob("MAIN_*.seg")))
        figures.update(measure(folder, args.port, args.rounds, args.memos, args.seed))
        figures["add_rate"], figures["add_cpu"] = (
            add_rate(folder, n, args.add, args.seed) if args.add else (None, None)
        )
        rows.append(figures)
        name = f"measured-{figures['n']}.json" if args.partial else "measured.json"
        (folder / name).write_text(json.dumps(figures, indent=1))
        for label, times in figures["per_query"].items():
            print(f"  {label:<28} p50 {times['p50']:8.1f} ms  max {times['max']:8.1f} ms")

    print()
    print(
        f"{args.engine.capitalize()}; search = the search page over HTTP (facets, timeline, "
        "snippets), one worker"
    )
    header = (
        f"{'memos':>9} {'ingest/s':>9} {'add/s':>7} {'CPU s/1k':>8} {'index MB':>9} "
        f"{'segments':>8} {'search p50':>11} {'p95':>8} {'memo p50':>9} {'p95':>7} "
        f"{'worker MB':>10} {'private':>8} {'load':>5}"
    )
    print(header)
    for row in rows:
        ingest = "-" if row["ingest_rate"] is None else f"{row['ingest_rate']:.1f}"
        add = "-" if row.get("add_rate") is None else f"{row['add_rate']:.1f}"
        add_cpu = "-" if row.get("add_cpu") is None else f"{row['add_cpu']:.1f}"
        print(
            f"{row['n']:>9,} {ingest:>9} {add:>7} {add_cpu:>8} {row['index_bytes'] / 1e6:>9,.0f} "
            f"{row['segments']:>8} {row['search_p50']:>9.0f}ms {row['search_p95']:>6.0f}ms "
            f"{row['memo_p50']:>7.1f}ms {row['memo_p95']:>5.0f}ms {row['worker_peak_mb']:>10.0f} "
            f"{row.get('worker_private_mb', float('nan')):>8.0f} "
            f"{row['load']:>5.1f}"
        )
    for row in rows:
        print(f"{row['n']:>9,}: {row['source']}")
    print("ingest/s: from empty, end to end (Xapian: reconcile --all from the database);")
    print("add/s, CPU s/1k: --add memos ingested into a copy of it")
    if args.engine == "whoosh":
        print("targets at 100,000 on Whoosh: search p95 <= 500 ms, memo p50 <= 20 ms,", end=" ")
        print("worker <= 300 MB")
    else:
        print("target at 100,000 on the fast engine: search p95 <= 100 ms")


if __name__ == "__main__":
    main()
