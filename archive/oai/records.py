"""What OAI-PMH tells: identifiers, datestamps, sets by collection and Dublin Core records.

A record is a published memo. A memo once published and no longer (withdrawn, sent back to
review) is a deleted record: its identifier and datestamp, nothing else. A memo deleted
outright (merged away) leaves no trace, so the repository's deletedRecord support is
"transient". The datestamp is the memo's last change (`updated_at`); the identifier is
oai:NAMESPACE:memo-<id>.
"""

import datetime
import re

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.utils import timezone

from archive.choices import Status
from archive.models import Collection, Memo
from archive.public_text import suppressed_spans
from archive.reading.citation import SITE_NAME, corporate_author
from archive.reading.readings import form_hides

# Every request's datestamps are to the second, in UTC (the protocol's finest granularity).
GRANULARITY = "YYYY-MM-DDThh:mm:ssZ"
RIGHTS = (
    "Public domain: a record of the United States government, not subject to copyright in "
    "the United States (17 U.S.C. 105)."
)
_SET = re.compile(r"collection-([1-9][0-9]{0,17})\Z")
_IDENTIFIER = re.compile(r"oai:(.+):memo-([1-9][0-9]{0,17})\Z")


def namespace():
    """The repository identifier in every record identifier: oai:NAMESPACE:slug."""
    return settings.ARCHIVE_OAI_NAMESPACE


def oai_identifier(memo):
    """The memo's OAI identifier, by its row id: a slug can be renamed and would name a
    withdrawn memo by its document number, where the identifier must stay and tell nothing."""
    return f"oai:{namespace()}:memo-{memo.pk}"


def pk_of(identifier):
    """The memo id an OAI identifier of this repository names, or None."""
    found = _IDENTIFIER.match(identifier)
    if found is None or found.group(1) != namespace():
        return None
    return int(found.group(2))


def datestamp(moment):
    """A moment as the protocol writes it: UTC, to the second."""
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def is_deleted(memo):
    """Whether the memo is told as a deleted record."""
    return memo.status != Status.PUBLISHED


def set_spec(collection_id):
    """The set of a collection."""
    return f"collection-{collection_id}"


def collection_of(spec):
    """The collection id a set spec names, or None."""
    found = _SET.match(spec)
    return int(found.group(1)) if found else None


def memos():
    """Every memo OAI-PMH tells of, in the order lists give them."""
    return Memo.objects.harvestable().order_by("updated_at", "pk")


def earliest():
    """The earliest datestamp of the repository (now when it holds nothing)."""
    first = memos().values_list("updated_at", flat=True).first()
    return first or timezone.now()


def sets():
    """Collections holding a published memo, by name."""
    published = Memo.objects.published().filter(collection=OuterRef("pk"))
    return Collection.objects.filter(Exists(published)).order_by("name")


def header_sets(memo):
    """The set specs of a record's header: none for a deleted record (nothing but its
    identifier and datestamp is told of a memo withdrawn from the public)."""
    if is_deleted(memo) or memo.collection_id is None:
        return []
    return [set_spec(memo.collection_id)]


def _clean(text):
    return " ".join(str(text or "").split())


def dublin_core(memo, url):
    """(element, value) pairs of the memo's oai_dc record; `url` is its permalink."""
    pairs = [("title", memo.display_title)]
    creator = corporate_author(memo)
    if creator:
        pairs.append(("creator", creator))
    if memo.iso_date:
        pairs.append(("date", memo.iso_date))
    pairs.append(("identifier", url))
    for number in (memo.document_number, memo.crest_id, memo.nara_record_number):
        if _clean(number):
            pairs.append(("identifier", number))
    pairs.append(("type", "Text"))
    if _clean(memo.document_type):
        pairs.append(("type", memo.document_type))
    description = _clean(memo.summary) or _clean(memo.excerpt)
    if description:
        pairs.append(("description", description))
    if not form_hides(memo, "subjects", suppressed_spans(memo)):
        pairs.extend(("subject", subject) for subject in memo.subjects or [] if _clean(subject))
    if memo.collection_id:
        pairs.append(("source", memo.collection.name))
    pairs.append(("publisher", SITE_NAME))
    pairs.append(("language", "en"))
    pairs.append(("rights", RIGHTS))
    return [(name, _clean(value)) for name, value in pairs]
