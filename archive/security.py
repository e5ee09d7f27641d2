"""Security at the edges: a strict Content-Security-Policy and rate-limited logins.

The policy allows no inline script anywhere (every script is a file under static/), no
plugins, no framing, and forms that post only to this site. Failed logins are counted per
client address and per username in the shared cache, so guessing passwords through any of
several web workers is slowed to a handful of tries per window.
"""

import hashlib

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.cache import cache
from django.dispatch import receiver
from django.shortcuts import render

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        # Style attributes (e.g. in server-rendered SVG) are harmless; scripts are what matter.
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


class SecurityHeadersMiddleware:
    """Add the Content-Security-Policy and Permissions-Policy to every response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


def _client(request):
    # REMOTE_ADDR only: X-Forwarded-For is the client's to forge unless a proxy we trust sets
    # it, and then the proxy should set REMOTE_ADDR (e.g. gunicorn's --forwarded-allow-ips).
    return request.META.get("REMOTE_ADDR", "") if request is not None else ""


def _keys(request, username):
    name = hashlib.sha256((username or "").strip().lower().encode("utf-8")).hexdigest()[:32]
    return f"login-fail:addr:{_client(request)}", f"login-fail:user:{name}"


def _limits():
    return (
        settings.ARCHIVE_LOGIN_MAX_FAILURES,
        settings.ARCHIVE_LOGIN_MAX_FAILURES_PER_ADDRESS,
        settings.ARCHIVE_LOGIN_WINDOW,
    )


def login_blocked(request, username):
    """Whether this address or username has failed too often lately."""
    per_user, per_address, _window = _limits()
    address_key, user_key = _keys(request, username)
    counts = cache.get_many([address_key, user_key])
    return counts.get(user_key, 0) >= per_user or counts.get(address_key, 0) >= per_address


@receiver(user_login_failed, dispatch_uid="archive.security.login_failed")
def count_failure(sender, credentials, request=None, **kwargs):
    _per_user, _per_address, window = _limits()
    for key in _keys(request, credentials.get("username", "")):
        cache.add(key, 0, timeout=window)
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=window)


@receiver(user_logged_in, dispatch_uid="archive.security.logged_in")
def clear_failures(sender, request, user, **kwargs):
    cache.delete(_keys(request, user.get_username())[1])


class LoginRateLimitMiddleware:
    """Refuse login attempts (HTTP 429) from an address or for a username failing too often."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.method == "POST"
            and request.path in settings.ARCHIVE_LOGIN_PATHS
            and login_blocked(request, request.POST.get("username", ""))
        ):
            response = render(request, "archive/429.html", status=429)
            response["Retry-After"] = str(settings.ARCHIVE_LOGIN_WINDOW)
            return response
        return self.get_response(request)
