"""The sitemap (published memos and entity pages, for search engines), robots.txt and the
favicon's usual address."""

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Exists, Max, OuterRef
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import path, reverse
from django.views import View

from archive.choices import Status
from archive.models import Entity, Memo, Mention


class MemoSitemap(Sitemap):
    """Every published memo, with when it last changed."""

    limit = 10_000

    def items(self):
        return Memo.objects.published().order_by("pk").only("slug", "updated_at")

    def lastmod(self, memo):
        return memo.updated_at

    def get_latest_lastmod(self):
        """The newest change of a published memo, for the sitemap index: one query (Django's
        default calls lastmod() on every item, 16 s at 100,000 memos)."""
        return Memo.objects.published().aggregate(latest=Max("updated_at"))["latest"]


class EntitySitemap(Sitemap):
    """Entity pages that list at least one published memo."""

    limit = 10_000

    def items(self):
        named = Mention.objects.filter(entity=OuterRef("pk"), memo__status=Status.PUBLISHED)
        return (
            Entity.objects.filter(merged_into=None)
            .filter(Exists(named))
            .order_by("pk")
            .only("slug")
        )


SITEMAPS = {"memos": MemoSitemap, "entities": EntitySitemap}


class RobotsView(View):
    """GET /robots.txt: everything public may be crawled but the admin; where the sitemap is."""

    def get(self, request):
        sitemap = request.build_absolute_uri(reverse("archive:sitemap"))
        lines = ["User-agent: *", "Disallow: /admin/", f"Sitemap: {sitemap}", ""]
        return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


class FaviconView(View):
    """GET /favicon.ico: where the archive's icon is (clients that ask there before the page)."""

    def get(self, request):
        return HttpResponsePermanentRedirect(static("archive/favicon.svg"))


urlpatterns = [
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "archive:sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    path("robots.txt", RobotsView.as_view(), name="robots"),
    path("favicon.ico", FaviconView.as_view(), name="favicon"),
]
