"""What the page viewer partial needs of each page: its image service and offered sizes."""

from django import template
from django.urls import reverse

from archive.pages import derivatives, iiif
from archive.redaction.box_labels import labelled_boxes

register = template.Library()

# The first image of a page is the smallest size at least this wide (sharp in a half-width
# column); the viewer script loads larger sizes when a page is shown bigger.
INITIAL_WIDTH = 800


@register.simple_tag
def viewer_pages(memo, pages, hits=None):
    """One dict per page: number, service URL, first image URL and size, every offered size,
    the boxes of the search hits on it (`hits`: archive/views/memos.py's viewer_hits), and its
    redaction boxes placed in percent of the image, with their codes."""
    items = []
    boxes = labelled_boxes(memo, pages)
    for page in pages:
        sizes = derivatives.page_sizes(page)
        if not sizes:
            continue
        first = derivatives.fitting(page, INITIAL_WIDTH)
        items.append(
            {
                "number": page.number,
                "service": iiif.service_path(memo, page),
                "src": iiif.image_path(memo, page, first),
                "width": first.width,
                "height": first.height,
                "sizes": " ".join(size.label for size in sizes),
                "hits": (hits or {}).get(page.number, []),
                "text_start": page.text_start,
                "text_end": page.text_end,
                "pixels": f"{page.width},{page.height}",
                "words": reverse("archive:page-words", args=[memo.slug, page.number])
                if page.text_start is not None
                else "",
                "boxes": [placed(page, box, codes) for box, codes in boxes.get(page.pk, [])],
            }
        )
    return items


def placed(page, box, codes):
    """A box's place on its page in percent (so it follows the image at any zoom) and codes."""
    x, y, w, h = box
    return {
        "left": f"{100 * x / page.width:.3f}",
        "top": f"{100 * y / page.height:.3f}",
        "width": f"{100 * w / page.width:.3f}",
        "height": f"{100 * h / page.height:.3f}",
        "codes": ", ".join(codes),
    }
