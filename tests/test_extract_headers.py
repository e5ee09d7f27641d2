"""archive.ingest.headers: addressee, sender and caption read from a document's header block on
real corpus texts of the tuning part (bench/scoring.py), read from ../shared/corpus at test
time. Pure Python, no Django."""

import pytest
from test_extract import needs_corpus
from test_extract_anatomy import read_all as read

pytestmark = pytest.mark.pure  # extraction is pure Python: no search index


@needs_corpus
@pytest.mark.parametrize(
    ("record_id", "recipient"),
    [
        ("jfk-104-10132-10102", "Files"),  # "TO : Files    DATE: 5 December 1963"
        ("jfk-124-90118-10179", "DIRECTOR"),  # teletype "TO DIRECTOR"
        ("jfk-124-90104-10229", "DIRECTOR, FBI"),  # "T0: DIRECTOR, FBI (92-2940)"
        ("jfk-124-10197-10145", "Director, FBI"),  # "fb To: Director, FBI (62-9-29)"
        ("jfk-124-90118-10020", "The Director"),  # "To + The Director pate: August 5, 1959"
    ],
)
def test_addressee_label_damaged_or_one_word(record_id, recipient):
    result = read(record_id)
    assert result.values["recipient"] == recipient
    assert result.rules["recipient"].startswith("label")


@needs_corpus
def test_addressee_title_and_organisation_on_two_lines():
    # "MEMORANDUM FOR: Director." / blank / "Federal Bureau of Investigation" / "ATTENTION"
    value = read("jfk-form-104-10256-10063").values["recipient"]
    assert value.startswith("Director") and value.endswith("Federal Bureau of Investigation")


@needs_corpus
def test_attention_line_ends_the_addressee():
    # "Attention: Mr, S.J. Papich" under the addressee is a label, not more of the address.
    value = read("jfk-form-124-10369-10027").values["recipient"]
    assert value == "Director, Federal Bureau of Investigation"


@needs_corpus
def test_fbi_form_lines_with_garbled_labels():
    # "tae : DIRECTOR, FBI (92-2897) pate 7/16/58" over "ode SAC, DALLAS (92-34)".
    result = read("jfk-124-90118-10098")
    assert result.values["recipient"] == "DIRECTOR, FBI"
    assert result.values["sender"] == "SAC, DALLAS"
    assert result.rules["recipient"] == result.rules["sender"] == "fbi-form-line"


def test_cable_addressing_words_restored():
    from archive.ingest.telegrams import known_address

    assert known_address("SECSTAVB*WASHOC") == "SECSTATE WASHDC"
    assert known_address("SETSYATE WASHDC") == "SECSTATE WASHDC"
    assert known_address("AMEMBASGY CANBERRA") == "AMEMBASSY CANBERRA"
    assert known_address("AMEMBASSY MOSCOW; USUN NEW YORK") == "AMEMBASSY MOSCOW; USUN NEW YORK"


@needs_corpus
def test_cable_to_line_after_the_date_time_group_when_fm_is_lost():
    # "O 2711212 OCT 86" / "FA POSTON" (FM garbled) / "TO SECSTATE UA IMMEDIATE 2."
    assert read("state-foia-F-1986-04261-C09000037").values["recipient"].startswith("SECSTATE")


@needs_corpus
def test_stacked_labels_another_fields_label_and_value_skipped():
    # "TO:" / "EVES ONLY" / "NO:" / "Secretary of State" / "748, OCTOBER 19, 1 PM ..."
    assert read("jfk-176-10036-10158").values["recipient"] == "Secretary of State"


@needs_corpus
def test_cable_form_precedence_box_is_not_an_addressee():
    value = read("jfk-form-157-10004-10189").values.get("recipient") or ""
    assert "PRIORITY" not in value and "DEFERRED" not in value


@needs_corpus
def test_record_print_labels_are_not_parties():
    # The HRG Record Print: "From:", "Prom Res:", "To:", "To Res:" ... "Control Number".
    values = read("jfk-form-104-10330-10088").values
    assert "Res" not in values.get("recipient", "") and "Res" not in values.get("sender", "")


@needs_corpus
def test_form_party_without_its_label_repeated():
    # The form's TO value OCR'd as "“TO: HQ".
    assert read("jfk-form-124-10348-10013").values["recipient"] == "HQ"


@needs_corpus
def test_addressee_without_its_route():
    # "CHIEF, CIB THRU THE APPROPRIATE APPROVING AND CONCURRING OFFICIALS"
    assert read("jfk-form-104-10120-10659").values["recipient"] == "CHIEF, CIB"


@needs_corpus
def test_heading_is_not_a_label_line_an_addressee_or_debris():
    # Opening lines "MEMORANDUM FOR: Special Assistant ...", "Chief, WH Division", OCR debris.
    for record_id in ("jfk-104-10161-10390", "jfk-104-10218-10040", "jfk-104-10105-10219"):
        assert read(record_id).rules.get("title") != "heading", record_id


