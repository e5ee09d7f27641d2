"""IIIF Content Search API 2.0 over a memo's page images: a search's hits as annotations.

Each word of a hit on a page image (archive/pages/pagehits.py) is one `painting` annotation whose
body is the word and whose target is its box on the page's canvas (`#xywh=`); a
`contextualizing` annotation beside it gives the text before and after (a TextQuoteSelector),
as the specification's "match context" asks. All matches are in one Annotation Page (no
paging: a memo's hits are few). `q` and `motivation` are understood; `date` and `user` are
named in `ignored`, as the specification requires.
"""

from urllib.parse import urlencode

from django.urls import reverse

from archive.pages import pagehits
from archive.pages.iiif import canvas_id
from archive.search.highlight import hit_spans

SEARCH_CONTEXT = "http://iiif.io/api/search/2/context.json"
SEARCH_TYPE = "SearchService2"
# Characters of text given before and after a match.
CONTEXT_CHARS = 40
MAX_QUERY = 1000
IGNORED = ("date", "user")


def search_path(memo):
    """Path of the memo's Content Search service."""
    return reverse("archive:iiif-search", kwargs={"slug": memo.slug})


def service(memo, url):
    """The `service` entry a manifest gives for its Content Search service."""
    return {"id": url(search_path(memo)), "type": SEARCH_TYPE}


def _plain(text):
    """A stretch of the memo's text as a selector gives it: page breaks and lines as spaces."""
    return text.replace("\f", " ").replace("\n", " ")


def _context(text, start, end):
    prefix = text[max(0, start - CONTEXT_CHARS) : start]
    suffix = text[end : end + CONTEXT_CHARS]
    selector = {"type": "TextQuoteSelector", "exact": _plain(text[start:end])}
    if prefix:
        selector["prefix"] = _plain(prefix)
    if suffix:
        selector["suffix"] = _plain(suffix)
    return selector


def response(memo, pages, text, params, url):
    """The Annotation Page answering a search of the memo's public text (`text`) on its public
    `pages`; `params` are the request's query parameters."""
    q = (params.get("q") or "")[:MAX_QUERY]
    motivations = (params.get("motivation") or "").split()
    query = {key: params[key] for key in ("q", "motivation") if params.get(key)}
    page_id = url(search_path(memo) + ("?" + urlencode(query) if query else ""))
    data = {"@context": SEARCH_CONTEXT, "id": page_id, "type": "AnnotationPage"}
    ignored = [name for name in IGNORED if name in params]
    if ignored:
        data["ignored"] = ignored
    items, contexts = [], []
    # Only painting annotations (the text read on the pages) are searched.
    if q.strip() and (not motivations or "painting" in motivations):
        found = pagehits.on_pages(pages, hit_spans(text, q, limit=len(text)))
        for page in pages:
            canvas = canvas_id(memo, page, url)
            for box in found.get(page.number, []):
                annotation = f"{canvas}/match/{box.start}"
                items.append(
                    {
                        "id": annotation,
                        "type": "Annotation",
                        "motivation": "painting",
                        "body": {
                            "type": "TextualBody",
                            "value": _plain(text[box.start : box.end]),
                            "format": "text/plain",
                        },
                        "target": f"{canvas}#xywh={box.x},{box.y},{box.width},{box.height}",
                    }
                )
                contexts.append(
                    {
                        "id": f"{annotation}/context",
                        "type": "Annotation",
                        "motivation": "contextualizing",
                        "target": {
                            "type": "SpecificResource",
                            "source": annotation,
                            "selector": [_context(text, box.start, box.end)],
                        },
                    }
                )
    data["items"] = items
    if contexts:
        data["annotations"] = [{"type": "AnnotationPage", "items": contexts}]
    return data
