"""The whole state of a search as URL parameters, so every search is a link.

    /search/?q=<query>&<facet>=<value>...&date_from=<date>&date_to=<date>&sort=<sort>&page=<n>

`q` is the query language (archive.search.query). Each facet below is a parameter that may
repeat: values of one facet combine with OR (`code=25X1&code=(b)(6)`: either code), different
facets with AND. Dates may be partial: `date_from=1984` means from 1 January 1984,
`date_to=1985-06` up to 30 June 1985. `sort` is relevance, date (oldest first) or -date.
`strict=1` asks for every word of a query of several plain words (else memos missing one of
them are listed too, after those with all: query.relaxed). The
page, the JSON API, the exports and the Atom feed all read these same parameters, and nothing
here raises on what a user sends: bad values are dropped with a warning the page shows, and
each warning names the parameter and value it is about (the API lists them so).
"""

import calendar
import datetime
import re
from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from archive.search.query import MAX_LENGTH, _clean, normalise_code

MAX_VALUES = 20  # values of one facet in one search
MAX_VALUE_LENGTH = 300
SORTS = {
    "relevance": "Relevance",
    "date": "Date (oldest first)",
    "-date": "Date (newest first)",
}


@dataclass(frozen=True)
class Facet:
    """A facet: its URL parameter, its label, the index field it counts, its kind of value."""

    name: str
    label: str
    field: str
    kind: str = "text"  # text, int or bool
    multi: bool = False  # a memo can have several values
    shown: int = 8  # values listed before "more"


FACETS = (
    Facet("decade", "Decade", "decade", kind="int", shown=12),
    Facet("year", "Year", "year", kind="int"),
    Facet("agency", "Agency", "agency"),
    Facet("office", "Office", "office"),
    Facet("classification", "Classification", "classification"),
    Facet("code", "Exemption code", "codes", multi=True),
    Facet("collection", "Collection", "collection"),
    Facet("has_redactions", "Redactions", "has_redactions", kind="bool"),
    Facet("entity", "People, places, organisations", "entities", multi=True),
)
FACETS_BY_NAME = {facet.name: facet for facet in FACETS}
# Values listed per text facet (agency, office, code, collection, entity), commonest first, on
# every engine; years, decades and yes/no are always listed whole.
FACET_VALUES = 100
BOOL_LABELS = {"yes": "With redactions", "no": "Without redactions"}
# The API's page size: ARCHIVE_RESULTS_PER_PAGE unless `page_size` asks for 1 to MAX_PAGE_SIZE.
MAX_PAGE_SIZE = 100
# Every parameter a search reads (the API also reads `page_size`).
PARAMETERS = (
    "q", *(facet.name for facet in FACETS), "date_from", "date_to", "sort", "page", "strict",
)  # fmt: skip
_DATE = re.compile(r"(\d{1,4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?")


@dataclass(frozen=True)
class ParamWarning:
    """A parameter that could not be used as sent: its name, its value, what was done instead."""

    parameter: str
    value: str
    message: str

    def __str__(self):
        return self.message

    def as_dict(self):
        return {"parameter": self.parameter, "value": self.value, "message": self.message}


def shown(raw):
    """A value sent, cleaned and cut short enough to be quoted back."""
    return _clean(str(raw))[:40]


def _first(params, name):
    value = params.get(name, "")
    return value if isinstance(value, str) else ""


def _all(params, name):
    if hasattr(params, "getlist"):
        return params.getlist(name)
    value = params.get(name, [])
    return [value] if isinstance(value, str | int) else list(value)


def clean_value(facet, raw):
    """A facet value from a URL in the index's form, or None if it cannot be one."""
    text = " ".join(_clean(str(raw)).split())[:MAX_VALUE_LENGTH]
    if not text:
        return None
    if facet.kind == "int":
        return str(int(text)) if text.isascii() and text.isdigit() and len(text) <= 4 else None
    if facet.kind == "bool":
        lowered = text.lower()
        if lowered in ("yes", "true", "1", "on"):
            return "yes"
        return "no" if lowered in ("no", "false", "0", "off") else None
    if facet.name == "code":
        return normalise_code(text) or text
    return text


def parse_date(text, end=False):
    """(date, error): the first (or with end=True, last) day a partial date can mean."""
    text = " ".join(_clean(str(text or "")).split())[:40]
    if not text:
        return None, None
    match = _DATE.fullmatch(text)
    error = f"“{text}” is not a date (e.g. 1984, 1984-06 or 1984-06-15): it was ignored."
    if not match:
        return None, error
    year, month, day = (int(part) if part else None for part in match.groups())
    if not 1 <= year <= 9999 or month is not None and not 1 <= month <= 12:
        return None, error
    if month is None:
        month = 12 if end else 1
    last = calendar.monthrange(year, month)[1]
    if day is None:
        day = last if end else 1
    if not 1 <= day <= last:
        return None, error
    return datetime.date(year, month, day), None


def parse_page(text):
    """(page, error): a page number from a URL, 1 (with a reason) when it is not one."""
    text = str(text or "").strip()
    if not text:
        return 1, None
    try:
        page = int(text[:9])
    except ValueError:
        return 1, f"“{shown(text)}” is not a page number: page 1 is shown."
    if page < 1:
        return 1, "Pages are numbered from 1: page 1 is shown."
    return page, None


