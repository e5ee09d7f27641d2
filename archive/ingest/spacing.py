"""Repair of s p a c e d - o u t letters in PDF text layers ("S e c r e t a r y").

The Clinton Library text layers put a space between every letter of some words and
between the words too, so word boundaries inside a spaced run are lost. We join the
run and re-split it with a small dynamic programme over a vocabulary made of common
words plus the words the same document spells normally elsewhere.
"""

import re

# Two or more single letters separated by single spaces: "C e n t r a l", "o f S t a t e".
SPACED_RUN_RE = re.compile(r"(?<![\w'])(?:[A-Za-z][ ]){1,}[A-Za-z](?![\w'])")
_WORD_RE = re.compile(r"[A-Za-z]{2,}")
_CASE_SPLIT_RE = re.compile(r"(?<=[a-z])(?=[A-Z])")

_COMMON = r"""a i an as at be by do go he if in is it me my no of on or so to up us we
all and any are but can did for had has her him his how its may new nor not now off one
our out own per say see she the too two use was who why yet also been both each from have
into just less like made make many more most much must next only over same some such than
that them then they this very what when will with work would year about after again
against among because before being below between could during every first further here
other should since their there these those through under until upon where which while
within without affairs agency agreed agreement american analysis assistant ambassador
bosnia cable capitals central chairman chiefs circulate committee community concept
conclusions congress consider continue council counter deputies decisions defense
department develop director discuss discussions draft early embassy enforcement envoy
executive foreign former forward group help house implement implementation including
initiative intelligence interim issue joint meeting message military minister national
nations office options paper participation plan policy possible prepare president
press principals program proposal proposals provide refine representative resolution
review russian sanctions secretary security serbian settlement situation special staff
state states subsequently summary support the united urging views vice washington week
working"""
_BASE = frozenset(re.split(r"\s+", _COMMON.strip()))

# Cost model (see module docstring): a known word costs 1, an unknown chunk costs a flat
# 10 plus a little per letter, so a run is only split where known words cover it.
_KNOWN, _UNKNOWN, _PER_CHAR = 1.0, 10.0, 0.2
_MAX_WORD = 20


def document_vocabulary(text: str) -> frozenset[str]:
    """Lower-cased words of two or more letters spelled normally in the document."""
    outside = SPACED_RUN_RE.sub(" ", text)
    return frozenset(w.lower() for w in _WORD_RE.findall(outside)) | _BASE


def _known(word: str, vocab: frozenset[str]) -> bool:
    return word in vocab or (word.endswith("s") and word[:-1] in vocab)


def segment(chunk: str, vocab: frozenset[str]) -> list[str]:
    """Split a run of letters into words, preferring known words (keeps original case)."""
    low = chunk.lower()
    n = len(low)
    best: list[tuple[float, int]] = [(0.0, 0)] + [(float("inf"), 0)] * n
    for end in range(1, n + 1):
        for start in range(max(0, end - _MAX_WORD), end):
            piece = low[start:end]
            cost = _KNOWN if _known(piece, vocab) else _UNKNOWN + _PER_CHAR * len(piece)
            total = best[start][0] + cost
            if total < best[end][0]:
                best[end] = (total, start)
    words: list[str] = []
    end = n
    while end > 0:
        start = best[end][1]
        words.append(chunk[start:end])
        end = start
    return words[::-1]


def despace(value: str, vocab: frozenset[str] | None = None) -> str:
    """Rejoin spaced-out letters in a short field value ("S e c r e t a r y" -> "Secretary")."""
    if not SPACED_RUN_RE.search(value):
        return value
    vocab = vocab if vocab is not None else _BASE

    def fix(m: re.Match) -> str:
        joined = m.group().replace(" ", "")
        words: list[str] = []
        for part in _CASE_SPLIT_RE.split(joined):
            words.extend(segment(part, vocab))
        return " ".join(words)

    return SPACED_RUN_RE.sub(fix, value)
