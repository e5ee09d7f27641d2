"""Memo headers: MEMORANDUM FOR / TO / FROM / SUBJECT / DATE blocks, FBI memo forms,
and the "Memorandum From X to Y" title line of transcribed documents.
"""

import re
from collections.abc import Callable
from typing import NamedTuple

from .dates import FoundDate, date_only_line, find_date
from .patterns import PRINTED_LABEL_RE, Line, levenshtein, reads_cleanly, squash, trim_junk
from .senderlines import sender_lines

_LABEL = (
    r"MEMORANDUM[ \t]+FOR(?:[ \t]+THE[ \t]+RECORD)?|Memorandum[ \t]+[Ff]or|MEMO[ \t]+FOR"
    r"|MEMORANDUM[ \t]+TO(?=[ \t]*:)|NOTE[ \t]+FOR(?=[ \t]*:)"
    r"|TO|T0|FROM|FRoM|FROH|FRON|PROM|BROM|FR0M"
    r"|ROM(?=[ \t]{1,3}(?:SAC|Legat|LEGAT|Director|DIRECTOR|Chief|CHIEF))"
    r"|THRU|THROUGH|VIA|SUBJECT|SUBJ|SUBUECTS?|SUBJECTS|SUBJBCT"
    r"|SUBIECT|SUHJECT|SUBJEOT|ATTENTION|ATTN|RE(?=[ \t]*:)"
    r"|REFERENCES?|REFS?|DATE[ \t]DISTR\.?|DATE(?:,[ \t]?TIME)?|PATE|DATF|TAGS|PARTICIPANTS"
    r"|Subject|To"
    r"|From|Date|Attention"
)
LABEL_RE = re.compile(
    r"^[ \t]*(?:(?:[^\w\n \t]|_){1,3}[ \t]*){0,2}"
    # OCR dirt before a label that has its colon ("fb To: Director, FBI", "4 MEMORANDUM FOR:").
    r"(?:(?:[a-z]{1,3}|\d{1,2})[ \t]+(?=(?:" + _LABEL + r")[ \t]*[:;]))?"
    r"(?P<label>" + _LABEL + r")"
    # Separators: a colon (OCR: ";", "3", "+", "*", "="; a mark before it: "FROM ~ :", "FROM. :"),
    # a wide gap, end of line, or one space.
    r"(?P<sep>[ \t]*(?:[~.,_-][ \t]?)?[:;=][ \t]*(?:[:;][ \t]*)?|[ \t]+[3+*][ \t]+|[ \t]*$"
    r"|[ \t]{2,}|[ \t](?=[A-Z0-9(]))"
    r"(?P<value>.*)$"
)
_TITLE_CASE = {"Subject", "To", "From", "Date", "Attention"}
_CANON = {
    "RE": "SUBJECT",
    "ROM": "FROM",
    "FROH": "FROM",
    "FRON": "FROM",
    "PROM": "FROM",
    "FR0M": "FROM",
    "BROM": "FROM",
    "T0": "TO",
    "PATE": "DATE",
    "DATF": "DATE",
    "SUBJBCT": "SUBJECT",
    "SUBIECT": "SUBJECT",
    "SUHJECT": "SUBJECT",
    "SUBJEOT": "SUBJECT",
    "SUBJ": "SUBJECT",
    "SUBUECT": "SUBJECT",
    "SUBUECTS": "SUBJECT",
    "SUBJECTS": "SUBJECT",
    "THROUGH": "THRU",
    "ATTN": "ATTENTION",
    "REFS": "REFERENCE",
    "REF": "REFERENCE",
    "REFERENCES": "REFERENCE",
    "MEMO FOR": "MEMORANDUM FOR",
    "MEMORANDUM TO": "TO",
    "NOTE FOR": "MEMORANDUM FOR",
}
# Label words with OCR-damaged separators ("FROM ~ :") still end an address block.
_SOFT_LABEL_RE = re.compile(
    r"^\W{0,3}(?:FROM|TO|SUBJECT|SUBJ|REFERENCE|REF|DATE|VIA|ATTENTION|ATTN|(?i:THRU|THROUGH))\b"
    r"[ \t]{0,3}[^\w \t]"
)
_PARA_RE = re.compile(r"^\s*(?:\d{1,2}|[a-h])[.,)]\s")
_COLUMNS_RE = re.compile(r"\S(?:.*?\S)?(?=[ \t]{3,}|[ \t]*$)")
_PORTION_RE = re.compile(
    r"(?:[ \t]+[-~+•«*(\[{]{0,3}[ \t]?\(?[ \t]?-?(?:U|C|S|TS|SBU|FOUO|LOU|S[ /]?NF|C[ /]?NF)-?"
    r"[ \t]?\)?[-~—)\]}»*.]{0,3}"
    r"|[ \t]+(?=\S{1,7}$)[^\s]*[(){}\[\]+«»*&^$§~—=][^\s]*"
    r"|[ \t]+[-—~]+[ \t]?[A-Za-z]?"
    r"|(?<=\d)[ \t]+[a-z&^$]{1,5})$"
)
_TRAILING_DATE_RE = re.compile(r"[ \t]{1,}[0-3]?\d[ \t][A-Z][a-z]{2,8}[ \t](?:19|20)\d{2}[ \t]*$")
# The second column of a two-column header ("Director, FBI    DATE: 11/20/64").
_SECOND_COLUMN_RE = re.compile(r"(?:[ \t]{2,}|[ \t])(?i:DATE|PATE|DATF|PARE)[ \t]?[:;.][^\n]*$")
# Printed captions of routing slips, cover sheets and stamps, not addressees.
_FORM_CAPTION_RE = re.compile(
    r"(?i)ADDRESS|PHONE[ \t]NO|designation|room[ \t]number|building\)|OBJECTION"
    r"|DECLASSIF(?!ICATION[ \t]of[ \t])|org\.?[ \t]symbol|Agency/Post|\(Name\b|\(Optional\)"
    r"|FORM[ \t]NO|EDITION|\bACTION\b(?![ \t](?:by|to|on|of)\b)|\bINFO\b|\bCITE\b|ROUTING"
    r"|NOT[ \t]RECORDED|(?<!for[ \t])EXTENSION"
    r"|^NO\.|FOR[ \t]RELEASE"
    r"|Document[ \t]Number|F[O0][I1l]A[ \t]Review|If[ \t]destruction"  # a CIA cable's FOIA box
    r"|HISTORICAL[ \t]REVIEW[ \t]PROGRAM|RELEASE[ \t]AS[ \t]SANITIZED"  # the CIA's release stamp
    r"|Use[ \t]Only|Not[ \t]Reproduce"  # "Background Use Only / Do Not Reproduce"
)
_DECLASS_STAMP_RE = re.compile(r"^\s*\d{2}-\d{2}-\d{4}[ \t]{1,3}[A-Z]{2}[ \t]{1,3}\d{5}")
_FILE_PAREN_RE = re.compile(r"[ \t]*\((?:\d{1,3}(?:-\d{1,6}){1,2}|~?-?P-?|P)\)")

