"""Search speed at 100,000 memos: the search page over HTTP against raw Whoosh and stock haystack.

Builds (once, then reused) a corpus of the real memos of ../shared/corpus plus SYNTHETIC memos
from bench/synthetic.py (seeded; every one marked synthetic; never loaded by the run command)
up to --n memos, in its own data folder under bench/out/. Then, for a fixed mix of queries
(single words, AND, OR, NOT, phrases, proximity, wildcards, fuzzy, fields, date-filtered,
faceted, browsing), measures in one run:

  page      GET /search/?... from a gunicorn worker (one process, one thread) over HTTP: the
            whole page, with facet counts, timeline, snippets and did-you-mean;
  raw       the raw Whoosh searcher of the same index, opened once, on the same compiled
            queries and filters: top 20 in the same order, stored ids read, no total, no facets;
  raw+n     the same plus the exact total (len(results), Whoosh's second pass);
  haystack  stock haystack: SearchQuerySet().auto_query(q) with the same filters, facet counts
            for the page's facet fields, the total and the top 20, highlighted the way
            haystack's Whoosh backend does (whoosh.highlight over each hit's text: the text
            is read from the database because this index does not store it). Each query runs
            in a child process with a time limit; a query cut off counts as the limit.

and prints a table per query, then p50/p95 of each and the ratios the targets are about:
page p95 <= 1.2 x raw p95, and haystack p95 >= 5 x page p95. With --withheld N, the page is
measured again while N memos are taken off publication but still in the index (as while a
load holds the index's writer), so that every search leaves them out; they are published
again at the end.

Usage:
    .venv/bin/python bench/search.py [--n 100000] [--seed 1945] [--rounds 5]
        [--haystack-timeout 60] [--skip-haystack] [--build-only] [--port 8102]
        [--withheld 10]

The first run builds the corpus (about an hour at 100,000 memos on a 2-core box: Whoosh
indexes in pure Python); later runs reuse bench/out/search-<n>-<seed>/.
"""

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import time
import urllib.request
from multiprocessing import get_context
from pathlib import Path
from urllib.parse import urlencode

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

# (label, kind, URL parameters): the same for every system.
QUERIES = [
    ("soviet", "word", {"q": "soviet"}),
    ("embassy", "word", {"q": "embassy"}),
    ("oswald", "word", {"q": "oswald"}),
    ("sakhalin", "word", {"q": "sakhalin"}),
    ("soviet missile", "and", {"q": "soviet missile"}),
    ("embassy cable moscow", "and", {"q": "embassy cable moscow"}),
    ("japan OR korea", "or", {"q": "japan OR korea"}),
    ("treaty -nuclear", "not", {"q": "treaty -nuclear"}),
    ('"united states"', "phrase", {"q": '"united states"'}),
    ('"national security council"', "phrase", {"q": '"national security council"'}),
    ('"soviet troops"~5', "proximity", {"q": '"soviet troops"~5'}),
    ("negotiat*", "wildcard", {"q": "negotiat*"}),
    ("sov*", "wildcard", {"q": "sov*"}),
    ("mosc* embassy", "wildcard", {"q": "mosc* embassy"}),
    ("khrushchev~", "fuzzy", {"q": "khrushchev~"}),
    ("embasy~", "fuzzy", {"q": "embasy~"}),
    ("government~2", "fuzzy", {"q": "government~2"}),
    ("title:japan", "field", {"q": "title:japan"}),
    ("code:25X1 soviet", "field", {"q": "code:25X1 soviet"}),
    ("soviet 1962-1963", "dated", {"q": "soviet", "date_from": "1962", "date_to": "1963-06"}),
    ("missile year:1962", "dated", {"q": "missile year:1962"}),
    ("cuba 1960s", "dated", {"q": "cuba", "date_from": "1960", "date_to": "1969"}),
    ("soviet +CIA +25X1", "faceted", {
        "q": "soviet", "agency": "Central Intelligence Agency", "code": "25X1"}),
    ("embassy +State|NSC", "faceted", {"q": "embassy", "agency": [
        "Department of State", "National Security Council (White House)"]}),
    ("browse 1960s Secret", "faceted", {"decade": "1960", "classification": "Secret"}),
    ("browse all", "browse", {}),
]  # fmt: skip
FACET_FIELDS = [
    "decade_exact", "year_exact", "agency_exact", "office_exact", "classification_exact",
    "codes_exact", "collection_exact", "has_redactions_exact", "entities_exact",
]  # fmt: skip


