"""The thesaurus (models.ThesaurusEntry) applied to a query: the term and its alternatives.

Each engine's compiler calls expand() on the words of a query before compiling them: a plain
word, a quoted phrase or a run of plain words that is one form of an entry (compared by their
stems: "sea launched cruise missiles" is a form of "sea-launched cruise missile") becomes a
query.Alternatives node, the words as typed OR the entry's other forms, those weighted below them
(weight()).
The entries are read from the database once per change (a version in the cache, moved by each
save or delete: signals below), so every process sees a curator's change at its next search.
"""

import logging
import threading

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from archive.search import query as q
from archive.search.analysis import text_analyzer

log = logging.getLogger("archive.search")

WEIGHT = 0.5  # an alternative's score per word, against the words as typed
MAX_WORDS = 8  # the longest form matched in a query, in words
VERSION_KEY = "thesaurus:version"
_lock = threading.Lock()
_loaded = {"version": object(), "table": None}


def weight(other, node=None):
    """The weight of an alternative (a Term or Phrase) of an Alternatives `node`: the node's
    own (a name's variant: names.py), else WEIGHT over its number of words, so that a phrase of
    rare words does not outscore the one word typed."""
    if node is not None and node.weights is not None:
        return node.weights[node.others.index(other)]
    return WEIGHT / max(1, len(getattr(other, "words", ())))


def stems(text):
    """The index terms of a text (its words' stems), as a tuple."""
    return tuple(token.text for token in text_analyzer()(str(text)) if token.text)


def _node(form):
    words = tuple(form.replace("-", " ").split())
    return q.Term(None, words[0]) if len(words) == 1 else q.Phrase(None, words)


def build(entries):
    """{stems of a form: (that form, ((other form, its node), ...))} of (term, forms) pairs."""
    table = {}
    for forms in entries:
        keyed = [(form, stems(form)) for form in forms]
        keyed = [(form, key) for form, key in keyed if key and len(key) <= MAX_WORDS]
        for form, key in keyed:
            others = tuple((o, _node(o)) for o, other in keyed if other != key)
            if others and key not in table:
                table[key] = (form, others)
    return table


def table():
    """The active entries' table (build()), read again after any change; {} if unreadable."""
    version = cache.get(VERSION_KEY)
    if version is not None and version == _loaded["version"]:
        return _loaded["table"]
    with _lock:
        try:
            from archive.models import ThesaurusEntry

            entries = [e.forms() for e in ThesaurusEntry.objects.filter(active=True)]
        except Exception:  # no database here (a bare index in a test, a script): no thesaurus
            log.debug("The thesaurus could not be read", exc_info=True)
            return {}
        if version is None:
            version = _bump()
        _loaded.update(version=version, table=build(entries))
        return _loaded["table"]


def _bump():
    import time

    version = time.time_ns()
    cache.set(VERSION_KEY, version, None)
    return version


@receiver(post_save, sender="archive.ThesaurusEntry")
@receiver(post_delete, sender="archive.ThesaurusEntry")
def changed(**_kwargs):
    """A curator changed an entry: every process reads the thesaurus again."""
    _bump()


def _plain(node):
    return isinstance(node, q.Term | q.Phrase) and node.field is None


def expand(children, entries=None):
    """The nodes of an AND (or a lone node, as a 1-tuple) with each run of plain words, or
    plain phrase, that is a form of an entry made an Alternatives node; longest runs first."""
    entries = table() if entries is None else entries
    if not entries:
        return tuple(children)
    children, out, i = tuple(children), [], 0
    while i < len(children):
        found = None
        if isinstance(children[i], q.Phrase) and _plain(children[i]):
            key = stems(" ".join(children[i].words))
            if key in entries:
                found = (1, key)
        elif _plain(children[i]):
            for size in range(min(MAX_WORDS, len(children) - i), 0, -1):
                run = children[i : i + size]
                if all(isinstance(n, q.Term) and n.field is None for n in run):
                    key = stems(" ".join(n.text for n in run))
                    if key in entries:
                        found = (size, key)
                        break
        if found is None:
            out.append(children[i])
            i += 1
            continue
        size, key = found
        typed, others = entries[key]
        node = children[i] if size == 1 else q.And(children[i : i + size])
        shown = tuple(form for form, _node in others)
        out.append(q.Alternatives(node, tuple(n for _f, n in others), typed, shown))
        i += size
    return tuple(out)


def also_searched(parsed):
    """[(form typed, [other forms])] a query was also searched for (for the result page)."""
    node = parsed.node
    children = node.children if isinstance(node, q.And) else (node,)
    return [
        (found.typed, list(found.shown))
        for found in expand(children)
        if isinstance(found, q.Alternatives)
    ]
