"""IIIF documents of a memo: a Presentation 3 manifest and a level 0 Image API service per page.

Both are plain dicts; the views turn them into JSON. `url` is a callable that makes an
absolute URL of a path, so the same code serves behind any host name.
"""

import html

from django.urls import reverse

from archive.pages import derivatives

PRESENTATION_CONTEXT = "http://iiif.io/api/presentation/3/context.json"
IMAGE_CONTEXT = "http://iiif.io/api/image/3/context.json"
IMAGE_PROTOCOL = "http://iiif.io/api/image"
# Works of the US Government are not subject to copyright in the United States
# (17 U.S.C. § 105); elsewhere the archive makes no claim, which is what NoC-US says.
RIGHTS = "http://rightsstatements.org/vocab/NoC-US/1.0/"
RIGHTS_NOTE = (
    "Declassified record of the United States Government. Works of the US Government are "
    "not subject to copyright in the United States (17 U.S.C. § 105)."
)
PUBLISHER = "Declassified Memo Archive"


def text(value, language="en"):
    """A IIIF language map of one plain-text value.

    IIIF clients render a value that starts with "<" and ends with ">" as HTML; such a value
    from a document (e.g. "<REDACTED>") is escaped inside a span so it shows as written.
    """
    value = str(value)
    stripped = value.strip()
    if stripped.startswith("<") and stripped.endswith(">"):
        value = f"<span>{html.escape(value)}</span>"
    return {language: [value]}


def _entry(label, value, language="en"):
    return {"label": {"en": [label]}, "value": text(value, language)}


def service_path(memo, page):
    """Path of a page's image service (its info.json is under it)."""
    return reverse("archive:iiif-service", kwargs={"slug": memo.slug, "page": page.number})


def image_path(memo, page, size):
    """Path of a page image at an offered size."""
    return service_path(memo, page) + f"/full/{size.label}/0/default.jpg"


def image_service(memo, page, url):
    """The `service` entry of an image: our level 0 Image API 3 service."""
    return [{"id": url(service_path(memo, page)), "type": "ImageService3", "profile": "level0"}]


def info(memo, page, url):
    """The info.json of a page's level 0 image service: its sizes, no tiles."""
    sizes = derivatives.page_sizes(page)
    data = {
        "@context": IMAGE_CONTEXT,
        "id": url(service_path(memo, page)),
        "type": "ImageService3",
        "protocol": IMAGE_PROTOCOL,
        "profile": "level0",
        "width": page.width,
        "height": page.height,
        "sizes": [size.as_dict() for size in sizes],
        "rights": RIGHTS,
    }
    top = sizes[-1]
    if (top.width, top.height) != (page.width, page.height):
        data["maxWidth"], data["maxHeight"] = top.width, top.height
    return data


def _image(memo, page, size, url):
    return {
        "id": url(image_path(memo, page, size)),
        "type": "Image",
        "format": "image/jpeg",
        "width": size.width,
        "height": size.height,
        "service": image_service(memo, page, url),
    }


def _metadata(memo):
    rows = [
        ("Document number", memo.document_number, "none"),
        ("Date", memo.display_date, "en"),
        ("Agency", memo.agency, "en"),
        ("Directorate", memo.directorate, "en"),
        ("Office", memo.office, "en"),
        ("Division", memo.division, "en"),
        ("Branch", memo.branch, "en"),
        ("From", memo.sender, "en"),
        ("To", memo.recipient, "en"),
        ("Classification", memo.get_classification_display() if memo.classification else "", "en"),
        ("Classification as marked", memo.classification_marking, "none"),
        ("Collection", memo.collection.name if memo.collection_id else "", "en"),
        ("Source", memo.source_citation, "en"),
        ("Released", memo.release_date.isoformat() if memo.release_date else "", "none"),
        ("CREST id", memo.crest_id, "none"),
        ("NARA record number", memo.nara_record_number, "none"),
        ("FOIA case", memo.foia_case, "none"),
    ]
    return [_entry(label, value, language) for label, value, language in rows if value]


def canvas_id(memo, page, url):
    base = reverse("archive:iiif-manifest", kwargs={"slug": memo.slug}).rsplit("/", 1)[0]
    return url(f"{base}/canvas/{page.number}")


def _canvas(memo, page, url):
    canvas = canvas_id(memo, page, url)
    top = derivatives.largest(page)
    thumb = derivatives.thumbnail(page)
    return {
        "id": canvas,
        "type": "Canvas",
        "label": {"en": [f"Page {page.number}"]},
        "width": page.width,
        "height": page.height,
        "thumbnail": [_image(memo, page, thumb, url)],
        "items": [
            {
                "id": f"{canvas}/page",
                "type": "AnnotationPage",
                "items": [
                    {
                        "id": f"{canvas}/page/image",
                        "type": "Annotation",
                        "motivation": "painting",
                        "body": _image(memo, page, top, url),
                        "target": canvas,
                    }
                ],
            }
        ],
    }


def manifest(memo, pages, url):
    """The IIIF Presentation 3 manifest of a published memo with page images."""
    home = url(reverse("archive:home"))
    manifest_url = url(reverse("archive:iiif-manifest", kwargs={"slug": memo.slug}))
    citation = memo.source_citation or (memo.collection.name if memo.collection_id else "")
    attribution = f"{citation} {RIGHTS_NOTE}" if citation else RIGHTS_NOTE
    data = {
        "@context": PRESENTATION_CONTEXT,
        "id": manifest_url,
        "type": "Manifest",
        "label": text(memo.display_title),
        "metadata": _metadata(memo),
        "requiredStatement": _entry("Attribution", f"{attribution} Published by {PUBLISHER}."),
        "rights": RIGHTS,
        "provider": [
            {
                "id": home,
                "type": "Agent",
                "label": {"en": [PUBLISHER]},
                "homepage": [
                    {
                        "id": home,
                        "type": "Text",
                        "label": {"en": [PUBLISHER]},
                        "format": "text/html",
                    }
                ],
            }
        ],
        "homepage": [
            {
                "id": url(memo.get_absolute_url()),
                "type": "Text",
                "label": text(f"{memo.display_title} – {PUBLISHER}"),
                "format": "text/html",
                "language": ["en"],
            }
        ],
        "seeAlso": [
            {
                "id": url(reverse("archive:api-memo", kwargs={"slug": memo.slug})),
                "type": "Dataset",
                "label": {"en": ["Metadata and full text (JSON)"]},
                "format": "application/json",
            }
        ],
        "viewingDirection": "left-to-right",
        "items": [_canvas(memo, page, url) for page in pages],
    }
    if memo.summary:
        data["summary"] = text(memo.summary)
    if memo.date:
        data["navDate"] = f"{memo.date.isoformat()}T00:00:00Z"
    if pages:
        data["thumbnail"] = data["items"][0]["thumbnail"]
    return data
