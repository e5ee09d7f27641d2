"""More like this: the memos whose words most resemble one memo's distinctive words.

The index does not store the text, so the memo's key terms are taken from its database text:
its stems weighted by frequency in the memo and rarity in the index (tf-idf), leaving out
what nearly every memo says. The memos scoring best on an OR of those terms are its
neighbours; the memo itself is masked out.

The OR is scored here with numpy, by Whoosh's own BM25F formula over each term's postings read
a block at a time (whoosh_tables.leaf_postings) and the cached document lengths: Whoosh's
matchers took ~60 ms a memo at 100,000 memos, a Python call per posting of every term. Another
weighting model than BM25F is left to Whoosh's searcher.
"""

import math
from collections import Counter

import numpy as np
from whoosh import query as wq
from whoosh.scoring import BM25F

from archive.search import engine, whoosh_tables

TEXT_CHARS = 40_000  # of a memo's text read for its key terms
KEY_TERMS = 12
MAX_SHARE = 0.2  # terms in more than this share of memos say nothing distinctive
KNOWN_WORDS = 200_000  # document frequencies kept per searcher (~25 MB at most)


def key_terms(searcher, text, count=KEY_TERMS):
    """(term, weight) of the most distinctive stems of a text, best first."""
    field = searcher.schema["text"]
    reader = searcher.reader()
    total = max(1, reader.doc_count())
    frequencies = Counter(
        token
        for token in field.process_text(text[:TEXT_CHARS], mode="index")
        if len(token) >= 3 and not token.isdigit()
    )
    # Document frequencies looked up before, kept with this searcher (a new one after any
    # change to the index): most of a memo's words were in the memos viewed before it.
    known = searcher.__dict__.setdefault("_archive_text_df", {})
    if len(known) > KNOWN_WORDS:
        known.clear()
    scored = []
    for term, tf in frequencies.items():
        df = known.get(term)
        if df is None:
            df = known[term] = reader.doc_frequency("text", term)
        if df < 2 or df > max(2, total * MAX_SHARE):
            continue  # only in this memo (often OCR noise), or in most memos
        weight = (1 + math.log(tf)) * math.log(total / df)
        if weight > 0:  # a term in every memo (a tiny archive) tells nothing, and weighs 0
            scored.append((weight, term))
    scored.sort(reverse=True)
    return [(term, weight) for weight, term in scored[:count]]


def similar_ids(memo, limit=5):
    """Ids of the indexed memos most like this memo, best first; [] if the index is empty."""
    searcher = engine.searcher()
    if searcher.doc_count() == 0:
        return []
    terms = key_terms(searcher, f"{memo.title}\n{memo.text}")
    if not terms:
        return []
    top = terms[0][1]
    boosted = [(term, weight / top) for term, weight in terms]
    if type(searcher.weighting) is not BM25F:
        return _whoosh_similar(searcher, memo, boosted, limit)
    return _scored_similar(searcher, memo, boosted, limit)


def bm25_scores(searcher, fieldname, boosted):
    """Each document's score for an OR of (term, boost): what Whoosh's BM25F gives, or 0."""
    tables = whoosh_tables.tables(searcher)
    weighting = searcher.weighting
    b = weighting._field_B.get(fieldname, weighting.B)
    k1 = weighting.K1
    average = searcher.avg_field_length(fieldname) or 1
    field = searcher.schema[fieldname]
    norm = k1 * ((1 - b) + b * tables.text_length / average)
    scores = np.zeros(tables.size, dtype=np.float64)
    for term, boost in boosted:
        btext = field.to_bytes(term)
        idf = searcher.idf(fieldname, btext)
        for leaf, offset in searcher.reader().leaf_readers():
            ids, tf = whoosh_tables.leaf_postings(leaf, fieldname, btext)
            if len(ids):
                docs = ids + offset
                scores[docs] += boost * idf * (tf * (k1 + 1)) / (tf + norm[docs])
    scores[~tables.live] = 0.0
    return scores, tables


def _scored_similar(searcher, memo, boosted, limit):
    scores, tables = bm25_scores(searcher, "text", boosted)
    scores[tables.django_id == memo.pk] = 0.0
    candidates = np.flatnonzero(scores > 0)
    if len(candidates) > limit:  # the best `limit`, and any tied with the last of them
        cut = np.partition(scores[candidates], len(candidates) - limit)[len(candidates) - limit]
        candidates = candidates[scores[candidates] >= cut]
    # Best first; equal scores in document order, as Whoosh's collector keeps them.
    best = candidates[np.lexsort((candidates, -scores[candidates]))][:limit]
    return [int(pk) for pk in tables.django_id[best] if pk >= 0]


def _whoosh_similar(searcher, memo, boosted, limit):
    query = wq.Or([wq.Term("text", term, boost=boost) for term, boost in boosted])
    own = wq.Term("id", engine.identifier(memo.pk))
    hits = searcher.search(query, limit=limit + 1, mask=own)
    ids = [int(hit["django_id"]) for hit in hits]
    return [pk for pk in ids if pk != memo.pk][:limit]
