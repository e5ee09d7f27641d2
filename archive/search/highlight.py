"""Where a search's words stand in a memo's text, for the memo page to mark them."""

import logging

from archive.search.service import terms_for
from archive.search.snippets import SCAN_LIMIT, find_hits

log = logging.getLogger("archive.search")


def hit_spans(text, q, limit=SCAN_LIMIT):
    """Character spans (start, end) of the words of `text` that the query `q` matched.

    The same words the search matched, stems and wildcard or ~ expansions included; negated
    words are not marked; the text is read up to `limit` characters. Never raises: [] for an
    empty or blank query, or on any failure.
    """
    if not text or not q or not str(q).strip():
        return []
    try:
        terms = terms_for(str(q))
        return find_hits(text, terms, limit) if terms else []
    except Exception:
        log.exception("Could not find the hits of %r", str(q)[:200])
        return []
