"""Whether search finds the right memos: nDCG@10, P@10 and copies in the top 10 of a judged set.

Usage: .venv/bin/python bench/relevance.py [--engine whoosh|xapian] [--judged FILE]
                                          [--corpus DIR] [--folder DIR] [--reuse] [--pool N]
                                          [--strict] [--no-related]

The tuning part of the corpus (memos.jsonl; bench/scoring.py `part()`: the judged set was made
on it; --part held-out or all for the others) is ingested and published (`manage.py ingest
--publish`) into a fresh archive of its own under bench/out/relevance-<part>-<engine>/
(SEARCH_URL=<engine>:///...); --reuse keeps an archive built before (for a change that
touches only the query side, never for one that changes what is indexed). Each question of
the judged set (bench/judged/relevance.jsonl: query, question, judgements {record id: 0/1/2})
is then run through the archive's own search service (archive.search.service.search,
relevance order) and its top 10 scored:

  nDCG@10   gains 2^grade - 1, discount log2(rank + 1), against the ideal order of the judged
            memos (a memo not judged counts as grade 0);
  doc       the same against an ideal that counts each document once (copies, Memo.copy_group,
            graded alike, fold into one result, so the ideal of every copy is out of reach);
  P@10      share of the 10 places holding a memo of grade >= 1;
  H@10      share of the 10 places holding a memo of grade 2;
  copies    places holding a copy of a memo ranked above it: the same text as
            archive.identifiers.text_key reads it, or word 5-shingles with Jaccard >= 0.8;
  near      the same with a looser test that OCR variants of one document pass (their
            Jaccard is often 0.4-0.7): >= 0.7 of the shorter text's word 3-shingles are in
            the other's (unrelated memos of the corpus share under 0.05);
  unjudged  places holding a memo the set has no grade for (the pool to grade next);
  long      places holding a memo of LONG characters or more (the committee transcripts of
            176k-286k characters, whose many words meet scattered queries); the summary says
            how many of them rank above a memo judged relevant.

--strict runs each query with every word required (the search's `strict=1`; by default a query
of three or more plain words also finds memos missing one of them, ranked below).
The places scored are those of the search page: its results, then, for a search whose words
find fewer than ten documents, the related memos shown under them (archive/search/related.py);
--no-related scores the results alone. The last line times every question with and without
the related memos, alternated in one process (best of three each): medians and their ratio.
--pool N prints, per query, the top N record ids with their titles (to grade a new question).
"""

import argparse
import json
import math
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "bench" / "out"
PYTHON = sys.executable
JUDGED = REPO / "bench" / "judged" / "relevance.jsonl"
K = 10
SHINGLE = 5
COPY_JACCARD = 0.8
NEAR_SHINGLE = 3
NEAR_CONTAINMENT = 0.7
LONG = 100_000

sys.path.insert(0, str(REPO / "bench"))
from scoring import HELD_OUT, TUNING, part  # noqa: E402


def default_corpus():
    """$ARCHIVE_CORPUS_DIR, else the shared corpus beside the repository."""
    configured = os.environ.get("ARCHIVE_CORPUS_DIR")
    return Path(configured) if configured else REPO.parent / "shared" / "corpus"


def environment(folder, engine):
    """The environment of an archive kept in folder, indexed by engine."""
    return {
        **os.environ,
        "ARCHIVE_DATA_DIR": str(folder / "data"),
        "SEARCH_URL": f"{engine}://{folder / 'index'}",
        "ARCHIVE_INDEX_MODE": "inline",
        "ARCHIVE_JOBS_MODE": "inline",
        "DJANGO_SETTINGS_MODULE": "archive.settings",
    }


def build(folder, engine, corpus, which):
    """A fresh archive of one part of the corpus in folder; seconds it took."""
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "data").mkdir(parents=True)
    records = folder / f"memos-{which}.jsonl"
    with (corpus / "memos.jsonl").open(encoding="utf-8") as source, records.open("w") as out:
        for line in source:
            if which == "all" or part(json.loads(line)["id"]) == which:
                out.write(line)
    env = environment(folder, engine)
    started = time.perf_counter()
    subprocess.run([PYTHON, "manage.py", "migrate", "-v0"], cwd=REPO, env=env, check=True)
    command = [PYTHON, "manage.py", "ingest", str(records), "--publish"]
    subprocess.run([*command, "--no-progress"], cwd=REPO, env=env, check=True, stdout=2)
    return time.perf_counter() - started


