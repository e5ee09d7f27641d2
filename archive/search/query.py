"""The archive's query language: what a researcher types, parsed into a small engine-neutral AST
(archive.search.querytree).

Syntax: words (all must match), `OR` (upper case only), `AND`, `NOT word` / `-word`, `"exact
phrase"`, `"phrase"~N` (words within N positions, N <= 20; a bare `~` means 5), `word*` (prefix,
at least 3 letters or digits before the `*`), `word~` / `word~2` (spelling distance 1 or 2), the
fields title: office: agency: from: to: doc: code: year: applied to a word, phrase, wildcard,
fuzzy word or (group), and parentheses. OR binds tighter than AND, as on web search engines:
`treaty japan OR korea` means treaty AND (japan OR korea). `?` is no wildcard, nor is a `*`
inside a word (`wor*d` is searched as written, with a warning). `year:198*` means the 1980s.
Words with no letter or digit (punctuation, emoji) are dropped; `*` alone means every memo.

Nothing a user types raises: a query that does not parse is searched as its plain words, and
`ParsedQuery.warnings` says what happened in sentences a page can show.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from archive.identifiers import doc_key
from archive.search import fields
from archive.search.querytree import (  # noqa: F401 (the language's tree, re-exported)
    MAX_EXPANSIONS,
    RELAX_MAX,
    RELAX_MIN,
    RELAX_TIER,
    Alternatives,
    And,
    Budget,
    Fuzzy,
    MatchAll,
    MatchNone,
    Not,
    Or,
    Phrase,
    Prefix,
    Term,
    YearRange,
    plain_words,
    relaxed,
    render,
    typed_words,
)

MAX_LENGTH = 1_000  # characters searched; the rest is cut off
MAX_CLAUSES = 50  # words, phrases and other leaves
MAX_DEPTH = 20  # nested parentheses
MAX_SLOP = 20
DEFAULT_SLOP = 5
MIN_PREFIX = 3  # letters or digits before a `*`
MAX_FUZZY_LENGTH = 40  # longer words are searched as written
# The fields a query may name (fields.FIELDS, and year:), and those searched as words.
FIELDS = (*(name for name in fields.FIELDS if name), "year")
TEXT_FIELDS = tuple(
    name for name, field in fields.FIELDS.items() if field not in fields.KEYWORD_FIELDS
)
_OPERATORS = {"OR", "AND", "NOT"}
_BIDI = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_CONTROL = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]")
_TOKEN = re.compile(
    r'\s*(?:(?P<lp>\()|(?P<rp>\))|"(?P<phrase>[^"]*)"(?:~(?P<slop>\d*))?|(?P<quote>")'
    rf"|(?P<neg>-)(?=[^\s)])|(?P<field>(?i:{'|'.join(FIELDS)})):(?=[^\s)])"
    r'|(?P<word>[^\s()"]+))'
)
_KINDS = ("lp", "rp", "phrase", "quote", "neg", "field", "word")
_FIELD_PREFIX = re.compile(rf"(?i:{'|'.join(FIELDS)}):")
# After code: "(b)(7)(C)" is one code, not three groups; so is "1.4(c)".
_CODE_LITERAL = re.compile(r"[\w.-]*(?:\(\w{1,5}\))+(?:\*+|~\d?)?(?=[\s)]|$)")
_FUZZY = re.compile(r"(.+?)~(\d*)")
_YEAR = re.compile(r"(\d{1,4})?(?:(\.\.)(\d{1,4})?)?")
_OPERATOR_ERROR = "OR, AND, NOT and - need a word to work on: searched for the words instead."
_QUOTE_ERROR = "Unbalanced quotation mark: searched for the words instead."
_PAREN_ERROR = "Unbalanced parenthesis: searched for the words instead."


@dataclass
class ParsedQuery:
    """A parsed query: its AST, warnings to show, whether it fell back to plain words.

    `blank` is True when nothing searchable was typed: the node is then MatchAll (empty query or
    `*`: browse everything) or MatchNone (only punctuation: show a hint).
    """

    node: object
    warnings: list[str] = field(default_factory=list)
    fell_back: bool = False
    blank: bool = False

    def terms(self):
        """Words of positive words and phrases in text fields, for highlighting snippets."""
        found, stack = [], [self.node]
        while stack:
            node = stack.pop()
            if isinstance(node, Term | Phrase) and node.field in TEXT_FIELDS:
                found.extend(node.words if isinstance(node, Phrase) else [node.text])
            stack.extend(reversed(getattr(node, "children", ())))
        return list(dict.fromkeys(found))

    def canonical(self):
        """The query in canonical syntax; parsing it again gives the same AST."""
        return render(self.node)

    def __str__(self):
        return self.canonical()


def normalise_code(text):
    """The index's form of an exemption code ("b7c" -> "(b)(7)(C)", "25x1" -> "25X1"), or None."""
    compact = re.sub(r"\s+", "", str(text or "")).lower()[:40]
    if compact.startswith("(") and compact.endswith(")") and compact.count("(") == 1:
        compact = compact[1:-1]  # "(25X1)", "(b6)"
    if re.fullmatch(r"\d{2}x\d[a-z]?(-hum|-wmd)?", compact):
        return compact.upper()
    match = re.fullmatch(r"([bjk])(\d)([a-f]?)", compact.replace("(", "").replace(")", ""))
    if match:  # FOIA (b)(1)..(b)(9) and Privacy Act (j)/(k) exemptions
        letter, number, sub = match.groups()
        return f"({letter})({number})" + (f"({sub.upper()})" if sub else "")
    match = re.fullmatch(r"(\d\.\d{1,2})((?:\(?[a-z0-9]\)?){1,3})", compact)
    if match:  # sections of an executive order: 1.4(c), 3.3(b)(1)
        parts = match.group(2).replace("(", "").replace(")", "")
        return match.group(1) + "".join(f"({part})" for part in parts)
    return None


