"""How well the archive finds the people, places and organisations a memo names.

Usage: .venv/bin/python bench/entities.py [--corpus DIR] [--examples N] [--no-corpus]

Runs the archive's own linking (archive.entities.extract_mentions with the boilerplate spans of
archive.body.noise_spans skipped, as archive.entities.linking.link_memo does) on the memos
judged by hand in bench/judged/entities.jsonl (tuning part) and entities_held_out.jsonl, and
prints precision and recall per kind. Over the whole corpus it prints the links that sit in a
stamp or page furniture (found by this script's own patterns, not the archive's), the share of
person entities named by one word, and the time linking takes (the database writes aside).

Scoring, memo by memo, on entities rather than mentions: what the archive links is the set of
(kind, name) its mentions point to; a linked entity is right when a judged entity of the same
kind has that name or that written form (compared without case, accents or punctuation). A
judged entity marked optional (a demonym as adjective, a routing symbol, a letterhead) is
neither required nor wrong. Held-out figures are printed in aggregate only; never tune on them.
"""

import argparse
import json
import os
import re
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")

import django  # noqa: E402

django.setup()

from scoring import part  # noqa: E402

from archive.body import noise_spans  # noqa: E402
from archive.entities import extract_mentions  # noqa: E402
from archive.entities.gazetteer import default_gazetteer  # noqa: E402
from archive.ingest.extract import extract  # noqa: E402

KINDS = ("person", "place", "organization")
JUDGED = REPO / "bench" / "judged"
# Stamps and page furniture, written here apart from archive/body.py so the check is not the
# archive's own rule judging itself.
STAMP_RE = re.compile(
    r"^.*(?:RELEASE UNDER THE PRESIDENT JOHN F\. KENNEDY|ASSASSINATION RECORDS ACT|"
    r"CLINTON LIBRARY PHOTOCOPY|Doc\s?[Il1]d\s?:\s?\d|DECLASSIFIED\s+PER E\.?O\.?|"
    r"REPRODUCTION FROM THIS COPY|NW \d{5} |HW \d{5} ).*$",
    re.MULTILINE | re.IGNORECASE,
)


