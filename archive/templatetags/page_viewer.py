"""What the page viewer partial needs of each page: its image service and offered sizes."""

from django import template
from django.urls import reverse

from archive import derivatives, iiif

register = template.Library()

# The first image of a page is the smallest size at least this wide (sharp in a half-width
# column); the viewer script loads larger sizes when a page is shown bigger.
INITIAL_WIDTH = 800


@register.simple_tag
def viewer_pages(memo, pages, hits=None):
    """One dict per page: number, service URL, first image URL and size, every offered size,
    and the boxes of the search hits on it (`hits`: archive/views/memos.py's viewer_hits)."""
    items = []
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
            }
        )
    return items
