"""URLs of the archive: public pages, the JSON API, the curators' admin."""

from django.contrib import admin
from django.urls import include, path

from archive import views

app_patterns = (
    [
        path("", views.SearchView.as_view(), name="home"),
        path("search/", views.SearchView.as_view(), name="search"),
        path("memos/<str:slug>/", views.MemoDetailView.as_view(), name="memo"),
        path("api/memos/<str:slug>", views.MemoApiView.as_view(), name="api-memo"),
        path("api/search", views.SearchApiView.as_view(), name="api-search"),
    ],
    "archive",
)

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include(app_patterns)),
]

handler404 = "archive.views.errors.not_found"
handler500 = "archive.views.errors.server_error"
