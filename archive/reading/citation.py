"""How to cite a memo: Chicago (both systems), BibTeX, RIS, and Highwire tags for Zotero.

Every format is built from one set of the document's own fields (`fields()`): the issuing
body as author, title, date at its precision, document number, collection, the archive's
name and the permalink. The archival source note is not among them: the data sets fill it
with processing notes (NARA form comments, review stamps) that say nothing to a reader.
"""

import calendar
import re
from dataclasses import dataclass

from archive.choices import DatePrecision

SITE_NAME = "Declassified Memo Archive"
UNTITLED = "Untitled document"


def _clean(text):
    return " ".join(str(text or "").split())


def corporate_author(memo):
    """The issuing body as cited: agency and office, e.g. "Central Intelligence Agency, Office
    of East Asian Analysis"; the directorate stands in for a missing office."""
    agency = _clean(memo.agency)
    unit = _clean(memo.office) or _clean(memo.directorate)
    if agency and unit and unit.casefold() != agency.casefold():
        return f"{agency}, {unit}"
    return agency or unit


@dataclass(frozen=True)
class Fields:
    """What every citation format says about a memo, each value cleaned once."""

    author: str
    institution: str
    title: str
    year: int | None
    month: int | None
    day: int | None
    number: str
    collection: str
    url: str


def fields(memo, url):
    """The memo's citation fields: the one source every format below reads."""
    year = month = day = None
    if memo.date:
        year = memo.date.year
        if memo.date_precision != DatePrecision.YEAR:
            month = memo.date.month
            if memo.date_precision != DatePrecision.MONTH:
                day = memo.date.day
    return Fields(
        author=corporate_author(memo),
        institution=_clean(memo.agency),
        title=_clean(memo.title) or UNTITLED,
        year=year,
        month=month,
        day=day,
        number=_clean(memo.document_number),
        collection=_clean(memo.collection.name) if memo.collection_id else "",
        url=url,
    )


def _long_date(cite):
    if cite.year is None:
        return "n.d."
    if cite.month is None:
        return str(cite.year)
    month = calendar.month_name[cite.month]
    return f"{month} {cite.day}, {cite.year}" if cite.day else f"{month} {cite.year}"


def _sentence(text):
    text = text.strip()
    if not text:
        return ""
    return text if text[-1] in '.?!”"' else text + "."


def _tail(cite, with_date):
    """Number (and date), collection, archive, permalink: the end both Chicago systems share."""
    date = _long_date(cite) if with_date else ""
    number = ", ".join(part for part in (cite.number, date) if part)
    return [_sentence(value) for value in (number, cite.collection, SITE_NAME, cite.url)]


def chicago(memo, url):
    """A Chicago notes-and-bibliography entry for the memo."""
    cite = fields(memo, url)
    parts = [_sentence(cite.author), f"“{_sentence(cite.title)}”"] + _tail(cite, True)
    return " ".join(part for part in parts if part)


def chicago_author_date(memo, url):
    """A Chicago author-date reference-list entry: the year follows the author."""
    cite = fields(memo, url)
    year = str(cite.year) if cite.year is not None else "n.d."
    title = f"“{_sentence(cite.title)}”"
    # Without an author the title takes its place, ahead of the year.
    if cite.author:
        head = [_sentence(cite.author), _sentence(year), title]
    else:
        head = [title, _sentence(year)]
    # The full date is repeated only when it says more than the year.
    parts = head + _tail(cite, cite.month is not None)
    return " ".join(part for part in parts if part)


_BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "$": r"\$",
    "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
}  # fmt: skip
_BIBTEX_RE = re.compile("|".join(re.escape(char) for char in _BIBTEX_SPECIAL))
_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


def _bibtex_value(text):
    return _BIBTEX_RE.sub(lambda m: _BIBTEX_SPECIAL[m.group()], _clean(text))


def _bibtex_url(url):
    # A URL is read verbatim by the url package; only braces could break the entry.
    return _clean(url).replace("{", "%7B").replace("}", "%7D").replace("\\", "%5C")


