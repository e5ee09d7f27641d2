"""The Whoosh engine (SEARCH_URL=whoosh:///path), the default: everything that knows Whoosh.

search.py is the engine the registry (engines.py) builds; index.py opens the index and its
searchers and writer; backend.py is haystack's backend with the archive's schema; query.py
compiles the query language; run.py, docsets.py, scores.py, phrase.py and tables.py answer a
search over numpy columns; similar.py and suggest.py serve "more like this" and "did you
mean"; bulk.py is the parallel writer of a bulk load; patches.py, two patches of Whoosh.
"""
