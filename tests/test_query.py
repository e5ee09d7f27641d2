"""The query language (archive.search.query) and its Whoosh compilation (whoosh_query).

No database: the index is built in RAM with the schema the archive's backend builds.
"""

import time

import pytest
from haystack import connections
from whoosh import query as wq
from whoosh.filedb.filestore import RamStorage

from archive.search.analysis import SEPARATOR
from archive.search.query import (
    And,
    Fuzzy,
    MatchAll,
    MatchNone,
    Not,
    Or,
    Phrase,
    Prefix,
    Term,
    YearRange,
    normalise_code,
    parse,
)
from archive.search.whoosh import query as whoosh_query
from archive.search.whoosh.backend import ArchiveWhooshBackend
from archive.search.whoosh.query import to_whoosh

# id: (title, text, agency, office, sender, recipient, year, identifiers, codes)
MEMOS = {
    1: (
        "Japanese fishing negotiations",
        "The negotiations with Japan about fishing rights near Sakhalin continued.",
        "CIA",
        "Office of Economic Research",
        "Director of Central Intelligence",
        "Secretary of State",
        1984,
        "ea-m-84-10245",
        "25X1",
    ),
    2: (
        "Korea trade agreement",
        "Korea and Japan signed an agreement. The embassy reported on trade relations with the "
        "USSR.",
        "CIA",
        "Office of Current Intelligence",
        "Station Chief Seoul",
        "Director",
        1985,
        "104-10106-10001",
        "(b)(6),25X1",
    ),
    3: (
        "Soviet naval activity",
        "Soviet submarines near sakhalln were observed by a patrol.",
        "NSA",
        "Naval Security Group",
        "Analyst",
        "Director",
        1970,
        "104-10106-10002",
        "(b)(7)(C)",
    ),
    4: (
        "Soviet oil",
        "The sakha1in oil fields: petroleum production estimates.",
        "CIA",
        "Office of Research and Reports",
        "Analyst",
        "Director",
        1962,
        "cia-rdp79-00927a",
        "(b)(3)",
    ),
    5: (
        "Korean armistice talks",
        "Meeting with the Korean delegation about the armistice.",
        "Department of State",
        "Bureau of Far Eastern Affairs",
        "Ambassador",
        "Secretary of State",
        1953,
        "frus-1953-korea-1",
        "",
    ),
    6: (
        "Cuba missiles",
        "Intelligence on Cuba: missile sites and Soviet advisers.",
        "CIA",
        "Office of Current Intelligence",
        "Deputy Director",
        "President",
        1962,
        "cia-rdp80-00001",
        "50X1-HUM",
    ),
    7: (
        "Japan China relations",
        "Relations of Japan with China improved; a trade delegation visited Beijing.",
        "Department of State",
        "Bureau of Far Eastern Affairs",
        "Ambassador",
        "Secretary of State",
        1972,
        "state-1972-001",
        "1.4(c)",
    ),
    8: (
        "Budget memo",
        "Nothing about Asia here: the budget of the agency for the fiscal year.",
        "OMB",
        "Budget Review Division",
        "Director",
        "President",
        1990,
        "omb-1990-1",
        "",
    ),
    9: (
        "Northern territories",
        "Japan-USSR talks on the northern territories; the U.S. position.",
        "CIA",
        "Office of Current Intelligence",
        "Analyst",
        "Director",
        1991,
        "cia-1991-x",
        "(b)(1)",
    ),
    10: (
        "Threat assessment",
        "Terrorism threat assessment for embassies in the Middle East.",
        "FBI",
        "Counterterrorism Division",
        "Special Agent",
        "Director",
        1999,
        "fbi-1999-77",
        "(b)(7)(C),(b)(6)",
    ),
    11: (
        "Negotiation round",
        "The negotiators proposed a new round with Korea; negotiating positions attached.",
        "Department of State",
        "Bureau of Far Eastern Affairs",
        "Ambassador",
        "Secretary of State",
        1986,
        "state-1986-042",
        "",
    ),
    12: (
        "Fishing quotas",
        "Salmon quotas: the Soviets and Japan disagree on fishing.",
        "Department of Commerce",
        "Fisheries Office",
        "Attache",
        "Director",
        1977,
        "doc-1977-5",
        "(b)(3)",
    ),
}


def build_schema():
    """The schema ArchiveWhooshBackend builds from MemoIndex (whatever engine the tests use)."""
    backend = ArchiveWhooshBackend("default", STORAGE="memory")
    fields = connections["default"].get_unified_index().all_searchfields()
    _name, schema = backend.build_schema(fields)
    return schema