_FILE_OPEN_RE = re.compile(r"[ \t]*\((?:\d{1,3}-)?\d[\d \t-]*$")


class Header(NamedTuple):
    """A labelled header value, the line index of its label, and the span it was read from."""

    value: str
    line: int
    confidence: float
    span: tuple[int, int] | None = None
    rule: str = "label"


# "THE RECORD" after MEMORANDUM FOR, OCR-damaged ("TIIE RECORD", "THE @ZCORD", "The Record").
_RECORD_RE = re.compile(
    r"^\W{0,3}(?:T[A-Za-z]{1,3}[ \t]+)?\W{0,2}(?:Record|[RZ]E?CORD|ECORD)\b\W*(?:[a-z]{1,3}\b)?"
)


def label_of(line: Line) -> tuple[str, str] | None:
    """(canonical label, inline value) when the line starts with a header label."""
    m = LABEL_RE.match(line.text)
    if not m:
        if _garbled_subject(line.text):
            return "SUBJECT", line.text[_LEAD_WORD_RE.match(line.text).end() :]
        memo = _GARBLED_MEMO_RE.match(line.text)
        if memo and levenshtein(memo[1].upper(), "MEMORANDUM", 3) <= 3:
            label = "TO" if memo[2].upper() == "TO" else "MEMORANDUM FOR"
            return label, line.text[memo.end() :]
        return None
    raw = re.sub(r"[ \t]+", " ", m["label"])
    sep = m["sep"]
    addressed = _ADDRESS_START_RE.match(m["value"])  # "FROM SAC, Dallas": the colon lost
    if raw in _TITLE_CASE and ":" not in sep and not (addressed and sep.strip() in "+*="):
        return None  # "To + The Director": a colon OCR'd as "+" before an addressee
    label = raw.upper()
    spaced = sep in (" ", "\t") and not label.startswith(("MEMORANDUM", "SUBJ", "DATE"))
    if spaced and not (addressed and _CANON.get(label, label) in ("FROM", "TO")):
        return None  # "TO BRIEF THE PRESIDENT" in a cable is prose, not a header
    if sep in (" ", "\t") and label == "DATE" and not m["value"][:1].isdigit():
        return None
    if sep in (" ", "\t") and label.startswith("SUBJ") and _SUBJECT_VERB_RE.match(m["value"]):
        return None  # "SUBJECT HAS BEEN APPROVED": the word in a sentence, not the label
    if label.startswith("MEMORANDUM FOR") and label.endswith("RECORD"):
        label = "MEMORANDUM FOR THE RECORD"
    elif label.startswith("MEMORANDUM FOR") and (record := _RECORD_RE.match(m["value"])):
        # "MEMORANDUM FOR RECORD", "MEMORANDUM FOR TiE RECORD", "... THE -RECORD ae"
        return "MEMORANDUM FOR THE RECORD", m["value"][record.end() :]
    label = _CANON.get(label, label)
    if label.startswith("DATE"):
        label = "DATE"
    return label, m["value"]


