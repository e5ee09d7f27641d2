"""URLs of the archive: each views module lists its own patterns; the admin for curators."""

from django.contrib import admin
from django.urls import include, path

from archive.views import api, memos, search

app_patterns = (
    [
        *search.urlpatterns,
        *memos.urlpatterns,
        *api.urlpatterns,
    ],
    "archive",
)

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include(app_patterns)),
]

handler404 = "archive.views.errors.not_found"
handler500 = "archive.views.errors.server_error"
