"""The fixed sample of memos judged for entities (bench/judged/entities*.jsonl).

Usage: .venv/bin/python bench/judged/entities_sample.py [tuning|held-out]

Strata by collection; within each, memos of at most 4,000 characters (a judge reads every word)
ordered by SHA-256 of their id, the first N taken. Prints the ids, one a line.
"""

import hashlib
import json
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "bench"))

from scoring import TUNING, part  # noqa: E402

CORPUS = Path(os.environ.get("ARCHIVE_CORPUS_DIR", REPO.parent / "shared" / "corpus"))
MAX_CHARS = 4000
CIA, FBI = "Central Intelligence Agency", "Federal Bureau of Investigation"


def _collection(record):
    return record["id"].split("-")[0]


def _nsc(record):
    return "National Security" in (record["agency"] or "")


# stratum -> (test on a record, how many tuning memos, how many held-out memos)
STRATA = {
    "jfk-fbi": (lambda r: _collection(r) == "jfk" and r["agency"] == FBI, 7, 3),
    "jfk-cia": (lambda r: _collection(r) == "jfk" and r["agency"] == CIA, 7, 2),
    "jfk-other": (lambda r: _collection(r) == "jfk" and r["agency"] not in (CIA, FBI), 2, 0),
    "state-frus": (
        lambda r: _collection(r) in ("state", "frus") and r["agency"] != CIA and not _nsc(r),
        6,
        2,
    ),
    "nsc-clinton": (
        lambda r: _collection(r) in ("clinton", "bush41") or (_collection(r) == "frus" and _nsc(r)),
        6,
        2,
    ),
    "cia-di": (lambda r: _collection(r) == "frus" and r["agency"] == CIA, 2, 1),
}


def _order(record_id):
    return hashlib.sha256(record_id.encode("utf-8")).hexdigest()


def sample(which=TUNING):
    """The judged ids of one part, stratum by stratum."""
    with open(CORPUS / "memos.jsonl", encoding="utf-8") as lines:
        records = [json.loads(line) for line in lines]
    chosen = []
    for name, (test, tuning, held_out) in STRATA.items():
        want = tuning if which == TUNING else held_out
        pool = [r for r in records if part(r["id"]) == which and test(r)]
        short = [r for r in pool if len(r["text"]) <= MAX_CHARS] or pool
        short.sort(key=lambda r: _order(r["id"]))
        chosen += [(name, r["id"]) for r in short[:want]]
    return chosen


if __name__ == "__main__":
    for stratum, record_id in sample(sys.argv[1] if len(sys.argv) > 1 else TUNING):
        print(stratum, record_id)
