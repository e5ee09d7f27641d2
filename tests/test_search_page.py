"""The search page and API on a small archive: facets, filters, dates, sorts, snippets, links."""

import re

import pytest
from search_helpers import DRAFT, MEMOS, api_facets, assert_facets, db_facets, write_jsonl

from archive.choices import Status
from archive.models import Memo


@pytest.fixture
def memos(ingest, tmp_path):
    """The small archive, published, plus one draft; {source id: Memo}."""
    assert ingest(write_jsonl(tmp_path / "memos.jsonl", MEMOS))[0] == 0
    assert ingest(write_jsonl(tmp_path / "draft.jsonl", [DRAFT]), publish=False)[0] == 0
    return {memo.source_id: memo for memo in Memo.objects.all()}


def api(client, **params):
    response = client.get("/api/search", params)
    assert response.status_code == 200
    return response.json()


def slugs(data):
    return [result["slug"] for result in data["results"]]


def test_facets_of_everything_equal_the_database(client, memos):
    data = api(client)
    published = [m for m in memos.values() if m.status == Status.PUBLISHED]
    assert data["count"] == len(published) == 6
    expected = db_facets(published)
    assert api_facets(data) == expected
    # Spot checks of what the database says, so that the comparison cannot be vacuous.
    assert expected["code"] == {"25X1": 2, "(b)(6)": 2, "(b)(1)": 1, "(b)(7)(C)": 1}
    assert expected["has_redactions"] == {"yes": 4, "no": 2}
    assert expected["decade"] == {"1980": 3, "1960": 2}
    assert data["facets"]["year"][0] == [1984, 2]


def test_facets_follow_the_query(client, memos):
    data = api(client, q="grain")
    assert set(slugs(data)) == {memos[key].slug for key in ("t-grain", "t-cuba", "t-undated")}
    assert api_facets(data) == db_facets([memos["t-grain"], memos["t-cuba"], memos["t-undated"]])


def test_one_facet_or_several_values_and_across_facets(client, memos):
    one = api(client, agency="Central Intelligence Agency")
    assert one["count"] == 4
    either = api(client, agency=["Central Intelligence Agency", "Department of State"])
    assert either["count"] == 5
    both = api(client, agency="Central Intelligence Agency", code="25X1")
    assert set(slugs(both)) == {memos["t-grain"].slug, memos["t-trade"].slug}
    # A facet's own counts ignore its own filter, so other values can still be added.
    assert dict(map(tuple, either["facets"]["agency"])) == {
        "Central Intelligence Agency": 4,
        "Department of State": 1,
        "Federal Bureau of Investigation": 1,
    }
    # ...while the other facets count the narrowed result set.
    assert dict(map(tuple, both["facets"]["agency"]))["Central Intelligence Agency"] == 2
    assert dict(map(tuple, both["facets"]["has_redactions"])) == {"yes": 2}
    assert api(client, code="b6")["count"] == 2  # codes in any spelling
    assert api(client, has_redactions="no")["count"] == 2
    assert api(client, decade=1960, classification="Top Secret")["count"] == 1
    assert api(client, collection="Collection A", year=1984)["count"] == 1
    assert api(client, agency="No such agency")["count"] == 0


def test_date_range_with_partial_dates(client, memos):
    assert set(slugs(api(client, date_from="1984", date_to="1984"))) == {
        memos["t-grain"].slug,
        memos["t-trade"].slug,
    }
    assert api(client, date_from="1984-12")["count"] == 2  # 28 Dec 1984 and 1985
    assert api(client, date_to="1963-11")["count"] == 2
    assert api(client, date_from="1963-11-25", date_to="1984-03-02")["count"] == 1
    data = api(client, date_from="1985", date_to="1962")  # swapped, with a warning
    assert data["count"] == 5 and any("swapped" in w["message"] for w in data["warnings"])
    assert data["date_from"] == "1962-01-01" and data["date_to"] == "1985-12-31"
    # An undated memo is outside any date range, and a bad date is ignored, not an error.
    assert memos["t-undated"].slug not in slugs(api(client, date_from="1900"))
    bad = api(client, date_from="1984-13")
    assert bad["count"] == 6 and any("not a date" in w["message"] for w in bad["warnings"])


