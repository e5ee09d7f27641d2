"""What a search marks in a memo's text: its plain words wherever they stand, a phrase's words
only where they stand as that phrase.

A query's phrase `"bay of pigs"` puts `bay`, `of` and `pig` among the index terms the engine
reports; marking those terms everywhere would mark every lone "of". Here the query's words are
sorted into plain terms (marked wherever they stand, stop words never on their own) and
phrases (marked only where their words follow each other as the index reads them: in order,
with at most `slop` other words between neighbours, across punctuation and line breaks).
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from whoosh.analysis import STOP_WORDS

from archive.search.analysis import stem, text_analyzer
from archive.search.query import And, Not, Or, Phrase, Term

# "us" (the United States) and "may" (the month) say too much in these memos to be stop words.
STOPWORDS = frozenset(STOP_WORDS - {"us", "may", "tbd"})
# A word as the index's tokenizer reads it (Whoosh's RegexTokenizer default): "U.S" is one.
TOKEN = re.compile(r"\w+(?:\.?\w+)*")


@lru_cache(maxsize=100_000)
def stem_of(word):
    """The index term of one word as the text analyzer makes it (lower case, English stem)."""
    return stem(word.lower())


STOP_STEMS = frozenset(STOPWORDS | {stem_of(word) for word in STOPWORDS})


@dataclass(frozen=True)
class Marks:
    """Index terms to mark wherever they stand, and phrases (stems, slop) to mark as phrases."""

    terms: frozenset = frozenset()
    phrases: tuple = ()

    def __bool__(self):
        return bool(self.terms or self.phrases)

    @classmethod
    def of(cls, terms):
        """Marks as given: a Marks, or an iterable of index terms marked wherever they stand."""
        if isinstance(terms, cls):
            return terms
        return cls(terms=frozenset(term.lower() for term in terms or () if term))


def _stems(words):
    analyzer = text_analyzer()
    return tuple(token.text for word in words for token in analyzer(word) if token.text)


def _leaves(node):
    """The positive full-text words and phrases of a query AST (negated parts left out)."""
    if isinstance(node, Not):
        return
    if isinstance(node, And | Or):
        for child in node.children:
            yield from _leaves(child)
    elif isinstance(node, Term | Phrase) and node.field is None:
        yield node


def marks_for(node, engine_terms):
    """The Marks of a parsed query's AST, given the index terms the engine searched for
    (stems of its words and of its wildcard and ~ expansions)."""
    plain, phrases = set(), []
    for leaf in _leaves(node):
        words = leaf.words if isinstance(leaf, Phrase) else (leaf.text,)
        stems = _stems(words)
        if len(stems) == 1:
            plain.add(stems[0])
        elif stems:  # a phrase, or one word the analyzer splits ("Sino-Soviet"): as the engine
            slop = leaf.slop if isinstance(leaf, Phrase) else 0
            if (stems, slop) not in phrases:
                phrases.append((stems, slop))
    in_phrases = {stem for stems, _slop in phrases for stem in stems}
    engine_terms = {term.lower() for term in engine_terms or () if term}
    # Plain words and expansions: every engine term but those only a phrase brought.
    terms = (engine_terms - (in_phrases - plain)) | plain
    return Marks(terms=frozenset(terms - STOP_STEMS), phrases=tuple(phrases))


def prefix(term):
    """The letters a word with this stem starts with: the stemmer rewrites at most its last
    letter ("bay" -> "bai", "policy" -> "polici")."""
    return term[: max(2, len(term) - 1)]


def _first_word_pattern(phrases):
    prefixes = sorted({prefix(stems[0]) for stems, _slop in phrases})
    alternatives = "|".join(re.escape(prefix) for prefix in prefixes)
    return re.compile(rf"\b(?=(?:{alternatives}))\w+(?:\.?\w+)*", re.IGNORECASE)


def _follow(text, end, stems, slop, limit):
    """Spans of stems[1:] standing after `end` in order, each within `slop` words of the one
    before it; None when the phrase does not go on."""
    spans, tokens = [], TOKEN.finditer(text, end, limit)
    for wanted in stems:
        for _skipped in range(slop + 1):
            token = next(tokens, None)
            if token is None:
                return None
            if stem_of(token.group()) == wanted:
                spans.append(token.span())
                break
        else:
            return None
    return spans


def phrase_hits(text, phrases, limit):
    """Spans of the words of every phrase where it stands in text[:limit]."""
    if not phrases:
        return []
    hits = []
    for match in _first_word_pattern(phrases).finditer(text, 0, limit):
        first = stem_of(match.group())
        for stems, slop in phrases:
            if stems[0] == first:
                rest = _follow(text, match.end(), stems[1:], slop, limit)
                if rest is not None:
                    hits.append(match.span())
                    hits.extend(rest)
    return hits


def merge(spans):
    """Sorted spans with overlapping ones joined."""
    merged = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
