"""archive.ingest.partytails and sigint: a party whose clean head OCR followed with debris keeps
the head; an NSA SIGINT report is the Agency's. On real corpus texts of the tuning part read
from ../shared/corpus at test time. Pure Python, no Django."""

import pytest
from test_extract import needs_corpus
from test_extract_anatomy import read

from archive.ingest import incoming, sigint
from archive.ingest.partytails import trimmed

pytestmark = pytest.mark.pure  # extraction is pure Python: no search index


@pytest.mark.parametrize(
    ("value", "head"),
    [
        ("SAC, MIAMI(p)", "SAC, MIAMI"),  # a bracketed scrawl glued to the city
        ("SAC, ATLANTA DATE sliolw 5y Sbai7p Pd", "SAC, ATLANTA"),  # the next label's line
        ("DIRECTOR, FBI paggct 3° 1964", "DIRECTOR, FBI"),  # a stamp's date beside it
        ("Leonard McCoy 3° |", "Leonard McCoy"),  # McCoy is no jumble
    ],
)
def test_debris_after_a_clean_head_is_cut(value, head):
    assert trimmed(value) == head


@pytest.mark.parametrize(
    "value",
    [
        "Chief, WH/SA/IOS",  # reads cleanly: left alone
        "Director, FBl",  # an I read as l is no debris
        "= sracereeiaeratets - ixreasion | NO. EV, William F. Donnelly",  # debris first
        "Chief, i: ererry, ; WH/SA/ TOS fs. hegare",  # "Chief" alone is too little to keep
        "(Pamela D. Pa",  # a surname cut short after an initial stays
    ],
)
def test_no_head_or_nothing_to_cut(value):
    assert trimmed(value) is None


@needs_corpus
@pytest.mark.parametrize(
    ("record_id", "name", "value"),
    [
        ("jfk-124-10199-10489", "sender", "SAC, MIAMI"),
        ("jfk-104-10161-10301", "recipient", "Chief, WH/SA"),
    ],
)
def test_header_party_read_with_debris_is_kept_trimmed(record_id, name, value):
    result = read(record_id)
    assert result.values.get(name) == value
    assert result.rules[name] == "label-trimmed"
    assert name not in result.doubtful


# --- NSA SIGINT reports (sigint.py) ----------------------------------------------------------


@needs_corpus
@pytest.mark.parametrize("record_id", ["jfk-144-10001-10284", "jfk-144-10001-10063"])
def test_sigint_report_is_the_agencys_not_the_intercepted_messages(record_id):
    result = read(record_id)
    assert result.values.get("sender") == "National Security Agency"
    assert result.rules["sender"] == "sigint-serial"


@needs_corpus
def test_sigint_report_is_addressed_to_its_distribution():
    result = read("jfk-144-10001-10284")
    assert result.values.get("recipient") == "HCF"
    assert result.rules["recipient"] == "sigint-dist"


@pytest.mark.parametrize(
    ("line", "serial"),
    [("3/0/NED/T12-63", True), ("3/0/ ITD/T3767-63", True), ("(3/0/Q0Y/R27-63", True)]
    + [("2/3/64", False), ("WH/C/SP 66-371", False)],
)
def test_sigint_serial(line, serial):
    assert bool(sigint._SERIAL_RE.match(line)) is serial


# --- the post on a State incoming telegram's form (incoming.py) ------------------------------


@needs_corpus
@pytest.mark.parametrize(
    ("record_id", "post"),
    [("jfk-176-10036-10009", "Leopoldville"), ("jfk-176-10036-10049", "Conakry")],
)
def test_incoming_telegram_is_from_the_post_on_its_from_line(record_id, post):
    result = read(record_id)
    assert result.values.get("sender") == post
    assert result.rules["sender"] == "incoming-post"


def test_from_post_is_a_place_name_not_a_phrase():
    assert incoming._FROM_POST_RE.match("FROM: Conakry")
    assert not incoming._FROM_POST_RE.match("FROM: the Ambassador in Conakry")


# --- an FBI letter's party lines without their labels (fbiparties.py) ------------------------


@needs_corpus
def test_fbi_letter_to_the_director_from_its_first_party_line():
    result = read("jfk-124-10195-10332")  # "Directox, FBI (92-2781)" over "Legal Attache, Havana"
    assert result.values.get("recipient") == "Director, FBI"
    assert result.rules["recipient"] == "fbi-party-lines"
    assert result.values.get("sender") == "Legat, Havana"


@needs_corpus
def test_fbi_letter_from_the_director_to_the_field_office_above_him():
    result = read("jfk-124-10282-10361")  # "sac, New York (100-42479)" over "Director, FBI (...)"
    assert result.values.get("recipient") == "SAC, New York"
    assert result.values.get("sender") == "Director, FBI"


@needs_corpus
def test_fbi_report_agent_named_with_the_office_of_the_file_heading_the_pages():
    result = read("jfk-form-124-90116-10205")  # report form: SA only; pages headed "MM ..."
    assert result.values.get("sender") == "SA JAMES H. DOWNING, Miami"
    assert result.rules["sender"] == "fbi-report+office"
