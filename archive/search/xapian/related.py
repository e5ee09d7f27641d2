"""Related memos after a sparse search, on Xapian (search/related.py): the stems that set the
best documents found apart (tf-idf, the database's document frequencies), and the memos
holding enough of them, listed after every match."""

import numpy as np
import xapian

from archive.search import related
from archive.search.xapian import tables as xapian_tables
from archive.search.xapian.feedback import memo_id
from archive.search.xapian.query import dates, filtered, term


def related_memos(db, tables, enquire, query, base, within, request, groups, hidden):
    """The related.Related of a sparse search, or None. `enquire` ranks the matches (the
    facet values chosen applied); `query`: the words' query; `base`: its matches within the
    dates, the memos left out (`hidden`, document ids) cleared; `within`: the mask of the
    facet values chosen (None: no choice)."""
    result = base if within is None else base & within
    if not related.sparse(result, tables, groups):
        return None
    mset = enquire.get_mset(0, int(np.count_nonzero(result)))
    texts = related.lead_texts(related.leads([memo_id(m.document) for m in mset], groups))
    if not texts:
        return None
    held = held_terms(db, hidden)

    def frequency(stem):
        name = term("", stem)
        return db.get_termfreq(name) - held.get(name.encode(), 0)

    total = db.get_doccount() - len(hidden)
    own = {name.decode("utf-8", "replace") for name in query}
    stems = related.distinctive(texts, frequency, total, own)
    matches = [(_postings(db, term("", stem)), weight) for stem, weight in stems]
    enough, score = related.shared(matches, tables.size)
    listed = enough & tables.live & ~base
    listed[hidden] = False
    if request.start or request.end:
        dated = filtered(xapian.Query.MatchAll, [dates(request.start, request.end)])
        listed &= np.isin(np.arange(tables.size), xapian_tables.matched(db, dated))
    if within is not None:
        listed &= within
    return related.found(listed, score, tables.django_id, stems, texts)


def held_terms(db, docids):
    """{term: how many of these documents hold it}, from their term lists."""
    held = {}
    for docid in np.asarray(docids, dtype=np.int64).tolist():
        for item in db.termlist(docid):
            held[item.term] = held.get(item.term, 0) + 1
    return held


def _postings(db, name):
    """Ids of the documents holding a term."""
    return np.fromiter((item.docid for item in db.postlist(name)), dtype=np.int64)
