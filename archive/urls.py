"""URLs of the archive: each views module lists its own patterns; the admin for curators."""

from django.contrib import admin
from django.urls import include, path

from archive.views import (
    api,
    cite,
    compare,
    entities,
    exports,
    feeds,
    home,
    memos,
    notes,
    oai,
    pages,
    reports,
    search,
    sitemaps,
    versions,
)

app_patterns = (
    [
        *home.urlpatterns,
        *search.urlpatterns,
        *exports.urlpatterns,
        *feeds.urlpatterns,
        *notes.urlpatterns,
        *memos.urlpatterns,
        *reports.urlpatterns,
        *versions.urlpatterns,
        *cite.urlpatterns,
        *compare.urlpatterns,
        *entities.urlpatterns,
        *api.urlpatterns,
        *pages.urlpatterns,
        *oai.urlpatterns,
        *sitemaps.urlpatterns,
    ],
    "archive",
)

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include(app_patterns)),
]

handler404 = "archive.views.errors.not_found"
handler500 = "archive.views.errors.server_error"
