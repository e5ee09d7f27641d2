"""Page images in: scans (PNG, TIFF, JPEG) and PDFs, checked before anything is stored.

A file is recognised by its bytes, not its name. Decompression bombs (huge pixel counts in a
small file), truncated or corrupt images, PDFs with too many pages and files that are not
images at all are refused with a reason; `store_pages` writes either every page or none.
"""

import hashlib
import io
import logging
from dataclasses import dataclass
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image, UnidentifiedImageError

from archive.ingest.sources import IngestError

log = logging.getLogger("archive.ingest")

# One page of a scan at 400 dpi is about 15 million pixels; far more is a bomb, not a page.
MAX_PIXELS = 60_000_000
MAX_PAGES = 500
MAX_FILE_BYTES = 200 * 1024 * 1024
PDF_DPI = 200
IMAGE_FORMATS = {"PNG", "JPEG", "TIFF", "MPO"}
SIGNATURES = [
    (b"%PDF-", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
]
SUFFIXES = {".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff"}

# Pillow's own guard raises only at twice its limit; ours is checked before decoding.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS


@dataclass
class PageImage:
    """One page read from a file, ready to OCR or store."""

    number: int
    image: Image.Image
    source_name: str


def sniff(head):
    """The kind of file these first bytes begin ("pdf", "png", "jpeg", "tiff"), or None."""
    for signature, kind in SIGNATURES:
        if head.startswith(signature):
            return kind
    return None


def _check_file(path):
    source = str(path)
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(16)
    except OSError as error:
        raise IngestError(f"unreadable: {error.strerror or error}", source) from None
    if size == 0:
        raise IngestError("empty file", source)
    if size > MAX_FILE_BYTES:
        raise IngestError(f"too large ({size:,} bytes; limit {MAX_FILE_BYTES:,})", source)
    kind = sniff(head)
    if kind is None:
        raise IngestError("not a PDF, PNG, JPEG or TIFF file (by its content)", source)
    return kind


def _check_pixels(width, height, source, what="image"):
    if width <= 0 or height <= 0:
        raise IngestError(f"{what} has no pixels", source)
    if width * height > MAX_PIXELS:
        raise IngestError(
            f"{what} of {width:,}×{height:,} pixels is refused as a possible decompression bomb "
            f"(limit {MAX_PIXELS:,} pixels)",
            source,
        )


def load_pages(path, max_pages=MAX_PAGES):
    """Every page of a PDF or image file as PageImage objects; raises IngestError."""
    path = Path(path)
    kind = _check_file(path)
    if kind == "pdf":
        return list(_pdf_pages(path, max_pages))
    return list(_image_pages(path, max_pages))


def _pdf_pages(path, max_pages):
    import pypdfium2

    source = str(path)
    try:
        document = pypdfium2.PdfDocument(str(path))
    except pypdfium2.PdfiumError as error:
        raise IngestError(f"not a readable PDF ({error})", source) from None
    try:
        count = len(document)
        if count == 0:
            raise IngestError("PDF has no pages", source)
        if count > max_pages:
            raise IngestError(f"PDF has {count:,} pages; the limit is {max_pages:,}", source)
        scale = PDF_DPI / 72
        for index in range(count):
            page = document[index]
            width, height = page.get_size()
            _check_pixels(int(width * scale), int(height * scale), source, f"page {index + 1}")
            try:
                bitmap = page.render(scale=scale, grayscale=True)
                image = bitmap.to_pil()
            except pypdfium2.PdfiumError as error:
                raise IngestError(
                    f"page {index + 1} cannot be rendered ({error})", source
                ) from None
            yield PageImage(number=index + 1, image=image.copy(), source_name=path.name)
    finally:
        document.close()


def _image_pages(path, max_pages):
    source = str(path)
    try:
        with Image.open(path) as image:
            if image.format not in IMAGE_FORMATS:
                raise IngestError(f"unsupported image format {image.format}", source)
            frames = getattr(image, "n_frames", 1)
            if frames > max_pages:
                raise IngestError(f"image has {frames:,} pages; the limit is {max_pages:,}", source)
            pages = []
            for index in range(frames):
                image.seek(index)
                _check_pixels(image.width, image.height, source, f"page {index + 1}")
                image.load()
                frame = image.convert("L" if image.mode in ("1", "L", "P", "LA") else "RGB")
                pages.append(PageImage(number=index + 1, image=frame, source_name=path.name))
            return pages
    except IngestError:
        raise
    except Image.DecompressionBombError:
        raise IngestError("refused as a possible decompression bomb", source) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as error:
        raise IngestError(f"truncated or corrupt image ({error})", source) from None


def png_bytes(image):
    """A page image encoded as PNG."""
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()


def store_pages(memo, pages, texts=None):
    """Replace a memo's page images with these, all or nothing; returns the Page objects.

    `texts` (optional) gives each page's OCR text, in order.
    """
    from archive.models import Page

    written = []
    try:
        with transaction.atomic():
            for old in memo.pages.all():
                transaction.on_commit(
                    lambda name=old.image.name, storage=old.image.storage: storage.delete(name)
                )
            memo.pages.all().delete()
            created = []
            for position, page in enumerate(pages):
                data = png_bytes(page.image)
                record = Page(
                    memo=memo,
                    number=page.number,
                    width=page.image.width,
                    height=page.image.height,
                    text=(texts[position] if texts else "") or "",
                    source_name=page.source_name[:300],
                    checksum=hashlib.sha256(data).hexdigest(),
                )
                record.image.save(f"{page.number:04d}.png", ContentFile(data), save=False)
                written.append(record.image)
                record.save()
                created.append(record)
            return created
    except BaseException:
        for field_file in written:
            try:
                field_file.storage.delete(field_file.name)
            except OSError:
                log.warning("Could not remove %s after a failed store", field_file.name)
        raise
