"""The case caption of an FBI document, where the FBI's forms and house style put it.

An FBI document's own title is its case caption: the subject's name and aliases over the
character of the case ("SANTO TRAFFICANTE, JR, aka" / "ANTI-RACKETEERING"). Where it stands:

- The report form (FD-263) has a box TITLE OF CASE beside REPORT MADE BY and TYPED BY, and
  CHARACTER OF CASE under REPORT MADE BY. OCR reads the boxes row by row: the header line
  ("TILE OF CASE REPORT MADE BY TYPED BY", the T often lost: "TILE", "HTITLE", "«TLE"), then
  the agent's name with the typist's initials ("RALPH R, HILL Jr, pit"), then the caption's
  first line with the CHARACTER OF CASE label beside it ("SEBASTIAN JOHN LA ROCCA, aka
  CHARACTER OF CASE"). The agent's line is no caption (`agent_line`); the caption beside the
  label is read (`beside_character`, rule `fbi-case-title-beside`); the cover page's sections
  under the boxes (REFERENCES, LEADS, ADMINISTRATIVE, "TO BUREAU:") end the search
  (`cover_stop`). OCR writes a caption's "aka" as "was" or "wa," (`aka`).
- The older report form (FD-204) prints its labels in a column ("Report of:", "Date:",
  "Field Office File No.", "Title:", "Character:", "Synopsis:") and OCR gives the values
  after them in the same order: the agent and office ("SA STEPHEN J. LABADIE Office: TAMPA"),
  the date, the file numbers ("92-1 Bureau File No: 92-2781"), then the title
  (`old_form_title`, rule `fbi-report-title`); where OCR kept each label with its value,
  the title is the value of "Title:" ("Title; SAMUEL M, GIANCANA").
- A teletype runs its caption into the first line of its text, under the FROM line: "ANGELO
  BRUNO, AKA; AR. DAILY RAD. PH 623-C ADVISED ..." (`teletype_caption`, rule
  `fbi-teletype-caption`): the subject's name and aliases, then the character of the case,
  closed by a full stop.
- A report whose form boxes were lost is captioned by the letterhead memorandum filed with
  it, "dated and captioned as above" (`enclosed_lhm_caption`, rule `fbi-report-lhm-caption`).
- The airtel form (FD-36) OCR'd as a run of labels ("TO:" / "FROM:" / "RE:") over their
  values is the document's own header, above an attached teletype's TO and FROM lines or a
  later "RE:" paragraph (`prefer_run`). OCR debris after a caption's capitals ("PODER CUBANO
  b-b-%") is left out (`tail_debris`).

And the report form's parties: the agent in REPORT MADE BY written without "SA" ("SAMUEL A" /
"MILLER", `made_by`, rule `fbi-report-made-by`), and the reporting office where OCR ran the
REPORTING OFFICE and OFFICE OF ORIGIN values together ("PITTSBURGH PITTSBURGH", `row_city`).
"""

import re

from . import dates
from .originators import fbi_city
from .patterns import Line, Read, reads_cleanly, squash, trim_junk

