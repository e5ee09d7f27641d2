"""A document's parts, found before any field is read.

A released record is more than the memo: NARA's identification form, release and review stamps
printed across pages, page footers and markup of the OCR, CIA routing sheets, then the memo's
own letterhead and header, its body, the signature, distribution and enclosures. Field finders
read each part for what it can say (the form for the archival description, the header for
from/to/subject, the body for nothing but text), and snippets, summaries and entity links keep
to the body.

`dissect(text, lines)` returns the parts as character spans plus a kind per line.
"""

import re
from typing import NamedTuple

from . import families, rif
from .patterns import NARA_FOOTER_RE, Line

FORM, STAMP, FURNITURE, ROUTING = "form", "stamp", "furniture", "routing"
HEADER, BODY, SIGNATURE, DISTRIBUTION, ENCLOSURE = (
    "header",
    "body",
    "signature",
    "distribution",
    "enclosure",
)
NOT_BODY = frozenset({FORM, STAMP, FURNITURE, ROUTING})

# Page furniture: footers, OCR markup, record numbers alone, printing notes, page numbers.
_FURNITURE_RE = re.compile(
    r"(?i)^\W{0,4}(?:#{1,3}[ \t]|DOCID-?\d|---+$|Page[ \t]\d{1,3}(?:[ \t]of[ \t]\d{1,3})?\W*$"
    r"|\d{1,2}-0{4,5}\W*$|[12]\d{2}[-~][ \t]?\d{4,5}[-~][ \t]?\d{4,5}\W*$"
    r"|[A-Z]{0,2}\W{0,2}\d{1,3}\W*$|-[ \t]?\d{1,3}[ \t]?-$"
    r"|(?:U\.?\s?S\.?\s?)?GOVERNMENT[ \t]PRINTING[ \t]OFFICE|CLINTON[ \t]LIBRARY[ \t]PHOTOCOPY"
    # The library's stamp after OCR's reading of a classification stamp ("-secres, = CLINTON").
    r"|.{0,24}?CLINTON[ \t.]{1,3}LIBRARY\W{0,3}\w?HOTOCOP"
    r"|Do[ \t]not[ \t]write[ \t]in[ \t]spaces|DOC[ \t]?ID[ \t:]{0,3}\d)"
)
_RELEASE_RE = re.compile(
    r"(?i)RELEASE[ \t]{1,3}UNDER[ \t]{1,3}THE[ \t]{1,3}PRESIDENT|ASSASSINATION[ \t]RECORDS[ \t]"
    r"(?:ACT|COLLECTION)|RECORDS[ \t]COLLECTION[ \t]ACT|\(44[ \t]USC[ \t]2107|Released[ \t]under"
    r"[ \t]the[ \t]John"
)
# What is left of a release or library stamp the OCR damaged or cut ("[ATION RECORDS ACT OF
# 1992 J", "2022 RELEASE UNDER THE PI", "CKANTON LIBRARY PHOTOCOPY PBRE-- 13826", the Ford
# Library's "Photocopy" / "Gerald R. Ford Library"): judged on short lines only, where prose
# naming the Act or a library seldom stands alone.
_DAMAGED_RE = re.compile(
    r"(?i)RECORDS[ \t]ACT[ \t]OF[ \t]1992|20\d{2}\W{0,3}RELEASE[ \t]UNDER\b"
    r"|^\W{0,3}RELEASE[ \t]UNDER[ \t]THE[ \t]PRES|LIBRARY[ \t]PHOTOCOPY|PHOTOCOPY[ \t]FROM[ \t]THE"
    r"|^\W{0,3}Photocopy\W*$|^\W{0,3}Gerald[ \t]R\.?[ \t]Ford[ \t]Library\W*$"
    r"|CLINT\w{0,3}\W.{0,25}P[HR]OTOCOPY|(?-i:P[HR]OTOCOPY)\W{0,4}(?:PER\b.{0,25})?$"
)
_DAMAGED_HINTS = ("records act", "release under", "otocopy", "ford library")
_DAMAGED_CHARS = 100
# Declassification, review and FBI filing stamps: their dates and words are not the memo's.
_STAMP_RE = re.compile(
    r"(?i)ALL[ \t]F[BE]I[ \t]INFORMATION|HEREIN[ \t]IS[ \t]UNCLASSIFIED|CONTAINED[ \t]HEREIN"
    r"|ALL[ \t]INFORMATION[ \t]CONTAINED|^\W{0,3}OTHERWISE\W{0,3}$"
    r"|^\W{0,3}DATE[ \t]\d{1,2}[-/]\d{1,2}[-/]\d{2,4}[ \t]BY\b|DECLASSIF(?:IED|Y[ \t]ON)"
    r"|CLASSIFIED[ \t]BY|^\W{0,3}CL[ \t]BY\b|DECL[ \t]OADR|^\W{0,3}DRV[ \t]|NO[ \t]OBJECTION[ \t]TO"
    r"|RELEASE[ \t]OF[ \t](?:CIA[ \t])?INFORMATION|IN[ \t]THIS[ \t]DOCUMENT|RETURN[ \t]TO[ \t]CIA"
    r"|BACKGROUND[ \t]USE|DO[ \t]NOT[ \t]REPRODUCE|Approved[ \t]For[ \t]Release"
    r"|^\W{0,3}(?:SEARCHED|INDEXED|SERIALIZED|FILED)\b|^\W{0,3}(?:REC|EX|ST)[- ]\d{1,3}\b"
    r"|E\.?[ \t]?O\.?[ \t]?1[23]\d{3}|Authority[ \t]N[NL]D|SANITIZED|FOIA[ \t]Review"
    r"|REVIEWED[ \t]BY|EXCEPT[ \t]WHERE[ \t]SHOWN|^\W{0,3}\d{1,2}[ \t]?[A-Z]{3}[ \t]\d{1,2}["
    r" \t]?19\d{2}\W*$"
    r"|Systematic[ \t]Review|^\W{0,3}IMPDET|^\W{0,3}E[-. ]?2[ \t]IMPDET|CIA[ \t]HAS[ \t]NO"
    r"|Document[ \t]Number[ \t]\d|PER[ \t]EO[ \t]\d|REGRADED"
)
# A stamp word that is not a stamp: inside a memo's header line ("MEMORANDUM FOR: Office of the
# General Counsel RETURN TO CIA", "SUBJECT: ... Release of CIA Information"), in an editor's
# note ("[name not declassified]"), or naming an office ("Director, Office of Systematic Review",
# "Chief, FOIA Review Staff").
_NOT_STAMP_RE = re.compile(
    r"(?i)^\W{0,3}(?:MEMORANDUM[ \t]+(?:FOR|TO)\b|(?:SUBJECT|SUBJ|TO|FROM|RE)[ \t]*[:;])"
    r"|\bnot[ \t]declassified\b|Office[ \t]of[ \t](?:\w+[ \t]){0,2}Review"
    r"|Review[ \t](?:Staff|Group|Division|Branch|Board|Officer)\b"
)
_ROUTING_RE = re.compile(
    r"(?i)ROUTING[ \t]AND[ \t]RECORD\b|TRANSMITTAL[ \t]SLIP|ROUTING[ \t]SLIP"
    r"|OFFICIAL[ \t]ROUTING|DISSEMINATION[ \t]RECORD[ \t]OF"
)
_DISTRIBUTION_RE = re.compile(
    r"(?i)^\W{0,3}(?:Distribution|cc|Copies[ \t]to|Copy[ \t]to|bcc|Orig(?:inal)?[ \t]?&|"
    r"\d{1,2}[ \t]?-[ \t]?(?:Bureau|Director|New[ \t]York|Dallas|Miami|Washington|Addressee))\b"
)
_ENCLOSURE_RE = re.compile(r"(?i)^\W{0,3}(?:Attachments?|Enclosures?|Encl?\.|Tab[ \t][A-Z1-9])\b")
_SIGN_OFF_RE = re.compile(
    r"(?i)^\W{0,3}(?:Sincerely|Very[ \t]truly[ \t]yours|Respectfully|Yours[ \t]sincerely"
    r"|Faithfully)\b"
)


