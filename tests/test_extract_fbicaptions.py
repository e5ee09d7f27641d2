"""archive.ingest.fbicaptions: an FBI document's case caption where the Bureau's forms and house
style put it (the report forms' TITLE OF CASE and Title boxes, a teletype's first line, the
airtel's label run, the enclosed letterhead memorandum), and the report form's agent, on real
corpus texts of the tuning part read from ../shared/corpus at test time. Pure Python."""

import pytest
from test_extract import needs_corpus
from test_extract_anatomy import read_all

from archive.ingest import fbicaptions, fbiparties

pytestmark = pytest.mark.pure  # extraction is pure Python: no search index


def _reading(record_id: str, field: str) -> tuple[str, str]:
    result = read_all(record_id)
    return str(result.values.get(field)), result.rules.get(field, "")


@needs_corpus
@pytest.mark.parametrize(
    ("record_id", "caption", "rule"),
    [
        # "TILE OF CASE REPORT MADE BY TYPED BY" / "- RALPH R, HILL Jr, pit" / "Le HARA iF SE" /
        # "SAMUEL M.~GIANCANA, Aka. habemca": OCR lost the T, the agent's line and debris passed.
        ("jfk-form-124-10292-10012", "SAMUEL M. GIANCANA, Aka.", "fbi-case-title"),
        # "ny ROBERT A, VOEGE alz" / "SEBASTIAN JOHN’LA ROCCA, aka CHARACTER OF CASE va"
        ("jfk-form-124-90103-10028", "SEBASTIAN JOHN’LA ROCCA, aka", "fbi-case-title-beside"),
        # "GC : LEMAN L. STAFFORD, JR. LLS:msb ¢" (the agent and typist: once read as the
        # caption, kept as debris) / "‘AGRUPACION MONTECRISTI, aka CHARACTER OF CASE"
        ("jfk-form-124-10205-10485", "‘AGRUPACION MONTECRISTI, aka", "fbi-case-title-beside"),
        # "RICHARD L, WIEHL" (the agent) / "\"MINUTEMEN\" CHARACTER OP CASE"
        ("jfk-form-124-90129-10093", "MINUTEMEN", "fbi-case-title"),
        # "TITLE OF CASE" / "PITSBURGH" / "Office of Origin" / "PITTSBURGH" / "SEBASTIAN ...":
        # the reporting office's city, OCR-garbled, above the older form's OFFICE OF ORIGIN.
        ("jfk-124-90104-10174", "SEBASTIAN JOHN LA ROCCA, aka", "fbi-case-title"),
        # "CHARACTER OF CASE" / "ANGELO JOSEPH SCIANDRA, wa,": OCR's "aka".
        ("jfk-form-124-10347-10027", "ANGELO JOSEPH SCIANDRA, aka", "fbi-case-title"),
    ],
)
def test_report_form_title_of_case(record_id, caption, rule):
    title, got = _reading(record_id, "title")
    assert got.startswith(rule) and title.strip('"“') == caption


@needs_corpus
@pytest.mark.parametrize(
    ("record_id", "caption"),
    [
        # Labels in a column ("Title:" / "Character:"), values after the agent, date and files.
        ("jfk-form-124-10195-10412", "SANTO TRAFFICANTE, JR, aka"),
        # "Title; SAMUEL M, GIANCANA" under "Report of: SA RALPH R. HILL ~~ Ofie: Chicago".
        ("jfk-124-10226-10357", "SAMUEL M, GIANCANA"),
        # "Report of: ROBERT A, VOEGE Office: © Pittsburgh, Pa." / "Title: SEBASTIAN ..."
        ("jfk-124-90103-10052", "SEBASTIAN JOHN LA ROCCA"),
    ],
)
def test_older_report_form_title(record_id, caption):
    assert _reading(record_id, "title") == (caption, "fbi-report-title")


@needs_corpus
def test_teletype_caption_run_into_its_first_line():
    # "FROM a PHILADELPHIA 172031 mie" / "ANGELO BRUNO, AKAs AR. DAILY RAD. PH 623-C% ADVISED"
    assert _reading("jfk-124-10219-10082", "title") == (
        "ANGELO BRUNO, AKA; AR",
        "fbi-teletype-caption",
    )
    # "FROM SAC, TAMPA 192-1/" / "2P" / "SANTO" / "TRAFFICANTE, JRO, AR• DAILY TELETYPE. ..."
    assert _reading("jfk-124-10213-10141", "title") == (
        "SANTO TRAFFICANTE, JRO; AR",
        "fbi-teletype-caption",
    )


