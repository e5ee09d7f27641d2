"""Related memos of a sparse search: when a search of plain words finds fewer than SPARSE
documents, its first page also shows, apart from the results, up to SHOWN memos that do not
hold its words but share the found memos' most distinctive ones.

A researcher who types a rare name or place gets the few memos that write it, then, under their
own heading, memos on the same matter that do not (for "srebrenica", the options paper and the
summary of conclusions on the safe areas that name Zepa and Gorazde but not the town). The
words come from the best DOCS documents found (copies folded): their TERMS most distinctive
stems by tf-idf (`distinctive`; Whoosh: whoosh/similar.py's key_terms, the same weights), the
query's own left out; a memo holding SHARED of them or more is related, and related memos are
ranked by the weights of the stems they hold (Elasticsearch: its score of them). They obey the
search's filters and dates and never include a memo left out; they are no part of its total,
facets, exports or feed, which count and list the memos holding the words. Only a relevance
search of plain words that is not strict=1 gets them (feedback.plain).
"""

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import numpy as np

from archive.public_text import public_text
from archive.search import analysis, feedback
from archive.search.columns import folded
from archive.search.fields import MAX_SHARE

SPARSE = 10  # documents found by the words: fewer, and related memos are shown
SHOWN = 10  # related memos shown at most
DOCS = 5  # best documents found whose words lead
TERMS = 10  # their most distinctive stems
SHARED = 3  # of those stems a related memo holds at least
CHARS = feedback.CHARS  # characters of each best document read for its stems


@dataclass
class Related:
    """The related memos of a search: the words that led to them, as the memos found write
    them; how many memos hold enough of them (`count`); the best of them (`ids`, memo ids, best
    first: SHOWN and a few more, for the copies folded); `hits`, the service's Hits of them."""

    words: list = field(default_factory=list)
    count: int = 0
    ids: list = field(default_factory=list)
    hits: list = field(default_factory=list)


def wanted(request, parsed, sort):
    """Whether this search may list related memos (a relevance search of plain words)."""
    return feedback.plain(request, parsed, sort)


def sparse(result, tables, groups):
    """Whether the matches of `result` (a mask of document numbers) are at least one document
    and fewer than SPARSE, copies folded (`groups`: memo id -> copy group, or None); a result
    of more than SPARSE * 20 memos is not counted (no document has that many copies)."""
    memos = int(np.count_nonzero(result))
    if memos < SPARSE:
        return memos > 0
    if groups is None or memos > SPARSE * 20:
        return False
    return memos - folded(tables, result, groups) < SPARSE


def leads(ids, groups):
    """The first DOCS standing memo ids of the words' matches (`ids`, in rank order; `groups`:
    memo id -> copy group, or None) when they hold fewer than SPARSE documents; else []."""
    standing = feedback.standing_ids(ids, groups, SPARSE)
    return standing[:DOCS] if len(standing) < SPARSE else []


def lead_texts(ids):
    """The public text (title first) of these published memos, CHARS of each, in order."""
    from archive.models import Memo

    memos = Memo.objects.published().prefetch_related("suppressions").in_bulk(ids)
    return [f"{memos[pk].title}\n{public_text(memos[pk])}"[:CHARS] for pk in ids if pk in memos]


def distinctive(texts, frequency, total, own):
    """[(stem, weight)] of the TERMS stems that best set these texts apart, best first: each
    text's stems weighed (`weighed`), combined over the texts (feedback.combined_terms); the
    stems of `own` left out. `frequency(stem)`: in how many of the `total` memos it stands."""
    known = {}

    def once(stem):
        if stem not in known:
            known[stem] = frequency(stem)
        return known[stem]

    lists = [weighed(Counter(s for s, _word in analysis.stems(t)), once, total) for t in texts]
    return feedback.combined_terms(lists, set(own), TERMS)


def weighed(counts, frequency, total):
    """[(stem, weight)] of the TERMS * 2 stems that best set one text apart (`counts`: stem ->
    times in the text), best first: tf-idf as whoosh/similar.py's key_terms weighs them ((1 +
    log tf) * log(total / df)), stems of three letters or more and no number, in 2 memos or more
    and MAX_SHARE of them at most. `frequency(stem)`: in how many of the `total` memos."""
    weighted = []
    for stem, tf in counts.items():
        if len(stem) < 3 or stem.isdigit() or tf < 1:
            continue
        df = frequency(stem)
        if 2 <= df <= max(2, total * MAX_SHARE):
            weight = (1 + math.log(tf)) * math.log(total / df)
            if weight > 0:
                weighted.append((stem, weight))
    weighted.sort(key=lambda item: (-item[1], item[0]))
    return weighted[: TERMS * 2]


def found(listed, score, django_id, stems, texts):
    """The Related of the memos of `listed` (a mask of document numbers; `score`: theirs;
    `django_id`: document number -> memo id), led by `stems` of `texts`; None for none."""
    if not listed.any():
        return None
    return Related(
        words=words([stem for stem, _weight in stems], texts),
        count=int(np.count_nonzero(listed)),
        ids=[int(pk) for pk in django_id[best(listed, score)] if pk >= 0],
    )


def shared(matches, size):
    """(mask of the documents holding at least SHARED stems, each document's score: the
    weights of the stems it holds), from [(document numbers holding a stem, its weight)]."""
    count = np.zeros(size, dtype=np.int32)
    score = np.zeros(size, dtype=np.float64)
    for docnums, weight in matches:
        docnums = np.unique(np.asarray(docnums, dtype=np.int64))
        docnums = docnums[(docnums >= 0) & (docnums < size)]
        count[docnums] += 1
        score[docnums] += weight
    return count >= SHARED, score


def best(listed, score, limit=SHOWN * 2):
    """The document numbers of `listed` (a mask) with the best scores, best first (ties: the
    lower number first), `limit` of them at most."""
    docnums = np.flatnonzero(listed)
    return docnums[np.lexsort((docnums, -score[docnums]))][:limit]


def words(stems, texts):
    """Each stem as the texts write it most often (capitals kept: "Gorazde", "UNPROFOR"), in
    the stems' order; a stem the texts never write is shown as it is."""
    wanted_stems = set(stems)
    forms = defaultdict(Counter)
    for text in texts:
        for stem, word in analysis.stems(text):
            if stem in wanted_stems:
                forms[stem][word] += 1
    shown = []
    for stem in stems:
        written = forms[stem].most_common()
        shown.append(min(written, key=lambda item: (-item[1], item[0]))[0] if written else stem)
    return shown
