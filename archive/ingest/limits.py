"""How long one memo's text may be: one limit, in characters, for every way a text comes in.

A text file, a JSONL line, an upload in the admin, the admin's memo form and the OCR text of a
scan are all held to `settings.ARCHIVE_MAX_TEXT_CHARS`. The limit is about the text a reader
is served and the archive extracts, links and indexes; the limits on files (upload bytes,
image pixels, PDF pages) are separate and stay in archive/ingest/images.py and settings.

Files are refused by their size in bytes before they are read, where their size alone proves
the text too long, so a huge file is never held in memory; the text itself is then counted.
"""

from django.conf import settings

# UTF-8 takes at most 4 bytes a character (and a file may start with a 3-byte BOM); JSON may
# spell a character as a 12-byte surrogate pair escape, and a line holds metadata as well.
UTF8_MAX = 4
JSON_ESCAPE_MAX = 6
JSONL_METADATA_BYTES = 1024 * 1024


def max_text_chars():
    """The most characters one memo's text may hold (ARCHIVE_MAX_TEXT_CHARS)."""
    return settings.ARCHIVE_MAX_TEXT_CHARS


def max_text_file_bytes():
    """A text file larger than this cannot hold a text within the limit."""
    return max_text_chars() * UTF8_MAX + 3


def max_jsonl_line_bytes():
    """A JSONL line longer than this cannot hold a text within the limit."""
    return max_text_chars() * JSON_ESCAPE_MAX + JSONL_METADATA_BYTES


def text_too_long(length, what="the text"):
    """Why a text of `length` characters is refused, or "" when it is within the limit."""
    limit = max_text_chars()
    if length <= limit:
        return ""
    return (
        f"text too long for one memo: {what} has {length:,} characters; the limit is "
        f"{limit:,} (ARCHIVE_MAX_TEXT_CHARS)"
    )


def file_too_large(size, what="file"):
    """Why a file of `size` bytes is refused unread, or "" when it may hold a text in the limit."""
    limit = max_text_file_bytes() if what == "file" else max_jsonl_line_bytes()
    if size <= limit:
        return ""
    return (
        f"text too long for one memo: a {what} of {size:,} bytes cannot hold a text within "
        f"the limit of {max_text_chars():,} characters (ARCHIVE_MAX_TEXT_CHARS)"
    )