def setup_django(data_dir):
    """Point the settings at the bench's data folder and start Django."""
    os.environ["ARCHIVE_DATA_DIR"] = str(data_dir)
    os.environ["ARCHIVE_INDEX_MODE"] = "off"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")
    import django

    django.setup()


def corpus_dir():
    configured = os.environ.get("ARCHIVE_CORPUS_DIR")
    return Path(configured) if configured else REPO.parent / "shared" / "corpus"


# ---------------------------------------------------------------------------------- building


def build(data_dir, n, seed, reindex=False):
    """Make the corpus of n memos (real + SYNTHETIC) in data_dir, unless already there.

    With reindex=True, only the index is made again from the stored memos (after a change of
    the index's schema).
    """
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)  # the code may be newer than the data
    marker = data_dir / "built.json"
    real = corpus_dir() / "memos.jsonl"
    real_count = sum(1 for line in real.open("rb") if line.strip())
    wanted = {"n": n, "seed": seed, "real": real_count}
    if marker.exists() and json.loads(marker.read_text()) == wanted and not reindex:
        print(f"corpus: reusing {data_dir} ({n:,} memos)", file=sys.stderr)
        return
    started = time.perf_counter()
    if not reindex:
        store_memos(data_dir, n, seed, real, real_count)
    write_index()
    marker.write_text(json.dumps(wanted))
    print(f"corpus: built in {time.perf_counter() - started:,.0f} s", file=sys.stderr)


def store_memos(data_dir, n, seed, real, real_count):
    """Ingest the real and SYNTHETIC memos into the database, without indexing them."""
    from django.core.management import call_command

    from archive.models import IndexTask, Memo
    from archive.search import queue
    from bench.synthetic import write_jsonl

    synthetic = data_dir / "synthetic.jsonl"
    expected = max(0, n - real_count)
    have = sum(1 for _ in synthetic.open("rb")) if synthetic.exists() else -1
    if have != expected:
        print(f"corpus: writing {expected:,} SYNTHETIC memos", file=sys.stderr)
        write_jsonl(synthetic, expected, seed=seed)
    # Store every memo first (the index is written once, at the end, in one pass: committing
    # every few hundred memos makes Whoosh merge segments over and over).
    drain = queue.drain
    queue.drain = lambda *args, **kwargs: 0
    try:
        call_command("ingest", str(real), str(synthetic), publish=True, verbosity=0)
    finally:
        queue.drain = drain
    IndexTask.objects.all().delete()
    print(f"corpus: {Memo.objects.count():,} memos stored", file=sys.stderr)


def write_index():
    """Index every published memo afresh, with one writer (one segment, no merging on the way)."""
    from archive.models import Memo
    from archive.search import documents
    from archive.search.whoosh import index as whoosh_index

    print("corpus: indexing", file=sys.stderr)
    shutil.rmtree(documents.index_path(), ignore_errors=True)
    whoosh_index.reset()
    index = documents.memo_index()
    ids = list(Memo.objects.published().order_by("pk").values_list("pk", flat=True))
    with documents.writer_lock(), whoosh_index.locked_writer(limitmb=512) as writer:
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            for memo in index.index_queryset().filter(pk__in=chunk):
                writer.add_document(**documents.memo_fields(memo))
            if start % 10_000 == 0:
                print(f"  indexed {start:,}", file=sys.stderr)
    whoosh_index.reset()


# ---------------------------------------------------------------------------------- measuring


