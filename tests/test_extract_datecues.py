"""Date cues: an FBI paper's damaged Date label ("DATE! 1/16/64"), and the identification
form's DATE label behind a stray mark of the form's left edge ("t DATE: — 12/21/1970"), on real
corpus texts of the tuning part (work half; read from ../shared/corpus at test time, skipped when
the corpus is absent)."""

import datetime

import pytest
from test_extract import needs_corpus
from test_extract_anatomy import WORK, half, record, work_reading

from archive.ingest import datecues
from archive.ingest.extract import Context, extract
from archive.ingest.fields import FieldSet
from archive.ingest.patterns import split_lines
from archive.ingest.rif import parse_rif
from archive.ingest.riflabels import read_label

pytestmark = pytest.mark.pure  # extraction is pure Python: no search index


@needs_corpus
def test_a_form_date_behind_a_stray_mark_is_the_forms_date():
    # FBI form: "TITLE:" (empty) then "t DATE: — 12/21/1970"; the title took the DATE line.
    value, rule = work_reading("jfk-form-124-90157-10116", "date")
    assert value is not None and value.isoformat() == "1970-12-21" and rule == "form"
    title, _ = work_reading("jfk-form-124-90157-10116", "title")
    assert "DATE" not in str(title or "")


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("t DATE: — 12/21/1970", "date"),  # jfk-form-124-90157-10116
        ("| _ PAGES: 4", "pages"),  # jfk-form-124-90157-10116
        ("} SUBJECTS :", "subjects"),  # jfk-form-124-90157-10116, jfk-form-124-90065-10016
        ("t CLASSIFICATION : Secret", "classification"),  # jfk-form-124-90065-10017
        ("l CURRENT STATUS : RELEASED", "current_status"),  # jfk-form-194-10001-10423
    ],
)
def test_a_stray_mark_before_a_form_label_is_the_forms_edge(text, key):
    hit = read_label(text)
    assert hit is not None and hit[0] == key


@pytest.mark.parametrize("text", ["a Date to remember", "to DATE: 12/21/1970", "xy PAGES: 4"])
def test_a_word_before_a_label_is_not_a_stray_mark(text):
    hit = read_label(text)
    assert hit is None or hit[0] not in ("date", "pages")


def _body(record_id: str):
    """The reading context of a work-half form record's document, its identification form cut
    off (as memos.jsonl gives a record: the form's DATE no longer dates it)."""
    assert half(record_id) == WORK, f"{record_id}: tests use the work half of the tuning part"
    text = record(record_id)["text"]
    form = parse_rif(text, split_lines(text))
    return Context(text[form.end :])


@needs_corpus
@pytest.mark.parametrize(
    ("record_id", "expected"),
    [
        ("jfk-form-124-90122-10078", "1964-01-16"),  # office memo: "SAC (62-3395) ; DATE! 1/16/64"
        ("jfk-form-124-90140-10036", "1961-12-21"),  # letter: "Dates December 21, 1961 (SEE ..."
    ],
)
def test_a_damaged_date_label_dates_an_fbi_paper(record_id, expected):
    ctx = _body(record_id)
    out = FieldSet()
    datecues.fill(ctx, out)
    assert out.values["date"].isoformat() == expected
    assert out.rules["date"] == "date-label-damaged"


@pytest.mark.parametrize(
    "text",
    [
        "ALL INFORMATION CONTAINED\nHEREIN IS UNCLASSIFIED\nDATE! 5/7/95 BY 5665 SLD\n",
        "MEMORANDUM\nDATE! 5/7/95\nOn 3/3/61 and 4/4/61 and in 1961 the subject met SA JONES.\n",
    ],
)
def test_a_reviewers_date_behind_a_damaged_label_is_not_the_documents(text):
    out = FieldSet()
    datecues.fill(Context(text), out)
    assert "date" not in out.values


def test_a_date_already_read_is_kept():
    out = FieldSet()
    out.offer("date", datetime.date(1964, 1, 2), 0.8, rule="label")
    datecues.fill(Context("MEMORANDUM\nSAC ; DATE! 1/16/64\n"), out)
    assert out.values["date"] == datetime.date(1964, 1, 2)


@needs_corpus
@pytest.mark.parametrize(
    ("record_id", "stamp"),
    [
        ("jfk-form-124-90029-10001", "1995-05-07"),  # FBI stamp "DATE 5-7-95 BY56655L0", 1950s
        ("jfk-form-124-90104-10152", "1988-01-09"),  # "1/9/88" in a 1958 report's margin
        ("jfk-form-157-10004-10050", "1994-07-15"),  # "7/15/94" above a 1962 cable
    ],
)
def test_a_reviewers_date_is_not_the_documents(record_id, stamp):
    text = record(record_id)["text"]
    assert half(record_id) == WORK
    body = text[parse_rif(text, split_lines(text)).end :]
    result = extract(body, keep_doubtful=True)
    value = result.values.get("date")
    assert value is None or value.isoformat() != stamp
    assert any("reviewer's" in note and stamp in note for note in result.notes)


@needs_corpus
def test_a_date_range_of_a_meeting_is_not_a_reviewers_date():
    # "November 7-8, 1958": its "7-8" is a range of days, not a numeric date.
    value, rule = work_reading("frus-history-1958-11-07-hac-meeting-minutes", "date")
    assert value is not None and value.isoformat() == "1958-11-07"
