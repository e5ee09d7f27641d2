"""The query language's tree (what archive.search.query parses a query into) and what each
engine's compiler of it shares: the expansion budget, the title boost's test, forgiving matching,
and the tree written back as query syntax (`render`).
"""

from dataclasses import dataclass

from whoosh.analysis import STOP_WORDS

MAX_EXPANSIONS = 10  # wildcard or ~ words expanded per search, on every engine


class Budget:
    """What each engine's compiler of a parsed query shares: the warnings it gives, once
    each, and the wildcard or ~ words it may still expand."""

    def __init__(self, warnings):
        self.warnings = warnings
        self.expansions = 0

    def warn(self, message):
        if message not in self.warnings:
            self.warnings.append(message)

    def spend(self, label):
        """Whether one more wildcard or ~ word may be expanded in this query."""
        self.expansions += 1
        if self.expansions <= MAX_EXPANSIONS:
            return True
        self.warn(
            f"Only {MAX_EXPANSIONS} wildcard or ~ words are expanded per search: “{label}” "
            "was searched as written."
        )
        return False

    def word_query(self, field, node, nothing):
        """A word, phrase, wildcard or ~ word in `field` by the engine's own words(field,
        words, slop), prefix(field, text) and fuzzy(field, text, edits); else `nothing`."""
        if isinstance(node, Term):
            return self.words(field, (node.text,), 0)
        if isinstance(node, Phrase):
            return self.words(field, node.words, node.slop)
        if isinstance(node, Prefix):
            return self.prefix(field, node.text)
        if isinstance(node, Fuzzy):
            return self.fuzzy(field, node.text, node.distance)
        return nothing


def plain_words(nodes):
    """Whether these query nodes are all words or phrases in no field (what the title boost
    of fields.TITLE_BOOST applies to)."""
    return bool(nodes) and all(
        isinstance(node, Term | Phrase) and node.field is None for node in nodes
    )


# Forgiving matching: a query of RELAX_MIN to RELAX_MAX plain words also finds the memos that
# miss one of them, ranked below every memo that has them all (each engine adds RELAX_TIER to the
# score of a memo with all the words, far above any score of words alone), by the words they hold.
RELAX_MIN = 3
RELAX_MAX = 8
RELAX_TIER = 1_000_000.0


def relaxed(parsed, text):
    """For a ParsedQuery of `text` that may also match memos missing one word, its words
    with all of them but one, each time (tuples of Terms, in order); else None. Only RELAX_MIN
    to RELAX_MAX different plain words qualify, stop words ("the", "in", "or") neither counted
    nor left out: a phrase, an operator (AND written out too), a field, a wildcard or a query
    that did not parse keeps every word required."""
    node = parsed.node
    if parsed.fell_back or "AND" in str(text).split() or not isinstance(node, And):
        return None
    words = node.children
    if not all(isinstance(child, Term) and child.field is None for child in words):
        return None
    if len({child.text.lower() for child in words}) < len(words):
        return None
    content = [i for i, child in enumerate(words) if child.text.lower() not in STOP_WORDS]
    if not RELAX_MIN <= len(content) <= RELAX_MAX:
        return None
    return tuple(words[:i] + words[i + 1 :] for i in content)


@dataclass(frozen=True)
class Term:
    """One word in a field (None: the full text)."""

    field: str | None
    text: str


@dataclass(frozen=True)
class Phrase:
    """Words in this order, at most `slop` extra positions apart."""

    field: str | None
    words: tuple
    slop: int = 0


@dataclass(frozen=True)
class Prefix:
    """Words starting with `text`."""

    field: str | None
    text: str


@dataclass(frozen=True)
class Fuzzy:
    """Words within `distance` edits of `text`."""

    field: str | None
    text: str
    distance: int = 1


@dataclass(frozen=True)
class YearRange:
    """Memos dated from `start` to `end` inclusive (None: open)."""

    start: int | None
    end: int | None


@dataclass(frozen=True)
class And:
    """All children match."""

    children: tuple


@dataclass(frozen=True)
class Or:
    """Any child matches."""

    children: tuple


@dataclass(frozen=True)
class Not:
    """Everything the child does not match."""

    child: object


@dataclass(frozen=True)
class Alternatives:
    """Words as typed (a Term, Phrase or And of Terms) and other ways of writing them, from
    the thesaurus (search/thesaurus.py) or a name's spelling variants (search/names.py; made
    at compile time, never by the parser)."""

    node: object
    others: tuple  # Terms and Phrases in no field
    typed: str = ""  # the form matched, as the entry writes it
    shown: tuple = ()  # the other forms, as the entry writes them
    weights: tuple | None = None  # each other's weight, in order (None: thesaurus.weight's)

    @property
    def children(self):
        return (self.node, *self.others)


def typed_words(nodes):
    """These query nodes with each Alternatives replaced by the words typed."""
    out = []
    for node in nodes:
        if not isinstance(node, Alternatives):
            out.append(node)
        else:
            out.extend(node.node.children if isinstance(node.node, And) else (node.node,))
    return tuple(out)


@dataclass(frozen=True)
class MatchAll:
    """Every memo (an empty query, or `*`)."""


@dataclass(frozen=True)
class MatchNone:
    """No memo."""


def _quote(node):
    text = render(node)
    return f"({text})" if isinstance(node, And | Or) else text


def render(node):
    """Query syntax for an AST node."""
    prefix = f"{getattr(node, 'field', None)}:" if getattr(node, "field", None) else ""
    if isinstance(node, Term):
        return prefix + (f'"{node.text}"' if node.field == "code" else node.text)
    if isinstance(node, Phrase):
        return prefix + '"' + " ".join(node.words) + '"' + (f"~{node.slop}" if node.slop else "")
    if isinstance(node, Prefix):
        return f"{prefix}{node.text}*"
    if isinstance(node, Fuzzy):
        return f"{prefix}{node.text}~" + ("2" if node.distance == 2 else "")
    if isinstance(node, YearRange):
        if node.start == node.end:
            return f"year:{node.start}"
        start, end = ("" if value is None else value for value in (node.start, node.end))
        return f"year:{start}..{end}"
    if isinstance(node, And | Or):
        # OR binds tighter than AND, so only an And inside an Or needs brackets; an Or inside
        # an And gets them too, for readability.
        inner = Or if isinstance(node, And) else And
        children = (
            _quote(child) if isinstance(child, inner) else render(child) for child in node.children
        )
        return (" " if isinstance(node, And) else " OR ").join(children)
    if isinstance(node, Not):
        return "-" + _quote(node.child)
    return "*" if isinstance(node, MatchAll) else "-*"
