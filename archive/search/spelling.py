"""Spelling, on every engine: edit distance with OCR's usual confusions, a query's words,
and the rewrites of a query that "did you mean" offers.

OCR reads "Sakhalin" as "Sakha1in", "Soviet" as "5oviet", "modern" as "rnodern": OCR's usual
confusions (1/l/i, 0/o, 5/s, rn/m, cl/d, vv/w) cost less than an edit, so "sakha1in" finds
"sakhalin" before "sakhatin". Each engine looks up candidates in its own vocabulary
(whoosh/suggest.py, xapian/engine.py, elasticsearch/bodies.py) and ranks them here.
"""

import re

from archive.search import query as q

# What OCR confuses, mapped to one shape: two words with the same shape may be one misread.
OCR_SHAPES = (
    ("rn", "m"), ("cl", "d"), ("vv", "w"), ("ii", "u"), ("1", "l"), ("i", "l"), ("|", "l"),
    ("0", "o"), ("5", "s"), ("8", "b"), ("6", "b"), ("2", "z"),
)  # fmt: skip
OCR_COST = 0.4
MAX_WORDS = 6  # words of a query looked at
MAX_FUZZY_WORDS = 3  # words made fuzzy in a suggestion (each expansion has a cost)
COMMONER = 3  # a replacement must be in this many times more memos
ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"


def shape(word):
    """The word with OCR's usual confusions folded together ("sakha1in" -> "sakhalln")."""
    for old, new in OCR_SHAPES:
        word = word.replace(old, new)
    return word


def levenshtein(a, b):
    """Plain edit distance."""
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        row = [i]
        for j, y in enumerate(b, 1):
            row.append(min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = row
    return previous[-1]


def distance(a, b):
    """Edit distance where misreading one letter shape as another costs less than an edit."""
    if a == b:
        return 0.0
    return min(float(levenshtein(a, b)), levenshtein(shape(a), shape(b)) + OCR_COST)


def ocr_variants(word):
    """Spellings one OCR confusion away from word (both directions)."""
    found = set()
    for a, b in OCR_SHAPES:
        for old, new in ((a, b), (b, a)):
            start = word.find(old)
            while start >= 0:
                found.add(word[:start] + new + word[start + len(old) :])
                start = word.find(old, start + 1)
    found.discard(word)
    return found


def one_edit(word):
    """Spellings one deletion, substitution or insertion away, the first letter kept."""
    letters = sorted(set(ALPHABET) | set(word))
    head, tail = word[:1], word[1:]
    found = set()
    for i in range(len(tail) + 1):
        before, after = tail[:i], tail[i:]
        if after:
            found.add(before + after[1:])
        for letter in letters:
            found.add(before + letter + after)
            if after:
                found.add(before + letter + after[1:])
    found.discard(tail)
    return {head + spelling for spelling in found}


def query_words(node, negated=False):
    """(word) of each plain full-text or title Term of a parsed query, not under a NOT."""
    if isinstance(node, q.Not):
        return []
    if isinstance(node, q.Term) and node.field in (None, "title"):
        return [node.text]
    found = []
    for child in getattr(node, "children", ()):
        found.extend(query_words(child))
    return found


def rewrite(text, replacements):
    """The query text with each replaced word swapped (whole words, case-insensitively)."""
    for word, replacement in replacements.items():
        text = re.sub(rf"(?<![\w*~]){re.escape(word)}(?![\w*~])", replacement, text, flags=re.I)
    return text


def fuzzy(text, words):
    """The query text with these words made fuzzy (word~), to take in OCR misreadings."""
    for word in words:
        text = re.sub(rf"(?<![\w*~:]){re.escape(word)}(?![\w*~])", f"{word}~", text, flags=re.I)
    return text


def plain_words(parsed):
    """The query's plain words (candidates for word~)."""
    return [w for w in dict.fromkeys(query_words(parsed.node)) if len(w) >= 4][:MAX_FUZZY_WORDS]
