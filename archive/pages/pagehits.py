"""Search hits on page images: the boxes of the words a search matched, page by page.

The hits are character spans of the memo's public text (archive/search/highlight.py); each
page's stored words (archive/pages/pagewords.py) turn the spans that fall on it into boxes. Only
the words of pages a hit falls on are read from the database.
"""

import bisect
from dataclasses import dataclass

from archive.pages import pagewords


@dataclass(frozen=True)
class HitBox:
    """One word of a hit on a page image: its span in the memo text and its box in pixels."""

    start: int
    end: int
    x: int
    y: int
    width: int
    height: int

    def percent(self, page):
        """(left, top, width, height) as percentages of the page image (for any zoom)."""
        return tuple(
            round(100 * value / size, 3)
            for value, size in (
                (self.x, page.width),
                (self.y, page.height),
                (self.width, page.width),
                (self.height, page.height),
            )
        )


def on_pages(pages, spans):
    """{page number: [HitBox, ...]} for the pages (public ones, in order) that hits fall on.

    `spans` are (start, end) of the hits in the memo's text, sorted.
    """
    from archive.models import Page

    spans = sorted(spans)
    starts = [start for start, _end in spans]
    wanted = {}
    for page in pages:
        if page.text_start is None or page.text_end is None:
            continue
        first = max(0, bisect.bisect_left(starts, page.text_start) - 1)
        mine = [
            span
            for span in spans[first : bisect.bisect_left(starts, page.text_end + 1)]
            if span[1] > page.text_start and span[0] <= page.text_end
        ]
        if mine:
            wanted[page.pk] = (page, mine)
    if not wanted:
        return {}
    words = dict(Page.objects.filter(pk__in=wanted).values_list("pk", "words"))
    found = {}
    for pk, (page, mine) in wanted.items():
        numbers = pagewords.flat(words.get(pk))
        boxes = [
            HitBox(*word) for start, end in mine for word in pagewords.boxes_in(numbers, start, end)
        ]
        if boxes:
            found[page.number] = sorted(set(boxes), key=lambda box: box.start)
    return found