_SUBJECT_VERB_RE = re.compile(
    r"(?i)(?:HAS|HAVE|HAD|IS|WAS|WERE|MEETS|TO[ \t]BE|WILL|WOULD|SHOULD|MAY|CAN|DOES|DID|STATED"
    r"|ADVISED|SAID|AND|OF)\b"
)
_ADDRESS_START_RE = re.compile(
    r"(?:SAC|ASAC|SA|Legat|LEGAT|Director|DIRECTOR|Chief|CHIEF|Mr\.|Mrs\.|Dr\.|The[ \t]Director)\b"
)
# Words that are not part of an address: markings, captions, precedence, stray labels.
_VALUE_DIRT_RE = re.compile(
    r"(?:;|,)?[ \t]*\b(?:(?:TOP[ \t])?SECRET(?![ \t]+SERVICE)|CONFIDENTIAL|UNCLASSIFIED"
    r"|EYES[ \t]ONLY|EVES[ \t]ONLY|NOFORN|LIMDIS|EXDIS|NODIS|Attention|ATTENTION|NO:)\b[:.;,]?",
)
# A CIA stamp OCR read onto the header line: "Office of the General Counsel RETURN TO CIA".
_STAMP_TAIL_RE = re.compile(
    r"(?i)[ \t,;]+(?:RETURN[ \t]TO[ \t]CIA|BACKGROUND[ \t]USE[ \t]ONLY"
    r"|DO[ \t]NOT[ \t]REPRODUCE)\b.*$"
)
_LEAD_DIRT_RE = re.compile(
    r"^(?:\d{1,2}[ \t]+|(?:PRIORITY|ROUTINE|URGENT|IMMEDIATE|NIACT|FLASH|OPIM)[ \t]+)+"
)


