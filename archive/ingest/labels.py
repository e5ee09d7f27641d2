"""Header labels and their values: MEMORANDUM FOR / TO / FROM / SUBJECT / DATE read through
OCR damage, a value cleaned of stamps and file numbers, and the shapes (prose, captions, title
lines) the header readers share."""

import re
from collections.abc import Callable
from typing import NamedTuple

from .patterns import Line, levenshtein, squash, trim_junk

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
SOFT_LABEL_RE = re.compile(
    r"^\W{0,3}(?:FROM|TO|SUBJECT|SUBJ|REFERENCE|REF|DATE|VIA|ATTENTION|ATTN|(?i:THRU|THROUGH))\b"
    r"[ \t]{0,3}[^\w \t]"
)

PARA_RE = re.compile(r"^\s*(?:\d{1,2}|[a-h])[.,)]\s")

COLUMNS_RE = re.compile(r"\S(?:.*?\S)?(?=[ \t]{3,}|[ \t]*$)")

_PORTION_RE = re.compile(
    r"(?:[ \t]+[-~+•«*(\[{]{0,3}[ \t]?\(?[ \t]?-?(?:U|C|S|TS|SBU|FOUO|LOU|S[ /]?NF|C[ /]?NF)-?"
    r"[ \t]?\)?[-~—)\]}»*.]{0,3}"
    r"|[ \t]+(?=\S{1,7}$)[^\s]*[(){}\[\]+«»*&^$§~—=][^\s]*"
    r"|[ \t]+[-—~]+[ \t]?[A-Za-z]?"
    r"|(?<=\d)[ \t]+[a-z&^$]{1,5})$"
)

TRAILING_DATE_RE = re.compile(r"[ \t]{1,}[0-3]?\d[ \t][A-Z][a-z]{2,8}[ \t](?:19|20)\d{2}[ \t]*$")

# The second column of a two-column header ("Director, FBI    DATE: 11/20/64").
SECOND_COLUMN_RE = re.compile(r"(?:[ \t]{2,}|[ \t])(?i:DATE|PATE|DATF|PARE)[ \t]?[:;.][^\n]*$")

# Printed captions of routing slips, cover sheets and stamps, not addressees.
FORM_CAPTION_RE = re.compile(
    r"(?i)ADDRESS|PHONE[ \t]NO|designation|room[ \t]number|building\)|OBJECTION"
    r"|DECLASSIF(?!ICATION[ \t]of[ \t])|org\.?[ \t]symbol|Agency/Post|\(Name\b|\(Optional\)"
    r"|FORM[ \t]NO|EDITION|\bACTION\b(?![ \t](?:by|to|on|of)\b)|\bINFO\b|\bCITE\b|ROUTING"
    r"|NOT[ \t]RECORDED|(?<!for[ \t])EXTENSION"
    r"|^NO\.|FOR[ \t]RELEASE"
    r"|Document[ \t]Number|F[O0][I1l]A[ \t]Review|If[ \t]destruction"  # a CIA cable's FOIA box
    r"|HISTORICAL[ \t]REVIEW[ \t]PROGRAM|RELEASE[ \t]AS[ \t]SANITIZED"  # the CIA's release stamp
    r"|Use[ \t]Only|Not[ \t]Reproduce"  # "Background Use Only / Do Not Reproduce"
)

DECLASS_STAMP_RE = re.compile(r"^\s*\d{2}-\d{2}-\d{4}[ \t]{1,3}[A-Z]{2}[ \t]{1,3}\d{5}")

FILE_PAREN_RE = re.compile(r"[ \t]*\((?:\d{1,3}(?:-\d{1,6}){1,2}|~?-?P-?|P)\)")

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
    value = squash(FILE_PAREN_RE.sub("", value))
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


def is_noise(text: str) -> bool:
    """A value with too few letters to be words: OCR debris."""
    letters = sum(c.isalpha() for c in text)
    return letters < 3 or letters < len(text.replace(" ", "")) * 0.5


SUBJECT_MARK_RE = re.compile(r"\b(?:AKA|aka|IS[ \t]?-|ESP[ \t]?-|AR\b|DAILY[ \t]SUMMARY)")

