"""How fast the curators' admin pages answer with many memos (SYNTHETIC data, bench/synthetic.py).

Builds a scratch archive of N memos in a temporary ARCHIVE_DATA_DIR (rows written in bulk,
not through ingest: this measures the admin, not the pipeline), with redactions, a share of
drafts and uncertain fields, then times each admin page the workbench relies on (the memo
list with each filter, search, the review queue, a change form, the audit trail, the job
list) as a superuser through Django's test client, and prints p50/max in milliseconds and
the number of SQL queries per page.

Usage:
    .venv/bin/python bench/admin_list.py [--memos 100000] [--runs 5]
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def synthetic_archive(data_dir, memos, prefix):
    """Django set up on an archive of SYNTHETIC memos in data_dir (else a new temporary folder,
    built with `memos` memos), DEBUG on to count queries; (its folder, whether it was built)."""
    data = data_dir or tempfile.mkdtemp(prefix=prefix)
    os.environ.update(
        ARCHIVE_DATA_DIR=data, ARCHIVE_INDEX_MODE="off", DJANGO_SETTINGS_MODULE="archive.settings"
    )
    os.environ.pop("DATABASE_URL", None)
    sys.path.insert(0, str(REPO))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from archive.models import Memo

    settings.DEBUG = True  # to count queries
    settings.ALLOWED_HOSTS = ["testserver"]
    call_command("migrate", verbosity=0)
    if Memo.objects.exists():
        return data, False
    seconds = build(memos)
    print(f"Built {Memo.objects.count():,} SYNTHETIC memos in {seconds:.1f} s under {data}")
    return data, True


def build(n):
    """N synthetic memos and their redactions, written in bulk."""
    import random

    from archive.choices import Status
    from archive.identifiers import doc_key, text_checksum
    from archive.models import Collection, Memo, Redaction
    from bench.synthetic import memos

    rng = random.Random(1945)
    collections = [Collection.objects.create(name=f"SYNTHETIC collection {i}") for i in range(8)]
    batch, started = [], time.monotonic()
    for i, record in enumerate(memos(n, seed=1945)):
        text = record["text"][:4000]
        uncertain = rng.random() < 0.1
        status = rng.choices(
            [Status.PUBLISHED, Status.DRAFT, Status.IN_REVIEW, Status.WITHDRAWN], [80, 12, 6, 2]
        )[0]
        memo = Memo(
            slug=doc_key(record["doc_number"]) or f"syn-{i}",
            document_number=record["doc_number"],
            title=(record.get("title") or "")[:500],
            date=_date(record.get("date")),
            date_precision="day",
            agency=record.get("agency") or "",
            office=record.get("office") or "",
            classification="secret" if i % 3 else "confidential",
            collection=collections[i % len(collections)],
            text=text,
            checksum=text_checksum(text),
            status=status,
            field_confidence={"title": 0.4 if uncertain else 0.95, "date": 0.9},
            needs_review=uncertain,
        )
        memo.doc_key = doc_key(memo.document_number)
        batch.append(memo)
        if len(batch) == 2000:
            _flush(batch, Memo, Redaction, rng)
            batch = []
    _flush(batch, Memo, Redaction, rng)
    return time.monotonic() - started


def _date(value):
    import datetime

    if not value:
        return None
    parts = [int(p) for p in str(value).split("-")] + [1, 1]
    return datetime.date(parts[0], parts[1], parts[2])


def _flush(batch, Memo, Redaction, rng):
    created = Memo.objects.bulk_create(batch)
    Redaction.objects.bulk_create(
        Redaction(memo=memo, start=0, end=4, marker="25X1", codes=["25X1"], kind="exemption_code")
        for memo in created
        for _ in range(rng.randint(0, 3))
    )


def measure(client, url, runs):
    from django.db import connection, reset_queries

    times, queries = [], 0
    for _ in range(runs):
        reset_queries()
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        queries = len(connection.queries)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
    return statistics.median(times), max(times), queries


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--memos", type=int, default=100_000, help="How many memos (100000).")
    parser.add_argument("--runs", type=int, default=5, help="Requests per page (5).")
    parser.add_argument(
        "--data-dir", help="Reuse the archive a previous run built there (its path is printed)."
    )
    args = parser.parse_args(argv)

    data, built = synthetic_archive(args.data_dir, args.memos, "admin-bench-")
    from django.contrib.auth.models import User
    from django.test import Client

    from archive.models import Memo

    if built:
        User.objects.create_superuser("bench", password="bench")
    args.memos = Memo.objects.count()
    print(f"{args.memos:,} SYNTHETIC memos under {data}")
    client = Client()
    client.force_login(User.objects.get(username="bench"))
    memo = Memo.objects.order_by("pk")[args.memos // 2]
    pages = [
        ("memo list", "/admin/archive/memo/"),
        ("memo list, middle page", f"/admin/archive/memo/?p={args.memos // 100}"),
        ("filter: published", "/admin/archive/memo/?status__exact=published"),
        ("filter: needs review", "/admin/archive/memo/?needs_review__exact=1"),
        ("filter: year 1962", "/admin/archive/memo/?year=1962"),
        ("filter: has redactions", "/admin/archive/memo/?redacted=yes"),
        ("sort by redactions", "/admin/archive/memo/?o=7"),
        ("search: number", f"/admin/archive/memo/?q={memo.document_number}"),
        ("search: word", "/admin/archive/memo/?q=Berlin"),
        ("review queue", "/admin/archive/memoforreview/"),
        ("change form", f"/admin/archive/memo/{memo.pk}/change/"),
        ("audit trail", f"/admin/archive/memo/{memo.pk}/audit/"),
        ("job list", "/admin/archive/job/"),
    ]
    print(f"{'page':<26}{'p50 ms':>10}{'max ms':>10}{'queries':>9}")
    for label, url in pages:
        p50, worst, queries = measure(client, url, args.runs)
        print(f"{label:<26}{p50:>10.0f}{worst:>10.0f}{queries:>9}")


if __name__ == "__main__":
    main()