def _clean(text):
    """The text without NUL, control or bidi-override characters, or lone surrogates."""
    text = str(text or "").encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    text = text.replace("\ufffd", "")  # a lone surrogate decodes to U+FFFD
    text = _CONTROL.sub(" ", text.replace("\x00", ""))  # NUL goes, as in stored text
    return unicodedata.normalize("NFC", _BIDI.sub("", text))


def _searchable(text):
    return any(char.isalnum() for char in text)


class _ParseError(ValueError):
    pass


def _tokens(text):
    """(kind, value, slop) tuples; kind is lp, rp, phrase, neg, field, word, op or end."""
    tokens, pos, text = [], 0, text.rstrip()
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        pos = match.end()
        kind = next(kind for kind in _KINDS if match.group(kind) is not None)
        value = match.group(kind)
        if kind == "quote":
            raise _ParseError(_QUOTE_ERROR)
        if kind == "word" and (value in _OPERATORS or value == "-"):
            if value == "-":  # a "-" before a space or ")" negates nothing
                raise _ParseError(_OPERATOR_ERROR)
            kind = "op"
        tokens.append((kind, value.lower() if kind == "field" else value, match.group("slop")))
        literal = _CODE_LITERAL.match(text, pos) if kind == "field" else None
        if literal and value.lower() == "code":
            tokens.append(("word", literal.group(), None))
            pos = literal.end()
    return tokens


