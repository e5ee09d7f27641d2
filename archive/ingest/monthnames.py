"""Month names OCR damaged by two letters ("28 Rovenber 1962", "6 Fevruery 1968").

One damaged letter is read by datelines.month_word; a long name (seven letters or more) may
lose two and still be the only month that close. Short names are too near ordinary words to
stretch that far.
"""

import calendar

from . import dates
from .patterns import levenshtein

_NAMES = [name.upper() for name in calendar.month_name[1:]]


def far_month(upper: str) -> int | None:
    """The month a long word two letters away from its name stands for, if it is the only
    month that close."""
    if len(upper) < 7:
        return None
    hits = [k for k, name in enumerate(_NAMES, 1) if levenshtein(upper, name, 2) <= 2]
    return hits[0] if len(hits) == 1 else None


def edits(word: str) -> int:
    """How many letters of a damaged month's name OCR changed: 1, or 2 for a long name."""
    upper = word.upper()
    near = len(upper) < 7 or any(dates.levenshtein_1(upper, name) for name in _NAMES)
    return 1 if near else 2
