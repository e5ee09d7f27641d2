"""Fuzz every user-facing parameter over real HTTP against gunicorn with >= 10,000 memos.

Loopback only, bounded in count and time. Builds (once, then reused) an archive under
bench/out/fuzz-10k/: the seed memo, the real corpus of ../shared/corpus and SYNTHETIC memos from
bench/synthetic.py up to 10,000+ memos, all published. Then starts gunicorn with production
settings on 127.0.0.1 and sends --count generated requests (hypothesis strategies, the same ones
tests/test_fuzz.py drives through Django's test client): search parameters (q in the query
language and as noise, facet values, date_from/date_to, page, sort) on the search page, the
API, the CSV/JSON exports and the Atom feed; slugs and path parts of memo, citation, compare,
entity, API and IIIF URLs; raw percent-encoded bytes. Prints the inputs sent, the count by
status, the count >= 500 (must be 0), p50/p95/max latency and the slowest inputs, then sends
the --retime slowest inputs again one at a time (what each costs without a queue in front of
it). Exits non-zero on any 5xx or connection error, or an input slower than --limit seconds
when sent alone.

    .venv/bin/python bench/fuzz.py [--count 10000] [--concurrency 4] [--workers 3]
"""

import argparse
import http.client
import json
import os
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

from hypothesis import strategies as st

REPO = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.server import start_server  # noqa: E402

# Pieces of the query language (archive/search/query.py) and of what breaks parsers.
QUERY_TOKENS = [
    "soviet", "embassy", "Oswald", "Sakhalin", "OR", "AND", "NOT", "-", "+", "|", "(", ")",
    '"', '"united states"', '"soviet troops"~5', "~", "~2", "~99999", "*", "?", "negotiat*",
    "*ion", "s*", "?*?*?*", "embasy~", "title:", "office:", "agency:", "from:", "to:", "doc:",
    "code:", "year:", "year:1962", "year:1962..1963", "year:0..9999", "year:..", "code:25X1",
    "code:(b)(1)", "[", "]", "{", "}", "\\", "/", ":", "^", "^2", "&&", "||", "!", "'", "%",
    "%00", "\x00", "\u202e", "\ufeff", "ﬁ", "Ωmega", "日本", "<script>", "</b>", "&amp;",
    "NULL", "1e309", "-1", "0", "9" * 30, "a" * 300, "(((((", ")))))", '"""', "~~", "**",
]  # fmt: skip
FACET_NAMES = [
    "decade", "year", "agency", "office", "classification", "code", "collection",
    "has_redactions", "entity",
]  # fmt: skip
FACET_SAMPLES = [
    "1960", "1984", "0", "-1", "99999", "1e3", "١٩٨٤", "Central Intelligence Agency",
    "Department of State", "Secret", "Top Secret", "25X1", "(b)(6)", "b1", "yes", "no", "on",
    "maybe", "Sakhalin", "Soviet Union",
]  # fmt: skip
DATE_SAMPLES = [
    "1984", "1984-06", "1984-06-15", "1984/6/15", "0", "0000", "9999-12-31", "10000",
    "1984-02-30", "1984-13", "1984-00-10", "-1984", "1984-06-15T00:00", "١٩٨٤", "²⁰²⁰",
    "1984-6-1-1", "  1984 ", "1.1.1",
]  # fmt: skip
SORT_SAMPLES = ["relevance", "date", "-date", "", "DATE", "-relevance", "title", "?"]
PAGE_SAMPLES = [
    "1", "2", "0", "-1", "500", "501", "99999", "9" * 40, "1.5", "1e3", "", " 3 ", "²", "٣",
    "0x10", "NaN", "inf",
]  # fmt: skip
SEARCH_PATHS = ["/", "/search/", "/api/search", "/search/export.csv", "/search/export.json",
                "/search/feed/"]  # fmt: skip
KNOWN_SLUGS = ["ea-m-84-10245", "EA-M-84-10245", "ea m 84 10245"]
CITE_FORMATS = ["ris", "bib", "txt", "RIS", "", "bib.bib", "..", "%00"]
IIIF_SIZES = ["max", "full", "1,", ",1", "0,0", "-1,-1", "99999,99999", "100,", "pct:50", "^max"]

