"""A text as the extractor sees it: its words, which lines are in capitals, and found names."""

import re
from dataclasses import dataclass

from archive.entities.gazetteer import TOKEN_RE


@dataclass(frozen=True)
class Found:
    """A name in the text: text[start:end] names the entity `name` of `kind`."""

    start: int
    end: int
    text: str
    name: str
    kind: str
    key: str | None = None  # the gazetteer entry; None for a name found only by a rule


# What may stand between two words of one name: a space or line break, a hyphen, a full stop
# after an initial, a comma ("Washington, D.C."), or a possessive ("People's Republic").
GAP_RE = re.compile(r"(?:['’]s)?[.,\-]?[ \t]{0,2}\n?[ \t]{0,2}")
NAME_GAP_RE = re.compile(r"\.?[ \t]{1,2}\n?[ \t]{0,2}|\.?\n[ \t]{0,2}")


class Document:
    """The text's tokens, and which of its lines are set all in capitals."""

    def __init__(self, text):
        self.text = text
        self.tokens = list(TOKEN_RE.finditer(text))
        self._caps = {}

    def gap_ok(self, i, pattern=GAP_RE):
        """Whether tokens i and i+1 may belong to one name."""
        a, b = self.tokens[i], self.tokens[i + 1]
        return b.start() - a.end() <= 5 and pattern.fullmatch(self.text, a.end(), b.start())

    def shouting(self, position):
        """Whether the line holding `position` is set in capitals (cables, headers)."""
        line_start = self.text.rfind("\n", 0, position) + 1
        if line_start not in self._caps:
            line_end = self.text.find("\n", position)
            line = self.text[line_start : line_end if line_end != -1 else len(self.text)]
            letters = [c for c in line if c.isalpha()]
            upper = sum(c.isupper() for c in letters)
            self._caps[line_start] = len(letters) >= 8 and upper >= 0.8 * len(letters)
        return self._caps[line_start]


def found(doc, start, end, entry):
    """The Found for a gazetteer entry named at text[start:end]."""
    end = with_final_stop(doc.text, end)
    return Found(start, end, doc.text[start:end], entry.name, entry.kind, entry.key)


def with_final_stop(text, end):
    """Keep the last full stop of an abbreviation ("U.S.", "D. C.") inside the name."""
    before = text[max(0, end - 3) : end].rstrip()
    initial = end >= 2 and text[end - 1].isupper() and not text[end - 2].isalnum()
    if end < len(text) and text[end] == "." and initial and "." in before:
        return end + 1
    return end