def test_sorts(client, memos):
    oldest = slugs(api(client, sort="date"))
    assert oldest[0] == memos["t-cuba"].slug
    assert oldest[-1] == memos["t-undated"].slug  # undated last either way
    newest = slugs(api(client, sort="-date"))
    assert newest[0] == memos["t-fishing"].slug and newest[-1] == memos["t-undated"].slug
    assert api(client)["sort"] == "date"  # browsing: by date
    assert api(client, q="grain")["sort"] == "relevance"
    ranked = slugs(api(client, q="grain"))
    assert ranked[0] in {memos["t-grain"].slug, memos["t-undated"].slug}


def test_page_shows_facets_chips_timeline_and_exports(client, memos):
    response = client.get("/search/", {"q": "grain OR Sakhalin", "agency": "Department of State"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "1 memo found" in page
    # The chosen value is marked and its link removes it; other values add themselves.
    chosen = re.search(r'<a class="facet-value selected" href="([^"]+)"', page).group(1)
    assert chosen == "?q=grain+OR+Sakhalin"
    assert 'href="?q=grain+OR+Sakhalin&amp;agency=Department+of+State&amp;agency=Central' in page
    assert "Remove filter Agency: Department of State" in page
    assert '<svg viewBox="0 0 800 110"' in page and 'aria-label="1962: 1 memo"' in page
    assert 'href="/search/export.csv?q=grain+OR+Sakhalin&amp;agency=Department+of+State"' in page
    assert 'href="/search/feed/?q=grain+OR+Sakhalin&amp;agency=Department+of+State"' in page
    assert 'type="application/atom+xml"' in page
    assert '<input type="hidden" name="agency" value="Department of State">' in page
    assert "How to search" in page and "code:25X1" in page
    assert "<script>" not in page and " onclick=" not in page


def test_result_links_carry_the_query_to_the_memo_page(client, memos):
    page = client.get("/search/", {"q": "Sakhalin", "sort": "-date"}).content.decode()
    link = re.search(r'<h3 class="result-title"><a href="([^"]+)"', page).group(1)
    assert link == (
        f"{memos['t-fishing'].get_absolute_url()}?q=Sakhalin"
        "&amp;back=%2Fsearch%2F%3Fq%3DSakhalin%26sort%3D-date"
    )
    browse = client.get("/search/", {"agency": "Department of State"}).content.decode()
    assert "?back=%2Fsearch%2F%3Fagency%3DDepartment" in browse and "?q=" not in browse


def test_snippet_is_from_the_matching_passage(client, memos):
    (result,) = api(client, q="Sakhalin oil")["results"]
    assert result["slug"] == memos["t-trade"].slug
    assert "<mark>oil</mark> fields on <mark>Sakhalin</mark>" in result["snippet"]
    assert not result["snippet"].startswith("Routine")


def test_pages_keep_the_whole_state(client, ingest, tmp_path):
    records = [
        {"id": f"p-{n}", "title": f"Grain memo {n}", "date": f"19{50 + n}-01-01",
         "agency": "Central Intelligence Agency" if n % 2 else "Department of State",
         "text": "grain"}
        for n in range(45)
    ]  # fmt: skip
    assert ingest(write_jsonl(tmp_path / "many.jsonl", records))[0] == 0
    page = client.get(
        "/search/", {"q": "grain", "agency": "Department of State", "sort": "-date"}
    ).content.decode()
    assert "23 memos found" in page and "showing 1–20" in page
    assert page.count('<li class="result">') == 20
    assert 'href="?q=grain&amp;agency=Department+of+State&amp;sort=-date&amp;page=2"' in page
    second = api(client, q="grain", agency="Department of State", sort="-date", page=2)
    assert second["page"] == 2 and len(second["results"]) == 3
    assert second["results"][0]["title"] == "Grain memo 4"


def test_index_changes_reach_the_facets(client, memos, django_capture_on_commit_callbacks):
    before = api_facets(api(client))
    assert "Draft Agency Only" not in before["agency"]
    draft = memos["t-draft"]
    with django_capture_on_commit_callbacks(execute=True):
        draft.status = Status.PUBLISHED
        draft.save()
    after = api_facets(api(client))
    assert after["agency"]["Draft Agency Only"] == 1
    assert after["code"]["(b)(5)"] == 1
    with django_capture_on_commit_callbacks(execute=True):
        draft.status = Status.WITHDRAWN
        draft.save()
        grain = memos["t-grain"]
        grain.agency = "Renamed Agency"
        grain.save()
    last = api_facets(api(client))
    assert "Draft Agency Only" not in last["agency"] and "(b)(5)" not in last["code"]
    assert last["agency"]["Renamed Agency"] == 1
    assert last["agency"]["Central Intelligence Agency"] == 3
    assert last == db_facets(Memo.objects.published())


def test_did_you_mean_from_the_index_vocabulary(client, memos):
    data = api(client, q="Sakha1in")
    assert data["count"] == 0
    assert {"q": "sakhalin", "count": 2, "kind": "spelling"} in data["suggestions"]
    page = client.get("/search/", {"q": "Sakha1in", "agency": "Central Intelligence Agency"})
    html = page.content.decode()
    assert "Did you mean" in html
    assert 'href="?q=sakhalin&amp;agency=Central+Intelligence+Agency"' in html
    fishing = api(client, q="fishlng")
    assert fishing["suggestions"][0]["q"] == "fishing"
    assert api(client, q="grain")["suggestions"] == []  # plenty found: no suggestion


def test_did_you_mean_offers_ocr_variants(client, ingest, tmp_path):
    records = [
        {"id": "o-1", "title": "Report", "text": "Soviet troops moved."},
        {"id": "o-2", "title": "Report", "text": "5oviet troops moved again."},
        {"id": "o-3", "title": "Report", "text": "The Sovlet troops stayed."},
    ]
    assert ingest(write_jsonl(tmp_path / "ocr.jsonl", records))[0] == 0
    data = api(client, q="Soviet troops")
    assert data["count"] == 1
    (fuzzy,) = data["suggestions"]
    assert fuzzy["kind"] == "fuzzy" and fuzzy["q"] == "Soviet~ troops~" and fuzzy["count"] == 3


def test_entity_facet_takes_names_with_commas(client, memos, django_capture_on_commit_callbacks):
    from archive.models import Entity, Mention

    with django_capture_on_commit_callbacks(execute=True):
        entity = Entity.objects.create(name="Smith, John Q.", kind="person", slug="smith-john-q")
        Mention.objects.create(memo=memos["t-grain"], entity=entity, start=0, end=3, text="The")
    data = api(client, entity="Smith, John Q.")
    assert slugs(data) == [memos["t-grain"].slug]
    assert ["Smith, John Q.", 1] in data["facets"]["entity"]
    assert "Smith" not in dict(map(tuple, data["facets"]["entity"]))


def test_negated_words_never_slip_through(client, ingest, tmp_path):
    # Whoosh's own AndNot matcher misses a negated word whose first posting comes first.
    records = [
        {"id": "n-1", "title": "One", "text": "pakistan alone"},
        {"id": "n-2", "title": "Two", "text": "noriega and pakistan"},
        {"id": "n-3", "title": "Three", "text": "karachi only"},
    ]
    assert ingest(write_jsonl(tmp_path / "n.jsonl", records))[0] == 0
    for sort in ("relevance", "date"):
        data = api(client, q="(noriega OR karachi) -pakistan", sort=sort)
        assert data["count"] == 1 and [r["title"] for r in data["results"]] == ["Three"]


def test_text_facets_list_their_commonest_values(client, memos, monkeypatch):
    from archive.search import params

    monkeypatch.setattr(params, "FACET_VALUES", 2)
    data = api(client)
    assert data["facets"]["agency"] == [
        ["Central Intelligence Agency", 4],
        ["Department of State", 1],
    ]
    assert len(data["facets"]["year"]) == 4  # years are always listed whole
    page = client.get("/search/").content.decode()
    assert "Only the commonest are listed" not in page  # nothing folded away to hint at
    assert_facets(data, db_facets(Memo.objects.published()), listed=2)


def test_one_entity_with_a_comma_is_one_value(client, memos, django_capture_on_commit_callbacks):
    from archive.models import Entity, Mention

    memo = memos["t-undated"]
    with django_capture_on_commit_callbacks(execute=True):
        memo.mentions.all().delete()
        entity = Entity.objects.create(name="Washington, D.C.", kind="place", slug="washington-dc")
        Mention.objects.create(memo=memo, entity=entity, start=0, end=1, text="A")
    data = api(client, entity="Washington, D.C.")
    assert slugs(data) == [memo.slug]
    entities = dict(map(tuple, data["facets"]["entity"]))
    assert entities["Washington, D.C."] == 1
    assert "Washington" not in entities and "D.C." not in entities
