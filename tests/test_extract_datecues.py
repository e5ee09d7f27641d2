"""Date cues: the identification form's DATE label behind a stray mark of the form's left edge
("t DATE: — 12/21/1970"), read as the form's date, on real corpus texts of the tuning part (work
half; read from ../shared/corpus at test time, skipped when the corpus is absent)."""

import pytest
from test_extract import needs_corpus
from test_extract_anatomy import work_reading

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
