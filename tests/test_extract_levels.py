"""archive.ingest: classification banners OCR damaged past the plain reading and portion marks
struck through, on real corpus texts of the tuning part read from ../shared/corpus at test time.
Pure Python."""

import pytest
from test_extract import needs_corpus
from test_extract_anatomy import read_all, record

from archive.ingest import banners, markings

pytestmark = pytest.mark.pure  # extraction is pure Python: no search index


def lines_of(record_id: str, level: str) -> list[str]:
    """The lines of a record that banners.damaged_level reads as level."""
    text = record(record_id)["text"]
    return [t for t in text.split("\n") if (banners.damaged_level(t) or ("",))[0] == level]


# --- banners split, garbled or cut short ------------------------------------------------------


@needs_corpus
@pytest.mark.parametrize(
    "record_id, level, printed",
    [
        ("jfk-104-10063-10007", "secret", "S ECRE"),  # split and cut short
        ("jfk-104-10072-10243", "secret", "SEGHET"),  # garbled inside
        ("jfk-104-10164-10059", "secret", "| SEGRE"),  # a bar before, cut short
        ("state-foia-F-1986-04261-C09000057", "confidential", "CONF IOENTIAL"),  # split
        ("clinton-izetbegovic-tudjman-1994-12-05", "confidential", "—CONEELBENTEAL 3"),  # struck
    ],
)
def test_damaged_banner_lines_read(record_id, level, printed):
    assert printed in lines_of(record_id, level)


@needs_corpus
def test_struck_confidential_banners_give_the_level_when_no_banner_reads_plainly():
    # Every page's CONFIDENTIAL struck through by the library: "~CONBEDBNETATS 9024",
    # "CON LPENT TAL 2" ...; read as a damaged banner, under its own rule name.
    got = read_all("clinton-izetbegovic-1995-12-14-pull-aside")
    assert (got.values["classification"], got.rules["classification"]) == (
        "confidential",
        "banner-damaged",
    )


@needs_corpus
def test_a_plain_banner_outvotes_damaged_readings():
    # SECRET read plainly beside nothing damaged stays a plain banner's reading.
    got = read_all("clinton-pcdc-1994-11-28-bosnia-principals-summary")
    assert (got.values["classification"], got.rules["classification"]) == ("secret", "banner")


@pytest.mark.parametrize(
    "text",
    [
        "CONFIDENCE",
        "CONTINUATION",
        "CONSIDERATIONS",
        "CONFISCATA",
        "CONVENTIONAL",
        "SECURE",
        "SERIES",
        "SECDEF",
        "SELECT",
        "STREET",
        "CONFIDENTIAL SOURCE",  # a heading: two words, the second not a piece of the first
        "Secret Service",
        "SEGRE ARY OF STATE",
    ],
)
def test_words_near_a_level_are_not_damaged_banners(text):
    assert banners.damaged_level(text) is None


# --- portion marks struck through (NSC documents at the Clinton library) ----------------------


@needs_corpus
@pytest.mark.parametrize(
    "record_id, level",
    [
        ("clinton-pcdc-1994-08-17-bosnia-principals-summary", "secret"),  # "<8}-", "<&}"
        ("clinton-pcdc-1994-03-08-bosnia-summary", "secret"),  # "~—S-", "+—&-", "—s}-~"
        ("clinton-tudjman-1995-12-14-pull-aside", "confidential"),  # "—(€}", "-+€}+"
    ],
)
def test_struck_portion_marks_give_the_level(record_id, level):
    got = read_all(record_id)
    assert (got.values["classification"], got.rules["classification"]) == (level, "struck-marks")


def test_struck_portion_marks_need_two_and_a_telling_letter():
    assert banners.struck_marks(["The talks go on. +6}", "We agree. +&"]) is None  # 6, &: either
    assert banners.struck_marks(["One paragraph. +S}"]) is None
    assert banners.struck_marks(["We agree. +S}", "They do. +6"]) == ("secret", 0, 2)


@needs_corpus
def test_the_forms_level_outranks_banners_read_only_through_heavy_damage():
    # The form says Secret; the document's one banner left is "CONRDENTIA".
    got = read_all("jfk-form-124-10281-10060")
    assert (got.values["classification"], got.rules["classification"]) == ("secret", "form")


# --- an FBI airtel stating its enclosed LHM's level ---------------------------------------------


@needs_corpus
@pytest.mark.parametrize(
    "record_id",
    [
        "jfk-124-10256-10021",  # 'Enclosed LHM has been classified "Confidential"'
        "jfk-form-124-90137-10055",  # 'Tht ccompanying letterhead memorandum is classified ...'
    ],
)
def test_airtel_stating_its_enclosed_lhms_level(record_id):
    got = read_all(record_id)
    assert (got.values["classification"], got.rules["classification"]) == (
        "confidential",
        "classified-statement",
    )


@pytest.mark.parametrize(
    "text",
    [
        "furnished by letter classified SECRET, dated 10/27/59",  # another document's level
        "The proceedings of that discussion have been classified SECRET",
        "enclosed LHM has been classified",  # no level
    ],
)
def test_statements_about_other_papers_are_not_the_documents_level(text):
    assert markings.classified_statement(text) is None


# --- the level typed under an information report's classification label --------------------------


@needs_corpus
@pytest.mark.parametrize(
    "record_id, level",
    [
        ("jfk-form-176-10037-10452", "secret"),  # "S-E-O RET" under the label, on a later page
        ("jfk-form-176-10036-10097", "confidential"),  # "C-O-N-F-I-D-E-N-T=I-A-L NO FOREIGN ..."
        ("jfk-form-176-10037-10454", "confidential"),  # "CONFIDENTIAL NO FORE IGN DISSEM"
    ],
)
def test_level_under_an_information_reports_label(record_id, level):
    # These forms run on over the report (no page footer ends them): its banners are hidden.
    got = read_all(record_id)
    assert (got.values["classification"], got.rules["classification"]) == (level, "report-label")


@pytest.mark.parametrize(
    "text, cleaned",
    [
        ("S-E-C-R-E-T", "SECRET"),
        ("C-O-N-F-I-D-E-N-T=I-A-L NO FOREIGN DISSEM", "CONFIDENTIAL"),
        ("NOFORN/CONTINUED CONTROL", "NOFORN"),  # controls only: no level left to read
        ("TDCS-3/544,961", "TDCS-3/544,961"),  # a report number is not letters spelled out
    ],
)
def test_report_line_joins_spelled_letters_and_cuts_controls(text, cleaned):
    assert banners.report_line(text) == cleaned


@needs_corpus
def test_form_label_after_a_stray_letter_is_read():
    # "t CLASSIFICATION : Secret": OCR put a letter of the margin before the label.
    got = read_all("jfk-form-124-90065-10017")
    assert got.form["classification"]["value"] == "Secret"
    assert (got.values["classification"], got.rules["classification"]) == ("secret", "form")
