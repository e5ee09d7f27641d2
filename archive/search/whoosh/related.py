"""Related memos of a sparse search, on Whoosh (search/related.py): the stems that set the best
documents found apart (whoosh/similar.py's key_terms), and the memos holding enough of them."""

import numpy as np
from whoosh import query as wq

from archive.search import feedback, related
from archive.search.whoosh.docsets import mask_for
from archive.search.whoosh.query import whoosh_text_terms
from archive.search.whoosh.similar import key_terms


def related_memos(searcher, tables, everything, base, within, request, groups, query, hidden):
    """The related.Related of a sparse search, or None. `everything`: (document numbers,
    scores) of every match; `base`: the matches within the dates, the memos left out
    (`hidden`) cleared; `within`: the mask of the facet values chosen (None: no choice)."""
    docnums, scores = everything
    result = base if within is None else base & within
    if not related.sparse(result, tables, groups):
        return None
    keep = result[docnums] if len(docnums) else np.zeros(0, dtype=bool)
    order = np.lexsort((docnums[keep], -scores[keep]))
    ids = [int(pk) for pk in tables.django_id[docnums[keep][order]] if pk >= 0]
    leads = related.leads(ids, groups)
    texts = related.lead_texts(leads) if leads else []
    if not texts:
        return None
    own = set(whoosh_text_terms(query))
    lists = [key_terms(searcher, text, related.TERMS * 2, hidden) for text in texts]
    stems = feedback.combined_terms(lists, own, related.TERMS)
    matches = [
        (np.flatnonzero(mask_for(wq.Term("text", stem), searcher, tables)), weight)
        for stem, weight in stems
    ]
    enough, score = related.shared(matches, tables.size)
    listed = enough & tables.live & ~base
    listed[hidden] = False
    if request.start or request.end:
        listed &= tables.date_mask(request.start, request.end)
    if within is not None:
        listed &= within
    return related.found(listed, score, tables.django_id, stems, texts)
