"""OAI-PMH at /oai: every verb, the protocol's errors, resumption, and nothing unpublished."""

import datetime

import pytest

from archive.choices import Status
from archive.models import Collection, Memo
from archive.oai import tokens
from tests.oai_check import DC, OAI, OAI_DC, error_code, parse

NS = "declassified-memos.example.org"


def memo(slug, status=Status.PUBLISHED, changed=None, **fields):
    title = fields.pop("title", slug.title())
    made = Memo.objects.create(slug=slug, title=title, text=f"Text of {slug}.", status=status)
    Memo.objects.filter(pk=made.pk).update(**fields)
    if changed:
        Memo.objects.filter(pk=made.pk).update(updated_at=changed)
    made.refresh_from_db()
    return made


def at(day, hour=12):
    return datetime.datetime(2020, 1, day, hour, 0, 0, tzinfo=datetime.UTC)


@pytest.fixture
def archive(db):
    """Three published memos in two collections, a withdrawn one, a draft never published."""
    cables = Collection.objects.create(name="Cables", description="State Department cables.")
    bosnia = Collection.objects.create(name="Bosnia")
    Collection.objects.create(name="Drafts only")
    made = {
        "one": memo(
            "cia-one",
            changed=at(1),
            collection=cables,
            title="Soviet <grain> & harvest\x0c estimates",
            agency="Central Intelligence Agency",
            office="Office of Soviet Analysis",
            date=datetime.date(1984, 12, 28),
            document_number="EA M 84-10245",
            document_type="Memorandum",
            summary="A summary of the grain harvest.",
            subjects=["Agriculture", "USSR"],
        ),
        "two": memo("cable-two", changed=at(2), collection=cables),
        "three": memo("bosnia-three", changed=at(3), collection=bosnia),
        "gone": memo(
            "withdrawn-four", changed=at(4), collection=bosnia, title="Secret withdrawn title"
        ),
        "draft": memo("draft-five", Status.DRAFT, changed=at(5), title="Draft only title"),
    }
    gone = made["gone"]
    gone.status = Status.WITHDRAWN
    gone.save()
    Memo.objects.filter(pk=gone.pk).update(updated_at=at(4))
    Collection.objects.filter(name="Drafts only").get().memos.add(made["draft"])
    return made


def ident(slug):
    """The OAI identifier of the memo with this slug."""
    return f"oai:{NS}:memo-{Memo.objects.get(slug=slug).pk}"


def oai(client, **params):
    return parse(client.get("/oai", params))


def identifiers(root):
    return [node.text for node in root.iter(OAI + "identifier")]


def test_identify_describes_the_repository(client, archive):
    root = oai(client, verb="Identify")
    identify = root.find(OAI + "Identify")
    assert identify.findtext(OAI + "baseURL") == "http://testserver/oai"
    assert identify.findtext(OAI + "protocolVersion") == "2.0"
    assert identify.findtext(OAI + "deletedRecord") == "transient"
    assert identify.findtext(OAI + "granularity") == "YYYY-MM-DDThh:mm:ssZ"
    assert identify.findtext(OAI + "earliestDatestamp") == "2020-01-01T12:00:00Z"
    assert NS in identify.find(OAI + "description")[0][1].text
    assert root[1].attrib == {"verb": "Identify"}


