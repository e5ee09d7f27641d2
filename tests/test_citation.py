"""Citations read back: Chicago, BibTeX and RIS agree with each other and with the memo."""

import re
from datetime import date

import pytest

from archive.choices import DatePrecision
from archive.models import Collection, Memo
from archive.reading.citation import bibtex, chicago, chicago_author_date, highwire_tags, ris

URL = "http://testserver/memos/ea-m-84-10245/"
SEED_AUTHOR = "Central Intelligence Agency, Office of East Asian Analysis"
SEED_TITLE = "Japan: Improvement in Trade Relations with USSR Unlikely"
FORM_COMMENTS = (
    "National Archives and Records Administration, Record Number 104-10273-10310. "
    "Comments: JFK-RH15 : F12 : 1999.08.04.11:35:12:356103 : FILE ORIGINAL IS PREVIOUSLY "
    "SANITIZED; PARTIAL DUP OF 104-10273-10137"
)
_BIBTEX_UNESCAPE = re.compile(r"\\([{}&%$#_])")


def parse_ris(text):
    """RIS as a reader reads it: each line `TAG  - value`, tags may repeat; ends at ER."""
    lines = text.split("\r\n")
    assert lines[-1] == "" and lines[-2] == "ER  - "
    record = {}
    for line in lines[:-2]:
        match = re.fullmatch(r"([A-Z][A-Z0-9])  - (.*)", line)
        assert match, f"not a RIS line: {line!r}"
        record.setdefault(match[1], []).append(match[2])
    return record


def _braced(text, start):
    """The text inside the braces opening at `start`, and where it closes."""
    depth, i = 0, start
    while True:
        char = text[i]
        if char == "\\":
            i += 2
            continue
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth == 0:
            return text[start + 1 : i], i + 1
        i += 1


def _bibtex_text(value):
    """A braced BibTeX value as plain text: protective braces dropped, escapes undone."""
    value = value.replace(r"\textbackslash{}", "\\")
    value = re.sub(r"(?<!\\)[{}]", "", value)
    return _BIBTEX_UNESCAPE.sub(r"\1", value)


def parse_bibtex(text):
    """One BibTeX entry: (type, key, {field: plain value}); braces must balance."""
    head = re.match(r"@(\w+)\{([^,\s]+),\n", text)
    assert head, text
    fields, i = {}, head.end()
    body_end = _braced(text, text.index("{"))[1]
    assert text[body_end:] == "\n", "text after the entry"
    while i < body_end - 1:
        match = re.compile(r"\s*(\w+) = ").match(text, i)
        if not match:
            break
        name, i = match[1], match.end()
        if text[i] == "{":
            raw, i = _braced(text, i)
            fields[name] = _bibtex_text(raw)
        else:
            bare = re.compile(r"\w+").match(text, i)
            fields[name], i = bare[0], bare.end()
        i += 1 if text[i] == "," else 0
    return head[1], head[2], fields


MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


def read_back(memo, url):
    """Author, title, date (ISO at its precision), number and URL as BibTeX and RIS give them."""
    _kind, _key, bib = parse_bibtex(bibtex(memo, url))
    record = parse_ris(ris(memo, url))
    bib_date = bib.get("date", "")
    if "year" in bib:  # year and month say the same as date
        assert bib_date.startswith(bib["year"])
        if "month" in bib:
            assert bib_date[5:7] == f"{MONTHS.index(bib['month']) + 1:02d}"
    ris_date = "-".join(part for part in record.get("DA", ["///"])[0].split("/") if part)
    from_bib = (bib.get("author", ""), bib["title"], bib_date, bib.get("number", ""), bib["url"])
    first = {tag: values[0] for tag, values in record.items()}
    from_ris = (first.get("AU", ""), first["TI"], ris_date, first.get("SN", ""), first["UR"])
    assert from_bib == from_ris
    # The issuing body, the collection and the archive agree too (BibTeX's note holds the last
    # two, "collection; archive").
    *collection, archive = bib["note"].split("; ")
    assert (bib.get("institution", ""), "; ".join(collection), archive) == (
        first.get("PB", ""),
        first.get("T3", ""),
        first["DB"],
    )
    return dict(zip(("author", "title", "date", "number", "url"), from_bib, strict=True))