def norm(name):
    """A name compared without case, accents or punctuation."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def link(record, gazetteer, parts):
    """What the archive links in one record: the Found list."""
    text = record["text"]
    year = int(record["date"][:4]) if record.get("date") else None
    return extract_mentions(text, gazetteer, year=year, skip=noise_spans(text, parts))


def score_memo(found, judged):
    """Per kind: (right links, all links, judged found, judged required), and the misses."""
    gold = defaultdict(list)
    for entity in judged["entities"]:
        names = {norm(entity["name"]), *(norm(f) for f in entity["forms"])}
        gold[entity["kind"]].append((entity, names))
    linked = {(f.kind, f.name): f.text for f in found}
    out, wrong, missed = {}, [], []
    hit = set()
    for kind in KINDS:
        right = total = 0
        for (k, name), written in linked.items():
            if k != kind:
                continue
            matches = [e for e, names in gold[kind] if _same(kind, norm(name), names)]
            if not matches:
                total += 1
                wrong.append((kind, name, written))
                continue
            hit.update(id(e) for e in matches)
            if all(e.get("optional") for e in matches):
                continue
            right += 1
            total += 1
        required = [e for e, _n in gold[kind] if not e.get("optional")]
        got = sum(1 for e in required if id(e) in hit)
        missed += [(kind, e["name"]) for e in required if id(e) not in hit]
        out[kind] = (right, total, got, len(required))
    return out, wrong, missed


def _same(kind, name, names):
    """Whether a linked name is one of a judged entity's names; for people, also the same
    surname with given names that agree (an initial agrees with a name it begins)."""
    if name in names:
        return True
    if kind != "person" or " " not in name:
        return False
    given, last = name.split()[:-1], name.split()[-1]
    for other in names:
        words = other.split()
        if len(words) < 2 or words[-1] != last:
            continue
        if any(_agree(a, b) for a in given for b in words[:-1]):
            return True
    return False


def _agree(a, b):
    return a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))


def report(title, sums):
    """One line per kind and one for all: precision and recall."""
    print(f"\n{title}")
    print(f"  {'kind':<13} {'precision':>16} {'recall':>16}")
    every = [0, 0, 0, 0]
    for kind in KINDS:
        right, total, got, required = sums[kind]
        every = [a + b for a, b in zip(every, sums[kind], strict=True)]
        print(f"  {kind:<13} {_pct(right, total):>16} {_pct(got, required):>16}")
    print(f"  {'all':<13} {_pct(every[0], every[1]):>16} {_pct(every[2], every[3]):>16}")


def _pct(a, b):
    return f"{100 * a / b:5.1f}% ({a}/{b})" if b else "    -"


def judged_sets(records, gazetteer, examples):
    """Score the judged memos of both parts; print tuning examples only."""
    for filename, label in (("entities.jsonl", "tuning"), ("entities_held_out.jsonl", "held-out")):
        with open(JUDGED / filename, encoding="utf-8") as lines:
            judged = [json.loads(line) for line in lines]
        sums = {kind: [0, 0, 0, 0] for kind in KINDS}
        wrong_all, missed_all = [], []
        for item in judged:
            record = records[item["id"]]
            assert part(item["id"]) == label, f"{item['id']} is not in the {label} part"
            parts = [list(p) for p in extract(record["text"]).parts]
            result, wrong, missed = score_memo(link(record, gazetteer, parts), item)
            for kind in KINDS:
                sums[kind] = [a + b for a, b in zip(sums[kind], result[kind], strict=True)]
            wrong_all += [(item["id"], *w) for w in wrong]
            missed_all += [(item["id"], *m) for m in missed]
        report(f"{label}: {len(judged)} judged memos", sums)
        if label == "tuning" and examples:
            print("  wrong links:")
            for row in wrong_all[:examples]:
                print("   ", " | ".join(row))
            print("  missed:")
            for row in missed_all[:examples]:
                print("   ", " | ".join(row))


def whole_corpus(records, gazetteer):
    """Links inside stamps, one-word people, and the time linking takes."""
    items = [(r, [list(p) for p in extract(r["text"]).parts]) for r in records.values()]
    started = time.perf_counter()
    results = [(r, link(r, gazetteer, parts)) for r, parts in items]
    seconds = time.perf_counter() - started
    in_stamps, stamp_names, people, mentions = 0, Counter(), set(), 0
    for record, found in results:
        mentions += len(found)
        spans = [m.span() for m in STAMP_RE.finditer(record["text"])]
        for f in found:
            if any(s < f.end and f.start < e for s, e in spans):
                in_stamps += 1
                stamp_names[f.name] += 1
            if f.kind == "person":
                people.add(f.key or f.name)
    one_word = sum(1 for p in people if len(p.replace("-", " ").split()) == 1)
    print(f"\nwhole corpus: {len(records)} memos, {mentions} mentions")
    print(f"  links inside stamps: {in_stamps} {stamp_names.most_common(5)}")
    print(f"  person entities: {len(people)}, one word: {one_word} ({_pct(one_word, len(people))})")
    print(f"  time to link (extraction, without database writes): {seconds:.1f} s")


def main():
    """Read the corpus and the judged sets, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = os.environ.get("ARCHIVE_CORPUS_DIR", str(REPO.parent / "shared" / "corpus"))
    parser.add_argument("--corpus", default=default, help="folder holding memos.jsonl")
    parser.add_argument("--examples", type=int, default=40, help="tuning misses to print")
    parser.add_argument("--no-corpus", action="store_true", help="judged sets only")
    args = parser.parse_args()
    with open(Path(args.corpus) / "memos.jsonl", encoding="utf-8") as lines:
        records = {record["id"]: record for record in map(json.loads, lines)}
    gazetteer = default_gazetteer()
    judged_sets(records, gazetteer, args.examples)
    if not args.no_corpus:
        whole_corpus(records, gazetteer)


if __name__ == "__main__":
    main()
