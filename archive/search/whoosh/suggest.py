"""Did you mean: other spellings of a query's words, from the index's own vocabulary.

OCR reads "Sakhalin" as "Sakha1in", "Soviet" as "5oviet", "modern" as "rnodern". A word
of the query is compared with the words of the index (the text field's unstemmed spelling
lexicon) within two edits, and OCR's usual confusions (1/l/i, 0/o, 5/s, rn/m, cl/d, vv/w)
cost less than an edit, so "sakha1in" finds "sakhalin" before "sakhatin". A candidate is
offered only if it is in far more memos than the word itself. Memos the caller excludes (just
taken off publication, still in the index) count for neither.
"""

import re
import time
from itertools import islice

from archive.search.spelling import (
    COMMONER,
    MAX_WORDS,
    distance,
    ocr_variants,
    one_edit,
    query_words,
)
from archive.search.whoosh.docsets import by_segment, frequency_within

MAX_CANDIDATES = 200  # near words read per word and segment


class Speller:
    """Spelling suggestions against one searcher's vocabulary (`hidden`: document numbers,
    ascending, whose words count for nothing)."""

    def __init__(self, searcher, hidden=()):
        self.searcher = searcher
        self.reader = searcher.reader()
        self.hidden = by_segment(self.reader, hidden) if len(hidden) else []
        field = searcher.schema["text"]
        self.field = field
        self.spelling = field.spelling_fieldname("text") if field.separate_spelling() else "text"
        if self.spelling not in searcher.schema:
            self.spelling = "text"

    def frequency(self, word):
        """Memos containing the word (its stem, as a search would match it)."""
        terms = [t for t in self.field.process_text(word, mode="query") if t]
        if len(terms) != 1:
            return 0
        found = self.reader.doc_frequency("text", terms[0])
        if found and self.hidden:
            found -= frequency_within(self.hidden, "text", self.field.to_bytes(terms[0]))
        return found

    def candidates(self, word, deadline=None):
        """Index words near `word`: OCR variants, and words within 1 or 2 edits.

        Searching the word graph from its root is slow on a large vocabulary, so edits are
        looked for after the first two letters (one edit after the first); a misread first
        letter is found by the OCR variants. Segments are searched largest first: a word worth
        suggesting is in many memos, so in the large segments, and the time may run out
        before the small ones (a bulk load leaves dozens).
        """
        found = {v for v in ocr_variants(word) if self.reader.doc_frequency(self.spelling, v)}
        searches = ((2, 2), (1, 1)) if len(word) > 4 else ((1, 1),)
        leaves = sorted(self.reader.leaf_readers(), key=lambda pair: -pair[0].doc_count_all())
        for leaf, _offset in leaves:
            for prefix, maxdist in searches:
                if deadline is not None and time.monotonic() > deadline:
                    break
                try:
                    near = leaf.terms_within(self.spelling, word, maxdist, prefix=prefix)
                    found.update(islice(near, MAX_CANDIDATES))
                except Exception:  # noqa: S112 (a segment without the field)
                    continue
        found.discard(word)
        return {w.decode() if isinstance(w, bytes) else w for w in found}

    def better(self, word, deadline=None):
        """The best replacement for a word, or None."""
        word = word.lower()
        if len(word) < 3 or len(word) > 40 or not re.fullmatch(r"\w+", word):
            return None
        own = self.frequency(word)
        scored = []
        for candidate in self.candidates(word, deadline):
            freq = self.frequency(candidate)
            if freq > own * COMMONER:
                scored.append((distance(word, candidate), -freq, candidate))
        if not scored:
            return None
        scored.sort()
        return scored[0][2] if scored[0][0] <= 2 else None


def corrections(parsed, searcher, budget=0.25, hidden=()):
    """{word as typed: replacement} for the query's words that have a much commoner spelling.

    Words are looked at in order until `budget` seconds have gone; the documents `hidden`
    (document numbers, ascending) are not counted.
    """
    speller = Speller(searcher, hidden)
    deadline = time.monotonic() + budget
    found = {}
    for word in list(dict.fromkeys(query_words(parsed.node)))[:MAX_WORDS]:
        if time.monotonic() > deadline:
            break
        replacement = speller.better(word, deadline)
        if replacement:
            found[word] = replacement
    return found


class Lexicon(Speller):
    """The index's words as names.Finder reads them: memos per word (`hidden` left out), the
    words one edit or OCR misreading away, and the number of memos."""

    @property
    def size(self):
        return self.reader.doc_count()

    def near(self, word):
        # Each spelling one edit away looked up (a few hundred lookups, whatever the size of
        # the vocabulary): twice as fast as walking the word graph at 4,000 memos.
        candidates = ocr_variants(word) | one_edit(word)
        return {c for c in candidates if self.reader.doc_frequency(self.spelling, c)}