def test_seed_citations_agree_with_each_other_and_the_memo(seed):
    assert read_back(seed, URL) == {
        "author": SEED_AUTHOR,
        "title": SEED_TITLE,
        "date": "1984-12-28",
        "number": "EA M 84-10245",
        "url": URL,
    }
    notes = chicago(seed, URL)
    assert notes.startswith(f"{SEED_AUTHOR}. “{SEED_TITLE}.” EA M 84-10245, December 28, 1984.")
    assert notes.endswith(f"Declassified Memo Archive. {URL}.")
    author_date = chicago_author_date(seed, URL)
    assert author_date.startswith(f"{SEED_AUTHOR}. 1984. “{SEED_TITLE}.” EA M 84-10245, Dec")
    assert dict(highwire_tags(seed, URL))["citation_author"] == SEED_AUTHOR


@pytest.fixture
def sparse(db):
    """A memo with no office, a month-precision date, a collection and form comments."""
    collection = Collection.objects.create(name="JFK Assassination Records")
    return Memo(
        slug="sov-m-62-1",
        title="Cuban {Missile} Crisis: 50% & more_",
        agency="Central Intelligence Agency",
        document_number="104-10273-10310",
        date=date(1962, 10, 1),
        date_precision=DatePrecision.MONTH,
        collection=collection,
        source_citation=FORM_COMMENTS,
        sender="HELMS, RICHARD, DD/P, CIA",
        text="t",
    )


def test_sparse_memo_month_date_no_office(sparse):
    url = "http://testserver/memos/sov-m-62-1/"
    assert read_back(sparse, url) == {
        "author": "Central Intelligence Agency",
        "title": "Cuban {Missile} Crisis: 50% & more_",
        "date": "1962-10",
        "number": "104-10273-10310",
        "url": url,
    }
    notes, author_date = chicago(sparse, url), chicago_author_date(sparse, url)
    assert "104-10273-10310, October 1962. JFK Assassination Records." in notes
    assert author_date.startswith("Central Intelligence Agency. 1962. “Cuban")
    assert "October 1962" in author_date
    assert parse_ris(ris(sparse, url))["T3"] == ["JFK Assassination Records"]
    for text in (notes, author_date, bibtex(sparse, url), ris(sparse, url)):
        assert "Comments" not in text and "JFK-RH15" not in text and "HELMS" not in text
    assert r"Cuban \{Missile\} Crisis: 50\% \& more\_" in bibtex(sparse, url)


def test_fallbacks_without_agency_or_date(db):
    memo = Memo(slug="x-2", title="", office="Office of Soviet Analysis", text="t")
    url = "http://testserver/memos/x-2/"
    assert read_back(memo, url)["author"] == "Office of Soviet Analysis"
    assert bibtex(memo, url).startswith("@misc{x-2,")
    assert chicago(memo, url).startswith("Office of Soviet Analysis. “Untitled document.” n.d.")
    nobody = Memo(slug="x-3", title="Year only", date=date(1970, 1, 1), text="t")
    nobody.date_precision = DatePrecision.YEAR
    assert read_back(nobody, url)["author"] == ""
    assert read_back(nobody, url)["date"] == "1970"
    assert chicago_author_date(nobody, url).startswith("“Year only.” 1970. Declassified")


def test_values_with_line_breaks_stay_on_one_ris_line(db):
    memo = Memo(slug="x-4", title="Line\r\nER  - broken", agency="A\nB", text="t")
    record = parse_ris(ris(memo, "http://testserver/memos/x-4/"))
    assert record["TI"] == ["Line ER - broken"] and record["AU"] == ["A B"]
