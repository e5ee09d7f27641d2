"""Search: the index queue, query language, engine access, facets and snippets."""
