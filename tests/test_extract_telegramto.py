"""archive.ingest.telegrams: a State telegram's addressee without the precedence and serial that
follow it on the TO line ("TO SECSTATE WASHDC IMMEDIATE 2.", OCR-garbled "NIALT IMNEOIATE"), on
real corpus texts of the tuning part read from ../shared/corpus at test time. Pure Python."""

import pytest
from test_extract import needs_corpus
from test_extract_anatomy import reading

from archive.ingest.patterns import Line
from archive.ingest.telegrams import _party

pytestmark = pytest.mark.pure  # extraction is pure Python: no search index


def addressee(text: str) -> str:
    """The addressee _party reads from one TO line's value."""
    return _party([Line(0, len(text), "TO " + text, 1)], 0, text)


@pytest.mark.parametrize(
    ("value", "party"),
    [
        ("AMEMBASSY TEL AVIV PRIORITY", "AMEMBASSY TEL AVIV"),  # the reference's own example
        ("SECSTATE WASHDC IMMEDIATE 2.", "SECSTATE WASHDC"),  # the serial's full stop
        ("ALL NATO CAPITALS NIALT IMNEOIATE.", "ALL NATO CAPITALS"),  # NIACT IMMEDIATE garbled
        ("SECSTATE WASHDC PRIORITY 2230 eee", "SECSTATE WASHDC"),  # OCR specks after the serial
        ("SECSTATE UA IMMEDIATE 2.", "SECSTATE WASHDC"),  # WASHDC read as two letters
        ("AMEMBASSY NIAMEY ROUTINE 4410", "AMEMBASSY NIAMEY"),  # a post is no precedence
    ],
)
def test_precedence_and_serial_are_cut(value, party):
    assert addressee(value) == party


@needs_corpus
@pytest.mark.parametrize(
    ("record_id", "party"),
    [
        ("state-foia-F-1986-04261-C09000037", "SECSTATE WASHDC"),  # "TO SECSTATE UA IMMEDIATE 2."
        ("state-foia-F-1986-04261-C09000057", "SECSTATE WASHDC"),  # "...PRIORITY 2230 eee"
        ("state-foia-F-1986-04261-C09000015", "SECSTATE WASHDC"),  # clean: unchanged
    ],
)
def test_cable_addressee(record_id, party):
    assert reading(record_id, "recipient") == (party, "telegram")


@needs_corpus
def test_collective_addressee_keeps_its_other_posts():
    value, rule = reading("state-foia-F-1986-04261-C09000062", "recipient")
    assert rule == "telegram"
    assert value.startswith("ALL NATO CAPITALS; AMEMBASSY CAIRO")
    assert "NIALT" not in value and "IMNEOIATE" not in value
