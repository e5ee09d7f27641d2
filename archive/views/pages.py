"""IIIF for page images: a manifest per memo, a level 0 image service per page.

Only published memos are served: each request looks the memo up again, so a memo withdrawn a
moment ago answers 404 even while its derivatives are still cached on disk. Page files in
MEDIA_ROOT are never served; only derivatives made from them, at the sizes offered.
"""

import hashlib
import json
import logging

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.views import View

from archive.pages import derivatives, iiif, iiif_search, pagewords
from archive.public_text import image_hidden, public_pages, public_text, suppressed_spans
from archive.views.lookup import find_published

log = logging.getLogger("archive.views")

# Short: a withdrawn memo should not linger in browsers and proxies; ETags make refetching cheap.
CACHE_SECONDS = 300
# No memo has more pages than this; larger numbers are not looked up at all.
MAX_PAGE_NUMBER = 100_000


def _published(slug):
    memo = find_published(slug)
    if memo is None:
        raise Http404("No published memo has that number.")
    return memo


def _page(memo, number):
    if number < 1 or number > MAX_PAGE_NUMBER:
        raise Http404("No such page.")
    page = memo.pages.filter(number=number).first()
    if page is None:
        raise Http404("No such page.")
    if image_hidden(page, suppressed_spans(memo)):
        raise Http404("This page image shows a passage the archive keeps from the public.")
    return page


def _share(response):
    """Headers every IIIF response carries: open to other sites' viewers, briefly cacheable."""
    response["Access-Control-Allow-Origin"] = "*"
    patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
    return response


def _json(request, data, context):
    """JSON-LD when asked for it (as the IIIF specs say), plain JSON otherwise; with an ETag."""
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    response = get_conditional_response(request, etag=etag)
    if response is None:
        wants_ld = "application/ld+json" in request.headers.get("Accept", "")
        kind = f'application/ld+json;profile="{context}"' if wants_ld else "application/json"
        response = HttpResponse(body, content_type=kind)
    response["ETag"] = etag
    patch_vary_headers(response, ["Accept"])
    return _share(response)


def _canonical(request, memo, slug, name, **kwargs):
    """A redirect to the memo's own slug when it was reached by another spelling, else None."""
    if memo.slug == slug:
        return None
    return redirect(reverse(name, kwargs={"slug": memo.slug, **kwargs}), permanent=True)


class ManifestView(View):
    """GET /iiif/<slug>/manifest.json: the IIIF Presentation 3 manifest of a memo's pages."""

    def get(self, request, slug):
        memo = _published(slug)
        moved = _canonical(request, memo, slug, "archive:iiif-manifest")
        if moved:
            return moved
        pages = public_pages(memo)
        if not pages:
            raise Http404("This memo has no page images.")
        data = iiif.manifest(memo, pages, request.build_absolute_uri)
        if memo.pages.filter(pk__in=[page.pk for page in pages]).exclude(words=b"").exists():
            data["service"] = iiif_search.services(memo, request.build_absolute_uri)
        return _json(request, data, iiif.PRESENTATION_CONTEXT)


class SearchView(View):
    """GET /iiif/<slug>/search?q=: IIIF Content Search 2.0 within a memo's page images."""

    path_of = staticmethod(iiif_search.search_path)
    answer = staticmethod(iiif_search.response)
    context = iiif_search.SEARCH_CONTEXT

    def get(self, request, slug):
        memo = _published(slug)
        if memo.slug != slug:
            target = self.path_of(memo)
            if request.META.get("QUERY_STRING"):
                target += "?" + request.META["QUERY_STRING"]
            return redirect(target, permanent=True)
        pages = public_pages(memo)
        if not pages:
            raise Http404("This memo has no page images.")
        data = self.answer(memo, pages, public_text(memo), request.GET, request.build_absolute_uri)
        return _json(request, data, self.context)


class SearchV1View(SearchView):
    """GET /iiif/<slug>/search/1?q=: IIIF Content Search 1.0, for viewers that read only it."""

    path_of = staticmethod(iiif_search.search_v1_path)
    answer = staticmethod(iiif_search.response_v1)
    context = iiif_search.V1_CONTEXT[1]


