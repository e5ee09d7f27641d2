"""archive.ingest.ciaparties: the sender and addressee of CIA memoranda whose header block the
first reading takes in part (a routing slip's FROM on top, a title below a blank line, an
attention line, a typed name over the distribution list), on real corpus texts of the tuning
part read from ../shared/corpus at test time."""

import pytest
from test_extract import needs_corpus
from test_extract_anatomy import reading

from archive.ingest.patterns import reads_cleanly

pytestmark = pytest.mark.pure  # extraction is pure Python: no search index


@needs_corpus
def test_next_header_block_under_a_garbled_routing_slip_from():
    # A routing and record sheet on top: "FROM: = sracereeiaeratets - ixreasion | NO. EV";
    # the memorandum's own "FROM : William F, Donnelly" / "Acting Chief, Division D" below.
    value, rule = reading("jfk-104-10107-10178", "sender")
    assert rule == "label-next-block"
    assert value.startswith("William F, Donnelly, Acting Chief, Division D")


@needs_corpus
@pytest.mark.parametrize(
    "record_id, value",
    [
        # "FROM: (Hichaet K. Cline] ." / blank / "cting Chief, Soviet/East European Division".
        ("jfk-104-10151-10206", "Hichaet K. Cline, Acting Chief, Soviet/East European Division"),
        # "FROM: Robert A. Barteaux" / blank / "Chief, Information Processing Group".
        ("jfk-104-10059-10139", "Robert A. Barteaux, Chief, Information Processing Group"),
        # "FROM: John F. Pereira" / blank / "Chief, Historical Review Group".
        ("jfk-104-10337-10004", "John F. Pereira, Chief, Historical Review Group"),
    ],
)
def test_sender_title_below_a_blank_line(record_id, value):
    assert reading(record_id, "sender") == (value, "label-title-below")


@needs_corpus
@pytest.mark.parametrize(
    "record_id, value",
    [
        ("jfk-104-10120-10376", "Chief, Central Cover Group (Attention: Mr. Thomas Strange)"),
        ("jfk-104-10113-10404", "Legislative Counsel (Attention: Mr. Scott Breckinridge)"),
        # "ATTENTION: Norbert A. Shepanek" two lines under "Donald P. Gregg" / "0/SA/DO/0".
        ("jfk-104-10059-10139", "Donald P. Gregg (Attention: Norbert A. Shepanek)"),
    ],
)
def test_attention_line_kept_with_the_addressee(record_id, value):
    assert reading(record_id, "recipient") == (value, "label-attention")


@needs_corpus
@pytest.mark.parametrize(
    "record_id, value",
    [
        # "ATTENTION: Support Branch": the addressee's own branch, not a person.
        ("jfk-104-10111-10020", "Chief, Security Support Division"),
        # "ATTENTION : Alien Affairs Staff" under "MEMORANDUM FOR : Director of Security".
        ("jfk-104-10161-10284", "Director of Security"),
    ],
)
def test_attention_to_a_unit_is_left_out(record_id, value):
    assert reading(record_id, "recipient") == (value, "label")


@needs_corpus
def test_typed_name_above_the_distribution_list():
    # The last paragraph, a page number, "John Pereira", then "Dist: File" / "Harrelson".
    assert reading("jfk-104-10331-10319", "sender") == (
        "John Pereira",
        "signature-above-distribution",
    )


@needs_corpus
def test_clean_first_from_keeps_its_place():
    # "FROM : Chief, Research Branch/0s/SRS" is the memorandum's own: no later block is read.
    assert reading("jfk-104-10132-10102", "sender")[1] != "label-next-block"


@needs_corpus
@pytest.mark.parametrize(
    "record_id, value",
    [
        # "FROM : Leonard McCoy i" / ": Deputy Chief, CI Staff".
        ("jfk-104-10095-10126", "Leonard McCoy, Deputy Chief, CI Staff"),
        # "FROM : Raymond A. Warren te" / ": 'Chief, Latin America Division :".
        ("jfk-104-10147-10129", "Raymond A. Warren, Chief, Latin America Division"),
        # "FROM : J. Barry Harrelson" / ": Senior Reviewer".
        ("jfk-104-10331-10060", "J. Barry Harrelson, Senior Reviewer"),
    ],
)
def test_label_column_colon_on_the_second_line(record_id, value):
    assert reading(record_id, "sender") == (value, "label-colon-column")


def test_surname_with_an_inner_capital_reads_cleanly():
    # "McCoy", "FitzGerald": names, not an OCR jumble of capitals and small letters.
    assert reads_cleanly("Leonard McCoy") and reads_cleanly("Desmond FitzGerald")
    assert not reads_cleanly("Chief, DivIsiOn")


@needs_corpus
@pytest.mark.parametrize(
    "record_id, value",
    [
        # "FROM : Chief, Minneapolis Office"; signed "VERNON R. SANDO" over the same title.
        ("jfk-104-10069-10120", "VERNON R. SANDO, Chief, Minneapolis Office"),
        # "FROM : Chief, Special Referral Branch"; signed "Andrew G. Maucher".
        ("jfk-104-10250-10206", "Andrew G. Maucher, Chief, Special Referral Branch"),
        ("jfk-104-10051-10173", "George T. Kalaris, Chief, CI Staff"),
    ],
)
def test_header_post_and_the_name_signed_under_the_memorandum(record_id, value):
    assert reading(record_id, "sender") == (value, "label-title-signed")
