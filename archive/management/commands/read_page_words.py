"""Read the words of stored page images with Tesseract (each word's box) and find them in the
memo's text, so that search hits are drawn on the images and IIIF Content Search answers.

Uploads and attach_pages read the words as the pages come in; this reads the pages that lack
them (attached with --no-ocr, or stored before word boxes were kept). A memo's pages are read
and stored together; a memo whose image cannot be read or OCR'd is reported and left as it
was, and the command then exits non-zero. An interrupted run resumes where it stopped (the
memos done have their words). --memo: one memo's pages only; --all: read again pages that
have words.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from PIL import Image

from archive.ingest.documents import IngestError
from archive.ingest.images import CORRUPT_IMAGE_ERRORS
from archive.ingest.scans import ocr, tesseract_available
from archive.management.progress import Progress
from archive.models import Memo, Page
from archive.pages import pagewords


class Command(BaseCommand):
    """Read the words and their boxes on page images that lack them."""

    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("--memo", help="Only the pages of the memo with this slug.")
        parser.add_argument(
            "--all",
            action="store_true",
            dest="every",
            help="Read every page again, not only those without their words.",
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="Do not draw the progress bar."
        )

    def handle(self, *args, memo, every, no_progress, **options):
        if not tesseract_available():
            raise CommandError(
                "Tesseract is not installed (Debian's tesseract-ocr): no page was read."
            )
        pages = Page.objects.all()
        if memo:
            pages = pages.filter(memo__slug=memo)
            if not pages.exists():
                raise CommandError(f"No memo with the slug {memo!r} has pages.")
        if not every:
            pages = pages.filter(words=b"")
        memo_ids = sorted(set(pages.values_list("memo_id", flat=True)))
        total = Page.objects.filter(memo_id__in=memo_ids).count()
        progress = None if no_progress else Progress(self.stderr, total=total, label="pages")
        done = words = 0
        failed = []
        for memo_id in memo_ids:
            record = Memo.objects.only("pk", "slug", "text").get(pk=memo_id)
            stored = list(record.pages.order_by("number"))
            try:
                read = [self._read(page, progress) for page in stored]
            except (FileNotFoundError, IngestError, *CORRUPT_IMAGE_ERRORS) as error:
                failed.append(record.slug)
                self.stderr.write(self.style.WARNING(f"{record.slug}: not read ({error})"))
                continue
            with transaction.atomic():
                words += pagewords.place(record.text, stored, read)
            done += 1
        if progress:
            progress.finish()
        self.stdout.write(
            f"Read {done} memo(s): {words:,} word(s) placed in their texts"
            + (f"; {len(failed)} memo(s) could not be read." if failed else ".")
        )
        if failed:
            raise CommandError(f"{len(failed)} memo(s) could not be read: {', '.join(failed)}")

    def _read(self, page, progress):
        """(OCR text, words with their boxes) of one stored page image."""
        with page.image.open("rb") as handle, Image.open(handle) as image:
            image.load()
            text, _quality, _count, words = ocr(image, lang=settings.ARCHIVE_OCR_LANGUAGE)
        if progress:
            progress.advance()
        return text, words
