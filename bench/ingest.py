"""Ingest speed, side by side in one run: our ingest against stock haystack and raw Whoosh.

For N memos (SYNTHETIC by default, from bench/synthetic.py, seeded; or the real corpus with
--corpus), each in a fresh process and a fresh index folder under bench/out/ingest-<label>/:

  ingest      `manage.py ingest memos.jsonl --publish` into an empty database: read, extract
              metadata and redactions, store in the database, link entities, index. End to end.
  resume      the same command again: every document already stored (what an interrupted run
              costs to resume).
  update_index  stock haystack: `manage.py update_index` with haystack's own Whoosh backend
              over the memos the ingest stored (the database is read, the index written).
  raw p1/p2   a raw Whoosh writer (procs=1, then procs=2) of our schema, fed documents prepared
              beforehand (untimed) from the same memos: the cost of the index alone.

Each method runs --rounds times (default 2), the order reversed every other round, so that
each meets a shared box's load both early and late. Prints, per method, the wall-clock docs/s
of its best (least disturbed) run, the median CPU seconds per 1,000 docs (this process's
children: CPU time is steadier than wall time on a shared box) and every round's figures, and
the ratios the targets are about, by wall time and by CPU: ingest at least 2x stock
update_index and at least 0.8x the raw procs=2 writer. (The raw writers are plain Whoosh:
they pay the per-posting file-system probe that archive/search/whoosh/patches.py saves our writers.)

Usage:
    .venv/bin/python bench/ingest.py [--n 10000] [--seed 1945] [--corpus] [--rounds 2]
        [--skip-stock] [--skip-raw] [--raw-procs 1,2] [--keep]
"""

import argparse
import json
import os
import pickle
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "bench" / "out"
PYTHON = str(REPO / ".venv" / "bin" / "python")
sys.path.insert(0, str(REPO))


