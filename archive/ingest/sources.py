"""Reading what a curator hands to `ingest`: files and folders, into raw documents or failures.

Nothing here touches the database. Every problem becomes an `IngestError` with the path (and
line) it came from and a reason a curator can act on.
"""

import json
import os
from pathlib import Path

from archive.ingest.documents import IngestError, RawDocument
from archive.ingest.limits import file_too_large, max_jsonl_line_bytes, text_too_long

TEXT_SUFFIXES = {".txt"}
JSONL_SUFFIXES = {".jsonl"}
# Scans and page images, read with OCR (archive/ingest/scans.py).
SCAN_SUFFIXES = {".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES | SCAN_SUFFIXES
# A JSONL file is read in pieces of this size while a line too long to hold is skipped.
SKIP_CHUNK = 1024 * 1024


def discover(paths):
    """Expand files and folders into (path, error) pairs, in a stable order.

    Unsupported files named explicitly are errors; inside folders they are skipped, as are
    hidden files.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    child = Path(root) / name
                    if not name.startswith(".") and child.suffix.lower() in SUPPORTED_SUFFIXES:
                        yield child, None
        elif not path.exists():
            yield path, IngestError("no such file or folder", str(path))
        elif path.suffix.lower() not in SUPPORTED_SUFFIXES:
            supported = ", ".join(sorted(SUPPORTED_SUFFIXES))
            yield path, IngestError(f"unsupported file type (supported: {supported})", str(path))
        else:
            yield path, None


def read(path):
    """Yield RawDocument or IngestError items for one supported file."""
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        try:
            yield read_text_file(path)
        except IngestError as error:
            yield error
    elif suffix in JSONL_SUFFIXES:
        yield from read_jsonl(path)
    elif suffix in SCAN_SUFFIXES:
        from archive.ingest.scans import read_scan

        try:
            yield read_scan([path])
        except IngestError as error:
            yield error if error.source else IngestError(error.reason, str(path))


def decode(data, source):
    """Bytes to text, strictly UTF-8 (a BOM is dropped), or an IngestError saying where."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise IngestError(
            f"not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start})", source
        ) from None
    return text


def read_text_file(path):
    """One raw OCR text file: one document."""
    source = str(path)
    try:
        if reason := file_too_large(path.stat().st_size):
            raise IngestError(reason, source)
        data = path.read_bytes()
    except OSError as error:
        raise IngestError(f"unreadable: {error.strerror or error}", source) from None
    text = decode(data, source)
    if not text.strip():
        raise IngestError("empty file: no text to ingest", source)
    check_length(text, source)
    return RawDocument(text=text, source=source, source_file=path.name)


def read_jsonl(path):
    """One described document per line; blank lines are skipped."""
    try:
        handle = path.open("rb")
    except OSError as error:
        yield IngestError(f"unreadable: {error.strerror or error}", str(path))
        return
    with handle:
        found = False
        for number, line in enumerate(_lines(handle), start=1):
            source = f"{path}:{number}"
            if isinstance(line, int):
                found = True
                yield IngestError(file_too_large(line, "line"), source)
                continue
            if not line.strip():
                continue
            found = True
            try:
                yield parse_jsonl_line(line, source, path.name)
            except IngestError as error:
                yield error
        if not found:
            yield IngestError("empty file: no JSON lines", str(path))


def _lines(handle):
    """Each line of a binary file, or, for a line too long to hold a text within the limit,
    its length in bytes (the line is skipped, never held in memory whole)."""
    limit = max_jsonl_line_bytes()
    while True:
        line = handle.readline(limit + 1)
        if not line:
            return
        if len(line) <= limit:
            yield line
            continue
        size = len(line)
        while not line.endswith(b"\n"):
            line = handle.readline(SKIP_CHUNK)
            if not line:
                break
            size += len(line)
        yield size


def check_length(text, source):
    """Raise IngestError when a text is longer than one memo may be."""
    if reason := text_too_long(len(text)):
        raise IngestError(reason, source)


def parse_jsonl_line(line, source, file_name):
    """Parse one JSON line into a RawDocument."""
    if reason := file_too_large(len(line), "line"):
        raise IngestError(reason, source)
    text_line = decode(line, source)
    try:
        record = json.loads(text_line)
    except json.JSONDecodeError as error:
        raise IngestError(f"malformed JSON: {error.msg} (column {error.colno})", source) from None
    except RecursionError:
        raise IngestError("malformed JSON: nested too deeply", source) from None
    if not isinstance(record, dict):
        raise IngestError("each line must be a JSON object", source)
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise IngestError('no text: every line needs a non-empty "text"', source)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise IngestError("text contains invalid Unicode (a lone surrogate)", source) from None
    check_length(text, source)
    return RawDocument(text=text, source=source, source_file=file_name, metadata=record)