CASE_TITLE_RE = re.compile(r"(?i)(?<![A-Z])\w{0,3}[TIL1]LE[ \t]+OF[ \t]+CASE")
_CHARACTER_LABEL_RE = re.compile(r"(?i)\bCHARA\w{3,6}[ \t]+O[FP][ \t]+CASE\b")
# The REPORT MADE BY box's value: an agent's name ("SA_REGIS L.", "ROBERT A, VOEGE alz"), the
# typist's initials after it; OCR debris before it ("ny", "Q. P", "-").
_INITIAL = r"[A-Z](?:[.,][ \t]*|[ \t]+)"
_NAME = rf"[A-Z][A-Z'-]+[ \t]+{_INITIAL}(?:{_INITIAL})?[A-Z][A-Za-z'-]+"
_AGENT_LINE_RE = re.compile(
    rf"^(?:[^A-Za-z]*|(?:[A-Za-z]{{1,2}}\W{{0,2}}[ \t]+){{1,2}})(?:S\.?A\.?[ \t_]+[A-Z]"
    rf"|(?P<name>{_NAME}(?:,?[ \t]*(?:JR|Jr|SR|Sr|III|II)\b\.?)?)"
    r",?(?:[ \t]+[A-Z]{2,3}[ \t]?:[ \t]?[a-z]{2,4})?(?:[ \t]+[a-z]{1,4}\W{0,3})*[\W_]*$)"
)
_COVER_STOP_RE = re.compile(
    r"(?i)^\W{0,3}(?:REFERENCES?\b|LEADS\b|ADMINISTRATIVE\b|ENCLOSURES?\b|SYNOPSIS\b|DETAILS\b"
    r"|TO[ \t]BUREAU\b|Report[ \t]of\b|APPROVED\b|COPIES[ \t]MADE\b|INFORMANTS\b)"
)
# OCR's "aka" at a caption's end: "CHARLES TOURINE, was", "GUS ALEX, was.", "SCIANDRA, wa,".
_AKA_OCR_RE = re.compile(r",[ \t]*(?:was|wa|Aka|AKA|aka)\b\W{0,2}$")


# The character of a case by an act or a country: "REGISTRATION ACT - CUBA" ("AGT - Hol").
_ACT_DASH_RE = re.compile(r"\b(?:A[CG]T|SECURITY|MATTERS)[ \t]*[-–—~=]")


def character(value: str) -> bool:
    """The character of the case, OCR's spaces aside ("ANT I-RACKETEER ING")."""
    squeezed = re.sub(r"[^A-Z]", "", value.upper())
    return squeezed.startswith(("ANTIRACKET", "INTERNALSECUR")) or bool(_ACT_DASH_RE.search(value))


def aka(value: str) -> str:
    """A caption's "aka" as typed, where OCR read it "was" or "wa" after the name's comma; a
    stray small letter before the caption's capitals ("i CHARLES TOURINE") left out."""
    value = re.sub(r"(?<=[A-Z.])[~_](?=[A-Z])", " ", value)  # "SAMUEL M.~GIANCANA"
    return _AKA_OCR_RE.sub(", aka", re.sub(r"^[a-z¢]{1,2}[ \t]+(?=[A-Z]{2})", "", value))


def agent_line(text: str) -> bool:
    """The REPORT MADE BY box's value read on its own line (see the module docstring)."""
    return bool(_AGENT_LINE_RE.match(text.strip())) and not re.search(r"(?i)\baka\b", text)


_MADE_BY_RE = re.compile(r"(?i)\bR[eo]port[ \t]+made[ \t]+[BA]Y\b")
_SPLIT_NAME_RE = re.compile(r"^\W{0,3}([A-Z][A-Z'-]+[ \t]+[A-Z])\.?$")  # "SAMUEL A" / "MILLER"
# A name written out in the box ("WILLIAM MAYO DREW, JR."), alone on its line.
_FULL_NAME_RE = re.compile(
    r"^\W{0,3}(?P<name>[A-Z][A-Z'-]+(?:[ \t]+[A-Z][A-Z'-]+){2}(?:,[ \t]*JR)?)\.?$"
)
_PERIOD_RE = re.compile(r"(?i)INVESTIGATIVE|PERIOD|TYPED|^[\W\d/ -]*$")


