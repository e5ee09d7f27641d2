"""Search state in the URL (archive.search.params), links to searches, facets and timeline."""

import datetime

import pytest
from django.http import QueryDict

from archive.search import display
from archive.search.params import SearchRequest, parse_date, parse_page_size
from archive.search.urls import search_url


def request_for(query_string):
    return SearchRequest.from_params(QueryDict(query_string))


@pytest.mark.parametrize(
    "text, end, expected",
    [
        ("1984", False, datetime.date(1984, 1, 1)),
        ("1984", True, datetime.date(1984, 12, 31)),
        ("1984-06", False, datetime.date(1984, 6, 1)),
        ("1984-06", True, datetime.date(1984, 6, 30)),
        ("1984-02", True, datetime.date(1984, 2, 29)),
        ("1985/2/3", True, datetime.date(1985, 2, 3)),
        ("1984.06.15", False, datetime.date(1984, 6, 15)),
        ("", False, None),
    ],
)
def test_partial_dates(text, end, expected):
    assert parse_date(text, end=end) == (expected, None)


@pytest.mark.parametrize("text", ["1984-13", "1984-02-30", "June 1984", "0", "19841", "\x00"])
def test_bad_dates_are_ignored_with_a_reason(text):
    request = request_for(f"date_from={text}")
    assert request.start is None and request.date_from == ""
    if text.strip("\x00"):
        assert any("not a date" in warning for warning in request.warnings)


def test_reversed_dates_are_swapped():
    request = request_for("date_from=1990&date_to=1985-06")
    assert request.start == datetime.date(1985, 6, 1)
    assert request.end == datetime.date(1990, 12, 31)
    assert any("swapped" in warning for warning in request.warnings)


def test_facets_are_read_cleaned_and_deduplicated():
    request = request_for(
        "q=grain&agency=CIA&agency=CIA&agency=State&code=b6&code=25x1&year=1984&year=19x4"
        "&has_redactions=true&entity=+Sakhalin++Island+&sort=-date&page=3&bogus=1"
    )
    assert request.q == "grain"
    assert request.filters == {
        "year": ("1984",),
        "agency": ("CIA", "State"),
        "code": ("(b)(6)", "25X1"),
        "has_redactions": ("yes",),
        "entity": ("Sakhalin Island",),
    }
    assert any("19x4" in warning for warning in request.warnings)
    assert request.sort == "-date" and request.page == 3


def test_values_per_facet_are_capped():
    request = request_for("&".join(f"office=Office{n}" for n in range(50)))
    assert len(request.filters["office"]) == 20
    assert any("first 20" in warning for warning in request.warnings)


def test_query_string_round_trips():
    original = "q=%22trade+relations%22&agency=A+%26+B&code=%28b%29%286%29&date_from=1984&sort=date"
    request = request_for(original)
    again = request_for(request.query_string())
    assert again.q == '"trade relations"'
    assert again.filters == request.filters == {"agency": ("A & B",), "code": ("(b)(6)",)}
    assert again.start == request.start and again.sort == "date"


def test_toggling_adds_and_removes_values_and_resets_the_page():
    request = request_for("q=grain&agency=CIA&page=4")
    added = request.toggled("agency", "State")
    assert added.filters["agency"] == ("CIA", "State") and added.page == 1
    removed = added.toggled("agency", "CIA")
    assert removed.filters == {"agency": ("State",)}
    assert "agency" not in removed.toggled("agency", "State").filters
    assert request.only("year", 1984).filters == {"agency": ("CIA",), "year": ("1984",)}
    assert request.cleared().query_string() == "q=grain"
    assert "page" not in request.toggled("agency", "X").query_string()
    assert "page=4" in request.query_string()


def test_search_url_builds_links_for_other_pages():
    assert search_url() == "/search/"
    assert search_url(entity="Sakhalin") == "/search/?entity=Sakhalin"
    assert search_url(q="Sakhalin", code=["25X1", "(b)(6)"]) == (
        "/search/?q=Sakhalin&code=25X1&code=%28b%29%286%29"
    )
    assert search_url(year=1984, sort="-date") == "/search/?year=1984&sort=-date"
    with pytest.raises(ValueError):
        search_url(colour="red")
    # What the page reads back is what was linked.
    assert request_for(search_url(entity="Sakhalin").split("?")[1]).filters == {
        "entity": ("Sakhalin",)
    }


def test_facet_groups_keep_chosen_values_visible():
    request = request_for("office=Rare+office")
    counts = {"office": [(f"Office {n}", 100 - n) for n in range(30)]}
    (group,) = display.facet_groups(request, counts)
    assert [value.label for value in group.shown][:8] == [f"Office {n}" for n in range(8)]
    chosen = group.shown[-1]
    assert chosen.label == "Rare office" and chosen.count == 0 and chosen.selected
    assert chosen.url == "?"  # clicking it removes the only filter
    assert len(group.more) == 22
    assert group.shown[0].url == "?office=Rare+office&office=Office+0"


def test_timeline_fills_gaps_and_links_each_bar_to_its_year():
    request = request_for("q=grain&year=1962")
    line = display.timeline(request, {"year": [("1960", 4), ("1962", 2), ("1965", 1)]})
    assert [bar.year for bar in line.bars] == [1960, 1961, 1962, 1963, 1964, 1965]
    assert [bar.count for bar in line.bars] == [4, 0, 2, 0, 0, 1]
    tallest = line.bars[0]
    assert tallest.height > line.bars[2].height > line.bars[5].height > 0
    assert tallest.url == "?q=grain&year=1960"  # narrows to that year only
    assert line.bars[2].selected and line.bars[2].url == "?q=grain"  # the chosen year: removed
    assert display.timeline(request, {"year": []}) is None


def test_each_warning_names_its_parameter_and_value():
    request = SearchRequest.from_params(
        {"sort": "bogus", "page": "abc", "date_to": "19x4", "year": "nineteen"}
    )
    named = {(n.parameter, n.value) for n in request.notices}
    assert named == {("sort", "bogus"), ("page", "abc"), ("date_to", "19x4"), ("year", "nineteen")}
    assert request.warnings == [n.message for n in request.notices]
    assert (request.sort, request.page) == ("", 1)
    assert SearchRequest.from_params({"page": "-3"}).notices[0].parameter == "page"
    assert not SearchRequest.from_params({"sort": "-date", "page": "2"}).notices
    assert parse_page_size("", 20) == (20, None)
    assert parse_page_size("7", 20) == (7, None)
    assert parse_page_size("0", 20)[0] == 1 and parse_page_size("500", 20)[0] == 100
    size, error = parse_page_size("ten", 20)
    assert size == 20 and "ten" in error
