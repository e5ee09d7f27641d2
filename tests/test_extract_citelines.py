"""archive.ingest.citelines: a CIA cable's sender from its later form's cite line and heading,
on real corpus texts of the tuning part read from ../shared/corpus at test time."""

import pytest
from test_extract import needs_corpus
from test_extract_anatomy import read_all as read

pytestmark = pytest.mark.pure  # extraction is pure Python: no search index


@needs_corpus
def test_station_spelled_out_on_the_cite_line():
    # "CITE MEXICO CITY 46000" (the older form's code would be MEXI).
    result = read("jfk-104-10066-10170")
    assert (result.values["sender"], result.rules["sender"]) == (
        "Mexico City Station",
        "cable-cite-words",
    )


@needs_corpus
def test_headquarters_cable_by_its_heading():
    # "STAFF 171905Z DIRECTOR 224314" over "TO: IMMEDIATE MEXICO CITY.", in a text no family
    # claimed before its fields were read.
    result = read("jfk-104-10065-10132")
    assert (result.values["sender"], result.rules["sender"]) == (
        "Director (CIA Headquarters)",
        "cable-cite-words",
    )