def clean_value(value: str, fix: Callable[[str], str] | None = None) -> str:
    """Whitespace-normalise a header value and drop portion marks and OCR dirt at its end."""
    value = fix(value) if fix else value
    value = squash(_FILE_PAREN_RE.sub("", value))
    value = _FILE_OPEN_RE.sub("", value)  # "DIRECTOR, FBI (105-89923114144": its ")" lost
    for _ in range(3):
        new = _PORTION_RE.sub("", value)
        if new == value:
            break
        value = new
    value = _STAMP_TAIL_RE.sub("", value)
    value = _LEAD_DIRT_RE.sub("", value)  # "2 DIRECTOR ...", "PRIORITY DIRECTOR ..."
    value = _VALUE_DIRT_RE.sub("", value)  # "DIRECTOR, FBI; SECRET"
    return trim_junk(value)


def _is_noise(text: str) -> bool:
    letters = sum(c.isalpha() for c in text)
    return letters < 3 or letters < len(text.replace(" ", "")) * 0.5


_SUBJECT_MARK_RE = re.compile(r"\b(?:AKA|aka|IS[ \t]?-|ESP[ \t]?-|AR\b|DAILY[ \t]SUMMARY)")
_PROSE_WORD_RE = re.compile(r"\b[a-z]{2,}\b")
_ADDRESS_WORDS = {"of", "and", "the", "for", "to", "attn", "via", "room", "building"}


def _is_prose(text: str) -> bool:
    """A line of running text (several lower-case words beyond the small ones of an address)."""
    words = [w for w in _PROSE_WORD_RE.findall(text) if w not in _ADDRESS_WORDS]
    return len(words) >= 3 and len(text.split()) >= 5


def _block_lines(
    lines: list[Line], i: int, inline: str, tolerant: bool, noise=None
) -> list[tuple[int, str]]:
    """Raw (column offset, text) lines of a header block that starts on line i (stamps and
    page furniture between its lines are passed over)."""
    out: list[tuple[int, str]] = []
    inline = _SECOND_COLUMN_RE.sub("", inline)
    if inline.strip():
        out.append((len(lines[i].text) - len(inline), inline))
    blanks = 0
    for j in range(i + 1, min(len(lines), i + 16)):
        if noise is not None and noise(j):
            continue
        text = _SECOND_COLUMN_RE.sub("", lines[j].text)
        if not text.strip():
            blanks += 1
            cut = len(out) == 1 and _CUT_TITLE_RE.match(out[0][1].strip())
            if out and (not (tolerant or cut) or blanks > 1):
                break
            if blanks > 2:
                break
            continue
        if label_of(lines[j]) or _PARA_RE.match(text) or _SOFT_LABEL_RE.match(text):
            break
        if _BARE_LABEL_WORD_RE.match(text):
            break  # "From" on a line of its own, its colon OCR'd on the next
        if tolerant and _OTHER_LABEL_RE.match(text):
            blanks = 0
            continue  # another field's bare label ("NO:") stacked among the values
        if date_only_line(text) or tolerant and out and _NUMBER_START_RE.match(text):
            break  # a date, or another field's value ("748, OCTOBER 19, 1 PM")
        flat = squash(text)
        if len(flat) > 90 or flat.endswith(".") and len(flat) > 40:
            break
        if _is_prose(flat):
            break  # the body begins: addresses are names and offices, not sentences
        if out and _SUBJECT_MARK_RE.search(flat):
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


# A value that is only a title, its organisation on a line of its own below a blank line.
_CUT_TITLE_RE = re.compile(
    r"(?i)^(?:The[ \t])?(?:Deputy[ \t]|Assistant[ \t]|Acting[ \t])?(?:Director|Chief|Secretary"
    r"|Commissioner|Chairman)\W?$|^.{3,60}(?:,|[ \t]of)$"
)


