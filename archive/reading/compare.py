"""Two releases of one document compared word by word: what the later one newly reveals.

Each text becomes a list of words, and each redaction marker one word of its own. OCR noise
(tokens with no letter or digit) is left out of the comparison, and words are compared in a
normal form (lower case, letters and digits only), so a stray mark or a changed capital does
not count as a difference. Where the earlier release has a redaction or nothing and the later
one has words, those words are newly revealed (and the earlier redaction is marked as opened);
where the earlier one has words and the later one a redaction, they were withheld again; other
differing words are variants (OCR or transcription).

How much each release withholds is measured on the aligned text (`Comparison.shares()`): the
two texts are cut into blocks at the words both show; in a block where a release has markers,
it withholds all of the block it does not show, the block being as long as the longer of the
two releases' readings of it (words shown plus the markers' estimate, redaction/withheld.py).
Both shares have one denominator, the aligned length, so a release that shows more of a block
never reads as withholding more of it, however its markers are split.
"""

import difflib
import re
from dataclasses import dataclass, field

from archive.choices import RedactionKind
from archive.public_text import public_text
from archive.redaction.withheld import Estimate, estimate

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
    source: object = None  # the Redaction of a marker token

    @property
    def redaction(self):
        return self.norm == REDACTED

    @property
    def shown(self):
        """Characters the token shows a reader (with the space after it); none for a marker."""
        return 0 if self.redaction else self.end - self.start + 1


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
    # Aligned blocks: (earlier tokens, later tokens) between the words both releases show, and
    # the characters of those shared words.
    blocks: list = field(default_factory=list)
    shared_chars: int = 0

    def shares(self):
        """(earlier, later) Estimates of the share withheld, both of the aligned length."""
        withheld, passages, aligned = [0, 0], [0, 0], self.shared_chars
        texts = (self.earlier.text, self.later.text)
        for block in self.blocks:
            sides = list(zip(block, texts, strict=True))
            shown = [sum(token.shown for token in toks) for toks, _text in sides]
            hidden = [_hidden(toks, text) for toks, text in sides]
            length = max(shown[n] + (hidden[n] or 0) for n in (0, 1))
            aligned += length
            for n in (0, 1):
                if hidden[n] is not None:  # it has markers here: it withholds what it lacks
                    withheld[n] += length - shown[n]
                    passages[n] += 1
        return tuple(
            Estimate(passages[n], withheld[n], max(0, aligned - withheld[n])) for n in (0, 1)
        )

    @property
    def revealed(self):
        """Passages the later release shows that the earlier one withheld or lacked."""
        return [mark for mark in self.later.marks if mark.kind == REVEALED]

    @property
    def withheld_again(self):
        return [mark for mark in self.earlier.marks if mark.kind == WITHHELD]


def _hidden(toks, text):
    """Characters a side's markers in a block withhold (redaction/withheld.py's estimate), or
    None when it has no marker there that withholds anything (an illegible one does not)."""
    redactions = [
        token.source
        for token in toks
        if token.redaction and getattr(token.source, "kind", "") != RedactionKind.ILLEGIBLE
    ]
    return estimate(text, redactions).withheld_chars if redactions else None


def tokens(text, redactions):
    """The words of a text, each redaction marker as one token; noise tokens left out."""
    valid = [r for r in redactions if 0 <= r.start < r.end <= len(text)]
    out, cursor = [], 0
    for redaction in sorted(valid, key=lambda r: (r.start, r.end)):
        start, end = redaction.start, redaction.end
        if start < cursor:
            continue
        out.extend(_words(text, cursor, start))
        out.append(Token(start, end, REDACTED, redaction))
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
    opcodes = matcher.get_opcodes()
    for tag, i1, i2, j1, j2 in opcodes:
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
        *_blocks(a, b, opcodes),
    )


def _blocks(a, b, opcodes):
    """The aligned blocks of two token lists (cut at the words both show), and the characters
    of those shared words."""
    blocks, current, shared = [], None, 0
    for tag, i1, i2, j1, j2 in opcodes:
        if tag != "equal":
            current = current or ([], [])
            current[0].extend(a[i1:i2])
            current[1].extend(b[j1:j2])
            continue
        for old, new in zip(a[i1:i2], b[j1:j2], strict=True):
            if old.redaction:  # a marker both show joins the block around it
                current = current or ([], [])
                current[0].append(old)
                current[1].append(new)
            else:
                if current:
                    blocks.append(current)
                    current = None
                shared += max(old.shown, new.shown)
    if current:
        blocks.append(current)
    return blocks, shared


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
