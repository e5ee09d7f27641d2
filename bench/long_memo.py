"""The memo page for the longest text the archive accepts (SYNTHETIC text, bench/synthetic.py).

Builds a scratch archive under bench/out/long-memo/ holding one memo of exactly
ARCHIVE_MAX_TEXT_CHARS characters (SYNTHETIC memos joined, markers and names included), stored
by the real `ingest` command in a child process (its wall time and peak memory printed), with
curators' notes spread over it. Then, in this process, times the memo page through Django's
test client (median of --runs) and its peak allocation (tracemalloc, one more request), for
the first part, the last part and ?q= searches, against the baseline run in the same process:
the same page with the whole text in one part (ARCHIVE_MEMO_PART_CHARS past its length), as
the page was before parts. The process's peak RSS is read before the baseline runs.

With --gunicorn, the same pages are served instead by one gunicorn worker with production
settings (bench/server.py, as bench/load.py starts it) and timed over HTTP on loopback (median
of --runs after one warming request each); the worker's peak RSS (VmHWM in /proc) is printed.

Usage:
    .venv/bin/python bench/long_memo.py [--chars N] [--runs 5] [--notes 40] [--gunicorn]
"""

import argparse
import http.client
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "bench" / "out" / "long-memo"
sys.path.insert(0, str(REPO))

SLUG = "syn-long-1"


def long_text(chars):
    """SYNTHETIC memos joined into one text of exactly `chars` characters."""
    from bench.synthetic import memos

    pieces, total = [], 0
    for record in memos(10**6, seed=1945):
        pieces.append(record["text"])
        total += len(record["text"]) + 2
        if total >= chars:
            break
    return "\n\n".join(pieces)[:chars]


