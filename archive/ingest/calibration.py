"""Confidence that means something: each rule's measured share of right values.

Every value extract() keeps names the rule that found it ("date:form", "agency:vocabulary",
"sender:label"). `bench/extraction.py --calibrate` measures, on the tuning part of the corpus,
how often each rule's values are right, and writes the lower bound of a 95% Wilson interval
to `data/calibration.json`. The confidence shown is that share on the archive's scale, where
0.9 means "right at least 97 times in a hundred" (the bar below which a person is asked):
`scale()` maps a share of 0.97 to 0.9, 1.0 to 1.0, and lower shares proportionally below
0.9. A value is lowered further when another reading of it disagrees. A rule never measured
keeps the confidence its finder gave; the vocabulary model's figures come from its own
cross-validation (vocabulary.py), not from this table. The bench prints how the calibrated
figures hold on the held-out part (confidence band -> share right).
"""

import json
from functools import cache
from pathlib import Path

from .patterns import reads_cleanly

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


@cache
def shares() -> dict[str, float]:
    """Measured share of right values per "field:rule" (right / values on the tuning part)."""
    try:
        data = json.loads(TABLE_PATH.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {
        str(k): right / n
        for k, (right, n) in data.get("counts", {}).items()
        if isinstance(right, int) and isinstance(n, int) and n > 0
    }


# A rule right fewer than 4 times in 10 is more often wrong than a curator should have to
# undo: its reading is not kept as the field's value but offered to the review form as a
# suggestion. Judged by the rule's measured share where it was measured (the confidence shown
# is the interval's lower bound, which for a rule seen five times, all right, is only 0.57:
# uncertain enough to be asked about, not so doubtful as to be thrown away); else by the
# confidence its finder gave.
FLOOR = 0.4
SUGGESTED = ("sender", "recipient", "date", "title", "classification", "office")
SHOWN_AT_BAR = 0.9  # the confidence shown for a rule right 97 times in 100
BAR = 0.97


def scale(share: float) -> float:
    """The confidence shown for a measured share of right values (see the module docstring)."""
    if share >= BAR:
        return SHOWN_AT_BAR + (share - BAR) * (1 - SHOWN_AT_BAR) / (1 - BAR)
    return share * SHOWN_AT_BAR / BAR


def key(name: str, rule: str) -> str:
    """The table key of a field's rule."""
    return f"{name}:{rule}"


# Fields whose values are short words a reader checks at a glance: a value OCR garbled is
# measured apart from a clean one under the same rule ("subject" and "subject-garbled").
WORDED = ("title", "sender", "recipient", "office")


def mark_garbled(out) -> None:
    """Give a garbled value of a worded field its own rule, to be measured on its own."""
    for name in WORDED:
        value, rule = out.values.get(name), out.rules.get(name)
        fresh = isinstance(value, str) and rule and not rule.endswith("-garbled")
        if fresh and not reads_cleanly(value):
            out.rules[name] = rule + "-garbled"


def apply(out, keep_doubtful: bool = False) -> None:
    """Replace each value's confidence by its rule's measured one, where measured; values
    below FLOOR become suggestions (kept as values when keep_doubtful, for the bench)."""
    mark_garbled(out)
    measured, measured_shares = table(), shares()
    shares_of = {}  # field: its rule's measured share of right values
    for name, rule in out.rules.items():
        if name not in out.values or not rule:
            continue
        figure = measured.get(key(name, rule))
        if figure is None:
            continue
        share = measured_shares.get(key(name, rule), figure)
        if out.contested(name):
            share *= CONTESTED_FACTOR
        shares_of[name] = share
        figure = scale(figure)
        if out.contested(name):
            figure *= CONTESTED_FACTOR
        out.confidence[name] = round(figure, 2)
        if name == "date" and "date_precision" in out.confidence:
            out.confidence["date_precision"] = out.confidence["date"]
    out.doubtful = {
        name: shares_of.get(name, out.confidence.get(name, 1.0))
        for name in SUGGESTED
        if name in out.values and shares_of.get(name, out.confidence.get(name, 1.0)) < FLOOR
    }
    for name, share in out.doubtful.items() if not keep_doubtful else ():
        if name in out.values:
            value = out.values.pop(name)
            shown = value.isoformat() if hasattr(value, "isoformat") else value
            rule = out.rules.pop(name, "")
            out.confidence.pop(name, None)
            out.notes.append(
                f"{name}: perhaps {shown!r} (read by rule {rule!r}, right about "
                f"{round(share * 10)} times in 10); not kept"
            )
            out.sources.pop(name, None)
            out.field_notes.pop(name, None)
            out.rivals.pop(name, None)
            if name == "date":
                out.values.pop("date_precision", None)
                out.confidence.pop("date_precision", None)
            if name == "classification":
                out.values.pop("classification_marking", None)
                out.confidence.pop("classification_marking", None)
    if out.rules.get("title") == "composed" and "title" in out.values:
        # A title composed of the document's parts is as sure as the least sure of them.
        parts = [out.confidence[k] for k in ("sender", "recipient", "date") if k in out.values]
        if parts:
            out.confidence["title"] = min(parts)
