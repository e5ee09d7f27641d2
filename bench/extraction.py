"""How well archive.ingest.extract does on the real corpus: fields per raw file, agreement with
the records' own metadata in memos.jsonl, and extraction speed.

Usage: .venv/bin/python bench/extraction.py [--corpus DIR] [--examples N]
The corpus defaults to $ARCHIVE_CORPUS_DIR, else ../shared/corpus next to the repository.
"""

import argparse
import datetime
import json
import os
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from archive.ingest.extract import extract  # noqa: E402

LEVELS = {
    "TOPSECRET": "top_secret",
    "SECRET": "secret",
    "CONFIDENTIAL": "confidential",
    "RESTRICTED": "restricted",
    "UNCLASSIFIED": "unclassified",
    "LIMITEDOFFICIALUSE": "limited_official_use",
    "OFFICIALUSEONLY": "official_use_only",
}
GROUPS = ("jfk", "frus", "clinton", "bush41", "state")


def default_corpus() -> Path:
    """$ARCHIVE_CORPUS_DIR, else the shared corpus beside the repository."""
    configured = os.environ.get("ARCHIVE_CORPUS_DIR")
    return Path(configured) if configured else REPO.parent / "shared" / "corpus"


def short(value, width: int = 60) -> str:
    """A value as one short line."""
    if isinstance(value, datetime.date):
        value = value.isoformat()
    text = " ".join(str(value).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def table(rows: list[list], header: list[str]) -> str:
    """Left-aligned plain-text table."""
    cells = [[str(c) for c in row] for row in [header, *rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    lines = [
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def raw_files(corpus: Path) -> None:
    """Section 1: every raw OCR file and the fields found in it."""
    print("== 1. raw/ files: fields found (confidence) ==\n")
    for path in sorted((corpus / "raw").glob("*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        result = extract(text)
        kinds = Counter(r.kind for r in result.redactions)
        print(f"{path.name}  ({len(text)} chars, {len(result.redactions)} redactions)")
        for name, value in result.values.items():
            if name != "date_precision":
                print(f"    {name:22} {result.confidence[name]:.2f}  {short(value, 80)}")
        if kinds:
            print("    redactions: " + ", ".join(f"{k} {n}" for k, n in kinds.most_common()))
        for note in result.notes:
            print(f"    note: {short(note, 90)}")
    print()


def group_of(record_id: str) -> str:
    """Source family of a memos.jsonl id."""
    return next((g for g in GROUPS if record_id.startswith(g)), "other")


def level(marking) -> str | None:
    """Normalised level of a classification marking."""
    return LEVELS.get(re.sub(r"[^A-Za-z]", "", str(marking or "")).upper())


def norm_id(value) -> str:
    """A document number without spacing or punctuation, upper case."""
    return re.sub(r"[^A-Z0-9]", "", str(value or "").upper())


def words(value) -> set[str]:
    """Lower-case word set for loose comparison."""
    return set(re.findall(r"[a-z0-9]{2,}", str(value or "").lower()))


def loose(a, b) -> bool:
    """Loose string agreement: one contains the other, or half the words are shared."""
    wa, wb = words(a), words(b)
    if not wa or not wb:
        return False
    return wa <= wb or wb <= wa or len(wa & wb) / len(wa | wb) >= 0.5


def compare_date(record: str, ours: dict) -> tuple[bool, bool]:
    """(equal at the coarser of the two precisions, same year)."""
    value = ours.get("date")
    if not value:
        return False, False
    width = {"day": 10, "month": 7, "year": 4}.get(ours.get("date_precision"), 10)
    width = min(width, len(record))
    return value.isoformat()[:width] == record[:width], str(value.year) == record[:4]


def corpus_records(corpus: Path, examples: int) -> None:
    """Section 2: memos.jsonl metadata against the extraction, and speed."""
    records = [json.loads(line) for line in (corpus / "memos.jsonl").open(encoding="utf-8")]
    stats: dict[str, Counter] = defaultdict(Counter)
    by_group: dict[tuple[str, str], Counter] = defaultdict(Counter)
    misses: dict[str, list[str]] = defaultdict(list)
    timings: list[tuple[float, str, int]] = []
    started = time.perf_counter()
    for record in records:
        t0 = time.perf_counter()
        result = extract(record["text"])
        timings.append((time.perf_counter() - t0, record["id"], len(record["text"])))
        ours = result.values
        group = group_of(record["id"])
        checks = []
        if record.get("date"):
            exact, year = compare_date(record["date"], ours)
            checks.append(("date", "date" in ours, exact, record["date"], ours.get("date")))
            checks.append(("date (same year)", "date" in ours, year, record["date"], None))
        if record.get("doc_number"):
            mine = [
                ours.get(k) for k in ("document_number", "nara_record_number", "message_number")
            ]
            got = [m for m in mine if m]
            ok = norm_id(record["doc_number"]) in {norm_id(m) for m in got}
            checks.append(("doc_number", bool(got), ok, record["doc_number"], got))
        if level(record.get("classification")):
            want = level(record["classification"])
            got = ours.get("classification")
            checks.append(("classification", bool(got), got == want, want, got))
        if record.get("agency"):
            got = ours.get("agency")
            checks.append(("agency", bool(got), got == record["agency"], record["agency"], got))
        for field, key in (("from", "sender"), ("to", "recipient"), ("title", "title")):
            if record.get(field):
                got = ours.get(key)
                checks.append((field, bool(got), loose(record[field], got), record[field], got))
        for name, found, agree, want, got in checks:
            stats[name]["have"] += 1
            by_group[(name, group)]["have"] += 1
            if found:
                stats[name]["found"] += 1
                by_group[(name, group)]["found"] += 1
                stats[name]["agree"] += agree
                by_group[(name, group)]["agree"] += agree
                if not agree and got is not None and len(misses[name]) < examples:
                    misses[name].append(
                        f"{record['id']}: record {short(want, 50)!r} | ours {short(got, 50)!r}"
                    )
        for name in result.values:
            stats[name]["extracted (all records)"] += 1
    total = time.perf_counter() - started

    print(f"== 2. memos.jsonl: {len(records)} records against their own metadata ==\n")
    rows = []
    for name in (
        "date",
        "date (same year)",
        "doc_number",
        "classification",
        "agency",
        "from",
        "to",
        "title",
    ):
        c = stats[name]
        rate = f"{c['agree'] / c['found']:.0%}" if c["found"] else "-"
        rows.append([name, c["have"], c["found"], c["agree"], rate])
    print(table(rows, ["field", "records have it", "we extracted", "agree", "agreement"]))
    print("\nagreement by source (agree/extracted of records that have the field):")
    rows = []
    for name in ("date", "doc_number", "classification", "agency", "from", "to", "title"):
        row = [name]
        for group in GROUPS:
            c = by_group[(name, group)]
            row.append(f"{c['agree']}/{c['found']} of {c['have']}" if c["have"] else "-")
        rows.append(row)
    print(table(rows, ["field", *GROUPS]))
    print("\nfields extracted over all records:")
    counts = sorted(
        (
            (k, v["extracted (all records)"])
            for k, v in stats.items()
            if v["extracted (all records)"]
        ),
        key=lambda kv: -kv[1],
    )
    print(table([[k, v] for k, v in counts], ["field", "records"]))
    print("\nsome disagreements:")
    for name, lines in misses.items():
        print(f"  {name}:")
        for line in lines:
            print(f"    {line}")
    markers = Counter()
    for record in records:
        for r in extract(record["text"]).redactions:
            markers[r.kind] += 1
    print("\nredaction markers found: " + ", ".join(f"{k} {n}" for k, n in markers.most_common()))
    chars = sum(n for _, _, n in timings)
    print(
        f"\ntime: {total:.2f} s for {len(records)} documents ({chars / 1e6:.1f} M chars): "
        f"{len(records) / total:.0f} docs/s, {1000 * total / len(records):.1f} ms/doc mean"
    )
    for seconds, record_id, size in sorted(timings)[-3:]:
        print(f"  slowest: {record_id} {1000 * seconds:.1f} ms ({size} chars)")


def main() -> int:
    """Run both sections."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=default_corpus(), help="corpus folder")
    parser.add_argument("--examples", type=int, default=4, help="disagreements shown per field")
    args = parser.parse_args()
    if not (args.corpus / "memos.jsonl").exists():
        print(f"corpus not found at {args.corpus} (set --corpus or ARCHIVE_CORPUS_DIR)")
        return 2
    raw_files(args.corpus)
    corpus_records(args.corpus, args.examples)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
