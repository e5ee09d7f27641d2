"""Thumbnails and zoom sizes of page images, made once with Pillow and cached on disk.

A page's derivatives are JPEGs at a fixed ladder of sizes (the full page, then halved until
the long side is under MIN_EDGE), the sizes its IIIF Image API level 0 service advertises.
They live under settings.ARCHIVE_DERIVATIVES_DIR, keyed by the page image's checksum, so a
replaced image never serves its old derivatives. Each file is written to a temporary name and
renamed, so a reader sees a whole file or none. Nothing here checks who may see a page: the
views do, on every request, before a cached file is opened.
"""

import hashlib
import logging
import math
import os
import shutil
import tempfile
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from PIL import Image

from archive.ingest.images import limit_pillow

log = logging.getLogger("archive.derivatives")

# Derivatives open the same scans intake does, under the same pixel limit.
limit_pillow()

# The largest derivative's long side: bigger scans are offered at half, quarter... size only.
MAX_EDGE = 3000
# No size is offered whose long side is under this, unless the page itself is that small.
MIN_EDGE = 150
# The thumbnail is the smallest size whose long side reaches this.
THUMBNAIL_EDGE = 200
JPEG_QUALITY = 85


class DerivativeError(Exception):
    """A page image that cannot be read to make a derivative."""


@dataclass(frozen=True, order=True)
class Size:
    """One advertised size of a page image."""

    width: int
    height: int

    @property
    def label(self):
        return f"{self.width},{self.height}"

    def as_dict(self):
        return {"width": self.width, "height": self.height}


def sizes_for(width, height):
    """The sizes offered for a page of width × height pixels, smallest first."""
    if width <= 0 or height <= 0:
        return []
    sizes = []
    factor = 1
    while True:
        size = Size(math.ceil(width / factor), math.ceil(height / factor))
        edge = max(size.width, size.height)
        if edge < MIN_EDGE and sizes:
            break
        if edge <= MAX_EDGE:
            sizes.append(size)
        if sizes and (edge < MIN_EDGE or min(size.width, size.height) == 1):
            break
        factor *= 2
    return sorted(sizes)


def page_sizes(page):
    """The sizes offered for a Page."""
    return sizes_for(page.width, page.height)


def largest(page):
    """The largest size offered for a Page (what `max` means), or None."""
    sizes = page_sizes(page)
    return sizes[-1] if sizes else None


def thumbnail(page):
    """The thumbnail size of a Page, or None."""
    sizes = page_sizes(page)
    for size in sizes:
        if max(size.width, size.height) >= THUMBNAIL_EDGE:
            return size
    return sizes[-1] if sizes else None


def fitting(page, width):
    """The smallest size at least `width` pixels wide (else the largest), for a display."""
    sizes = page_sizes(page)
    for size in sizes:
        if size.width >= width:
            return size
    return sizes[-1] if sizes else None


def root():
    """Folder of all derivatives."""
    return Path(settings.ARCHIVE_DERIVATIVES_DIR)


def cache_key(page):
    """What a page's derivatives are filed under: its image checksum (or its file's name)."""
    if page.checksum:
        return page.checksum
    # A page stored without a checksum (by hand): its file name changes with every upload.
    return "p-" + hashlib.sha256(f"{page.pk}:{page.image.name}".encode()).hexdigest()


def folder(page):
    key = cache_key(page)
    return root() / key[:2] / key


def path_for(page, size):
    """Where the derivative of `page` at `size` is (or will be) cached."""
    return folder(page) / f"{size.width}x{size.height}.jpg"


def get(page, size):
    """Path of the cached derivative of `page` at an offered `size`, made now if missing."""
    if size not in page_sizes(page):
        raise ValueError(f"{size} is not an offered size of {page}")
    target = path_for(page, size)
    if not target.exists():
        with _open_source(page) as source:
            _write(_scaled(source, size), target)
    return target


def ensure_all(page):
    """Make every missing derivative of a page from one read of its image; returns the count."""
    missing = [size for size in page_sizes(page) if not path_for(page, size).exists()]
    if missing:
        with _open_source(page) as source:
            for size in missing:
                _write(_scaled(source, size), path_for(page, size))
    return len(missing)


def discard(pages):
    """Remove the cached derivatives of these (deleted or replaced) pages, unless still in use."""
    from archive.models import Page

    keys = {cache_key(page) for page in pages}
    in_use = set(Page.objects.filter(checksum__in=keys).values_list("checksum", flat=True))
    for key in keys - in_use:
        shutil.rmtree(root() / key[:2] / key, ignore_errors=True)


@contextmanager
def _open_source(page):
    """The stored page image, decoded; DerivativeError if it cannot be read."""
    try:
        # A fresh handle from the storage: a FieldFile's own handle is shared and reused.
        with page.image.storage.open(page.image.name, "rb") as handle:
            image = Image.open(handle)
            image.load()
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as error:
        raise DerivativeError(f"{page.image.name}: {error}") from error
    if image.mode not in ("L", "RGB"):
        image = image.convert("RGB")
    try:
        yield image
    finally:
        image.close()


def _scaled(image, size):
    if image.size == (size.width, size.height):
        return image
    return image.resize((size.width, size.height), Image.Resampling.LANCZOS, reducing_gap=3.0)


def _write(image, target):
    """Save a JPEG atomically: a temporary file in the same folder, then a rename."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed below, renamed on success
        dir=target.parent, prefix=".tmp-", suffix=".jpg", delete=False
    )
    try:
        with handle:
            image.save(handle, format="JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(handle.name, 0o644)
        os.replace(handle.name, target)
    except BaseException:
        with suppress(OSError):
            os.unlink(handle.name)
        raise
