"""The OpenAPI 3.1 description of the JSON API, served at /api/openapi.json.

Written by hand, next to nothing else: tests/test_api_contract.py checks real answers of
/api/search and /api/memos/<slug> against these schemas, so a key added to an answer and not
here (or the other way round) fails there.
"""

from django.conf import settings

from archive.search.params import FACETS, MAX_PAGE_SIZE, SORTS

STRING = {"type": "string"}
INTEGER = {"type": "integer"}
BOOLEAN = {"type": "boolean"}
URL = {"type": "string", "format": "uri"}


def nullable(schema):
    """The schema, or null."""
    return {**schema, "type": [schema["type"], "null"]}


def strings():
    return {"type": "array", "items": STRING}


def ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def obj(properties, description=""):
    """An object whose every property is required (null stands for absent)."""
    schema = {"type": "object", "required": list(properties), "properties": properties}
    if description:
        schema["description"] = description
    return schema


def array(items):
    return {"type": "array", "items": items}


SUMMARY = {
    "document_number": nullable(STRING),
    "slug": STRING,
    "title": nullable(STRING),
    "date": {**nullable(STRING), "description": "ISO date at its precision: 1984, 1984-12 ..."},
    "date_precision": nullable(STRING),
    "agency": nullable(STRING),
    "directorate": nullable(STRING),
    "office": nullable(STRING),
    "division": nullable(STRING),
    "branch": nullable(STRING),
    "from": nullable(STRING),
    "to": nullable(STRING),
    "document_type": nullable(STRING),
    "classification": nullable(STRING),
    "collection": nullable(STRING),
    "page_count": nullable(INTEGER),
    "summary": nullable(STRING),
    "url": {**URL, "description": "The memo's page."},
}

SPAN = nullable(INTEGER)

# Another release or copy of a memo's document, with the comparison of the two.
OTHER = obj(
    {
        "slug": STRING,
        "document_number": nullable(STRING),
        "title": nullable(STRING),
        "release_date": nullable(STRING),
        "url": URL,
        "api": URL,
        "compare": URL,
    }
)

SCHEMAS = {
    "Warning": obj(
        {"parameter": STRING, "value": nullable(STRING), "message": STRING},
        "A parameter that could not be used as sent, and what was done instead.",
    ),
    "Result": obj(
        {
            **SUMMARY,
            "snippet": {**STRING, "description": "HTML: <mark> around hits."},
            "copies": {
                **array(OTHER),
                "description": "The document's other published copies (near-identical texts), "
                "folded into this result.",
            },
        }
    ),
    "SearchAnswer": obj(
        {
            "count": {
                **INTEGER,
                "description": "Results found: documents, each copy of one counted once "
                "(or memos, when count_of says so).",
            },
            "count_of": {"type": "string", "enum": ["documents", "memos"]},
            "memos": {**INTEGER, "description": "Memos found, copies of a document counted apart."},
            "all_words": {
                **nullable(INTEGER),
                "description": "Of a query of three or more plain words searched without "
                "strict=1: how many of `count` hold every word (the others miss one and come "
                "after them); null otherwise.",
            },
            "strict": {
                "type": "boolean",
                "description": "Whether every word was required, as typed.",
            },
            "also_searched": array(
                obj(
                    {"typed": STRING, "alternatives": strings()},
                    "Thesaurus alternatives, and rare names' spellings one edit away (not with "
                    "strict=1), searched too (ranked below the words typed).",
                )
            ),
            "related": nullable(
                obj(
                    {"count": INTEGER, "words": strings(), "results": array(obj(SUMMARY))},
                    "On the first page of a search of plain words (not strict=1) whose words "
                    "found fewer than ten documents: up to ten memos that do not hold them but "
                    "share at least three of `words`, the words that most set the memos found "
                    "apart (`count`: how many memos do). They are not in `count`, `results`, "
                    "the facets or the exports. null otherwise.",
                )
            ),
            "page": INTEGER,
            "page_size": INTEGER,
            "num_pages": INTEGER,
            "sort": {"type": "string", "enum": list(SORTS)},
            "q": STRING,
            "filters": {"type": "object", "additionalProperties": strings()},
            "date_from": nullable(STRING),
            "date_to": nullable(STRING),
            "warnings": array(ref("Warning")),
            "suggestions": array(obj({"q": STRING, "count": INTEGER, "kind": STRING})),
            "facets": obj({facet.name: array({"type": "array"}) for facet in FACETS}),
            "results": array(ref("Result")),
        }
    ),
    "Memo": obj(
        {
            **SUMMARY,
            "release_date": nullable(STRING),
            "classification_marking": nullable(STRING),
            "control_markings": strings(),
            "subjects": strings(),
            "archival_description": {"type": "object"},
            "field_sources": {
                "type": "object",
                "additionalProperties": obj(
                    {"start": SPAN, "end": SPAN, "line": SPAN, "rule": STRING}
                ),
            },
            "text": {**STRING, "description": "The public text: suppressed passages masked."},
            "redactions": array(
                obj({"start": INTEGER, "end": INTEGER, "marker": STRING, "codes": strings()})
            ),
            "suppressions": array(obj({"start": INTEGER, "end": INTEGER, "label": STRING})),
            "exemptions": array(
                obj(
                    {
                        "code": STRING,
                        "kind": {"type": "string", "enum": ["code", "marker"]},
                        "count": INTEGER,
                        "meaning": nullable(STRING),
                        "source": nullable(STRING),
                        "confirmed": BOOLEAN,
                        "note": nullable(STRING),
                    },
                    "A code or kind of marker in the memo; `confirmed` false: not settled.",
                )
            ),
            "entities": array(
                obj(
                    {
                        "name": STRING,
                        "kind": {"type": "string", "enum": ["person", "place", "organization"]},
                        "mentions": INTEGER,
                        "url": URL,
                        "search": URL,
                    }
                )
            ),
            "notes": array(
                obj(
                    {
                        "number": INTEGER,
                        "body": {**STRING, "description": "Markdown."},
                        "html": STRING,
                        "quote": STRING,
                        "start": SPAN,
                        "end": SPAN,
                        "created": STRING,
                    },
                    "A public curator's note; start and end null when its passage is lost.",
                )
            ),
            "pages": array(
                obj(
                    {
                        "number": INTEGER,
                        "width": INTEGER,
                        "height": INTEGER,
                        "image": URL,
                        "thumbnail": URL,
                        "iiif_service": URL,
                        "iiif_info": URL,
                        "redaction_boxes": nullable(array(array(INTEGER))),
                    }
                )
            ),
            "iiif_manifest": nullable(URL),
            "releases": array(OTHER),
            "originals": array(
                obj(
                    {"label": STRING, "url": URL},
                    "The original (a source PDF) or a catalogue record, as the source gave it.",
                )
            ),
            "record_series": nullable(STRING),
            "file_number": nullable(STRING),
            "same_file": array(
                obj(
                    {"slug": STRING, "title": nullable(STRING), "url": URL},
                    "Another published memo of the same agency file (the first ten).",
                )
            ),
            "same_file_count": INTEGER,
        }
    ),
    "Error": obj({"error": STRING, "status": INTEGER}),
}