_BARE_LABEL_WORD_RE = re.compile(r"^\W{0,3}(?i:FROM|TO|SUBJECT|DATE)\W{0,3}$")
# A bare label of a field this block does not read ("NO:", "Control:"), and a value that
# starts with a number (a message number), in a block whose values were OCR'd below the labels.
_OTHER_LABEL_RE = re.compile(r"^\W{0,2}(?:[A-Z][A-Za-z.']{0,11}[ \t]?)?:[ \t]*$")  # or its ":"
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
        for m in _COLUMNS_RE.finditer(text):
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
        if nxt is None or label_of(lines[nxt]) or _PARA_RE.match(lines[nxt].text):
            return "", 0.0
        i, inline, confidence = nxt, lines[nxt].text, 0.6
        column = len(inline) - len(inline.lstrip())
    parts = [inline]
    last = i
    for j in range(i + 1, min(len(lines), i + 3)):
        text = lines[j].text
        if not text.strip() or label_of(lines[j]) or _PARA_RE.match(text) or _is_noise(text):
            break
        if _VALUE_STOP_RE.match(text.strip()):
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
        if not j or label_of(lines[j]) or _PARA_RE.match(text) or _is_noise(text):
            break
        if len(squash(text)) > 90 or _SECOND_COLUMN_RE.search(text) or _is_prose(squash(text)):
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
            if _DECLASS_STAMP_RE.match(inline):
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
            entries = [clean_value(_TRAILING_DATE_RE.sub("", e), fix) for e in _entries(raw)]
            entries = [
                e for e in entries if len(e) >= 2 and not _is_noise(e) and not _BOX_WORD_RE.match(e)
            ]
            joiner = "; " if label in ("MEMORANDUM FOR", "TO") else ", "
            value = joiner.join(entries)
            if label in ("MEMORANDUM FOR", "TO"):
                # "Chief, CIB THRU the appropriate approving officials": the route, not whom.
                value = _THRU_RE.split(value, maxsplit=1)[0]
        printed = PRINTED_LABEL_RE.search(value)
        if _plausible_party(label, value) and not _FORM_CAPTION_RE.search(value) and not printed:
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
    if not _plausible_party("TO", value) or label_of(lines[j]) or _is_prose(value):
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
        if label_of(lines[j]) or not _TITLE_LINE_RE.match(text) or len(text) > 70:
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
    if len(words) == 1 and _LONE_ADDRESSEE_RE.match(value):
        return label != "FROM"  # "TO: DIRECTOR", "TO: Files", "MEMORANDUM FOR: Headquarters"
    return len(words) >= 2 or value.isupper() and len(value) <= 6 or "/" in value


# An addressee named by one word: the head of the agency, its headquarters, the file.
_LONE_ADDRESSEE_RE = re.compile(r"(?i)^(?:DIRECTOR|HEADQUARTERS|BUREAU|FILES?)\W?$")


def _block_span(lines: list[Line], i: int) -> tuple[int, int]:
    """The span of a header block: its label's line and the value lines under it."""
    end = lines[i].end
    for j in range(i + 1, min(len(lines), i + 6)):
        text = lines[j].text
        if not text.strip() or label_of(lines[j]) or _PARA_RE.match(text):
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


_FBI_PARTY_RE = re.compile(r"^[ \t]*(?P<v>(?:SAC|ASAC|SA|DIRECTOR|LEGAT)\b[^\n]{0,60})$")
_FBI_FORM_RE = re.compile(r"UNITED[ \t]STATES[ \t]GO|OPTIONAL[ \t]FORM|5010-1\d{2}")


def fbi_form_parties(lines: list[Line], hi: int) -> tuple[str | None, str | None]:
    """(recipient, sender) of an FBI Memorandum form whose labels were OCR'd apart from values."""
    head = lines[:hi]
    if not any(_FBI_FORM_RE.search(ln.text) for ln in head):
        return None, None
    start = next((k for k, ln in enumerate(head) if ln.text.strip() == "Memorandum"), None)
    if start is None:
        return None, None
    parties: list[str] = []
    for ln in head[start + 1 : start + 14]:
        m = _FBI_PARTY_RE.match(ln.text)
        if m:
            parties.append(trim_junk(_FILE_PAREN_RE.sub("", m["v"])))
        if len(parties) == 2:
            break
    to = parties[0] if parties else None
    frm = parties[1] if len(parties) > 1 and len(parties[1]) > 3 else None
    return to, frm


