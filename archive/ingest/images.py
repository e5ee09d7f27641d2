"""Page images in: scans (PNG, TIFF, JPEG) and PDFs, checked before anything is stored.

A file is recognised by its bytes, not its name. Decompression bombs (huge pixel counts in a
small file), truncated or corrupt images, PDFs with too many pages and files that are not
images at all are refused with a reason; `store_pages` writes either every page or none.
Each page is held PNG-encoded until it is used, so a long PDF does not sit in memory as raw
bitmaps.
"""

import hashlib
import io
import logging
import re
import struct
import unicodedata
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image, ImageOps, UnidentifiedImageError

from archive.ingest.documents import IngestError
from archive.ingest.limits import text_too_long
from archive.redaction.box_finder import measure

log = logging.getLogger("archive.ingest")

# One page of a scan at 400 dpi is about 15 million pixels; far more is a bomb, not a page.
MAX_PIXELS = 60_000_000
# All pages of one file together: 500 letter pages at 200 dpi are about 1.9 billion pixels.
MAX_TOTAL_PIXELS = 2_500_000_000
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
# Low compression: stored pages are written once and read rarely; speed matters more.
PNG_COMPRESS_LEVEL = 3

# What Pillow raises on a damaged file (a truncated TIFF loses its dimensions: TypeError).
CORRUPT_IMAGE_ERRORS = (
    UnidentifiedImageError,
    OSError,
    SyntaxError,
    ValueError,
    EOFError,
    TypeError,
    KeyError,
    IndexError,
    struct.error,
)


def limit_pillow():
    """Make Pillow refuse any image over MAX_PIXELS, in every module that opens page images."""
    # Pillow's own guard raises only at twice its limit; ours is checked before decoding.
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS


limit_pillow()


class PageImage:
    """One page read from a file, ready to OCR or store; kept PNG-encoded until it is used."""

    def __init__(self, number, image=None, source_name="", *, png=None):
        if (image is None) == (png is None):
            raise ValueError("PageImage needs an image or PNG bytes, not both")
        self.number = number
        self.source_name = source_name
        # The words OCR read on it with their boxes, offsets in its own text (pages/pagewords.py).
        self.words = []
        self._image = image
        self._png = png
        if image is not None:
            self.width, self.height = image.size
        else:
            with Image.open(io.BytesIO(png)) as decoded:
                self.width, self.height = decoded.size

    def __repr__(self):
        return f"<PageImage {self.number} {self.width}×{self.height} from {self.source_name!r}>"

    @property
    def image(self):
        """The page as a Pillow image (decoded afresh each time when held as PNG)."""
        if self._image is not None:
            return self._image
        decoded = Image.open(io.BytesIO(self._png))
        decoded.load()
        return decoded

    def png(self):
        """The page encoded as PNG."""
        return self._png if self._png is not None else png_bytes(self._image)


def sniff(head):
    """The kind of file these first bytes begin ("pdf", "png", "jpeg", "tiff"), or None."""
    for signature, kind in SIGNATURES:
        if head.startswith(signature):
            return kind
    return None


