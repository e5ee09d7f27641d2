"""Request guards: a strict Content-Security-Policy, rate-limited logins, no NUL in addresses.

The policy allows no inline script anywhere (every script is a file under static/), no
plugins, no framing, and forms that post only to this site.

Failed logins are counted in the shared cache (every web worker sees them) over a window of
ARCHIVE_LOGIN_WINDOW seconds, per client address, per username from that address, and per
username from anywhere. An attempt is refused (429) when its address has failed
ARCHIVE_LOGIN_MAX_FAILURES_PER_ADDRESS times (guessing across accounts), or this username
ARCHIVE_LOGIN_MAX_FAILURES times from this address, or, from an address that has itself
failed, this username ARCHIVE_LOGIN_MAX_FAILURES times from anywhere (guessing one account
from many addresses). An address that has not failed is never refused: someone else's
failures cannot lock a user out. The client address is REMOTE_ADDR, or behind
TRUSTED_PROXY_COUNT proxies the one the outermost of them saw (client_address()); an IPv6
address counts as its /64, what one subscriber is usually given.

Why not django-axes, the ecosystem's standard: it applies one failure limit to every lockout
parameter (these limits differ: an office behind one NAT address must not be locked out by five
typos of five people), finds the client address through django-ipware's heuristics over some
thirty headers rather than a count of trusted proxies, and needs its authentication backend
first in AUTHENTICATION_BACKENDS with the request passed to every authenticate() call, plus its
own tables written at each login. What the archive needs is this short module.

Other forms the public may post (readers' error reports) are limited per client address by
the same counting: address_limited() and count_for_address().

NUL characters in addresses: removed from query parameters, a path with one is not found.

PostgreSQL text cannot hold a NUL character: a parameter or path part carrying one (`?q=%00`,
`/iiif/%00/manifest.json`), passed to a database lookup, would raise instead of finding
nothing, where SQLite quietly accepts it. No real address needs one, so every view, the admin
included, gets parameters without them, and a path with one is a 404 before any view runs.
(Form fields refuse NUL characters themselves: Django's ProhibitNullCharactersValidator.)
"""

import hashlib
import ipaddress

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.cache import cache
from django.dispatch import receiver
from django.http import Http404, QueryDict
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


def client_address(request):
    """The client's address: REMOTE_ADDR, or with TRUSTED_PROXY_COUNT = n > 0 the n-th address
    from the right of X-Forwarded-For (each trusted proxy appends the address it was reached
    from; anything further left is the client's to forge). An IPv6 address is given as its
    /64 network. "" when unknown."""
    if request is None:
        return ""
    address = request.META.get("REMOTE_ADDR", "")
    trusted = settings.TRUSTED_PROXY_COUNT
    if trusted > 0:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            # Fewer hops than proxies: the request skipped the outer ones, and every hop
            # there is was written by a trusted proxy.
            address = hops[-trusted] if len(hops) >= trusted else hops[0]
    return _normalised(address)


def _normalised(address):
    """An address without port or brackets; an IPv6 address as its /64 (IPv4-mapped: IPv4)."""
    text = address.strip()[:100]
    if text.startswith("[") and "]" in text:  # [2001:db8::1]:443
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:  # 203.0.113.9:51234
        text = text.split(":")[0]
    try:
        parsed = ipaddress.ip_address(text)
    except ValueError:
        return text
    if parsed.version == 6 and parsed.ipv4_mapped:
        return str(parsed.ipv4_mapped)
    if parsed.version == 6:
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed)


def _digest(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def _keys(request, username):
    """Cache keys of the failures of (this address, this username from it, this username)."""
    address = _digest(client_address(request))
    name = _digest((username or "").strip().lower())
    return (
        f"login-fail:addr:{address}",
        f"login-fail:pair:{name}:{address}",
        f"login-fail:user:{name}",
    )


def _limits():
    return (
        settings.ARCHIVE_LOGIN_MAX_FAILURES,
        settings.ARCHIVE_LOGIN_MAX_FAILURES_PER_ADDRESS,
        settings.ARCHIVE_LOGIN_WINDOW,
    )


def login_blocked(request, username):
    """Whether a login attempt from this request's address, for this username, is refused."""
    per_user, per_address, _window = _limits()
    keys = _keys(request, username)
    counts = cache.get_many(keys)
    address, pair, user = (counts.get(key, 0) for key in keys)
    if not address:
        return False  # this address has not failed: nobody else's failures lock it out
    return address >= per_address or pair >= per_user or user >= per_user


def _count(key, window):
    """Add one to a counter of the shared cache that lives `window` seconds from its first."""
    cache.add(key, 0, timeout=window)
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)


def _address_key(scope, request):
    return f"{scope}:addr:{_digest(client_address(request))}"


def address_limited(request, scope, limit):
    """Whether this request's client address has used up its `limit` for `scope`."""
    return cache.get(_address_key(scope, request), 0) >= limit


def count_for_address(request, scope, window):
    """Count one use of `scope` by this request's client address, for `window` seconds."""
    _count(_address_key(scope, request), window)


@receiver(user_login_failed, dispatch_uid="archive.security.login_failed")
def count_failure(sender, credentials, request=None, **kwargs):
    _per_user, _per_address, window = _limits()
    for key in _keys(request, credentials.get("username", "")):
        _count(key, window)


@receiver(user_logged_in, dispatch_uid="archive.security.logged_in")
def clear_failures(sender, request, user, **kwargs):
    # This user's failures from this address; the others' counts stand (an attacker's
    # failures elsewhere are not forgiven because the owner logged in).
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


# NUL characters in addresses (StripNulMiddleware, first of the archive's middleware).


def _without_nul(params):
    """The same parameters, without NUL characters (the same object if there are none)."""
    if not any("\x00" in key or any("\x00" in v for v in values) for key, values in params.lists()):
        return params
    cleaned = QueryDict(mutable=True, encoding=params.encoding)
    for key, values in params.lists():
        cleaned.setlist(key.replace("\x00", ""), [value.replace("\x00", "") for value in values])
    cleaned._mutable = False
    return cleaned


class StripNulMiddleware:
    """Remove NUL characters from query parameters; answer 404 to a path containing one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path_info:
            raise Http404("No such page.")
        request.GET = _without_nul(request.GET)
        return self.get_response(request)
