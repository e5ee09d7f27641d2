"""WSGI entry point (gunicorn archive.wsgi).

A worker refuses to start, saying why, when production settings lack the collected static
files: otherwise it would answer every page with a 500.
"""

import os

from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

from archive.checks import static_files_problem

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")
application = get_wsgi_application()
if problem := static_files_problem():
    raise ImproperlyConfigured(problem)
