"""Build archive/ingest/data/vocabulary.json (agency from vocabulary) from the tuning part.

Usage: .venv/bin/python bench/train_vocabulary.py [--corpus DIR]
Only records of the tuning part (bench/scoring.py) are read; each text is reduced to the
document's own words (the identification form, stamps and page furniture left out), as
extraction does before asking the model.
"""

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from extraction import default_corpus  # noqa: E402
from scoring import TUNING, agency_key, part  # noqa: E402

from archive.ingest import anatomy, vocabulary  # noqa: E402
from archive.ingest.patterns import split_lines  # noqa: E402

MIN_EXAMPLES = 8


def own_text(text: str) -> str:
    """The document's own text, as extraction gives it to the model."""
    lines = split_lines(text)
    parts = anatomy.dissect(text, lines)
    return "\n".join(ln.text for i, ln in enumerate(lines) if not parts.noise(i))


def cross_validate(examples: list[tuple[str, str]], folds: int = 5) -> dict[str, float]:
    """How often the model is right on documents it was not trained on (k-fold on the tuning
    part), by how sure it is: the Wilson lower bound, the confidence extraction shows."""
    from extraction import wilson_low

    shuffled = examples[:]
    random.Random(1945).shuffle(shuffled)
    tally: dict[str, Counter] = {"strong": Counter(), "weak": Counter()}
    for fold in range(folds):
        test = shuffled[fold::folds]
        train = [e for k, e in enumerate(shuffled) if k % folds != fold]
        model = vocabulary.train(train)
        for text, agency in test:
            guess = vocabulary.predict(text, model)
            if guess:
                band = "strong" if guess[1] >= vocabulary.STRONG else "weak"
                tally[band]["n"] += 1
                tally[band]["right"] += guess[0] == agency
    for band, c in tally.items():
        print(f"  cross-validated, {band}: {c['right']} of {c['n']} right")
    return {band: round(wilson_low(c["right"], c["n"]), 2) for band, c in tally.items() if c["n"]}


def main() -> int:
    """Read the tuning part, train, write the model, print the class counts."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=default_corpus())
    args = parser.parse_args()
    examples = []
    for name in ("memos.jsonl", "jfk_forms.jsonl"):
        for line in (args.corpus / name).open(encoding="utf-8"):
            record = json.loads(line)
            if part(record["id"]) != TUNING:
                continue
            agency = record.get("agency") if name == "memos.jsonl" else record["nara"]["agency"]
            if agency:
                examples.append((own_text(record["text"]), agency_key(agency)))
    counts = Counter(agency for _, agency in examples)
    kept = [(t, a) for t, a in examples if counts[a] >= MIN_EXAMPLES]
    model = vocabulary.train(kept)
    model["calibration"] = cross_validate(kept)
    vocabulary.MODEL_PATH.parent.mkdir(parents=True, exist_ok=True)
    vocabulary.MODEL_PATH.write_text(json.dumps(model, separators=(",", ":")), encoding="utf-8")
    print(f"{len(kept)} documents, {len(model['weights'])} words -> {vocabulary.MODEL_PATH}")
    for agency, n in counts.most_common():
        print(f"  {n:4}  {agency}{'' if n >= MIN_EXAMPLES else '  (too few: left out)'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