class Part(NamedTuple):
    """One part of a document: its kind and its span in the text."""

    kind: str
    start: int
    end: int


class Anatomy(NamedTuple):
    """The document's parts, its identification form if any, and its family."""

    parts: list[Part]
    kinds: list[str]  # one kind per line
    form: rif.IdentificationForm | None
    family: families.Recognition
    body_lo: int  # first line after the form (and routing sheets)

    def noise(self, i: int) -> bool:
        """Whether line i is not the document's own text (form, stamp, furniture, routing)."""
        return self.kinds[i] in NOT_BODY

    def body_spans(self) -> list[tuple[int, int]]:
        """The spans of the document's own text: the header, body, signature and the rest."""
        return [(p.start, p.end) for p in self.parts if p.kind not in NOT_BODY]


# Words one of which every stamp line holds: a cheap test before the stamp expression.
_STAMP_HINTS = (
    "fbi", "feI", "herein", "date", "declass", "classif", "cl by", "decl", "drv", "objection",
    "release", "document", "return to", "background", "reproduce", "approved", "searched",
    "indexed", "serialized", "filed", "rec", "ex", "st", "e.o", "eo", "e o", "1", "authority",
    "sanitized", "foia", "review", "except", "impdet", "cia has", "per eo", "regraded",
    "information", "otherwise",
)  # fmt: skip
_FOOTER_HINTS = ("doc", "do", "release", "assassination", "2107", "released")