class _Parser:
    """Recursive descent over tokens: NOT binds tightest, then OR, then (implicit) AND."""

    def __init__(self, tokens, warnings):
        self.tokens, self.i, self.depth, self.leaves = tokens, 0, 0, 0
        self.warnings = warnings

    def warn(self, message):
        if message not in self.warnings:
            self.warnings.append(message)

    def peek(self):
        return self.tokens[self.i] if self.i < len(self.tokens) else ("end", None, None)

    def take(self):
        self.i += 1
        return self.tokens[self.i - 1] if self.i <= len(self.tokens) else ("end", None, None)

    def at_op(self, *names):
        return self.peek()[0] == "op" and self.peek()[1] in names

    def nested(self, parse, fieldname):
        # Brackets, NOT and field prefixes all recurse: one budget bounds the stack.
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _ParseError("Your query is nested too deeply: searched for the words instead.")
        node = parse(fieldname)
        self.depth -= 1
        return node

    def parse(self):
        node = self.parse_and(None)
        if self.peek()[0] != "end":  # a stray ")"
            raise _ParseError(_PAREN_ERROR)
        return node

    def parse_and(self, fieldname):
        children = []
        while self.peek()[0] not in ("end", "rp"):
            if self.at_op("AND"):
                self.take()
                if not children or self.peek()[0] in ("end", "rp") or self.at_op("AND", "OR"):
                    raise _ParseError(_OPERATOR_ERROR)
            children.append(self.parse_or(fieldname))
        return _make(And, children)

    def parse_or(self, fieldname):
        children = [self.parse_unary(fieldname)]
        while self.at_op("OR"):
            self.take()
            children.append(self.parse_unary(fieldname))
        return _make(Or, children)

    def parse_unary(self, fieldname):
        kind, value, slop = self.take()
        if kind in ("end", "rp") or kind == "op" and value != "NOT":
            raise _ParseError(_OPERATOR_ERROR)
        if kind in ("neg", "op"):
            child = self.nested(self.parse_unary, fieldname)
            return None if child is None else _simplify(Not(child))
        if kind == "field":
            return self.nested(self.parse_unary, value)
        if kind == "lp":
            node = self.nested(self.parse_and, fieldname)
            if self.take()[0] != "rp":
                raise _ParseError(_PAREN_ERROR)
            return node
        if kind == "phrase":
            slop = DEFAULT_SLOP if slop == "" else int(slop[:4] if slop else 0)
            if slop > MAX_SLOP:
                self.warn(f"Words can be at most {MAX_SLOP} apart: searched within {MAX_SLOP}.")
            return self.phrase(fieldname, value.split(), min(slop, MAX_SLOP))
        return self.word(fieldname, value)

    def count(self):
        self.leaves += 1
        if self.leaves > MAX_CLAUSES:
            self.warn(f"Only the first {MAX_CLAUSES} words of your query were searched.")
            return False
        return True

    def leaf(self, fieldname, text, kind=Term, *extra):
        """A Term (or Prefix, Fuzzy) in a field, in the field's normal form; None if no word."""
        if fieldname == "year":
            return self.year(text)
        if not _searchable(text) or not self.count():
            return None
        if fieldname == "code":
            code = normalise_code(text)
            if code is None and kind is Term:
                self.warn(f"“{text}” is not an exemption code we know (e.g. 25X1, b6, (b)(7)(C)).")
                return MatchNone()
            text = code or (text.upper() if text[0].isdigit() else text)
        elif fieldname == "doc":
            # "104-10106-*" stays a prefix of whole parts; doc_key would drop the trailing "-".
            key = doc_key(text) + ("-" if kind is Prefix and not text[-1].isalnum() else "")
            if not key.strip("-"):
                self.warn(f"“{text}” is not a document number: no memo matches it.")
                return MatchNone()
            text = key
        return kind(fieldname, text, *extra)

    def phrase(self, fieldname, words, slop):
        words = tuple(word for word in words if _searchable(word))
        if not words or fieldname in ("doc", "code", "year"):
            return self.leaf(fieldname, " ".join(words)) if words else None
        return Phrase(fieldname, words, slop) if self.count() else None

    def word(self, fieldname, word):
        word = word.lstrip("+")
        fuzzy = _FUZZY.fullmatch(word)
        if fuzzy and not fuzzy.group(1).endswith("*") and fieldname != "year":
            return self.fuzzy(fieldname, *fuzzy.groups())
        word = word.removesuffix("~")  # "word*~": the ~ is ignored
        if not word.endswith("*"):
            if "*" in word:
                self.warn(f"A * only works at the end of a word: searched for “{word}” as written.")
            return self.leaf(fieldname, word)
        stem = word.rstrip("*")
        if not stem:
            return MatchAll()
        if fieldname == "year":
            return self.year_prefix(stem)
        # A code is short and its field tiny, so "(b)(7)*" counts its brackets too.
        size = len(stem) if fieldname == "code" else sum(char.isalnum() for char in stem)
        if size < MIN_PREFIX:
            self.warn(f"A * needs at least {MIN_PREFIX} letters before it: searched for “{stem}”.")
            return self.leaf(fieldname, stem)
        return self.leaf(fieldname, stem, Prefix)

    def fuzzy(self, fieldname, base, digits):
        distance = min(int(digits[:3] or "1"), 2)
        size = sum(char.isalnum() for char in base)
        if distance == 2 and size < 5:  # 2 edits of a short word match almost anything
            self.warn(f"“{base}” is too short for ~2: searched for spellings 1 letter away.")
            distance = 1
        if distance and (0 < size < 3 or len(base) > MAX_FUZZY_LENGTH):
            self.warn(f"“{base[:20]}” cannot be matched with ~: searched for it as written.")
        if distance == 0 or size < 3 or len(base) > MAX_FUZZY_LENGTH:
            return self.leaf(fieldname, base)
        return self.leaf(fieldname, base, Fuzzy, distance)

    def year(self, text):
        match = _YEAR.fullmatch(text)
        if not self.count():
            return None
        if not match or not (match.group(1) or match.group(3)):
            self.warn(f"“year:{text}” is not a year or range (e.g. year:1984, year:1980..1985).")
            return MatchNone()
        start, dots, end = (int(g) if g and g != ".." else g for g in match.groups())
        start, end = (start, end if dots else start)
        return (
            YearRange(*sorted((start, end))) if None not in (start, end) else YearRange(start, end)
        )

    def year_prefix(self, stem):
        if not (stem.isascii() and stem.isdigit() and len(stem) <= 4):
            return self.year(stem + "*")
        width = 10 ** (4 - len(stem))
        return self.year(f"{int(stem) * width}..{int(stem) * width + width - 1}")