# Text that can travel in a URL: any code point except surrogates (which UTF-8 cannot carry).
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)
SHORT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)


def noisy(samples):
    """A value from the samples, a random string, or a sample with noise around it."""
    return st.one_of(
        st.sampled_from(samples),
        TEXT,
        st.builds(lambda a, s, b: a + s + b, SHORT, st.sampled_from(samples), SHORT),
    )


queries = st.one_of(
    st.lists(st.one_of(st.sampled_from(QUERY_TOKENS), SHORT), max_size=12).map(" ".join),
    st.lists(st.sampled_from(QUERY_TOKENS), max_size=20).map("".join),
    TEXT,
    st.text(max_size=3000, alphabet=st.characters(blacklist_categories=("Cs",))),
)
facet_pairs = st.lists(st.tuples(st.sampled_from(FACET_NAMES), noisy(FACET_SAMPLES)), max_size=30)


@st.composite
def search_params(draw):
    """[(name, value)] for any search surface: q, facets, dates, sort, page, and junk names."""
    pairs = []
    if draw(st.booleans()):
        pairs.append(("q", draw(queries)))
    pairs += draw(facet_pairs)
    for name in ("date_from", "date_to"):
        if draw(st.booleans()):
            pairs.append((name, draw(noisy(DATE_SAMPLES))))
    if draw(st.booleans()):
        pairs.append(("sort", draw(noisy(SORT_SAMPLES))))
    if draw(st.booleans()):
        pairs.append(("page", draw(noisy(PAGE_SAMPLES))))
    if draw(st.integers(0, 9)) == 0:  # repeated single-valued parameters and unknown ones
        pairs += [("q", draw(TEXT)), ("page", draw(TEXT)), (draw(SHORT), draw(TEXT))]
    return pairs


slugs = st.one_of(
    st.sampled_from(KNOWN_SLUGS),
    noisy(KNOWN_SLUGS),
    st.sampled_from(["..", ".", "%2e%2e", "../../etc/passwd", "a/b", "\\", "~", " ", "-" * 200]),
)
numbers = st.one_of(st.integers(-5, 12), st.integers(0, 10**30), st.sampled_from([2**63, 2**64]))


def q(value):
    """One path segment, percent-encoded (slashes too)."""
    return urllib.parse.quote(str(value), safe="")


