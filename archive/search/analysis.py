"""How text is cut into index terms, on every engine.

Every engine indexes and queries the free text with the same analyzer, so that the snippets
and highlights (snippets.py, highlight.py), which stem the database text themselves, find the
words a search matched whatever engine answered it.
"""

import functools
import threading

import Stemmer
from whoosh.analysis import StemmingAnalyzer

_local = threading.local()  # a PyStemmer stemmer is not to be shared between threads


def stem(word):
    """The English Snowball (Porter2) stem of a lower-case word: `plotting` and `plotted` stem
    to `plot`, `assassinated` to `assassin`, where Porter left `plott` and `assassinat`.
    A module-level function, so that a Whoosh schema holding it can be pickled."""
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = Stemmer.Stemmer("english")
    return stemmer.stemWord(word)


@functools.lru_cache(maxsize=50_000)
def _known_stem(word):
    return stem(word)


def stems(text):
    """(stem, word as written) of each word of a text, as text_analyzer() reads it, without
    building a token for each: twice as fast on a long text."""
    for match in _WORD.finditer(text):
        word = match.group()
        yield _known_stem(word.lower()), word


def text_analyzer():
    """Analyzer of every free-text field: words, lower case, English (Snowball) stems, no stop
    words.

    Stop words are kept (minsize 1, stoplist None) so that phrases like "trade relations with
    USSR" match exactly and a single-letter OCR token can still be found.
    """
    return StemmingAnalyzer(stemfn=stem, stoplist=None, minsize=1, cachesize=50_000)


# Joins the values of a multi-valued field (documents.memo_fields): an entity name such as
# "Washington, D.C." has a comma, so a comma cannot be the separator.
SEPARATOR = "\x1f"


# The words text_analyzer() cuts a text into: its tokenizer's own pattern.
_WORD = text_analyzer().items[0].expression