def _make(kind, children):
    children = [child for child in children if child is not None]
    if not children:
        return None
    return _simplify(kind(tuple(children))) if len(children) > 1 else children[0]


def _simplify(node):
    """Flatten nested And/Or, drop duplicates, fold MatchAll/MatchNone and double negation."""
    if isinstance(node, Not):
        child = node.child
        if isinstance(child, Not):
            return child.child
        if isinstance(child, MatchAll | MatchNone):
            return MatchNone() if isinstance(child, MatchAll) else MatchAll()
        return node
    kind = type(node)
    absorbing, neutral = (MatchNone, MatchAll) if kind is And else (MatchAll, MatchNone)
    flat = []
    for child in node.children:
        flat.extend(child.children if isinstance(child, kind) else (child,))
    if any(isinstance(child, absorbing) for child in flat):
        return absorbing()
    flat = list(dict.fromkeys(child for child in flat if not isinstance(child, neutral)))
    if not flat:
        return neutral()
    return flat[0] if len(flat) == 1 else kind(tuple(flat))


def _fallback(text, warnings):
    """Plain words of an unparseable query: no operators, quotes, brackets or fields."""
    words = []
    for chunk in re.findall(r'[^\s"()]+', text):
        chunk = _FIELD_PREFIX.sub("", chunk, count=1).strip("-+*~")
        if chunk not in _OPERATORS and _searchable(chunk):
            words.append(Term(None, chunk))
    if len(words) > MAX_CLAUSES:
        warnings.append(f"Only the first {MAX_CLAUSES} words of your query were searched.")
    return _make(And, words[:MAX_CLAUSES])


def parse(text):
    """Parse what a user typed into a ParsedQuery; never raises."""
    warnings = []
    text = _clean(text)
    if len(text) > MAX_LENGTH:
        warnings.append(f"Your query was cut to its first {MAX_LENGTH:,} characters.")
        text = text[:MAX_LENGTH]
    parser = _Parser([], warnings)
    fell_back = False
    try:
        parser.tokens = _tokens(text)
        node = parser.parse()
    except _ParseError as error:
        warnings.append(str(error))
        node, fell_back = _fallback(text, warnings), True
    blank = fell_back and node is None or not fell_back and parser.leaves == 0
    if node is None:
        node = MatchAll() if not text.strip() or set(text.strip()) == {"*"} else MatchNone()
        if isinstance(node, MatchNone):
            warnings.append("There was nothing to search for: try a word or a phrase.")
    return ParsedQuery(node=node, warnings=warnings, fell_back=fell_back, blank=blank)
