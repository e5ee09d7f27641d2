"""Normal forms of document numbers and slugs, shared by ingest, URLs and search."""

import hashlib
import re
import unicodedata

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def doc_key(value):
    """Normal form of a document number: "EA M 84-10245", "ea-m-84-10245" -> "ea-m-84-10245"."""
    if not value:
        return ""
    text = unicodedata.normalize("NFKD", str(value)).encode("ascii", "ignore").decode("ascii")
    return _NON_ALNUM.sub("-", text.lower()).strip("-")[:190]


def text_checksum(text):
    """SHA-256 of a document's text, the identity of a document that has no number."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# Every byte but a-z and 0-9, deleted by bytes.translate (15 times faster than a regex).
_NOT_LETTERS_DIGITS = bytes(b for b in range(256) if not (48 <= b <= 57 or 97 <= b <= 122))


def text_key(text):
    """SHA-256 of a text's letters and digits alone, lower case: one text in any OCR spacing,
    line breaks or punctuation has one key (near-identical copies of a document)."""
    flat = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").lower()
    return hashlib.sha256(flat.translate(None, _NOT_LETTERS_DIGITS)).hexdigest()


def normalise_text(text):
    """Line endings to \\n, no NUL bytes: the form in which a text is stored and indexed."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")


def release_key(value):
    """The key of a release date (a date or an ISO string): "1998-06-01", or "" when unknown."""
    if not value:
        return ""
    return value if isinstance(value, str) else value.isoformat()
