"""Two releases of one document compared word by word: what the later one newly reveals.

Each text becomes a list of words, and each redaction marker one word of its own. OCR noise
(tokens with no letter or digit) is left out of the comparison, and words are compared in a
normal form (lower case, letters and digits only), so a stray mark or a changed capital does
not count as a difference. Where the earlier release has a redaction or nothing and the later
one has words, those words are newly revealed (and the earlier redaction is marked as opened);
where the earlier one has words and the later one a redaction, they were withheld again; other
differing words are variants (OCR or transcription).
"""

import difflib
import re
from dataclasses import dataclass, field

from archive.public_text import public_text

REVEALED, WITHHELD, VARIANT = "revealed", "withheld", "variant"
OPENED = "opened"  # an earlier redaction whose passage the later release shows
_WORD_RE = re.compile(r"\S+")
_NORMAL_RE = re.compile(r"[\W_]+")
REDACTED = "\x00redacted"


@dataclass
class Token:
    """A word (or one whole redaction marker) of a text."""

    start: int
    end: int
    norm: str

    @property
    def redaction(self):
        return self.norm == REDACTED


@dataclass
class Mark:
    """A span of one side's text that differs: revealed, withheld (again) or a variant."""

    start: int
    end: int
    kind: str
    words: int


@dataclass
class Side:
    """One release: its text, its redactions and its marked spans."""

    memo: object
    redactions: list
    marks: list = field(default_factory=list)

    @property
    def text(self):
        return public_text(self.memo)

    def count(self, kind):
        return sum(1 for mark in self.marks if mark.kind == kind)

    def words(self, kind):
        return sum(mark.words for mark in self.marks if mark.kind == kind)


@dataclass
class Comparison:
    """The earlier and the later release, marked."""

    earlier: Side
    later: Side

    @property
    def revealed(self):
        """Passages the later release shows that the earlier one withheld or lacked."""
        return [mark for mark in self.later.marks if mark.kind == REVEALED]

    @property
    def withheld_again(self):
        return [mark for mark in self.earlier.marks if mark.kind == WITHHELD]


def tokens(text, redactions):
    """The words of a text, each redaction marker as one token; noise tokens left out."""
    spans = sorted((r.start, r.end) for r in redactions if 0 <= r.start < r.end <= len(text))
    out, cursor = [], 0
    for start, end in spans:
        if start < cursor:
            continue
        out.extend(_words(text, cursor, start))
        out.append(Token(start, end, REDACTED))
        cursor = end
    out.extend(_words(text, cursor, len(text)))
    return out


def _words(text, start, end):
    words = []
    for match in _WORD_RE.finditer(text, start, end):
        norm = _NORMAL_RE.sub("", match.group()).lower()
        if norm:
            words.append(Token(match.start(), match.end(), norm))
    return words


def compare(earlier, later, earlier_redactions, later_redactions):
    """Compare two releases (memos) of one document; `earlier` was released first."""
    a = tokens(public_text(earlier), earlier_redactions)
    b = tokens(public_text(later), later_redactions)
    a_marks, b_marks = [], []
    matcher = difflib.SequenceMatcher(None, [t.norm for t in a], [t.norm for t in b], False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        old, new = a[i1:i2], b[j1:j2]
        old_words = [i for i in range(i1, i2) if not a[i].redaction]
        new_words = [j for j in range(j1, j2) if not b[j].redaction]
        old_redacted = any(t.redaction for t in old)
        new_redacted = any(t.redaction for t in new)
        if new_words:
            revealed = old_redacted or not old_words
            b_marks += _runs(b, new_words, REVEALED if revealed else VARIANT)
            if old_redacted:
                a_marks += _runs(a, [i for i in range(i1, i2) if a[i].redaction], OPENED)
        if old_words:
            if new_redacted or not new_words:
                a_marks += _runs(a, old_words, WITHHELD)
            else:
                a_marks += _runs(a, old_words, VARIANT)
    return Comparison(
        Side(earlier, list(earlier_redactions), a_marks),
        Side(later, list(later_redactions), b_marks),
    )


def _runs(toks, indexes, kind):
    """Marks over runs of consecutive token indexes (a redaction between two words splits)."""
    marks = []
    run = []
    for index in indexes:
        if run and index != run[-1] + 1:
            marks.append(_mark(toks, run, kind))
            run = []
        run.append(index)
    if run:
        marks.append(_mark(toks, run, kind))
    return marks


def _mark(toks, run, kind):
    return Mark(toks[run[0]].start, toks[run[-1]].end, kind, len(run))


def release_order(first, second):
    """The two memos as (earlier, later) release: by release date, then by id."""

    def key(memo):
        return (memo.release_date is None, memo.release_date or 0, memo.pk)

    return (first, second) if key(first) <= key(second) else (second, first)
