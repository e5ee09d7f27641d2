"""The query language's AST (archive.search.query) as an Elasticsearch query DSL tree."""

from archive.search import names, thesaurus
from archive.search import query as q
from archive.search.analysis import text_analyzer
from archive.search.fields import (
    FIELDS,
    KEYWORD_FIELDS,
    MAX_FUZZY_TERMS,
    MAX_PREFIX_TERMS,
    TITLE_BOOST,
    TITLE_FIELD,
)
from archive.search.spelling import levenshtein, ocr_variants


class Translator(q.Budget):
    """One query's translation: the AST into query DSL, and warnings about what was cut;
    with a names.Finder, names' spelling variants searched too."""

    def __init__(self, warnings=None, finder=None):
        super().__init__([] if warnings is None else warnings)
        self.root = None
        self.finder = finder

    def compile(self, node):
        if self.root is None:
            self.root = node  # the whole query: a lone plain word is boosted in the title
        if isinstance(node, q.And):
            return self.conjunction(node.children)
        if isinstance(node, q.Or):
            return {
                "bool": {
                    "should": [self.compile(child) for child in node.children],
                    "minimum_should_match": 1,
                }
            }
        if isinstance(node, q.Not):
            return self.conjunction((node,))
        if isinstance(node, q.MatchAll):
            return {"match_all": {}}
        if isinstance(node, q.YearRange):
            bounds = {}
            if node.start is not None:
                bounds["gte"] = node.start
            if node.end is not None:
                bounds["lte"] = node.end
            return {"range": {"year": bounds}}
        if isinstance(node, q.Alternatives):
            nothing = {"match_none": {}}
            weighted = [
                {
                    "bool": {
                        "must": [self.word_query(FIELDS[None], other, nothing)],
                        "boost": thesaurus.weight(other, node),
                    }
                }
                for other in node.others
            ]
            # The words typed, compiled as words (expanded again, they would loop).
            typed = [self.word_query(FIELDS[None], n, nothing) for n in q.typed_words((node,))]
            typed = typed[0] if len(typed) == 1 else {"bool": {"must": typed}}
            return {"bool": {"should": [typed, *weighted]}}
        if node is self.root and q.plain_words((node,)):
            (expanded,) = names.alternatives((node,), self.finder)
            if expanded is not node:
                found = self.compile(expanded)
                return {"bool": {"must": [found], "should": [self.in_title((expanded,))]}}
        fieldname = FIELDS.get(getattr(node, "field", ""))
        if fieldname is None:
            return {"match_none": {}}
        found = self.word_query(fieldname, node, {"match_none": {}})
        if node is self.root and q.plain_words((node,)):
            return {"bool": {"must": [found], "should": [self.in_title((node,))]}}
        return found

    def conjunction(self, children):
        """All positive children, minus any negated one ("-x" alone: everything but x); when
        they are plain words or phrases, a title holding them all adds its score."""
        nodes = names.alternatives([c for c in children if not isinstance(c, q.Not)], self.finder)
        positive = [self.compile(c) for c in nodes]
        negative = [self.compile(c.child) for c in children if isinstance(c, q.Not)]
        typed = q.typed_words(nodes)
        title = [self.in_title(typed)] if q.plain_words(typed) else []
        if not negative and not title:
            return positive[0] if len(positive) == 1 else {"bool": {"must": positive}}
        body = {"must": positive or [{"match_all": {}}]}
        if negative:
            body["must_not"] = negative
        if title:
            body["should"] = title
        return {"bool": body}

    def in_title(self, nodes):
        """An optional clause: every one of these words or phrases in the title, its score
        TITLE_BOOST times."""
        nodes = q.typed_words(nodes)
        parts = [self.word_query(TITLE_FIELD, node, {"match_none": {}}) for node in nodes]
        return {"bool": {"must": parts, "boost": TITLE_BOOST}}

    def words(self, fieldname, words, slop=0):
        """A word or phrase; ES analyses it as it analysed the field."""
        text = " ".join(words)
        if fieldname in KEYWORD_FIELDS:
            return {"term": {fieldname: text}}
        phrase = {"query": text}
        if slop:
            phrase["slop"] = slop
        return {"match_phrase": {fieldname: phrase}}

    def prefix(self, fieldname, text):
        if not self.spend(f"{text}*"):
            return self.words(fieldname, (text,))
        if fieldname in KEYWORD_FIELDS:
            return {"prefix": {fieldname: {"value": text}}}
        # On the unstemmed words: "negotiat*" meets "negotiation"; "Japan-US*" is a phrase
        # whose last word is a prefix.
        return {
            "match_phrase_prefix": {
                f"{fieldname}.words": {"query": text, "max_expansions": MAX_PREFIX_TERMS}
            }
        }

    def fuzzy(self, fieldname, text, edits):
        label = f"{text}~{edits if edits > 1 else ''}"
        if not self.spend(label):
            return self.words(fieldname, (text,))
        if fieldname in KEYWORD_FIELDS:
            target, word = fieldname, text
        else:
            target, word = f"{fieldname}.words", text.lower()
        near = {
            "fuzzy": {
                target: {
                    "value": word,
                    "fuzziness": edits,
                    "prefix_length": 1,
                    "max_expansions": MAX_FUZZY_TERMS,
                }
            }
        }
        # OCR misreads first letters too ("5oviet"), which prefix_length would miss.
        variants = sorted(v for v in ocr_variants(word) if levenshtein(word, v) <= edits)
        if not variants:
            return near
        return {
            "bool": {
                "should": [near, {"terms": {target: variants}}],
                "minimum_should_match": 1,
            }
        }


def compile_query(parsed, warnings=None, finder=None):
    """The query DSL of a ParsedQuery; the translator's warnings go to `warnings`; with a
    names.Finder, names' spelling variants are searched too."""
    if isinstance(parsed.node, q.MatchAll):
        return {"match_all": {}}
    return Translator(warnings, finder).compile(parsed.node)


def forgiving_query(parsed, subsets, warnings=None, finder=None):
    """(query DSL, the query of all its words) of a ParsedQuery whose memos missing one word
    are found too (query.relaxed gives `subsets`): a memo with every word scores RELAX_TIER
    more than by its words alone (a constant_score clause), a memo missing one by its words."""
    translator = Translator(warnings, finder)
    strict = translator.compile(parsed.node)
    tier = {"constant_score": {"filter": strict, "boost": q.RELAX_TIER}}
    loose = {
        "bool": {
            "should": [translator.conjunction(subset) for subset in subsets],
            "minimum_should_match": 1,
            "must_not": [strict],
        }
    }
    query = {"bool": {"should": [{"bool": {"must": [strict, tier]}}, loose]}}
    query["bool"]["minimum_should_match"] = 1
    return query, strict


def text_terms(node, negated=False):
    """Stems of the positive full-text words and phrases of an AST (Whoosh's analyzer, as
    the snippets stem). A wildcard or ~ word is expanded by ES itself, so its words are not
    known here and only marked in snippets when they are typed out in full."""
    found, stack = set(), [node]
    analyzer = text_analyzer()
    while stack:
        node = stack.pop()
        if isinstance(node, q.Not):
            continue
        if isinstance(node, q.Term | q.Phrase) and node.field is None:
            words = node.words if isinstance(node, q.Phrase) else (node.text,)
            for word in words:
                found.update(token.text for token in analyzer(word) if token.text)
        stack.extend(getattr(node, "children", ()))
    return sorted(found)
