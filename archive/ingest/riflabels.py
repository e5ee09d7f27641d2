"""The identification form's labels: their fixed order, their names as OCR damages them (also
split over two lines), how many lines a value may take, and the form's own words."""

import re
from typing import NamedTuple

from .patterns import (
    AGENCY_NAMES,
    Line,
    levenshtein,
)

ORDER = (
    "agency", "record_number", "record_series", "agency_file_number", "originator", "from",
    "to", "title", "date", "pages", "subjects", "document_type", "classification",
    "restrictions", "current_status", "date_of_last_review", "opening_criteria", "comments",
)  # fmt: skip

LABELS = {
    "agency": ("AGENCY",),
    "record_number": ("RECORD NUMBER", "RECORD NO", "RECORDNUMBER"),
    "record_series": ("RECORD SERIES", "RECORDS SERIES", "RECORDSERIES"),
    "agency_file_number": (
        "AGENCY FILE NUMBER",
        "AGENCY FILENUMBER",
        "AGENCY FILE NO",
        "AGENCY FILE",
    ),
    "originator": ("AGENCY ORIGINATOR", "ORIGINATOR"),
    "from": ("FROM",),
    "to": ("TO",),
    "title": ("TITLE",),
    "date": ("DATE",),
    "pages": ("PAGES", "PAGE"),
    "subjects": ("SUBJECTS", "SUBJECT"),
    "document_type": ("DOCUMENT TYPE", "DOCUMENTTYPE"),
    "classification": ("CLASSIFICATION",),
    "restrictions": ("RESTRICTIONS",),
    "current_status": ("CURRENT STATUS",),
    "date_of_last_review": ("DATE OF LAST REVIEW", "DATE OF LASTREVIEW", "OF LAST REVIEW"),
    "opening_criteria": ("OPENING CRITERIA",),
    "comments": ("COMMENTS", "COMMENT"),
}

# Labels whose value may run over several lines.
MULTILINE = {
    "title", "subjects", "comments", "from", "to", "record_series", "agency_file_number",
    "opening_criteria", "restrictions", "current_status",
}  # fmt: skip

MAX_LINES = {
    "title": 3, "subjects": 4, "comments": 3, "from": 2, "to": 2, "record_series": 2,
    "agency_file_number": 2, "opening_criteria": 2, "restrictions": 2, "current_status": 2,
}  # fmt: skip

# What leaving a label without a value costs: some are often empty on the form.
SKIP_COST = {
    "title": 0.4, "from": 0.5, "to": 0.4, "agency_file_number": 0.4, "subjects": 0.4,
    "opening_criteria": 0.3, "comments": 0.2, "restrictions": 0.5, "record_series": 0.6,
    "current_status": 0.8, "date_of_last_review": 0.8,
}  # fmt: skip

DROP_COST = 1.2

HOLDERS = {"WC", "HSCA", "SSCIA", "NARA", "ARRB", "SSC", "HSC", "JFK", "INSCOM/CSF", "INSCOM"}

ORIGINATOR_NAMES = {
    **AGENCY_NAMES,
    "USA": "Department of the Army",
    "ARMY": "Department of the Army",
    "SS": "United States Secret Service",
    "USSS": "United States Secret Service",
    "INS": "Immigration and Naturalization Service",
    "IRS": "Internal Revenue Service",
    "ONI": "Office of Naval Intelligence",
    "DIA": "Defense Intelligence Agency",
    "USIA": "United States Information Agency",
    "STAT": "Department of State",
}

RIF_START_RE = re.compile(r"(?i)IDENTIFICATION[ \t]{0,3}FORM|J[FE]K[ \t]ASSASSINATION[ \t]SYSTEM")

_LABEL_WORDS = sorted(
    ((variant, key) for key, variants in LABELS.items() for variant in variants),
    key=lambda pair: -len(pair[0]),
)

_LETTERS = {variant: frozenset(variant) for variant, _key in _LABEL_WORDS}

_SEPARATOR_RE = re.compile(r"^[ \t]*[:;=—–.,-]{0,3}[ \t]*")


class FormField(NamedTuple):
    """One field of the form: its value, how sure the reading is, and its span in the text."""

    value: object
    confidence: float
    start: int
    end: int


def read_label(text: str, fuzzy: bool = True) -> tuple[str, str, int] | None:
    """(field key, inline value, offset of the value) when a line starts with a form label."""
    # The form's left edge read as a stray mark before a label ("t DATE:", "} SUBJECTS").
    stripped = re.sub(r"^[a-z][ \t]+(?=[A-Z]{4})", "", text.lstrip(" \t'\"’‘`.,*#|—-•·»_}{"))
    lead = len(text) - len(stripped)
    upper = stripped.upper()
    if not upper[:1].isalpha():
        return None
    letters = set(upper[:20])
    for variant, key in _LABEL_WORDS:
        n = len(variant)
        head = upper[:n]
        if head != variant and not (
            fuzzy
            and n >= 8
            and len(letters & _LETTERS[variant]) >= len(_LETTERS[variant]) - 1
            and (head[:1] == variant[:1] or head[1:2] == variant[1:2])
            and levenshtein(head, variant, 2) <= (2 if n >= 12 else 1)
        ):
            continue
        rest = stripped[n:]
        if rest[:1].isalpha() and not (n >= 8 and rest[:1].isupper()):
            continue  # "TOTAL", "DATED", "AGENCYWIDE": another word
        sep = _SEPARATOR_RE.match(rest)
        value = rest[sep.end() :]
        if key == "to" and not sep.group().strip() and value:
            continue  # "TO BE ..." prose; the form writes "TO:" or "TO" alone
        bare = value and not sep.group().strip()
        if key in ("from", "date", "title") and bare and (key != "date" or not value[:1].isdigit()):
            continue
        return key, value.rstrip(), lead + n + sep.end()
    return None


_SPLIT_LABELS = {
    ("RECORD", "SERIES"): "RECORD SERIES",
    ("RECORD", "NUMBER"): "RECORD NUMBER",
    ("AGENCY FILE", "NUMBER"): "AGENCY FILE NUMBER",
    ("DOCUMENT", "TYPE"): "DOCUMENT TYPE",
    ("DATE", "OF LAST REVIEW"): "DATE OF LAST REVIEW",
    ("CURRENT", "STATUS"): "CURRENT STATUS",
    ("OPENING", "CRITERIA"): "OPENING CRITERIA",
    ("DOCUMENT", "INFORMATION"): "",
    ("AGENCY", "INFORMATION"): "",
    ("IDENTIFICATION", "FORM"): "",
}

IN_VALUE_RE = re.compile(r"(?i)[ \t]*\b(?:DOCUMENT|AGENCY)[ \t]INFORMATION\b[ \t]*")

OCR_WORDS = {"JEK": "JFK", "JFX": "JFK", "UNCLASSIFTED": "UNCLASSIFIED"}


def merge_split_labels(lines: list[Line], lo: int, hi: int) -> dict[int, str]:
    """Labels OCR broke over two lines ("RECORD" / "SERIES"): line index -> the whole label."""
    merged: dict[int, str] = {}
    previous = None
    for i in range(lo, hi):
        text = lines[i].text.strip().strip(":;. ").upper()
        if not text:
            continue
        if (
            previous is not None
            and (lines[previous].text.strip().strip(":;. ").upper(), text) in _SPLIT_LABELS
        ):
            label = _SPLIT_LABELS[(lines[previous].text.strip().strip(":;. ").upper(), text)]
            merged[previous] = label
            merged[i] = ""
            previous = None
            continue
        previous = i
    return merged
