"""Structural checks of an OAI-PMH 2.0 answer: the rules of the protocol's schema (OAI-PMH.xsd,
oai_dc.xsd, oai-identifier.xsd) that an answer can break, written out because the tests run
without the network that would fetch the schemas."""

import re
from xml.etree import ElementTree as ET

OAI = "{http://www.openarchives.org/OAI/2.0/}"
OAI_DC = "{http://www.openarchives.org/OAI/2.0/oai_dc/}"
DC = "{http://purl.org/dc/elements/1.1/}"
DC_ELEMENTS = {
    "title", "creator", "subject", "description", "publisher", "contributor", "date", "type",
    "format", "identifier", "source", "language", "relation", "coverage", "rights",
}  # fmt: skip
VERBS = {
    "Identify", "ListMetadataFormats", "ListSets", "ListIdentifiers", "ListRecords", "GetRecord"
}  # fmt: skip
ERRORS = {
    "cannotDisseminateFormat", "idDoesNotExist", "badArgument", "badVerb", "noMetadataFormats",
    "noRecordsMatch", "badResumptionToken", "noSetHierarchy",
}  # fmt: skip
UTC = re.compile(r"\d{4}-\d\d-\d\d(T\d\d:\d\d:\d\dZ)?\Z")
IDENTIFIER = re.compile(
    r"oai:[a-zA-Z][a-zA-Z0-9\-]*(\.[a-zA-Z][a-zA-Z0-9\-]*)+:[a-zA-Z0-9\-_\.!~\*'\(\);/\?:@&=\+$,%]+\Z"
)
SET_SPEC = re.compile(r"([A-Za-z0-9\-_\.!~\*'\(\)])+(:[A-Za-z0-9\-_\.!~\*'\(\)]+)*\Z")


def tags(element):
    return [child.tag for child in element]


def check_header(header):
    assert header.tag == OAI + "header"
    assert set(header.attrib) <= {"status"} and header.get("status", "deleted") == "deleted"
    names = tags(header)
    assert names[:2] == [OAI + "identifier", OAI + "datestamp"], names
    assert all(name == OAI + "setSpec" for name in names[2:])
    assert IDENTIFIER.match(header[0].text), header[0].text
    assert UTC.match(header[1].text) and "T" in header[1].text
    for spec in header[2:]:
        assert SET_SPEC.match(spec.text)


def check_dc(dc):
    assert dc.tag == OAI_DC + "dc"
    for child in dc:
        assert child.tag.startswith(DC) and child.tag[len(DC) :] in DC_ELEMENTS, child.tag
        assert len(child) == 0


def check_record(record):
    assert record.tag == OAI + "record"
    check_header(record[0])
    deleted = record[0].get("status") == "deleted"
    rest = tags(record)[1:]
    assert rest == ([] if deleted else [OAI + "metadata"]), rest
    if not deleted:
        assert len(record[1]) == 1
        check_dc(record[1][0])


def check_token(token):
    assert set(token.attrib) <= {"expirationDate", "completeListSize", "cursor"}
    if "expirationDate" in token.attrib:
        assert UTC.match(token.get("expirationDate"))
    for name in ("completeListSize", "cursor"):
        assert token.get(name, "0").isdigit()


def check_body(verb, body):
    children = list(body)
    if verb in ("ListIdentifiers", "ListRecords", "ListSets") and children:
        if children[-1].tag == OAI + "resumptionToken":
            check_token(children.pop())
        assert children, f"{verb} must hold at least one item"
    if verb == "Identify":
        expected = [
            "repositoryName", "baseURL", "protocolVersion", "adminEmail", "earliestDatestamp",
            "deletedRecord", "granularity",
        ]  # fmt: skip
        assert tags(body)[: len(expected)] == [OAI + name for name in expected]
        assert all(tag == OAI + "description" for tag in tags(body)[len(expected) :])
    elif verb == "ListIdentifiers":
        for header in children:
            check_header(header)
    elif verb in ("ListRecords", "GetRecord"):
        assert verb == "ListRecords" or len(children) == 1
        for record in children:
            check_record(record)
    elif verb == "ListSets":
        for item in children:
            assert tags(item)[:2] == [OAI + "setSpec", OAI + "setName"]
            assert SET_SPEC.match(item[0].text)
    elif verb == "ListMetadataFormats":
        for item in children:
            names = ("metadataPrefix", "schema", "metadataNamespace")
            assert tags(item) == [OAI + name for name in names]


def parse(response):
    """The answer's root, after checking it against the protocol's structure."""
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/xml")
    root = ET.fromstring(response.content)
    assert root.tag == OAI + "OAI-PMH"
    names = tags(root)
    assert names[:2] == [OAI + "responseDate", OAI + "request"], names
    assert UTC.match(root[0].text) and root[0].text.endswith("Z")
    rest = list(root)[2:]
    assert rest, "an answer holds its verb's element or errors"
    if rest[0].tag == OAI + "error":
        assert all(item.tag == OAI + "error" and item.get("code") in ERRORS for item in rest)
        if rest[0].get("code") in ("badVerb", "badArgument"):
            assert root[1].attrib == {}, "a refused request is echoed without its arguments"
    else:
        assert len(rest) == 1 and rest[0].tag[len(OAI) :] in VERBS
        assert root[1].get("verb") == rest[0].tag[len(OAI) :]
        check_body(rest[0].tag[len(OAI) :], rest[0])
    return root


def error_code(root):
    """The code of the answer's first error, or None."""
    found = root.find(OAI + "error")
    return None if found is None else found.get("code")