def safe_source_name(name):
    """A file name fit to keep as provenance: no folders, no control characters, ≤ 300 chars."""
    name = re.split(r"[/\\]", str(name or ""))[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip()
    if name in ("", ".", ".."):
        return "unnamed"
    return name[:300]


def _check_file(path):
    source = str(path)
    try:
        if path.is_dir():
            raise IngestError("is a folder, not a file", source)
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


def check_pixels(width, height, source, what="image"):
    if width <= 0 or height <= 0:
        raise IngestError(f"{what} has no pixels", source)
    if width * height > MAX_PIXELS:
        raise IngestError(
            f"{what} of {width:,}×{height:,} pixels is refused as a possible decompression bomb "
            f"(limit {MAX_PIXELS:,} pixels)",
            source,
        )


def check_total(sizes, source):
    total = sum(width * height for width, height in sizes)
    if total > MAX_TOTAL_PIXELS:
        raise IngestError(
            f"{len(sizes):,} pages of {total:,} pixels in all are refused "
            f"(limit {MAX_TOTAL_PIXELS:,} pixels per file)",
            source,
        )


def load_pages(path, max_pages=MAX_PAGES):
    """Every page of a PDF or image file as PageImage objects; raises IngestError."""
    path = Path(path)
    kind = _check_file(path)
    if kind == "pdf":
        return _pdf_pages(path, max_pages)
    return _image_pages(path, max_pages)


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
        # Every page's size is checked before any is rendered: a bomb costs nothing.
        sizes = []
        for index in range(count):
            try:
                width, height = document.get_page_size(index)
            except pypdfium2.PdfiumError as error:
                raise IngestError(f"page {index + 1} cannot be read ({error})", source) from None
            size = (round(width * scale), round(height * scale))
            check_pixels(*size, source, f"page {index + 1}")
            sizes.append(size)
        check_total(sizes, source)
        pages = []
        for index in range(count):
            page = document[index]
            try:
                bitmap = page.render(scale=scale, grayscale=True)
                image = bitmap.to_pil()
            except (pypdfium2.PdfiumError, ValueError, OSError) as error:
                raise IngestError(
                    f"page {index + 1} cannot be rendered ({error})", source
                ) from None
            finally:
                page.close()
            pages.append(PageImage(number=index + 1, png=png_bytes(image), source_name=path.name))
        return pages
    finally:
        document.close()


def _image_pages(path, max_pages):
    source = str(path)
    try:
        with Image.open(path) as image:
            if image.format not in IMAGE_FORMATS:
                raise IngestError(f"unsupported image format {image.format}", source)
            # Only TIFF holds pages; the extra frames of an MPO or APNG are not pages.
            frames = getattr(image, "n_frames", 1) if image.format == "TIFF" else 1
            if frames > max_pages:
                raise IngestError(f"image has {frames:,} pages; the limit is {max_pages:,}", source)
            sizes = []
            for index in range(frames):
                image.seek(index)
                check_pixels(image.width, image.height, source, f"page {index + 1}")
                sizes.append(image.size)
            check_total(sizes, source)
            pages = []
            for index in range(frames):
                image.seek(index)
                image.load()
                page = normalise(image)
                pages.append(
                    PageImage(number=index + 1, png=png_bytes(page), source_name=path.name)
                )
            return pages
    except IngestError:
        raise
    except Image.DecompressionBombError:
        raise IngestError("refused as a possible decompression bomb", source) from None
    except CORRUPT_IMAGE_ERRORS as error:
        raise IngestError(f"truncated or corrupt image ({error})", source) from None
    except Exception as error:  # Pillow's plugins raise many other kinds on bad data
        log.warning("Unexpected error reading %s", source, exc_info=True)
        raise IngestError(
            f"truncated or corrupt image ({error or type(error).__name__})", source
        ) from None


def normalise(image):
    """A page as stored: upright (EXIF orientation), greyscale "L" or colour "RGB", no alpha."""
    # Phones and some scanners store pages sideways with an orientation tag; turn them upright.
    image = ImageOps.exif_transpose(image) or image
    mode = image.mode
    if mode in ("I", "I;16", "I;16B", "I;16L", "I;16N", "F"):
        # Deep greyscale: scale to 8 bits (a plain convert would clip everything to white).
        deep = image if mode == "F" else image.convert("I")
        top = deep.getextrema()[1] or 1
        factor = 1 / 257 if mode != "F" and top <= 65535 else 255 / top
        return deep.point(lambda value: value * factor + 0.5).convert("L")
    if mode in ("RGBA", "LA", "PA") or (mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        flat = Image.alpha_composite(white, rgba).convert("RGB")
        return flat.convert("L") if mode == "LA" else flat
    if mode in ("1", "L"):
        return image.convert("L")
    if mode == "P":
        rgb = image.convert("RGB")
        return rgb.convert("L") if _is_grey(rgb) else rgb
    return image.convert("RGB")


def _is_grey(rgb):
    red, green, blue = (band.tobytes() for band in rgb.split())
    return red == green == blue


def png_bytes(image):
    """A page image encoded as PNG."""
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=PNG_COMPRESS_LEVEL)
    return buffer.getvalue()


def _check_batch(pages, texts):
    if not pages:
        raise IngestError("no pages to store")
    numbers = [page.number for page in pages]
    if any(not isinstance(n, int) or isinstance(n, bool) or n < 1 for n in numbers):
        raise IngestError("page numbers must be whole numbers from 1")
    if len(set(numbers)) != len(numbers):
        raise IngestError("the same page number is given twice")
    if texts is not None and len(texts) != len(pages):
        raise IngestError(f"{len(texts)} page texts given for {len(pages)} pages")
    length = sum(len(text or "") + 1 for text in texts or []) - 1
    if reason := text_too_long(length, "the pages' OCR text"):
        raise IngestError(reason)


def measured(page):
    """(redaction boxes, written area) of a page, or (None, None) when it cannot be measured:
    a page is stored all the same, and `manage.py find_redaction_boxes` can try again."""
    try:
        return measure(page.image)
    except Exception:  # a measure that fails must not lose the page
        log.warning("Could not measure redaction boxes on page %s", page.number, exc_info=True)
        return None, None


def store_pages(memo, pages, texts=None):
    """Replace a memo's page images with these, all or nothing; returns the Page objects.

    `texts` (optional) gives each page's OCR text, in order. Storage and database are left as
    they were if anything fails.
    """
    from archive.models import Page

    pages = list(pages)
    texts = list(texts) if texts is not None else None
    _check_batch(pages, texts)
    written = []
    try:
        with transaction.atomic():
            # Each deleted Page takes its files with it after the commit (archive/pages/files.py).
            memo.pages.all().delete()
            created = []
            for position, page in enumerate(pages):
                data = page.png()
                boxes, ink = measured(page)
                record = Page(
                    memo=memo,
                    number=page.number,
                    width=page.width,
                    height=page.height,
                    text=(texts[position] if texts else "") or "",
                    source_name=safe_source_name(page.source_name),
                    checksum=hashlib.sha256(data).hexdigest(),
                    redaction_boxes=boxes,
                    ink_area=ink,
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
