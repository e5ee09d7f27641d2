"""Xapian terms and slots of a memo, and what a user typed compiled into a xapian.Query.

    <stem>            full text, with positions          W<word>     its unstemmed words
    S / XO / XA / XF / XT + stem: title, office, agency, from, to (W + prefix + word: words)
    XI:<id>  XC:<code>  exact identifiers and exemption codes
    F<facet>:<value>  one term per facet value, for filters   Q<haystack id>  the document
    value slots: 0 memo id, 1 date (YYYYMMDD), 2 publication time, 3.. one per facet, then the
    revision that wrote the document

Wildcards and ~ words are expanded here from the term list, with the Whoosh engine's caps and
warnings.
"""

from itertools import islice

import xapian

from archive.identifiers import doc_key
from archive.search import names, thesaurus
from archive.search import query as q
from archive.search.analysis import text_analyzer
from archive.search.fields import (
    FIELDS,
    MAX_FUZZY_TERMS,
    MAX_PREFIX_TERMS,
    TITLE_BOOST,
    TITLE_FIELD,
)
from archive.search.params import FACETS
from archive.search.spelling import levenshtein, ocr_variants, one_edit

# Index field -> term prefix of its words; a query's field (fields.FIELDS) -> the prefix of
# the words it searches, or the exact prefix of the values (identifiers, codes) it matches.
INDEX_FIELDS = {"text": "", "title": "S", "office": "XO", "agency": "XA"}
INDEX_FIELDS.update(sender="XF", recipient="XT")
PREFIXES = {field: INDEX_FIELDS[name] for field, name in FIELDS.items() if name in INDEX_FIELDS}
EXACT = {"doc": "XI:", "code": "XC:"}
ID_SLOT, DATE_SLOT, PUBLISHED_SLOT = 0, 1, 2
FACET_SLOTS = {facet.name: 3 + number for number, facet in enumerate(FACETS)}
# The revision that wrote a document, so a reader can find what changed since (xapian/tables.py).
REVISION_SLOT = 3 + len(FACETS)
MAX_TERM_BYTES = 240  # Xapian refuses terms past 245 bytes
# Lexicon entries read per wildcard and per fuzzy word: this engine's own budget.
MAX_PREFIX_SCAN = 10_000
MAX_FUZZY_SCAN = 20_000


def term(prefix, text):
    """A term, cut to Xapian's length limit on a character boundary."""
    if len(prefix) + len(text) <= MAX_TERM_BYTES // 4:
        return prefix + text  # (four bytes a character at most: short enough)
    raw = (prefix + text).encode("utf-8")
    if len(raw) <= MAX_TERM_BYTES:
        return prefix + text
    return raw[:MAX_TERM_BYTES].decode("utf-8", "ignore")


