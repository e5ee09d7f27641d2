"""Headers, CSRF and login throttling on every kind of page."""

import re

import pytest
from django.contrib.auth.models import User
from django.test import Client

PAGES = ["/", "/search/?q=Sakhalin", "/memos/ea-m-84-10245/", "/api/memos/ea-m-84-10245"]
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
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
