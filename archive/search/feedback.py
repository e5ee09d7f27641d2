"""Pseudo-relevance feedback (RM3-style), off by default: a search of plain words run twice.

The first run's best `docs` documents (copies folded, within every filter of the request and
never a memo left out) give their `terms` most distinctive stems (Whoosh: tf-idf of their
public text, whoosh/similar.py's key_terms; Xapian: its ESet of an RSet of them), the query's
own left out. The second run adds those stems, each weighted `weight` times its weight
against the best one, to the score of the memos the query matched: an OR that only ranks,
never a requirement, and never a memo the query did not match. Only the order of the matches
changes, within the tiers of a forgiving search (query.RELAX_TIER).

Measured on the judged questions (bench/relevance.py, README) it did not help enough to be the
default: ARCHIVE_SEARCH_FEEDBACK="docs,terms,weight" (e.g. "5,10,0.2") turns it on.
"""

from dataclasses import dataclass

from django.conf import settings

from archive.search import query as q

# Characters of each best document's public text read for its stems on Whoosh (whose index
# keeps no term vectors: the text is analysed again); Xapian reads its documents' term lists.
CHARS = 10_000


@dataclass(frozen=True)
class Feedback:
    """How many documents feed back, how many of their stems are added, and at what weight."""

    docs: int
    terms: int
    weight: float


def configured():
    """The Feedback of settings.ARCHIVE_SEARCH_FEEDBACK ("docs,terms,weight"), or None: off."""
    value = getattr(settings, "ARCHIVE_SEARCH_FEEDBACK", "") or ""
    try:
        docs, terms, weight = (part.strip() for part in value.split(","))
        found = Feedback(int(docs), int(terms), float(weight))
    except ValueError:
        return None
    return found if found.docs > 0 and found.terms > 0 and found.weight > 0 else None


def wanted(request, parsed, sort):
    """The Feedback for this search, or None: only a plain search (`plain`) gets one."""
    found = configured()
    return found if found is not None and plain(request, parsed, sort) else None


def plain(request, parsed, sort):
    """Whether this is a relevance search of plain words in no field (no phrase, operator,
    wildcard, ~ or field; not strict=1): what feedback and related memos (related.py) read."""
    if sort != "relevance" or getattr(request, "strict", True):
        return False
    text = str(request.q or "")
    if parsed.fell_back or parsed.blank or {"AND", "OR", "NOT"} & set(text.split()):
        return False
    node = parsed.node
    words = node.children if isinstance(node, q.And) else (node,)
    if not all(isinstance(word, q.Term) and word.field is None for word in words):
        return False
    return not any(char in text for char in '"*~:()-')


def standing_ids(ids, groups, count):
    """The first `count` of these memo ids, one per copy group (`groups`: memo id -> group
    number, -1 alone; None: no groups)."""
    seen, out = set(), []
    for pk in ids:
        key = int(groups[pk]) if groups is not None and 0 <= pk < len(groups) else -1
        if key >= 0:
            if key in seen:
                continue
            seen.add(key)
        out.append(pk)
        if len(out) >= count:
            break
    return out


def combined_terms(weighted_lists, own, count):
    """(stem, weight / best weight) of the `count` stems weighing most over several documents'
    (stem, weight) lists, each list's weights taken against its own best; `own` left out."""
    total = {}
    for weighted in weighted_lists:
        if not weighted:
            continue
        top = max(weight for _stem, weight in weighted) or 1.0
        for stem, weight in weighted:
            if stem not in own:
                total[stem] = total.get(stem, 0.0) + weight / top
    best = sorted(total.items(), key=lambda item: (-item[1], item[0]))[:count]
    if not best:
        return []
    top = best[0][1]
    return [(stem, weight / top) for stem, weight in best]
