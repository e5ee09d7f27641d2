"""Production settings and serving: gunicorn with several workers, WhiteNoise, secure cookies."""

import http.client
import os
import socket
import subprocess
import time

import pytest

from tests.conftest import REPO

PYTHON = str(REPO / ".venv" / "bin" / "python")


def run_manage(tmp_path, *args, **env):
    environment = {
        **os.environ,
        "ARCHIVE_DATA_DIR": str(tmp_path / "data"),
        "SEARCH_URL": f"whoosh://{tmp_path / 'index'}",
        "DJANGO_SETTINGS_MODULE": "archive.settings",
        **env,
    }
    environment.pop("DATABASE_URL", None)
    return subprocess.run(
        [PYTHON, "manage.py", *args], cwd=REPO, env=environment, capture_output=True, text=True
    )


def test_production_needs_its_host_names(tmp_path):
    result = run_manage(tmp_path, "check", ARCHIVE_ENV="production")
    assert result.returncode != 0
    assert "ARCHIVE_ENV=production needs ALLOWED_HOSTS" in result.stderr
    result = run_manage(tmp_path, "check", ARCHIVE_ENV="staging")
    assert "ARCHIVE_ENV must be 'development' or 'production'" in result.stderr


PRODUCTION = {
    "ARCHIVE_ENV": "production",
    "ALLOWED_HOSTS": "archive.example.org",
    "SECRET_KEY": "x" * 60 + "production-secret-for-the-test",
}


def test_production_without_collected_static_files_says_so_before_serving(tmp_path):
    result = run_manage(tmp_path, "check", "--deploy", **PRODUCTION)
    assert result.returncode != 0
    assert "(archive.E001) Static files cannot be served" in result.stderr
    assert "collectstatic --noinput" in result.stderr
    # Ordinary commands (bootstrap's migrate, collectstatic itself) are not stopped by it.
    assert run_manage(tmp_path, "check", **PRODUCTION).returncode == 0
    # A web worker refuses to start, saying why, instead of answering 500 to every page.
    environment = {
        **os.environ,
        "ARCHIVE_DATA_DIR": str(tmp_path / "data"),
        "SEARCH_URL": f"whoosh://{tmp_path / 'index'}",
        **PRODUCTION,
    }
    environment.pop("DATABASE_URL", None)
    worker = subprocess.run(
        [PYTHON, "-c", "import archive.wsgi"],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
    )
    assert worker.returncode != 0
    assert "ImproperlyConfigured: Static files cannot be served" in worker.stderr


def test_production_settings_pass_the_deployment_checks(tmp_path):
    collected = run_manage(tmp_path, "collectstatic", "--noinput", "-v0", **PRODUCTION)
    assert collected.returncode == 0, collected.stderr
    result = run_manage(tmp_path, "check", "--deploy", "--fail-level", "ERROR", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    # Only the two HSTS opt-ins are left to the site's owner (subdomains, preload list).
    warnings = {line.split(")")[0] for line in result.stderr.splitlines() if "(security." in line}
    assert warnings <= {"?: (security.W005", "?: (security.W021"}, result.stderr


def test_development_settings_keep_plain_http(settings):
    assert settings.ARCHIVE_ENV == "development"
    assert not settings.SESSION_COOKIE_SECURE and not settings.SECURE_SSL_REDIRECT


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(port, path, headers=None):
    """(status, headers, body) of a GET, redirects not followed."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


@pytest.mark.slow
def test_gunicorn_serves_the_archive_with_hashed_static_files(tmp_path):
    env = {"ARCHIVE_ENV": "production", "ALLOWED_HOSTS": "127.0.0.1"}
    assert run_manage(tmp_path, "bootstrap", "-v0", **env).returncode == 0
    result = run_manage(tmp_path, "collectstatic", "--noinput", "-v0", **env)
    assert result.returncode == 0, result.stderr
    port = free_port()
    environment = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    server = subprocess.Popen(
        [
            str(REPO / ".venv" / "bin" / "gunicorn"),
            "-c",
            "archive/gunicorn.conf.py",
            "archive.wsgi",
        ],
        cwd=REPO,
        env={
            **environment,
            "ARCHIVE_DATA_DIR": str(tmp_path / "data"),
            "SEARCH_URL": f"whoosh://{tmp_path / 'index'}",
            "GUNICORN_BIND": f"127.0.0.1:{port}",
            "WEB_CONCURRENCY": "2",
            "GUNICORN_ACCESS_LOG": "/dev/null",
            **env,
        },
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        https = {"X-Forwarded-Proto": "https"}
        deadline = time.monotonic() + 60
        while True:
            try:
                status, headers, body = get(port, "/search/?q=Sakhalin", https)
                break
            except OSError:
                assert time.monotonic() < deadline, server.stderr.read1().decode()
                time.sleep(0.3)
        assert status == 200 and b"Japan" in body
        assert "max-age=" in headers["Strict-Transport-Security"]
        # Plain http is sent to https; the proxy's header is trusted from loopback only.
        status, headers, _body = get(port, "/")
        assert status == 301 and headers["Location"].startswith("https://")
        # Static files come with their content hash in the name, compressed, cached for good.
        status, _headers, page = get(port, "/", https)
        css = page.decode().split('href="/static/archive/css/')[1].split('"')[0]
        assert len(css.split(".")) == 3, css  # name.<hash>.css
        status, headers, _body = get(
            port, f"/static/archive/css/{css}", {**https, "Accept-Encoding": "gzip"}
        )
        assert status == 200 and "immutable" in headers["Cache-Control"]
        assert headers.get("Content-Encoding") == "gzip"
        # Several workers answer.
        workers = [p for p in os.listdir("/proc") if p.isdigit() and parent_of(p) == server.pid]
        assert len(workers) == 2
    finally:
        server.terminate()
        server.wait(30)


def parent_of(pid):
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return int(handle.read().rsplit(")", 1)[1].split()[1])
    except OSError:
        return None