def made_by(block: list[tuple[int, str]]) -> tuple[str, int] | None:
    """The agent in the report form's REPORT MADE BY box, written without "SA" ("ROBERT A.
    VOEGE", "SAMUEL A" / "MILLER", "~ ELMER F, EMRICH ems"), with its line."""
    block = [(i, t.strip()) for i, t in block if t.strip()]
    at = next((k for k, (_i, t) in enumerate(block) if _MADE_BY_RE.search(t)), None)
    if at is None:
        return None
    rest = block[at + 1 : at + 7]
    for k, (i, text) in enumerate(rest[:5]):
        if _CHARACTER_LABEL_RE.search(text) or CASE_TITLE_RE.search(text):
            return None
        if _PERIOD_RE.search(text):
            continue  # the boxes beside it: the investigative period, TYPED BY
        if (m := _SPLIT_NAME_RE.match(text)) and k + 1 < len(rest):
            text = f"{m[1]}. {rest[k + 1][1]}"
        m = _AGENT_LINE_RE.match(text) or _FULL_NAME_RE.match(text)
        if not m or not m["name"] or re.search(r"(?i)\baka\b", text):
            return None
        name = re.sub(r"\b([A-Z]),[ \t]", r"\1. ", squash(m["name"]))
        return re.sub(r"\b([A-Z])[ \t]+(?=[A-Z]{2})", r"\1. ", name), i
    return None


def with_agent(found: dict, lines: list[Line], start: int, noise, reach: int = 60) -> dict:
    """The report form's reading with the REPORT MADE BY agent added where none was read."""
    if "agent" in found:
        return found
    block = [(i, lines[i].text) for i in range(start, min(len(lines), start + reach))]
    if hit := made_by([(i, t) for i, t in block if not noise(i)]):
        found["agent"] = Read(hit[0], hit[1], "fbi-report-made-by")
    return found


_ORIGIN_RE = re.compile(r"(?i)^\W{0,3}O\w{1,3}ice[ \t]+of[ \t]+Origin")


def not_caption(value: str, agent_words: set[str], rest: list[str]) -> bool:
    """A line under TITLE OF CASE that is no caption: the character of the case with OCR's
    spaces, the agent's name, OCR debris, or the reporting office's city, OCR-garbled
    ("PITSBURGH"), where the older form prints the OFFICE OF ORIGIN box under it."""
    if character(value) or set(value.split()) <= agent_words or debris_words(value):
        return True
    return len(value.split()) <= 2 and bool(rest) and bool(_ORIGIN_RE.match(rest[0]))


# OCR's debris after a caption's capitals: a last token of symbols and a letter or two.
_TAIL_DEBRIS_RE = re.compile(
    r"[ \t]+(?!\S*[A-Z])(?=(?:[^\sa-z]*[a-z]){1,2}[^\sa-z]*$)(?=\S*[^\w\s]\S*[^\w\s])\S+$"
)


def tail_debris(text: str) -> str:
    """A caption's line without OCR's debris after it ("PODER CUBANO b-b-%")."""
    return _TAIL_DEBRIS_RE.sub("", text.strip())


def row_city(words: str, below: int) -> str | None:
    """The reporting office in a chunk of the report form's boxes: a field office's city, or,
    on the row of values under the labels (`below` lines under REPORTING OFFICE), the first
    of the two cities OCR ran together there ("PITTSBURGH PITTSBURGH", "LITTLE ROCK DALLAS")."""
    if 3 <= len(words) <= 20 and (city := fbi_city(words)):
        return city
    parts = words.split()
    if below > 4 or len(parts) < 2 or len(words) > 40:
        return None
    return next((c for n in (2, 1) if (c := fbi_city(" ".join(parts[:n])))), None)


def cover_stop(text: str) -> bool:
    """A section of the report's cover page under the form's boxes: no caption past it."""
    return bool(_COVER_STOP_RE.match(text.strip()))


def _capitals(value: str) -> bool:
    """All of a caption's letters in capitals, its "aka" aside."""
    letters = [c for c in re.sub(r"(?i)\baka\b", "", value) if c.isalpha()]
    return len(letters) >= 6 and all(c.isupper() for c in letters)


_SMALL_OK = {"aka", "Aka", "Jr", "Sr", "Mc", "Mac"}
_SHORT_WORDS = {"JR", "SR", "II", "OF", "IN", "ON", "TO", "AT", "BY", "OR", "AN", "DE", "LA", "EL"}


