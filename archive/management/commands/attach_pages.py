"""Attach page images (PDF, PNG, TIFF, JPEG) to an existing memo, in the order given.

Every file is read and checked first (decompression bombs, truncated or corrupt files, files
that are not images, too many pages are refused, with the reason); the pages are then stored
all together or not at all, numbered 1, 2, 3... across the files. A memo that already has
pages keeps them unless --replace is given. Each page is read with Tesseract (unless --no-ocr)
and its words are found in the memo's text, so that a search hit is drawn on the image; the
memo's text itself is not changed. Thumbnails and zoom sizes are made at the end so
the first readers do not wait for them.
"""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from archive.identifiers import doc_key
from archive.ingest.documents import IngestError
from archive.ingest.images import MAX_PAGES, load_pages, store_pages
from archive.ingest.scans import ocr, tesseract_available
from archive.management.progress import Progress
from archive.models import Memo
from archive.pages import derivatives, pagewords


def find_memo(ident):
    """The memo (in any status) with this slug or document number, or None."""
    memo = Memo.objects.filter(slug=ident).first()
    if memo is None and doc_key(ident):
        key = doc_key(ident)
        memo = Memo.objects.filter(slug=key).first()
        releases = list(Memo.objects.filter(doc_key=key)[:2])
        if memo is None and len(releases) > 1:
            raise CommandError(
                f"{ident!r} has several releases: name the memo by its slug "
                f"({', '.join(Memo.objects.filter(doc_key=key).values_list('slug', flat=True))})"
            )
        memo = memo or (releases[0] if releases else None)
    return memo


class Command(BaseCommand):
    """Attach page images to an existing memo."""

    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("memo", help="Slug or document number of the memo.")
        parser.add_argument(
            "files", nargs="+", help="Page image files (.pdf, .png, .tif, .jpg), in page order."
        )
        parser.add_argument(
            "--replace", action="store_true", help="Replace the pages the memo already has."
        )
        parser.add_argument(
            "--no-derivatives",
            action="store_true",
            help="Do not make thumbnails and zoom sizes now (they are made on first view).",
        )
        parser.add_argument(
            "--no-ocr",
            action="store_true",
            help="Do not read the pages' words (no search hits are drawn on these images).",
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="Do not draw the progress bar."
        )

    def handle(self, *args, memo, files, replace, no_derivatives, no_ocr, no_progress, **options):
        record = find_memo(memo)
        if record is None:
            raise CommandError(f"No memo has the slug or document number {memo!r}.")
        existing = record.pages.count()
        if existing and not replace:
            raise CommandError(
                f"{record.slug} already has {existing} page(s); "
                "give --replace to replace them. Nothing was changed."
            )
        pages, failures = self._read(files)
        if failures:
            for failure in failures:
                self.stderr.write(self.style.ERROR(f"FAILED {failure}"))
            raise CommandError(
                f"{len(failures)} of {len(files)} file(s) could not be read; nothing was stored."
            )
        if len(pages) > MAX_PAGES:
            raise CommandError(
                f"{len(pages):,} pages in all; the limit is {MAX_PAGES:,}. Nothing was stored."
            )
        texts = None
        if not no_ocr:
            texts = self._ocr(pages, no_progress)
        try:
            stored = store_pages(record, pages, texts)
        except IngestError as error:
            raise CommandError(f"{error}; nothing was stored.") from None
        placed = 0
        if texts is not None:
            read = [(text, page.words) for text, page in zip(texts, pages, strict=True)]
            placed = pagewords.place(record.text, stored, read)
        made, seconds = 0, 0.0
        if not no_derivatives:
            made, seconds = self._derivatives(stored, no_progress)
        self.stdout.write(
            f"Attached {len(stored)} page(s) from {len(files)} file(s) to {record.slug} "
            f"({record.get_status_display().lower()}); {placed:,} word(s) placed in its text;"
            f" {made} derivative image(s) made in {seconds:.1f} s."
        )

    def _read(self, files):
        pages, failures = [], []
        for name in files:
            try:
                loaded = load_pages(name)
            except IngestError as error:
                failures.append(error)
                continue
            for page in loaded:
                # Numbered across files: the second file's first page follows the first's last.
                page.number = len(pages) + 1
                pages.append(page)
            if len(pages) > MAX_PAGES:
                break  # refused below; reading on would only hold more pages in memory
        return pages, failures

    def _ocr(self, pages, no_progress):
        """Each page's OCR text (its words and boxes kept on the page), or None without OCR."""
        if not tesseract_available():
            self.stderr.write(
                self.style.WARNING("Tesseract is not installed: the pages' words are not read.")
            )
            return None
        progress = None if no_progress else Progress(self.stderr, total=len(pages), label="OCR")
        texts = []
        for page in pages:
            try:
                text, _quality, _count, page.words = ocr(
                    page.image, lang=settings.ARCHIVE_OCR_LANGUAGE
                )
            except IngestError as error:
                raise CommandError(
                    f"page {page.number}: {error.reason}; nothing was stored."
                ) from None
            texts.append(text)
            if progress:
                progress.advance()
        if progress:
            progress.finish()
        return texts

    def _derivatives(self, stored, no_progress):
        started = time.monotonic()
        progress = None if no_progress else Progress(self.stderr, total=len(stored), label="pages")
        made = 0
        for page in stored:
            try:
                made += derivatives.ensure_all(page)
            except derivatives.DerivativeError as error:
                self.stderr.write(self.style.WARNING(f"No derivatives for page {page}: {error}"))
            if progress:
                progress.advance()
        if progress:
            progress.finish()
        return made, time.monotonic() - started
