"""Memo headers: MEMORANDUM FOR / TO / FROM / SUBJECT / DATE blocks, label and value on a line
or the value set apart from its label (labels.py reads the labels)."""

import re
from collections.abc import Callable

from .dates import FoundDate, date_only_line, find_date
from .labels import (
    COLUMNS_RE,
    CUT_TITLE_RE,
    DECLASS_STAMP_RE,
    FORM_CAPTION_RE,
    LONE_ADDRESSEE_RE,
    OFFICIAL_TITLE_RE,
    OTHER_LABEL_RE,
    PARA_RE,
    SECOND_COLUMN_RE,
    SOFT_LABEL_RE,
    SUBJECT_MARK_RE,
    TRAILING_DATE_RE,
    VALUE_STOP_RE,
    Header,
    clean_value,
    is_noise,
    is_prose,
    label_of,
    plausible_caption,
)
from .patterns import PRINTED_LABEL_RE, Line, reads_cleanly, squash
from .senderlines import sender_lines


def _block_lines(
    lines: list[Line], i: int, inline: str, tolerant: bool, noise=None
) -> list[tuple[int, str]]:
    """Raw (column offset, text) lines of a header block that starts on line i (stamps and
    page furniture between its lines are passed over)."""
    out: list[tuple[int, str]] = []
    inline = SECOND_COLUMN_RE.sub("", inline)
    if inline.strip():
        out.append((len(lines[i].text) - len(inline), inline))
    blanks = 0
    for j in range(i + 1, min(len(lines), i + 16)):
        if noise is not None and noise(j):
            continue
        text = SECOND_COLUMN_RE.sub("", lines[j].text)
        if not text.strip():
            blanks += 1
            cut = len(out) == 1 and CUT_TITLE_RE.match(out[0][1].strip())
            if out and (not (tolerant or cut) or blanks > 1):
                break
            if blanks > 2:
                break
            continue
        if label_of(lines[j]) or PARA_RE.match(text) or SOFT_LABEL_RE.match(text):
            break
        if _BARE_LABEL_WORD_RE.match(text):
            break  # "From" on a line of its own, its colon OCR'd on the next
        if tolerant and OTHER_LABEL_RE.match(text):
            blanks = 0
            continue  # another field's bare label ("NO:") stacked among the values
        if date_only_line(text) or tolerant and out and _NUMBER_START_RE.match(text):
            break  # a date, or another field's value ("748, OCTOBER 19, 1 PM")
        flat = squash(text)
        if len(flat) > 90 or flat.endswith(".") and len(flat) > 40:
            break
        if is_prose(flat):
            break  # the body begins: addresses are names and offices, not sentences
        if out and SUBJECT_MARK_RE.search(flat):
            break  # an FBI caption ("GUS ALEX, AKA", "IS - CUBA") below the address
        if out and _ROUTING_NAME_RE.match(flat):
            nxt = lines[j + 1].text.strip() if j + 1 < len(lines) else ""
            if not flat[0].isalpha() or _ROUTING_NAME_RE.match(nxt):
                break  # the FBI form's routing list ("Mr. Tolson", ". Boardman") beside it
        if tolerant and blanks and out:
            out.append((-1, ""))  # a blank line separates entries in transcribed lists
        blanks = 0
        out.append((0, text))
    return out


_BARE_LABEL_WORD_RE = re.compile(r"^\W{0,3}(?i:FROM|TO|SUBJECT|DATE)\W{0,3}$")

_NUMBER_START_RE = re.compile(r"^\W{0,2}\d")

# The printed words of a cable's or a dispatch's form boxes (precedence, initials), not parties.
_BOX_WORD_RE = re.compile(
    r"(?i)^\W{0,2}(?:DEFERRED|PRIORITY|ROUTINE|OPERATIONAL|IMMEDIATE|FLASH|NIACT|INITIALS"
    r"|MICROFILM)\W{0,2}$"
)

_THRU_RE = re.compile(r"(?i)(?<=\w)[ \t,;]+(?:THRU|THROUGH|VIA)[ \t]")