def percentile(values, share):
    """The share-th percentile (0..1) of values, by linear interpolation."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    position = (len(ordered) - 1) * share
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def start_server(data_dir, port):
    """A gunicorn worker serving the archive on this data folder; returns the process."""
    env = {**os.environ, "ARCHIVE_DATA_DIR": str(data_dir), "ARCHIVE_INDEX_MODE": "off"}
    process = subprocess.Popen(
        [str(REPO / ".venv/bin/gunicorn"), "archive.wsgi", "--workers", "1", "--threads", "1",
         "--bind", f"127.0.0.1:{port}", "--timeout", "600", "--log-level", "warning"],
        cwd=REPO, env=env, start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/static/archive/css/archive.css")
            return process
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise SystemExit("the search page server did not start")


def page_time(port, params):
    """Seconds for one GET of the search page; the page must answer 200."""
    url = f"http://127.0.0.1:{port}/search/?{urlencode(params, doseq=True)}"
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=600) as response:
        response.read()
        assert response.status == 200
    return time.perf_counter() - started


def withhold(n, seed):
    """Take n published memos off publication as a withdrawal does, their index tasks queued
    and marked, the index left as it is (the server applies no task); returns their ids."""
    import random

    from archive.choices import Status
    from archive.models import IndexTask, Memo

    ids = sorted(Memo.objects.published().values_list("pk", flat=True))
    chosen = random.Random(seed).sample(ids, min(n, len(ids)))
    Memo.objects.filter(pk__in=chosen).update(status=Status.WITHDRAWN)
    IndexTask.objects.bulk_create([IndexTask(memo_id=pk, unpublished=True) for pk in chosen])
    return chosen


def publish_again(chosen):
    """Undo withhold(): the memos published, their tasks gone (the index never changed)."""
    from archive.choices import Status
    from archive.models import IndexTask, Memo

    Memo.objects.filter(pk__in=chosen).update(status=Status.PUBLISHED)
    IndexTask.objects.filter(memo_id__in=chosen).delete()


def whoosh_filter(params):
    """The Whoosh filter query for a query's facet and date parameters (None if none)."""
    import datetime

    from whoosh import query as wq

    from archive.search.params import FACETS_BY_NAME, SearchRequest

    request = SearchRequest.from_params(params)
    parts = []
    for name, values in request.filters.items():
        facet = FACETS_BY_NAME[name]
        field = f"{facet.field}_exact"
        if facet.kind == "int":
            terms = [wq.NumericRange(field, int(v), int(v)) for v in values]
        elif facet.kind == "bool":
            terms = [wq.Term(field, value == "yes") for value in values]
        else:
            terms = [wq.Term(field, value) for value in values]
        parts.append(wq.Or(terms))
    if request.start or request.end:
        start = datetime.datetime.combine(request.start, datetime.time()) if request.start else None
        end = datetime.datetime.combine(request.end, datetime.time.max) if request.end else None
        parts.append(wq.DateRange("date", start, end))
    return wq.And(parts) if parts else None, request


def raw_time(params, with_total):
    """Seconds for raw Whoosh on the same compiled query: top 20 (and the total)."""
    from archive.search import service
    from archive.search.whoosh import index as whoosh_index
    from archive.search.whoosh.run import compile_query

    searcher = whoosh_index.searcher()
    filter_query, request = whoosh_filter(params)
    started = time.perf_counter()
    whoosh_query, _parsed = compile_query(request.q, searcher, [])
    sort = service.clean_sort(request.sort, request.q)
    options = {"limit": 20, "filter": filter_query}
    if sort != "relevance":
        options.update(sortedby="date", reverse=sort == "-date")
    results = searcher.search(whoosh_query, **options)
    _ids = [hit["django_id"] for hit in results]
    total = len(results) if with_total else None
    return time.perf_counter() - started, total