class Compiler(q.Budget):
    """One query's compilation against a database: expansions capped, stems recorded; with a
    names.Finder, names' spelling variants searched too."""

    def __init__(self, db, warnings, finder=None):
        super().__init__(warnings)
        self.db = db
        self.finder = finder
        self.analyzer = text_analyzer()
        self.negated = 0
        self.stems = set()  # full-text stems of positive parts, for snippets
        self.root = None
        self.tier = None  # the posting source of a forgiving query (forgiving())

    def compile(self, node):
        if self.root is None:
            self.root = node  # the whole query: a lone plain word is boosted in the title
        if isinstance(node, q.And):
            return self.conjunction(node.children)
        if isinstance(node, q.Or):
            return xapian.Query(xapian.Query.OP_OR, [self.compile(c) for c in node.children])
        if isinstance(node, q.Not):
            return self.conjunction((node,))
        if isinstance(node, q.MatchAll):
            return xapian.Query.MatchAll
        if isinstance(node, q.YearRange):
            return years(node.start, node.end)
        if isinstance(node, q.Alternatives):
            nothing = xapian.Query.MatchNothing
            scale = xapian.Query.OP_SCALE_WEIGHT
            others = [
                xapian.Query(
                    scale, self.word_query("", other, nothing), thesaurus.weight(other, node)
                )
                for other in node.others
            ]
            scaled = xapian.Query(xapian.Query.OP_OR, others)
            # The words typed, compiled as words (expanded again, they would loop).
            typed = [self.word_query("", n, nothing) for n in q.typed_words((node,))]
            typed = xapian.Query(xapian.Query.OP_AND, typed)
            return xapian.Query(xapian.Query.OP_OR, typed, scaled)
        if node is self.root and q.plain_words((node,)):
            (expanded,) = names.alternatives((node,), self.finder)
            if expanded is not node:
                return self.with_title((expanded,), self.compile(expanded))
        field = getattr(node, "field", "")
        if field in EXACT:
            return self.exact(EXACT[field], node)
        prefix = PREFIXES.get(field)
        if prefix is None:
            return xapian.Query.MatchNothing
        found = self.word_query(prefix, node, xapian.Query.MatchNothing)
        return self.with_title((node,), found) if node is self.root else found

    def with_title(self, nodes, found):
        """`found` for these nodes, and when they are all plain words or phrases, a memo whose
        title holds every one of them weighted TITLE_BOOST times its title's weight more (the
        words as typed of a thesaurus entry's)."""
        nodes = q.typed_words(nodes)
        if not q.plain_words(nodes):
            return found
        prefix, nothing = INDEX_FIELDS[TITLE_FIELD], xapian.Query.MatchNothing
        title = xapian.Query(
            xapian.Query.OP_AND, [self.word_query(prefix, n, nothing) for n in nodes]
        )
        scaled = xapian.Query(xapian.Query.OP_SCALE_WEIGHT, title, TITLE_BOOST)
        return xapian.Query(xapian.Query.OP_OR, found, scaled)

    def conjunction(self, children):
        nodes = names.alternatives([c for c in children if not isinstance(c, q.Not)], self.finder)
        positive = [self.compile(c) for c in nodes]
        self.negated += 1
        negative = [self.compile(c.child) for c in children if isinstance(c, q.Not)]
        self.negated -= 1
        base = (
            xapian.Query(xapian.Query.OP_AND, positive)
            if len(positive) > 1
            else (positive or [xapian.Query.MatchAll])[0]
        )
        base = self.with_title(nodes, base)
        if not negative:
            return base
        return xapian.Query(
            xapian.Query.OP_AND_NOT, base, xapian.Query(xapian.Query.OP_OR, negative)
        )

    def forgiving(self, node, subsets):
        """(query, the query of all its words) of an AND of plain words whose memos missing
        one word are found too (query.relaxed gives `subsets`): a memo with every word weighs
        RELAX_TIER more than by its words alone, a memo missing one by the words it holds."""
        strict = self.compile(node)
        loose = xapian.Query(xapian.Query.OP_OR, [self.conjunction(s) for s in subsets])
        loose = xapian.Query(xapian.Query.OP_AND_NOT, loose, strict)
        # The compiler keeps the source: a query only points at it (released to the query, it
        # crashes Xapian 1.4's Python bindings), so the query lives no longer than its compiler.
        self.tier = xapian.FixedWeightPostingSource(q.RELAX_TIER)
        tiered = xapian.Query(xapian.Query.OP_AND, strict, xapian.Query(self.tier))
        return xapian.Query(xapian.Query.OP_OR, tiered, loose), strict

    def leaf(self, prefix, stem):
        if prefix == "" and not self.negated:
            self.stems.add(stem)
        return xapian.Query(term(prefix, stem))

    def words(self, prefix, words, slop):
        stems = [t.text for word in words for t in self.analyzer(word) if t.text]
        if not stems:
            return xapian.Query.MatchNothing
        if len(stems) == 1:
            return self.leaf(prefix, stems[0])
        # Whoosh's slop is per gap between neighbours; Xapian's window spans the whole phrase.
        window = len(stems) + slop * (len(stems) - 1)
        return xapian.Query(xapian.Query.OP_PHRASE, [self.leaf(prefix, s) for s in stems], window)

    def exact(self, prefix, node):
        text = node.text if not isinstance(node, q.Phrase) else " ".join(node.words)
        if isinstance(node, q.Prefix | q.Fuzzy):
            label = f"{text}*" if isinstance(node, q.Prefix) else f"{text}~"
            if self.spend(label):
                if isinstance(node, q.Prefix):
                    found = self.scan(prefix + text, MAX_PREFIX_SCAN)
                else:
                    found = self.near(prefix, text, node.distance)
                return self.any_of(
                    [t[len(prefix) :] for t in found], prefix, MAX_PREFIX_TERMS, label
                )
        return xapian.Query(term(prefix, doc_key(text) if prefix == EXACT["doc"] else text))

    def scan(self, start, limit):
        """Terms starting with `start`, commonest first."""
        items = islice(self.db.allterms(start), limit)
        found = [(item.termfreq, item.term.decode("utf-8", "replace")) for item in items]
        return [text for _freq, text in sorted(found, key=lambda pair: (-pair[0], pair[1]))]

    def any_of(self, terms, prefix, cap, label):
        if len(terms) > cap:
            self.warn(f"“{label}” matches more than {cap} words: searched for the {cap} commonest.")
        if not terms:
            return xapian.Query.MatchNothing
        return xapian.Query(xapian.Query.OP_OR, [self.leaf(prefix, t) for t in terms[:cap]])

    def to_stems(self, prefix, words):
        stems = [t.text for word in words for t in self.analyzer(word) if t.text]
        return [s for s in dict.fromkeys(stems) if self.db.get_termfreq(term(prefix, s))]

    def prefix(self, prefix, text):
        label = f"{text}*"
        if not self.spend(label):
            return self.words(prefix, (text,), 0)
        words = [t.text for t in self.analyzer(text, no_morph=True) if t.text]
        if not words:
            return xapian.Query.MatchNothing
        spelling = "W" + prefix
        found = [w[len(spelling) :] for w in self.scan(spelling + words[-1], MAX_PREFIX_SCAN)]
        expanded = self.any_of(
            self.to_stems(prefix, found[: MAX_PREFIX_TERMS * 4]), prefix, MAX_PREFIX_TERMS, label
        )
        if len(words) == 1:
            return expanded
        # "Japan-US*": the earlier words in order, then any completion of the last one.
        earlier = [self.words(prefix, (w,), 0) for w in words[:-1]]
        return xapian.Query(xapian.Query.OP_PHRASE, [*earlier, expanded], len(words))

    def near(self, prefix, word, edits):
        """Terms within `edits` of word sharing its first letter, or one OCR misreading away.

        One edit: every spelling one edit away is looked up (a few hundred lookups, whatever
        the lexicon's size). Two edits: the words sharing the first two letters are measured
        too, as the Whoosh engine's speller does.
        """
        found = {word} if self.db.get_termfreq(term(prefix, word)) else set()
        found.update(
            v for v in ocr_variants(word)
            if levenshtein(word, v) <= edits and self.db.get_termfreq(term(prefix, v))
        )  # fmt: skip
        found.update(c for c in one_edit(word) if self.db.get_termfreq(term(prefix, c)))
        if edits > 1:
            for item in islice(self.db.allterms(prefix + word[:2]), MAX_FUZZY_SCAN):
                candidate = item.term.decode("utf-8", "replace")[len(prefix) :]
                if within(word, candidate, edits):
                    found.add(candidate)
        frequency = {t: self.db.get_termfreq(term(prefix, t)) for t in found}
        ranked = sorted(found, key=lambda t: (t != word, -frequency[t], t))
        return [prefix + t for t in ranked]

    def fuzzy(self, prefix, text, edits):
        label = f"{text}~{edits if edits > 1 else ''}"
        if not self.spend(label):
            return self.words(prefix, (text,), 0)
        words = [t.text for t in self.analyzer(text, no_morph=True) if t.text]
        if len(words) != 1:
            self.warn(f"“{label}” is more than one word: searched for it as written.")
            return self.words(prefix, (text,), 0)
        spelling = "W" + prefix
        found = [w[len(spelling) :] for w in self.near(spelling, words[0], edits)]
        stems = self.to_stems(prefix, found[: MAX_FUZZY_TERMS * 4])
        return self.any_of(stems, prefix, MAX_FUZZY_TERMS, label)


