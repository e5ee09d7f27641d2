"""Haystack's Whoosh backend with a schema tuned for the archive.

Stock haystack stores every text field and makes it a sortable column (the whole memo text
twice over), and tokenises facet values. Here the body is indexed, not stored (the database
holds it), facet values are exact, sortable columns, and identifiers and exemption codes are
keywords. The field names stay haystack's, so haystack's own commands and queries still work.
"""

from haystack.backends.whoosh_backend import WhooshEngine, WhooshSearchBackend
from haystack.constants import DJANGO_CT, DJANGO_ID, ID
from haystack.fields import FacetField
from whoosh.analysis import Token, Tokenizer
from whoosh.fields import BOOLEAN, DATETIME, KEYWORD, NUMERIC, TEXT, Schema
from whoosh.fields import ID as WHOOSH_ID

from archive.search.analysis import SEPARATOR, text_analyzer


class ValuesTokenizer(Tokenizer):
    """The values of a multi-valued field, each one term, exactly as given (split on SEPARATOR;
    a single value may hold commas)."""

    def __call__(self, value, positions=False, chars=False, keeporiginal=False,
                 removestops=True, start_pos=0, start_char=0, mode="", **kwargs):  # fmt: skip
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        offset = start_char
        for number, part in enumerate(value.split(SEPARATOR)):
            text = part.strip()
            if text:
                token.text, token.boost, token.stopped = text, 1.0, False
                if keeporiginal:
                    token.original = text
                if positions:
                    token.pos = start_pos + number
                if chars:
                    token.startchar = offset + part.index(text)
                    token.endchar = token.startchar + len(text)
                yield token
            offset += len(part) + 1


def field_schema(field):
    """The Whoosh field type for one haystack search field."""
    facet = isinstance(field, FacetField)
    if field.is_multivalued:
        # Identifiers are matched in their normal (lower-case) form; codes as printed.
        return KEYWORD(stored=True, scorable=False, analyzer=ValuesTokenizer())
    if field.field_type in ("date", "datetime"):
        return DATETIME(stored=True, sortable=True)
    if field.field_type == "integer":
        return NUMERIC(numtype=int, bits=32, stored=True, sortable=True, signed=True)
    if field.field_type == "float":
        return NUMERIC(numtype=float, stored=True, sortable=True)
    if field.field_type == "boolean":
        return BOOLEAN(stored=True)
    if facet:
        # A facet value is one exact term and a column, so counting reads no postings.
        return WHOOSH_ID(stored=True, sortable=True)
    if field.document:
        return TEXT(analyzer=text_analyzer(), stored=False, phrase=True, spelling=True)
    return TEXT(analyzer=text_analyzer(), stored=True, phrase=True, field_boost=field.boost or 1.0)


class ArchiveWhooshBackend(WhooshSearchBackend):
    """Whoosh backend whose schema suits large texts and fast facets."""

    def build_schema(self, fields):
        schema_fields = {
            ID: WHOOSH_ID(stored=True, unique=True),
            DJANGO_CT: WHOOSH_ID(stored=True),
            DJANGO_ID: WHOOSH_ID(stored=True, sortable=True),
        }
        content_field_name = ""
        for field in fields.values():
            schema_fields[field.index_fieldname] = field_schema(field)
            if field.document:
                content_field_name = field.index_fieldname
        return content_field_name, Schema(**schema_fields)


class ArchiveWhooshEngine(WhooshEngine):
    """The engine named by SEARCH_URL=whoosh:///path."""

    backend = ArchiveWhooshBackend