def corpus_file():
    """memos.jsonl of the shared corpus ($ARCHIVE_CORPUS_DIR or ../shared/corpus)."""
    folder = Path(os.environ.get("ARCHIVE_CORPUS_DIR") or REPO.parent / "shared" / "corpus")
    return folder / "memos.jsonl"


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(label, argv, env, docs):
    """Run one step in a fresh process; returns (wall seconds, CPU seconds)."""
    cpu, started = children_cpu(), time.perf_counter()
    result = subprocess.run(argv, cwd=REPO, env=env, capture_output=True, text=True)
    wall, cpu = time.perf_counter() - started, children_cpu() - cpu
    if result.returncode != 0:
        sys.exit(f"{label} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    print(f"  {label:<13} {wall:8.1f} s  {docs / wall:7.1f} docs/s", file=sys.stderr)
    return wall, cpu


def environment(data_dir, index_dir):
    return {
        **os.environ,
        "ARCHIVE_DATA_DIR": str(data_dir),
        "SEARCH_URL": f"whoosh://{index_dir}",
        "ARCHIVE_INDEX_MODE": "off",
        "DJANGO_SETTINGS_MODULE": "archive.settings",
    }


# ------------------------------------------------------------------ steps run in a child process


def _setup_django():
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")
    django.setup()


def step_stock(index_dir):
    """Stock haystack's update_index with haystack's own Whoosh backend."""
    _setup_django()
    from django.core.management import call_command
    from haystack import connections

    connections.connections_info["default"] = {
        "ENGINE": "haystack.backends.whoosh_backend.WhooshEngine",
        "PATH": str(index_dir),
    }
    connections.reload("default")
    call_command("update_index", verbosity=0)


def step_prepare(docs_file):
    """Our index documents of every published memo, pickled for the raw writer steps."""
    _setup_django()
    from archive.search import documents
    from archive.search.whoosh import index as whoosh_index

    index = documents.memo_index()
    docs = [documents.memo_fields(memo) for memo in index.index_queryset().iterator(500)]
    with open(docs_file, "wb") as handle:
        pickle.dump((whoosh_index.schema(), docs), handle)


def step_raw(docs_file, index_dir, procs):
    """A raw Whoosh writer: add every prepared document, commit once."""
    from whoosh.filedb.filestore import FileStorage

    with open(docs_file, "rb") as handle:
        schema, docs = pickle.load(handle)
    Path(index_dir).mkdir(parents=True, exist_ok=True)
    ix = FileStorage(str(index_dir)).create_index(schema)
    started = time.perf_counter()
    writer = ix.writer(procs=procs) if procs > 1 else ix.writer()
    for doc in docs:
        writer.add_document(**doc)
    writer.commit()
    print(json.dumps({"seconds": time.perf_counter() - started}))


# ---------------------------------------------------------------------------------- the run


def folder_size(path):
    return sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file())


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=10_000, help="synthetic memos (default 10,000)")
    parser.add_argument("--seed", type=int, default=1945, help="synthetic corpus seed")
    parser.add_argument("--corpus", action="store_true", help="the real corpus instead")
    parser.add_argument("--skip-stock", action="store_true", help="no stock update_index")
    parser.add_argument("--skip-raw", action="store_true", help="no raw Whoosh writers")
    parser.add_argument("--keep", action="store_true", help="keep the data folders")
    parser.add_argument(
        "--rounds", type=int, default=2, help="runs of each method, in alternating order"
    )
    parser.add_argument("--raw-procs", default="1,2", help="raw writers to run (e.g. 2)")
    parser.add_argument("--step", help=argparse.SUPPRESS)
    parser.add_argument("--arg", action="append", default=[], help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.step == "stock":
        return step_stock(*args.arg)
    if args.step == "prepare":
        return step_prepare(*args.arg)
    if args.step == "raw":
        return step_raw(args.arg[0], args.arg[1], int(args.arg[2]))

    if args.corpus:
        source, label = corpus_file(), "corpus"
        if not source.exists():
            sys.exit(f"corpus not found at {source}")
    else:
        from bench.synthetic import write_jsonl

        label = f"synthetic-{args.n}-{args.seed}"
        source = OUT / f"{label}.jsonl"
        if not source.exists():
            OUT.mkdir(parents=True, exist_ok=True)
            print(f"writing {args.n:,} SYNTHETIC memos to {source}", file=sys.stderr)
            write_jsonl(source, args.n, seed=args.seed)
    docs = sum(1 for line in source.open("rb") if line.strip())
    work = OUT / f"ingest-{label}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    me = [PYTHON, str(Path(__file__).resolve())]
    manage = [PYTHON, "manage.py"]
    load = os.getloadavg()[0]
    print(f"{docs:,} memos from {source.name}; load average {load:.1f}", file=sys.stderr)

    methods = ["ingest"]
    if not args.skip_stock:
        methods.append("update_index")
    if not args.skip_raw:
        wanted = sorted({int(procs) for procs in args.raw_procs.split(",")})
        methods += [f"raw p{procs}" for procs in wanted]
    samples = {name: [] for name in ["ingest", "resume", *methods[1:]]}
    index_bytes = None
    docs_file = work / "docs.pickle"
    stored = None  # (data, index) folders of the first ingest: what the others read
    for number in range(1, args.rounds + 1):
        # Every other round runs the methods in reverse order, so each meets the box both early
        # and late in the run (the load of a shared machine drifts).
        order = methods if number % 2 else methods[::-1]
        for name in order:
            if name == "ingest":
                folder = work / f"round-{number}"
                env = environment(folder / "data", folder / "index")
                subprocess.run([*manage, "migrate", "-v0"], cwd=REPO, env=env, check=True)
                ingest = [*manage, "ingest", str(source), "--publish", "--no-progress"]
                samples["ingest"].append(run(f"ingest #{number}", ingest, env, docs))
                if stored is None:
                    stored = env
                    index_bytes = folder_size(folder / "index")
                    samples["resume"].append(run("resume", ingest, env, docs))
                continue
            if name == "update_index":
                target = work / f"stock-{number}"
                stock = [*me, "--step", "stock", "--arg", str(target)]
                samples[name].append(run(f"update_index #{number}", stock, stored, docs))
                shutil.rmtree(target, ignore_errors=True)
            else:
                if not docs_file.exists():
                    prepare = [*me, "--step", "prepare", "--arg", str(docs_file)]
                    subprocess.run(prepare, env=stored, check=True)
                procs = name[-1]
                target = work / f"raw-{procs}-{number}"
                raw = [*me, "--step", "raw", "--arg", str(docs_file)]
                raw += ["--arg", str(target), "--arg", procs]
                samples[name].append(run(f"{name} #{number}", raw, stored, docs))
                shutil.rmtree(target, ignore_errors=True)
    report(label, docs, load, samples, index_bytes, args.rounds)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


def report(label, docs, load, samples, index_bytes, rounds):
    """Print each method's best run and its median CPU cost, and the ratios of the targets."""
    print()
    print(
        f"Ingest of {docs:,} memos ({label}), {rounds} round(s), methods alternated, "
        f"load average {load:.1f} -> {os.getloadavg()[0]:.1f}"
    )
    print(
        f"{'method':<14}{'best s':>9}{'docs/s':>9}{'CPU s/1k':>10}"
        f"{'   wall s of each round':<26}{'CPU s/1k of each round'}"
    )
    best, cpu = {}, {}
    for name, runs in samples.items():
        if not runs:
            continue
        best[name] = min(wall for wall, _cpu in runs)
        cpu[name] = statistics.median(1000 * c / docs for _wall, c in runs)
        walls = " ".join(f"{wall:7.1f}" for wall, _c in runs)
        cpus = " ".join(f"{1000 * c / docs:6.1f}" for _w, c in runs)
        print(
            f"{name:<14}{best[name]:>9.1f}{docs / best[name]:>9.1f}{cpu[name]:>10.1f}"
            f"   {walls:<23}{cpus}"
        )
    print(f"index size after ingest: {index_bytes / 1e6:,.0f} MB")
    print("docs/s from each method's best (least disturbed) run; CPU s/1k: median over rounds")
    if "update_index" in best:
        print(
            f"ingest / stock update_index: {best['update_index'] / best['ingest']:.2f}x wall "
            f"(target >= 2), {cpu['update_index'] / cpu['ingest']:.2f}x CPU"
        )
    if "raw p2" in best:
        print(
            f"ingest / raw Whoosh procs=2: {best['raw p2'] / best['ingest']:.2f}x wall "
            f"(target >= 0.8), {cpu['raw p2'] / cpu['ingest']:.2f}x CPU"
        )
    if "raw p2" in best and "raw p1" in best:
        print(f"raw procs=2 / procs=1: {best['raw p1'] / best['raw p2']:.2f}x wall")


if __name__ == "__main__":
    main()
