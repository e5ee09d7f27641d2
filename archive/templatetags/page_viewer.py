"""What the page viewer partial needs of each page: its image service and offered sizes."""

from django import template

from archive import derivatives, iiif

register = template.Library()

# The first image of a page is the smallest size at least this wide (sharp in a half-width
# column); the viewer script loads larger sizes when a page is shown bigger.
INITIAL_WIDTH = 800


@register.simple_tag
def viewer_pages(memo, pages):
    """One dict per page: number, service URL, first image URL and size, every offered size."""
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
            }
        )
    return items
