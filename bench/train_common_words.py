"""Build archive/entities/data/common_words.txt: words the memos write in lower case.

Usage: .venv/bin/python bench/train_common_words.py [--corpus DIR]

The name finder (archive/entities/names.py) reads a word in capitals as part of a name only
when it is not an ordinary word ("PENNY UNQUOTE", "HAO FURTHER" are OCR and prose, not people).
An ordinary word here: written in lower case at least five times in the tuning part of the
corpus (bench/scoring.py), and at least twice as often in lower case as capitalised inside a
sentence. Held-out records are not read.
"""

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

from extraction import default_corpus  # noqa: E402
from scoring import TUNING, part  # noqa: E402

OUT = REPO / "archive" / "entities" / "data" / "common_words.txt"
WORD_RE = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Za-z][a-z]{2,})\b", re.MULTILINE)


def count(corpus):
    """(lower-case counts, capitalised counts inside sentences) over the tuning part."""
    lower, upper = Counter(), Counter()
    with open(corpus / "memos.jsonl", encoding="utf-8") as lines:
        for record in map(json.loads, lines):
            if part(record["id"]) != TUNING:
                continue
            for word in WORD_RE.findall(record["text"]):
                (lower if word.islower() else upper)[word.lower()] += 1
    return lower, upper


def main():
    """Count, choose, write."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=default_corpus(), help="corpus folder")
    args = parser.parse_args()
    lower, upper = count(args.corpus)
    words = sorted(w for w, n in lower.items() if n >= 5 and n >= 2 * upper[w])
    OUT.write_text(
        "# Made by bench/train_common_words.py from the tuning part; do not edit.\n"
        + "\n".join(words)
        + "\n",
        encoding="utf-8",
    )
    print(f"{len(words)} words -> {OUT.relative_to(REPO)}")


if __name__ == "__main__":
    main()
