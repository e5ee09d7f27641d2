"""JSON-LD (schema.org) of a memo for its page, beside the Highwire citation tags.

The memo is an ArchiveComponent (a record held by an archive) and a DigitalDocument; what it
says comes from the same fields as the citations (archive/reading/citation.py): the issuing office
within its agency as creator, the date at its precision, identifiers, its collection, the
archive holding it, its permalink, and the public-domain mark (US government records).
"""

import json

from archive.reading.citation import SITE_NAME, UNTITLED

PUBLIC_DOMAIN = "https://creativecommons.org/publicdomain/mark/1.0/"
# Inside <script> the HTML parser ends the element at "</script" and reads "<!--" specially:
# these characters are written as JSON escapes, which a JSON-LD reader turns back.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def _clean(text):
    return " ".join(str(text or "").split())


def creator(memo):
    """The issuing body: the office (else directorate) as part of its agency."""
    agency = _clean(memo.agency)
    unit = _clean(memo.office) or _clean(memo.directorate)
    if unit and unit.casefold() != agency.casefold():
        body = {"@type": "Organization", "name": unit}
        if agency:
            body["parentOrganization"] = {"@type": "Organization", "name": agency}
        return body
    return {"@type": "Organization", "name": agency} if agency else None


def identifiers(memo):
    """The memo's numbers as schema.org PropertyValues."""
    numbers = [
        ("document number", memo.document_number),
        ("CIA CREST id", memo.crest_id),
        ("NARA record number", memo.nara_record_number),
    ]
    return [
        {"@type": "PropertyValue", "propertyID": name, "value": _clean(value)}
        for name, value in numbers
        if _clean(value)
    ]


def memo_json_ld(memo, url, site_url, collection_url=None, keywords=()):
    """The schema.org description of a published memo whose permalink is `url`."""
    data = {
        "@context": "https://schema.org",
        "@type": ["ArchiveComponent", "DigitalDocument"],
        "@id": url,
        "url": url,
        "name": _clean(memo.title) or UNTITLED,
        "inLanguage": "en",
        "license": PUBLIC_DOMAIN,
        "isAccessibleForFree": True,
        "holdingArchive": {"@type": "ArchiveOrganization", "name": SITE_NAME, "url": site_url},
    }
    if memo.iso_date:
        data["dateCreated"] = memo.iso_date
    body = creator(memo)
    if body:
        data["creator"] = body
    numbers = identifiers(memo)
    if numbers:
        data["identifier"] = numbers
    if memo.collection_id:
        collection = {"@type": "Collection", "name": _clean(memo.collection.name)}
        if collection_url:
            collection["url"] = collection_url
        data["isPartOf"] = collection
    if _clean(memo.document_type):
        data["genre"] = _clean(memo.document_type)
    description = _clean(memo.summary) or _clean(memo.excerpt)
    if description:
        data["description"] = description
    if memo.page_count:
        data["numberOfPages"] = memo.page_count
    if keywords:
        data["keywords"] = [_clean(keyword) for keyword in keywords]
    return data


def script_json(data):
    """JSON safe to stand inside a <script> element: nothing in it can end the element."""
    return json.dumps(data, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
