"""Which agency wrote a document, judged from its words when nothing on it says so outright.

A letterhead, the identification form's ORIGINATOR or a header ("FROM: SAC, Dallas") names the
agency; many OCR'd pages keep none of those legible. Their vocabulary still tells: the FBI
writes of the Bureau, SACs, informants and file numbers; the CIA of stations, headquarters,
cryptonyms and 201 files; State of the Department, embassies and posts. A naive Bayes model over
the words of the document's own text (forms, stamps and page furniture left out, each word
counted once, every agency starting equal) gives the likeliest agency and the words that
weighed most.

The model is built from the tuning part of the corpus by `bench/train_vocabulary.py` and kept
in `archive/ingest/data/vocabulary.json`, with its own calibration: how often it was right on
tuning documents it had not been trained on (5-fold cross-validation), for strong and weak
predictions; extraction shows that as the value's confidence. Its accuracy on the held-out part
is printed by `bench/extraction.py` (the agency rows whose rule is "vocabulary").
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


STRONG = 0.999  # a prediction at least this probable is "strong" in the model's calibration


def predict(text: str, data: dict | None = None) -> tuple[str, float, list[str]] | None:
    """(agency, probability, the words that weighed most for it), or None without a model."""
    data = data or model()
    if data is None:
        return None
    classes = data["classes"]
    weights = data["weights"]  # word -> [log P(word | class) per class]
    scores = list(data["bias"])
    evidence: list[tuple[list[float], str]] = []
    for word in sorted(words(text[:ZONE_CHARS])):  # one order, whatever the hash seed
        row = weights.get(word)
        if row is None:
            continue
        for k, value in enumerate(row):
            scores[k] += value
        evidence.append((row, word))
    top = max(range(len(classes)), key=scores.__getitem__)
    peak = scores[top]
    probability = 1.0 / sum(math.exp(s - peak) for s in scores)

    def margin(row: list[float]) -> float:
        return row[top] - max((v for k, v in enumerate(row) if k != top), default=0.0)

    ranked = sorted(evidence, key=lambda item: (-margin(item[0]), item[1]))
    strongest = [word for row, word in ranked[:5]]
    return classes[top], probability, strongest


def train(
    examples: list[tuple[str, str]], min_docs: int = 2, alpha: float = 0.1, keep: int = 6000
) -> dict:
    """A model from (text, agency) pairs: multinomial naive Bayes over the set of a document's
    words, classes weighted equally (no prior for the commonest agency), additive smoothing."""
    per_class: dict[str, dict[str, int]] = {}
    totals: dict[str, int] = {}
    df: dict[str, int] = {}
    for text, agency in examples:
        bucket = per_class.setdefault(agency, {})
        seen = words(text[:ZONE_CHARS])
        totals[agency] = totals.get(agency, 0) + len(seen)
        for word in seen:
            bucket[word] = bucket.get(word, 0) + 1
            df[word] = df.get(word, 0) + 1
    classes = sorted(per_class)
    vocab = sorted(w for w, n in df.items() if n >= min_docs)
    size = len(vocab)
    weights, spread = {}, {}
    for word in vocab:
        row = [
            math.log((per_class[c].get(word, 0) + alpha) / (totals[c] + alpha * size))
            for c in classes
        ]
        # Only the differences between classes matter: centre each row, keep the telling ones.
        mean = sum(row) / len(row)
        weights[word] = [round(v - mean, 2) for v in row]
        spread[word] = (max(row) - min(row)) * math.log(1 + df[word])
    kept = set(sorted(vocab, key=lambda w: -spread[w])[:keep])
    weights = {w: weights[w] for w in vocab if w in kept}
    # A word outside the vocabulary counts for nothing; the classes start equal.
    return {
        "classes": classes,
        "bias": [0.0] * len(classes),
        "weights": weights,
        "trained_on": len(examples),
    }


def confidence(probability: float) -> float | None:
    """The model's cross-validated share right for predictions this sure, if it was measured."""
    data = model()
    figures = (data or {}).get("calibration") or {}
    return figures.get("strong" if probability >= STRONG else "weak")