# One surname on a line, perhaps behind OCR dirt or "Mr.": a name of a printed routing list.
_ROUTING_NAME_RE = re.compile(r"^(?:[^\w\s]{1,3}[ \t]?|Mr\.?[ \t])?[A-Z][a-z]+[^\w\s]?$")


def _entries(raw: list[tuple[int, str]]) -> list[str]:
    """Group block lines into addressee entries (handles two-column layouts)."""
    cells: list[tuple[int, int, str]] = []  # (row, start, text)
    for row, (offset, text) in enumerate(raw):
        if offset < 0:
            cells.append((row, -1, ""))
            continue
        for m in COLUMNS_RE.finditer(text):
            cells.append((row, offset + m.start() if offset else m.start(), m.group()))
    seconds = [c[1] for k, c in enumerate(cells) if k and cells[k - 1][0] == c[0] and c[1] >= 0]
    split = min(seconds) - 4 if seconds else None
    columns: list[list[tuple[int, str]]] = [[], []]
    for _row, start, text in cells:
        if start < 0:
            for col in columns:
                col.append((-1, ""))
            continue
        columns[1 if split is not None and start >= split else 0].append((start, text))
    entries: list[str] = []
    for col in columns:
        indents = [s for s, t in col if s >= 0]
        base = min(indents) if indents else 0
        current = ""
        gap = False
        for start, text in col:
            if start < 0:
                gap = True
                continue
            caps = text.isupper() and sum(c.isalpha() for c in text) >= 2
            opens = caps or text.startswith("The ") or bool(_HONORIFIC_RE.match(text))
            if not current:
                current = text
            elif text[:1].islower() or start > base + 1 and not gap:
                current += " " + text  # a wrapped line ("of Investigation")
            elif opens:
                entries.append(current)
                current = text
            else:
                current += " " + text if current.endswith(",") else ", " + text
            gap = False
        if current:
            entries.append(current)
    return entries


def _bare_run(lines: list[Line], i: int) -> bool:
    """True when the bare label on line i sits next to another bare label."""
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(lines) and abs(j - i) <= 3 and not lines[j].text.strip():
            j += step
        if 0 <= j < len(lines) and abs(j - i) <= 3:
            hit = label_of(lines[j])
            if hit and not hit[1].strip():
                return True
    return False


_HONORIFIC_RE = re.compile(r"\b(?:MR|MRS|MS|DR|COL|CAPT(?:AIN)?|GEN|ADM)\.?[ \t]")


def _two_names_one_line(raw: list[tuple[int, str]]) -> bool:
    return any(
        len(_HONORIFIC_RE.findall(t)) >= 2 and not re.search(r"\S[ \t]{3,}\S", t) for _, t in raw
    )


def _subject(
    lines: list[Line], i: int, inline: str, fix: Callable[[str], str]
) -> tuple[str, float]:
    """The SUBJECT value with its continuation lines (aligned under it, or a short tail)."""
    confidence = 0.85
    column = len(lines[i].text) - len(inline)
    if not inline.strip():
        nxt = next(
            (
                j
                for j in range(i + 1, min(len(lines), i + 5))
                if lines[j].text.strip() and any(c.isalnum() for c in lines[j].text)
            ),
            None,
        )
        if nxt is None or label_of(lines[nxt]) or PARA_RE.match(lines[nxt].text):
            return "", 0.0
        i, inline, confidence = nxt, lines[nxt].text, 0.6
        column = len(inline) - len(inline.lstrip())
    parts = [inline]
    last = i
    for j in range(i + 1, min(len(lines), i + 3)):
        text = lines[j].text
        if not text.strip() or label_of(lines[j]) or PARA_RE.match(text) or is_noise(text):
            break
        if VALUE_STOP_RE.match(text.strip()):
            break  # "REFERENCE 1 Memorandum from ...": the next label, its colon OCR'd as "1"
        indent = len(text) - len(text.lstrip())
        after = lines[j + 1].text if j + 1 < len(lines) else ""
        tail = len(squash(text)) <= 60 and (not after.strip() or label_of(lines[j + 1]))
        if not (column > 6 and indent >= column - 2) and not tail:
            break
        parts.append(text)
        last = j
        if tail:
            break
    while len(parts) < 4 and _DANGLING_RE.search(clean_value(parts[-1], fix)):
        # "House Select Committee on" / "Assassinations Request": a caption cut mid-phrase
        # goes on, on the next line (OCR lost its indent, or set a blank line before it).
        j = next(
            (k for k in range(last + 1, min(len(lines), last + 3)) if lines[k].text.strip()), 0
        )
        text = lines[j].text if j else ""
        if not j or label_of(lines[j]) or PARA_RE.match(text) or is_noise(text):
            break
        if len(squash(text)) > 90 or SECOND_COLUMN_RE.search(text) or is_prose(squash(text)):
            break
        parts.append(text)
        last = j
    return clean_value(" ".join(parts), fix), confidence


