"""Per-document values as numpy columns, shared by the embedded engines.

A Tables holds one row per document number of an index (Whoosh's document numbers, or
Xapian's document ids): memo id, date, publication time and each facet's values as small
integer ids. Counting facets over a whole result set, filtering by date or facet value and
sorting by date are then array operations on a boolean mask of the matching documents, not a
Python loop per document. whoosh/tables.py and xapian/tables.py build them.
"""

import threading
from dataclasses import dataclass

import numpy as np

from archive.search.params import FACETS

# Facet value ids, and the document numbers of multi-valued facets' (document, value) pairs:
# four bytes each (the entity facet holds ~7 pairs a memo).
IDS = np.int32

_lock = threading.Lock()
_vocabularies = {}  # facet name -> Vocabulary


class Vocabulary:
    """The values of one facet seen in this process, each with a fixed small integer id."""

    def __init__(self):
        self.values = []
        self.ids = {}
        self.lock = threading.Lock()

    def id(self, value):
        """The id of a value, assigned on first sight."""
        found = self.ids.get(value)
        if found is None:
            with self.lock:  # two threads may read new segments at once
                found = self.ids.get(value)
                if found is None:
                    self.values.append(value)
                    found = self.ids[value] = len(self.values) - 1
        return found


def vocabulary(name):
    """The Vocabulary of a facet."""
    with _lock:
        return _vocabularies.setdefault(name, Vocabulary())


@dataclass
class Tables:
    """The columns of a whole searcher: one row per document number."""

    size: int
    live: np.ndarray
    django_id: np.ndarray
    date: np.ndarray  # proleptic day number (date.toordinal()), -1 if undated
    published: np.ndarray  # Whoosh ticks, -1 if unknown
    single: dict
    multi: dict

    def docnums(self, mask):
        """Document numbers where the mask is set, ascending."""
        return np.flatnonzero(mask)

    def value_mask(self, name, values):
        """Documents having any of these values of a facet."""
        vocab = vocabulary(name)
        wanted = [vocab.ids[value] for value in values if value in vocab.ids]
        mask = np.zeros(self.size, dtype=bool)
        if not wanted:
            return mask
        if name in self.single:
            return np.isin(self.single[name], wanted)
        if name in self.multi:
            docs, vals = self.multi[name]
            mask[docs[np.isin(vals, wanted)]] = True
        return mask

    def counts(self, name, mask, limit=None):
        """[(value, count)] of a facet over the masked documents, commonest first.

        With a limit, only the `limit` commonest values (ties broken by value).
        """
        vocab = vocabulary(name)
        if name in self.single:
            ids = self.single[name][mask]
            ids = ids[ids >= 0]
        elif name in self.multi:
            docs, vals = self.multi[name]
            ids = vals[mask[docs]]
        else:
            return []
        if not len(ids):
            return []
        counts = np.bincount(ids, minlength=len(vocab.values))
        found = np.flatnonzero(counts)
        if limit is not None and len(found) > limit:
            # The limit-th largest count, and every value at least that common (ties kept,
            # then cut after sorting, so the order never depends on the partition).
            floor = np.partition(counts[found], len(found) - limit)[len(found) - limit]
            found = found[counts[found] >= floor]
        pairs = [(vocab.values[i], int(counts[i])) for i in found]
        pairs.sort(key=lambda pair: (-pair[1], pair[0]))
        return pairs[:limit] if limit is not None else pairs

    def date_mask(self, start=None, end=None):
        """Documents dated within [start, end] (datetime.date bounds; None: open)."""
        mask = self.date >= 0
        if start is not None:
            mask &= self.date >= start.toordinal()
        if end is not None:
            mask &= self.date <= end.toordinal()
        return mask

    def order_by(self, column, mask, reverse=False, limit=None):
        """Masked document numbers by a column, missing values last; ties by document number."""
        docnums = np.flatnonzero(mask)
        keys = column[docnums]
        if reverse:
            keys = np.where(keys < 0, np.iinfo(np.int64).max, -keys)
        else:
            keys = np.where(keys < 0, np.iinfo(np.int64).max, keys)
        if limit is not None and limit < len(docnums):
            part = np.argpartition(keys, limit - 1)[:limit]
            docnums, keys = docnums[part], keys[part]
        return docnums[np.lexsort((docnums, keys))]


def folded(tables, result, groups):
    """How many documents of the result set are copies of another one in it (archive/copies.py):
    `groups` maps a memo id to its copy group's number, -1 for a memo alone (None: no groups)."""
    if groups is None or not len(groups) or not result.any():
        return 0
    ids = tables.django_id[result]
    ids = ids[(ids >= 0) & (ids < len(groups))]
    numbers = groups[ids]
    numbers = numbers[numbers >= 0]
    return int(len(numbers) - len(np.unique(numbers)))


def selections(tables, filters):
    """{facet name: mask of the documents having any chosen value} of a request's filters."""
    from archive.search.params import FACETS_BY_NAME

    return {
        name: tables.value_mask(name, values)
        for name, values in filters.items()
        if name in FACETS_BY_NAME and values
    }


def facet_counts(tables, base, chosen, listed):
    """{facet: [(value, count)]} over the base mask and the chosen values' masks.

    A facet's own choice is left out of its counts (OR within a facet, AND across), so the
    values a researcher can still add stay visible with their counts; text facets list the
    `listed` commonest values, years, decades and yes/no all of theirs.
    """
    counts = {}
    for facet in FACETS:
        mask = base.copy()
        for name, selection in chosen.items():
            if name != facet.name:
                mask &= selection
        limit = None if facet.kind in ("int", "bool") else listed
        counts[facet.name] = tables.counts(facet.name, mask, limit=limit)
    return counts
