"""Scans in: page images (PDF, PNG, JPEG, TIFF) read with Tesseract into one document.

Shared by the upload jobs (archive/ingest/jobs.py) and `manage.py ingest`. Each page is read once by
Tesseract, which gives its text and the confidence of each word; the page texts are joined
with a form feed ("\\f"), as in the corpus, and each page keeps the span of its text in the
memo's text, and the box of each word it read on the image (archive/pages/pagewords.py). The
document's OCR quality is the mean word confidence (0–1): below the review
threshold the memo is flagged so a curator checks the text against the images.
"""

import csv
import io
import logging
import shutil

from archive.identifiers import normalise_text
from archive.ingest.documents import IngestError, RawDocument
from archive.ingest.limits import text_too_long
from archive.pages import pagewords

log = logging.getLogger("archive.ingest")

PAGE_SEPARATOR = "\f"
DEFAULT_LANGUAGE = "eng"
# Seconds Tesseract may spend on one page before the page is given up as unreadable.
OCR_TIMEOUT = 600


def tesseract_available():
    """Whether the tesseract program is installed (Debian's tesseract-ocr package)."""
    import pytesseract

    return shutil.which(pytesseract.pytesseract.tesseract_cmd) is not None


def ocr(image, lang=DEFAULT_LANGUAGE):
    """(text, mean word confidence 0–1 or None, word count, words with their boxes) for one
    page image; each word is (start, end, x, y, w, h), its offsets in the text returned."""
    import pytesseract

    try:
        text, tsv = pytesseract.run_and_get_multiple_output(
            image, extensions=["txt", "tsv"], lang=lang, timeout=OCR_TIMEOUT
        )
    except pytesseract.TesseractNotFoundError:
        raise IngestError(
            "Tesseract is not installed: install Debian's tesseract-ocr package to read scans"
        ) from None
    except RuntimeError as error:  # pytesseract's timeout
        raise IngestError(f"OCR gave up on a page: {error}") from None
    except pytesseract.TesseractError as error:
        raise IngestError(f"OCR failed: {error.message or error}") from None
    confidences = word_confidences(tsv)
    quality = sum(confidences) / len(confidences) if confidences else None
    text = clean_page_text(text)
    return text, quality, len(confidences), pagewords.from_tsv(tsv, text)


def clean_page_text(text):
    """A page's OCR text as stored: normal line endings, no form feeds, no trailing space."""
    return normalise_text(text).replace(PAGE_SEPARATOR, "\n").rstrip()


def page_spans(texts):
    """(start, end) of each page's text in the texts joined by the page separator."""
    spans, position = [], 0
    for text in texts:
        spans.append((position, position + len(text)))
        position += len(text) + len(PAGE_SEPARATOR)
    return spans


def read_scan(paths, source_file=None, lang=DEFAULT_LANGUAGE, progress=None):
    """OCR every page of these files (in order) into one RawDocument carrying its pages.

    `progress(done, total)` is called after each page. Raises IngestError.
    """
    from archive.ingest.images import load_pages

    paths = list(paths)
    source = str(paths[0]) if len(paths) == 1 else f"{paths[0]} (+{len(paths) - 1} files)"
    pages = []
    for path in paths:
        for page in load_pages(path):
            # Pages of several files are numbered on from one file to the next.
            page.number = len(pages) + 1
            pages.append(page)
    if not pages:
        raise IngestError("no pages to read", source)
    texts, weighted, words, length = [], 0.0, 0, -len(PAGE_SEPARATOR)
    for done, page in enumerate(pages, start=1):
        try:
            text, quality, count, page.words = ocr(page.image, lang=lang)
        except IngestError as error:
            raise IngestError(f"page {page.number}: {error.reason}", source) from None
        texts.append(text)
        length += len(text) + len(PAGE_SEPARATOR)
        # Reading the remaining pages would not make the text any shorter: stop here.
        if reason := text_too_long(length, f"the OCR text of pages 1-{page.number}"):
            raise IngestError(reason, source)
        if quality is not None:
            weighted += quality * count
            words += count
        if progress:
            progress(done, len(pages))
    joined = PAGE_SEPARATOR.join(texts)
    if not joined.strip():
        raise IngestError("no text could be read from the pages (blank or not a document?)", source)
    metadata = {"page_count": len(pages)}
    if words:
        metadata["ocr_quality"] = round(weighted / words, 3)
    return RawDocument(
        text=joined,
        source=source,
        source_file=source_file or paths[0].name,
        metadata=metadata,
        pages=pages,
        page_texts=texts,
    )


def word_confidences(tsv):
    """Tesseract's confidence (0-1) of each word it read, from its TSV output."""
    confidences = []
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        word = (row.get("text") or "").strip()
        try:
            confidence = float(row.get("conf") or -1)
        except ValueError:
            continue
        if word and confidence >= 0:
            confidences.append(confidence / 100)
    return confidences