_PROSE_WORD_RE = re.compile(r"\b[a-z]{2,}\b")

_ADDRESS_WORDS = {"of", "and", "the", "for", "to", "attn", "via", "room", "building"}


def is_prose(text: str) -> bool:
    """A line of running text (several lower-case words beyond the small ones of an address)."""
    words = [w for w in _PROSE_WORD_RE.findall(text) if w not in _ADDRESS_WORDS]
    return len(words) >= 3 and len(text.split()) >= 5


# A value that is only a title, its organisation on a line of its own below a blank line.
CUT_TITLE_RE = re.compile(
    r"(?i)^(?:The[ \t])?(?:Deputy[ \t]|Assistant[ \t]|Acting[ \t])?(?:Director|Chief|Secretary"
    r"|Commissioner|Chairman)\W?$|^.{3,60}(?:,|[ \t]of)$"
)

# A bare label of a field this block does not read ("NO:", "Control:"), and a value that
# starts with a number (a message number), in a block whose values were OCR'd below the labels.
OTHER_LABEL_RE = re.compile(r"^\W{0,2}(?:[A-Z][A-Za-z.']{0,11}[ \t]?)?:[ \t]*$")  # or its ":"

# An addressee named by one word: the head of the agency, its headquarters, the file.
LONE_ADDRESSEE_RE = re.compile(r"(?i)^(?:DIRECTOR|HEADQUARTERS|BUREAU|FILES?)\W?$")

FBI_FORM_RE = re.compile(r"UNITED[ \t]STATES[ \t]GO|OPTIONAL[ \t]FORM|5010-1\d{2}")

OFFICIAL_TITLE_RE = re.compile(
    r"^(?:Acting[ \t])?(?:Chief|Deputy|Director|Assistant|Special[ \t]Assistant|Executive"
    r"|Inspector|Counsel|Coordinator|Officer|Head|SAC|Legal)\b|^[A-Z]{1,5}(?:/[A-Z0-9&]{1,6}){1,4}$"
)

VALUE_STOP_RE = re.compile(r"^\W{0,3}(?:\d{1,2}[.,)]|Re[ \t:]|RE[ \t:]|Reference|REFERENCE)\b")

# "FINJORANDUN TO:", "MEHORAHDUM FOR:", "NEMORANDUM FOR :", "MEMORANDUM «FOR:", "... FUR:"
_GARBLED_MEMO_RE = re.compile(
    r"^\W{0,3}([A-Za-z]{7,12})[ \t]*[«»\"'.]?[ \t]*(FOR|FUR|F0R|TO)[ \t]*[:;][ \t]*"
)

_LEAD_WORD_RE = re.compile(r"^\W{0,3}([A-Z][A-Za-z0-9]{5,7})(?:[ \t]?[:;]|[ \t]+[34+*][ \t]+)")


def _garbled_subject(text: str) -> bool:
    """A line led by the SUBJECT label that OCR garbled past the known variants ("SURIECT;")."""
    m = _LEAD_WORD_RE.match(text)
    return bool(m) and levenshtein(m[1].upper(), "SUBJECT", 2) <= 2


NOT_CAPTION_RE = re.compile(
    r"(?i)^\W{0,3}(?:(?:TOP[ \t])?SECRET|CONFIDENTIAL|UNCLASSIFIED|RESTRICTED)\W*$"
    r"|^\W{0,3}(?:Chief|Deputy|Director|Acting|SAC|ASAC|Legat|Mr\.|Mrs\.|Attention)\b"
    r"|^\W{0,3}[A-Z]{1,5}(?:[ \t]?/[ \t]?[A-Z0-9]{1,6}){1,4}\W*$|^\W*\((?![UCS]\)[ \t]\w)"
)


def plausible_caption(value: str) -> bool:
    """A SUBJECT value that can be a caption: not a classification word, an addressee, an
    office symbol or a form's printed note."""
    letters = sum(c.isalpha() for c in value)
    return letters >= 4 and not NOT_CAPTION_RE.search(value.strip())
