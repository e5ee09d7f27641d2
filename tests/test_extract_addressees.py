"""Addressees the header reader missed: a CIA cable's, from its TO line when the family was
recognised late or OCR damaged the label and from the older form's routing line
(archive.ingest.cableto); a CIA memorandum's to the FBI and the FBI's to the CIA, typed as a
block away from its label (archive.ingest.interagency); an Official Routing Slip's first row
(archive.ingest.routing). On real corpus texts of the tuning part read from ../shared/corpus
at test time."""

import pytest
from test_extract import needs_corpus
from test_extract_anatomy import reading

from archive.ingest import cableto, interagency, labels, routing
from archive.ingest.extract import extract
from archive.ingest.patterns import split_lines

pytestmark = pytest.mark.pure  # extraction is pure Python: no search index

HQ = "Director (CIA Headquarters)"


@needs_corpus
@pytest.mark.parametrize(
    "record_id",
    [
        "jfk-104-10066-10170",  # "TOs PRIORITY DIRECTOR," (the label's colon read as s)
        "jfk-104-10326-10092",  # "TO: PRIORITY DIRECTOR INFO", a cable recognised late
        "jfk-104-10308-10308",  # "PRIORITY DIR INFO PRIORITY BERN CITE GNVA 6313"
        "jfk-104-10308-10049",  # "PRITY DIR INFD AMB GRAN CITE (RU5)7411"
    ],
)
def test_cable_to_headquarters(record_id):
    assert reading(record_id, "recipient") == (HQ, "cable-director")


@pytest.mark.parametrize(
    "line, hit",
    [
        ("TO: PRIORITY DIRECTOR INFO", True),
        ("TOS PRIORITY DIRECTOR,", True),
        ("PRIORITY DIR INFO PRIORITY BERN CITE GNVA 6313", True),
        ("DIR CITE MEXI 6902", True),
        # Another agency's director, a reference to an earlier cable, a phone directory.
        ("TO: PRIORITY DIRECTOR FEDERAL BUREAU OF INVESTIGATION", False),
        ("TO: DIRECTOR, FBI", False),
        ("REFS: A, DIRECTOR 261715", False),
        ("DIRECTOR 261710, PRESENT OCCUPANT IS SRA", False),
        ("PRIORITY DIRECTOR OF SECURITY", False),
    ],
)
def test_what_names_headquarters(line, hit):
    found = bool(cableto._TO_RE.match(line) or cableto._ROUTING_RE.match(line))
    assert found is hit


@needs_corpus
@pytest.mark.parametrize(
    "record_id",
    [
        # "TO:" / "25 JUN 1960" / "FROM:" / "Director" / "Federal Bureau of Investigation ...".
        "jfk-124-90136-10174",
        # "TO" / "SUBJECT :" / "Director" / (blank) / "Federal Bureau of Investigation": the
        # header reader's bare "Director" is extended.
        "jfk-124-90138-10058",
        # "MEMORANDUM FOR:" / a release stamp / the Secret Service's Director / the Bureau's.
        "jfk-124-10164-10151",
    ],
)
def test_cia_memorandum_to_the_bureau(record_id):
    assert reading(record_id, "recipient") == (interagency.BUREAU, "director-block")


@needs_corpus
@pytest.mark.parametrize(
    "record_id",
    [
        # "To:" / "September 30, 1963" / "Director" / "Central Intelligence Agency".
        "jfk-124-90146-10091",
        # "Director" / "Central Intelligence Agency" / "Attention: Deputy Director," / "Plans".
        "jfk-124-90139-10070",
    ],
)
def test_bureau_letter_to_the_agency(record_id):
    assert reading(record_id, "recipient") == (interagency.AGENCY, "director-block")


def test_the_bureau_block_needs_a_cia_document_and_a_label():
    # The Bureau's own letter signed by its Director names no addressee that way; nor does a
    # CIA document's "Director" over the Bureau with no TO label above and no Attention line.
    signed = "FEDERAL BUREAU OF INVESTIGATION\nTO: SAC, Dallas\n\nDirector\nFederal Bureau"
    assert extract(signed).values.get("recipient") != interagency.BUREAU
    loose = "CENTRAL INTELLIGENCE AGENCY\nSome text here.\nDirector\nFederal Bureau of Inv"
    assert extract(loose).values.get("recipient") != interagency.BUREAU


@needs_corpus
@pytest.mark.parametrize(
    "record_id, recipient",
    [
        # "NAME AND ADDRESS" / "DATE" / "INITIALS" / "Mr. John Sreaney" / "TO" / "1" ...
        ("jfk-104-10104-10348", "Mr. John Sreaney"),
        # "NAME AND ADDRESS" / "INITIALS:" / "Deputy Chief, CI" / "Ops".
        ("jfk-104-10413-10061", "Deputy Chief, CI"),
        # "NAME AND ADDRESS" / "DDS _": an office's bare symbol.
        ("jfk-104-10122-10346", "DDS"),
    ],
)
def test_routing_slip_first_row(record_id, recipient):
    assert reading(record_id, "recipient") == (recipient, "routing-slip-to")


def test_routing_slip_never_gives_its_printed_words():
    slip = "OFFICIAL ROUTING SLIP\nNAME AND ADDRESS\n\nDATE\n\nINITIALS\n1\n2\nACTION\nFILE"
    lines = split_lines(slip)
    assert routing.slip_recipient(lines, 0, len(lines), lambda i: False) is None
    slip = "OFFICIAL ROUTING SLIP\nNAME AND ADDRESS\nFILE\nRETURN"
    lines = split_lines(slip)
    assert routing.slip_recipient(lines, 0, len(lines), lambda i: False) is None


@needs_corpus
def test_the_secret_service_keeps_its_name():
    # "TO: PRIORITY DIRECTOR, UNITED STATES SECRET SERVICE.": SECRET is no marking there.
    got = reading("jfk-104-10063-10176", "recipient")
    assert got == ("DIRECTOR, UNITED STATES SECRET SERVICE", "label")


def test_a_marking_after_the_secret_service_is_dropped():
    value = "DIRECTOR, U.S. SECRET SERVICE; SECRET"
    assert labels.clean_value(value) == "DIRECTOR, U.S. SECRET SERVICE"