# A party line of the FBI memorandum form whose TO/FROM label OCR garbled into a short token
# ("tae :", "cero", "5A", "ode") or lost: the value starts with the title the form always has.
_FBI_FORM_LINE_RE = re.compile(
    r"^\W{0,3}(?:[A-Za-z0-9]{1,4}\W{0,3}[ \t]{1,3}(?:[:;=~-][ \t]*)?)?"
    r"(?P<v>(?:DIRECTOR,?[ \t]+FBI|(?:SAC|ASAC|LEGAT|Legat),?[ \t]+[A-Z][A-Za-z. ]{2,25})\b)"
    r"[^\n]{0,40}$"
)
_SECOND_DATE_RE = re.compile(r"(?i)[ \t]+(?:DATE|PATE|DATF)\b.*$")


def fbi_form_lines(
    lines: list[Line], lo: int, hi: int, noise=None
) -> tuple[tuple[str, int] | None, tuple[str, int] | None]:
    """((recipient, line), (sender, line)) of an FBI memorandum or airtel whose TO and FROM
    labels OCR garbled: two party lines one under the other ("DIRECTOR, FBI" over "SAC,
    DALLAS") among the first lines of the document."""
    seen = 0
    previous: tuple[str, int] | None = None
    for i in range(lo, min(hi, len(lines))):
        if noise is not None and noise(i) or not lines[i].text.strip():
            continue
        seen += 1
        if seen > 25:
            break
        text = _SECOND_DATE_RE.sub("", lines[i].text)
        hit = label_of(lines[i])
        if hit and hit[0] not in ("TO", "FROM"):
            previous = None
            continue
        m = _FBI_FORM_LINE_RE.match(text)
        if not m:
            previous = None
            continue
        value = trim_junk(m["v"])
        if previous is not None and previous[0] != value:
            return previous, (value, i)
        previous = (value, i)
    return None, None


TITLE_LINE_RE = re.compile(
    r"^(?:Draft[ \t]|Action[ \t]|Information[ \t])?"
    r"(?P<kind>Memorandum|Letter|Telegram|Airgram|Note|Paper|Minutes|Transcript|Record|Report)"
    r"(?: of [A-Z][^\n]{0,80}?)?(?: [Ff]rom (?P<frm>[^\n]{3,200}?))?(?: to (?P<to>[^\n]{3,200}))?$"
)


def title_line(lines: list[Line]) -> tuple[str, str | None, str | None] | None:
    """A transcribed document's first line 'Memorandum From X (office) to Y': title, from, to."""
    first = next((ln.text.strip() for ln in lines[:3] if ln.text.strip()), "")
    if not first or len(first) > 300:
        return None
    m = TITLE_LINE_RE.match(first)
    if not m:
        return None
    frm, to = m["frm"], m["to"]
    if frm and to is None and ")" in frm and " to " in frm[frm.index(")") :]:
        cut = frm.index(" to ", frm.index(")"))
        frm, to = frm[:cut], frm[cut + 4 :]
    if frm and to and "(" in frm and ")" not in frm:
        # " to " inside the sender's parentheses ("(Special Assistant to the Director ...)"):
        # the addressee starts at the first " to " outside them.
        cut = _outer_to(frm + " to " + to)
        if cut is None:
            return first, None, None
        joined = frm + " to " + to
        frm, to = joined[:cut], joined[cut + 4 :]
    if frm and (through := re.search(r" (?:Through|Via) ", frm)):
        frm = frm[: through.start()]  # "From X Through Y to Z": the sender is X
    return first, frm and squash(frm), to and squash(to)


def _outer_to(text: str) -> int | None:
    """The index of the first " to " outside parentheses, if any."""
    depth = 0
    for k, c in enumerate(text):
        depth += (c == "(") - (c == ")")
        if depth == 0 and text.startswith(" to ", k):
            return k
    return None


