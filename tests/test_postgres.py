"""The suite runs on PostgreSQL as well as SQLite (.ci/run runs it on both)."""

import os

import pytest
from django.db import connection

from tests.conftest import REPO


def test_the_database_is_the_one_database_url_names(db):
    url = os.environ.get("DATABASE_URL", "")
    expected = "postgresql" if url.startswith(("postgres://", "postgresql://")) else "sqlite"
    assert connection.vendor == expected


def test_ci_runs_the_suite_on_postgresql_too():
    ci = (REPO / ".ci" / "run").read_text()
    assert "DATABASE_URL=" in ci and "postgres://" in ci
    assert "initdb" in ci and "listen_addresses=127.0.0.1" in ci
    assert "postgresql" in (REPO / ".ci" / "install").read_text()


@pytest.mark.parametrize(
    "path",
    ["/search/", "/entities/", "/api/search", "/search/export.json", "/search/feed/"],
)
def test_nul_characters_in_parameters_are_not_an_error(client, seed, path):
    # PostgreSQL refuses NUL in text; a parameter carrying one must still get an answer.
    response = client.get(path, {"q": "Sakhalin\x00", "agency": "\x00", "page": "1\x00"})
    assert response.status_code == 200


def test_nul_characters_in_the_admin_search(admin_client, seed):
    response = admin_client.get("/admin/archive/memo/", {"q": "\x00Japan"})
    assert response.status_code == 200
    assert seed.title.encode() in response.content


def test_a_nul_character_in_a_path_is_not_found(client, seed):
    assert client.get("/memos/%00/").status_code == 404
    assert client.get("/iiif/%00%ff/manifest.json").status_code == 404
