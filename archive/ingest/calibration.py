"""Confidence that means something: each rule's measured share of right values.

Every value extract() keeps names the rule that found it ("date:form", "agency:vocabulary",
"sender:label"). `bench/extraction.py --calibrate` measures, on the tuning part of the corpus,
how often each rule's values are right, and writes the lower bound of a 95% Wilson interval
to `data/calibration.json`; a value's confidence is that figure, lowered when another reading
disagrees. A rule never measured keeps the confidence its finder gave. The bench prints how the
calibrated figures hold on the held-out part (confidence band -> share right).
"""

import json
from functools import cache
from pathlib import Path

TABLE_PATH = Path(__file__).resolve().parent / "data" / "calibration.json"
# A rival reading of nearly the same strength: the value is less sure than its rule.
CONTESTED_FACTOR = 0.8


@cache
def table() -> dict[str, float]:
    """Measured confidence per "field:rule" (empty when the file is missing)."""
    try:
        data = json.loads(TABLE_PATH.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): float(v) for k, v in data.get("rules", {}).items()}


def key(name: str, rule: str) -> str:
    """The table key of a field's rule."""
    return f"{name}:{rule}"


def apply(out) -> None:
    """Replace each value's confidence by its rule's measured one, where measured."""
    measured = table()
    for name, rule in out.rules.items():
        if name not in out.values or not rule:
            continue
        figure = measured.get(key(name, rule))
        if figure is None:
            continue
        if out.contested(name):
            figure *= CONTESTED_FACTOR
        out.confidence[name] = round(figure, 2)
        if name == "date" and "date_precision" in out.confidence:
            out.confidence["date_precision"] = out.confidence["date"]
