"""The records of the judged sets: a fixed, stratified sample of each part of the corpus.

Usage: .venv/bin/python bench/judged/sample.py tuning|held-out [ROUND]  (one id a line)
Each stratum's records are ranked by SHA-256 of "judged:" + id and the first ones taken; round
2 takes the next as many again (the judged set was extended once, with the same protocol).
"""

import hashlib
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from scoring import part  # noqa: E402

# (file, stratum) -> records per part
QUOTAS = {
    ("memos.jsonl", "jfk Central Intelligence Agency"): 22,
    ("memos.jsonl", "jfk Federal Bureau of Investigation"): 10,
    ("memos.jsonl", "jfk National Security Agency"): 4,
    ("memos.jsonl", "jfk Department of the Army"): 4,
    ("memos.jsonl", "jfk other"): 3,
    ("memos.jsonl", "frus-history"): 5,
    ("memos.jsonl", "frus"): 4,
    ("memos.jsonl", "clinton"): 5,
    ("memos.jsonl", "bush41"): 2,
    ("memos.jsonl", "state"): 5,
    ("jfk_forms.jsonl", "Central Intelligence Agency"): 24,
    ("jfk_forms.jsonl", "Federal Bureau of Investigation"): 24,
    ("jfk_forms.jsonl", "Department of the Army"): 6,
    ("jfk_forms.jsonl", "Department of State"): 4,
}
MAIN_JFK = {
    "Central Intelligence Agency",
    "Federal Bureau of Investigation",
    "National Security Agency",
    "Department of the Army",
}


def stratum(name: str, record: dict) -> str:
    """The stratum of a record."""
    if name == "jfk_forms.jsonl":
        return record["nara"]["agency"]
    rid = record["id"]
    if rid.startswith("frus-history"):
        return "frus-history"
    group = rid.split("-")[0]
    if group == "jfk":
        return "jfk " + (record["agency"] if record["agency"] in MAIN_JFK else "other")
    return group


def sample(corpus: Path, which: str, round_: int = 1) -> list[tuple[str, str]]:
    """(file, id) of one round of the judged sample of one part."""
    chosen = []
    for name in ("memos.jsonl", "jfk_forms.jsonl"):
        strata: dict[str, list[str]] = {}
        with (corpus / name).open(encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                if part(record["id"]) == which:
                    strata.setdefault(stratum(name, record), []).append(record["id"])
        for key, ids in strata.items():
            quota = QUOTAS.get((name, key), 0)
            ranked = sorted(ids, key=lambda i: hashlib.sha256(f"judged:{i}".encode()).hexdigest())
            chosen.extend((name, rid) for rid in ranked[quota * (round_ - 1) : quota * round_])
    return chosen


if __name__ == "__main__":
    corpus = Path(__file__).resolve().parents[3] / "shared" / "corpus"
    for name, rid in sample(corpus, sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 1):
        print(name, rid)
