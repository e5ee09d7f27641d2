"""The fields a query can name and the limits of one search: one table, read by the three
query compilers (whoosh/query.py, xapian/query.py, elasticsearch/translate.py) and by the three
"more like this" (whoosh/similar.py, xapian/engine.py, elasticsearch/bodies.py), so that a
query means and costs the same on every engine.
"""

# A query's field (query.py: `title:`, `from:` ...; None for no field) -> the index field it
# searches (archive/search_indexes.py, MemoIndex).
FIELDS = {
    None: "text",
    "title": "title",
    "office": "office",
    "agency": "agency",
    "from": "sender",
    "to": "recipient",
    "doc": "identifiers",
    "code": "codes",
}
# Plain words and phrases (no field) also search the title, a match there counting this many
# times a match in the text. The title is in the text too, so what matches stays the same;
# only the order changes.
TITLE_FIELD = "title"
TITLE_BOOST = 1.0
# Index fields matched as exact values (identifiers in their normal form, codes as printed);
# the others are words.
KEYWORD_FIELDS = ("identifiers", "codes")
YEAR_FIELD = "year"  # `year:` is a range of years, not words

# Terms one wildcard word (`sov*`) or fuzzy word (`sakhalin~`) expands to at most, the ones in
# most memos first.
MAX_PREFIX_TERMS = 64
MAX_FUZZY_TERMS = 32

# More like this: a memo's most distinctive stems, read from the start of its text; a stem in
# more than MAX_SHARE of the memos says nothing distinctive.
KEY_TERMS = 12
SIMILAR_CHARS = 40_000
MAX_SHARE = 0.2
