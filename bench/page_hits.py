"""Search hits on page images: how fast they are found, and what keeping word boxes costs OCR.

1. Hits (SYNTHETIC text, bench/synthetic.py): builds a scratch archive under
   bench/out/page-hits/ holding one published memo of --pages pages (SYNTHETIC memos joined
   by form feeds, one page each, ~350 words a page), each page with a box for every word
   (laid out on a grid: this measures the lookup, not OCR). Then times, median of --runs:
   the hits' boxes on every page (archive/pages/pagehits.on_pages, what the memo page computes for
   ?q=), per page with hits, and the whole memo page with and without ?q=.
2. OCR (a real scan, /work/shared/corpus/scans): one page read by today's OCR (text, TSV for
   confidences) and by the OCR that keeps each word's box (the same Tesseract call, the TSV's
   boxes found in the text), alternately, --ocr-runs times each; medians and their ratio.

Usage:
    .venv/bin/python bench/page_hits.py [--pages 100] [--runs 7] [--ocr-runs 3] [--no-ocr]
"""

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "bench" / "out" / "page-hits"
SCAN = Path("/work/shared/corpus/scans/clinton-pcdc-1993-03-01-bosnia-deputies-summary.pdf")
sys.path.insert(0, str(REPO))

SLUG = "syn-pages-1"
QUERIES = ["soviet", "minister", "nuclear arms", "treaty"]


def page_texts(count):
    """`count` SYNTHETIC page texts of about 350 words each."""
    from bench.synthetic import memos

    words = []
    for record in memos(10**6, seed=1962):
        words.extend(record["text"].split())
        if len(words) >= count * 350:
            break
    return [" ".join(words[n * 350 : (n + 1) * 350]) for n in range(count)]


def build(count, env):
    """Ingest the memo in a child process, then give it `count` pages with word boxes."""
    texts = page_texts(count)
    text = "\f".join(texts)
    path = OUT / "pages.jsonl"
    record = {"id": "SYN-PAGES-1", "doc_number": "SYN-PAGES-1", "title": "SYNTHETIC paged memo"}
    path.write_text(json.dumps({**record, "text": text, "synthetic": True}) + "\n")
    python = sys.executable
    subprocess.run([python, "manage.py", "migrate", "-v0"], cwd=REPO, env=env, check=True)
    result = subprocess.run(
        [python, "manage.py", "ingest", str(path), "--publish", "--no-progress"],
        cwd=REPO, env=env, capture_output=True, text=True,
    )  # fmt: skip
    if result.returncode:
        raise SystemExit(f"ingest failed:\n{result.stdout}\n{result.stderr}")


def add_pages(memo):
    """One Page per form-feed part of the memo's text, a grid box for each of its words."""
    from archive.ingest.scans import page_spans
    from archive.models import Page
    from archive.pages import pagewords

    memo.pages.all().delete()
    rows = []
    for number, (start, end) in enumerate(page_spans(memo.text.split("\f")), start=1):
        words = [
            (start + m.start(), start + m.end(), 100 + (i % 12) * 120, 100 + i // 12 * 60, 110, 40)
            for i, m in enumerate(re.finditer(r"\S+", memo.text[start:end]))
        ]
        rows.append(Page(memo=memo, number=number, image=f"pages/bench/{number:04d}.png",
                         width=1700, height=2200, text_start=start, text_end=end,
                         words=pagewords.pack(words)))  # fmt: skip
    Page.objects.bulk_create(rows)


def median_ms(function, runs):
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def bench_hits(args):
    from django.test import Client

    from archive.models import Memo
    from archive.pages import pagehits
    from archive.public_text import public_pages, public_text
    from archive.search.highlight import hit_spans

    memo = Memo.objects.get(slug=SLUG)
    add_pages(memo)
    text = public_text(memo)
    print(f"Memo of {memo.pages.count()} pages, {len(text):,} characters (SYNTHETIC)")
    client = Client(HTTP_HOST="localhost")
    url = memo.get_absolute_url()
    plain = median_ms(lambda: client.get(url), args.runs)
    print(f"  memo page without a search: {plain:.0f} ms")
    for q in QUERIES:
        spans = hit_spans(text, q, limit=len(text))
        pages = public_pages(memo)
        found = pagehits.on_pages(pages, spans)
        boxes = sum(len(items) for items in found.values())
        every = median_ms(lambda: pagehits.on_pages(pages, spans), args.runs)  # noqa: B023
        listed = median_ms(lambda: public_pages(memo), args.runs)
        busiest = max(found, key=lambda n: len(found[n])) if found else None
        one = [p for p in pages if p.number == busiest]
        single = median_ms(lambda: pagehits.on_pages(one, spans), args.runs)  # noqa: B023
        page = median_ms(lambda: client.get(url, {"q": q}), args.runs)  # noqa: B023
        print(
            f"  q={q!r}: {len(spans)} hits, {boxes} boxes on {len(found)} pages; "
            f"boxes on every page {every:.1f} ms"
            f" ({every / len(found) if found else 0:.2f} ms a page with hits; listing the public"
            f" pages first {listed:.1f} ms); "
            f"the busiest page alone {single:.1f} ms; memo page with ?q= {page:.0f} ms"
        )


def old_ocr(image, lang="eng"):
    """Today's OCR before word boxes were kept: text, and the TSV read for confidences."""
    import pytesseract

    from archive.ingest.scans import OCR_TIMEOUT, clean_page_text, word_confidences

    text, tsv = pytesseract.run_and_get_multiple_output(
        image, extensions=["txt", "tsv"], lang=lang, timeout=OCR_TIMEOUT
    )
    confidences = word_confidences(tsv)
    return clean_page_text(text), confidences


def bench_ocr(args):
    from archive.ingest.images import load_pages
    from archive.ingest.scans import ocr, tesseract_available
    from archive.pages import pagewords

    if not tesseract_available():
        print("OCR: tesseract is not installed; skipped")
        return
    page = load_pages(SCAN)[0]
    image = page.image
    old, new = [], []
    for _ in range(args.ocr_runs):
        started = time.perf_counter()
        old_ocr(image)
        old.append(time.perf_counter() - started)
        started = time.perf_counter()
        text, _quality, _count, words = ocr(image)
        new.append(time.perf_counter() - started)
    import pytesseract

    tsv = pytesseract.image_to_data(image)
    parse = median_ms(lambda: pagewords.from_tsv(tsv, text), 20)
    o, n = statistics.median(old), statistics.median(new)
    print(
        f"OCR of {SCAN.name} p. 1 ({page.width}×{page.height}, {len(words)} words kept): "
        f"today {o:.2f} s, with word boxes {n:.2f} s (ratio {n / o:.3f}; median of "
        f"{args.ocr_runs}); finding the boxes' words in the text alone {parse:.2f} ms"
    )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100, help="Pages of the memo.")
    parser.add_argument("--runs", type=int, default=7, help="Runs per timing (median).")
    parser.add_argument("--ocr-runs", type=int, default=3, help="OCR runs each way.")
    parser.add_argument("--no-ocr", action="store_true", help="Skip the OCR comparison.")
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
    build(args.pages, env)
    os.environ.update(env)
    import django

    django.setup()
    bench_hits(args)
    if not args.no_ocr:
        bench_ocr(args)


if __name__ == "__main__":
    main()
