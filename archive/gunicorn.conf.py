"""Gunicorn settings for the archive in production.

    ARCHIVE_ENV=production ALLOWED_HOSTS=archive.example.org \
        .venv/bin/gunicorn -c archive/gunicorn.conf.py archive.wsgi

Every value can be changed from the environment (GUNICORN_BIND, WEB_CONCURRENCY,
GUNICORN_THREADS, GUNICORN_TIMEOUT, FORWARDED_ALLOW_IPS). Each worker process opens the search
index once (reading its columns in a background thread as it starts) and keeps a searcher per
thread; index updates are applied by a background thread
of whichever worker made the change (ARCHIVE_INDEX_MODE=thread), so no request waits on them.
"""

import logging
import os
import threading

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Searching is CPU work in Python: about one worker per core, plus one to cover a worker that
# is waiting on the database or the disk.
workers = int(os.environ.get("WEB_CONCURRENCY", (os.cpu_count() or 1) + 1))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# Each worker loads the app itself (no preload): the index, database connections and the
# index thread belong to one process and are never shared across a fork.
preload_app = False
# Recycle workers now and then, so caches grown by unusual queries are given back.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
# Gunicorn's heartbeat files: in memory, so a slow disk never makes a worker look dead.
SHM = "/dev/shm"  # noqa: S108 (gunicorn's own advice; it writes only its heartbeat there)
worker_tmp_dir = SHM if os.path.isdir(SHM) else None
# The TLS proxy in front sets X-Forwarded-For/-Proto; trust it only from these addresses.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")


def post_worker_init(worker):
    """Read the search index's columns in the background as a worker starts (a second or so
    at 100,000 memos), so the first search it serves does not pay for them."""
    threading.Thread(target=_warm, name="warm-search", daemon=True).start()


def _warm():
    from django.db import connections

    from archive.search import engines

    try:
        engines.warm()
    except Exception:  # a missing or unreachable index: the first search will say so
        logging.getLogger("archive.search").exception("Warming the search index failed")
    finally:
        connections.close_all()
