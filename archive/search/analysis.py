"""How text is cut into index terms, on every engine.

Every engine indexes and queries the free text with the same analyzer, so that the snippets
and highlights (snippets.py, highlight.py), which stem the database text themselves, find the
words a search matched whatever engine answered it.
"""

from whoosh.analysis import StemmingAnalyzer


def text_analyzer():
    """Analyzer of every free-text field: words, lower case, English stems, no stop words.

    Stop words are kept (minsize 1, stoplist None) so that phrases like "trade relations with
    USSR" match exactly and a single-letter OCR token can still be found.
    """
    return StemmingAnalyzer(stoplist=None, minsize=1, cachesize=50_000)


# Joins the values of a multi-valued field (documents.memo_fields): an entity name such as
# "Washington, D.C." has a comma, so a comma cannot be the separator.
SEPARATOR = "\x1f"
