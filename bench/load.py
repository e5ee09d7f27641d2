"""Load test: N concurrent users searching and reading for a fixed time, against gunicorn.

Loopback only, bounded in time. Starts gunicorn with production settings on a private data
folder holding the real corpus (ingested once and reused), then runs closed-loop users that
search (words, phrases, filters, pages), open memo pages and call the API. Prints requests,
errors and p50/p95/p99 per kind of request. Exits non-zero on any error (5xx, refused,
timeout).

    .venv/bin/python bench/load.py [--users 50] [--seconds 60] [--workers 3]
"""

import argparse
import http.client
import json
import os
import random
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.server import start_server  # noqa: E402

QUERIES = [
    "Sakhalin", "Oswald", "Castro Cuba", '"Lee Harvey Oswald"', "Mexico City", "Gorbachev",
    "Reykjavik summit", "nuclear testing", "Bosnia airlift", "Vietnam", "trade OR grain",
    "title:memorandum", "year:1963..1964 Cuba", "code:25X1", "negotiat*", "Khrushchev~",
    "Soviet -Cuba", "agency:FBI", "Helms", "(Laos OR Cambodia) troops", "",
]  # fmt: skip


def percentile(values, share):
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def prepare(data_dir, corpus):
    """Migrate and ingest the real corpus into data_dir once."""
    env = {**os.environ, "ARCHIVE_DATA_DIR": str(data_dir)}
    marker = data_dir / ".loaded"
    subprocess.run([PYTHON, "manage.py", "bootstrap", "-v0"], cwd=REPO, env=env, check=True)
    if marker.exists():
        return  # reused: bootstrap applied any migration added since it was built
    subprocess.run(
        [PYTHON, "manage.py", "ingest", str(corpus), "--publish", "--no-progress"],
        cwd=REPO,
        env=env,
        check=True,
    )
    marker.write_text("ok")


class User(threading.Thread):
    """One closed-loop user: search, open a result, sometimes the API or a next page."""

    def __init__(self, port, stop_at, slugs, seed, results, errors):
        super().__init__(daemon=True)
        self.port, self.stop_at, self.slugs = port, stop_at, slugs
        self.rng = random.Random(seed)
        self.results, self.errors = results, errors
        self.connection = None

    def get(self, kind, path):
        for attempt in range(2):
            try:
                if self.connection is None:
                    self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                started = time.perf_counter()
                self.connection.request("GET", path)
                response = self.connection.getresponse()
                body = response.read()
                elapsed = time.perf_counter() - started
            except (OSError, http.client.HTTPException) as error:
                self.connection = None
                if attempt:
                    self.errors.append(f"{kind} {path}: {error!r}")
                continue
            self.results.setdefault(kind, []).append(elapsed)
            if response.status >= 500 or (response.status >= 400 and kind != "memo"):
                self.errors.append(f"{kind} {path}: HTTP {response.status}")
            return body
        return b""

    def run(self):
        while time.monotonic() < self.stop_at:
            q = self.rng.choice(QUERIES)
            query = urllib.parse.urlencode({"q": q})
            self.get("search", f"/search/?{query}")
            roll = self.rng.random()
            if roll < 0.5:
                self.get("memo", f"/memos/{self.rng.choice(self.slugs)}/?{query}")
            elif roll < 0.7:
                self.get("api", f"/api/search?{query}&page=2")
            elif roll < 0.85:
                self.get("search", f"/search/?{query}&sort=-date&page=3")
            else:
                self.get("api", f"/api/memos/{self.rng.choice(self.slugs)}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--data-dir", type=Path, default=REPO / "bench" / "out" / "load-data")
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    args = parser.parse_args(argv)

    args.data_dir.mkdir(parents=True, exist_ok=True)
    prepare(args.data_dir, args.corpus / "memos.jsonl")
    server = start_server(args.data_dir, args.port, args.workers)
    try:
        connection = http.client.HTTPConnection("127.0.0.1", args.port, timeout=30)
        connection.request("GET", "/api/search?q=&page=1")
        total = json.loads(connection.getresponse().read())["count"]
        slugs = []
        for page in range(1, 6):
            connection.request("GET", f"/api/search?q=&page={page}&sort=date")
            slugs += [r["slug"] for r in json.loads(connection.getresponse().read())["results"]]
        results, errors = {}, []
        stop_at = time.monotonic() + args.seconds
        users = [
            User(args.port, stop_at, slugs, seed, results, errors) for seed in range(args.users)
        ]
        started = time.monotonic()
        for user in users:
            user.start()
        for user in users:
            user.join(args.seconds + 60)
        elapsed = time.monotonic() - started
    finally:
        server.terminate()
        server.wait(30)

    count = sum(len(v) for v in results.values())
    print(f"{args.users} users, {elapsed:.0f} s, gunicorn {args.workers} workers, {total:,} memos")
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end")
    print(f"{'kind':<8}{'requests':>10}{'p50 ms':>10}{'p95 ms':>10}{'p99 ms':>10}")
    for kind, values in sorted(results.items()):
        print(
            f"{kind:<8}{len(values):>10,}{percentile(values, 0.5) * 1000:>10.0f}"
            f"{percentile(values, 0.95) * 1000:>10.0f}{percentile(values, 0.99) * 1000:>10.0f}"
        )
    every = [v for values in results.values() for v in values]
    print(
        f"{'all':<8}{count:>10,}{statistics.median(every) * 1000:>10.0f}"
        f"{percentile(every, 0.95) * 1000:>10.0f}{percentile(every, 0.99) * 1000:>10.0f}"
    )
    print(f"throughput {count / elapsed:.1f} requests/s; errors: {len(errors)}")
    for error in errors[:20]:
        print("  " + error)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