@needs_corpus
def test_subject_cut_mid_phrase_goes_on_next_line():
    # "SUBJECT: Agency Contact with the Immigration and" / "Naturalization Service on ..."
    title = read("jfk-104-10123-10154").values["title"]
    assert title.startswith("Agency Contact with the Immigration and Naturalization")


@needs_corpus
def test_cia_dispatch_form_offices():
    # "DISPATCH" / "10" (TO garbled) / "Chief, WH Division" / "INFO." / ... / "FROM" /
    # "MICROFILM" / "Chief of Station, Mexico City" / "substet" (SUBJECT garbled)
    result = read("jfk-104-10414-10071")
    assert result.values["recipient"] == "Chief, WH Division"
    assert result.values["sender"] == "Chief of Station, Mexico City"
    assert result.rules["recipient"] == "dispatch-form"


@needs_corpus
def test_title_line_to_outside_the_senders_parentheses():
    # "Memorandum From Arthur Kogan (Special Assistant to the Director of the Historical
    # Office) to William Franklin (Director of the Historical Office)"
    values = read("frus-history-1972-09-22-kogan-to-franklin").values
    assert values["sender"].startswith("Arthur Kogan (Special Assistant to the Director")
    assert values["recipient"] == "William Franklin (Director of the Historical Office)"


@needs_corpus
def test_label_run_passes_over_stamp_fragments_and_stray_labels():
    # "TO" / "FROM" / "SUBJECT" then "Declas" / "DIRECTOR, FBI (109-584)" / "ATE:" / "SEQ" /
    # "NEW YORK (105-35253)" / "SE" / "ANTI - FIDEL CASTRO ACTIVITIES"
    values = read("jfk-124-10287-10038").values
    assert values["recipient"] == "DIRECTOR, FBI"
    assert values["sender"] == "NEW YORK"
    assert values["subject"].startswith("ANTI - FIDEL CASTRO ACTIVITIES")


@needs_corpus
def test_garbled_subject_label():
    # "SUNJECT: Lee Harvey OSWALD"
    assert read("jfk-form-104-10422-10159").values["subject"] == "Lee Harvey OSWALD"


def test_composed_title_leaves_out_a_garbled_party():
    import datetime

    from archive.ingest.captions import compose_title

    values = {
        "sender": "Chief of Station, Mexico City",
        "recipient": "Chie? wuMBce, WH/SA/T0S = Me He Chejare",
        "date": datetime.date(1963, 11, 12),
    }
    title = compose_title(values, "Dispatch")
    assert title == "Dispatch, from Chief of Station, Mexico City, 12 November 1963"


@needs_corpus
def test_form_title_placeholder_is_not_a_title():
    # The form's TITLE reads "[No Titlel]".
    assert read("jfk-form-124-10018-10491").values.get("title") != "[No Titlel"


@needs_corpus
@pytest.mark.parametrize(
    ("record_id", "start"),
    [
        ("jfk-104-10219-10179", "Domestic Collection"),  # "MEHORAHDUM FOR: Domestic ..."
        ("jfk-104-10218-10077", "CI/OA"),  # "MEMORANDUM TO: CI/OA"
        ("jfk-104-10331-10309", "John F. Pereira"),  # "NOTE FOR: John F. Pereira @ DA"
    ],
)
def test_memorandum_label_variants(record_id, start):
    assert read(record_id).values["recipient"].startswith(start)


@needs_corpus
def test_release_stamp_is_not_an_addressee():
    # "HEMORANBUN FOR: ‘TIA HISTORICAL REVIEW PROGRAM" (the stamp beside the label)
    value = read("jfk-104-10052-10191").values.get("recipient") or ""
    assert "HISTORICAL REVIEW" not in value


@needs_corpus
def test_subject_stops_at_reference_label_with_garbled_colon():
    # "SUBSET 4 Transmittal of Amended Cuban Passport" / "REFERENCE 1 Menorandum from ..."
    result = read("jfk-104-10179-10042")
    assert result.values["subject"] == "Transmittal of Amended Cuban Passport"
    assert result.values["recipient"] == "Chief, WH/4/PA"


@needs_corpus
def test_addressee_block_ends_at_a_bare_from_and_keeps_an_unclosed_file_number_out():
    # "TO" / "DIRECTOR, FBI (105-89923114144" / "From" / ":" / "SAC, NEW YORK (105-40574)"
    assert read("jfk-124-90055-10218").values["recipient"] == "DIRECTOR, FBI"