def parse_page_size(text, default):
    """(size, error): results per page from a URL (1 to MAX_PAGE_SIZE), default when absent."""
    text = str(text or "").strip()
    if not text:
        return default, None
    try:
        size = int(text[:9])
    except ValueError:
        return default, f"“{shown(text)}” is not a number: {default} results per page."
    if not 1 <= size <= MAX_PAGE_SIZE:
        size = min(max(size, 1), MAX_PAGE_SIZE)
        return size, f"A page holds 1 to {MAX_PAGE_SIZE} results: {size} per page."
    return size, None


@dataclass
class SearchRequest:
    """What a researcher asked for: query, facet filters, date range, sort and page."""

    q: str = ""
    filters: dict = field(default_factory=dict)  # facet name -> tuple of values
    date_from: str = ""
    date_to: str = ""
    sort: str = ""
    page: int = 1
    start: datetime.date | None = None
    end: datetime.date | None = None
    warnings: list = field(default_factory=list)  # what the page shows
    notices: list = field(default_factory=list)  # the same, as ParamWarnings
    strict: bool = False  # every word required, even of a query of several plain words

    @classmethod
    def from_params(cls, params):
        """Read a QueryDict (or a plain dict); never raises."""
        notices = []

        def warn(parameter, value, message):
            notices.append(ParamWarning(parameter, value, message))

        filters = {}
        for facet in FACETS:
            values = []
            for raw in _all(params, facet.name):
                value = clean_value(facet, raw)
                if value is None:
                    sent = shown(raw)
                    if sent.strip():
                        warn(facet.name, sent, f"“{sent}” is not a {facet.label.lower()}: ignored.")
                elif value not in values:
                    values.append(value)
            if len(values) > MAX_VALUES:
                message = f"Only the first {MAX_VALUES} {facet.label.lower()} values apply."
                warn(facet.name, values[MAX_VALUES], message)
            if values:
                filters[facet.name] = tuple(values[:MAX_VALUES])
        date_from = " ".join(_clean(_first(params, "date_from")).split())[:40]
        date_to = " ".join(_clean(_first(params, "date_to")).split())[:40]
        start, error_from = parse_date(date_from)
        end, error_to = parse_date(date_to, end=True)
        for name, value, error in (
            ("date_from", date_from, error_from),
            ("date_to", date_to, error_to),
        ):
            if error:
                warn(name, value, error)
        if start and end and start > end:
            warn("date_to", date_to, "The start date was after the end date: the two were swapped.")
            start, end = parse_date(date_to)[0], parse_date(date_from, end=True)[0]
            date_from, date_to = date_to, date_from
        sort = _first(params, "sort")
        if sort and sort not in SORTS:
            choices = ", ".join(SORTS)
            warn("sort", shown(sort), f"“{shown(sort)}” is not a sort ({choices}): ignored.")
            sort = ""
        page, error = parse_page(_first(params, "page"))
        if error:
            warn("page", shown(_first(params, "page")), error)
        strict = _first(params, "strict").strip().lower() in ("1", "true", "yes", "on")
        return cls(
            q=_clean(_first(params, "q")[: MAX_LENGTH * 2]),
            strict=strict,
            filters=filters,
            date_from=date_from if start else "",
            date_to=date_to if end else "",
            sort=sort,
            page=page,
            start=start,
            end=end,
            warnings=[notice.message for notice in notices],
            notices=notices,
        )

    @property
    def has_filters(self):
        """Whether any facet value or date bound narrows the search."""
        return bool(self.filters or self.start or self.end)

    def selected(self, name, value):
        """Whether this value of this facet is among the filters."""
        return str(value) in self.filters.get(name, ())

    def params(self, page=None):
        """The URL parameters, in a stable order; page 1 and the default sort left out."""
        pairs = [("q", self.q)] if self.q else []
        for facet in FACETS:
            pairs.extend((facet.name, value) for value in self.filters.get(facet.name, ()))
        if self.date_from:
            pairs.append(("date_from", self.date_from))
        if self.date_to:
            pairs.append(("date_to", self.date_to))
        if self.sort:
            pairs.append(("sort", self.sort))
        if self.strict:
            pairs.append(("strict", "1"))
        page = self.page if page is None else page
        if page and page > 1:
            pairs.append(("page", str(page)))
        return pairs

    def query_string(self, page=None):
        """The parameters as a query string (no leading "?")."""
        return urlencode(self.params(page=page))

    def changed(self, **changes):
        """A copy with these fields changed, back on page 1."""
        return replace(self, page=1, warnings=[], notices=[], **changes)

    def toggled(self, name, value):
        """A copy with this facet value added, or removed if it is already a filter."""
        value = str(value)
        values = list(self.filters.get(name, ()))
        values = [v for v in values if v != value] if value in values else [*values, value]
        filters = {**self.filters, name: tuple(values)}
        return self.changed(filters={key: vals for key, vals in filters.items() if vals})

    def only(self, name, value):
        """A copy with this facet narrowed to this one value."""
        return self.changed(filters={**self.filters, name: (str(value),)})

    def without_dates(self):
        """A copy with no date range."""
        return self.changed(date_from="", date_to="", start=None, end=None)

    def cleared(self):
        """The same query with no filter at all."""
        return self.changed(filters={}, date_from="", date_to="", start=None, end=None)


def value_label(facet, value):
    """How a facet value reads on the page."""
    if facet.kind == "bool":
        return BOOL_LABELS.get(str(value), str(value))
    if facet.name == "decade":
        return f"{value}s"
    return str(value)
