"""Memos as Xapian documents: the terms of each text field (the Whoosh analyzer's stems with
their positions, and each word as written, for names and spellings), the exact terms of
identifiers, codes and facet values, the slots the engine sorts and counts by, and the stored
fields (xapian/engine.py writes them; xapian/query.py names the terms and slots)."""

import datetime
import json

import xapian
from whoosh.analysis import StemFilter

from archive.identifiers import doc_key
from archive.search.analysis import SEPARATOR, text_analyzer
from archive.search.params import FACETS
from archive.search.xapian import tables as xapian_tables
from archive.search.xapian.query import (
    DATE_SLOT,
    EXACT,
    FACET_SLOTS,
    ID_SLOT,
    INDEX_FIELDS,
    PUBLISHED_SLOT,
    REVISION_SLOT,
    term,
)

STEMS_KEPT = 100_000  # words (per field) whose terms a process keeps (~26 MB for the text)
_terms = {}  # field prefix -> {word: (its stem's term, its own term)}
_analyzer = None


def _facet_value(facet, value):
    if facet.kind == "bool":
        return "yes" if value else "no"
    return str(value)


def build_document(prepared, revision=None):
    """A xapian.Document from MemoIndex's prepared values (written in `revision`)."""
    doc = xapian.Document()
    position = 1
    for field, prefix in INDEX_FIELDS.items():
        text = prepared.get(field)
        if not text:
            continue
        _add_words(doc, prefix, str(text), position)
        position += 100_000  # no phrase spans two fields
    for value in prepared.get("identifiers") or ():
        doc.add_term(term(EXACT["doc"], doc_key(value)))
    for value in prepared.get("codes") or ():
        doc.add_term(term(EXACT["code"], str(value)))
    for facet in FACETS:
        raw = prepared.get(f"{facet.field}_exact", prepared.get(facet.field))
        values = raw if isinstance(raw, list | tuple) else [] if raw in (None, "") else [raw]
        values = [_facet_value(facet, value) for value in values]
        for value in values:
            doc.add_term(term(f"F{facet.name}:", value))
        if values:
            doc.add_value(FACET_SLOTS[facet.name], SEPARATOR.join(values))
    doc.add_value(ID_SLOT, xapian.sortable_serialise(int(prepared["django_id"])))
    if prepared.get("date"):
        doc.add_value(DATE_SLOT, prepared["date"].strftime("%Y%m%d"))
    if prepared.get("published"):
        doc.add_value(PUBLISHED_SLOT, prepared["published"].isoformat())
    stored = {key: value for key, value in prepared.items() if key != "text"}
    doc.set_data(json.dumps(stored, default=_json_default))
    if revision is not None:
        doc.add_value(REVISION_SLOT, xapian_tables.stamp(revision))
    doc.add_term(term("Q", prepared["id"]))
    return doc


def _add_words(doc, prefix, text, position):
    """Each token of text: its stem's term with its position, its word's term (once, with its
    count as the within-document frequency). The two terms of a word are kept per process."""
    analyzer, stem = _analysis()
    kept = _terms.setdefault(prefix, {})
    add_posting, counts = doc.add_posting, {}
    for token in analyzer(text, positions=True, no_morph=True):
        word = token.text
        if not word:
            continue
        found = kept.get(word)
        if found is None:
            found = (term(prefix, stem(word)), term("W" + prefix, word))
            if len(kept) < STEMS_KEPT:
                kept[word] = found
        add_posting(found[0], position + token.pos)
        counts[found[1]] = counts.get(found[1], 0) + 1
    for name, count in counts.items():
        doc.add_term(name, count)


def _analysis():
    global _analyzer
    if _analyzer is None:
        analyzer = text_analyzer()
        stemmer = next(f for f in analyzer.items if isinstance(f, StemFilter))
        if stemmer.lang or stemmer.ignore:
            raise ValueError("_add_words() stems with the analyzer's plain stem function only")
        _analyzer = (analyzer, stemmer.stemfn)
    return _analyzer


def _json_default(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    raise TypeError(type(value))