def debris_words(value: str) -> bool:
    """A line of OCR debris, not a caption in capitals: two words or more that are not in
    capitals ("Le HARA iF SE"), or a last word cut to two letters ("MARIA JO")."""
    words = [w for w in re.findall(r"[A-Za-z]{2,}", value) if w not in _SMALL_OK]
    mixed = sum(not w.isupper() for w in words)
    cut = bool(words) and len(words[-1]) <= 2 and words[-1].upper() not in _SHORT_WORDS
    return mixed >= 2 or cut and not re.search(r"(?i)aka\W*$", value)


def beside_character(text: str) -> str | None:
    """The caption's first line read beside the CHARACTER OF CASE label, else None."""
    m = _CHARACTER_LABEL_RE.search(text)
    if not m:
        return None
    value = aka(trim_junk(text[: m.start()].strip(" |(")))
    if (
        not _capitals(value)
        or debris_words(value)
        or not reads_cleanly(value)
        or CASE_TITLE_RE.search(value)
    ):
        return None
    return value


def _own(lines: list[Line], lo: int, hi: int, noise) -> list[int]:
    return [i for i in range(lo, min(hi, len(lines))) if lines[i].text.strip() and not noise(i)]


_REPORT_OF_LINE_RE = re.compile(
    r"^\W{0,3}(?:Report[ \t]of[ \t]?:[ \t]*(?:S\.?A\.?[ \t]+)?|S\.?A\.?[ \t]+)"
    r"[A-Z][A-Z.,' ]{3,40}?\W*\bOf\w{0,4}[ \t]?:"
)
# The label and its value on one line: "Title; SAMUEL M, GIANCANA".
_INLINE_TITLE_RE = re.compile(r"^\W{0,3}Title[ \t]?[:;][ \t]*(?P<v>[A-Z].{5,})$")
_FILE_NO_RE = re.compile(r"(?i)\bFile[ \t]No\b|^\W{0,3}\d{1,3}-\d{1,7}\W{0,3}$")
_OLD_LABELS_RE = re.compile(r"(?i)^\W{0,3}(?:Title|Character|Synopsis|Copy[ \t]to)\W{0,3}$")


def old_form_title(lines: list[Line], lo: int, hi: int, noise) -> tuple[str, int] | None:
    """The older report form's title: the first line in capitals after its agent, date and
    file-number values, where the form's labels stand in a column of their own."""
    own = _own(lines, lo, hi, noise)
    if not any(_REPORT_OF_LINE_RE.match(lines[i].text) for i in own[:80]):
        return None
    for i in own[:80]:
        if m := _INLINE_TITLE_RE.match(lines[i].text.strip()):
            value = aka(trim_junk(m["v"]))
            ok = _capitals(value) and reads_cleanly(value) and not debris_words(value)
            return (value, i) if ok else None
    labels = [k for k, i in enumerate(own) if _OLD_LABELS_RE.match(lines[i].text)]
    if not any(lines[own[k]].text.strip().startswith("Title") for k in labels):
        return None
    start = next(
        (k for k in range(labels[0], len(own)) if _REPORT_OF_LINE_RE.match(lines[own[k]].text)),
        None,
    )
    if start is None:
        return None
    for i in own[start + 1 : start + 5]:
        text = trim_junk(lines[i].text)
        if _FILE_NO_RE.search(text) or re.fullmatch(r"[\d/ .-]{4,12}", text):
            continue  # the date and file-number values, in the labels' order
        value = aka(text)
        if _capitals(value) and reads_cleanly(value) and not _CHARACTER_LABEL_RE.search(value):
            return value, i
        return None
    return None


