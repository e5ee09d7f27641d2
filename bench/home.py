"""How fast the home page answers with many memos (SYNTHETIC data, bench/synthetic.py).

Builds a scratch archive of N memos in a temporary ARCHIVE_DATA_DIR (rows written in bulk by
bench/admin_list.py's builder: a share of drafts, eight collections), then times:

  counts      the three grouped queries of "What the archive holds" (archive.views.home),
              uncached: what the first visitor after a change to a published memo waits for;
  stamp       the query that keys the cache (published count and last change);
  page cold   GET / with an empty cache;
  page warm   GET / with the counts cached (every other visitor);

and prints p50/max in milliseconds and the queries per page.

Usage:
    .venv/bin/python bench/home.py [--memos 20000] [--runs 7] [--data-dir DIR]
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def timed(fn, runs):
    """(p50, max) milliseconds of fn over runs calls."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), max(times)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--memos", type=int, default=20_000, help="How many memos (20000).")
    parser.add_argument("--runs", type=int, default=7, help="Runs of each measure (7).")
    parser.add_argument("--data-dir", help="Reuse the archive a previous run built there.")
    args = parser.parse_args(argv)

    sys.path.insert(0, str(REPO))
    from bench.admin_list import synthetic_archive

    data, _built = synthetic_archive(args.data_dir, args.memos, "home-bench-")
    from django.core.cache import cache
    from django.db import connection, reset_queries
    from django.db.models import Count, Max
    from django.test import Client

    from archive.models import Memo
    from archive.views import home

    published = Memo.objects.published()
    print(f"{Memo.objects.count():,} SYNTHETIC memos ({published.count():,} published) in {data}")
    client = Client()

    def cold():
        cache.clear()
        assert client.get("/").status_code == 200

    def warm():
        assert client.get("/").status_code == 200

    def stamp():
        published.aggregate(n=Count("pk"), m=Max("updated_at"))

    rows = [
        ("counts", timed(lambda: home.count_holdings(published), args.runs), None),
        ("stamp", timed(stamp, args.runs), None),
    ]
    for label, fn in (("page cold", cold), ("page warm", warm)):
        fn()
        reset_queries()
        fn()
        queries = len(connection.queries)
        rows.append((label, timed(fn, args.runs), queries))
    print(f"{'measure':<12}{'p50 ms':>10}{'max ms':>10}{'queries':>9}")
    for label, (p50, worst), queries in rows:
        print(f"{label:<12}{p50:>10.1f}{worst:>10.1f}{'' if queries is None else queries:>9}")


if __name__ == "__main__":
    main()