def line_kind(text: str) -> str | None:
    """The kind of a line that is furniture or a stamp wherever it stands, else None."""
    stripped = text.strip()
    if not stripped:
        return None
    lower = stripped.lower()
    if any(h in lower for h in _FOOTER_HINTS) and (
        NARA_FOOTER_RE.search(stripped) or _RELEASE_RE.search(stripped)
    ):
        return FURNITURE
    if _FURNITURE_RE.match(stripped):
        return FURNITURE
    if (
        len(stripped) <= _DAMAGED_CHARS
        and any(h in lower for h in _DAMAGED_HINTS)
        and _DAMAGED_RE.search(stripped)
    ):
        return STAMP
    if len(stripped) <= 90 and any(h in lower for h in _STAMP_HINTS):
        m = _STAMP_RE.search(stripped)
        if m and not _NOT_STAMP_RE.search(stripped) and not _in_prose(stripped, m.start()):
            return STAMP
    return None


_LOWER_WORD_RE = re.compile(r"\b[a-z]{2,}\b")


def _in_prose(text: str, at: int) -> bool:
    """Whether a stamp's words found at `at` stand in a sentence: the line starts in lower case
    with three words in lower case ("searched in connection with this case"; not "for FOIA
    Review on JUN 1976"), or they come after the line's start in a line of four words in lower
    case ("We have no objection to the declassification")."""
    first = next((c for c in text if c.isalpha()), "")
    lower = len(_LOWER_WORD_RE.findall(text))
    return first.islower() and lower >= 3 or at > 3 and lower >= 4


# Where the memo behind a routing sheet begins, when no page break says so: its heading or
# its first numbered paragraph; the sheet's own form line ("FORM 610", "USE PREVIOUS EDITIONS")
# ends it.
_MEMO_START_RE = re.compile(
    r"^\W{0,3}(?:MEMORANDUM\b|DISPATCH\b|CLASSIFIED[ \t]MESSAGE\b|1\.[ \t]+[A-Z][a-z]+[ \t]\w)"
)
# A new page in the OCR's text without a form feed: the scan's page marker ("13-00000") or
# the markup's ("## Page 3").
_PAGE_START_RE = re.compile(r"^\W{0,3}(?:\d{1,2}-0{4,5}\W*$|#{1,3}[ \t]Page[ \t]\d)")
_SHEET_FORM_RE = re.compile(
    r"(?i)^\W{0,3}f\w{1,3}\W{0,3}[ \t]*6[1l]0\b|\bFORM[ \t]+6[1l]0\b|PREVIOUS[ \t]EDITIONS?\b"
    # The form number before the sheet's row of classification boxes, OCR dirt around it:
    # "| sr 610 “LESS (] secret [] CONFIDENTIAL", "i, Be 6lO“uree™ fer seceer C) conripewmiat".
    r"|^\W{0,3}(?:\S{1,5}[ \t]+){0,2}6[1lI][0O]\W.{0,40}?(?:SEC|CONF|INTERNAL|UNCLAS|EDITION)"
)
# The rest of that row of boxes on lines of their own ("CONFIDENTIAL / INTERNAL / USE ONLY /
# UNCLASSIFIED"): part of the sheet when it names two levels or more.
_BOX_RE = re.compile(
    r"(?i)^\W{0,4}(?:(?:TOP[ \t])?SECRET|CONFIDENTIAL|UNCLASSIFIED|INTERNAL|USE[ \t]ONLY)\W{0,4}$"
)
_BOX_LEVEL_RE = re.compile(r"(?i)SECRET|CONFIDENTIAL|UNCLASSIFIED")


