"""Error pages: JSON under /api/, HTML elsewhere."""

from django.shortcuts import render

from archive.views.api import json_error


def not_found(request, exception=None):
    """404: nothing published at this address."""
    if request.path.startswith("/api/"):
        return json_error(404, "Not found.")
    return render(request, "archive/404.html", status=404)


def server_error(request):
    """500: our fault, said plainly."""
    if request.path.startswith("/api/"):
        return json_error(500, "Internal error.")
    return render(request, "archive/500.html", status=500)


def csrf_failure(request, reason=""):
    """403 when a form comes back without its security token (expired, or cookies refused)."""
    return render(request, "archive/403_csrf.html", status=403)
