"""Words of a page image with their boxes, tied to character offsets of the memo's text.

A page keeps its words as one flat array of unsigned 32-bit integers (little-endian bytes),
six per word: start and end of the word in the memo's text, then x, y, width and height of
its box in the page image's pixels, sorted by start. Bytes, not JSON: a page of 400 words is
10 KB read back in microseconds, where decoding the same numbers from JSON takes a
millisecond a page (bench/page_hits.py).

A span of the text maps to the boxes of the words it touches (`boxes_in`); the page viewer
finds the word under a point of the image itself. Tesseract's TSV output gives the boxes
(`from_tsv`); a page read against a text that is not its own OCR (pages attached to a memo, a
curated text kept) has its words placed in that text by aligning the two (`align`).
"""

import bisect
import csv
import difflib
import io
import re
import sys
from array import array

FIELDS = 6  # start, end, x, y, w, h
# Tesseract's TSV level of a word (1 page, 2 block, 3 paragraph, 4 line, 5 word).
WORD_LEVEL = "5"
# A word found further on than this from the last one is not the word Tesseract meant.
MAX_SKIP = 200
_WORD = re.compile(r"\S+")
_FOLD = re.compile(r"[^0-9a-z]+")


def pack(words):
    """The bytes stored on a page, from (start, end, x, y, w, h) tuples."""
    numbers = array("I", [max(0, int(value)) for word in sorted(words) for value in word])
    if sys.byteorder == "big":
        numbers.byteswap()
    return numbers.tobytes()


def flat(stored):
    """A page's stored words as one flat array of numbers, six a word."""
    numbers = array("I")
    data = bytes(stored or b"")
    numbers.frombytes(data[: len(data) - len(data) % (numbers.itemsize * FIELDS)])
    if sys.byteorder == "big":
        numbers.byteswap()
    return numbers


def unpack(stored):
    """(start, end, x, y, w, h) tuples of a page's stored words."""
    numbers = flat(stored)
    return [tuple(numbers[i : i + FIELDS]) for i in range(0, len(numbers), FIELDS)]


def shift(words, offset):
    """Words moved by `offset` characters (a page's text placed in the memo's text)."""
    return [(s + offset, e + offset, *box) for s, e, *box in words]


def from_tsv(tsv, text):
    """(start, end, x, y, w, h) of each word of Tesseract's TSV, found in order in `text`
    (the page's text as stored); a word the text does not have where expected is left out."""
    words, cursor = [], 0
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        word = (row.get("text") or "").strip()
        if row.get("level") != WORD_LEVEL or not word:
            continue
        try:
            box = tuple(int(row[key]) for key in ("left", "top", "width", "height"))
        except (KeyError, TypeError, ValueError):
            continue
        found = text.find(word, cursor, cursor + MAX_SKIP + len(word))
        if found < 0:
            continue
        cursor = found + len(word)
        words.append((found, cursor, *box))
    return words


def _fold(word):
    return _FOLD.sub("", word.lower())


def align(pages, text):
    """Each page's words placed in `text`: `pages` is a list of (page text, words relative to
    it); words whose spelling the text does not share at that place are left out."""
    ocr, owners = [], []
    for index, (page_text, words) in enumerate(pages):
        for word in words:
            ocr.append(_fold(page_text[word[0] : word[1]]))
            owners.append((index, word[2:]))
    tokens = [(m.start(), m.end(), _fold(m.group())) for m in _WORD.finditer(text)]
    placed = [[] for _ in pages]
    matcher = difflib.SequenceMatcher(None, ocr, [t[2] for t in tokens], autojunk=False)
    for a, b, size in matcher.get_matching_blocks():
        for k in range(size):
            if not ocr[a + k]:
                continue
            index, box = owners[a + k]
            start, end, _folded = tokens[b + k]
            placed[index].append((start, end, *box))
    return placed


def page_spans(placed, length):
    """(start, end) of each page in a text of `length` characters, from its placed words.

    Pages cover the text end to end (page 1 from 0, the last to the end), each from its first
    placed word: a page's span never leaves out a passage its image may show. A page without
    placed words gets None, and so its image counts as showing anything.
    """
    firsts = [min((w[0] for w in words), default=None) for words in placed]
    spans, known = [], [i for i, first in enumerate(firsts) if first is not None]
    for position, index in enumerate(known):
        start = 0 if position == 0 else firsts[index]
        end = firsts[known[position + 1]] if position + 1 < len(known) else length
        spans.append((index, start, max(start, end)))
    result = [(None, None)] * len(placed)
    for index, start, end in spans:
        result[index] = (start, end)
    return result


def place(text, stored, read):
    """Find each page's words (`read`: (OCR text, words) of each stored page, in order) in the
    memo's `text`; store them and each page's span of it. Returns the number of words placed."""
    from archive.models import Page

    placed = align(read, text or "")
    spans = page_spans(placed, len(text or ""))
    for page, words, (start, end) in zip(stored, placed, spans, strict=True):
        page.words = pack(words)
        page.text_start, page.text_end = start, end
    Page.objects.bulk_update(stored, ["words", "text_start", "text_end"])
    return sum(len(words) for words in placed)


def boxes_in(numbers, start, end):
    """(start, end, x, y, w, h) of the words (a flat() array) that overlap [start, end)."""
    count = len(numbers) // FIELDS
    starts = _Starts(numbers, count)
    # Words are sorted by start and never overlap: the first candidate ends after `start`.
    i = max(0, bisect.bisect_right(starts, start) - 1)
    found = []
    while i < count:
        base = i * FIELDS
        if numbers[base] >= end:
            break
        if numbers[base + 1] > start:
            found.append(tuple(numbers[base : base + FIELDS]))
        i += 1
    return found


def follow(stored, old_text, new_text, offsets):
    """A page's stored words moved from the old text to a corrected one (`offsets`: the
    anchoring's OffsetMap of the two); a word whose spelling changed is left out."""
    kept = []
    for start, end, *box in unpack(stored):
        new_start, _equal = offsets.position(start)
        new_end, _equal = offsets.position(end)
        word = _fold(old_text[start:end])
        if new_end > new_start and _fold(new_text[new_start:new_end]) == word:
            kept.append((new_start, new_end, *box))
    return kept


class _Starts:
    """The words' starts as a sequence bisect can search, without copying the flat list."""

    def __init__(self, numbers, count):
        self.numbers, self.count = numbers, count

    def __len__(self):
        return self.count

    def __getitem__(self, index):
        return self.numbers[index * FIELDS]
