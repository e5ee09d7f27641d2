"""NARA's JFK Assassination System identification form (RIF) and JFK release headers.

Three layouts occur: label and value on one line ("DATE : 08/01/1963"), the value on
the next line ("DATE" / "08/09/1978"), and the 2023 Apple Vision layout where a run of
labels is followed by a run of values. We only take a value that sits next to its own
label (or, for typed fields, the one value of that type on the form): pairing a run of
labels with a run of values by position is too easy to get wrong.
"""

import re
from typing import NamedTuple

from .dates import parse_rif_date
from .patterns import AGENCY_NAMES, NARA_FOOTER_RE, NARA_RECORD_RE, Line, squash, trim_junk

RIF_START_RE = re.compile(r"IDENTIFICATION[ \t]FORM|JFK[ \t]ASSASSINATION[ \t]SYSTEM")
_LABELS = (
    "AGENCY ORIGINATOR",
    "AGENCY FILE NUMBER",
    "AGENCY INFORMATION",
    "AGENCY",
    "RECORD NUMBER",
    "RECORD SERIES",
    "RECORD",
    "SERIES",
    "DOCUMENT INFORMATION",
    "ORIGINATOR",
    "FROM",
    "TO",
    "TITLE",
    "DATE OF LAST REVIEW",
    "DATE",
    "PAGES",
    "SUBJECTS",
    "SUBJECT",
    "SUBIECT",
    "DOCUMENT TYPE",
    "ORIGINAL CLASSIFICATION",
    "ORIGINAL",
    "NEW CLASSIFICATION",
    "NEW",
    "CLASSIFICATION",
    "RESTRICTIONS",
    "CURRENT STATUS",
    "STATUS",
    "REVIEW DATE",
    "UPDATE DATE",
    "OPENING CRITERIA",
    "COMMENTS",
)
_LABEL_RE = re.compile(
    r"^[ \t]*(?P<label>"
    + "|".join(re.escape(x).replace(r"\ ", r"[ \t]{1,3}") for x in _LABELS)
    + r")\b[ \t]*\.?[ \t]*(?::[ \t]*)?(?P<value>.*)$"
)
_VALUE_LINE_RE = re.compile(r"^[ \t]*:[ \t]*(?P<value>\S.*)$")
_LEVEL_VALUE_RE = re.compile(r"^(TOP SECRET|SECRET|CONFIDENTIAL|UNCLASSIFIED|RESTRICTED)$", re.I)
_TRAILING_NOISE_RE = re.compile(
    r"(?:[ \t]+(?:[|\\{}\[\]()']|(?:[A-Z]?[a-z][A-Za-z]?|[A-Za-z])\b|[|]?\w?[|]))+$"
)
_BARE_LABEL_RE = re.compile(
    r"^(?:" + "|".join(re.escape(x).replace(r"\ ", r"[ \t]{1,3}") for x in _LABELS) + r")\W*$"
)
_DATE_VALUE_RE = re.compile(r"\d{2}/\d{2}/\d{4}")


class RifField(NamedTuple):
    """A value read from the form and how sure we are of the label/value pairing."""

    value: object
    confidence: float


class RifResult(NamedTuple):
    """Fields read from the identification form plus where the form ends in the text."""

    fields: dict[str, RifField]
    end: int


def _clean(value: str) -> str:
    value = _TRAILING_NOISE_RE.sub("", squash(value))
    return trim_junk(value)


def _region(lines: list[Line]) -> tuple[int, int] | None:
    """Line indexes of the form: from the start to the first NARA page footer."""
    head = [i for i, ln in enumerate(lines[:80]) if RIF_START_RE.search(ln.text)]
    if not head:
        return None
    for j in range(head[0], min(len(lines), head[0] + 160)):
        if NARA_FOOTER_RE.search(lines[j].text):
            return 0, j
    return 0, min(len(lines) - 1, head[0] + 90)


def _next_value(lines: list[Line], i: int, stop: int) -> tuple[str, bool] | None:
    """The next non-blank line after a bare label, if it is not itself a label.

    The flag is True when the line starts with ':' (the form's own value marker).
    """
    for j in range(i + 1, min(stop + 1, i + 4)):
        text = lines[j].text.strip()
        if not text:
            continue
        if m := _VALUE_LINE_RE.match(text):
            return m["value"], True
        if _LABEL_RE.match(text.upper()) or text.isupper() and text.endswith(":"):
            return None
        return text, False
    return None