def build(chars, env):
    """Write the JSONL line and ingest it in a child process; returns (seconds, peak MB)."""
    text = long_text(chars)
    path = OUT / "long.jsonl"
    record = {"id": "SYN-LONG-1", "doc_number": "SYN-LONG-1", "title": "SYNTHETIC long memo"}
    path.write_text(json.dumps({**record, "text": text, "synthetic": True}) + "\n")
    python = sys.executable
    subprocess.run([python, "manage.py", "migrate", "-v0"], cwd=REPO, env=env, check=True)
    started = time.perf_counter()
    result = subprocess.run(
        [python, "manage.py", "ingest", str(path), "--publish", "--no-progress"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - started
    if result.returncode:
        raise SystemExit(f"ingest failed:\n{result.stdout}\n{result.stderr}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return seconds, peak, len(text)


def add_notes(memo, count):
    """`count` public notes spread evenly over the text, each on a word-long passage (written
    in bulk: one by one, each would reindex the memo)."""
    from archive.models import Note, Visibility

    text, notes = memo.text, []
    for n in range(count):
        start = text.find(" ", len(text) * n // count) + 1
        end = text.find(" ", start + 1)
        if 0 < start < end:
            notes.append(
                Note(
                    memo=memo,
                    body=f"Note {n}",
                    visibility=Visibility.PUBLIC,
                    start=start,
                    end=end,
                    quote=text[start:end],
                )
            )
    Note.objects.bulk_create(notes)


def measure(client, url, runs):
    """(median ms, peak MB allocated by tracemalloc in one more request, response bytes)."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
    tracemalloc.start()
    response = client.get(url)
    _now, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return statistics.median(times), peak / 2**20, len(response.content)


def worker_pid(master):
    """The pid of the one worker the gunicorn master `master` forked."""
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    if len(children) != 1:
        raise SystemExit(f"expected one gunicorn worker, found {children}")
    return int(children[0])


def peak_rss_mb(pid):
    """A process's peak resident memory (VmHWM) in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise SystemExit(f"no VmHWM for process {pid}")


def measure_http(port, url, runs):
    """(median ms after one warming request, response bytes) of GET url on loopback."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    times = []
    for _ in range(runs + 1):
        started = time.perf_counter()
        connection.request("GET", url)
        response = connection.getresponse()
        body = response.read()
        times.append((time.perf_counter() - started) * 1000)
        if response.status != 200:
            raise SystemExit(f"{url} answered {response.status}")
    connection.close()
    return statistics.median(times[1:]), len(body)


def serve_gunicorn(pages, port, runs):
    """Time the pages from one gunicorn worker (production settings); print its peak RSS."""
    from bench.server import start_server

    server = start_server(OUT / "data", port, 1, access_log=False)
    try:
        worker = worker_pid(server.pid)
        print(f"gunicorn, 1 worker (pid {worker}), production settings, over HTTP on loopback")
        print(f"{'page':<24}{'p50 ms':>9}{'HTML MB':>9}")
        for label, url in pages:
            ms, size = measure_http(port, url, runs)
            print(f"{label:<24}{ms:>9.0f}{size / 2**20:>9.2f}")
        print(f"Worker peak RSS (VmHWM): {peak_rss_mb(worker):.0f} MB")
    finally:
        server.terminate()
        server.wait(30)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, help="Text length (default: the accepted limit).")
    parser.add_argument("--runs", type=int, default=5, help="Requests per page (5).")
    parser.add_argument("--notes", type=int, default=40, help="Notes over the text (40).")
    parser.add_argument(
        "--gunicorn", action="store_true", help="Serve from one gunicorn worker over HTTP."
    )
    parser.add_argument("--port", type=int, default=8767, help="Port of --gunicorn (8767).")
    args = parser.parse_args(argv)

    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)
    env = {
        **os.environ,
        "ARCHIVE_DATA_DIR": str(OUT / "data"),
        "ARCHIVE_INDEX_MODE": "inline",
        "ARCHIVE_JOBS_MODE": "off",
        "DJANGO_SETTINGS_MODULE": "archive.settings",
    }
    env.pop("DATABASE_URL", None)
    os.environ.update(env)
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    from archive.models import Memo

    chars = args.chars or settings.ARCHIVE_MAX_TEXT_CHARS
    seconds, peak, length = build(chars, env)
    memo = Memo.objects.get(slug=SLUG)
    add_notes(memo, args.notes)
    print(
        f"Ingested one memo of {length:,} characters (limit {settings.ARCHIVE_MAX_TEXT_CHARS:,}) "
        f"in {seconds:.1f} s, ingest process peak RSS {peak:.0f} MB; "
        f"{memo.redactions.count():,} redactions, {memo.mentions.count():,} names, "
        f"{memo.notes.count()} notes"
    )
    base = memo.get_absolute_url()
    pages = [
        ("first part", base),
        ("last part", None),
        ("?q=soviet", base + "?q=soviet"),
        ("?q=soviet, part 12", base + "?q=soviet&part=12"),
        ("?q=embassy OR treaty", base + "?q=embassy%20OR%20treaty"),
    ]
    from archive.views.parts import cut
    from archive.views.segments import shown_range

    parts = cut(memo.text, *shown_range(memo.text))
    pages[1] = ("last part", f"{base}?part={len(parts)}")
    print(f"{len(parts)} parts of about {settings.ARCHIVE_MEMO_PART_CHARS:,} characters")
    if args.gunicorn:
        serve_gunicorn(pages, args.port, args.runs)
        return
    settings.ALLOWED_HOSTS = ["testserver"]
    client = Client()
    client.get(base)  # warm: templates, index searcher, caches
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    header = f"{'page':<24}{'p50 ms':>9}{'peak MB':>9}{'HTML MB':>9}"
    print(header + f"{'whole ms':>10}{'whole MB':>10}{'whole HTML':>11}{'x faster':>9}")
    results = {}
    for label, url in pages:
        results[label] = measure(client, url, args.runs)
    rss_parts = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # Baseline: the whole text in one part, as the page was before parts.
    settings.ARCHIVE_MEMO_PART_CHARS = chars * 2
    for label, url in pages:
        if "part" in url:
            continue
        ms, mb, size = results[label]
        whole_ms, whole_mb, whole_size = measure(client, url, max(1, args.runs // 2))
        print(
            f"{label:<24}{ms:>9.0f}{mb:>9.1f}{size / 2**20:>9.2f}"
            f"{whole_ms:>10.0f}{whole_mb:>10.1f}{whole_size / 2**20:>11.2f}{whole_ms / ms:>9.1f}"
        )
    for label, url in pages:
        if "part" in url:
            ms, mb, size = results[label]
            print(f"{label:<24}{ms:>9.0f}{mb:>9.1f}{size / 2**20:>9.2f}")
    rss_whole = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"Peak RSS of this process: {rss_before:.0f} MB after the first request, "
        f"{rss_parts:.0f} MB after the pages in parts, {rss_whole:.0f} MB after the whole-text "
        "baseline"
    )


if __name__ == "__main__":
    main()
