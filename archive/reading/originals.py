"""The original of a memo and its archival context, for readers: links to the source PDF,
scan, catalogue record and published edition the record carries (Memo.extra, as the data set
gave them), the record series and agency file number, and the other published memos of that
file.

Only http(s) addresses are linked: Memo.extra is source data, and a `javascript:` address
there must never become a link.
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

from archive.models import Memo
from archive.reading.readings import form_hides

# Keys of Memo.extra that hold an address of the original or its record, in the order shown,
# with what a reader is told the link leads to.
ORIGINAL_KEYS = (
    ("original_pdf_url", "The original document (PDF)"),
    ("original_scan_url", "The original scan (PDF)"),
    ("original_catalog_url", "Catalogue record at the National Archives"),
    ("original_item_url", "Catalogue record at the library"),
    ("published_url", "Published edition"),
)
NARA_CATALOG = "https://catalog.archives.gov/id/{}"
SAME_FILE_LIMIT = 10  # other memos of a file listed; the rest are counted
MAX_URL = 2000


@dataclass
class Link:
    """One link to the original or its record: what it is, where, and the host it is on."""

    label: str
    url: str
    host: str


def _web_address(value):
    """The value if it is an http(s) address with a host, else ""."""
    if not isinstance(value, str) or len(value) > MAX_URL:
        return ""
    url = value.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return ""
    if any(ch.isspace() or ord(ch) < 32 for ch in url):
        return ""
    return url


def original_links(memo):
    """Links to the memo's original and its catalogue records, as the source gave them."""
    extra = memo.extra if isinstance(memo.extra, dict) else {}
    links, seen = [], set()
    for key, label in ORIGINAL_KEYS:
        url = _web_address(extra.get(key))
        if url and url not in seen:
            seen.add(url)
            links.append(Link(label, url, urlsplit(url).hostname))
    naid = str(extra.get("naid") or "").strip()
    if naid.isdigit() and "original_catalog_url" not in extra:
        url = NARA_CATALOG.format(naid)
        if url not in seen:
            label = "Catalogue record at the National Archives"
            links.append(Link(label, url, urlsplit(url).hostname))
    return links


def _form_value(memo, key, hidden):
    """A value of NARA's identification form, unless it was read from a suppressed passage."""
    item = (memo.archival_description or {}).get(key)
    if not isinstance(item, dict) or form_hides(memo, key, hidden):
        return ""
    value = item.get("value")
    return " ".join(str(value).split()) if isinstance(value, str | int) else ""


def same_file(memo, limit=SAME_FILE_LIMIT):
    """(the first `limit` other published memos with this agency file number, their count)."""
    number = (memo.file_number or "").strip()
    if not number:
        return [], 0
    others = Memo.objects.published().filter(file_number=number).exclude(pk=memo.pk)
    first = list(others.order_by("date", "document_number", "pk")[:limit])
    count = len(first) if len(first) < limit else others.count()
    return first, count


def archival_context(memo, hidden=()):
    """What the memo page says of the original and where the record sits in its archive.

    `hidden` are the memo's suppressed spans: a form field read from one is not shown."""
    series = _form_value(memo, "record_series", hidden)
    file_number = (memo.file_number or "").strip()
    if not file_number:
        file_number = _form_value(memo, "agency_file_number", hidden)
    others, count = same_file(memo)
    return {
        "original_links": original_links(memo),
        "record_series": series,
        "file_number": file_number,
        "same_file": others,
        "same_file_count": count,
    }
