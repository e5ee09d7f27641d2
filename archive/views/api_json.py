"""What the JSON API says of a memo: its metadata, and for one memo its public text with the
names, public notes, page images, other releases and exemption codes a reader needs.

Everything here reads the memo's public text (archive/public_text.py): a suppressed passage is
masked, and a name, note quote, redaction or page image inside one is not given.
"""

from django.urls import reverse

from archive.pages import derivatives, iiif
from archive.public_text import overlaps, public_pages, public_text, suppressed_spans
from archive.reading.originals import archival_context
from archive.reading.readings import api_sources, form_hides
from archive.redaction.withheld import legend
from archive.search.params import FACETS
from archive.views.memos import other_releases
from archive.views.reading import mention_spans, place_notes

UNCONFIRMED = "This meaning has not been confirmed against a source."
UNKNOWN_CODE = "Our reference table does not explain this code."


def _none_if_blank(value):
    return value if value not in ("", None) else None


def memo_json(memo, request, include_text=True):
    """A memo as the API gives it."""
    data = {
        "document_number": _none_if_blank(memo.document_number),
        "slug": memo.slug,
        "title": _none_if_blank(memo.title),
        "date": memo.iso_date,
        "date_precision": _none_if_blank(memo.date_precision),
        "agency": _none_if_blank(memo.agency),
        "directorate": _none_if_blank(memo.directorate),
        "office": _none_if_blank(memo.office),
        "division": _none_if_blank(memo.division),
        "branch": _none_if_blank(memo.branch),
        "from": _none_if_blank(memo.sender),
        "to": _none_if_blank(memo.recipient),
        "document_type": _none_if_blank(memo.document_type),
        "classification": _none_if_blank(memo.classification),
        "collection": memo.collection.name if memo.collection_id else None,
        "page_count": memo.page_count,
        "summary": _none_if_blank(memo.summary),
    }
    if include_text:
        # The marking as printed, its controls and the form's subjects (left out of search
        # results and exports, which leave these columns in the database).
        data["classification_marking"] = _none_if_blank(memo.classification_marking)
        data["control_markings"] = list(memo.control_markings or [])
        data["subjects"] = list(memo.subjects or [])
        # The identification form as read (it describes the release; the fields above describe
        # the document), and where each field was read: line numbers count the text's lines.
        # The public text: each suppressed passage masked character for character, so every
        # offset given here (redactions, field sources) holds; a form field read from one is
        # left out.
        hidden = suppressed_spans(memo)
        data["archival_description"] = {
            key: item
            for key, item in (memo.archival_description or {}).items()
            if not form_hides(memo, key, hidden)
        }
        if form_hides(memo, "subjects", hidden):
            data["subjects"] = []
        data["field_sources"] = api_sources(memo)
        data["text"] = public_text(memo)
        data["redactions"] = [redaction.as_dict() for redaction in public_redactions(memo)]
        data["suppressions"] = [
            {"start": s.start, "end": s.end, "label": s.public_label}
            for s in memo.suppressions.all()
        ]
    data["url"] = request.build_absolute_uri(memo.get_absolute_url())
    return data


def public_redactions(memo):
    """The memo's redactions outside every suppressed passage."""
    hidden = suppressed_spans(memo)
    return [r for r in memo.redactions.all() if not overlaps(hidden, r.start, r.end)]


def memo_detail_json(memo, request):
    """One memo as /api/memos/<slug> gives it: memo_json and what the memo page shows beside."""
    url = request.build_absolute_uri
    data = memo_json(memo, request)
    text = data["text"]
    pages = pages_json(memo, url)
    data.update(
        release_date=memo.release_date.isoformat() if memo.release_date else None,
        exemptions=exemptions_json(public_redactions(memo)),
        entities=entities_json(memo, text, url),
        notes=notes_json(memo, text),
        pages=pages,
        iiif_manifest=(
            url(reverse("archive:iiif-manifest", kwargs={"slug": memo.slug})) if pages else None
        ),
        releases=releases_json(memo, url),
        **context_json(memo, url),
    )
    return data