@needs_corpus
def test_report_caption_from_its_letterhead_memorandum():
    # No form boxes on the cover pages; the LHM: "Pittsburgh, Pennsylvania" / "February 19,
    # 1962" / "GABRIEL MANNARINO" / "ANTI-RACKETEERING".
    assert _reading("jfk-form-124-10278-10040", "title") == (
        "GABRIEL MANNARINO; ANTI-RACKETEERING",
        "fbi-report-lhm-caption",
    )


@needs_corpus
def test_airtel_sub_file_number_is_no_caption():
    # "FROM: SAC, WrO" / "1104-5437 Sub AI" / "YURI IVANOVICH NOSENKO" / "ESP -" / "R (KGB)"
    title, rule = _reading("jfk-form-124-90155-10005", "title")
    assert rule == "fbi-caption" and title.startswith("YURI IVANOVICH NOSENKO; ESP")


@needs_corpus
def test_airtel_caption_past_ocr_debris():
    # "From: Director, FBI (105-176790) 3G i" / "PODER CUBANO b-b-%": the debris left out.
    assert _reading("jfk-form-124-90065-10017", "title") == ("PODER CUBANO", "fbi-caption")
    # "To: Director, FEE, ..." / "Cfo SAC, Miami. (89-35) (2)": OCR garbled the From label of
    # the sender's line under the addressee's / "ASSASSINATION OF PRESIDENT JOHN F. KENNEDY,"
    title, rule = _reading("jfk-form-124-10262-10080", "title")
    assert rule == "fbi-caption"
    assert title.startswith("ASSASSINATION OF PRESIDENT JOHN F. KENNEDY; 11/22/63, Dallas")


def test_tail_debris_keeps_file_numbers_and_aliases():
    assert fbicaptions.tail_debris("PODER CUBANO b-b-%") == "PODER CUBANO"
    assert fbicaptions.tail_debris("AR (92-207)") == "AR (92-207)"
    assert fbicaptions.tail_debris("SEBASTIAN JOHN LA ROCCA, aka.").endswith("aka.")
    assert fbicaptions.tail_debris("IS - CUBA (RM)") == "IS - CUBA (RM)"


@needs_corpus
def test_airtel_label_run_above_an_attached_teletype():
    # "TO:" / "FROM:" / "RE:" / "DIRECTOR, FBI (105-81285)" / "SAC, CLEVELAND (105-3792)" /
    # "ROBERT EDWARD WEBSTER"; a New York teletype attached after it has TO and FROM lines.
    assert _reading("jfk-124-10210-10362", "sender")[0] == "SAC, CLEVELAND"
    assert _reading("jfk-124-10210-10362", "recipient")[0] == "DIRECTOR, FBI"
    assert _reading("jfk-124-10210-10362", "title")[0].startswith("ROBERT EDWARD WEBSTER")
    # The weekly summary's caption, not a later "RE: DONALD GENE CHAFFIN" paragraph's.
    title = _reading("jfk-124-90038-10082", "title")[0]
    assert title == "TOP HOODLUM PROGRAM ANTI-RACKETEERING WEEKLY SUMMARY"


@needs_corpus
@pytest.mark.parametrize(
    ("record_id", "sender"),
    [
        # "REPORT MADE BY" / "INVESTIGATIVE PERIOD" / "11/20/63 - 7/6/64" / "SAMUEL A" / "MILLER"
        ("jfk-form-124-10287-10241", "SA SAMUEL A. MILLER, Pittsburgh"),
        # "REPORT MADE BY" / "WILLIAM MAYO DREW, JR." / "CHARACTER OF CASE"
        ("jfk-form-124-90102-10135", "SA WILLIAM MAYO DREW, JR, Miami"),
    ],
)
def test_report_made_by_without_sa(record_id, sender):
    assert _reading(record_id, "sender") == (sender, "fbi-report-made-by")