def bibtex_key(memo):
    """A citation key from the slug: letters, digits and hyphens only."""
    return re.sub(r"[^A-Za-z0-9-]+", "-", memo.slug).strip("-") or f"memo-{memo.pk}"


def _iso(cite):
    parts = [f"{cite.year:04d}"]
    parts += [f"{value:02d}" for value in (cite.month, cite.day) if value is not None]
    return "-".join(parts)


def bibtex(memo, url):
    """A BibTeX entry: @techreport when the issuing agency is known, else @misc."""
    cite = fields(memo, url)
    entries = []
    if cite.author:
        # Doubled braces: a body, not a person BibTeX would split into last and first names.
        entries.append(("author", "{{" + _bibtex_value(cite.author) + "}}"))
    entries.append(("title", "{{" + _bibtex_value(cite.title) + "}}"))
    if cite.institution:
        entries.append(("institution", "{" + _bibtex_value(cite.institution) + "}"))
    if cite.number:
        entries.append(("number", "{" + _bibtex_value(cite.number) + "}"))
    if cite.year is not None:
        entries.append(("year", "{" + str(cite.year) + "}"))
        if cite.month is not None:
            entries.append(("month", _MONTHS[cite.month - 1]))
        entries.append(("date", "{" + _iso(cite) + "}"))
    note = "; ".join(part for part in (cite.collection, SITE_NAME) if part)
    entries.append(("note", "{" + _bibtex_value(note) + "}"))
    entries.append(("url", "{" + _bibtex_url(cite.url) + "}"))
    kind = "techreport" if cite.institution else "misc"
    lines = [f"@{kind}{{{bibtex_key(memo)},"]
    lines += [f"  {name} = {value}," for name, value in entries]
    lines[-1] = lines[-1].rstrip(",")
    return "\n".join(lines) + "\n}\n"


def _ris_date(cite):
    if cite.year is None:
        return ""
    month = f"{cite.month:02d}" if cite.month is not None else ""
    day = f"{cite.day:02d}" if cite.day is not None else ""
    return f"{cite.year:04d}/{month}/{day}/"


def ris(memo, url, keywords=()):
    """A RIS record (a report, as Zotero and EndNote read it): one `TAG  - value` per line."""
    cite = fields(memo, url)
    lines = [("TY", "RPRT")]
    if cite.author:
        lines.append(("AU", cite.author))
    lines.append(("TI", cite.title))
    if cite.institution:
        lines.append(("PB", cite.institution))
    if cite.year is not None:
        lines.append(("PY", str(cite.year)))
        lines.append(("DA", _ris_date(cite)))
    if cite.number:
        lines.append(("SN", cite.number))
    if cite.collection:
        lines.append(("T3", cite.collection))
    if memo.summary:
        lines.append(("AB", memo.summary))
    lines.extend(("KW", keyword) for keyword in keywords)
    lines.append(("DB", SITE_NAME))
    lines.append(("UR", cite.url))
    lines.append(("ER", ""))
    # One line a tag: a line break inside a value would start a line RIS cannot read.
    return "".join(f"{tag}  - {_clean(value)}\r\n" for tag, value in lines)


def highwire_tags(memo, url, keywords=()):
    """(name, content) of the Highwire Press `citation_*` meta tags for the memo's page."""
    cite = fields(memo, url)
    tags = [("citation_title", cite.title)]
    if cite.author:
        tags.append(("citation_author", cite.author))
    if cite.year is not None:
        date = _iso(cite).replace("-", "/")
        tags.append(("citation_date", date))
        tags.append(("citation_publication_date", date))
    if cite.number:
        tags.append(("citation_technical_report_number", cite.number))
    if cite.institution:
        tags.append(("citation_technical_report_institution", cite.institution))
    tags.append(("citation_publisher", SITE_NAME))
    tags.append(("citation_abstract_html_url", url))
    tags.append(("citation_public_url", url))
    tags.append(("citation_language", "en"))
    if keywords:
        tags.append(("citation_keywords", "; ".join(keywords)))
    return [(name, _clean(value)) for name, value in tags]
