"""The Elasticsearch engine (SEARCH_URL=elasticsearch://host:9200/index): engine.py.

Inside this package `import elasticsearch` still names the client library: imports are
absolute, and this package is archive.search.elasticsearch.
"""
