"""More like this: the memos whose words most resemble one memo's distinctive words.

The index does not store the text, so the memo's key terms are taken from its database text:
its stems weighted by frequency in the memo and rarity in the index (tf-idf), leaving out
what nearly every memo says. The memos scoring best on an OR of those terms are its
neighbours; the memo itself is masked out.
"""

import math
from collections import Counter

from whoosh import query as wq

from archive.search import engine

TEXT_CHARS = 40_000  # of a memo's text read for its key terms
KEY_TERMS = 12
MAX_SHARE = 0.2  # terms in more than this share of memos say nothing distinctive


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
    scored = []
    for term, tf in frequencies.items():
        df = reader.doc_frequency("text", term)
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
    query = wq.Or([wq.Term("text", term, boost=weight / top) for term, weight in terms])
    own = wq.Term("id", engine.identifier(memo.pk))
    hits = searcher.search(query, limit=limit + 1, mask=own)
    ids = [int(hit["django_id"]) for hit in hits]
    return [pk for pk in ids if pk != memo.pk][:limit]