# A caption's line that cannot end it: a preposition, article or conjunction, or a hyphen.
_DANGLING_RE = re.compile(
    r"(?i)(?:\b(?:of|on|to|the|and|for|with|regarding|concerning|in|at|by|from|a|an|re|or)"
    r"|[-–—,])[ \t]*$"
)


def memo_headers(
    lines: list[Line],
    lo: int,
    hi: int,
    fix: Callable[[str], str],
    noise: Callable[[int], bool] | None = None,
) -> dict[str, Header]:
    """First occurrence of each memo header label between line indexes lo and hi.

    Lines for which `noise` is true (stamps, page furniture, the identification form) are
    not read as labels.
    """
    found: dict[str, Header] = {}
    for i in range(lo, min(hi, len(lines))):
        if noise is not None and noise(i):
            continue
        hit = label_of(lines[i])
        if not hit:
            continue
        label, inline = hit
        if label in found or label in ("TAGS", "PARTICIPANTS"):
            continue
        if label == "MEMORANDUM FOR THE RECORD":
            found[label] = Header("", i, 1.0, (lines[i].start, lines[i].end))
            continue
        if label == "DATE":
            if DECLASS_STAMP_RE.match(inline):
                continue  # FBI declassification stamp "DATE 05-12-2023 BY 364133242"
            date = date_from_label(lines, i, inline)
            if date:
                conf = 0.9 if inline.strip() else 0.7
                value = date.value.isoformat() + "|" + date.precision
                found[label] = Header(value, i, conf, (lines[i].start, lines[i].end))
            continue
        confidence = 0.85
        if not inline.strip() and _bare_run(lines, i):
            continue  # a run of bare labels: the values were OCR'd elsewhere on the form
        if label == "SUBJECT":
            value, confidence = _subject(lines, i, inline, fix)
            if not plausible_caption(value):
                continue  # another label's value, a marking or an office symbol
        else:
            raw = _block_lines(lines, i, inline, not inline.strip(), noise)
            if label == "FROM":
                raw = sender_lines([e for e in raw if not _BOX_WORD_RE.match(e[1])])
            if _two_names_one_line(raw):
                continue  # a two-column address block whose columns OCR merged
            entries = [clean_value(TRAILING_DATE_RE.sub("", e), fix) for e in _entries(raw)]
            entries = [
                e for e in entries if len(e) >= 2 and not is_noise(e) and not _BOX_WORD_RE.match(e)
            ]
            joiner = "; " if label in ("MEMORANDUM FOR", "TO") else ", "
            value = joiner.join(entries)
            if label in ("MEMORANDUM FOR", "TO"):
                # "Chief, CIB THRU the appropriate approving officials": the route, not whom.
                value = _THRU_RE.split(value, maxsplit=1)[0]
        printed = PRINTED_LABEL_RE.search(value)
        if _plausible_party(label, value) and not FORM_CAPTION_RE.search(value) and not printed:
            found[label] = Header(value, i, confidence, _block_span(lines, i))
        elif label in ("MEMORANDUM FOR", "TO") and not inline.strip():
            above = _value_above(lines, i, noise)
            if above is not None:
                text = clean_value(lines[above].text, fix)
                span = (lines[above].start, lines[above].end)
                found[label] = Header(text, i, 0.6, span, "label-above")
    lost = "FROM" in found and "TO" not in found and "MEMORANDUM FOR" not in found
    if lost and (hit := _lost_to_label(lines, found["FROM"].line, lo, noise)):
        found["TO"] = hit
    return found


