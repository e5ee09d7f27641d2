"""Find the redaction boxes on stored page images (blacked-out and whited-out rectangles).

Pages stored since the boxes are measured at ingest have them already; this measures the
others (pages stored before, or whose image could not be measured then). With --all every page
is measured again (after the detector changes); with --memo only that memo's pages. A page
whose image cannot be read is reported and left as it was; the command then exits non-zero.
"""

from django.core.management.base import BaseCommand, CommandError
from PIL import Image

from archive.ingest.images import CORRUPT_IMAGE_ERRORS
from archive.management.progress import Progress
from archive.models import Page
from archive.redaction.box_finder import measure


class Command(BaseCommand):
    """Measure redaction boxes on page images not yet measured (or all of them)."""

    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument(
            "--all",
            action="store_true",
            dest="every",
            help="Measure every page again, not only those not yet measured.",
        )
        parser.add_argument("--memo", help="Only the pages of the memo with this slug.")
        parser.add_argument(
            "--no-progress", action="store_true", help="Do not draw the progress bar."
        )

    def handle(self, *args, every, memo, no_progress, **options):
        pages = Page.objects.order_by("memo_id", "number")
        if memo:
            pages = pages.filter(memo__slug=memo)
            if not pages.exists():
                raise CommandError(f"No memo with the slug {memo!r} has pages.")
        if not every:
            pages = pages.filter(redaction_boxes__isnull=True)
        total = pages.count()
        progress = None if no_progress else Progress(self.stderr, total=total, label="pages")
        measured = boxes = 0
        failed = []
        for page in pages.only("pk", "image", "number", "memo_id").iterator(chunk_size=100):
            try:
                with page.image.open("rb") as handle, Image.open(handle) as image:
                    image.load()
                    found, ink = measure(image)
            except (FileNotFoundError, *CORRUPT_IMAGE_ERRORS) as error:
                failed.append(page)
                self.stderr.write(self.style.WARNING(f"Page {page.pk} not measured: {error}"))
            else:
                Page.objects.filter(pk=page.pk).update(redaction_boxes=found, ink_area=ink)
                measured += 1
                boxes += len(found)
            if progress:
                progress.advance()
        if progress:
            progress.finish()
        self.stdout.write(
            f"Measured {measured} page(s): {boxes} redaction box(es) found"
            + (f"; {len(failed)} page(s) could not be read." if failed else ".")
        )
        if failed:
            raise CommandError(f"{len(failed)} page image(s) could not be measured.")
