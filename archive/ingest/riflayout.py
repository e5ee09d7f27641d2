"""The identification form's layout as OCR gives it: the region it fills, the values found in
it, and their alignment to the labels' fixed order by dynamic programming, scored by the shape
of each value (rif.py reads the form from them)."""

import re
from typing import NamedTuple

from .patterns import (
    NARA_FOOTER_RE,
    Line,
)
from .riflabels import (
    DROP_COST,
    HOLDERS,
    MAX_LINES,
    ORDER,
    ORIGINATOR_NAMES,
    RIF_START_RE,
    SKIP_COST,
    FormField,
    merge_split_labels,
    read_label,
)

_HEADING_RE = re.compile(
    r"(?i)^[\W_]*(?:J[FE]K[ \t]ASSASSINATION[ \t]SYSTEM|IDENTIFICATION[ \t]{0,3}FORM"
    r"|AGENCY[ \t]INFORMATION|DOCUMENT[ \t]INFORMATION|Page[ \t]?[:.]?[ \t]?\d{0,2})\b"
)

_PRINT_DATE_RE = re.compile(r"(?i)\bDate[ \t]?[.:][ \t]?(\d{1,2}/\d{1,2}/\d{2,4})")

# The JFK Act stamp printed across the form, page furniture and OCR markup.
_NOISE_RE = re.compile(
    r"(?i)Released[ \t]under|Assassination[ \t]Records|Collection[ \t]Act|USC[ \t]2107"
    r"|Case[#t]|ITEM[ \t]IS|^\W*\[?R[1\]]?\W*$|^\W*RESTRICTED\W*$|^\W*v\s?\d[\d.]*\W*$"
    r"|^#|^-{3,}$|^\W*\d{5}[ \t]+Date[ \t]?:|RELEASE[ \t]UNDER[ \t]THE|^\W*$"
)

_PRINTED_RE = re.compile(r"^\W{0,3}\d{1,2}/\d{1,2}/\d{2,4}\W{0,3}$")

_RECNUM_RE = re.compile(r"^\W{0,3}[12]\d{2}-\d{5}-\d{5}\W{0,3}$")

_DATE_RE = re.compile(r"^\W{0,3}(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})\W{0,3}$")

_INT_RE = re.compile(r"^\W{0,2}(\d{1,4})\W{0,2}$")

_LEVEL_RE = re.compile(
    r"(?i)^\W{0,3}(TOP[ \t]?SECRET|SECRET|CONFIDENTIAL|UNCLASSIFIED|RESTRICTED|U|S|C|TS)\W{0,3}$"
)

_DOCTYPE_RE = re.compile(r"(?i)^\W{0,3}PAPER\b|TEXTUAL[ \t]DOCUMENT")

_RESTR_RE = re.compile(
    r"(?i)^\W{0,3}(?:(?:\d[A-D]?|I[ABC]|REFERRED|DONOR[ \t]REST\.?|SECTION[^;]{0,20}|\d\(\w\))"
    r"[ \t]*[;,]?[ \t]*){1,6}$"
)

_STATUS_RE = re.compile(
    r"(?i)^\W{0,3}(?:Redact|Withhold|Open|Postponed|Released|Exempt|X|P|O|R|Closed|Denied)"
)

_OPENING_RE = re.compile(r"(?i)^\W{0,3}(?:INDEFINITE|APPROVAL[ \t]OF|OPEN|CONSULT|N/A)")

_COMMENTS_RE = re.compile(r"(?i)^\W{0,3}(?:JFK[-\w]{0,6}\s?:|RPT|LET|MEMO|LHM|INC\b|ALSO|SEE\b)")

_FILE_RE = re.compile(r"\d{2,3}-\d{2,7}|\d{2}T\d{5}A|\b\d{3}-\d{6}\b")

