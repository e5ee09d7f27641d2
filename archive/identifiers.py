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


# Kinds of document number, told by the shape of their normal form (doc_key). Two numbers of
# one kind that differ name two documents; numbers of different kinds never contradict each
# other (a State telegram released under FOIA keeps its telegram number beside its C-number).
NUMBER_KINDS = (
    ("NARA record number", re.compile(r"\d{3}-\d{5}-\d{5}")),
    ("CREST id", re.compile(r"cia-rdp[0-9a-z-]+")),
    ("C-number", re.compile(r"c\d{7,10}")),
    (
        "DI publication number",
        re.compile(
            r"(?:ea|sov|gi|ala|nesa|eura?|sw|ia|cpas|er)(?:-[a-z]{1,6})?-\d{2}-\d{2,5}[a-z]{0,2}"
        ),
    ),
    ("NIC number", re.compile(r"(?:nic|nfac|s?nie)-[0-9a-z-]+")),
    ("telegram number", re.compile(r"[a-z][a-z0-9]{3,7}-\d{5,6}")),
)
# A telegram number as read ("REYKJA 02091": post and serial) repeats every year, when the
# post's serials start again; it does not name one document on its own.
SHARED_KINDS = {"telegram number"}


def number_kind(key):
    """The kind of a document number in normal form: "104-10106-10544" -> "NARA record number".

    A number of none of the known shapes is "document number": what its source calls the
    document's number (FRUS "Doc. 12", an agency's own serial).
    """
    for kind, pattern in NUMBER_KINDS:
        if pattern.fullmatch(key):
            return kind
    return "document number"


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
