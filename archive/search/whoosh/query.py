"""Compile a parsed query (archive.search.query) into a Whoosh query, against a live searcher.

Words go through their field's analyzer, so they meet the stemmed terms of the index. Wildcards
and fuzzy words are expanded here, against the searcher's reader, into an Or of at most
MAX_PREFIX_TERMS / MAX_FUZZY_TERMS terms (those in most documents): Whoosh's own Prefix,
FuzzyTerm and Wildcard expand without limit and take seconds on a large index.
"""

from itertools import islice

from whoosh import query as wq

from archive.identifiers import doc_key
from archive.search import names, thesaurus
from archive.search import query as q
from archive.search.fields import (
    FIELDS,
    MAX_FUZZY_TERMS,
    MAX_PREFIX_TERMS,
    TITLE_BOOST,
    TITLE_FIELD,
    YEAR_FIELD,
)
from archive.search.spelling import levenshtein, ocr_variants

# The budget of a search, whatever the index size: lexicon entries read per wildcard, words
# near a fuzzy word taken per segment, and wildcard or fuzzy words expanded per query (more are
# searched as written). Each expansion costs up to ~0.1 s on a 60,000-word lexicon.
MAX_PREFIX_SCAN = 10_000
MAX_FUZZY_SCAN = 2_000


def to_whoosh(parsed, searcher, warnings=None, finder=None):
    """The Whoosh query for a ParsedQuery or an AST node, searched with `searcher`.

    Warnings about cut expansions are appended to `warnings`; when it is None and `parsed` is a
    ParsedQuery, to `parsed.warnings`, so a page shows them with the parser's. Never raises for
    any node that `query.parse` produces. With a names.Finder, names' spelling variants are
    searched too.
    """
    if warnings is None:
        warnings = parsed.warnings if isinstance(parsed, q.ParsedQuery) else []
    node = parsed.node if isinstance(parsed, q.ParsedQuery) else parsed
    return _Compiler(searcher, warnings, finder).compile(node).normalize()


def to_whoosh_forgiving(parsed, subsets, searcher, warnings, finder=None):
    """(Whoosh query, the query of all its words) for a ParsedQuery whose memos missing one
    word are found too (query.relaxed gives `subsets`): a memo with every word scores
    RELAX_TIER more than by its words alone, a memo missing one by the words it holds."""
    compiler = _Compiler(searcher, warnings, finder)
    strict = compiler.compile(parsed.node).normalize()
    loose = wq.Or([compiler.conjunction(subset) for subset in subsets])
    loose = wq.AndNot(loose, strict)
    tier = wq.ConstantScoreQuery(strict, q.RELAX_TIER)
    return wq.Or([tier, strict, loose]).normalize(), strict


