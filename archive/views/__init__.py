"""Public pages and the read-only JSON API; one class-based view per page."""

from archive.views.api import MemoApiView, SearchApiView
from archive.views.home import HomeView
from archive.views.memos import MemoDetailView
from archive.views.search import SearchView

__all__ = ["HomeView", "MemoApiView", "MemoDetailView", "SearchApiView", "SearchView"]
