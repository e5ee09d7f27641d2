"""NARA's identification form (the JFK collection's Record Identification Form), read whole.

The form is a fixed list of labels in a fixed order (AGENCY, RECORD NUMBER, RECORD SERIES,
AGENCY FILE NUMBER, ORIGINATOR, FROM, TO, TITLE, DATE, PAGES, SUBJECTS, DOCUMENT TYPE,
CLASSIFICATION, RESTRICTIONS, CURRENT STATUS, DATE OF LAST REVIEW, OPENING CRITERIA,
COMMENTS), but OCR gives it in many layouts: label and value on one line ("DATE : 08/01/1963"),
values stacked under their labels, a run of labels followed by a run of values, values before
their labels, labels damaged ("AGENCY FILENUMBER", "DATE OF LASTREVIEW", "PAGES."), and a
release stamp printed across it. So the labels' positions are only hints: every value found
in the form (a label's inline value, a line of its own) is aligned to the labels' fixed order by
dynamic programming, scored by how well each value's shape fits each label (a record number,
a date, a page count, a classification word...) plus a bonus for the label it stands next to.
"""

import re
from typing import NamedTuple

from .dates import parse_rif_date
from .patterns import (
    NARA_RECORD_RE,
    PRINTED_LABEL_RE,
    Line,
    squash,
)
from .riflabels import HOLDERS, IN_VALUE_RE, OCR_WORDS, ORIGINATOR_NAMES, FormField
from .riflayout import align, form_items, form_region


class IdentificationForm(NamedTuple):
    """The fields read from the form, and where the form ends in the text."""

    fields: dict[str, FormField]
    start: int
    end: int


def _clean(text: str) -> str:
    text = IN_VALUE_RE.sub(" ", text)
    words = [OCR_WORDS.get(w, w) for w in squash(text).split(" ")]
    return " ".join(words).strip(" \t:;=—–-|'\"`")


def _originator(value: str) -> str | None:
    code = re.sub(r"[^A-Z/]", "", value.upper().split(",")[0]) if value.strip() else ""
    return ORIGINATOR_NAMES.get(code)


def parse_rif(text: str, lines: list[Line]) -> IdentificationForm | None:
    """Read the identification form at the top of a record, or None when there is none."""
    region = form_region(lines)
    if region is None:
        return None
    lo, hi = region
    items, printed = form_items(lines, lo, hi)
    if len(items) < 3:
        return None
    assigned = align(items)
    fields: dict[str, FormField] = {}
    for key, indexes in assigned.items():
        parts = [items[i] for i in indexes]
        confidence = 0.95 if any(p.hint == key for p in parts) else 0.8
        start, end = parts[0].start, parts[-1].end
        if key == "subjects":
            value: object = [_clean(p.text) for p in parts if _clean(p.text)]
        elif key in ("title", "comments", "opening_criteria"):
            value = _clean(" ".join(p.text for p in parts))
        else:
            value = _clean(" ".join(p.text for p in parts))
        if value:
            fields[key] = FormField(value, confidence, start, end)
    if printed:
        fields["printed"] = printed
    if "record_number" not in fields:
        block = text[lines[lo].start : lines[hi - 1].end]
        numbers = [m.group() for m in NARA_RECORD_RE.finditer(block)]
        if numbers:
            # The most frequent; between equals, the last: the release header stands above
            # the form, and a number OCR misread there loses to the form's own (one order,
            # whatever the hash seed).
            ranked = {number: (numbers.count(number), i) for i, number in enumerate(numbers)}
            best = max(ranked, key=ranked.get)
            at = block.index(best) + lines[lo].start
            fields["record_number"] = FormField(best, 0.8, at, at + len(best))
    if len(fields) < 3:
        return None
    form_start = min(f.start for f in fields.values())
    return IdentificationForm(fields, min(form_start, lines[lo].start), lines[hi - 1].end)


def form_date(field: FormField):
    """The form's DATE as (date, precision), or None (00 parts mean an unknown day or month)."""
    value = str(field.value)
    m = re.search(r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})\b", value)
    if not m:
        return None
    year = m[3] if len(m[3]) == 4 else ("19" + m[3])
    if year == "1900":
        return None  # NARA's placeholder for an unknown date
    return parse_rif_date(f"{int(m[1]):02d}/{int(m[2]):02d}/{year}")


_NO_ONE_RE = re.compile(
    r"(?i)^\W*(?:WITHHELD|RESTRICTED|NONE|UNKNOWN|N/?A|NOT[ \t]GIVEN|NO[ \t]TITLE\w?)\W*$"
)


def names_someone(value: str) -> bool:
    """A FROM/TO/TITLE value that is not NARA's WITHHELD, [RESTRICTED] or empty, nor a
    printed label of a record sheet ("To Res: Control Number")."""
    return (
        bool(value.strip()) and not _NO_ONE_RE.match(value) and not PRINTED_LABEL_RE.search(value)
    )


# A party value that repeats its label ("“TO: HQ", "j TO: HQ"): the label is OCR dirt.
_REPEATED_LABEL_RE = re.compile(r"^\W{0,3}(?:[a-z]{1,2}[ \t]+)?(?:TO|FROM)[ \t]*:[ \t]*")


def party(value: str) -> str:
    """A FROM/TO value without its label repeated in front of it."""
    return _REPEATED_LABEL_RE.sub("", value).strip()


def originator(form: IdentificationForm) -> tuple[str, FormField] | None:
    """The agency that wrote the record: the ORIGINATOR line, else an AGENCY that is not a"
    " holder."""
    for key in ("originator", "agency"):
        field = form.fields.get(key)
        if not field:
            continue
        code = str(field.value).strip(" .,:;").upper()
        if key == "agency" and code in HOLDERS:
            continue
        name = _originator(str(field.value))
        if name:
            return name, field
    return None


JFK_HEADER_RE = re.compile(
    r"\(?(?P<num>[12]\d{2}-\d{5}-\d{5})\)?[^\n]{0,12}\s{0,4}[^\n]{0,80}?RELEASE[ \t]UNDER[ \t]THE"
)


def release_header_number(text: str) -> str | None:
    """The NARA record number printed in the '(104-10106-10544) 2022 RELEASE ...' header."""
    m = JFK_HEADER_RE.search(text[:600])
    if m:
        return m["num"]
    head = text[:400]
    if "RELEASE" in head and "KENNEDY" in head:
        nums = NARA_RECORD_RE.findall(head)
        if len(nums) == 1:
            return "-".join(nums[0])
    return None