def context_json(memo, url):
    """The original and the record's place in its archive, as the memo page shows them."""
    context = archival_context(memo, suppressed_spans(memo))
    return {
        "originals": [{"label": link.label, "url": link.url} for link in context["original_links"]],
        "record_series": context["record_series"] or None,
        "file_number": context["file_number"] or None,
        "same_file": [
            {"slug": other.slug, "title": other.title or None, "url": url(other.get_absolute_url())}
            for other in context["same_file"]
        ],
        "same_file_count": context["same_file_count"],
    }


def exemptions_json(redactions):
    """Each code (then each kind of marker) in the redactions: count, meaning, legal source;
    a meaning the reference has not confirmed says so, as the memo page's legend does."""
    items = []
    for item in legend(redactions):
        entry = item.entry
        note = UNKNOWN_CODE if entry is None else (None if entry.confirmed else UNCONFIRMED)
        items.append(
            {
                "code": item.label,
                "kind": "marker" if item.marker else "code",
                "count": item.count,
                "meaning": entry.tooltip if entry else None,
                "source": _none_if_blank(entry.source) if entry else None,
                "confirmed": bool(entry and entry.confirmed),
                "note": note,
            }
        )
    return items


def entities_json(memo, text, url):
    """The people, places and organisations the public text names, most mentioned first."""
    mentions = (
        memo.mentions.public().order_by("start").values_list("start", "end", "text", "entity_id")
    )
    _spans, groups = mention_spans(mentions, text)
    return [
        {
            "name": item.entity.name,
            "kind": item.entity.kind,
            "mentions": item.count,
            "url": url(item.entity.get_absolute_url()),
            "search": url(item.search),
        }
        for _heading, items in groups
        for item in items
    ]


def notes_json(memo, text):
    """The curators' public notes, numbered as on the memo page (never an internal one)."""
    return [
        {
            "number": placed.number,
            "body": placed.note.body,
            "html": str(placed.html),
            "quote": placed.quote,
            "start": placed.start,
            "end": placed.end,
            "created": placed.note.created_at.isoformat(),
        }
        for placed in place_notes(memo, None, text)
        if not placed.internal
    ]


def pages_json(memo, url):
    """The page images the public may see: the largest image, a thumbnail, their IIIF service."""
    items = []
    for page in public_pages(memo):
        largest, thumbnail = derivatives.largest(page), derivatives.thumbnail(page)
        if largest is None:
            continue
        kwargs = {"slug": memo.slug, "page": page.number}
        items.append(
            {
                "number": page.number,
                "width": page.width,
                "height": page.height,
                "image": url(iiif.image_path(memo, page, largest)),
                "thumbnail": url(iiif.image_path(memo, page, thumbnail)),
                "iiif_service": url(iiif.service_path(memo, page)),
                "iiif_info": url(reverse("archive:iiif-info", kwargs=kwargs)),
                # [x, y, w, h] in this page image's pixels; null until the image is measured.
                "redaction_boxes": None if page.redaction_boxes is None else page.boxes,
            }
        )
    return items


def other_json(memo, other, url):
    """Another release or copy of a memo's document, with the comparison of the two."""
    return {
        "slug": other.slug,
        "document_number": _none_if_blank(other.document_number),
        "title": _none_if_blank(other.title),
        "release_date": other.release_date.isoformat() if other.release_date else None,
        "url": url(other.get_absolute_url()),
        "api": url(reverse("archive:api-memo", kwargs={"slug": other.slug})),
        "compare": url(reverse("archive:compare", kwargs={"slug": memo.slug, "other": other.slug})),
    }


def releases_json(memo, url):
    """The other published releases of the same document, oldest first, with a comparison."""
    return [other_json(memo, other, url) for other in other_releases(memo)]


def related_json(related, request):
    """A sparse search's related memos (search/related.py) as the API gives them, or None."""
    if not related:
        return None
    return {
        "count": related.count,
        "words": list(related.words),
        "results": [memo_json(hit.memo, request, include_text=False) for hit in related.hits],
    }


def facets_json(facets):
    """{facet: [[value, count], ...]}, years and decades as numbers."""
    data = {}
    for facet in FACETS:
        pairs = facets.get(facet.name, [])
        if facet.kind == "int":
            data[facet.name] = [[int(value), count] for value, count in pairs]
        else:
            data[facet.name] = [[value, count] for value, count in pairs]
    return data