def _haystack_child(data_dir, params, queue_):
    setup_django(data_dir)
    import datetime

    from haystack.query import SearchQuerySet
    from whoosh.analysis import StemmingAnalyzer
    from whoosh.highlight import ContextFragmenter
    from whoosh.highlight import highlight as whoosh_highlight

    from archive.models import Memo
    from archive.search.params import FACETS_BY_NAME, SearchRequest

    request = SearchRequest.from_params(params)
    started = time.perf_counter()
    sqs = SearchQuerySet().models(Memo)
    sqs = sqs.auto_query(request.q) if request.q.strip() else sqs.all()
    for field in FACET_FIELDS:
        sqs = sqs.facet(field.removesuffix("_exact"))
    for name, values in request.filters.items():
        field = f"{FACETS_BY_NAME[name].field}_exact"
        sqs = sqs.narrow(" OR ".join(f'{field}:"{value}"' for value in values))
    if request.start:
        sqs = sqs.filter(date__gte=datetime.datetime.combine(request.start, datetime.time()))
    if request.end:
        sqs = sqs.filter(date__lte=datetime.datetime.combine(request.end, datetime.time.max))
    total = sqs.count()
    _facets = sqs.facet_counts()
    page = list(sqs[:20])
    # Haystack's highlighting, on each shown hit's text (stock haystack stores the text).
    texts = Memo.objects.in_bulk([int(result.pk) for result in page])
    analyzer = StemmingAnalyzer()
    terms = [token.text for token in analyzer(request.q)]
    for result in page:
        memo = texts.get(int(result.pk))
        if memo is not None and terms:
            whoosh_highlight(memo.text, terms, analyzer, ContextFragmenter(), _Formatter())
    queue_.put((time.perf_counter() - started, total))


def _Formatter():  # noqa: N802 (haystack's own formatter class, imported late)
    from haystack.backends.whoosh_backend import WhooshHtmlFormatter

    return WhooshHtmlFormatter("em")


def haystack_time(data_dir, params, timeout):
    """(seconds, total, cut off) for stock haystack in a fresh child process."""
    context = get_context("spawn")
    queue_ = context.Queue()
    child = context.Process(target=_haystack_child, args=(data_dir, params, queue_))
    child.start()
    child.join(timeout)
    if child.is_alive():
        os.kill(child.pid, signal.SIGKILL)
        child.join()
        return timeout, None, True
    try:
        seconds, total = queue_.get(timeout=5)
    except Exception:
        return float("nan"), None, False
    return seconds, total, False


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=100_000, help="memos in the corpus")
    parser.add_argument("--seed", type=int, default=1945, help="seed of the synthetic memos")
    parser.add_argument("--rounds", type=int, default=5, help="runs of each query (page, raw)")
    parser.add_argument("--haystack-timeout", type=float, default=60, help="seconds per query")
    parser.add_argument("--skip-haystack", action="store_true", help="do not run haystack")
    parser.add_argument("--build-only", action="store_true", help="build the corpus and stop")
    parser.add_argument("--reindex", action="store_true", help="index the stored memos again")
    parser.add_argument("--port", type=int, default=8102, help="port of the page server")
    parser.add_argument(
        "--withheld", type=int, default=0, help="measure the page again with N memos withdrawn"
    )
    args = parser.parse_args(argv)

    data_dir = REPO / "bench" / "out" / f"search-{args.n}-{args.seed}"
    data_dir.mkdir(parents=True, exist_ok=True)
    setup_django(data_dir)
    build(data_dir, args.n, args.seed, reindex=args.reindex)
    if args.build_only:
        return

    from archive.search.params import SearchRequest
    from archive.search.service import search
    from archive.search.whoosh import index as whoosh_index

    totals = {label: search(request=SearchRequest.from_params(p)).total for label, _k, p in QUERIES}
    whoosh_index.searcher()  # raw Whoosh: one searcher for the whole run, like the page's
    server = start_server(data_dir, args.port)
    try:
        cold = page_time(args.port, {})
        raw_totals = {}
        for label, _kind, params in QUERIES:  # warm both: first use of each code path
            page_time(args.port, params)
            raw_totals[label] = raw_time(params, True)[1]
        samples = {label: {"page": [], "raw": [], "raw+n": []} for label, _k, _p in QUERIES}
        for _round in range(args.rounds):
            for label, _kind, params in QUERIES:
                samples[label]["page"].append(page_time(args.port, params))
                samples[label]["raw"].append(raw_time(params, False)[0])
                samples[label]["raw+n"].append(raw_time(params, True)[0])
        withheld = []
        if args.withheld:
            chosen = withhold(args.withheld, args.seed)
            try:
                for _round in range(args.rounds):
                    withheld.extend(page_time(args.port, params) for _l, _k, params in QUERIES)
            finally:
                publish_again(chosen)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait()
    haystack, haystack_totals, cut = {}, {}, set()
    if not args.skip_haystack:
        for label, _kind, params in QUERIES:
            seconds, total, was_cut = haystack_time(data_dir, params, args.haystack_timeout)
            haystack[label], haystack_totals[label] = seconds, total
            if was_cut:
                cut.add(label)
            print(f"  haystack {label}: {seconds:.2f} s, {total} memos", file=sys.stderr)
    report(args, totals, samples, haystack, cut, cold)
    if withheld:
        print(
            f"\npage with {args.withheld} memos withheld (off publication, still indexed): "
            f"p50 {percentile(withheld, 0.5) * 1000:.1f} ms, "
            f"p95 {percentile(withheld, 0.95) * 1000:.1f} ms"
        )
    differing = [label for label, _k, _p in QUERIES if raw_totals[label] != totals[label]]
    print(f"\nraw Whoosh totals differing from the page's: {differing or 'none'}")
    if haystack_totals:
        other = {
            label: (totals[label], haystack_totals[label])
            for label, _k, _p in QUERIES
            if haystack_totals[label] != totals[label]
        }
        print(f"haystack totals (its own query parser) differing, (page, haystack): {other}")


