"""The OAI-PMH answer as XML: the envelope, headers, oai_dc records and errors.

Elements are written with their prefixes and namespace declarations spelled out, so each
declaration stands where the protocol's examples put it (oai_dc's on its own element, inside
<metadata>) rather than where ElementTree would gather them; ElementTree still escapes every
value, and text from documents is stripped of the characters XML 1.0 cannot carry.
"""

from xml.etree import ElementTree as ET

from archive.views.feeds import xml_safe

OAI = "http://www.openarchives.org/OAI/2.0/"
OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC = "http://purl.org/dc/elements/1.1/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
OAI_IDENTIFIER = "http://www.openarchives.org/OAI/2.0/oai-identifier"
SCHEMAS = {
    OAI: "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd",
    OAI_DC: "http://www.openarchives.org/OAI/2.0/oai_dc.xsd",
    OAI_IDENTIFIER: "http://www.openarchives.org/OAI/2.0/oai-identifier.xsd",
}
# The one metadata format: (prefix, schema, namespace).
FORMATS = [("oai_dc", SCHEMAS[OAI_DC], OAI_DC)]


def sub(parent, tag, text=None, **attributes):
    """A child element with its text (made XML-safe) and attributes."""
    element = ET.SubElement(parent, tag, {k: xml_safe(v) for k, v in attributes.items()})
    if text is not None:
        element.text = xml_safe(text)
    return element


def envelope(response_date, base_url, request_arguments):
    """The <OAI-PMH> root with its responseDate and request; `request_arguments` is empty
    when the request was refused as badVerb or badArgument (the protocol echoes none then)."""
    root = ET.Element(
        "OAI-PMH",
        {"xmlns": OAI, "xmlns:xsi": XSI, "xsi:schemaLocation": f"{OAI} {SCHEMAS[OAI]}"},
    )
    sub(root, "responseDate", response_date)
    sub(root, "request", base_url, **request_arguments)
    return root


def error(root, code, message):
    """An <error> of the protocol."""
    sub(root, "error", message, code=code)


def header(parent, identifier, stamp, specs=(), deleted=False):
    """A record's <header>; a deleted record's says status="deleted"."""
    element = sub(parent, "header", **({"status": "deleted"} if deleted else {}))
    sub(element, "identifier", identifier)
    sub(element, "datestamp", stamp)
    for spec in specs:
        sub(element, "setSpec", spec)
    return element


def dublin_core(parent, pairs):
    """An <oai_dc:dc> of (element, value) pairs."""
    dc = sub(
        parent,
        "oai_dc:dc",
        **{
            "xmlns:oai_dc": OAI_DC,
            "xmlns:dc": DC,
            "xmlns:xsi": XSI,
            "xsi:schemaLocation": f"{OAI_DC} {SCHEMAS[OAI_DC]}",
        },
    )
    for name, value in pairs:
        sub(dc, f"dc:{name}", value)
    return dc


def oai_identifier_description(parent, namespace, sample):
    """Identify's <description> of the identifiers' scheme (oai-identifier)."""
    description = sub(parent, "description")
    block = sub(
        description,
        "oai-identifier",
        xmlns=OAI_IDENTIFIER,
        **{
            "xmlns:xsi": XSI,
            "xsi:schemaLocation": f"{OAI_IDENTIFIER} {SCHEMAS[OAI_IDENTIFIER]}",
        },
    )
    sub(block, "scheme", "oai")
    sub(block, "repositoryIdentifier", namespace)
    sub(block, "delimiter", ":")
    sub(block, "sampleIdentifier", sample)


def serialise(root):
    """The answer's bytes, with the XML declaration."""
    body = ET.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + body).encode()