def ram_index(documents):
    index = RamStorage().create_index(build_schema())
    writer = index.writer()
    for pk, fields in documents.items():
        doc = {"id": f"archive.memo.{pk}", "django_ct": "archive.memo", "django_id": str(pk)}
        doc.update({key: value for key, value in fields.items() if value not in ("", None)})
        writer.add_document(**doc)
    writer.commit()
    return index


@pytest.fixture(scope="module")
def searcher():
    names = ("title", "text", "agency", "office", "sender", "recipient", "year")
    documents = {}
    for pk, values in MEMOS.items():
        documents[pk] = dict(zip(names, values[:7], strict=True))
        # Several values are joined as documents.memo_fields joins them.
        documents[pk].update(
            identifiers=values[7].replace(",", SEPARATOR), codes=values[8].replace(",", SEPARATOR)
        )
    with ram_index(documents).searcher() as opened:
        yield opened


def search(searcher, text):
    parsed = parse(text)
    hits = searcher.search(to_whoosh(parsed, searcher), limit=None)
    return {int(hit["django_id"]) for hit in hits}, parsed


SEARCHES = [
    # words, AND, OR, NOT
    ("japan", {1, 2, 7, 9, 12}),
    ("Japan korea", {2}),
    ("japan AND korea", {2}),
    ("japan OR korea", {1, 2, 7, 9, 11, 12}),
    ("japan -korea", {1, 7, 9, 12}),
    ("japan NOT fishing", {2, 7, 9}),
    ("-japan", {3, 4, 5, 6, 8, 10, 11}),
    ("NOT soviet NOT japan", {4, 5, 8, 10, 11}),
    ("soviet japan OR cuba", {6, 12}),
    ("a or the", set()),  # "or" is a word, in no memo
    # stemming: "negotiations" finds "negotiation"
    ("negotiations", {1, 11}),
    # phrases and proximity
    ('"trade relations"', {2}),
    ('"relations trade"', set()),
    ('"trade USSR"~3', {2}),
    ('"trade USSR"~2', set()),
    ('"Japan-USSR talks"', {9}),
    ("Japan-USSR", {9}),
    ("U.S.", {9}),
    # prefix: unstemmed and stemmed words of the full text, and a stemmed field
    ("negotiat*", {1, 11}),
    ("terror*", {10}),
    ("title:negotiat*", {1, 11}),
    ("sak*", {1, 3, 4}),
    # fuzzy: OCR typos of Sakhalin
    ("Sakhalin", {1}),
    ("Sakhalin~", {1, 3, 4}),
    ("title:sovet~", {3, 4}),
    ("sakhalinn~2", {1, 3, 4}),
    # fields
    ("title:japan", {7}),
    ("title:(japan OR korea)", {2, 7}),
    ("office:current", {2, 6, 9}),
    ('office:"far eastern"', {5, 7, 11}),
    ("agency:cia", {1, 2, 4, 6, 9}),
    ("from:analyst", {3, 4, 9}),
    ("to:president", {6, 8}),
    ('to:"secretary of state" japan', {1, 7}),
    ('doc:"EA M 84-10245"', {1}),
    ("doc:EA-M-84-10245", {1}),
    ("doc:104-10106*", {2, 3}),
    ("doc:cia-rdp*", {4, 6}),
    ("doc:ea-m-84-10246~", {1}),
    ("code:25x1", {1, 2}),
    ("code:b6", {2, 10}),
    ("code:(b)(7)(C)", {3, 10}),
    ("code:b7c", {3, 10}),
    ("code:50x1-hum", {6}),
    ("code:1.4(c)", {7}),
    ("code:(b3 OR b1)", {4, 9, 12}),
    ("code:(b)*", {2, 3, 4, 9, 10, 12}),
    ("code:nonsense", set()),
    # years
    ("year:1962", {4, 6}),
    ("year:1980..1986", {1, 2, 11}),
    ("year:..1962", {4, 5, 6}),
    ("year:1990..", {8, 9, 10}),
    ("year:197*", {3, 7, 12}),
    ("year:1985..1980", {1, 2}),
    ("soviet year:1960..1975", {3, 6}),
    # groups
    ("(japan OR cuba) (soviet OR korea)", {2, 6, 12}),
    ("((japan korea) OR (cuba missile)) -embassy", {6}),
    ("title:(soviet -oil) OR agency:fbi", {3, 10}),
    ("-(japan OR soviet OR korea)", {4, 5, 8, 10}),  # "korean" is not "korea"
    # unknown fields are words
    ("http://x", set()),
    ("Intelligence: cuba", {6}),
    # fallbacks search the words
    ('"trade relations', {2, 7}),
    ("(cuba missile", {6}),
    ("cuba OR", {6}),
    # browse everything
    ("", set(MEMOS)),
    ("*", set(MEMOS)),
]