class _Compiler(q.Budget):
    """One compilation: the searcher's reader and schema, where warnings go, and the
    names.Finder of names' spelling variants (None: none searched)."""

    def __init__(self, searcher, warnings, finder=None):
        super().__init__(warnings)
        self.reader, self.schema = searcher.reader(), searcher.schema
        self.root = None
        self.finder = finder

    def compile(self, node):
        if self.root is None:
            self.root = node  # the whole query: a lone plain word is boosted in the title
        if isinstance(node, q.And):
            return self.conjunction(node.children)
        if isinstance(node, q.Or):
            return wq.Or([self.compile(child) for child in node.children])
        if isinstance(node, q.Not):
            return self.conjunction((node,))
        if isinstance(node, q.MatchAll):
            return wq.Every()
        if isinstance(node, q.YearRange):
            if YEAR_FIELD not in self.schema.names():
                return wq.NullQuery
            return wq.NumericRange(YEAR_FIELD, node.start, node.end)
        if isinstance(node, q.Alternatives):
            # The words typed, compiled as words (expanded again, they would loop).
            typed = [self.word_query(FIELDS[None], n, wq.NullQuery) for n in q.typed_words((node,))]
            typed = wq.And(typed) if len(typed) > 1 else typed[0]
            others = [
                self.word_query(FIELDS[None], other, wq.NullQuery).with_boost(
                    thesaurus.weight(other, node)
                )
                for other in node.others
            ]
            return wq.Or([typed, *others])
        if node is self.root and q.plain_words((node,)):
            (expanded,) = names.alternatives((node,), self.finder)
            if expanded is not node:
                return self.with_title((expanded,), self.compile(expanded))
        fieldname = FIELDS.get(getattr(node, "field", ""))
        if fieldname is None or fieldname not in self.schema.names():
            return wq.NullQuery  # MatchNone, or a field this index lacks
        found = self.word_query(fieldname, node, wq.NullQuery)
        return self.with_title((node,), found) if node is self.root else found

    def with_title(self, nodes, found):
        """`found` for these nodes, and when they are all plain words or phrases, a memo whose
        title holds every one of them scored TITLE_BOOST times its title's score more (the
        words as typed of a thesaurus entry's)."""
        nodes = q.typed_words(nodes)
        if not q.plain_words(nodes) or TITLE_FIELD not in self.schema.names():
            return found
        title = [self.word_query(TITLE_FIELD, node, wq.NullQuery) for node in nodes]
        if found is wq.NullQuery or any(part is wq.NullQuery for part in title):
            return found
        title = wq.And(title) if len(title) > 1 else title[0]
        return wq.Or([found, title.with_boost(TITLE_BOOST)])

    def conjunction(self, children):
        """All positive children, minus any negated one ("-x" alone: everything but x)."""
        nodes = names.alternatives([c for c in children if not isinstance(c, q.Not)], self.finder)
        positive = [self.compile(c) for c in nodes]
        negative = [self.compile(c.child) for c in children if isinstance(c, q.Not)]
        base = wq.And(positive) if len(positive) > 1 else (positive or [wq.Every()])[0]
        base = self.with_title(nodes, base)
        if not negative:
            return base
        return wq.AndNot(base, wq.Or(negative) if len(negative) > 1 else negative[0])

    def is_text(self, fieldname):
        return fieldname not in (FIELDS["doc"], FIELDS["code"])

    def analyse(self, fieldname, text, **options):
        """Index terms of `text` in a text field (stemmed unless no_morph=True)."""
        field = self.schema[fieldname]
        return [token for token in field.process_text(text, mode="query", **options) if token]

    def words(self, fieldname, words, slop):
        """A term, or a phrase when the words analyse into several terms; nothing if none."""
        if not self.is_text(fieldname):
            text = " ".join(words)
            return wq.Term(fieldname, doc_key(text) if fieldname == FIELDS["doc"] else text)
        tokens = [token for word in words for token in self.analyse(fieldname, word)]
        if not tokens:
            return wq.NullQuery  # a word with no letters matches nothing, not everything
        if len(tokens) == 1:
            return wq.Term(fieldname, tokens[0])
        # Whoosh's slop counts positions between neighbours: 1 means adjacent.
        return wq.Phrase(fieldname, tokens, slop=slop + 1)

    def spelling(self, fieldname):
        """The field whose lexicon holds unstemmed words of `fieldname` (itself if none)."""
        field = self.schema[fieldname]
        source = field.spelling_fieldname(fieldname) if field.separate_spelling() else fieldname
        return source if source in self.schema.names() else fieldname

    def to_terms(self, fieldname, source, ranked):
        """Index terms of `fieldname` for words of its spelling field, in the given order."""
        if source == fieldname:
            terms = ranked
        else:
            terms = [token for word in ranked for token in self.analyse(fieldname, word)]
        return [term for term in dict.fromkeys(terms) if self.reader.doc_frequency(fieldname, term)]

    def any_of(self, fieldname, terms, cap, label):
        if len(terms) > cap:
            self.warn(f"“{label}” matches more than {cap} words: searched for the {cap} commonest.")
        if not terms:
            return wq.NullQuery
        return wq.Or([wq.Term(fieldname, term) for term in terms[:cap]])

    def prefix(self, fieldname, text):
        """Terms starting with `text`, the most frequent first, at most MAX_PREFIX_TERMS."""
        if not self.spend(f"{text}*"):
            return self.words(fieldname, (text,), 0)
        if not self.is_text(fieldname):
            return self.expand(fieldname, fieldname, [text], f"{text}*")
        source = self.spelling(fieldname)
        words = self.analyse(fieldname, text, no_morph=True)
        if not words:
            return wq.NullQuery
        last, stems = words[-1], []
        prefixes = [last]
        if source == fieldname:
            # Only stems are indexed here, and "negotiat*" must find "negoti" (negotiation): the
            # stem of the prefix is a prefix too, and so are stems a few letters shorter.
            prefixes += [stem for stem in self.analyse(fieldname, last) if len(stem) >= 3]
            stems = [last[:size] for size in range(max(3, len(last) - 4), len(last))]
        expanded = self.expand(fieldname, source, prefixes, f"{text}*", stems)
        if len(words) == 1:
            return expanded
        # "Japan-US*": the earlier words in order, then any completion of the last one.
        return wq.Sequence([*(self.words(fieldname, (w,), 0) for w in words[:-1]), expanded])

    def expand(self, fieldname, source, prefixes, label, stems=()):
        frequency = {stem: self.reader.doc_frequency(source, stem) for stem in stems}
        decode = self.schema[source].from_bytes
        for prefix in dict.fromkeys(prefixes):
            for btext, info in islice(self.reader.iter_prefix(source, prefix), MAX_PREFIX_SCAN):
                text = decode(btext) if isinstance(btext, bytes) else btext
                frequency[text] = max(frequency.get(text, 0), info.doc_frequency())
        ranked = sorted((t for t in frequency if frequency[t]), key=lambda t: (-frequency[t], t))
        # Several words share a stem, so more words than the cap are mapped to terms.
        terms = self.to_terms(fieldname, source, ranked[: MAX_PREFIX_TERMS * 4])
        return self.any_of(fieldname, terms, MAX_PREFIX_TERMS, label)

    def fuzzy(self, fieldname, text, distance):
        """Terms within `distance` edits, sharing the first letter or an OCR misreading of it;
        the commonest first."""
        label = f"{text}~{distance if distance > 1 else ''}"
        if not self.spend(label):
            return self.words(fieldname, (text,), 0)
        source, word = fieldname, text
        if self.is_text(fieldname):
            source = self.spelling(fieldname)
            words = self.analyse(fieldname, text, no_morph=source != fieldname)
            if len(words) != 1:
                self.warn(f"“{label}” is more than one word: searched for it as written.")
                return self.words(fieldname, (text,), 0)
            word = words[0]
        found = {word}
        # OCR misreads first letters too ("5oviet"), which the prefix below would miss.
        found.update(
            variant
            for variant in ocr_variants(word)
            if levenshtein(word, variant) <= distance and self.reader.doc_frequency(source, variant)
        )
        for leaf, _base in self.reader.leaf_readers():
            # Each segment walks its own word graph with a Levenshtein automaton (on the spelling
            # field, if any); the combined reader would measure every word of that first letter.
            near = leaf.terms_within(fieldname, word, distance, prefix=1)
            found.update(islice(near, MAX_FUZZY_SCAN))
        frequency = {term: self.reader.doc_frequency(source, term) for term in found}
        ranked = sorted(found, key=lambda term: (term != word, -frequency[term], term))
        terms = self.to_terms(fieldname, source, ranked[: MAX_FUZZY_TERMS * 4])
        return self.any_of(fieldname, terms, MAX_FUZZY_TERMS, label)


def whoosh_text_terms(whoosh_query):
    """The full-text index terms a compiled Whoosh query looks for (stems, expansions)."""
    if whoosh_query is None:
        return []
    return sorted({text for name, text in _query_terms(whoosh_query) if name == "text"})


def _query_terms(whoosh_query):
    """(field, text) of every term the query looks for, as str; negated parts left out."""
    if isinstance(whoosh_query, wq.Not):
        return []
    if isinstance(whoosh_query, wq.AndNot):
        return _query_terms(whoosh_query.a)
    if whoosh_query.is_leaf():
        return [
            (name, text.decode("utf-8", "replace") if isinstance(text, bytes) else text)
            for name, text in whoosh_query.terms(phrases=True)
        ]
    terms = []
    for child in whoosh_query.children():
        terms.extend(_query_terms(child))
    return terms
