"""Checks of an uploaded file before it is queued: its type by content, size, pages, pixels.

The same limits as a file given to `ingest` (ingest/images.py, ingest/limits.py), said in
the words of the upload form; a file that fails never reaches the job queue (ingest/jobs.py).
"""

from django.conf import settings

from archive.ingest import images
from archive.ingest.documents import IngestError
from archive.ingest.images import MAX_PAGES, MAX_PIXELS, sniff
from archive.ingest.limits import file_too_large, text_too_long

SCAN_KINDS = {"pdf", "png", "jpeg", "tiff"}


class UploadError(Exception):
    """An uploaded file that cannot become a memo, and why (shown on the upload form)."""


def check_upload(upload):
    """The kind of an uploaded file ("text", "pdf", "png", "jpeg", "tiff"); raises UploadError."""
    name = upload.name or "file"
    if not upload.size:
        raise UploadError(f"{name}: the file is empty.")
    limit = settings.ARCHIVE_MAX_UPLOAD_BYTES
    if upload.size > limit:
        raise UploadError(f"{name}: {upload.size:,} bytes is more than the limit of {limit:,}.")
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    kind = sniff(head)
    if kind is None:
        return _check_text(upload, name)
    if kind == "pdf":
        _check_pdf(upload, name)
    else:
        _check_image(upload, name)
    return kind


def _check_text(upload, name):
    if not name.lower().endswith(".txt"):
        raise UploadError(
            f"{name}: not a PDF, PNG, JPEG or TIFF file (judged by its content), nor a .txt file."
        )
    if reason := file_too_large(upload.size):
        raise UploadError(f"{name}: {reason}.")
    data = upload.read()
    upload.seek(0)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UploadError(
            f"{name}: not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start})."
        ) from None
    if not text.strip():
        raise UploadError(f"{name}: the file holds no text.")
    if reason := text_too_long(len(text)):
        raise UploadError(f"{name}: {reason}.")
    return "text"


def _check_pdf(upload, name):
    import pypdfium2

    # A large upload is already a temporary file: pdfium reads it there, not from memory.
    path = getattr(upload, "temporary_file_path", None)
    try:
        document = pypdfium2.PdfDocument(path() if path else upload.read())
    except pypdfium2.PdfiumError as error:
        raise UploadError(f"{name}: not a readable PDF ({error}).") from None
    finally:
        upload.seek(0)
    try:
        count = len(document)
    finally:
        document.close()
    if count == 0:
        raise UploadError(f"{name}: the PDF has no pages.")
    if count > MAX_PAGES:
        raise UploadError(f"{name}: the PDF has {count:,} pages; the limit is {MAX_PAGES:,}.")
    # Each page's size at the rendering resolution, as ingest checks it (nothing is rendered):
    # a poster-sized page is refused now, not after the upload was queued.
    document = pypdfium2.PdfDocument(path() if path else upload.read())
    try:
        scale = images.PDF_DPI / 72
        sizes = []
        for index in range(count):
            width, height = document.get_page_size(index)
            sizes.append((round(width * scale), round(height * scale)))
            images.check_pixels(*sizes[-1], name, f"page {index + 1}")
        images.check_total(sizes, name)
    except pypdfium2.PdfiumError as error:
        raise UploadError(f"{name}: not a readable PDF ({error}).") from None
    except IngestError as error:
        raise UploadError(f"{name}: {error.reason}.") from None
    finally:
        document.close()
        upload.seek(0)


def _check_image(upload, name):
    from PIL import Image

    try:
        with Image.open(upload) as image:  # reads the header only, decodes nothing
            width, height = image.size
            frames = getattr(image, "n_frames", 1)
    except Image.DecompressionBombError:
        raise UploadError(f"{name}: refused as a possible decompression bomb.") from None
    except Exception as error:  # Pillow's plugins raise many kinds on bad data (TypeError...)
        raise UploadError(
            f"{name}: not a readable image ({error or type(error).__name__})."
        ) from None
    finally:
        upload.seek(0)
    if width * height > MAX_PIXELS:
        raise UploadError(
            f"{name}: {width:,}×{height:,} pixels is refused as a possible decompression bomb."
        )
    if frames > MAX_PAGES:
        raise UploadError(f"{name}: {frames:,} pages; the limit is {MAX_PAGES:,}.")
    # Decode the first and the last page now (each within the pixel limit checked above, so
    # the request stays bounded), so a truncated or corrupt file is refused with its reason
    # instead of failing later as a queued job; the job reads every page anyway.
    try:
        with Image.open(upload) as image:
            last = frames - 1 if image.format == "TIFF" else 0
            for index in sorted({0, last}):
                image.seek(index)
                _check_image_size(image, name, index)
                image.load()
    except UploadError:
        raise
    except Image.DecompressionBombError:
        raise UploadError(f"{name}: refused as a possible decompression bomb.") from None
    except Exception as error:  # Pillow's plugins raise many kinds on bad data
        raise UploadError(
            f"{name}: truncated or corrupt image ({error or type(error).__name__})."
        ) from None
    finally:
        upload.seek(0)


def _check_image_size(image, name, index):
    if image.width * image.height > MAX_PIXELS or not image.width or not image.height:
        raise UploadError(
            f"{name}: page {index + 1} of {image.width:,}×{image.height:,} pixels is refused "
            "as a possible decompression bomb."
        )