class Lexicon:
    """The database's words as names.Finder reads them: memos per word (`held`: {term: how
    many of the memos left out hold it}), the words one edit or OCR misreading away, and the
    number of memos."""

    def __init__(self, db, held=None):
        self.db, self.held = db, held or {}
        self.analyzer = text_analyzer()
        self.size = db.get_doccount()

    def frequency(self, word):
        stems = [t.text for t in self.analyzer(word) if t.text]
        if len(stems) != 1:
            return 0
        name = term("", stems[0])
        return self.db.get_termfreq(name) - self.held.get(name.encode(), 0)

    def near(self, word):
        found = Compiler(self.db, []).near("W", word, 1)
        return {found_term[1:] for found_term in found}


def within(a, b, edits):
    """Whether b is at most `edits` edits from a: the edit distance computed in a band of the
    table around its diagonal, given up as soon as a row is all past the limit (most words of
    a lexicon are rejected after a letter or two)."""
    if abs(len(a) - len(b)) > edits:
        return False
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        low, high = max(1, i - edits), min(len(b), i + edits)
        row = [i] + [edits + 1] * len(b)
        for j in range(low, high + 1):
            row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (x != b[j - 1]))
        if min(row[max(0, low - 1) : high + 1]) > edits:
            return False
        previous = row
    return previous[len(b)] <= edits


def years(start, end):
    """year:1980..1985 on the date slot."""
    low = f"{min(max(start, 1), 9999):04d}0101" if start is not None else None
    high = f"{min(max(end, 1), 9999):04d}1231" if end is not None else None
    return _date_range(low, high)


def dates(start, end):
    """The date range filter of a SearchRequest, or None."""
    if not (start or end):
        return None
    low, high = (d.strftime("%Y%m%d") if d else None for d in (start, end))
    return _date_range(low, high)


def _date_range(low, high):
    """Memos dated from low to high (YYYYMMDD, either may be None) on the date slot."""
    if low and high:
        return xapian.Query(xapian.Query.OP_VALUE_RANGE, DATE_SLOT, low, high)
    if low:
        return xapian.Query(xapian.Query.OP_VALUE_GE, DATE_SLOT, low)
    return xapian.Query(xapian.Query.OP_VALUE_LE, DATE_SLOT, high)


def selection(name, values):
    """Memos with any of these values of a facet."""
    return xapian.Query(xapian.Query.OP_OR, [xapian.Query(term(f"F{name}:", v)) for v in values])


def filtered(query, filters):
    """The query with these filters (None: no filter) applied."""
    filters = [f for f in filters if f is not None]
    if not filters:
        return query
    return xapian.Query(xapian.Query.OP_FILTER, query, xapian.Query(xapian.Query.OP_AND, filters))
