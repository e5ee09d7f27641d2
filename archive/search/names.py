"""Rare names matched across their spelling variants: `rosselli` also finds "Roselli", below it.

A plain word of a query looks like a name when it has MIN_LENGTH letters or more, is neither
an ordinary word of the memos nor a given name (ordinary()), and is in some memos, but few
(rare(); a spelling in no memo is did-you-mean's business, and capitals typed say nothing:
"Soviet", "Castro"). Such a word is searched OR the index's words one edit away from it
(spelling.distance: OCR's usual confusions cost less than an edit) that are rare, and
neither ordinary words nor given names, themselves: at most MAX_VARIANTS of them (those in
most memos first), in a query.Alternatives node as the thesaurus makes (thesaurus.py), each
weighted WEIGHT against the word typed. A variant is rarer than the word, so BM25 would make
each of its occurrences worth more: its weight is scaled down by the ratio of their idfs
(weight()), so that a memo writing the variant ranks below one writing the word as typed.
Each engine gives its own vocabulary (a lexicon: frequency(word), near(word), size;
whoosh/suggest.py, xapian/query.py, elasticsearch/translate.py) and its compiler calls
alternatives() where it expanded the thesaurus. `strict=1` searches the words as typed only.
"""

import math
import re
from functools import lru_cache

from archive.search import query as q
from archive.search import thesaurus
from archive.search.analysis import stem
from archive.search.spelling import distance

WEIGHT = 0.4  # a variant's score, against the word typed (a thesaurus form weighs 0.5)
MIN_LENGTH = 5  # letters of a word that may be a name; shorter ones have too many neighbours
MAX_VARIANTS = 3  # spellings searched per word
MAX_NAMES = 4  # words of one query looked up (each costs a lexicon walk)
MAX_EDITS = 1.0  # spelling.distance of a variant at most
RARE_SHARE = 0.02  # a rare word is in at most this share of the memos ...
RARE_MIN = 20  # ... or this many, on a small index ...
RARE_CAP = 0.1  # ... but never in more than this share of them
_WORD = re.compile(r"[^\W\d_]+")


def weight(own, frequency, size):
    """The weight of a variant in `frequency` memos of a word in `own` (of `size` memos):
    WEIGHT, times the ratio of their idfs when the variant is the rarer."""

    def idf(df):
        return math.log(1 + (size - df + 0.5) / (df + 0.5))

    return WEIGHT * min(1.0, idf(own) / idf(frequency)) if size else WEIGHT


def rare(frequency, size):
    """Whether a word in `frequency` of `size` memos is rare enough to be a name."""
    return 0 < frequency <= min(max(RARE_MIN, RARE_SHARE * size), RARE_CAP * size)


@lru_cache(maxsize=1)
def _ordinary_stems():
    from archive.entities.lists import common_words

    return frozenset(stem(word) for word in common_words())


def ordinary(word):
    """Whether a lower-case word is, in any of its forms, an ordinary word of the memos (one
    they write in lower case: entities/lists.common_words; "stations" makes "station" one), or
    a given name (entities/lists.given_names), whose neighbours are other people's names
    (Gerald, Gerard)."""
    from archive.entities.lists import given_names

    return stem(word) in _ordinary_stems() or word in given_names()


def candidate(text):
    """The lower-case word if `text` (a word as typed) may be a name by its shape; else None."""
    word = text.lower()
    if len(word) < MIN_LENGTH or not _WORD.fullmatch(word) or ordinary(word):
        return None
    return word


class Finder:
    """The spelling variants of one query's name-like words, against an engine's lexicon;
    each word is looked up once (a forgiving query compiles its words several times)."""

    def __init__(self, lexicon):
        self.lexicon = lexicon
        self.found = {}  # word as typed -> its variants (a tuple, maybe empty)
        self.weights = {}  # word as typed -> its variants' weights

    def variants(self, text):
        """Index words that are rare spelling variants of this word as typed, best first."""
        if text in self.found:
            return self.found[text]
        word = candidate(text)
        looked = sum(1 for v in self.found.values() if v is not None)
        if word is None or looked >= MAX_NAMES:
            self.found[text] = None
            return ()
        lexicon, size = self.lexicon, self.lexicon.size
        own = lexicon.frequency(word)
        if not rare(own, size):
            self.found[text] = ()
            return ()
        scored = []
        for other in lexicon.near(word):
            if other == word or not _WORD.fullmatch(other) or ordinary(other):
                continue
            edits = distance(word, other)
            if edits > MAX_EDITS or stem(other) == stem(word):
                continue
            frequency = lexicon.frequency(other)
            if rare(frequency, size):
                scored.append((edits, -frequency, other))
        best = sorted(scored)[:MAX_VARIANTS]
        found = tuple(other for _e, _f, other in best)
        self.found[text] = found
        self.weights[text] = tuple(weight(own, -frequency, size) for _e, frequency, _o in best)
        return found

    def expand(self, children):
        """These query nodes with each plain word that has variants made an Alternatives node
        (nodes already alternatives, phrases and words in a field are left as they are)."""
        out = []
        for node in children:
            found = ()
            if isinstance(node, q.Term) and node.field is None:
                found = self.variants(node.text)
            if not found:
                out.append(node)
                continue
            others = tuple(q.Term(None, other) for other in found)
            out.append(q.Alternatives(node, others, node.text, found, self.weights[node.text]))
        return tuple(out)

    def also(self):
        """[(word as typed, [variants])] this query was also searched for."""
        return [(text, list(found)) for text, found in self.found.items() if found]


def looked_up(parsed):
    """The words of a ParsedQuery a Finder may look up (plain words, by their shape), as typed
    and each once, at most MAX_NAMES: what an engine asks its index about beforehand."""
    node = parsed.node
    children = node.children if isinstance(node, q.And) else (node,)
    words = [n.text for n in children if isinstance(n, q.Term) and n.field is None]
    return [w for w in dict.fromkeys(words) if candidate(w)][:MAX_NAMES]


class Known:
    """A lexicon given beforehand: {word: memos}, {word: [words near it]} and the number of
    memos (the Elasticsearch engine's, from one term-suggester request; tests')."""

    def __init__(self, frequencies, near, size):
        self.frequencies, self.nearby, self.size = frequencies, near, size

    def frequency(self, word):
        return self.frequencies.get(word, 0)

    def near(self, word):
        return set(self.nearby.get(word, ()))


def alternatives(nodes, finder=None):
    """The nodes of an AND (or a lone node, as a 1-tuple) with the thesaurus's alternatives
    (thesaurus.expand), then with `finder`'s spelling variants of names (None: none)."""
    nodes = thesaurus.expand(nodes)
    return finder.expand(nodes) if finder is not None else nodes
