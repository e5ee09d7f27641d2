"""Whether a catalogue's date stands in a record's text at all: the ceiling of date recall.

NARA's catalogue often dates a record from what its text does not carry (the identification form
that memos.jsonl removed, a later page of a report, a cover sheet). A date the text never writes
cannot be read from it, so `bench/extraction.py` counts, per part and source, the records whose
catalogue date the text writes in a common form: day, month and year together, as `31 January 1962`,
`31 JAN 62`, `January 31, 1962`, `Jan. 31st, 1962`, `1/31/62`, `01-31-1962`, `1962-01-31` or a
cable's date-time group `311542Z JAN 62`, letter case and spacing free. OCR damage is not repaired
(`3l Jan 62`, `13 DEC 163` do not count), so the figure is a floor of what a reader could find, and
a date the text writes may be another event's date: it is a ceiling of what extraction can reach
only roughly, a way to tell a miss the text could give from one it cannot.
"""

import re
from functools import lru_cache

MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)


def _month(number: int) -> str:
    """A pattern for a month's name, written out or shortened (`Sept.`, `SEP`)."""
    name = MONTHS[number - 1]
    forms = {name, name[:3]}
    if number == 9:
        forms.add("sept")
    return "(?:" + "|".join(sorted(forms, key=len, reverse=True)) + r")\.?"


@lru_cache(maxsize=4096)
def written(iso: str) -> re.Pattern | None:
    """A pattern for the ways a text writes one day (None for a date not to the day)."""
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", iso or "")
    if not match:
        return None
    year, month, day = (int(g) for g in match.groups())
    yy = f"{year % 100:02d}"
    years = rf"(?:{year}|'?{yy})"
    d = rf"0?{day}(?:st|nd|rd|th)?"
    m = _month(month)
    mm = rf"0?{month}"
    sep = r"\s*[-.,/]?\s*"
    forms = [
        rf"{d}{sep}{m}{sep}{years}",
        rf"{m}\s*{d}\s*,?\s*{years}",
        rf"{mm}\s*[/.-]\s*0?{day}\s*[/.-]\s*{years}",
        rf"{year}-{month:02d}-{day:02d}",
        rf"{day:02d}\d{{4}}Z?\s*{m}\s*{years}",
    ]
    return re.compile(r"(?<![\dA-Za-z])(?:" + "|".join(forms) + r")(?![\dA-Za-z])", re.I)


def writes_date(text: str, iso: str) -> bool | None:
    """Whether the text writes the day `iso` names (None when the catalogue gives no day)."""
    pattern = written(iso)
    if pattern is None:
        return None
    return bool(pattern.search(text))


class Ceiling:
    """Per part and source: records dated to the day, those whose text writes the date, right."""

    def __init__(self):
        self.counts: dict[tuple[str, str], list[int]] = {}

    def add(self, which: str, group: str, text: str, iso: str | None, right: bool) -> None:
        """Count one record (right: the extractor read the catalogue's date)."""
        wrote = writes_date(text, iso) if iso else None
        if wrote is None:
            return
        for key in ((which, "all"), (which, group)):
            row = self.counts.setdefault(key, [0, 0, 0, 0])
            row[0] += 1
            row[1] += wrote
            row[2] += right
            row[3] += right and wrote

    def rows(self, which: str) -> list[list]:
        """Table rows for one part: source, records, written, right, right where written."""
        keys = sorted(g for w, g in self.counts if w == which and g != "all")
        out = []
        for group in ["all", *keys]:
            n, wrote, right, both = self.counts.get((which, group), [0, 0, 0, 0])
            if n:
                out.append([group, n, _share(wrote, n), _share(right, n), _share(both, wrote)])
        return out


HEADER = ["source", "dated", "text writes it", "read right", "read right where written"]


def _share(n: int, d: int) -> str:
    """`n (p%)`, or `-` for an empty base."""
    return f"{n} ({round(100 * n / d)}%)" if d else "-"