def test_list_records_gives_published_memos_and_withdrawn_ones_as_deleted(client, archive):
    root = oai(client, verb="ListRecords", metadataPrefix="oai_dc")
    assert identifiers(root) == [
        ident(slug) for slug in ("cia-one", "cable-two", "bosnia-three", "withdrawn-four")
    ]
    body = client.get("/oai", {"verb": "ListRecords", "metadataPrefix": "oai_dc"}).content
    assert b"draft-five" not in body and b"Draft only" not in body
    assert b"Secret withdrawn title" not in body and b"withdrawn-four" not in body
    records = root.find(OAI + "ListRecords").findall(OAI + "record")
    deleted = records[3]
    assert deleted[0].get("status") == "deleted"
    assert [child.tag for child in deleted[0]] == [OAI + "identifier", OAI + "datestamp"]
    assert deleted.find(OAI + "metadata") is None

    dc = records[0].find(OAI + "metadata").find(OAI_DC + "dc")
    values = {}
    for child in dc:
        values.setdefault(child.tag[len(DC) :], []).append(child.text)
    assert values["title"] == ["Soviet <grain> & harvest estimates"]
    assert values["creator"] == ["Central Intelligence Agency, Office of Soviet Analysis"]
    assert values["date"] == ["1984-12-28"]
    assert values["identifier"] == ["http://testserver/memos/cia-one/", "EA M 84-10245"]
    assert values["type"] == ["Text", "Memorandum"]
    assert values["description"] == ["A summary of the grain harvest."]
    assert values["subject"] == ["Agriculture", "USSR"]
    assert values["source"] == ["Cables"]
    assert "Public domain" in values["rights"][0]
    header = records[0][0]
    assert header.findtext(OAI + "datestamp") == "2020-01-01T12:00:00Z"
    cables = Collection.objects.get(name="Cables")
    assert header.findtext(OAI + "setSpec") == f"collection-{cables.pk}"


def test_get_record_and_its_errors(client, archive):
    root = oai(client, verb="GetRecord", identifier=ident("cable-two"), metadataPrefix="oai_dc")
    assert identifiers(root) == [ident("cable-two")]
    assert root.find(f"{OAI}GetRecord/{OAI}record/{OAI}metadata") is not None

    deleted = oai(
        client, verb="GetRecord", identifier=ident("withdrawn-four"), metadataPrefix="oai_dc"
    )
    assert deleted.find(f"{OAI}GetRecord/{OAI}record/{OAI}header").get("status") == "deleted"
    assert deleted.find(f".//{OAI}metadata") is None

    other = ident("cable-two").replace(NS, "other.example.org")
    unknown = (f"oai:{NS}:memo-999999", f"oai:{NS}:cable-two", other)
    for identifier in (ident("draft-five"), *unknown):
        root = oai(client, verb="GetRecord", identifier=identifier, metadataPrefix="oai_dc")
        assert error_code(root) == "idDoesNotExist"
    root = oai(client, verb="GetRecord", identifier=ident("cable-two"), metadataPrefix="mods")
    assert error_code(root) == "cannotDisseminateFormat"
    assert root[1].get("metadataPrefix") == "mods"  # echoed: the request itself was sound


def test_metadata_formats_and_sets(client, archive):
    formats = oai(client, verb="ListMetadataFormats")
    assert [n.text for n in formats.iter(OAI + "metadataPrefix")] == ["oai_dc"]
    one = oai(client, verb="ListMetadataFormats", identifier=ident("cia-one"))
    assert [n.text for n in one.iter(OAI + "metadataPrefix")] == ["oai_dc"]
    missing = oai(client, verb="ListMetadataFormats", identifier=ident("draft-five"))
    assert error_code(missing) == "idDoesNotExist"

    sets = oai(client, verb="ListSets")
    assert [n.text for n in sets.iter(OAI + "setName")] == ["Bosnia", "Cables"]
    descriptions = [n.text for n in sets.iter(DC + "description")]
    assert descriptions == ["State Department cables."]
    assert error_code(oai(client, verb="ListSets", resumptionToken="x")) == "badResumptionToken"

    Memo.objects.update(status=Status.WITHDRAWN)
    assert error_code(oai(client, verb="ListSets")) == "noSetHierarchy"


