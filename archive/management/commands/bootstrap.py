"""Make the archive ready to serve: migrate, load the bundled fixtures (published), index.

Safe to run at every start: migrations and fixtures that are already in place are skipped, and
the search index is rebuilt only when it does not hold exactly the published memos.
"""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from archive.search import consistency

FIXTURES = settings.BASE_DIR / "fixtures" / "seed"


class Command(BaseCommand):
    """Migrate, load the bundled seed memo published, and index it."""

    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-fixtures", action="store_true", help="Do not load the bundled seed memo."
        )

    def handle(self, *args, no_fixtures, verbosity, **options):
        call_command("migrate", interactive=False, verbosity=max(0, verbosity - 1))
        if not no_fixtures:
            call_command(
                "ingest", str(FIXTURES), publish=True, no_progress=True, verbosity=verbosity
            )
        report = consistency.repair()
        self.stdout.write(f"Search index: {report}.")
