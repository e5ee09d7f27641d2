"""Pseudo-relevance feedback on Whoosh (search/feedback.py): the first run's best documents'
distinctive stems added to the scores of the memos the query matched."""

import numpy as np
from whoosh import query as wq

from archive.public_text import public_text
from archive.search import feedback
from archive.search.whoosh.query import whoosh_text_terms
from archive.search.whoosh.scores import dense_scores
from archive.search.whoosh.similar import key_terms


def fed_back(searcher, tables, everything, result, groups, wanted, whoosh_query, hidden):
    """(document numbers, scores) of every match, as `everything`, each score raised by the
    feedback stems it holds; the best documents are read within `result` (the request's
    filters, memos left out cleared) and only from the published memos' public text."""
    from archive.models import Memo

    docnums, scores = everything
    keep = result[docnums] if len(docnums) else np.zeros(0, dtype=bool)
    order = np.lexsort((docnums[keep], -scores[keep]))[: wanted.docs * 4]
    ids = [int(pk) for pk in tables.django_id[docnums[keep][order]] if pk >= 0]
    ids = feedback.standing_ids(ids, groups, wanted.docs)
    memos = Memo.objects.published().in_bulk(ids)
    texts = [
        f"{memos[pk].title}\n{public_text(memos[pk])}"[: feedback.CHARS]
        for pk in ids
        if pk in memos
    ]
    own = set(whoosh_text_terms(whoosh_query))
    lists = [key_terms(searcher, text, wanted.terms * 2, hidden) for text in texts]
    terms = feedback.combined_terms(lists, own, wanted.terms)
    if not terms:
        return everything
    expansion = wq.Or([wq.Term("text", stem, boost=wanted.weight * w) for stem, w in terms])
    found = dense_scores(expansion, searcher)
    if found is None:
        return everything
    mask, extra, _tables = found
    return docnums, scores + np.where(mask[docnums], extra[docnums], 0.0)
