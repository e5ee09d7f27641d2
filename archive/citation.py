"""How to cite a memo: Chicago, BibTeX, RIS, and Highwire `citation_*` tags for Zotero.

The author of a government memo is the body that issued it (agency, directorate, office);
the document number is its report number. Every format takes the memo's permalink.
"""

import calendar
import re

from archive.choices import DatePrecision

SITE_NAME = "Declassified Memo Archive"


def corporate_author(memo):
    """The issuing body as cited: "Central Intelligence Agency, Directorate of Intelligence, …"."""
    parts = []
    for value in (memo.agency, memo.directorate, memo.office):
        value = " ".join((value or "").split())
        if value and value not in parts:
            parts.append(value)
    return ", ".join(parts)


def _title(memo):
    return " ".join((memo.title or "").split())


def _chicago_date(memo):
    if not memo.date:
        return "n.d."
    month = calendar.month_name[memo.date.month]
    if memo.date_precision == DatePrecision.YEAR:
        return str(memo.date.year)
    if memo.date_precision == DatePrecision.MONTH:
        return f"{month} {memo.date.year}"
    return f"{month} {memo.date.day}, {memo.date.year}"


def _sentence(text):
    text = text.strip()
    if not text:
        return ""
    return text if text[-1] in '.?!”"' else text + "."


def chicago(memo, url):
    """A Chicago bibliography entry for the memo."""
    title = _title(memo)
    parts = [_sentence(corporate_author(memo) or " ".join(memo.sender.split()))]
    parts.append(f"“{_sentence(title)}”" if title else "Untitled document.")
    if memo.sender and memo.recipient and corporate_author(memo):
        parts.append(
            _sentence(f"From {' '.join(memo.sender.split())} to {' '.join(memo.recipient.split())}")
        )
    number = " ".join(memo.document_number.split())
    parts.append(_sentence(f"{number}, {_chicago_date(memo)}" if number else _chicago_date(memo)))
    if memo.collection_id:
        parts.append(_sentence(memo.collection.name))
    if memo.source_citation:
        parts.append(_sentence(" ".join(memo.source_citation.split())))
    parts.append(_sentence(SITE_NAME))
    parts.append(_sentence(url))
    return " ".join(part for part in parts if part)


_BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "$": r"\$",
    "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
}  # fmt: skip
_BIBTEX_RE = re.compile("|".join(re.escape(char) for char in _BIBTEX_SPECIAL))
_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


def _bibtex_value(text):
    return _BIBTEX_RE.sub(lambda m: _BIBTEX_SPECIAL[m.group()], " ".join(str(text).split()))


def bibtex_key(memo):
    """A citation key from the slug: letters, digits and hyphens only."""
    return re.sub(r"[^A-Za-z0-9-]+", "-", memo.slug).strip("-") or f"memo-{memo.pk}"


def bibtex(memo, url):
    """A BibTeX entry: @techreport when the issuing agency is known, else @misc."""
    author = corporate_author(memo)
    fields = []
    if author:
        fields.append(("author", "{" + _bibtex_value(author) + "}"))  # a body, not a person
    fields.append(("title", "{" + _bibtex_value(_title(memo) or "Untitled document") + "}"))
    if memo.agency:
        fields.append(("institution", _bibtex_value(memo.agency)))
    if memo.document_number:
        fields.append(("number", _bibtex_value(memo.document_number)))
    if memo.date:
        fields.append(("year", str(memo.date.year)))
        if memo.date_precision != DatePrecision.YEAR:
            fields.append(("month", _MONTHS[memo.date.month - 1]))
        if memo.iso_date:
            fields.append(("date", memo.iso_date))
    notes = [value for value in (memo.collection.name if memo.collection_id else "",) if value]
    notes.append(f"Published by the {SITE_NAME}")
    fields.append(("note", _bibtex_value("; ".join(notes))))
    fields.append(("url", url))
    kind = "techreport" if memo.agency else "misc"
    lines = [f"@{kind}{{{bibtex_key(memo)},"]
    for name, value in fields:
        bare = name == "month"
        lines.append(f"  {name} = {value}," if bare else f"  {name} = {{{value}}},")
    lines[-1] = lines[-1].rstrip(",")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _ris_value(text):
    return " ".join(str(text).split())


def _ris_date(memo):
    if not memo.date:
        return ""
    if memo.date_precision == DatePrecision.YEAR:
        return f"{memo.date.year:04d}///"
    if memo.date_precision == DatePrecision.MONTH:
        return f"{memo.date.year:04d}/{memo.date.month:02d}//"
    return f"{memo.date.year:04d}/{memo.date.month:02d}/{memo.date.day:02d}/"


def ris(memo, url, keywords=()):
    """A RIS record (a report, as Zotero and EndNote read it)."""
    lines = [("TY", "RPRT"), ("TI", _title(memo) or "Untitled document")]
    if memo.agency:
        # Zotero splits an author at a comma into last and first names: the agency alone.
        lines.append(("AU", memo.agency.replace(",", " ")))
        lines.append(("PB", corporate_author(memo)))
    if memo.date:
        lines.append(("PY", str(memo.date.year)))
        lines.append(("DA", _ris_date(memo)))
    if memo.document_number:
        lines.append(("SN", memo.document_number))
    if memo.summary:
        lines.append(("AB", memo.summary))
    if memo.source_citation:
        lines.append(("AN", memo.source_citation))
    lines.extend(("KW", keyword) for keyword in keywords)
    lines.append(("DB", SITE_NAME))
    lines.append(("UR", url))
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {_ris_value(value)}\r\n" for tag, value in lines)


def highwire_tags(memo, url, keywords=()):
    """(name, content) of the Highwire Press `citation_*` meta tags for the memo's page."""
    tags = [("citation_title", _title(memo) or "Untitled document")]
    author = corporate_author(memo)
    if author:
        tags.append(("citation_author", author))
    if memo.date:
        if memo.date_precision == DatePrecision.YEAR:
            date = f"{memo.date.year:04d}"
        elif memo.date_precision == DatePrecision.MONTH:
            date = f"{memo.date.year:04d}/{memo.date.month:02d}"
        else:
            date = memo.date.strftime("%Y/%m/%d")
        tags.append(("citation_date", date))
        tags.append(("citation_publication_date", date))
    if memo.document_number:
        tags.append(("citation_technical_report_number", memo.document_number))
    if memo.agency:
        tags.append(("citation_technical_report_institution", memo.agency))
    tags.append(("citation_publisher", SITE_NAME))
    tags.append(("citation_abstract_html_url", url))
    tags.append(("citation_public_url", url))
    tags.append(("citation_language", "en"))
    if keywords:
        tags.append(("citation_keywords", "; ".join(keywords)))
    return [(name, " ".join(str(value).split())) for name, value in tags]