def _box_row_end(lines: list[Line], j: int) -> int:
    """The line after a row of classification boxes, one per line, that starts at line j (j
    when what follows is not such a row: a lone "SECRET" is the memo's own banner)."""
    end, levels = j, set()
    for k in range(j, min(len(lines), j + 12)):
        text = lines[k].text
        if not text.strip():
            continue
        if not _BOX_RE.match(text):
            if len(text.strip()) <= 6:
                continue  # a number written beside the boxes ("6558")
            break
        levels.update(m.group().upper() for m in _BOX_LEVEL_RE.finditer(text))
        end = k + 1
    return end if len(levels) >= 2 else j


def _sheet_title(text: str) -> bool:
    """The line is a routing sheet's printed title, not a sentence naming one ("forwarded to
    WFO by Bureau routing slip dated ...")."""
    return bool(_ROUTING_RE.search(text)) and len(_LOWER_WORD_RE.findall(text)) < 4


def _routing_end(lines: list[Line], i: int) -> int:
    """Where a routing sheet that starts at line i ends: its page's end, the line after its
    form number, or the memo's heading or first paragraph; at most 90 lines on."""
    page = lines[i].page
    for j in range(i + 1, min(len(lines), i + 90)):
        text = lines[j].text
        if lines[j].page != page or NARA_FOOTER_RE.search(text):
            return j + (lines[j].page == page)
        if j > i + 3 and (_MEMO_START_RE.match(text) or _PAGE_START_RE.match(text)):
            return j
        if _SHEET_FORM_RE.search(text):
            return _box_row_end(lines, j + 1)
    return min(len(lines), i + 90)


def dissect(text: str, lines: list[Line]) -> Anatomy:
    """Find the parts of one document."""
    form = rif.parse_rif(text, lines)
    kinds = [BODY] * len(lines)
    lo = 0
    if form:
        while lo < len(lines) and lines[lo].start < form.end:
            kinds[lo] = FORM
            lo += 1
    box_end = lo
    for i in range(lo, len(lines)):
        kind = line_kind(lines[i].text)
        if kind:
            kinds[i] = kind
        elif i >= box_end and _BOX_RE.match(lines[i].text):
            # A form's row of classification boxes, one per line: furniture, not a banner.
            box_end = _box_row_end(lines, i)
            for k in range(i, box_end):
                kinds[k] = FURNITURE
    # Routing and record sheets in front of the memo (CIA), up to 3 pages of them.
    i = lo
    for _ in range(3):
        first = next(
            (k for k in range(i, min(len(lines), i + 40)) if _sheet_title(lines[k].text)),
            None,
        )
        if first is None:
            break
        end = _routing_end(lines, first)
        for k in range(i, end):
            if kinds[k] == BODY:
                kinds[k] = ROUTING
        i = end
    body_lo = next((k for k in range(lo, len(lines)) if kinds[k] == BODY), lo)
    _tail_parts(lines, kinds, body_lo)
    family = families.recognise(text, lines, kinds, body_lo)
    return Anatomy(_spans(lines, kinds), kinds, form, family, body_lo)


def _tail_parts(lines: list[Line], kinds: list[str], lo: int) -> None:
    """Mark distribution lists, enclosure notes and sign-offs after the body's prose."""
    tail = None
    for i in range(lo, len(lines)):
        if kinds[i] != BODY:
            continue
        text = lines[i].text
        if _DISTRIBUTION_RE.match(text):
            tail = DISTRIBUTION
        elif _ENCLOSURE_RE.match(text):
            tail = ENCLOSURE
        elif _SIGN_OFF_RE.match(text):
            tail = SIGNATURE
        elif tail and len(text.strip()) > 70:
            tail = None  # prose again: a new page of the body
        if tail:
            kinds[i] = tail


def _spans(lines: list[Line], kinds: list[str]) -> list[Part]:
    parts: list[Part] = []
    for line, kind in zip(lines, kinds, strict=True):
        if parts and parts[-1].kind == kind:
            parts[-1] = parts[-1]._replace(end=line.end)
        else:
            parts.append(Part(kind, line.start, line.end))
    return parts