_TYPED_TITLE_RE = re.compile(
    r"(?i)^\W{0,2}(?:MEMO|MEMORANDUM|CABLE|MESSAGE|DISPATCH|LETTER|LTR|REPORT|FIELD|INFORMATION"
    r"|TELEGRAM|AIRGRAM|NOTE|TRANSCRIPT|MINUTES|ROUTING|MFR|PRESS)\b"
)

_PAGE_BREAK_RE = re.compile(r"^\s*(?:-{3,}|#{1,3}\s*Page\s+\d+)\s*$")

_CODE_RE = re.compile(r"^\W{0,2}[A-Z][A-Z/&.]{1,11}\W{0,2}$")


class _Item(NamedTuple):
    """A value line of the form: its text, span, and the label it stands next to (if any)."""

    text: str
    start: int
    end: int
    hint: str | None
    colon: bool


def form_region(lines: list[Line]) -> tuple[int, int] | None:
    """Line indexes [lo, hi) of the form: its heading or first labels to its page's end."""
    head = next((i for i, ln in enumerate(lines[:90]) if RIF_START_RE.search(ln.text)), None)
    if head is None:
        hits = [(i, read_label(ln.text, fuzzy=False)) for i, ln in enumerate(lines[:60])]
        labels = [(i, hit[0]) for i, hit in hits if hit]
        # Eight label lines of at least five labels: a letter's "Page 2. Lines 19-20." notes
        # are one label written eight times, not a form.
        if len(labels) < 8 or len({key for _i, key in labels}) < 5:
            return None
        head = labels[0][0]
    lo = max(0, head - 12)
    limit = min(len(lines), head + 220)
    footer = next((j for j in range(head, limit) if NARA_FOOTER_RE.search(lines[j].text)), None)
    if footer is None:
        # No footer: a page break (`---`, `## Page 2`) after a page of the form's labels and
        # values ends it; a telegram's FROM / TO / NO head on the next page is the document's.
        brk = next((j for j in range(head + 1, limit) if _PAGE_BREAK_RE.match(lines[j].text)), None)
        if brk is not None and _values(lines, lo, brk) >= 6:
            return lo, brk
    values = 0
    last_label = head
    for j in range(lo, footer if footer is not None else limit):
        text = lines[j].text.strip()
        if not text or _NOISE_RE.search(text) or _HEADING_RE.match(text):
            continue
        hit = read_label(lines[j].text)
        if hit:
            last_label = j
            values += bool(hit[1].strip())
        else:
            values += 1
    if footer is not None and values >= 6:
        return lo, footer + 1
    if footer is not None:
        # Labels on page 1, their values after its footer: read on to the values' end.
        marker = next(
            (
                j
                for j in range(footer, min(len(lines), footer + 60))
                if "DOCUMENT INFORMATION" in lines[j].text.upper()
            ),
            None,
        )
        return lo, _prose(lines, marker if marker is not None else footer, 30)
    # No footer: the form ends where prose begins after its last label.
    return lo, _prose(lines, last_label, 40)


def _values(lines: list[Line], lo: int, hi: int) -> int:
    """How many values the lines [lo, hi) hold: labels with a value, and unlabelled lines."""
    values = 0
    for j in range(lo, hi):
        text = lines[j].text.strip()
        if not text or _NOISE_RE.search(text) or _HEADING_RE.match(text):
            continue
        hit = read_label(lines[j].text)
        values += bool(hit[1].strip()) if hit else 1
    return values


def _prose(lines: list[Line], after: int, most: int) -> int:
    """The first line after `after` that reads as prose (the document behind the form)."""
    for j in range(after + 1, min(len(lines), after + most)):
        text = lines[j].text.strip()
        if len(text) >= 50 and sum(c.islower() for c in text) >= 10 or len(text) >= 70:
            return j
    return min(len(lines), after + most)