@pytest.mark.parametrize(("text", "expected"), SEARCHES)
def test_search(searcher, text, expected):
    found, parsed = search(searcher, text)
    assert found == expected, (text, parsed.node, parsed.warnings)


@pytest.mark.parametrize(
    ("text", "node"),
    [
        ("japan korea", And((Term(None, "japan"), Term(None, "korea")))),
        ("a b OR c", And((Term(None, "a"), Or((Term(None, "b"), Term(None, "c")))))),
        ("-a", Not(Term(None, "a"))),
        ('"a  b"~50', Phrase(None, ("a", "b"), 20)),
        ('"a b"~', Phrase(None, ("a", "b"), 5)),
        ("japan*", Prefix(None, "japan")),
        ("ja*", Term(None, "ja")),
        ("word~", Fuzzy(None, "word", 1)),
        ("words~9", Fuzzy(None, "words", 2)),
        ("word~2", Fuzzy(None, "word", 1)),
        ("title:(a OR b)", Or((Term("title", "a"), Term("title", "b")))),
        ("FROM:director", Term("from", "director")),
        ("doc:104-10106*", Prefix("doc", "104-10106")),
        ("doc:104-*", Prefix("doc", "104-")),
        ("code:(b)(7)(c)", Term("code", "(b)(7)(C)")),
        ("code:zzz", MatchNone()),
        ("year:1984", YearRange(1984, 1984)),
        ("year:..1970", YearRange(None, 1970)),
        ("year:1990..", YearRange(1990, None)),
        ("year:abc", MatchNone()),
        ("10:30", Term(None, "10:30")),
        ("*", MatchAll()),
        ("", MatchAll()),
        ("!!!", MatchNone()),
        ("NOT NOT a", Term(None, "a")),
        ("a a", Term(None, "a")),
    ],
)
def test_parse(text, node):
    assert parse(text).node == node


@pytest.mark.parametrize(
    "text",
    [
        "japan korea",
        "treaty japan OR korea",
        '(a b) OR c -"d e"~3',
        "title:(japan OR korea) -office:current year:1980..1985",
        "code:(b)(7)(C) OR code:25x1 doc:104-10106*",
        "sakhalin~ negotiat* year:..1970",
        "-(a OR b) c",
    ],
)
def test_canonical_round_trip(text):
    parsed = parse(text)
    assert parse(parsed.canonical()).node == parsed.node
    assert str(parsed) == parsed.canonical()


def test_terms_are_positive_words_only():
    parsed = parse('japan "trade relations" -soviet title:cuba code:b6 year:1984 negotiat*')
    assert parsed.terms() == ["japan", "trade", "relations", "cuba"]


def test_blank_queries_are_flagged():
    assert parse("").blank and parse("").node == MatchAll() and not parse("").warnings
    assert parse("*").blank and parse("*").node == MatchAll()
    assert parse("~").blank and parse("~").node == MatchNone() and parse("~").warnings
    assert not parse("japan").blank


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("25x1", "25X1"),
        ("25X1", "25X1"),
        ("b6", "(b)(6)"),
        ("B6", "(b)(6)"),
        ("b7c", "(b)(7)(C)"),
        ("(b)(7)(c)", "(b)(7)(C)"),
        ("b7C", "(b)(7)(C)"),
        ("(b)(3)", "(b)(3)"),
        ("50x1-hum", "50X1-HUM"),
        ("1.4(c)", "1.4(c)"),
        ("1.4c", "1.4(c)"),
        ("(b6)", "(b)(6)"),
        ("hello", None),
        ("", None),
        ("b", None),
    ],
)
def test_normalise_code(text, code):
    assert normalise_code(text) == code


HOSTILE = [
    # (text, a warning is expected)
    ('"unbalanced', True),
    ('a "b" "c', True),
    ("(a", True),
    ("a)", True),
    ("OR", True),
    ("NOT", True),
    ("-", True),
    ("AND AND", True),
    ("a OR OR b", True),
    ("a AND", True),
    ("*", False),
    ("~", True),
    ("***", False),
    ("a*", True),
    ("*a*", True),
    ("wor*d", True),
    ("x\x00y\x00", False),
    ("\ud800 japan \udfff", False),
    ("japan " * 2_000, True),
    ("(" * 1_000, True),
    ("(" * 30 + "a" + ")" * 30, True),
    ("- " * 500, True),
    ("NOT " * 250 + "a", True),
    ("-" * 999 + "a", True),
    ("title:" * 150 + "a", True),
    ("a~2 " * 200, True),
    ("🙂 🇯🇵 👩‍👩‍👧", True),
    ("japan 🙂", False),
    ("العلاقات مع اليابان", False),
    ("יחסים עם יפן OR japan", False),
    ("e\u0301te\u0301 \u0301", False),
    ("\u202ejapan\u202c", False),
    ("title:", False),
    ("year:abc", True),
    ("year:99999999999", True),
    ("year:..", True),
    ("year:1..2..3", True),
    ("code:", False),
    ("code:(", True),
    ("doc:*", False),
    ("doc:", False),
    ("doc:---*", False),
    ("a" * 1_000 + "~2", True),
    ("ab" * 20 + "~2", False),
    ("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz*", False),
    ('"' + "a " * 600 + '"~99', True),
    ("\t\n\r\x0b\x0c", False),
    ("\\ / : ; ' ` ^ $ % & @ #", True),
]