def report(args, totals, samples, haystack, cut, cold):
    """Print the per-query table, the percentiles and the ratios."""
    ms = 1000
    print(f"\nSearch benchmark: {args.n:,} memos (real corpus + SYNTHETIC), "
          f"{args.rounds} rounds, load average {os.getloadavg()[0]:.1f}")  # fmt: skip
    print(f"first page after start (facet columns read): {cold * ms:,.0f} ms\n")
    header = (
        f"{'query':30} {'kind':9} {'memos':>7} {'page':>8} {'raw':>8} {'raw+n':>8} {'haystack':>9}"
    )
    print(header + "\n" + "-" * len(header))
    for label, kind, _params in QUERIES:
        row = samples[label]
        stock = haystack.get(label)
        stock_text = "" if stock is None else f"{'>' if label in cut else ''}{stock * ms:,.0f}"
        page, raw, raw_n = (statistics.median(row[name]) * ms for name in ("page", "raw", "raw+n"))
        print(
            f"{label[:30]:30} {kind:9} {totals[label]:>7,} "
            f"{page:>8.1f} {raw:>8.1f} {raw_n:>8.1f} {stock_text:>9}"
        )
    pooled = {
        name: [value for label in samples for value in samples[label][name]]
        for name in ("page", "raw", "raw+n")
    }
    print("\nmilliseconds      p50      p95")
    for name, values in pooled.items():
        print(f"{name:12} {percentile(values, 0.5) * ms:8.1f} {percentile(values, 0.95) * ms:8.1f}")
    if haystack:
        values = list(haystack.values())
        p50, p95 = percentile(values, 0.5) * ms, percentile(values, 0.95) * ms
        print(f"{'haystack':12} {p50:8.1f} {p95:8.1f}   ({len(cut)} cut off at "
              f"{args.haystack_timeout:.0f} s)")  # fmt: skip
    page95 = percentile(pooled["page"], 0.95)
    print(f"\npage p95 / raw p95        = {page95 / percentile(pooled['raw'], .95):5.2f}  "
          "(target <= 1.2)")  # fmt: skip
    print(f"page p95 / raw+n p95      = {page95 / percentile(pooled['raw+n'], 0.95):5.2f}")
    if haystack:
        ratio = percentile(list(haystack.values()), 0.95) / page95
        print(f"haystack p95 / page p95   = {ratio:5.1f}  (target >= 5)")


if __name__ == "__main__":
    main()