def _labelled(lines: list[Line], lo: int, hi: int) -> dict[str, list[tuple[str, bool]]]:
    out: dict[str, list[tuple[str, bool]]] = {}
    for i in range(lo, hi + 1):
        text = lines[i].text
        m = _LABEL_RE.match(text)
        if not m:
            continue
        label = re.sub(r"\s+", " ", m["label"])
        value = m["value"].strip()
        if value.startswith(":"):
            value = value[1:].strip()
        if value:
            out.setdefault(label, []).append((value, True))
            continue
        nxt = _next_value(lines, i, hi)
        if nxt:
            out.setdefault(label, []).append(nxt)
    return out


def _first(found: dict, *labels: str) -> tuple[str, bool] | None:
    for label in labels:
        if found.get(label):
            return found[label][0]
    return None


def _agency(found: dict) -> RifField | None:
    for label in ("AGENCY ORIGINATOR", "ORIGINATOR", "AGENCY"):
        item = found.get(label)
        if not item:
            continue
        code = re.sub(r"[^A-Z]", "", item[0][0].split()[0].upper()) if item[0][0].split() else ""
        if code in AGENCY_NAMES:
            return RifField(AGENCY_NAMES[code], 1.0 if item[0][1] else 0.8)
    return None


def parse_rif(text: str, lines: list[Line]) -> RifResult | None:
    """Read the RIF at the top of a JFK record, or None when there is no form."""
    region = _region(lines)
    if region is None:
        return None
    lo, hi = region
    end = lines[hi].end
    found = _labelled(lines, lo, hi)
    fields: dict[str, RifField] = {}
    block = text[lines[lo].start : end]

    numbers = [m.group() for m in NARA_RECORD_RE.finditer(block)]
    if numbers:
        best = max(set(numbers), key=numbers.count)
        sure = numbers.count(best) >= 2 or any(best in v for v, _ in found.get("RECORD NUMBER", []))
        fields["nara_record_number"] = RifField(best, 1.0 if sure else 0.8)

    if agency := _agency(found):
        fields["agency"] = agency

    for key, labels in (
        ("sender", ("FROM",)),
        ("recipient", ("TO",)),
        ("title", ("TITLE",)),
        ("file_number", ("AGENCY FILE NUMBER",)),
    ):
        item = _first(found, *labels)
        if item:
            value = _clean(item[0])
            if len(value) >= 2 and not _BARE_LABEL_RE.match(value.upper()):
                fields[key] = RifField(value, 1.0 if item[1] else 0.85)

    item = _first(found, "DATE")
    parsed = parse_rif_date(item[0]) if item else None
    if parsed is None and "DATE OF LAST REVIEW" in block:
        # 2022 layout: the record date is the form's only mm/dd/yyyy (review dates are mm/dd/yy).
        dates = set(_DATE_VALUE_RE.findall(block))
        if len(dates) == 1:
            parsed = parse_rif_date(dates.pop())
            item = ("", False)
    if parsed and item:
        fields["date"] = RifField(parsed[0], 1.0 if item[1] else 0.8)
        fields["date_precision"] = RifField(parsed[1], 1.0 if item[1] else 0.8)

    item = _first(found, "PAGES")
    if item and (m := re.match(r"\s*(\d{1,4})\b", item[0])):
        fields["page_count"] = RifField(int(m[1]), 1.0 if item[1] else 0.8)

    item = _first(found, "CLASSIFICATION", "ORIGINAL CLASSIFICATION")
    level = _LEVEL_VALUE_RE.match(_clean(item[0])) if item else None
    if level:
        fields["classification_marking"] = RifField(level[1], 1.0 if item[1] else 0.8)
    else:
        # 2023 layout: the original classification is the form's only lone level word.
        lone = {
            ln.text.strip()
            for ln in lines[lo : hi + 1]
            if _LEVEL_VALUE_RE.match(ln.text.strip().lstrip(":").strip())
        }
        if len(lone) == 1:
            fields["classification_marking"] = RifField(lone.pop().lstrip(": "), 0.8)
    return RifResult(fields, end)


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
