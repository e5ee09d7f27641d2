"""archive.ingest: a document's anatomy (NARA's identification form, stamps, families) and the
fields read from each part, on real corpus texts of the tuning part (bench/scoring.py), read from
../shared/corpus at test time. Pure Python, no Django."""

import datetime
import json
import sys
from functools import cache
from pathlib import Path

import pytest

from archive.ingest import calibration, datelines, labels, markings, originators
from archive.ingest.anatomy import FURNITURE, STAMP, line_kind
from archive.ingest.extract import extract
from archive.ingest.fields import FieldSet
from archive.ingest.patterns import Line

HERE = Path(__file__).resolve()
sys.path.insert(0, str(HERE.parents[1] / "bench"))
from scoring import TUNING, WORK, half, part  # noqa: E402
from test_extract import CORPUS, needs_corpus  # noqa: E402

pytestmark = pytest.mark.pure  # extraction is pure Python: no search index


@cache
def _records() -> dict[str, dict]:
    out = {}
    for name in ("memos.jsonl", "jfk_forms.jsonl"):
        with (CORPUS / name).open(encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                out[record["id"]] = record
    return out


def record(record_id: str) -> dict:
    """A corpus record of the tuning part (tests never read the held-out part)."""
    assert part(record_id) == TUNING, f"{record_id} is held out: tests use the tuning part"
    return _records()[record_id]


@cache
def read(record_id: str):
    return extract(record(record_id)["text"])


def reading(record_id: str, field: str) -> tuple:
    """(value, rule) of one field of a tuning record, doubtful readings included."""
    result = read_all(record_id)
    return result.values.get(field), result.rules.get(field)


@cache
def read_all(record_id: str):
    """Every reading of a tuning record, doubtful ones included (the rule is what is tested:
    what calibration later keeps or offers as a suggestion is its affair)."""
    return extract(record(record_id)["text"], keep_doubtful=True)


def work_reading(record_id: str, field: str) -> tuple:
    """(value, rule) of one field of a record of the tuning part's work half (the half whose
    misses rules are written from; bench/extraction.py --half)."""
    assert half(record_id) == WORK, f"{record_id}: tests use the work half of the tuning part"
    return reading(record_id, field)


def work_title(record_id: str) -> tuple[str, str]:
    """(title as text, rule or "") of a work-half record."""
    value, rule = work_reading(record_id, "title")
    return str(value), rule or ""


def dated(record_id: str) -> tuple[str | None, str | None]:
    """(ISO date, rule) of a tuning record's date, doubtful readings included."""
    result = read_all(record_id)
    value = result.values.get("date")
    return (value.isoformat() if value else None), result.rules.get("date")


def line(text: str) -> Line:
    return Line(0, len(text), text, 1)


# --- the identification form -----------------------------------------------------------------


@needs_corpus
def test_form_labels_then_values_after_a_print_date():
    # 2023 layout: "Date:" of the form's printing (6/4/2015) beside its heading, labels in one
    # run and values in another; the document's date is the form's DATE, never the print date.
    result = read("jfk-form-124-10277-10447")
    form, values = result.form, result.values
    assert form["printed"]["value"] == "6/4/2015"
    assert values["date"] == datetime.date(1964, 6, 9)
    assert values["nara_record_number"] == "124-10277-10447"
    assert values["agency"] == "Federal Bureau of Investigation"
    assert form["classification"]["value"] == "Secret"
    assert form["restrictions"]["value"] == "1A; 1C; 4"
    # Every field keeps where it was read: the date's span holds the form's date.
    start, end = result.sources["date"]
    assert "06/09/1964" in record("jfk-form-124-10277-10447")["text"][start:end]
    assert result.rules["date"] == "form"


@needs_corpus
def test_form_originator_not_the_agency_that_holds_the_record():
    # AGENCY: WC (the Warren Commission holds it), ORIGINATOR: CIA (wrote it).
    result = read("jfk-form-179-40005-10040")
    assert result.form["agency"]["value"] == "WC"
    assert result.values["agency"] == "Central Intelligence Agency"
    assert result.values["date"] == datetime.date(1964, 1, 15)


@needs_corpus
def test_form_labels_never_leak_into_fields():
    for record_id in ("jfk-form-124-10347-10027", "jfk-form-104-10066-10213"):
        values = read(record_id).values
        assert values.get("recipient", "").upper() not in ("TITLE", "DATE", "PAGES")
        assert values.get("title", "").upper() not in ("DOCUMENT TYPE", "SUBJECTS")
        assert not str(values.get("title", "")).strip().replace("/", "").isdigit()


@needs_corpus
def test_form_fields_read_in_the_2021_layout():
    result = read("jfk-form-104-10066-10213")
    assert (
        result.form["title"]["value"] == "MEMO: MEETING WITH HSCA CHIEF COUNSEL G. ROBERT BLAKEY."
    )
    assert result.values["date"] == datetime.date(1978, 6, 20)
    assert result.values["sender"].upper().startswith("BRECKINRIDGE")
    assert "SCA REQUESTS" in result.form["subjects"]["value"]


# --- stamps and page furniture ---------------------------------------------------------------


@needs_corpus
def test_release_headers_and_footers_are_not_the_body():
    result = read("jfk-form-124-10277-10447")
    text = record("jfk-form-124-10277-10447")["text"]
    kinds = {}
    for kind, start, end in result.parts:
        kinds.setdefault(kind, []).append(text[start:end])
    assert "form" in kinds and "body" in kinds
    body = " ".join(kinds["body"])
    assert "RELEASE UNDER THE PRESIDENT" not in body
    assert "DocId" not in body and "Docld" not in body


def test_stamp_lines():
    assert originators  # (module used below)
    from archive.ingest.anatomy import line_kind

    assert line_kind("ALL FBI INFORMATION CONTAINED") == "stamp"
    assert line_kind("DATE 06-02-2023 BY 204233442 ADC") == "stamp"
    assert line_kind("NW 65924 Docld:32106017 Page 2") == "furniture"
    assert line_kind(
        "2022 RELEASE UNDER THE PRESIDENT JOHN F. KENNEDY ASSASSINATION RECORDS ACT"
    ) == ("furniture")
    assert line_kind("The captioned organization, consisting of anti-Castro Cuban") is None


# --- families and their header grammars --------------------------------------------------------

FAMILIES = {
    "jfk-124-10346-10215": ("fbi_airtel", "Airtel"),
    "jfk-124-90104-10207": ("fbi_report", "Report"),
    "jfk-124-90158-10018": ("fbi_office_memo", "Memorandum"),
    "jfk-176-10036-10103": ("cia_information_report", "Information report"),
    "jfk-104-10310-10007": ("cia_mfr", "Memorandum for the Record"),
    "jfk-104-10161-10267": ("cia_memo", "Memorandum"),
    "state-foia-F-1986-04261-C09000037": ("state_telegram", "Telegram"),
    "clinton-chirac-1995-07-19": ("nsc_memcon", "Memorandum of telephone conversation"),
    "clinton-pcdc-1993-10-19-bosnia-principals-summary": ("nsc_summary", "Summary of conclusions"),
}


@needs_corpus
@pytest.mark.parametrize("record_id", sorted(FAMILIES))
def test_families(record_id):
    family, document_type = FAMILIES[record_id]
    values = read(record_id).values
    assert (values.get("family"), values.get("document_type")) == (family, document_type)


@needs_corpus
def test_office_from_what_the_sender_line_names():
    assert read("jfk-124-10346-10215").values["office"] == "Buffalo Field Office"  # SAC, BUFFALO
    assert read("jfk-124-90104-10207").values["office"] == "Pittsburgh Field Office"  # report form
    assert read("jfk-104-10161-10267").values["office"] == "Alien Affairs Staff"
    assert read("jfk-194-10001-10233").values["office"] == "650th Military Intelligence Detachment"
    assert read("state-foia-F-1986-04261-C09000037").values["office"] == "Embassy Moscow"


@needs_corpus
def test_labels_and_values_ocr_in_separate_runs():
    # An airtel whose TO:, FROM:, RE: labels stand above their values.
    values = read("jfk-124-10290-10312").values
    assert values["recipient"] == "DIRECTOR, FBI"
    assert values["sender"] == "SAC, LITTLE ROCK"
    assert values["office"] == "Little Rock Field Office"
    assert values["date"] == datetime.date(1961, 4, 4)  # "Date: 4/4/61", a two-digit year


def test_unit_readings():
    assert originators.party("SAC, New York (105-1234)").office == "New York Field Office"
    assert originators.party("Legat, Bern (62-43)").office == "Legal Attaché, Bern"
    assert originators.party("Chief of Station, Mexico City").office == "Mexico City Station"
    assert originators.party("C/WH/4").office == "Western Hemisphere Division"
    assert originators.party("MM", originators.FBI).office == "Miami Field Office"
    assert originators.party("the weather was fine") is None


# --- dates ---------------------------------------------------------------------------------


@needs_corpus
def test_damaged_and_dirty_date_lines():
    # "13 DEC 163": the year's digit lost, read by the years the memo mentions.
    damaged = read("jfk-104-10534-10102")
    assert damaged.values["date"] == datetime.date(1963, 12, 13)
    assert damaged.rules["date"] == "damaged-year"
    # "18 August 1964 cra": OCR junk after the date on its line.
    assert read("jfk-104-10177-10192").values["date"] == datetime.date(1964, 8, 18)


def test_date_lines():
    assert datelines.date_only("16 September 1958 3 pa").value == datetime.date(1958, 9, 16)
    assert datelines.date_only("Friday - 3 Décember 1976").value == datetime.date(1976, 12, 3)
    assert datelines.date_only("Washington, June 7, 1989, 3–4 p.m.").value == datetime.date(
        1989, 6, 7
    )
    assert datelines.date_only("November 2-3, 1962").value == datetime.date(1962, 11, 2)
    assert datelines.date_only("He left on 4 May 1959 for Paris and returned") is None
    two_columns = "TO : Chief, Security Support Division   Date: 18 May 1960"
    assert datelines.inline_label(two_columns).value == datetime.date(1960, 5, 18)
    assert datelines.damaged("13 DEC 163", 1963).value == datetime.date(1963, 12, 13)
    assert datelines.damaged("13 DEC 163", None) is None  # no era: no guess


def test_garbled_header_labels():
    assert labels.label_of(line("FROH : SAC, Dallas"))[0] == "FROM"
    assert labels.label_of(line("PROM: John Smith"))[0] == "FROM"
    assert labels.label_of(line("PATE: 4 May 1959"))[0] == "DATE"
    assert labels.label_of(line("RE: ANGELO BRUNO, AKA")) == ("SUBJECT", "ANGELO BRUNO, AKA")
    assert labels.label_of(line("Re Dallas airtel 12/14/59.")) is None


# --- classification ---------------------------------------------------------------------------


def test_a_heading_is_not_a_marking():
    assert markings.banner_vote(line("Confidential Source"), 0) is None
    assert markings.banner_vote(line("ee i e SECRET"), 0).level == "secret"


def test_portion_marks():
    lines = [line("1. (S) The talks went well."), line("2. (C) The weather was fine."), line("x")]
    assert markings.portion_marks(lines)[0] == "secret"
    assert markings.portion_marks([line("1. (S) Alone.")]) is None


# --- confidence -------------------------------------------------------------------------------


def test_confidence_scale_and_floor():
    # 0.9 shown means right at least 97 times in 100.
    assert calibration.scale(0.97) == pytest.approx(0.9)
    assert calibration.scale(1.0) == pytest.approx(1.0)
    assert calibration.scale(0.8) < 0.75
    out = FieldSet()
    out.offer("sender", "Somebody", 0.9, rule="never-measured")
    out.offer("recipient", "Nobody", 0.2, rule="never-measured")
    calibration.apply(out)
    assert out.values["sender"] == "Somebody"
    assert "recipient" not in out.values  # too doubtful to keep: a suggestion for curators
    assert any(note.startswith("recipient: perhaps 'Nobody'") for note in out.notes)


@needs_corpus
def test_the_form_and_the_marking_both_kept():
    # The form describes the release, the marking the document: both stay, each with its span.
    result = read("jfk-form-124-10277-10447")
    assert result.form["classification"]["value"] == "Secret"
    assert "classification" in result.values


@needs_corpus
def test_cia_offices_named_by_heading_signature_unit_and_drafter_line():
    # "ADDENDUM TO JOURNAL / OFFICE OF LEGISLATIVE COUNSEL" heading the page.
    assert read("jfk-104-10142-10131").values["office"] == "Office of Legislative Counsel"
    # "Security Analysis Group" on its own line under the memorandum.
    assert read("jfk-104-10119-10437").values["office"] == "Security Analysis Group"
    # The drafter's line at the foot: "OLC/SDB/ksn".
    assert read("jfk-104-10146-10111").values["office"] == "Office of Legislative Counsel"


@needs_corpus
def test_misreadings_of_headers_fixed_for_every_document_like_them():
    # A letter whose page notes ("Page 2. Lines 19-20.") are one label eight times: no form.
    letter = read("jfk-104-10094-10010")
    assert not letter.form and letter.values.get("sender") != "Dear Bob"
    # MEMORANDUM FOR (THE) RECORD through OCR damage: no addressee, the type says so.
    for record_id in ("jfk-104-10096-10184", "jfk-194-10007-10451"):
        values = read(record_id).values
        assert "recipient" not in values
        assert values["document_type"] == "Memorandum for the Record"
    # "Memorandum From X Through Y to Z": the sender is X.
    sender = read("frus-history-1973-11-29-aandahl-to-laise").values["sender"]
    assert sender == "Fredrick Aandahl (General Editor of FRUS)"
    # An FBI report's agent with an OCR comma after the initial ("SA IVAN D, LEE"): read whole
    # (kept or offered to curators as a suggestion, as the rule's calibration decides).
    report = extract(record("jfk-form-124-10298-10042")["text"], keep_doubtful=True)
    assert report.values["sender"].startswith("SA IVAN D. LEE")


@needs_corpus
def test_a_routing_slip_ends_where_the_memo_behind_it_begins():
    anatomy = read("jfk-104-10300-10397")
    text = record("jfk-104-10300-10397")["text"]
    at = text.index("1. On 22 March 1977")
    assert not any(kind == "routing" and start <= at < end for kind, start, end in anatomy.parts)


# Release and library stamps as the OCR left them (lines of the shared corpus), and prose that
# names the same things.
@pytest.mark.parametrize(
    "line",
    [
        "[ATION RECORDS ACT OF 1992 J",
        "\u201c'104-40110-10300 (2022 RELEASE UNDER THE PI",
        "-seexer = CLINTON LIBRARY PHOTOCOPY",
        "ect oapke~L INTON LIBRARY PHOTOCOPY PER E.O. 13526",
        "CLINTON LIBRARY PROTOCOPY",
        "Photocopy",
        "Gerald R. Ford Library",
    ],
)
def test_damaged_release_and_library_stamps_are_stamps(line):
    # The library's photocopy stamp behind a classification stamp's OCR is read as page
    # furniture (the furniture rule knows it); either way it is no part of the body.
    assert line_kind(line) in (STAMP, FURNITURE)


@pytest.mark.parametrize(
    "line",
    [
        "individual files to hold photocopies of documents dealing with",
        "took place. (These documents came from the LBJ Library and",
        "WILL POUCH PHOTOCOPY OF LETTER TO HQS FOR TRACES",
    ],
)
def test_prose_naming_a_photocopy_or_a_library_is_not_a_stamp(line):
    assert line_kind(line) is None
