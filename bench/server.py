"""gunicorn with production settings on loopback, for the benchmarks that load it over HTTP."""

import http.client
import os
import secrets
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PYTHON = sys.executable


def start_server(data_dir, port, workers, access_log=True, wait=90):
    """gunicorn with production settings on 127.0.0.1:port; returns once it answers."""
    env = {
        **os.environ,
        "ARCHIVE_DATA_DIR": str(data_dir),
        "ARCHIVE_ENV": "production",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        # Plain http on loopback: the production HTTPS redirect would bounce every request.
        "SECURE_SSL_REDIRECT": "0",
        "WEB_CONCURRENCY": str(workers),
    }
    if not access_log:
        env["GUNICORN_ACCESS_LOG"] = "/dev/null"
    env.pop("DATABASE_URL", None)
    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=REPO, env=env, check=True
    )
    command = [
        str(Path(PYTHON).with_name("gunicorn")),
        "archive.wsgi",
        "--config",
        str(REPO / "archive" / "gunicorn.conf.py"),
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
    ]
    # The log goes to a file: a pipe nobody reads fills up and stalls every worker.
    log = open(Path(data_dir) / "gunicorn.log", "w")  # noqa: SIM115 (open while it runs)
    server = subprocess.Popen(command, cwd=REPO, env=env, stdout=log, stderr=log)
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/api/search?q=")
            if connection.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.3)
    server.kill()
    raise SystemExit(f"gunicorn did not answer within {wait} s")