_HEADING_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_HEADING_SMALL = {
    "of", "the", "and", "on", "for", "to", "in", "with", "a", "an", "at", "by", "from", "de",
}  # fmt: skip


def heading_line(lines: list[Line]) -> int | None:
    """The index of a clean heading opening a transcribed document ("Minutes of the 1962
    Meeting of the Advisory Committee on ..."): title case, no sentence end, no OCR dirt."""
    first = next((k for k, ln in enumerate(lines[:3]) if ln.text.strip()), None)
    if first is None:
        return None
    text = lines[first].text.strip()
    if label_of(lines[first]) or _NOT_CAPTION_RE.search(text) or not reads_cleanly(text):
        return None  # a header label's line, an addressee ("Chief, WH Division"), OCR debris
    words = _HEADING_WORD_RE.findall(text)
    if not 3 <= len(words) <= 30 or len(text) > 250 or text.endswith((".", ",", ";", ":")):
        return None
    if sum(c.isalpha() or c.isspace() for c in text) < 0.9 * len(text):
        return None
    capital = sum(w[0].isupper() for w in words if w.lower() not in _HEADING_SMALL)
    content = sum(1 for w in words if w.lower() not in _HEADING_SMALL)
    return first if content and capital == content and not text.isupper() else None


_TITLE_LINE_RE = re.compile(
    r"^(?:Acting[ \t])?(?:Chief|Deputy|Director|Assistant|Special[ \t]Assistant|Executive"
    r"|Inspector|Counsel|Coordinator|Officer|Head|SAC|Legal)\b|^[A-Z]{1,5}(?:/[A-Z0-9&]{1,6}){1,4}$"
)
_TITLED_RE = re.compile(r"(?i)^\W{0,3}(?:Acting[ \t])?(?:Chief|Director|SAC|Legat)\b")
_RUN_LABELS = ("MEMORANDUM FOR", "TO", "FROM", "SUBJECT", "VIA", "THRU", "ATTENTION", "REFERENCE")
_VALUE_STOP_RE = re.compile(r"^\W{0,3}(?:\d{1,2}[.,)]|Re[ \t:]|RE[ \t:]|Reference|REFERENCE)\b")


# "FINJORANDUN TO:", "MEHORAHDUM FOR:", "NEMORANDUM FOR :", "MEMORANDUM «FOR:", "... FUR:"
_GARBLED_MEMO_RE = re.compile(
    r"^\W{0,3}([A-Za-z]{7,12})[ \t]*[«»\"'.]?[ \t]*(FOR|FUR|F0R|TO)[ \t]*[:;][ \t]*"
)
_INITIAL_END_RE = re.compile(r"\b[A-Z][a-z]+[ \t][A-Z]\.$")
_GEN_REG_RE = re.compile(r"GEN\.?[ \t]REG\.?[ \t]NO")  # "GSA GEN. REG. NO. 27" of the form
_LEAD_WORD_RE = re.compile(r"^\W{0,3}([A-Z][A-Za-z0-9]{5,7})(?:[ \t]?[:;]|[ \t]+[34+*][ \t]+)")


def _garbled_subject(text: str) -> bool:
    """A line led by the SUBJECT label that OCR garbled past the known variants ("SURIECT;")."""
    m = _LEAD_WORD_RE.match(text)
    return bool(m) and levenshtein(m[1].upper(), "SUBJECT", 2) <= 2


def _run_debris(text: str) -> bool:
    """A line among a label run's values that is no value: a bare label of another field
    ("ATE:"), or a lone fragment ("Declas", "SEQ") that names no one and captions nothing."""
    if _OTHER_LABEL_RE.match(text) or _FBI_FORM_RE.search(text) or _GEN_REG_RE.search(text):
        return True
    words = text.split()
    if len(words) != 1 or _LONE_ADDRESSEE_RE.match(text):
        return False
    word = words[0].strip(".,;:")
    return not word.isupper() or len(word) <= 3 and word not in _RUN_CODES