@pytest.mark.parametrize(("text", "warns"), HOSTILE)
def test_hostile_input_is_harmless(searcher, text, warns):
    started = time.perf_counter()
    parsed = parse(text)
    warnings = []
    query = to_whoosh(parsed.node, searcher, warnings)
    searcher.search(query, limit=10)
    assert time.perf_counter() - started < 2, text[:40]  # bounded: no input makes the parser crawl
    assert isinstance(query, wq.Query)
    assert bool(parsed.warnings) == warns, parsed.warnings
    assert all(isinstance(warning, str) for warning in parsed.warnings + warnings)
    assert len(parsed.canonical()) <= 4 * len(text) + 10


def test_long_query_is_cut():
    parsed = parse("japan " * 500)
    assert parsed.node == Term(None, "japan")
    assert any("1,000" in warning for warning in parsed.warnings)


def test_clause_cap():
    parsed = parse(" ".join(f"word{n}" for n in range(80)))
    assert len(parsed.node.children) == 50
    assert any("50" in warning for warning in parsed.warnings)


def test_word_that_analyses_to_nothing_matches_nothing(searcher):
    # Built by hand: the parser drops such words itself.
    assert to_whoosh(Term(None, "\u0301"), searcher) == wq.NullQuery
    assert to_whoosh(Term("title", "japan"), searcher) == wq.Term("title", "japan")


@pytest.fixture(scope="module")
def crowded():
    """An index with many words sharing a prefix, and many spellings near "kappa"."""
    words = [f"capword{n:03d}" for n in range(100)]
    near = [f"kapp{letter}" for letter in "bcdefghijklmnopqrstuvwxyz"]
    near += [f"kap{letter}a" for letter in "bcdefghijklmnoqrstuvwxyz"]
    documents = {1: {"text": " ".join(words + near)}, 2: {"text": "capword099 kappz"}}
    with ram_index(documents).searcher() as opened:
        yield opened


def test_prefix_expansion_is_capped_to_commonest(crowded):
    parsed = parse("capword*")
    query = to_whoosh(parsed, crowded)
    terms = {term.text for term in query.subqueries}
    assert len(terms) == whoosh_query.MAX_PREFIX_TERMS
    assert "capword099" in terms  # in two memos, so among the commonest
    assert any("more than 64" in warning for warning in parsed.warnings)
    assert len(crowded.search(query, limit=None)) == 2


def test_fuzzy_expansion_is_capped_to_commonest(crowded):
    warnings = []
    query = to_whoosh(Fuzzy(None, "kappa", 1), crowded, warnings)
    terms = {term.text for term in query.subqueries}
    assert len(terms) == whoosh_query.MAX_FUZZY_TERMS
    assert "kappz" in terms
    assert any("more than 32" in warning for warning in warnings)


def test_empty_index(searcher):
    with ram_index({}).searcher() as empty:
        for text in ("japan", "japan*", "japan~", "doc:104*", "-japan", "year:1984"):
            assert len(empty.search(to_whoosh(parse(text), empty))) == 0


def test_several_segments_and_missing_fields(crowded):
    index = ram_index({1: {"text": "Sakhalin island", "title": "Sakhalin"}})
    writer = index.writer()
    writer.add_document(id="archive.memo.2", django_id="2", text="sakhalln coast")
    writer.commit(merge=False)
    with index.searcher() as opened:
        assert len(opened.reader().leaf_readers()) == 2
        for text, expected in [("sakhalin~", {1, 2}), ("sakh*", {1, 2}), ("title:sakhalin~", {1})]:
            hits = opened.search(to_whoosh(parse(text), opened), limit=None)
            assert {int(hit["django_id"]) for hit in hits} == expected
    for text in ("title:kappa~", "office:kap*", "doc:kappa~", "code:25x*"):
        assert len(crowded.search(to_whoosh(parse(text), crowded))) == 0


def test_expansions_per_query_are_capped(crowded):
    parsed = parse(" OR ".join(["capword*"] * 3 + [f"kapp{n}a~" for n in range(12)]))
    to_whoosh(parsed, crowded)
    assert any("Only 10 wildcard" in warning for warning in parsed.warnings)