_LOST_LABEL_RE = re.compile(r"^[ \t]{0,3}[:;][ \t]*(?P<v>\S[^\n:]{1,58})?$")


def _lost_to_label(lines: list[Line], at: int, lo: int, noise=None) -> Header | None:
    """The addressee of a form whose TO label OCR lost to its colon, just above FROM:
    ":" then "Files" (or ": Files") over "FROM : M. D. Stevens"."""
    above = [
        j
        for j in range(at - 1, max(lo, at - 5) - 1, -1)
        if lines[j].text.strip() and not (noise and noise(j))
    ][:2]
    if not above:
        return None
    m = _LOST_LABEL_RE.match(lines[above[0]].text)
    j = above[0]
    if not (m and m["v"]) and len(above) == 2:
        m, j = _LOST_LABEL_RE.match(lines[above[1]].text), above[0]
        if m and m["v"]:
            return None  # ": Files" then another line: not a lone value
    if not m:
        return None
    value = clean_value(m["v"] if m["v"] else lines[j].text)
    if not _plausible_party("TO", value) or label_of(lines[j]) or is_prose(value):
        return None
    return Header(value, j, 0.6, (lines[j].start, lines[j].end), "label-lost")


def _value_above(lines: list[Line], i: int, noise=None) -> int | None:
    """The line above a bare addressee label followed at once by the next label, when it is an
    office or a title ("Deputy Director for Operations" / "MEMORANDUM FOR:" / "FROM : ..."):
    OCR set the value a line too high."""
    nxt = next((j for j in range(i + 1, min(len(lines), i + 4)) if lines[j].text.strip()), None)
    if nxt is None or not label_of(lines[nxt]):
        return None
    for j in range(i - 1, max(-1, i - 4), -1):
        text = lines[j].text.strip()
        if not text or noise is not None and noise(j):
            continue
        if label_of(lines[j]) or not OFFICIAL_TITLE_RE.match(text) or len(text) > 70:
            return None
        return j if reads_cleanly(text) else None
    return None


def _plausible_party(label: str, value: str) -> bool:
    """A value that can be what its label names: not a lone short fragment ("Declas")."""
    if len(value) < 2:
        return False
    if label not in ("FROM", "TO", "MEMORANDUM FOR"):
        return True
    words = value.replace(",", " ").split()
    if len(words) == 1 and LONE_ADDRESSEE_RE.match(value):
        return label != "FROM"  # "TO: DIRECTOR", "TO: Files", "MEMORANDUM FOR: Headquarters"
    return len(words) >= 2 or value.isupper() and len(value) <= 6 or "/" in value


def _block_span(lines: list[Line], i: int) -> tuple[int, int]:
    """The span of a header block: its label's line and the value lines under it."""
    end = lines[i].end
    for j in range(i + 1, min(len(lines), i + 6)):
        text = lines[j].text
        if not text.strip() or label_of(lines[j]) or PARA_RE.match(text):
            break
        end = lines[j].end
    return lines[i].start, end


def date_from_label(lines: list[Line], i: int, inline: str) -> FoundDate | None:
    """A date printed after a DATE label, on the same line or on the next lines."""
    if inline.strip():
        found = find_date(inline, numeric=True)
        return found if found and found.start <= 3 else None
    for j in range(i + 1, min(len(lines), i + 4)):
        text = lines[j].text.strip()
        if not text:
            continue
        return date_only_line(text)
    return None