def test_selective_harvest_by_set_and_change_date(client, archive):
    bosnia = Collection.objects.get(name="Bosnia")
    listed = oai(
        client, verb="ListIdentifiers", metadataPrefix="oai_dc", set=f"collection-{bosnia.pk}"
    )
    assert identifiers(listed) == [ident("bosnia-three"), ident("withdrawn-four")]

    def between(**dates):
        return identifiers(oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc", **dates))

    assert between(**{"from": "2020-01-02", "until": "2020-01-03"}) == [
        ident("cable-two"),
        ident("bosnia-three"),
    ]
    assert between(**{"from": "2020-01-03T12:00:00Z"}) == [
        ident("bosnia-three"),
        ident("withdrawn-four"),
    ]
    assert between(until="2020-01-01T12:00:00Z") == [ident("cia-one")]
    empty = oai(client, verb="ListRecords", metadataPrefix="oai_dc", **{"from": "2021-01-01"})
    assert error_code(empty) == "noRecordsMatch"
    for spec in ("collection-999999", "nonsense"):
        root = oai(client, verb="ListRecords", metadataPrefix="oai_dc", set=spec)
        assert error_code(root) == "noRecordsMatch"


def test_resumption_tokens_carry_a_list_across_answers(client, archive, settings):
    settings.ARCHIVE_OAI_PAGE_SIZE = 2
    root = oai(client, verb="ListRecords", metadataPrefix="oai_dc")
    seen = identifiers(root)
    token = root.find(f"{OAI}ListRecords/{OAI}resumptionToken")
    assert token.get("completeListSize") == "4" and token.get("cursor") == "0"
    assert token.get("expirationDate") > root[0].text
    # A memo changed during the harvest moves to the end of the list: given again, never lost.
    Memo.objects.filter(slug="cia-one").update(updated_at=at(9))
    while token is not None and token.text:
        root = oai(client, verb="ListRecords", resumptionToken=token.text)
        assert root[1].attrib == {"verb": "ListRecords", "resumptionToken": token.text}
        seen += identifiers(root)
        token = root.find(f"{OAI}ListRecords/{OAI}resumptionToken")
    assert token.get("cursor") == "4" and not token.text  # the last answer's empty token
    assert seen == [ident(slug) for slug in ("cia-one", "cable-two", "bosnia-three")] + [
        ident("withdrawn-four"),
        ident("cia-one"),
    ]

    first = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc")
    text = first.find(f"{OAI}ListIdentifiers/{OAI}resumptionToken").text
    other_verb = oai(client, verb="ListRecords", resumptionToken=text)
    assert error_code(other_verb) == "badResumptionToken"
    altered = oai(client, verb="ListIdentifiers", resumptionToken=text[:-2] + "xx")
    assert error_code(altered) == "badResumptionToken"
    settings.ARCHIVE_OAI_PAGE_SIZE = 100
    tokens.TOKEN_SECONDS, kept = -1, tokens.TOKEN_SECONDS
    try:
        expired = oai(client, verb="ListIdentifiers", resumptionToken=text)
    finally:
        tokens.TOKEN_SECONDS = kept
    assert error_code(expired) == "badResumptionToken"
    assert "expired" in expired.findtext(OAI + "error")


@pytest.mark.parametrize(
    "params, code",
    [
        ({}, "badVerb"),
        ({"verb": "ListEverything"}, "badVerb"),
        ({"verb": ["Identify", "Identify"]}, "badVerb"),
        ({"verb": "Identify", "metadataPrefix": "oai_dc"}, "badArgument"),
        ({"verb": "GetRecord", "identifier": f"oai:{NS}:memo-1"}, "badArgument"),
        ({"verb": "ListRecords"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": ["oai_dc", "oai_dc"]}, "badArgument"),
        (
            {"verb": "ListRecords", "metadataPrefix": "oai_dc", "resumptionToken": "x"},
            "badArgument",
        ),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2020-13-45"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2020-1-2"}, "badArgument"),
        (
            {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2020-01-02",
             "until": "2020-01-03T00:00:00Z"},
            "badArgument",
        ),
        (
            {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2020-01-03",
             "until": "2020-01-02"},
            "badArgument",
        ),
        ({"verb": "ListRecords", "metadataPrefix": "marc21"}, "cannotDisseminateFormat"),
        ({"verb": "ListIdentifiers", "resumptionToken": "garbage"}, "badResumptionToken"),
        ({"verb": "ListRecords", "resumptionToken": "\x00<&>"}, "badResumptionToken"),
    ],
)  # fmt: skip
def test_bad_requests_get_the_protocols_errors(client, archive, params, code):
    assert error_code(oai(client, **params)) == code


def test_post_is_answered_like_get(client, archive):
    response = client.post("/oai", {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"})
    assert len(identifiers(parse(response))) == 4