@needs_corpus
@pytest.mark.parametrize(
    ("record_id", "sender"),
    [
        # No REPORTING OFFICE box read: "REPORT MADE BY" / "JOHN P. LENIHAN"; the office is
        # that of the file number heading the pages (fbiparties.agent_office).
        ("jfk-124-10208-10216", "SA JOHN P. LENIHAN, Miami"),
        # ": REPORT MADE BY ~ TYPED BY" / "~ ELMER F, EMRICH ems"
        ("jfk-form-124-90066-10208", "SA ELMER F. EMRICH, Miami"),
    ],
)
def test_report_made_by_with_the_file_office(record_id, sender):
    assert _reading(record_id, "sender") == (sender, "fbi-report-made-by+office")


@pytest.mark.parametrize(
    ("line", "agent"),
    [
        ("- RALPH R, HILL Jr, pit", True),
        ("GC : LEMAN L. STAFFORD, JR. LLS:msb ¢", True),
        ("Q. P IVAN D. LEE jt", True),
        ("SA_REGIS L.", True),
        ("LA CAUSA NOSTRA", False),
        ("SLOAN FREDERICK", False),
        ("SECOND NATIONAL FRONT OF", False),
        ("JOSEPH FRANCIS CIVELLO, aka IVAN D. LEE isl", False),
    ],
)
def test_agent_line_is_the_report_made_by_value(line, agent):
    assert fbicaptions.agent_line(line) is agent


def test_debris_and_cut_captions():
    assert fbicaptions.debris_words("Le HARA iF SE")
    assert fbicaptions.debris_words("MARIA JO")
    assert not fbicaptions.debris_words("SECOND NATIONAL FRONT OF")
    assert not fbicaptions.debris_words("SAMUEL M. GIANCANA, Aka.")
    assert fbicaptions.beside_character("( MARIA JO; CHARACTER OF CASE B ae.") is None
    assert fbicaptions.character("ANT I-RACKETEER ING")
    # The character's column under the label (jfk-form-124-10284-10171), OCR-garbled.
    assert fbicaptions.character("‘ REGQUSERABION AGT - Hol ;")
    assert not fbicaptions.character("SEBASTIAN JOHN LA ROCCA, aka")
    assert fbicaptions.aka("GUS ALEX, was.") == "GUS ALEX, aka"


@needs_corpus
@pytest.mark.parametrize(
    "record_id",
    ["jfk-form-124-10347-10027", "jfk-form-124-90118-10198", "jfk-form-124-90129-10029"],
)
def test_identification_form_lone_hq_is_the_addressee(record_id):
    # "FROM:" / "TO:" ... / "FBI" / "HQ" / "02/05/1963": OCR lost one of the two values; in the
    # FBI's forms HQ is the addressee five times in six, the field office the sender.
    assert _reading(record_id, "recipient") == ("HQ", "form")
    assert _reading(record_id, "sender")[0] != "HQ"


def test_director_line_with_ocr_l_for_i():
    # "DIRECTOR, FBL (62-107261) 2/5/63" over "SAC, DENVER (62-1494) (C)" (jfk-form-124-90129-10029)
    m = fbiparties._DIRECTOR_RE.match("DIRECTOR, FBL (62-107261) 2/5/63")
    assert m and fbiparties._FILE_RE.match(m["rest"])


@needs_corpus
@pytest.mark.parametrize(
    ("record_id", "office"),
    [
        # "REPORTING OFFICE OFFICE OF ORIGIN DATE ..." / "PITTSBURGH PITTSBURGH | 7/17/63 ...":
        # not "MIAMI" from the LEADS further down.
        ("jfk-form-124-90103-10028", "Pittsburgh Field Office"),
        # "Reporting Office Office of Origin Dato ..." / "LITTLE ROCK DALLAS 12/27/60 | ..."
        ("jfk-form-124-90038-10008", "Little Rock Field Office"),
        ("jfk-124-90118-10047", "Dallas Field Office"),  # "DALLAS DALLAS 9/23/60 10/8/59 ..."
    ],
)
def test_reporting_office_where_ocr_ran_the_two_offices_together(record_id, office):
    assert _reading(record_id, "office") == (office, "fbi-report")


def test_row_city_only_on_the_row_under_the_labels():
    assert fbicaptions.row_city("PITTSBURGH PITTSBURGH", 2) == "Pittsburgh"
    assert fbicaptions.row_city("LITTLE ROCK DALLAS", 2) == "Little Rock"
    assert fbicaptions.row_city("MIAMI", 20) == "Miami"
    assert fbicaptions.row_city("PITTSBURGH PITTSBURGH", 20) is None  # far from the labels
