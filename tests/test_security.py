"""Headers, CSRF and login throttling on every kind of page."""

import os
import re
import subprocess
import sys

import pytest
from django.contrib.auth.models import User
from django.test import Client

from archive.security import client_address
from tests.conftest import REPO

PAGES = ["/", "/search/?q=Sakhalin", "/memos/ea-m-84-10245/", "/api/memos/ea-m-84-10245"]
# A script element without src, other than a JSON-LD data block (never executed, so the CSP's
# script-src does not apply to it: the memo page's schema.org description).
INLINE_SCRIPT = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/ld\+json\")[^>]*>", re.I
)
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)


@pytest.mark.parametrize("path", PAGES)
def test_security_headers(client, seed, path):
    response = client.get(path)
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert (
        "script-src 'self'" in policy
        and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    )
    assert "frame-ancestors 'none'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.parametrize("path", PAGES[:3])
def test_public_pages_have_no_inline_script(client, seed, path):
    page = client.get(path).content.decode()
    assert not INLINE_SCRIPT.search(page)
    assert not EVENT_HANDLER.search(page)


def test_admin_forms_need_csrf(db):
    User.objects.create_superuser("boss", "boss@example.org", "a-long-passphrase")
    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/admin/login/", {"username": "boss", "password": "a-long-passphrase"})
    assert response.status_code == 403


def test_login_is_rate_limited(client, db, settings):
    User.objects.create_user("curator", password="right-password-123", is_staff=True)
    for _attempt in range(settings.ARCHIVE_LOGIN_MAX_FAILURES):
        response = client.post("/admin/login/", {"username": "curator", "password": "wrong"})
        assert response.status_code == 200  # the form again, with an error
    blocked = client.post(
        "/admin/login/", {"username": "curator", "password": "right-password-123"}
    )
    assert blocked.status_code == 429
    assert int(blocked["Retry-After"]) > 0
    # Another account from another address is not locked out by it.
    other = Client(REMOTE_ADDR="10.1.2.3")
    User.objects.create_user("reviewer", password="another-password-123", is_staff=True)
    response = other.post(
        "/admin/login/", {"username": "reviewer", "password": "another-password-123"}
    )
    assert response.status_code == 302


def attempt(username, password, address="127.0.0.1", forwarded=None):
    """Status of one login from a new client at `address` (X-Forwarded-For if given)."""
    extra = {"REMOTE_ADDR": address}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    client = Client(**extra)
    return client.post("/admin/login/", {"username": username, "password": password}).status_code


def fail_from_one_address(settings, **where):
    """As many failed logins, with as many user names, as one address may make."""
    for number in range(settings.ARCHIVE_LOGIN_MAX_FAILURES_PER_ADDRESS):
        assert attempt(f"guess-{number}", "wrong", **where) == 200


@pytest.fixture
def staff(db, settings):
    """A staff account; passwords hashed cheaply (these tests make a hundred logins)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    User.objects.create_user("curator", password="right-password-123", is_staff=True)


def test_direct_connections_are_told_apart_by_their_own_address(staff, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    fail_from_one_address(settings, address="203.0.113.9", forwarded="198.51.100.1")
    # The attacker's address is refused, whatever X-Forwarded-For it sends...
    assert attempt("curator", "right-password-123", "203.0.113.9", "198.51.100.7") == 429
    assert attempt("curator", "right-password-123", "203.0.113.9") == 429
    # ...and the user at another address logs in.
    assert attempt("curator", "right-password-123", "198.51.100.7") == 302


def test_behind_a_proxy_the_client_is_the_address_the_proxy_saw(staff, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    # Every request comes from nginx on loopback, which appends the client's address.
    fail_from_one_address(settings, forwarded="10.9.9.9, 203.0.113.9")
    # The attacker is refused, whatever it writes in the header itself...
    assert attempt("curator", "right-password-123", forwarded="203.0.113.9") == 429
    assert attempt("curator", "right-password-123", forwarded="198.51.100.7, 203.0.113.9") == 429
    # ...and the user, behind the same proxy, is not (REMOTE_ADDR alone locked everyone out).
    assert attempt("curator", "right-password-123", forwarded="198.51.100.7") == 302
    # A request that reached the server directly: its own address.
    assert attempt("curator", "right-password-123", address="192.0.2.1") == 302


def test_behind_two_proxies_the_second_address_from_the_right(staff, settings):
    settings.TRUSTED_PROXY_COUNT = 2
    # A load balancer appends the client, nginx appends the load balancer.
    fail_from_one_address(settings, forwarded="203.0.113.9, 10.0.0.5")
    assert attempt("curator", "right-password-123", forwarded="203.0.113.9, 10.0.0.5") == 429
    assert attempt("curator", "right-password-123", forwarded="198.51.100.7, 10.0.0.5") == 302


def test_a_guessed_account_is_refused_only_to_addresses_that_failed(staff, settings):
    for _attempt in range(settings.ARCHIVE_LOGIN_MAX_FAILURES):
        assert attempt("curator", "wrong", "203.0.113.9") == 200
    assert attempt("curator", "right-password-123", "203.0.113.9") == 429
    # From elsewhere, the right password is let in at once...
    assert attempt("curator", "right-password-123", "198.51.100.7") == 302
    # ...but guessing the same account from a new address stops after its first failure.
    assert attempt("curator", "wrong", "192.0.2.44") == 200
    assert attempt("curator", "right-password-123", "192.0.2.44") == 429


def test_an_ipv6_client_counts_as_its_network(staff, settings):
    for number in range(settings.ARCHIVE_LOGIN_MAX_FAILURES_PER_ADDRESS):
        assert attempt(f"guess-{number}", "wrong", f"2001:db8:1:2::{number + 1:x}") == 200
    assert attempt("curator", "right-password-123", "2001:db8:1:2::ffff") == 429
    assert attempt("curator", "right-password-123", "2001:db8:1:3::1") == 302


@pytest.mark.parametrize(
    ("count", "remote", "forwarded", "client"),
    [
        (0, "192.0.2.1", "203.0.113.9", "192.0.2.1"),
        (1, "127.0.0.1", "203.0.113.9", "203.0.113.9"),
        (1, "127.0.0.1", "1.2.3.4, 203.0.113.9", "203.0.113.9"),
        (1, "127.0.0.1", " 203.0.113.9:51234 ", "203.0.113.9"),
        (1, "127.0.0.1", "[2001:db8::1]:443", "2001:db8::/64"),
        (1, "127.0.0.1", "::ffff:203.0.113.9", "203.0.113.9"),
        (1, "127.0.0.1", "", "127.0.0.1"),
        (2, "127.0.0.1", "203.0.113.9, 10.0.0.5", "203.0.113.9"),
        (2, "127.0.0.1", "10.0.0.5", "10.0.0.5"),
        (3, "127.0.0.1", "1.2.3.4, 203.0.113.9, 10.0.0.5, 10.0.0.6", "203.0.113.9"),
    ],
)
def test_client_address(settings, rf, count, remote, forwarded, client):
    settings.TRUSTED_PROXY_COUNT = count
    request = rf.get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == client


def test_the_number_of_trusted_proxies_is_checked(tmp_path):
    environment = {**os.environ, "ARCHIVE_DATA_DIR": str(tmp_path), "TRUSTED_PROXY_COUNT": "x"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "TRUSTED_PROXY_COUNT must be a whole number" in result.stderr
