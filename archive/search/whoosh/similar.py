"""More like this: the memos whose words most resemble one memo's distinctive words.

The index does not store the text, so the memo's key terms are taken from its database text:
its stems weighted by frequency in the memo and rarity in the index (tf-idf), leaving out
what nearly every memo says. The memos scoring best on an OR of those terms are its
neighbours; the memo itself is masked out, and so are the memos the caller excludes (just
taken off publication, still in the index), whose words count for nothing either.

The OR is scored with numpy by Whoosh's own BM25F (scores.py): Whoosh's matchers took
~60 ms a memo at 100,000 memos, a Python call per posting of every term. Another weighting
model than BM25F is left to Whoosh's searcher.
"""

import math
from collections import Counter

import numpy as np
from whoosh import query as wq

from archive.public_text import public_text
from archive.search import documents
from archive.search.analysis import stems
from archive.search.fields import KEY_TERMS, MAX_SHARE, SIMILAR_CHARS
from archive.search.whoosh import index
from archive.search.whoosh.docsets import NO_DOCUMENTS, by_segment, docnums_of, frequency_within
from archive.search.whoosh.scores import dense_scores

KNOWN_WORDS = 200_000  # document frequencies kept per searcher (~25 MB at most)


def key_terms(searcher, text, count=KEY_TERMS, hidden=()):
    """(term, weight) of the most distinctive stems of a text, best first; the documents
    `hidden` (document numbers, ascending) are not counted."""
    field = searcher.schema["text"]  # analysed by analysis.text_analyzer(), as stems() reads
    reader = searcher.reader()
    total = max(1, reader.doc_count() - len(hidden))
    places = by_segment(reader, hidden) if len(hidden) else []
    frequencies = Counter(
        token
        for token, _word in stems(text[:SIMILAR_CHARS])
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
        if places and df >= 2:
            df -= frequency_within(places, "text", field.to_bytes(term))
        if df < 2 or df > max(2, total * MAX_SHARE):
            continue  # only in this memo (often OCR noise), or in most memos
        weight = (1 + math.log(tf)) * math.log(total / df)
        if weight > 0:  # a term in every memo (a tiny archive) tells nothing, and weighs 0
            scored.append((weight, term))
    scored.sort(reverse=True)
    return [(term, weight) for weight, term in scored[:count]]


def similar_ids(memo, limit=5, exclude=frozenset()):
    """Ids of the indexed memos most like this memo, best first, the memos of `exclude` left
    out; [] if the index is empty."""
    searcher = index.searcher()
    if searcher.doc_count() == 0:
        return []
    hidden = docnums_of(searcher, exclude)
    terms = key_terms(searcher, f"{memo.title}\n{public_text(memo)}", hidden=hidden)
    if not terms:
        return []
    top = terms[0][1]
    boosted = [(term, weight / top) for term, weight in terms]
    return _scored_similar(searcher, memo, boosted, limit, hidden)


def _scored_similar(searcher, memo, boosted, limit, hidden=NO_DOCUMENTS):
    found = dense_scores(_query(boosted), searcher)
    if found is None:
        return _whoosh_similar(searcher, memo, boosted, limit, hidden)
    mask, scores, tables = found
    mask &= tables.live & (tables.django_id != memo.pk)
    mask[hidden] = False
    candidates = np.flatnonzero(mask)
    if len(candidates) > limit:  # the best `limit`, and any tied with the last of them
        cut = np.partition(scores[candidates], len(candidates) - limit)[len(candidates) - limit]
        candidates = candidates[scores[candidates] >= cut]
    # Best first; equal scores in document order, as Whoosh's collector keeps them.
    best = candidates[np.lexsort((candidates, -scores[candidates]))][:limit]
    return [int(pk) for pk in tables.django_id[best] if pk >= 0]


def _query(boosted):
    return wq.Or([wq.Term("text", term, boost=boost) for term, boost in boosted])


def _whoosh_similar(searcher, memo, boosted, limit, hidden=NO_DOCUMENTS):
    query = _query(boosted)
    own = wq.Term("id", documents.identifier(memo.pk))
    masked = own
    if len(hidden):
        masked = set(hidden.tolist()) | set(searcher.docs_for_query(own))
    hits = searcher.search(query, limit=limit + 1, mask=masked)
    ids = [int(hit["django_id"]) for hit in hits]
    return [pk for pk in ids if pk != memo.pk][:limit]
