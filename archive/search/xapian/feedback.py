"""Pseudo-relevance feedback on Xapian (search/feedback.py): the ESet of an RSet of the first
run's best documents, weighing in with AND_MAYBE where the query matches."""

import xapian

from archive.search import feedback
from archive.search.fields import MAX_SHARE
from archive.search.xapian.query import ID_SLOT


def memo_id(document):
    """The memo id of a Xapian document."""
    return int(xapian.sortable_unserialise(document.get_value(ID_SLOT)))


class _TextStems(xapian.ExpandDecider):
    """The full-text stems worth adding to a query: not the query's own, nor in one memo only
    (often OCR noise) or in more than MAX_SHARE of them."""

    def __init__(self, db, own):
        super().__init__()
        self.db, self.own = db, own
        self.most = max(2, db.get_doccount() * MAX_SHARE)

    def __call__(self, name):
        text = name.decode("utf-8", "replace")
        if not text[:1].islower() or len(text) < 3 or name in self.own:
            return False
        return 2 <= self.db.get_termfreq(name) <= self.most


def fed_back(db, enquire, query, wanted, groups):
    """The query with the feedback stems of its best documents (search/feedback.py: Xapian's
    ESet of an RSet of them, copies folded) weighing in where it matches: AND_MAYBE."""
    mset = enquire.get_mset(0, wanted.docs * 4)
    pairs = [(m.docid, memo_id(m.document)) for m in mset]
    best = set(feedback.standing_ids([pk for _docid, pk in pairs], groups, wanted.docs))
    rset = xapian.RSet()
    for docid, pk in pairs:
        if pk in best:
            rset.add_document(docid)
    if rset.empty():
        return query
    decider = _TextStems(db, set(query))  # the query's own terms (bytes) left out
    eset = enquire.get_eset(wanted.terms, rset, decider)
    terms = [(item.term, item.weight) for item in eset]
    if not terms or terms[0][1] <= 0:
        return query
    top = terms[0][1]
    scaled = [
        xapian.Query(xapian.Query.OP_SCALE_WEIGHT, xapian.Query(name), wanted.weight * w / top)
        for name, w in terms
    ]
    expansion = xapian.Query(xapian.Query.OP_OR, scaled)
    return xapian.Query(xapian.Query.OP_AND_MAYBE, query, expansion)
