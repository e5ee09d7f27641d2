"""A long memo's page in parts: cuts that keep spans whole, navigation, hits across parts,
offsets of redactions and notes in a later part, bad ?part= values."""

import html
import math
import re

import pytest

from archive.models import Memo, Note, Visibility
from archive.views.parts import cut
from archive.views.segments import shown_range
from tests.test_reading import SEED_URL, parse

PART = 1000  # ARCHIVE_MEMO_PART_CHARS in these tests: the memo below has 3 parts


def paragraph(n, extra=""):
    words = f"Paragraph {n} of the cable reports on the talks in Moscow and Bonn. "
    return (words * 4 + extra).strip()


def long_text():
    """About 3,000 characters: "zanzibar" and a 25X1 marker only in the last third."""
    head = "MEMORANDUM FOR THE RECORD\nSUBJECT: Talks on trade\n\n"
    body = [paragraph(n) for n in range(1, 9)]
    body += [paragraph(n, "The zanzibar channel 25X1 stays open.") for n in range(9, 11)]
    return head + "\n\n".join(body) + "\n"


@pytest.fixture
def long_memo(ingest, tmp_path, settings):
    path = tmp_path / "long-cable.txt"
    path.write_text(long_text())
    status, _out, err = ingest(path)
    assert status == 0, err
    settings.ARCHIVE_MEMO_PART_CHARS = PART
    return Memo.objects.get()


def text_of(page):
    return "".join(parse(page, "memo-text").text)


def offset_of(page):
    return int(re.search(r'data-memo-text data-offset="(\d+)"', page).group(1))


def get(client, memo, query=""):
    response = client.get(memo.get_absolute_url() + query)
    assert response.status_code == 200
    return response.content.decode()


def test_cuts_fall_at_paragraphs_and_never_inside_a_kept_span():
    text = "\n\n".join("word " * 30 for _ in range(40))  # 40 paragraphs of 150 characters
    start, end = shown_range(text)
    parts = cut(text, start, end, size=1000)
    assert len(parts) == math.ceil((end - start) / 1000) == 7
    assert parts[0].start == start and parts[-1].end == end
    assert all(a.end == b.start for a, b in zip(parts, parts[1:], strict=False))
    assert all(text[p.start - 2 : p.start] == "\n\n" for p in parts[1:])
    # A note over every paragraph break near the first cut: the cut goes elsewhere, outside.
    keep = [(parts[0].end - 400, parts[0].end + 400)]
    kept = cut(text, start, end, keep, size=1000)
    assert all(not (a < p.start < b) for p in kept for a, b in keep)
    assert max(p.end - p.start for p in kept) < 1500


def test_a_short_memo_is_shown_whole_without_a_navigator(client, seed, settings):
    settings.ARCHIVE_MEMO_PART_CHARS = 100_000
    page = client.get(SEED_URL).content.decode()
    start, end = shown_range(seed.text)
    assert "data-part-nav" not in page and "part-steps" not in page
    assert text_of(page) == seed.text[start:end]
    again = client.get(SEED_URL + "?part=2")
    assert again.status_code == 200 and "There is no part" not in again.content.decode()


def test_a_long_memo_is_read_part_by_part(client, long_memo):
    shown_start, shown_end = shown_range(long_memo.text)
    texts, offsets = [], []
    for number in (1, 2, 3):
        page = get(client, long_memo, f"?part={number}")
        assert f"part {number} of 3" in page
        texts.append(text_of(page))
        offsets.append(offset_of(page))
        assert len(texts[-1]) <= PART * 1.5
    # The parts, in order, are the whole text: nothing lost, nothing shown twice.
    assert "".join(texts) == long_memo.text[shown_start:shown_end]
    assert offsets[0] == shown_start and offsets[1] == shown_start + len(texts[0])
    first = get(client, long_memo)
    assert text_of(first) == texts[0]
    assert 'href="?part=2" rel="next"' in first and 'rel="prev"' not in first
    last = get(client, long_memo, "?part=3")
    assert 'href="?part=2" rel="prev"' in last and 'rel="next"' not in last


def test_a_search_opens_the_first_part_with_a_hit_and_links_keep_it(client, long_memo):
    page = get(client, long_memo, "?q=zanzibar&back=/search/%3Fq%3Dzanzibar")
    assert "part 3 of 3" in page
    assert page.count('<mark class="hit"') == 2
    assert "Matches for your search: 2 in all, 2 in this part; in part 3 (2)." in page
    assert 'href="?q=zanzibar&amp;back=%2Fsearch%2F%3Fq%3Dzanzibar&amp;part=1"' in page
    other = get(client, long_memo, "?q=zanzibar&part=1")
    assert "part 1 of 3" in other and '<mark class="hit"' not in other
    assert "none in this part; in " in other
    assert '<a href="?q=zanzibar&amp;part=3">part 3</a> (2)' in other
    everywhere = get(client, long_memo, "?q=moscow")
    assert "part 1 of 3" in everywhere
    counts = re.findall(r'class="part-hits"[^>]*>\((\d+)\)', everywhere)
    assert len(counts) == 3 and sum(map(int, counts)) == long_memo.text.count("Moscow")


def test_redactions_and_notes_in_a_later_part_keep_their_offsets(client, long_memo, admin_user):
    text = long_memo.text
    start = text.index("zanzibar channel")
    note = Note.objects.create(
        memo=long_memo,
        body="Which channel?",
        visibility=Visibility.PUBLIC,
        start=start,
        end=start + len("zanzibar channel"),
        quote="zanzibar channel",
        author=admin_user,
    )
    redactions = list(long_memo.redactions.order_by("start", "pk"))
    assert len(redactions) == 2
    page = get(client, long_memo, "?part=3")
    shown, offset = text_of(page), offset_of(page)
    # The note's passage and each marker stand where their offsets in the whole text say.
    assert shown[note.start - offset : note.end - offset] == "zanzibar channel"
    for redaction in redactions:
        assert shown[redaction.start - offset : redaction.end - offset] == "25X1"
    anchor = re.search(rf'id="note-anchor-{note.pk}"[^>]*>([^<]*)<', page)
    assert anchor and anchor.group(1) == "zanzibar channel"
    ids = re.findall(r'id="(redaction-\d+)"', page)
    assert ids == ["redaction-1", "redaction-2"]  # numbered in the whole memo
    first = get(client, long_memo)
    assert f'href="?part=3#note-anchor-{note.pk}">Note 1</a>' in first
    assert "note-anchor-" not in first.split('class="notes-elsewhere"')[0].split("memo-text")[1]


BAD_PARTS = ["abc", "0", "-1", "99999", "1.5", "9" * 5000, "<b>x</b>"]


def test_a_part_that_does_not_exist_shows_part_one_and_says_so(client, long_memo):
    for value in BAD_PARTS:
        page = get(client, long_memo, f"?part={value}")
        assert "part 1 of 3" in page, value
        assert "There is no part “" in page and "it has 3 parts. Showing part 1." in page
        assert "<b>x</b>" not in page
        assert html.escape(value[:20], quote=False) in page


def test_the_api_gives_the_whole_text(client, long_memo):
    data = client.get(f"/api/memos/{long_memo.slug}").json()
    assert data["text"] == long_memo.text