# Short codes that are whole values of a run ("TO" / "HQ").
_RUN_CODES = {"HQ", "FBI", "CIA", "NSA", "DCI", "DDP", "DDO", "DDI", "OGC", "OLC", "FILE"}


def label_run(
    lines: list[Line], lo: int, hi: int, fix: Callable[[str], str], noise=None
) -> dict[str, Header]:
    """Header labels OCR'd in a run ("TO:", "FROM:", "SUBJECT:") with their values in a run of
    their own below them: one value line for each label, the last label (SUBJECT) taking the
    capitalised caption lines that follow."""

    def own(j: int) -> bool:
        return lines[j].text.strip() != "" and not (noise is not None and noise(j))

    i = lo
    while i < hi:
        run: list[tuple[str, int]] = []
        j = i
        while j < hi and len(run) < 6:
            if not own(j):
                j += 1
                continue
            hit = label_of(lines[j])
            if not hit or hit[1].strip() or hit[0] not in _RUN_LABELS:
                break
            run.append((hit[0], j))
            j += 1
        if len(run) < 2:
            i = max(j, i + 1)
            continue
        values: list[int] = []
        k = j
        while k < min(len(lines), j + 20) and len(values) < len(run) + 3:
            if own(k):
                text = lines[k].text
                if label_of(lines[k]) or _PARA_RE.match(text) or _is_prose(squash(text)):
                    break
                if not _run_debris(squash(text)):
                    values.append(k)
            k += 1
        if len(values) < len(run):
            i = j
            continue
        found: dict[str, Header] = {}
        pointer = 0
        for n, (label, at) in enumerate(run):
            if pointer >= len(values):
                break
            picked = [values[pointer]]
            pointer += 1
            if n < len(run) - 1:
                # A name's title on the next line stays with it ("Raymond A. Warren" /
                # "Chief, Latin America Division"), if values remain for the labels after.
                # A value that is itself a title ("DIRECTOR, FBI") takes no second one.
                spare = len(values) - pointer > len(run) - 1 - n
                named = not _TITLED_RE.match(lines[picked[0]].text.strip())
                first = lines[picked[0]].text.strip()
                # A value cut after a title ("Director" / "Federal Bureau of Investigation")
                # or an initial ("Donald P." / "Gregg") goes on on the next line.
                cut = _CUT_TITLE_RE.match(first) or _INITIAL_END_RE.search(first)
                nxt = lines[values[pointer]].text.strip() if pointer < len(values) else ""
                if spare and (named and _TITLE_LINE_RE.match(nxt) or cut):
                    picked.append(values[pointer])
                    pointer += 1
            else:
                for extra in values[pointer:]:
                    text = lines[extra].text.strip()
                    if text.upper() != text or _VALUE_STOP_RE.match(text):
                        break
                    picked.append(extra)
            value = clean_value(" ".join(lines[p].text for p in picked), fix)
            if label == "SUBJECT" and not plausible_caption(value):
                continue
            if len(value) >= 2 and not _FORM_CAPTION_RE.search(value) and not _is_noise(value):
                span = (lines[picked[0]].start, lines[picked[-1]].end)
                found[label] = Header(value, at, 0.7, span)
        return found
    return {}


_NOT_CAPTION_RE = re.compile(
    r"(?i)^\W{0,3}(?:(?:TOP[ \t])?SECRET|CONFIDENTIAL|UNCLASSIFIED|RESTRICTED)\W*$"
    r"|^\W{0,3}(?:Chief|Deputy|Director|Acting|SAC|ASAC|Legat|Mr\.|Mrs\.|Attention)\b"
    r"|^\W{0,3}[A-Z]{1,5}(?:[ \t]?/[ \t]?[A-Z0-9]{1,6}){1,4}\W*$|^\W*\((?![UCS]\)[ \t]\w)"
)


def plausible_caption(value: str) -> bool:
    """A SUBJECT value that can be a caption: not a classification word, an addressee, an
    office symbol or a form's printed note."""
    letters = sum(c.isalpha() for c in value)
    return letters >= 4 and not _NOT_CAPTION_RE.search(value.strip())