def _shape_score(key: str, text: str) -> float:
    """How well a value's shape fits a label (positive: fits; negative: does not)."""
    t = text.strip()
    recnum = bool(_RECNUM_RE.match(t))
    date = bool(_DATE_RE.match(t))
    integer = bool(_INT_RE.match(t))
    level = bool(_LEVEL_RE.match(t))
    letters = sum(c.isalpha() for c in t)
    if key == "record_number":
        return 3.0 if recnum else -3.0
    if recnum:
        return -3.0
    if key == "date":
        if not date:
            return -3.0
        year = int(_DATE_RE.match(t)[3])
        return 3.0 if year <= 1999 or year < 100 else -1.0
    if key == "date_of_last_review":
        return 2.5 if date else -2.5
    if key == "pages":
        return 3.0 if integer else -3.0
    if key == "classification":
        return 3.0 if level else -3.0
    if date:
        return -3.0 if key != "comments" else -1.0
    if key in ("agency", "originator"):
        code = t.strip(" .,:;").upper()
        if code in ORIGINATOR_NAMES or code in HOLDERS:
            return 3.0
        return 0.8 if _CODE_RE.match(t) else -2.0
    if key == "document_type":
        return 3.0 if _DOCTYPE_RE.search(t) else (0.3 if letters and len(t) <= 20 else -1.5)
    if _DOCTYPE_RE.search(t):
        return -2.0
    if key == "restrictions":
        return 2.5 if _RESTR_RE.match(t) else -2.0
    if key == "current_status":
        return 2.5 if _STATUS_RE.match(t) and len(t) <= 60 else -2.0
    if key == "opening_criteria":
        return 2.5 if _OPENING_RE.match(t) else -1.0
    if level and len(t) > 2:
        return -2.0
    if key == "comments":
        return 2.0 if _COMMENTS_RE.match(t) else 0.2
    if integer:
        return -2.5
    if _RESTR_RE.match(t) and len(t) <= 12 and key not in ("agency_file_number", "record_series"):
        return -1.0
    if key == "agency_file_number":
        return 2.0 if _FILE_RE.search(t) else (0.3 if letters else -1.0)
    if key == "record_series":
        return 0.8 if len(t) <= 40 else 0.1
    words = len(t.split())
    typed = bool(_TYPED_TITLE_RE.match(t))
    person = "," in t or len(t) <= 5 and t.isupper()
    if key in ("from", "to"):
        hq = 0.3 if key == "to" and t == "HQ" else 0.0  # the FBI's forms: to HQ 5 times in 6
        return -1.0 if letters < 2 else 0.6 + 0.4 * person + hq - 1.5 * typed - 0.8 * (words > 8)
    if key == "title":
        if letters < 3:
            return -1.0
        return 0.5 + (1.0 if typed or words >= 5 else 0.0) + (0.3 if not person else 0.0)
    if key == "subjects":
        return 0.5 if letters >= 3 else -1.0
    return 0.0


def _compat(key: str, item: _Item) -> float:
    score = _shape_score(key, item.text)
    if item.hint == key:
        score += 2.5
    elif item.hint is not None:
        score -= 0.6
    return score