class ImageServiceView(View):
    """GET /iiif/<slug>/<page>: the image service's address; sends clients to its info.json."""

    def get(self, request, slug, page):
        memo = _published(slug)
        _page(memo, page)
        response = HttpResponse(status=303)
        response["Location"] = reverse(
            "archive:iiif-info", kwargs={"slug": memo.slug, "page": page}
        )
        return _share(response)


class ImageInfoView(View):
    """GET /iiif/<slug>/<page>/info.json: a level 0 image service offering fixed sizes."""

    def get(self, request, slug, page):
        memo = _published(slug)
        moved = _canonical(request, memo, slug, "archive:iiif-info", page=page)
        if moved:
            return moved
        record = _page(memo, page)
        data = iiif.info(memo, record, request.build_absolute_uri)
        return _json(request, data, iiif.IMAGE_CONTEXT)


class ImageView(View):
    """GET /iiif/<slug>/<page>/full/<w>,<h>/0/default.jpg: a page at one of its offered sizes.

    Level 0: region `full`, rotation `0`, quality `default`, format `jpg`, and a size from
    info.json (or `max`, the largest). Any other request is 404.
    """

    def get(self, request, slug, page, region, size, rotation, filename):
        if region != "full" or rotation != "0" or filename != "default.jpg":
            raise Http404("Only full/<offered size>/0/default.jpg is served.")
        memo = _published(slug)
        record = _page(memo, page)
        chosen = _offered(record, size)
        if memo.slug != slug:
            return redirect(iiif.image_path(memo, record, chosen), permanent=True)
        etag = f'"{derivatives.cache_key(record)[:32]}-{chosen.width}x{chosen.height}"'
        response = get_conditional_response(request, etag=etag)
        if response is None:
            try:
                cached = derivatives.get(record, chosen)
                response = FileResponse(cached.open("rb"), content_type="image/jpeg")
            except (derivatives.DerivativeError, OSError) as error:
                log.error("Page image unavailable for %s p. %s: %s", memo.slug, page, error)
                raise Http404("This page image is unavailable.") from None
        response["ETag"] = etag
        return _share(response)


class PageWordsView(View):
    """GET /memos/<slug>/pages/<page>/words.json: the words read on a page image, for the
    viewer to tie a point of the image to the text (six numbers a word: start and end in the
    memo's text, then x, y, width, height in the image's pixels)."""

    def get(self, request, slug, page):
        memo = _published(slug)
        record = _page(memo, page)
        words = pagewords.flat(record.words).tolist()
        data = {"width": record.width, "height": record.height, "words": words}
        return _json(request, data, iiif.PRESENTATION_CONTEXT)


def _offered(page, size):
    """The offered Size that a size parameter names (`max` or `w,h`), else 404."""
    sizes = derivatives.page_sizes(page)
    if not sizes:
        raise Http404("This page has no image sizes.")
    if size == "max":
        return sizes[-1]
    for offered in sizes:
        if size == offered.label:
            return offered
    raise Http404("That size is not offered; see info.json for the sizes there are.")


urlpatterns = [
    path(
        "memos/<str:slug>/pages/<int:page>/words.json",
        PageWordsView.as_view(),
        name="page-words",
    ),
    path("iiif/<str:slug>/manifest.json", ManifestView.as_view(), name="iiif-manifest"),
    path("iiif/<str:slug>/search", SearchView.as_view(), name="iiif-search"),
    path("iiif/<str:slug>/search/1", SearchV1View.as_view(), name="iiif-search-v1"),
    path("iiif/<str:slug>/<int:page>", ImageServiceView.as_view(), name="iiif-service"),
    path("iiif/<str:slug>/<int:page>/info.json", ImageInfoView.as_view(), name="iiif-info"),
    path(
        "iiif/<str:slug>/<int:page>/<str:region>/<str:size>/<str:rotation>/<str:filename>",
        ImageView.as_view(),
        name="iiif-image",
    ),
]