@st.composite
def requests(draw):
    """One GET request path (with query string) at any public surface."""
    kind = draw(
        st.sampled_from(
            ["search"] * 6
            + ["memo", "cite", "compare", "api-memo", "entity", "entities"]
            + ["iiif-manifest", "iiif-info", "iiif-image", "iiif-service", "raw"]
        )
    )
    if kind == "search":
        path = draw(st.sampled_from(SEARCH_PATHS))
        return kind, path + "?" + urllib.parse.urlencode(draw(search_params()))
    if kind == "memo":
        extra = [("q", draw(queries)), ("back", draw(noisy(["/search/?q=x", "/", "//evil"])))]
        return kind, f"/memos/{q(draw(slugs))}/?" + urllib.parse.urlencode(extra)
    if kind == "cite":
        fmt = draw(noisy(CITE_FORMATS))
        return kind, f"/memos/{q(draw(slugs))}/cite.{q(fmt)}"
    if kind == "compare":
        return kind, f"/memos/{q(draw(slugs))}/compare/{q(draw(slugs))}/"
    if kind == "api-memo":
        return kind, f"/api/memos/{q(draw(slugs))}"
    if kind == "entity":
        extra = [("year", draw(noisy(DATE_SAMPLES))), ("page", draw(noisy(PAGE_SAMPLES)))]
        name = draw(st.one_of(st.sampled_from(["sakhalin", "soviet-union"]), slugs))
        return kind, f"/entities/{q(name)}/?" + urllib.parse.urlencode(extra)
    if kind == "entities":
        extra = [
            ("q", draw(TEXT)),
            ("kind", draw(noisy(["person", "place", "organisation", ""]))),
            ("page", draw(noisy(PAGE_SAMPLES))),
        ]
        return kind, "/entities/?" + urllib.parse.urlencode(extra)
    if kind == "iiif-manifest":
        return kind, f"/iiif/{q(draw(slugs))}/manifest.json"
    page = draw(numbers)
    if kind == "iiif-info":
        return kind, f"/iiif/{q(draw(slugs))}/{page}/info.json"
    if kind == "iiif-service":
        return kind, f"/iiif/{q(draw(slugs))}/{page}"
    if kind == "iiif-image":
        parts = [
            draw(noisy(["full", "square", "0,0,10,10"])),
            draw(noisy(IIIF_SIZES)),
            draw(noisy(["0", "90", "!0", "360"])),
            draw(noisy(["default.jpg", "default.png", "gray.jpg", "../default.jpg"])),
        ]
        return kind, f"/iiif/{q(draw(slugs))}/{page}/" + "/".join(q(p) for p in parts)
    # Raw bytes, percent-encoded, in the path and the query string (not always UTF-8).
    raw = draw(st.binary(max_size=40))
    where = draw(st.sampled_from(["/search/?q=", "/api/search?page=", "/memos/", "/iiif/"]))
    return kind, where + urllib.parse.quote_from_bytes(raw, safe="")


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def generate(count, seed):
    """count (kind, path) requests drawn from the strategies, reproducibly for a seed."""
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as seeded

    made = []
    while len(made) < count:

        @seeded(seed + len(made))
        @settings(
            max_examples=count - len(made),
            database=None,
            deadline=None,
            phases=[Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(requests())
        def collect(item):
            made.append(item)

        collect()
    return made[:count]


def prepare(data_dir, corpus, synthetic):
    """Migrate and ingest the seed, the real corpus and the synthetic memos once."""
    env = {**os.environ, "ARCHIVE_DATA_DIR": str(data_dir)}
    env.pop("DATABASE_URL", None)
    if (data_dir / ".loaded").exists():
        # Reused: only migrations added since it was built.
        subprocess.run([PYTHON, "manage.py", "migrate", "-v0"], cwd=REPO, env=env, check=True)
        return
    if not synthetic.exists():
        subprocess.run(
            [PYTHON, "bench/synthetic.py", "10000", str(synthetic), "--seed", "1945"],
            cwd=REPO,
            check=True,
        )
    subprocess.run([PYTHON, "manage.py", "bootstrap", "-v0"], cwd=REPO, env=env, check=True)
    sources = [str(p) for p in (corpus, synthetic) if p.exists()]
    subprocess.run(
        [PYTHON, "manage.py", "ingest", *sources, "--publish", "--no-progress"],
        cwd=REPO,
        env=env,
        check=True,
    )
    (data_dir / ".loaded").write_text("ok")


def send_all(port, items, concurrency, deadline):
    """GET every path from `concurrency` threads; [(kind, path, status or error, seconds)]."""
    results = []
    lock = threading.Lock()
    position = iter(range(len(items)))

    def worker():
        connection = None
        while time.monotonic() < deadline:
            with lock:
                index = next(position, None)
            if index is None:
                return
            kind, path = items[index]
            started = time.perf_counter()
            try:
                if connection is None:
                    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
                outcome = response.status
                if response.getheader("Connection", "").lower() == "close":
                    connection.close()
                    connection = None
            except (OSError, http.client.HTTPException) as error:
                outcome = f"error {type(error).__name__}"
                connection = None
            elapsed = time.perf_counter() - started
            with lock:
                results.append((kind, path, outcome, elapsed))
                if len(results) % 1000 == 0:
                    print(f"  {len(results):,} sent, load average {os.getloadavg()[0]:.1f}",
                          flush=True)  # fmt: skip

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--limit", type=float, default=2.0, help="slowest allowed, seconds")
    parser.add_argument("--max-seconds", type=float, default=1800, help="stop sending after")
    parser.add_argument("--retime", type=int, default=30, help="slowest inputs re-sent alone")
    parser.add_argument("--data-dir", type=Path, default=REPO / "bench" / "out" / "fuzz-10k")
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    parser.add_argument(
        "--synthetic", type=Path, default=REPO / "bench" / "out" / "synthetic-10000-1945.jsonl"
    )
    args = parser.parse_args(argv)

    args.data_dir.mkdir(parents=True, exist_ok=True)
    prepare(args.data_dir, args.corpus / "memos.jsonl", args.synthetic)
    items = generate(args.count, args.seed)
    server = start_server(args.data_dir, args.port, args.workers, access_log=False)
    try:
        connection = http.client.HTTPConnection("127.0.0.1", args.port, timeout=30)
        connection.request("GET", "/api/search?q=")
        total = json.loads(connection.getresponse().read())["count"]
        load_before = os.getloadavg()[0]
        started = time.monotonic()
        results = send_all(args.port, items, args.concurrency, time.monotonic() + args.max_seconds)
        elapsed = time.monotonic() - started
        load_after = os.getloadavg()[0]
        # The slowest inputs again, one at a time: what each costs without the others queued.
        slowest = sorted(results, key=lambda r: -r[3])[: args.retime]
        alone = send_all(args.port, [(r[0], r[1]) for r in slowest], 1, time.monotonic() + 600)
    finally:
        server.terminate()
        server.wait(30)

    by_status = {}
    for _kind, _path, outcome, _seconds in results:
        by_status[outcome] = by_status.get(outcome, 0) + 1
    failures = [r for r in results if not isinstance(r[2], int) or r[2] >= 500]
    times = [r[3] for r in results]
    print(
        f"fuzz: {len(results):,} inputs sent in {elapsed:.0f} s to gunicorn ({args.workers} "
        f"workers, production settings) over {total:,} published memos; "
        f"{args.concurrency} concurrent clients"
    )
    print(
        f"machine: {os.cpu_count()} cores, load average {load_before:.1f} at the start and "
        f"{load_after:.1f} at the end (other work shares the cores)"
    )
    print("by status: " + ", ".join(f"{k}: {v:,}" for k, v in sorted(by_status.items(), key=str)))
    print(f"responses >= 500 or errors: {len(failures)}")
    print(
        f"latency p50 {statistics.median(times) * 1000:.0f} ms, "
        f"p95 {percentile(times, 0.95) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms"
    )
    kinds = sorted({r[0] for r in results})
    for kind in kinds:
        values = [r[3] for r in results if r[0] == kind]
        print(
            f"  {kind:<14}{len(values):>7,}  p50 {statistics.median(values) * 1000:>6.0f} ms"
            f"  p95 {percentile(values, 0.95) * 1000:>6.0f} ms  max {max(values) * 1000:>6.0f} ms"
        )
    print("slowest inputs:")
    for _kind, path, outcome, seconds in sorted(results, key=lambda r: -r[3])[:10]:
        print(f"  {seconds * 1000:>7.0f} ms  {outcome}  {path[:160]}")
    for _kind, path, outcome, _seconds in failures[:20]:
        print(f"  FAILED {outcome}: {path[:300]}")
    slow = [r for r in results if r[3] > args.limit]
    print(f"inputs slower than {args.limit:.1f} s under the run's concurrency: {len(slow)}")
    slow_kinds = {}
    for kind, path, _outcome, _seconds in slow:
        label = "export" if "/export." in path else kind
        slow_kinds[label] = slow_kinds.get(label, 0) + 1
    print("  by kind: " + ", ".join(f"{k}: {v}" for k, v in sorted(slow_kinds.items())))
    print(f"the {len(alone)} slowest inputs again, one at a time (load average "
          f"{os.getloadavg()[0]:.1f}):")  # fmt: skip
    for _kind, path, outcome, seconds in sorted(alone, key=lambda r: -r[3]):
        print(f"  {seconds * 1000:>7.0f} ms  {outcome}  {path[:140]}")
    slow_alone = [r for r in alone if r[3] > args.limit]
    print(f"slower than {args.limit:.1f} s alone: {len(slow_alone)}")
    failed = failures or [r for r in alone if not isinstance(r[2], int) or r[2] >= 500]
    return 1 if failed or slow_alone or len(results) < args.count else 0


if __name__ == "__main__":
    sys.exit(main())
