"""The accumulator behind extract(): every finder offers values, the most confident one wins.

Each offer names the rule that found the value and the span of text it was read from, so that a
curator sees where a field came from ("read from line 4: `DATE: 18 May 1960`") and the bench can
measure how often each rule is right (archive/ingest/calibration.py turns that into the
confidence shown).
"""

import datetime


class FieldSet:
    """Keeps the most confident value offered for each field, with its source and rivals."""

    def __init__(self) -> None:
        self.values: dict = {}
        self.confidence: dict = {}
        self.sources: dict[str, tuple[int, int]] = {}
        self.rules: dict[str, str] = {}
        self.field_notes: dict[str, str] = {}
        self.rivals: dict[str, tuple[object, float]] = {}
        self.notes: list[str] = []
        self.doubtful: dict[str, float] = {}  # field: its rule's share right, below the floor

    def offer(
        self,
        name: str,
        value,
        confidence: float,
        note: str | None = None,
        span: tuple[int, int] | None = None,
        rule: str | None = None,
    ) -> bool:
        """Keep value if it beats the current one; returns True when it was kept."""
        if value is None or value == "" or value == []:
            return False
        confidence = round(max(0.0, min(1.0, confidence)), 2)
        current = self.confidence.get(name)
        if current is not None and confidence <= current:
            if _differs(value, self.values[name]) and confidence >= max(0.5, current - 0.2):
                self.rivals.setdefault(name, (value, confidence))
            return False
        if (
            current is not None
            and _differs(value, self.values[name])
            and current >= confidence - 0.2
        ):
            self.rivals[name] = (self.values[name], current)
        self.values[name] = value
        self.confidence[name] = confidence
        self.field_notes.pop(name, None)
        self.sources.pop(name, None)
        if span is not None and span[0] < span[1]:
            self.sources[name] = (int(span[0]), int(span[1]))
        self.rules[name] = rule or ""
        if note:
            self.field_notes[name] = note
        return True

    def offer_date(self, name: str, found, confidence: float, note=None, span=None, rule=None):
        """Offer a (date, precision) pair; the precision follows the date."""
        value, precision = found
        if self.offer(name, value, confidence, note, span, rule) and name == "date":
            self.values["date_precision"] = precision
            self.confidence["date_precision"] = self.confidence["date"]

    def contested(self, name: str) -> bool:
        """Another candidate of nearly the same confidence disagrees with the value kept."""
        return name in self.rivals and name in self.values

    def final_notes(self) -> list[str]:
        """Notes on shaky fields: explicit notes, close rival values, weak guesses."""
        notes = list(self.notes)
        notes.extend(self.field_notes.values())
        for name, (value, conf) in self.rivals.items():
            if name in self.values and name != "date_precision":
                shown = value.isoformat() if isinstance(value, datetime.date) else value
                notes.append(f"{name}: another candidate {shown!r} ({conf:.2f})")
        for name, conf in self.confidence.items():
            if conf < 0.5 and name not in self.field_notes and name != "date_precision":
                notes.append(f"{name}: weak guess (confidence {conf:.2f})")
        return list(dict.fromkeys(notes))


def _differs(a, b) -> bool:
    """Two values differ beyond case and spacing."""
    if isinstance(a, str) and isinstance(b, str):
        return " ".join(a.lower().split()) != " ".join(b.lower().split())
    return a != b