def _query(name, description, schema=STRING, repeat=False):
    parameter = {"name": name, "in": "query", "description": description, "schema": schema}
    if repeat:
        parameter.update(schema=array(schema), style="form", explode=True)
    return parameter


SEARCH_PARAMETERS = [
    _query("q", "The query: words, phrases, OR, -word, fields such as code:25X1."),
    *(_query(f.name, f"{f.label}; repeat for several (OR).", repeat=True) for f in FACETS),
    _query("date_from", "From this date: 1984, 1984-06 or 1984-06-15."),
    _query("date_to", "Up to this date, partial dates allowed."),
    _query("sort", "Order of results.", {"type": "string", "enum": list(SORTS)}),
    _query("page", "Page number, from 1.", {"type": "integer", "minimum": 1}),
    _query(
        "strict",
        "1: every word required. Without it a query of three or more plain words (no quotes, "
        "operators or fields) also finds memos missing one of them, listed after those with all, "
        "and a search of plain words finding fewer than ten documents shows related memos "
        "(`related`).",
        {"type": "string", "enum": ["1"]},
    ),
    _query(
        "page_size",
        f"Results per page, 1 to {MAX_PAGE_SIZE} (default {settings.ARCHIVE_RESULTS_PER_PAGE}).",
        {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
    ),
]


def _answer(description, schema):
    return {"description": description, "content": {"application/json": {"schema": schema}}}


NOT_FOUND = _answer("No published memo by that slug or number.", ref("Error"))

DESCRIPTION = {
    "openapi": "3.1.0",
    "info": {
        "title": "Declassified Memo Archive API",
        "version": "1",
        "description": (
            "Read-only, published memos only. Every path also answers with a trailing slash. "
            "A parameter that cannot be used is named in `warnings`; the answer still succeeds."
        ),
    },
    "paths": {
        "/api/search": {
            "get": {
                "summary": "Search the published memos (the search page's parameters).",
                "parameters": SEARCH_PARAMETERS,
                "responses": {"200": _answer("A page of results.", ref("SearchAnswer"))},
            }
        },
        "/api/memos/{slug}": {
            "get": {
                "summary": "One published memo: public text, names, notes, pages, releases.",
                "parameters": [
                    {
                        "name": "slug",
                        "in": "path",
                        "required": True,
                        "description": "Its slug or any spelling of its document number.",
                        "schema": STRING,
                    }
                ],
                "responses": {
                    "200": _answer("The memo.", ref("Memo")),
                    "301": {"description": "To the memo's own slug."},
                    "404": NOT_FOUND,
                },
            }
        },
        "/api/openapi.json": {
            "get": {
                "summary": "This description.",
                "responses": {"200": _answer("OpenAPI 3.1.", {"type": "object"})},
            }
        },
    },
    "components": {"schemas": SCHEMAS},
}
