"""What the search page shows about a search besides the hits: facets, filters, timeline.

Each facet value, filter chip and timeline bar carries the URL of the search it leads to
(the same search with that value added, removed, or made the only one), so the page needs
no script to narrow or widen a search, and every state can be bookmarked.
"""

from dataclasses import dataclass, field

from archive.search.params import FACETS, value_label

MORE_SHOWN = 100  # values listed under "more" before the rest are left out
LISTED = 100  # values of a text facet the search gives (params.FACET_VALUES)
TIMELINE_WIDTH = 800
TIMELINE_HEIGHT = 110
TIMELINE_MAX_SPAN = 200  # years; past this only years with memos get a bar


@dataclass
class FacetValue:
    """One value of a facet with its count and where clicking it leads."""

    value: str
    label: str
    count: int
    selected: bool
    url: str

    @property
    def count_text(self):
        return f"{self.count:,}"


@dataclass
class FacetGroup:
    """A facet and its values: the first few shown, the rest folded away."""

    name: str
    label: str
    shown: list
    more: list = field(default_factory=list)
    left_out: bool = False  # only the commonest values are listed
    selected: int = 0


@dataclass
class Chip:
    """An active filter and the URL of the search without it."""

    label: str
    value: str
    remove_url: str


def _url(request, page=None):
    return "?" + request.query_string(page=page)


def facet_groups(request, facets):
    """FacetGroups for the page, from {facet name: [(value, count)]}; empty facets left out."""
    groups = []
    for facet in FACETS:
        counts = dict(facets.get(facet.name, []))
        for value in request.filters.get(facet.name, ()):
            counts.setdefault(value, 0)  # a chosen value stays visible, even at 0
        if not counts:
            continue
        pairs = list(counts.items())
        if facet.kind == "int" and facet.name == "decade":
            pairs.sort(key=lambda pair: int(pair[0]))
        elif facet.kind == "bool":
            pairs.sort(key=lambda pair: pair[0] != "yes")
        else:
            pairs.sort(key=lambda pair: (-pair[1], str(pair[0]).lower()))
        values = [
            FacetValue(
                value=str(value),
                label=value_label(facet, value),
                count=count,
                selected=request.selected(facet.name, value),
                url=_url(request.toggled(facet.name, value)),
            )
            for value, count in pairs
        ]
        # Chosen values are always in view, whatever their rank.
        shown = values[: facet.shown]
        shown += [v for v in values[facet.shown :] if v.selected]
        rest = [v for v in values[facet.shown :] if not v.selected]
        groups.append(
            FacetGroup(
                name=facet.name,
                label=facet.label,
                shown=shown,
                more=rest[:MORE_SHOWN],
                left_out=len(rest) > MORE_SHOWN or facet.kind == "text" and len(pairs) >= LISTED,
                selected=sum(v.selected for v in values),
            )
        )
    return groups


def chips(request):
    """The active filters, each with the URL that removes it."""
    found = []
    for facet in FACETS:
        for value in request.filters.get(facet.name, ()):
            found.append(
                Chip(
                    label=facet.label,
                    value=value_label(facet, value),
                    remove_url=_url(request.toggled(facet.name, value)),
                )
            )
    if request.start or request.end:
        span = f"{request.date_from or '…'} – {request.date_to or '…'}"
        found.append(Chip(label="Dates", value=span, remove_url=_url(request.without_dates())))
    return found


@dataclass
class Bar:
    """One year of the timeline."""

    year: int
    count: int
    x: float
    y: float
    width: float
    height: float
    selected: bool
    url: str


@dataclass
class Timeline:
    """A year histogram drawn as SVG by the template."""

    bars: list
    ticks: list  # (x, label)
    width: int = TIMELINE_WIDTH
    height: int = TIMELINE_HEIGHT
    peak: int = 0
    first: int = 0
    last: int = 0


def timeline(request, facets):
    """The Timeline of a search's year counts (the year filter itself left out), or None."""
    counts = {int(value): count for value, count in facets.get("year", []) if count}
    if not counts:
        return None
    first, last = min(counts), max(counts)
    if last - first + 1 <= TIMELINE_MAX_SPAN:
        years = list(range(first, last + 1))
    else:
        years = sorted(counts)
    peak = max(counts.values())
    plot = TIMELINE_HEIGHT - 18  # room for the year labels
    step = TIMELINE_WIDTH / len(years)
    bars, ticks = [], []
    only = request.filters.get("year", ())
    for index, year in enumerate(years):
        count = counts.get(year, 0)
        x = index * step
        width = min(max(step * 0.8, 0.5), 40)  # one year alone is not a wall
        height = max(2.0, plot * count / peak) if count else 0.0
        chosen = request.selected("year", year)
        target = request.toggled("year", year) if only == (str(year),) else None
        target = target or request.only("year", year)
        bars.append(
            Bar(
                year=year,
                count=count,
                x=round(x + (step - width) / 2, 2),
                y=round(plot - height, 2),
                width=round(width, 2),
                height=round(height, 2),
                selected=chosen,
                url=_url(target),
            )
        )
        if year % 10 == 0 or len(years) <= 12 or index == 0:
            # Labels are ~30 units wide: keep them inside the picture.
            centre = min(max(x + step / 2, 16), TIMELINE_WIDTH - 16)
            ticks.append((round(centre, 2), str(year)))
    # Keep labels from overlapping: at most one per ~50 units.
    spaced, last_x = [], -100.0
    for x, label in ticks:
        if x - last_x >= 50:
            spaced.append((x, label))
            last_x = x
    return Timeline(bars=bars, ticks=spaced, peak=peak, first=first, last=last)
