"""Which agency wrote a document, judged from its words when nothing on it says so outright.

A letterhead, the identification form's ORIGINATOR or a header ("FROM: SAC, Dallas") names the
agency; many OCR'd pages keep none of those legible. Their vocabulary still tells: the FBI
writes of the Bureau, SACs, informants and file numbers; the CIA of stations, headquarters,
cryptonyms and 201 files; State of the Department, embassies and posts. A naive Bayes model over
the words of the document's own text (forms, stamps and page furniture left out, each word
counted once) gives the likeliest agency and the words that weighed most.

The model is built from the tuning part of the corpus by `bench/train_vocabulary.py` and kept
in `archive/ingest/data/vocabulary.json`; its accuracy on the held-out part is printed by
`bench/extraction.py` (the "agency" rows whose rule is "vocabulary").
"""

import json
import math
import re
from functools import cache
from pathlib import Path

MODEL_PATH = Path(__file__).resolve().parent / "data" / "vocabulary.json"
_WORD_RE = re.compile(r"[A-Za-z]{3,20}")
ZONE_CHARS = 6000


def words(text: str) -> set[str]:
    """The distinct lower-case words of a text (3 to 20 letters)."""
    return {w.lower() for w in _WORD_RE.findall(text)}


@cache
def model() -> dict | None:
    """The trained model, or None when the data file is missing or unreadable."""
    try:
        data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or "classes" not in data:
        return None
    return data


def predict(text: str) -> tuple[str, float, list[str]] | None:
    """(agency, probability, the words that weighed most for it), or None without a model."""
    data = model()
    if data is None:
        return None
    classes = data["classes"]
    weights = data["weights"]  # word -> [log P(word|class) - log P(word|not class) per class]
    scores = list(data["bias"])
    seen = words(text[:ZONE_CHARS])
    evidence: list[tuple[float, str]] = []
    for word in seen:
        row = weights.get(word)
        if row is None:
            continue
        for k, value in enumerate(row):
            scores[k] += value
        evidence.append((row, word))
    top = max(range(len(classes)), key=scores.__getitem__)
    peak = scores[top]
    total = sum(math.exp(s - peak) for s in scores)
    probability = 1.0 / total

    def margin(row: list[float]) -> float:
        return row[top] - max((v for k, v in enumerate(row) if k != top), default=0.0)

    strongest = [word for row, word in sorted(evidence, key=lambda item: -margin(item[0]))[:5]]
    return classes[top], probability, strongest


def train(examples: list[tuple[str, str]], min_docs: int = 3, keep: int = 5000) -> dict:
    """A model from (text, agency) pairs: Bernoulli naive Bayes with add-one smoothing."""
    counts: dict[str, int] = {}
    per_class: dict[str, dict[str, int]] = {}
    df: dict[str, int] = {}
    for text, agency in examples:
        counts[agency] = counts.get(agency, 0) + 1
        bucket = per_class.setdefault(agency, {})
        for word in words(text[:ZONE_CHARS]):
            bucket[word] = bucket.get(word, 0) + 1
            df[word] = df.get(word, 0) + 1
    classes = sorted(counts)
    total = sum(counts.values())
    vocab = [w for w, n in df.items() if n >= min_docs]
    rows: dict[str, list[float]] = {}
    spread: dict[str, float] = {}
    bias = [math.log(counts[c] / total) for c in classes]
    for word in vocab:
        row = []
        for c in classes:
            present = (per_class[c].get(word, 0) + 1) / (counts[c] + 2)
            # Bernoulli NB: a present word adds log p - log(1 - p); absence is in the bias.
            row.append(math.log(present) - math.log(1 - present))
        rows[word] = row
        spread[word] = (max(row) - min(row)) * math.log(1 + df[word])
    for k, c in enumerate(classes):
        for word in vocab:
            present = (per_class[c].get(word, 0) + 1) / (counts[c] + 2)
            bias[k] += math.log(1 - present)
    kept = sorted(vocab, key=lambda w: -spread[w])[:keep]
    # Absence of a dropped word still counts in the bias: remove it, as if never seen.
    for word in set(vocab) - set(kept):
        for k, c in enumerate(classes):
            present = (per_class[c].get(word, 0) + 1) / (counts[c] + 2)
            bias[k] -= math.log(1 - present)
    return {
        "classes": classes,
        "bias": [round(b, 3) for b in bias],
        "weights": {w: [round(v, 3) for v in rows[w]] for w in sorted(kept)},
        "trained_on": total,
    }
