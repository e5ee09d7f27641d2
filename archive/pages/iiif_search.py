"""IIIF Content Search over a memo's page images (API 2.0, and 1.0 for the viewers that read
only it, Mirador among them): a search's hits as annotations.

Each word of a hit on a page image (archive/pages/pagehits.py) is one `painting` annotation whose
body is the word and whose target is its box on the page's canvas (`#xywh=`); a
`contextualizing` annotation beside it gives the text before and after (a TextQuoteSelector),
as the specification's "match context" asks. All matches are in one Annotation Page (no
paging: a memo's hits are few). `q` and `motivation` are understood; `date` and `user` are
named in `ignored`, as the specification requires.

Version 1.0 (`/iiif/<slug>/search/1`) answers the same search as an `sc:AnnotationList`: one
annotation per word box, `on` its canvas region, and one `search:Hit` per match naming its
annotations with the text before and after it.
"""

import bisect
import re
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
V1_CONTEXT = [
    "http://iiif.io/api/presentation/2/context.json",
    "http://iiif.io/api/search/1/context.json",
]
V1_PROFILE = "http://iiif.io/api/search/1/search"
_GAP_RE = re.compile(r"[^\w\f]{1,3}")  # between two words of one match: spaces, a hyphen


def search_path(memo):
    """Path of the memo's Content Search service."""
    return reverse("archive:iiif-search", kwargs={"slug": memo.slug})


def search_v1_path(memo):
    """Path of the memo's Content Search 1.0 service."""
    return reverse("archive:iiif-search-v1", kwargs={"slug": memo.slug})


def services(memo, url):
    """The `service` entries a manifest gives for its Content Search services: 2.0, and 1.0
    as a Presentation 3 manifest names a service of an older specification."""
    return [
        {"id": url(search_path(memo)), "type": SEARCH_TYPE},
        {"@id": url(search_v1_path(memo)), "@type": "SearchService1", "profile": V1_PROFILE},
    ]


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


def _request_id(path, params, url):
    """The answer's own id: the service's address with the parameters it understood."""
    query = {key: params[key] for key in ("q", "motivation") if params.get(key)}
    return url(path + ("?" + urlencode(query) if query else ""))


def _matches(memo, pages, text, params, url):
    """(canvas, annotation id, HitBox) of every word of a hit of the request's search, page by
    page, and the hits' spans; none when the search asks for other motivations than painting."""
    q = (params.get("q") or "")[:MAX_QUERY]
    motivations = (params.get("motivation") or "").replace("sc:", "").split()
    # Only painting annotations (the text read on the pages) are searched.
    if not q.strip() or (motivations and "painting" not in motivations):
        return [], []
    spans = hit_spans(text, q, limit=len(text))
    found = pagehits.on_pages(pages, spans)
    matches = []
    for page in pages:
        canvas = canvas_id(memo, page, url)
        matches += [
            (canvas, f"{canvas}/match/{box.start}", box) for box in found.get(page.number, [])
        ]
    return matches, spans


def _runs(text, spans):
    """Hit spans with the words that stand next to each other (a phrase's) joined as one."""
    runs = []
    for start, end in sorted(spans):
        if runs and _GAP_RE.fullmatch(text, runs[-1][1], start):
            runs[-1] = (runs[-1][0], end)
        else:
            runs.append((start, end))
    return runs


def response_v1(memo, pages, text, params, url):
    """The Content Search 1.0 answer (an `sc:AnnotationList`) to a search of the memo's public
    text on its public pages; `params` are the request's query parameters."""
    resources, by_span = [], {}
    matches, spans = _matches(memo, pages, text, params, url)
    spans = _runs(text, spans)
    starts = [start for start, _end in spans]
    for canvas, annotation, box in matches:
        resources.append(
            {
                "@id": annotation,
                "@type": "oa:Annotation",
                "motivation": "sc:painting",
                "resource": {
                    "@type": "cnt:ContentAsText",
                    "chars": _plain(text[box.start : box.end]),
                },
                "on": f"{canvas}#xywh={box.x},{box.y},{box.width},{box.height}",
            }
        )
        span = spans[max(0, bisect.bisect_right(starts, box.start) - 1)]
        by_span.setdefault(span, []).append(annotation)
    hits = []
    for (start, end), annotations in sorted(by_span.items()):
        hits.append(
            {
                "@type": "search:Hit",
                "annotations": annotations,
                "match": _plain(text[start:end]),
                "before": _plain(text[max(0, start - CONTEXT_CHARS) : start]),
                "after": _plain(text[end : end + CONTEXT_CHARS]),
            }
        )
    within = {"@type": "sc:Layer", "total": len(resources)}
    ignored = [name for name in IGNORED if name in params]
    if ignored:
        within["ignored"] = ignored
    return {
        "@context": V1_CONTEXT,
        "@id": _request_id(search_v1_path(memo), params, url),
        "@type": "sc:AnnotationList",
        "within": within,
        "resources": resources,
        "hits": hits,
    }


def response(memo, pages, text, params, url):
    """The Annotation Page answering a search of the memo's public text (`text`) on its public
    `pages`; `params` are the request's query parameters."""
    page_id = _request_id(search_path(memo), params, url)
    data = {"@context": SEARCH_CONTEXT, "id": page_id, "type": "AnnotationPage"}
    ignored = [name for name in IGNORED if name in params]
    if ignored:
        data["ignored"] = ignored
    items, contexts = [], []
    matches, _spans = _matches(memo, pages, text, params, url)
    for canvas, annotation, box in matches:
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