_TELETYPE_FROM_RE = re.compile(
    r"^\W{0,3}(?:FROM|FRON|FROH)\b\W{0,3}[ \t]*(?:[a-z]{1,2}[ \t]+)?(?:SAC[ \t,]+)?"
    r"[A-Z][A-Z ]{2,20}?[ \t]+\(?\d"
)
# The caption at the head of the text: name and aliases, then the character ending in ".".
_INLINE_RE = re.compile(
    r"^\W{0,3}(?P<name>[A-Z][A-Z .,'\"-]{3,60}?)(?P<aka>,[ \t]*AKA\w?[;:,.]?|,)[ \t]*"
    r"(?P<char>(?:AR|IS|RA|SM|ESP|IOC|CIP|ITAR|INTERNAL[ \t]SECURITY|ANTI[ -]?RACKETEERING)"
    r"(?:[ \t]+(?:DASH|-)[ \t]+[A-Z]+)?)[ \t]*[.•][ \t]"
)
_PAGES_RE = re.compile(r"^\W{0,2}\d{1,2}[ \t]?P\W{0,2}$")  # "2P": the teletype's page count


def teletype_caption(lines: list[Line], lo: int, hi: int, noise) -> tuple[str, int] | None:
    """A teletype's caption run into the first line under its FROM line (see the docstring):
    the name, its aliases and the character of the case ("AR", "IS DASH R"), then a full stop;
    a name cut short on a line of its own ("SANTO" / "TRAFFICANTE, JRO, AR• DAILY ...")."""
    own = _own(lines, lo, hi, noise)
    for k, i in enumerate(own[:60]):
        if not _TELETYPE_FROM_RE.match(lines[i].text.strip()):
            continue
        under = [j for j in own[k + 1 : k + 4] if not _PAGES_RE.match(lines[j].text.strip())]
        for n, j in enumerate(under[:2]):
            text = lines[j].text.strip()
            if n + 1 < len(under) and len(text.split()) <= 2 and text.isupper():
                text = f"{text} {lines[under[n + 1]].text.strip()}"  # a name cut at its line
            m = _INLINE_RE.match(text)
            if m:
                aka = ", AKA" if m["aka"].strip(",; ") else ""
                value = squash(f"{m['name'].strip()}{aka}; {m['char'].replace(' DASH ', ' - ')}")
                return (value, j) if reads_cleanly(value) else None
        return None
    return None


def prefer_run(found: dict, run: dict, fbi: bool) -> dict:
    """The header labels read, with those of a label run ("TO:" / "FROM:" / "RE:" over their
    values, the FD-36 airtel form as OCR reads it) added; for an FBI document a run's label
    standing above the same label read further down takes its place: the run is the
    document's own header, the later line an attached teletype's or a reference's ("RE:
    DONALD GENE CHAFFIN" under the caption of a weekly summary)."""
    merged = dict(found)
    for label, item in run.items():
        item = item._replace(confidence=0.7)
        if label not in merged or fbi and item.line < merged[label].line:
            merged[label] = item
    return merged


_REPLY_RE = re.compile(r"(?i)\bIn[ \t]Reply,?[ \t]Please\b")


def enclosed_lhm_caption(lines: list[Line], lo: int, hi: int, noise) -> tuple[str, int] | None:
    """A report's caption read from the letterhead memorandum filed with it, where the report
    form's own boxes were lost: the Bureau's LHM is "dated and captioned as above", under the
    report's caption (the letterhead's "In Reply, Please Refer to File No.", its place and
    date, then the caption in capitals and the character of the case)."""
    own = _own(lines, lo, hi, noise)
    start = next((k for k, i in enumerate(own) if _REPLY_RE.search(lines[i].text)), None)
    if start is None:
        return None
    dated = None
    for k in range(start + 1, min(len(own), start + 10)):
        text = lines[own[k]].text.strip()
        hit = dates.find_date(text, numeric=False)
        if hit and hit.start <= 3 and len(text) <= 30:
            dated = k
            break
    if dated is None or dated + 1 >= len(own):
        return None
    value = aka(trim_junk(lines[own[dated + 1]].text))
    if not _capitals(value) or debris_words(value) or not reads_cleanly(value):
        return None
    if dated + 2 < len(own) and character(lines[own[dated + 2]].text):
        value = f"{value}; {trim_junk(lines[own[dated + 2]].text)}"
    return value, own[dated + 1]
