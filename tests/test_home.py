"""The home page: one search box, what the archive holds (published memos only, each count a
link to a search that finds as many), the newest memos with their openings, example searches."""

import html
import json
import re

import pytest

from archive.choices import Status
from archive.models import Memo

OPENING = "The delegation met the minister at nine and discussed grain shipments"
RECORDS = [
    {"id": "h-1", "doc_number": "H 1", "title": "Grain talks in Moscow", "date": "1962-03-01",
     "agency": "Department of State", "collection": "State FOIA", "release_date": "2001-05-01"},
    {"id": "h-2", "doc_number": "H 2", "title": "Grain and oil", "date": "1968-07-09",
     "agency": "Department of State", "collection": "State FOIA", "release_date": "2019-02-03"},
    {"id": "h-3", "doc_number": "H 3", "title": "A cable on Berlin", "date": "1975-01-02",
     "agency": "Central Intelligence Agency", "collection": "CIA CREST"},
    {"id": "h-4", "doc_number": "H 4", "title": "Undated note",
     "agency": "Central Intelligence Agency"},
    {"id": "h-draft", "doc_number": "H 5", "title": "Unpublished zyzzyva draft",
     "date": "1991-01-01", "agency": "Zyzzyva Office", "collection": "Zyzzyva papers",
     "release_date": "2024-01-01"},
    {"id": "h-gone", "doc_number": "H 6", "title": "Withdrawn quokka memo", "date": "1984-01-01",
     "agency": "Quokka Bureau", "collection": "Quokka papers", "release_date": "2025-01-01"},
]  # fmt: skip


@pytest.fixture
def archive(ingest, tmp_path):
    """Four published memos, a draft and a withdrawn one."""
    path = tmp_path / "home.jsonl"
    lines = [
        {**record, "text": f"MEMORANDUM\n\n{OPENING}, {record['title']}.\n"} for record in RECORDS
    ]
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    assert ingest(path)[0] == 0
    Memo.objects.filter(source_id="h-draft").update(status=Status.DRAFT)
    gone = Memo.objects.get(source_id="h-gone")
    gone.status = Status.WITHDRAWN
    gone.save()  # taken out of the index as a curator's withdrawal would
    draft = Memo.objects.get(source_id="h-draft")
    draft.save()
    return Memo.objects.published()


def holdings_links(page):
    """(label, count, href) of each line of "What the archive holds"."""
    section = page[page.index('id="holdings-heading"') : page.index('class="timeline"')]
    return [
        (html.unescape(label), int(count.replace(",", "")), html.unescape(href))
        for href, label, count in re.findall(
            r'<a class="holding" href="([^"]+)"><span class="holding-label">([^<]+)</span> '
            r'<span class="holding-count">([\d,]+)',
            section,
        )
    ]


def test_home_counts_published_memos_each_linked_to_its_search(client, archive):
    page = client.get("/").content.decode()
    lines = holdings_links(page)
    assert {(label, count) for label, count, _href in lines} == {
        ("State FOIA", 2), ("CIA CREST", 1),
        ("1960s", 2), ("1970s", 1),
        ("Department of State", 2), ("Central Intelligence Agency", 2),
    }  # fmt: skip
    for label, count, href in lines:
        assert href.startswith("/search/?"), href
        found = client.get("/api/search?" + href.split("?", 1)[1]).json()
        assert found["count"] == count, (label, href, found["warnings"])
    assert "Search 4 declassified memos" in page
    for hidden in ("Zyzzyva", "Quokka", "zyzzyva", "quokka", "1980s", "1990s"):
        assert hidden not in page


def test_counts_follow_publication_at_once(client, archive):
    def counts():
        return {label: n for label, n, _ in holdings_links(client.get("/").content.decode())}

    assert counts()["State FOIA"] == 2
    memo = Memo.objects.get(source_id="h-1")
    memo.status = Status.WITHDRAWN
    memo.save()
    assert counts()["State FOIA"] == 1  # the cached counts are not served stale
    memo.status = Status.PUBLISHED
    memo.save()
    assert counts()["State FOIA"] == 2


def test_home_is_cheap_once_counted(client, archive, django_assert_max_num_queries):
    client.get("/")
    # The stamp of the cache, the two lists of memos; the counts themselves come from cache.
    with django_assert_max_num_queries(4):
        assert client.get("/").status_code == 200


def test_recent_memos_are_published_and_show_their_opening(client, archive):
    page = client.get("/").content.decode()
    added = page[page.index('id="added-heading"') : page.index('id="released-heading"')]
    released = page[page.index('id="released-heading"') :]
    titles = re.findall(r'<h3 class="recent-title"><a href="[^"]+">([^<]+)</a>', added)
    assert sorted(titles) == sorted(m.title for m in archive)
    assert re.findall(r'<h3 class="recent-title"><a href="[^"]+">([^<]+)</a>', released) == [
        "Grain and oil",  # released 2019
        "Grain talks in Moscow",  # released 2001
    ]
    openings = re.findall(r'<p class="excerpt">([^<]+)</p>', added)
    assert len(openings) == 4 and all(o.startswith(OPENING) for o in openings)
    assert "MEMORANDUM" not in "".join(openings)
    assert "Zyzzyva" not in page and "Quokka" not in page


def test_one_search_box_with_hints_and_examples_that_parse(client, archive):
    for url in ("/", "/search/"):
        page = client.get(url).content.decode()
        assert page.count('role="search"') == 1, url
        assert 'id="header-q"' not in page
        placeholders = re.findall(r'placeholder="([^"]*)"|placeholder=\'([^\']*)\'', page)
        assert placeholders and all((a or b).startswith("e.g. ") for a, b in placeholders), (
            placeholders
        )
    assert 'id="header-q"' in client.get(archive[0].get_absolute_url()).content.decode()
    page = client.get("/").content.decode()
    examples = page[
        page.index('id="examples-heading"') : page.index("</ul>", page.index("examples-heading"))
    ]
    queries = [
        html.unescape(q)
        for q in re.findall(r'href="/search/\?q=[^"]+"><code>([^<]+)</code>', examples)
    ]
    syntax = " ".join(queries)
    for feature in ('"', ":", "..", " NOT ", "*"):
        assert feature in syntax, feature  # phrase, field, range, NOT, wildcard
    for query in queries:
        assert client.get("/api/search", {"q": query}).json()["warnings"] == [], query