def align(items: list[_Item]) -> dict[str, list[int]]:
    """Assign items to labels in the form's order, maximising the total fit.

    State: items consumed, the label the last one went to, and how many lines that label
    holds (a label takes at most MAX_LINES of them).
    """
    n, k = len(items), len(ORDER)
    neg = float("-inf")
    lines_cap = 4
    skip_prefix = [0.0]
    for key in ORDER:
        skip_prefix.append(skip_prefix[-1] + SKIP_COST.get(key, 1.0))
    fit = [[_compat(key, item) for key in ORDER] for item in items]
    best: dict[tuple[int, int], float] = {(0, 0): 0.0}  # (label index + 1, lines) -> score
    backs: list[dict[tuple[int, int], tuple[tuple[int, int], str]]] = []
    for i in range(n):
        item = items[i]
        row = fit[i]
        nxt: dict[tuple[int, int], float] = {}
        back: dict[tuple[int, int], tuple[tuple[int, int], str]] = {}

        def keep(state, value, origin, how, nxt=nxt, back=back):
            if value > nxt.get(state, neg):
                nxt[state] = value
                back[state] = (origin, how)

        for (j, c), here in best.items():
            keep((j, c), here - DROP_COST, (j, c), "drop")
            if j and c < MAX_LINES.get(ORDER[j - 1], 1) and not item.colon:
                keep(
                    (j, min(c + 1, lines_cap)),
                    here + row[j - 1] - 0.3,
                    (j, c),
                    "more",
                )
            for nj in range(j + 1, k + 1):
                skipped = skip_prefix[nj - 1] - skip_prefix[j]
                keep((nj, 1), here + row[nj - 1] - skipped, (j, c), "new")
        best = nxt
        backs.append(back)
    state = max(best, key=lambda st: best[st] - 0.3 * (skip_prefix[k] - skip_prefix[st[0]]))
    assigned: dict[str, list[int]] = {}
    for i in range(n - 1, -1, -1):
        origin, how = backs[i][state]
        if how != "drop":
            assigned.setdefault(ORDER[state[0] - 1], []).insert(0, i)
        state = origin
    return assigned


def form_items(lines: list[Line], lo: int, hi: int) -> tuple[list[_Item], FormField | None]:
    """The value-bearing lines of the form, with label hints; and the form's print date."""
    items: list[_Item] = []
    printed = None
    pending: list[str] = []  # bare labels since the last value
    run: list[int] = []  # indexes of the values after them
    headings = [i for i in range(lo, hi) if _HEADING_RE.match(lines[i].text.strip())]

    def near_heading(i: int) -> bool:
        return any(abs(h - i) <= 3 for h in headings)

    def flush() -> None:
        # Bare labels then as many values: paired, if every value has its label's shape.
        pairs = list(zip(pending, run, strict=False))
        shaped = all(_shape_score(key, items[index].text) >= 0 for key, index in pairs)
        if pending and (len(run) == len(pending) or len(pending) == 1) and shaped:
            for key, index in pairs:
                items[index] = items[index]._replace(hint=key)
        pending.clear()
        run.clear()

    expect_print = False
    merged = merge_split_labels(lines, lo, hi)
    for i in range(lo, hi):
        line = lines[i]
        text = line.text.strip()
        if i in merged:
            if merged[i]:
                hit = read_label(merged[i])
                if hit:
                    if run:
                        flush()
                    pending.append(hit[0])
            continue
        if not text:
            continue
        m = _PRINT_DATE_RE.search(text)
        if m and (
            _HEADING_RE.match(text) or near_heading(i) and text[:1] in "Dd" and not text.isupper()
        ):
            printed = printed or FormField(m[1], 0.9, line.start, line.end)
            continue
        if _HEADING_RE.match(text) or _NOISE_RE.search(text) or NARA_FOOTER_RE.search(text):
            continue
        hit = read_label(line.text)
        if (
            hit
            and hit[0] == "date"
            and not hit[1]
            and near_heading(i)
            and not line.text.strip().isupper()
        ):
            expect_print = True  # "Date:" of the form's printing, its value on a later line
            continue
        if expect_print and _PRINTED_RE.match(text):
            printed = FormField(text, 0.9, line.start, line.end)
            expect_print = False
            continue
        expect_print = False
        if hit:
            key, value, offset = hit
            if value.strip() and not _NOISE_RE.search(value):
                if run:
                    flush()
                start = line.start + offset
                items.append(_Item(value, start, start + len(value), key, True))
                continue
            if run:
                flush()
            pending.append(key)
            continue
        colon = text.startswith((":", ";"))
        value = text.lstrip(":; ").strip()
        if not value:
            continue
        start = line.start + line.text.index(value[0])
        run.append(len(items))
        items.append(_Item(value, start, start + len(value), None, colon))
    flush()
    return items, printed