def dcg(grades):
    """Discounted cumulative gain of grades in rank order."""
    return sum((2**grade - 1) / math.log2(rank + 2) for rank, grade in enumerate(grades))


def ndcg(ranked, judgements, k=K):
    """nDCG@k of ranked record ids against the judgements."""
    ideal = dcg(sorted(judgements.values(), reverse=True)[:k])
    return dcg([judgements.get(rid, 0) for rid in ranked[:k]]) / ideal if ideal else 0.0


def documents_ndcg(ranked, judgements, group, k=K):
    """nDCG@k against the ideal order of the judged documents: copies of one (`group`: record
    id -> its copy group) count once, at the best grade among them."""
    best = {}
    for rid, grade in judgements.items():
        key = group.get(rid, rid)
        best[key] = max(best.get(key, 0), grade)
    ideal = dcg(sorted(best.values(), reverse=True)[:k])
    return dcg([judgements.get(rid, 0) for rid in ranked[:k]]) / ideal if ideal else 0.0


def shingles(text, size=SHINGLE):
    """Word shingles of a text, lower case, letters and digits only."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    return {" ".join(words[i : i + size]) for i in range(max(1, len(words) - size + 1))}


def copies(memos):
    """(copies, near copies): how many of these memos (in rank order) copy one ranked above
    them, by the strict test and by the loose one (see the module's docstring)."""
    from archive.identifiers import text_key

    seen, strict, loose = [], 0, 0
    for memo in memos:
        key, grams, small = text_key(memo.text), shingles(memo.text), shingles(memo.text, 3)
        strict += any(
            key == other_key or len(grams & other) >= COPY_JACCARD * len(grams | other)
            for other_key, other, _small in seen
        )
        loose += any(
            len(small & other) >= NEAR_CONTAINMENT * min(len(small), len(other))
            for _key, _grams, other in seen
        )
        seen.append((key, grams, small))
    return strict, loose


def run(judged, pool, strict=False, no_related=False):
    """Scores of each judged question on the archive this process is set up for (`strict`:
    every word of each query required, as `strict=1` asks; `no_related`: the related memos
    of a sparse search, shown after its results, left out of the places scored)."""
    from archive.models import Memo
    from archive.search.service import SearchRequest, search

    judged_ids = {rid for item in judged for rid in item["judgements"]}
    group = dict(
        Memo.objects.filter(source_id__in=judged_ids, copy_group__isnull=False)
        .exclude(copy_group="")
        .values_list("source_id", "copy_group")
    )
    rows = []
    for item in judged:
        started = time.perf_counter()
        request = SearchRequest(q=item["query"], sort="relevance", strict=strict)
        page = search(request=request, per_page=max(K, pool), facets=False)
        seconds = time.perf_counter() - started
        memos = [hit.memo for hit in page.hits]
        if page.related and not no_related:  # shown after the results, on the first page
            memos += [hit.memo for hit in page.related.hits]
        ranked = [memo.source_id for memo in memos]
        grades = item["judgements"]
        top = ranked[:K]
        rows.append(
            {
                "query": item["query"],
                "total": page.total,
                "ndcg": ndcg(ranked, grades),
                "doc": documents_ndcg(ranked, grades, group),
                "p": sum(grades.get(rid, 0) >= 1 for rid in top) / K,
                "high": sum(grades.get(rid, 0) == 2 for rid in top) / K,
                **dict(zip(("copies", "near"), copies(memos[:K]), strict=True)),
                "unjudged": sum(rid not in grades for rid in top),
                "long": sum(len(memo.text) >= LONG for memo in memos[:K]),
                "long_above": sum(
                    len(memo.text) >= LONG
                    and any(grades.get(other.source_id, 0) >= 1 for other in memos[rank + 1 : K])
                    and grades.get(memo.source_id, 0) == 0
                    for rank, memo in enumerate(memos[:K])
                ),
                "seconds": seconds,
            }
        )
        if pool:
            print(f"\n## {item['query']}  ({page.total} found)")
            for rank, memo in enumerate(memos[:pool], 1):
                grade = grades.get(memo.source_id, "?")
                print(f"  {rank:2} [{grade}] {memo.source_id}  {memo.title[:90]}")
    return rows


def related_cost(judged, rounds=3):
    """Search time of each question with and without the related memos of a sparse search
    (related.py), alternated in this process, best of `rounds`: medians and their ratio."""
    from archive.search import related
    from archive.search.service import SearchRequest, search

    looked_for = related.wanted
    times = {True: {}, False: {}}
    try:
        for _round in range(rounds):
            for item in judged:
                for on in (True, False):
                    related.wanted = looked_for if on else lambda *_args: False
                    started = time.perf_counter()
                    search(request=SearchRequest(q=item["query"]), per_page=K)
                    seconds = time.perf_counter() - started
                    best = times[on].get(item["query"], seconds)
                    times[on][item["query"]] = min(best, seconds)
    finally:
        related.wanted = looked_for
    shown = [
        item["query"]
        for item in judged
        if search(request=SearchRequest(q=item["query"]), per_page=K).related
    ]

    def median(on, queries):
        values = sorted(times[on][q] for q in queries)
        return values[len(values) // 2] * 1000 if values else 0.0

    every = [item["query"] for item in judged]
    with_, without = median(True, every), median(False, every)
    print(
        f"related memos' cost: median search {with_:.0f} ms with, {without:.0f} ms without "
        f"(ratio {with_ / max(without, 1e-9):.2f}); the {len(shown)} searches that show them "
        f"{median(True, shown):.0f} / {median(False, shown):.0f} ms"
    )


def report(rows, engine):
    """The table of per-query scores and their means."""
    print(f"\n{engine}: {len(rows)} questions, top {K}")
    header = (
        f"{'found':>6} {'nDCG':>5} {'doc':>5} {'P':>4} {'H':>4}"
        f" {'cop':>3} {'nr':>3} {'unj':>3} {'lng':>3}"
    )
    print(f"{'query':40} {header}")
    for row in rows:
        print(
            f"{row['query'][:40]:40} {row['total']:6} {row['ndcg']:5.2f} {row['doc']:5.2f}"
            f" {row['p']:4.1f} "
            f"{row['high']:4.1f} {row['copies']:3} {row['near']:3} {row['unjudged']:3}"
            f" {row['long']:3}"
        )
    n = len(rows) or 1
    mean = {key: sum(row[key] for row in rows) / n for key in ("ndcg", "doc", "p", "high")}
    total_copies = sum(row["copies"] for row in rows)
    near = sum(row["near"] for row in rows)
    with_near = sum(row["near"] > 0 for row in rows)
    times = sorted(row["seconds"] for row in rows)
    print(
        f"mean nDCG@10 {mean['ndcg']:.3f} (copies once in the ideal {mean['doc']:.3f})"
        f"  P@10 {mean['p']:.3f}  grade-2 share {mean['high']:.3f}"
        f"  copies {total_copies}, near {near} (in {with_near} queries)"
        f"  unjudged {sum(row['unjudged'] for row in rows)}"
        f"  long {sum(row['long'] for row in rows)}"
        f" ({sum(row['long_above'] for row in rows)} above a relevant memo)"
        f"  median search {times[len(times) // 2] * 1000:.0f} ms"
    )


def main():
    """Build (or reuse) the archive, run the judged questions, print the scores."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=("whoosh", "xapian"), default="whoosh")
    parser.add_argument("--judged", type=Path, default=JUDGED, help="the judged set (JSONL)")
    parser.add_argument("--corpus", type=Path, default=default_corpus(), help="the corpus")
    parser.add_argument(
        "--part", choices=(TUNING, HELD_OUT, "all"), default=TUNING, help="memos ingested"
    )
    parser.add_argument("--folder", type=Path, help="the archive's folder (default under out/)")
    parser.add_argument("--reuse", action="store_true", help="keep an archive built before")
    parser.add_argument("--pool", type=int, default=0, help="list the top N of each query")
    parser.add_argument("--strict", action="store_true", help="every word required (strict=1)")
    parser.add_argument(
        "--no-related", action="store_true", help="score the results only, not related memos"
    )
    args = parser.parse_args()
    folder = (args.folder or OUT / f"relevance-{args.part}-{args.engine}").resolve()
    if not (args.reuse and (folder / "data").exists()):
        print(f"ingesting {args.corpus / 'memos.jsonl'} into {folder}", file=sys.stderr)
        print(f"  {build(folder, args.engine, args.corpus, args.part):.0f} s", file=sys.stderr)
    judged = [json.loads(line) for line in args.judged.open(encoding="utf-8") if line.strip()]
    os.environ.update(environment(folder, args.engine))
    sys.path.insert(0, str(REPO))
    import django

    django.setup()
    report(run(judged, args.pool, args.strict, args.no_related), args.engine)
    related_cost(judged)


if __name__ == "__main__":
    main()
