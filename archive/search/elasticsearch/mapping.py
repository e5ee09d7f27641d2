"""The Elasticsearch index: its settings and mapping, document bodies and bulk requests, and
documents read back as Whoosh stores them."""

import datetime

from archive.search.analysis import SEPARATOR
from archive.search.fields import (
    FIELDS,
    KEYWORD_FIELDS,
)
from archive.search.params import FACETS

TEXT_FIELDS = tuple(name for name in FIELDS.values() if name not in KEYWORD_FIELDS)
MAX_WINDOW = 10_000  # ES's index.max_result_window: from + size never goes past it


def _text(analyzer="archive_text"):
    return {
        "type": "text",
        "analyzer": analyzer,
        "fields": {"words": {"type": "text", "analyzer": "archive_words"}},
    }


def index_body():
    """Settings and mapping of the index (created by the writer when it is missing).

    Full text is stemmed with the English Snowball (Porter2) stemmer the other engines use (the
    snippets stem the same way)
    and no stop words are dropped, so phrases match exactly; a `.words` sub-field keeps the
    unstemmed words for wildcards, ~ and the suggester. Facet values are `<field>_exact`
    keywords, as haystack names them. The full text is indexed but left out of `_source`.
    """
    keyword = {"type": "keyword"}
    integer = {"type": "integer"}
    boolean = {"type": "boolean"}
    properties = {
        "id": keyword,
        "django_ct": keyword,
        "django_id": {"type": "long"},
        **{name: _text() for name in TEXT_FIELDS},
        "identifiers": keyword,
        "codes": keyword,
        "entities": keyword,
        "classification": _text(),
        "collection": _text(),
        "date": {"type": "date", "format": "strict_date"},
        "published": {"type": "date"},
        "year": integer,
        "decade": integer,
        "has_redactions": boolean,
    }
    for facet in FACETS:
        kind = {"int": integer, "bool": boolean}.get(facet.kind, keyword)
        properties[f"{facet.field}_exact"] = kind
    return {
        "settings": {
            "index": {"max_result_window": MAX_WINDOW},
            "analysis": {
                "filter": {"archive_stem": {"type": "stemmer", "language": "porter2"}},
                "analyzer": {
                    "archive_text": {
                        "type": "custom",
                        "tokenizer": "standard",
                        "filter": ["lowercase", "archive_stem"],
                    },
                    "archive_words": {
                        "type": "custom",
                        "tokenizer": "standard",
                        "filter": ["lowercase"],
                    },
                },
            },
        },
        "mappings": {
            "dynamic": False,  # a field MemoIndex gains later is kept, not refused
            "_source": {"excludes": ["text"]},
            "properties": properties,
        },
    }


def identifier(pk):
    """The document id of a memo (haystack's, so haystack's own commands find it)."""
    return f"archive.memo.{pk}"


def memo_id(doc_id):
    """The memo id of a document id, or None."""
    tail = str(doc_id).rsplit(".", 1)[-1]
    return int(tail) if tail.isdigit() else None


def as_json(prepared):
    """A document body from MemoIndex's prepared values (dates as ISO strings)."""
    doc = {}
    for key, value in prepared.items():
        if value is None or value == "" or value == [] or key == "boost":
            continue
        if isinstance(value, datetime.date):  # datetimes too
            value = value.isoformat()
        elif isinstance(value, (list, tuple)):
            value = [str(item) for item in value]
        elif not isinstance(value, (bool, int, float)):
            value = str(value)
        doc[key] = value
    if "django_id" in doc:
        doc["django_id"] = int(doc["django_id"])  # a number: the tie-break of every sort
    return doc


def bulk_body(index, memo_ids, documents):
    """Bulk API lines: each memo of `documents` (id -> body) indexed, every other one deleted."""
    lines = []
    for pk in memo_ids:
        action = {"_index": index, "_id": identifier(pk)}
        if pk in documents:
            lines.extend([{"index": action}, documents[pk]])
        else:
            lines.append({"delete": action})
    return lines


def bulk_errors(response):
    """The failed items of a bulk response (a delete of a missing document is no failure)."""
    failed = []
    for item in response.get("items", ()):
        for action, result in item.items():
            status = result.get("status", 200)
            if status >= 300 and not (action == "delete" and status == 404):
                failed.append(result)
    return failed


def stored_fields(source):
    """A document's `_source` as Whoosh stores it (manage.py reconcile compares those)."""
    fields = {}
    for key, value in source.items():
        if key in ("date", "published") and isinstance(value, str):
            parsed = datetime.datetime.fromisoformat(value)
            value = parsed.replace(tzinfo=None) if key == "date" else parsed
        elif isinstance(value, list):
            value = SEPARATOR.join(str(item) for item in value)
        if value is not None and value != "":  # what Whoosh does not store (reconcile.as_stored)
            fields[key] = value
    return fields