@needs_corpus
def test_addressee_stops_at_a_garbled_date_column_and_the_next_label():
    # "TO : LEGAT, MEXICO CTYZ — pare: 3/2/61" / "FROM SA JOSEPH B. GARCIA"; "FRoM :"
    assert read("jfk-124-10233-10434").values["recipient"] == "LEGAT, MEXICO CTYZ"
    assert read("jfk-104-10161-10443").values["recipient"] == "File"


@needs_corpus
def test_cia_cable_to_line_with_precedence_and_info():
    # "TO: _ DIRECTOR INFO|" (and "TO: PRIORITY DIRECTOR INFO ...")
    result = read("jfk-104-10326-10069")
    assert result.values["recipient"] == "Director (CIA Headquarters)"
    assert result.rules["recipient"] == "cable-to"


@needs_corpus
def test_addressee_ocrd_a_line_above_its_bare_label():
    # "Deputy Director for Operations" / "MEMORANDUM FOR:" / "FROM : Walter Raymond, Jr."
    result = read("jfk-104-10052-10191")
    assert result.values["recipient"] == "Deputy Director for Operations"
    assert result.rules["recipient"] == "label-above"


@needs_corpus
def test_form_typed_addressee_outranks_one_read_by_position():
    # Labels in a run, values OCR'd below them out of order ("Donald P." / "Gregt"): the
    # form's TO "GREGG, DON, SA/DO/O, CIA" is kept.
    result = read("jfk-form-104-10059-10196")
    assert result.values["recipient"] == "GREGG, DON, SA/DO/O, CIA"


@needs_corpus
def test_fbi_sender_line_is_whole_the_caption_below_is_not_part_of_it():
    # "FROM : SAC, DALLAS (...) (P)" / "CHANGED. UNSUBS, BRIBERY OF ..."
    assert read("jfk-124-10286-10142").values["sender"] == "SAC, DALLAS"


@needs_corpus
def test_subject_as_a_word_in_a_printed_sentence_is_not_the_label():
    # A CIA clearance form: "SUBJECT HAS BEEN APPROVED", "SUBJECT TO BE CHECKED".
    for record_id in ("jfk-104-10112-10352", "jfk-104-10006-10247"):
        title = read(record_id).values.get("title") or ""
        assert not title.startswith(("HAS BEEN", "TO BE")), record_id


@needs_corpus
@pytest.mark.parametrize(
    ("record_id", "office"),
    [
        ("jfk-124-90091-10069", "Dallas"),  # report cover pages headed "DL 166-102"
        ("jfk-124-10332-10043", "Miami"),  # pages headed "MM ..." with no header block
    ],
)
def test_headerless_fbi_pages_are_the_file_numbers_office_to_the_bureau(record_id, office):
    result = read(record_id)
    assert office in result.values["sender"]
    assert result.rules["sender"] == "fbi-file-sender"
    assert result.values["recipient"] == "Director, FBI"
    assert result.rules["recipient"] == "fbi-file-recipient"


@needs_corpus
def test_fbi_report_form_goes_to_the_bureau():
    result = read("jfk-124-10198-10125")  # "Report of: SA WILLIAM F. ROEMER ... Office: Chicago"
    assert result.values["sender"] == "SA WILLIAM F. ROEMER, Chicago"
    assert (result.values["recipient"], result.rules["recipient"]) == (
        "Director, FBI",
        "fbi-report-recipient",
    )


@needs_corpus
def test_fbi_header_parties_win_over_the_file_number():
    result = read("jfk-124-90104-10229")  # "T0: DIRECTOR, FBI (92-2940)" and its FROM line
    assert result.rules["sender"] != "fbi-file-sender"
    assert result.rules["recipient"].startswith("label")


@needs_corpus
@pytest.mark.parametrize(
    ("record_id", "recipient"),
    [
        ("jfk-104-10133-10437", "Files"),  # ":" / "Files" / "FROM : M. D. Stevens"
        ("jfk-124-10198-10101", "Mr. DeLoach"),  # the form's TO label lost to its colon
    ],
)
def test_addressee_whose_label_ocr_lost_to_its_colon(record_id, recipient):
    result = read(record_id)
    assert result.values["recipient"] == recipient
    assert result.rules["recipient"].startswith("label-lost")  # "-garbled" among OCR dirt


def test_a_colon_above_from_is_not_an_addressee_in_prose():
    from archive.ingest.headers import memo_headers
    from archive.ingest.patterns import split_lines

    text = "Memorandum\n:\nthe reasons were given to him in full\nFROM : M. D. Stevens\n"
    lines = split_lines(text)
    found = memo_headers(lines, 0, len(lines), lambda s: s)
    assert found["FROM"].value == "M. D. Stevens"
    assert "TO" not in found
    lines = split_lines(text.replace("the reasons were given to him in full", "Files"))
    assert memo_headers(lines, 0, len(lines), lambda s: s)["TO"].value == "Files"
