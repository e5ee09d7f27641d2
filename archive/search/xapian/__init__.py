"""The Xapian engine (SEARCH_URL=xapian:///path): engine.py (the engine and haystack's
backend), query.py (terms, slots and the query compiler), tables.py (facet columns)."""
