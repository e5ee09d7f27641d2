"""archive.ingest.addresseecues: a State incoming telegram's own addressee, its TO caption
alone on its line and the addressee on the next, over the person NARA's form names. Real corpus
texts of the work half of the tuning part, read from ../shared/corpus at test time."""

import pytest
from test_extract import needs_corpus
from test_extract_anatomy import record, work_reading

from archive.ingest import addresseecues
from archive.ingest.extract import Context
from archive.ingest.extract import extract as read_text

pytestmark = pytest.mark.pure  # extraction is pure Python: no search index


def addressee(record_id: str) -> tuple:
    """(recipient, rule) of a work-half record."""
    return work_reading(record_id, "recipient")


@needs_corpus
@pytest.mark.parametrize(
    "record_id",
    [
        # "FROM: Brussels" / "TO:" / "Secretary of State" / "NO:"; the form says "TO : Rusk".
        "jfk-form-176-10036-10014",
        # "FROM: Elisabethville" / "TO:" / "Secretary of State" / "NO:"; the form: "TO : Rusk".
        "jfk-form-176-10036-10019",
    ],
)
def test_caption_alone_gives_the_telegrams_own_addressee(record_id):
    # The form ends at the scan's page break, so the header reader has the telegram's head.
    assert addressee(record_id) == ("Secretary of State", "label")
    # Where the form runs on over the telegram's head (no page break between them), this
    # module still reads it.
    text = record(record_id)["text"].replace("\n---\n\n## Page 2\n", "\n")
    result = read_text(text, keep_doubtful=True)
    assert (result.values.get("recipient"), result.rules.get("recipient")) == (
        "Secretary of State",
        "state-telegram-to",
    )


@needs_corpus
def test_addressee_on_the_captions_line_is_left_to_the_label_reader():
    # "TO: Secretary of State" on one line: the header reader has it already.
    assert addressee("jfk-176-10036-10021") == ("Secretary of State", "label")


@needs_corpus
def test_no_telegram_heading_leaves_the_forms_addressee():
    # A CIA CLASSIFIED MESSAGE under a form saying "TO : MEXICO CITY": no State telegram.
    assert addressee("jfk-form-157-10004-10189") == ("MEXICO CITY", "form")


@needs_corpus
def test_without_the_no_caption_after_it_the_line_is_not_taken():
    # The NO: caption closes the addressee; without it the next line may be anything.
    text = record("jfk-form-176-10036-10014")["text"].replace("\nNO:\n", "\nFILE\n")
    ctx = Context(text)
    assert addresseecues.state_telegram_to(ctx.lines, 0, len(ctx.lines), lambda i: False) is None
    assert read_text(text, keep_doubtful=True).rules.get("recipient") != "state-telegram-to"
