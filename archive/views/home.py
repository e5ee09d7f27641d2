"""The home page: one search box, what the archive holds (by collection, decade and agency, each
a link to its search), the memos added and released lately, and example searches that show the
query language. Published memos only; the counts are read from the database in three grouped
queries and cached until a published memo changes (measured by bench/home.py)."""

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, Max
from django.db.models.functions import ExtractYear
from django.urls import path, reverse
from django.views.generic import TemplateView

from archive.models import Memo
from archive.search import display
from archive.search.params import SearchRequest
from archive.search.urls import search_url

LISTED = 10  # collections and agencies listed; the search's facets list them all
RECENT = 5  # memos in each "recently" list
EXCERPT_CHARS = 220
CACHE_SECONDS = 3600
# (query, what it shows): each a link to its search (the whole syntax is in search_help.html).
EXAMPLES = (
    ('"bay of pigs"', "an exact phrase"),
    ("agency:FBI oswald", "a word in a field (also office: title: from: to: doc:)"),
    ("cuba year:1961..1963", "a range of years"),
    ("cuba NOT missile", "leave a word out (also cuba -missile)"),
    ("negotiat*", "any ending: negotiate, negotiations …"),
    ("code:25X1", "passages withheld under an exemption code"),
    ("khrushchev~", "spellings one letter away, for OCR errors"),
)


@dataclass
class Holding:
    """One line of what the archive holds: a label, its number of memos, its search."""

    label: str
    count: int
    url: str
    share: float = 0.0  # of the largest count in its list, 0–1 (the bar's length)


def _lines(rows, facet):
    """Holding lines from (value, count) rows, each linked to the search of its facet value."""
    lines = [Holding(str(value), n, search_url(**{facet: value})) for value, n in rows]
    top = max((line.count for line in lines), default=0)
    for line in lines:
        line.share = line.count / top if top else 0.0
    return lines


def count_holdings(published):
    """Published memos by collection, decade and agency (the largest first, decades in order),
    and by year for the timeline: three grouped queries, none reading a memo's text."""
    collections = (
        published.exclude(collection=None)
        .values_list("collection__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "collection__name")
    )
    agencies = (
        published.exclude(agency="")
        .values_list("agency")
        .annotate(n=Count("pk"))
        .order_by("-n", "agency")
    )
    years = dict(
        published.exclude(date=None)
        .annotate(year=ExtractYear("date"))
        .values_list("year")
        .annotate(n=Count("pk"))
        .values_list("year", "n")
    )
    decades = {}
    for year, n in years.items():
        decades[year // 10 * 10] = decades.get(year // 10 * 10, 0) + n
    collection_rows = list(collections)
    agency_rows = list(agencies)
    return {
        "collections": _lines(collection_rows[:LISTED], "collection"),
        "collection_total": len(collection_rows),
        "decades": _lines(sorted(decades.items()), "decade"),
        "agencies": _lines(agency_rows[:LISTED], "agency"),
        "agency_total": len(agency_rows),
        "years": sorted(years.items()),
    }


def holdings():
    """What the archive holds, cached: the key is the number of published memos and the last
    change to one, so publishing, withdrawing or editing a memo is counted at once."""
    published = Memo.objects.published()
    stamp = published.aggregate(total=Count("pk"), changed=Max("updated_at"))
    changed = stamp["changed"].isoformat() if stamp["changed"] else "-"
    key = f"archive:home-holdings:{stamp['total']}:{changed}"
    found = cache.get(key)
    if found is None:
        found = {"total": stamp["total"], **count_holdings(published)}
        cache.set(key, found, CACHE_SECONDS)
    return found


def year_timeline(years):
    """The search page's timeline of memos per year, each bar a link to that year's search."""
    timeline = display.timeline(SearchRequest.from_params({}), {"year": years})
    if timeline is not None:
        for bar in timeline.bars:
            bar.url = reverse("archive:search") + bar.url
    return timeline


class HomeView(TemplateView):
    """The archive's front page: search, holdings, the newest memos, how to search."""

    template_name = "archive/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # What the lists show, not the texts (a text may run to megabytes).
        published = Memo.objects.published().defer(
            "text", "parts", "field_sources", "archival_description", "extra"
        )
        held = holdings()
        context.update(
            held=held,
            timeline=year_timeline(held["years"]),
            added=list(published.order_by("-published_at", "-pk")[:RECENT]),
            released=list(
                published.exclude(release_date=None).order_by("-release_date", "-pk")[:RECENT]
            ),
            examples=[(q, what, search_url(q=q)) for q, what in EXAMPLES],
            excerpt_chars=EXCERPT_CHARS,
        )
        return context


urlpatterns = [
    path("", HomeView.as_view(), name="home"),
]
