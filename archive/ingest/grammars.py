"""Header grammars of the families whose headers are forms or conventions, not labelled lines.

Each reader takes the document's lines (and the predicate that says which are not its own) and
returns what it read, each value with the line it came from:

- `fbi_report`: the FBI report form (FD-263): REPORTING OFFICE, OFFICE OF ORIGIN, DATE,
  INVESTIGATIVE PERIOD, TITLE OF CASE, REPORT MADE BY, read as a block because OCR gives its
  boxes in any order, labels and values apart.
- `fbi_letterhead`: the letterhead memorandum: "In Reply, Please Refer to File No.", then the
  city and the date, then the caption.
- `information_report`: CIA information reports: REPORT NO., SUBJECT, DATE DISTR.
- `cable`: a CIA cable's station (its cite line) and addressee (DIRECTOR is headquarters).
- `dispatch`: the CIA dispatch form (Form 53): under DISPATCH, its TO, INFO and FROM boxes
  hold offices ("Chief, WH Division", "Chief of Station, Mexico City") whose labels OCR
  garbles or loses among the form's printed boxes; the first office is the addressee, the
  one after FROM (else the last one before SUBJECT) the sender.

A family a curator finds misread gets its fix here, with a test.
"""

import re
from typing import NamedTuple

from . import dates, fbicaptions
from .originators import CIA, CIA_STATIONS, STATE, fbi_city, field_office
from .patterns import Line, Read, levenshtein, squash, trim_junk

_REPORTING_RE = re.compile(r"(?i)\bRE?PO\w{0,3}ING[ \t]+O\w{1,3}IC[EO]")  # "Reporting Offico"
# The character of the case or the form's own heading, set among the title's boxes by OCR.
_CHARACTER_RE = re.compile(
    r"(?i)^\W{0,3}(?:ANTI[ \t-]{0,2}RACKET|ADMINISTRATIVE|FEDERAL[ \t]BUREAU|INTERNAL[ \t]SECUR"
    r"|INFORMATION[ \t]CONCERNING|AR[ \t-]+CONSPIRACY|ORT[ \t]MADE|ITAR\b|ENCLOSURE)"
)
_NUMERIC_DATE_RE = re.compile(r"(?<![\d/-])([01]?\d)/([0-3]?\d)/(\d{2}|\d{4})(?![\d/])")
_RANGE_AFTER_RE = re.compile(r"^[ \t]*[-–—~][ \t]*\d")
_AGENT_RE = re.compile(
    r"\b(?:SA|S\.A\.)[ \t]+(?P<name>[A-Z][A-Z.,' ]{2,40}?[A-Z.])(?=[ \t]{2,}|[ \t]*$"
    r"|(?<![ \t][A-Z]),[ \t]|[ \t]?[;:]|[ \t][a-z])"  # "SA IVAN D, LEE": an OCR comma
)
_INITIAL_END_RE = re.compile(r"(?:^|[ \t])[A-Z]\.?$")  # "SA SAMUEL A." with the surname below
_SURNAME_RE = re.compile(r"^[ \t]*([A-Z][A-Z'-]{1,20})\b")
_CASE_TITLE_RE = fbicaptions.CASE_TITLE_RE  # "TILE OF CASE", "HTITLE OF CASE"
_LABEL_WORDS_RE = re.compile(
    r"(?i)REPORT|OFFICE|ORIGIN|DATE|PERIOD|TITLE|CHARACTER|TYPED|CASE|REFERENCE|SYNOPSIS"
)


def _own(lines: list[Line], lo: int, hi: int, noise) -> list[tuple[int, str]]:
    return [(i, lines[i].text) for i in range(lo, min(hi, len(lines))) if not noise(i)]


# The older report form's first line: "Report of: SA RALPH R. HILL    Office: Chicago, Illinois".
_REPORT_OF_RE = re.compile(
    r"(?i)^\W{0,3}Report[ \t]of[ \t]?:[ \t]*(?:SA[ \t]+)?(?P<name>[A-Z][A-Z0-9.,' ]{3,40}?)"
    r"[ \t~—-]*\bOf\w{0,4}[ \t]?:[ \t]*(?:\W[ \t]+)?(?P<city>[A-Z][A-Za-z .]{2,25}?),"
)


def _report_of(lines: list[Line], lo: int, hi: int, noise) -> dict[str, Read]:
    """The agent and office of the older report form's "Report of: ... Office: ..." line."""
    for i, text in _own(lines, lo, hi, noise):
        m = _REPORT_OF_RE.match(text.strip())
        if not m or not (city := fbi_city(m["city"])):
            continue
        # OCR reads an initial's full stop as a comma or a digit ("ROBERT A, VOEGE").
        name = re.sub(r"\b([A-Z0-9]),[ \t]", r"\1. ", squash(m["name"])).strip(" ,.")
        found = {
            "office": Read(field_office(city), i, "fbi-report-of"),
            "city": Read(city, i, "fbi-report-of"),
        }
        if len(name.split()) >= 2 and not re.search(r"\d", name):
            found["agent"] = Read(name, i, "fbi-report-of")
        return found
    return {}


def fbi_report(lines: list[Line], lo: int, hi: int, noise) -> dict[str, Read]:
    """The FBI report form's date, reporting office, agent and case title."""
    start = next((i for i, t in _own(lines, lo, hi, noise) if _REPORTING_RE.search(t)), None)
    if start is None:
        return fbicaptions.with_agent(_report_of(lines, lo, hi, noise), lines, lo, noise, 150)
    block = _own(lines, start, start + 30, noise)
    found: dict[str, Read] = {}
    for i, text in block:
        for m in _NUMERIC_DATE_RE.finditer(text):
            before = text[: m.start()].rstrip()
            if _RANGE_AFTER_RE.match(text[m.end() :]) or before.endswith(("-", "–")):
                continue  # the investigative period, "9/10/58 - 2/27/59"
            value = dates.make_date(dates.year4(m[3]), int(m[1]), int(m[2]))
            if value and "date" not in found:
                found["date"] = Read(value, i, "fbi-report")
        if "office" not in found:
            for chunk in re.split(r"[ \t]{2,}|\|", text):
                words = chunk.strip(" .,:;|")
                plain = words.isupper() or words.istitle()
                city = fbicaptions.row_city(words, i - start) if plain else None
                if city and not _LABEL_WORDS_RE.search(words):
                    found["office"] = Read(field_office(city), i, "fbi-report")
                    found["city"] = Read(city, i, "fbi-report")
                    break
        if "agent" not in found and (m := _AGENT_RE.search(text)):
            name = re.sub(r"\b([A-Z]),[ \t]", r"\1. ", squash(m["name"])).strip(" ,.")
            after = [t for k, t in block if k > i][:1]
            if _INITIAL_END_RE.search(name) and after and (s := _SURNAME_RE.match(after[0])):
                name = f"{name}. {s[1]}" if not name.endswith(".") else f"{name} {s[1]}"
            if len(name.split()) >= 2:
                found["agent"] = Read(name, i, "fbi-report")
    found = fbicaptions.with_agent(found, lines, start, noise)
    if title := case_title(block, found.get("agent")):
        found["title"] = title
    return found


_AKA_END_RE = re.compile(r"(?i),?[ \t]*\baka\b\.?")
_TYPIST_RE = re.compile(r"(?:[ \t]+[a-z]{1,3}\W{0,2})+$")


def case_title(block: list[tuple[int, str]], agent: Read | None = None) -> Read | None:
    """The report form's TITLE OF CASE: the first line in capitals under its box that is not
    another box's label or value (the character of the case, the agent who made it)."""
    title_at = next((i for i, t in block if _CASE_TITLE_RE.search(t)), None)
    if title_at is None:
        return None
    for i, text in block:
        if i <= title_at:
            continue
        if i > title_at + 16 or fbicaptions.cover_stop(text):
            break
        if beside := fbicaptions.beside_character(text):
            return Read(beside, i, "fbi-case-title-beside")
        if _LABEL_WORDS_RE.search(text) or _AGENT_RE.search(text) or fbicaptions.agent_line(text):
            continue
        value = fbicaptions.aka(trim_junk(text))
        if aka := _AKA_END_RE.search(value):
            value = value[: aka.end()]  # "SAMUEL M. GIANCANA, Aka. habemca": OCR debris after
        else:
            value = trim_junk(_TYPIST_RE.sub("", value))  # "RUSSEL F. SULLIVAN bfh"
        letters = [c for c in _AKA_END_RE.sub("", value) if c.isalpha()]
        agent_words = set(str(agent.value).split()) if agent else set()
        rest = [t for k, t in block if k > i and t.strip()]
        if _CHARACTER_RE.match(value) or fbicaptions.not_caption(value, agent_words, rest):
            continue  # the character of the case, the agent who made the report, OCR debris
        upper = sum(c.isupper() for c in _AKA_END_RE.sub("", value))
        if len(letters) >= 6 and upper >= 0.9 * len(letters) - 1 and not fbi_city(value):
            after = [t for k, t in block if k > i][:1]
            if value.endswith(",") or after and re.match(r"(?i)^\W{0,2}aka\b", after[0]):
                value = f"{value.rstrip(',')}, {trim_junk(after[0])}" if after else value
            return Read(value, i, "fbi-case-title")
    return None


_REPLY_RE = re.compile(r"(?i)In[ \t]Reply,?[ \t]Please[ \t]Refer[ \t]to")
_CITY_LINE_RE = re.compile(
    r"^[\W_]{0,3}(?P<city>[A-Z][A-Za-z .]{2,25}?),[ \t]+(?P<state>[A-Z][A-Za-z"
    r" .]{1,20}?)[\W_]{0,3}$"
)


def fbi_letterhead(lines: list[Line], lo: int, hi: int, noise) -> dict[str, Read]:
    """The letterhead memorandum's place (the field office), date and caption."""
    own = _own(lines, lo, hi, noise)
    start = next((k for k, (_i, t) in enumerate(own) if _REPLY_RE.search(t)), None)
    if start is None:
        return {}
    found: dict[str, Read] = {}
    for k in range(start + 1, min(len(own), start + 12)):
        i, text = own[k]
        if "city" not in found and (m := _CITY_LINE_RE.match(text.strip())):
            city = fbi_city(m["city"])
            if city:
                found["city"] = Read(city, i, "fbi-lhm")
                found["office"] = Read(field_office(city), i, "fbi-lhm")
                continue
        if "date" not in found:
            hit = dates.find_date(text, numeric=False)
            if hit and hit.start <= 3 and len(text.strip()) <= 30:
                found["date"] = Read(hit.value, i, "fbi-lhm")
                continue
        if "date" in found and "title" not in found:
            value = trim_junk(text)
            if sum(c.isalpha() for c in value) >= 6 and value.upper() == value:
                found["title"] = Read(value, i, "fbi-lhm")
                break
    return found


_REPORT_NO_RE = re.compile(
    r"(?i)REPORT[ \t]NO\.?[ \t:]{0,4}(?P<no>(?:CS|TDCS?|TDCSDB|TDFIR\w{0,4})[ \t]?[-–]?["
    r" \t]?\d[\d/,.-]{4,14}\d)"
)
# "SUBJECT", or its OCR ("SUBYECT SATUS OF ..."); the form's right column cut off the caption.
_SUBJECT_RE = re.compile(
    r"^[\W_]{0,3}(?P<label>S[A-Z]{5,7})\b[\W_]{0,4}(?P<value>[A-Z][^\n]{3,})?$"
)
_RIGHT_BOX_RE = re.compile(r"(?i)[ \t]+(?:DATE[ \t.,]{0,2}DISTR|REPORT[ \t]NO|PRECEDENCE)\b.*$")
_DISTR_RE = re.compile(r"(?i)DATE[ \t]DISTR\.?[\W_]{0,4}(?P<value>[^\n]{0,30})")


def information_report(lines: list[Line], lo: int, hi: int, noise) -> dict[str, Read]:
    """A CIA information report's number, subject and date of distribution."""
    found: dict[str, Read] = {}
    own = _own(lines, lo, hi, noise)
    for k, (i, text) in enumerate(own):
        if "number" not in found and (m := _REPORT_NO_RE.search(text)):
            found["number"] = Read(re.sub(r"[ \t]", "", m["no"]), i, "info-report")
        if "date" not in found and (m := _DISTR_RE.search(text)):
            hit = dates.find_date(m["value"]) or _next_date(own, k)
            if hit:
                found["date"] = Read(hit.value, i, "info-report")
        m = _SUBJECT_RE.match(text)
        if "title" not in found and m and levenshtein(m["label"], "SUBJECT", 2) <= 2:
            value = _RIGHT_BOX_RE.sub("", m["value"] or "")
            parts = [value] if value else []
            for _j, nxt in own[k + 1 : k + 4]:
                if not nxt.strip() or re.search(r"(?i)DATE|REPORT|PLACE|REFERENCES|SOURCE", nxt):
                    break
                if nxt.strip().upper() == nxt.strip() and sum(c.isalpha() for c in nxt) >= 4:
                    parts.append(nxt)
            title = trim_junk(squash(" ".join(parts)))
            if sum(c.isalpha() for c in title) >= 8:
                found["title"] = Read(title, i, "info-report")
    return found


def _next_date(own: list[tuple[int, str]], k: int) -> dates.FoundDate | None:
    for _i, text in own[k + 1 : k + 3]:
        hit = dates.find_date(text)
        if hit:
            return hit
    return None


_CITE_RE = re.compile(r"\bCITE[ \t]{1,3}(?P<code>[A-Z]{4})\b")
# "TO: DIRECTOR", "TO: PRIORITY DIRECTOR INFO ...", "TO: _ DIRECTOR INFO|", "TO: IMMEDIATE DIR"
_TO_DIRECTOR_RE = re.compile(
    r"(?i)^\W{0,3}TO[ \t:]{1,4}(?:[_|.~-]{1,3}[ \t]*)?"
    r"(?:(?:PRIORITY|IMMEDIATE|ROUTINE|FLASH|OPIM|NIACT)[ \t]+)?(?:DIRECTOR|DIR)\b"
)


def cable(lines: list[Line], lo: int, hi: int, noise) -> dict[str, Read]:
    """A CIA cable's sending station (cite line) and addressee (DIRECTOR: headquarters)."""
    found: dict[str, Read] = {}
    for i, text in _own(lines, lo, hi, noise):
        if "station" not in found and (m := _CITE_RE.search(text)):
            code = m["code"]
            if code in CIA_STATIONS:
                found["station"] = Read(f"{CIA_STATIONS[code]} Station", i, "cable-cite")
        if "to" not in found and _TO_DIRECTOR_RE.match(text):
            found["to"] = Read("Director (CIA Headquarters)", i, "cable-to")
    return found


# --- FRUS headings ---------------------------------------------------------------------------

# The Office of the Historian heads each document it prints with its kind, its sender (with the
# sender's position) and its addressee: "Letter From Thomas H. White (Chief of the Information
# Services Staff at the Central Intelligence Agency) to David F. Trask (...)", "Minutes of the
# 1961 Meeting of ...", "Record of the 1968 Meeting ...", "Memorandum of Conversation Among ...".
_FRUS_HEADING_RE = re.compile(
    r"\A\s{0,3}(?:(?:Draft|Action|Information)[ \t])?(?P<kind>Letter|Memorandum[ \t]of[ \t]"
    r"Conversation|Memorandum|Minutes|Record|Transcript|Report|Paper|Note|Telegram|Airgram)"
    r"[ \t](?P<link>From|of|by|Among|Between|Prepared)\b(?P<rest>[^\n]{0,400})"
)
FRUS_KINDS = {
    "Letter": "Letter", "Memorandum of Conversation": "Memorandum of conversation",
    "Memorandum": "Memorandum", "Minutes": "Minutes", "Record": "Minutes",
    "Transcript": "Transcript", "Report": "Report", "Paper": "Paper", "Note": "Note",
    "Telegram": "Telegram", "Airgram": "Airgram",
}  # fmt: skip
NSC = "National Security Council (White House)"
# The agency a sender's position names, first match wins (a CIA officer writing to the
# Department's Historian names the CIA first).
_POSITION_AGENCY = (
    (re.compile(r"Central[ \t]Intelligence|\bCIA\b|Director[ \t]of[ \t]Central"), CIA),
    (re.compile(r"Attorney[ \t]General|Department[ \t]of[ \t]Justice"), "Department of Justice"),
    (re.compile(r"National[ \t]Security[ \t](?:Council|Affairs)"), NSC),
    (re.compile(r"Secretary[ \t]of[ \t]Defense|Department[ \t]of[ \t]Defense"),
     "Department of Defense"),
    (re.compile(r"of[ \t]State\b|Histor(?:ian|ical[ \t]Office)|Foreign[ \t]Relations|"
                r"Public[ \t]Affairs"), STATE),
)  # fmt: skip


class FrusHeading(NamedTuple):
    """What a FRUS heading says: the document's type and the agency its sender's position
    names (None when it names none)."""

    document_type: str
    agency: str | None


def frus_heading(text: str) -> FrusHeading | None:
    """The heading FRUS prints above a document, when the text opens with one."""
    m = _FRUS_HEADING_RE.match(text)
    if not m:
        return None
    kind, link = m["kind"], m["link"]
    if kind == "Record" and not m["rest"].lstrip().startswith(("the", "a")):
        return None
    agency = None
    if link == "From":
        # The sender and their position: up to " to " or " Through " (the addressee after).
        sender = re.split(r"\)[ \t](?:to|Through|and[ \t]\w+[^)]*\)[ \t]to)\b", m["rest"])[0]
        agency = next((name for rx, name in _POSITION_AGENCY if rx.search(sender)), None)
    return FrusHeading(FRUS_KINDS[kind], agency)


_DISPATCH_RE = re.compile(r"^\W{0,3}DISPATCH\b")
_OFFICE_LINE_RE = re.compile(
    r"^\W{0,3}(?P<v>(?:(?:Deputy|Acting|Assistant)[ \t])?(?:Chie[fkc]|CHIEF)"
    r"(?:[ \t]of[ \t]Station)?(?:,|[ \t]of\b)[^\n]{2,50}|(?:COS|C/[A-Z]{2,5})\b[^\n]{0,40})$"
)
_DISPATCH_FROM_RE = re.compile(r"^\W{0,3}FROM\W{0,3}$")
_DISPATCH_INFO_RE = re.compile(r"(?i)^\W{0,3}INFO\b")
_DISPATCH_SUBJECT_RE = re.compile(r"(?i)^\W{0,3}(?:SUBJECT|subset|substet)\b")


def dispatch(lines: list[Line], lo: int, hi: int, noise) -> dict[str, Read]:
    """The addressee and sender of a CIA dispatch form (see the module docstring)."""
    own = _own(lines, lo, hi, noise)
    start = next((k for k, (_, t) in enumerate(own[:40]) if _DISPATCH_RE.match(t)), None)
    if start is None:
        return {}
    found: dict[str, Read] = {}
    offices: list[tuple[int, str, bool, bool]] = []  # (line, value, after FROM, after INFO)
    after_from = after_info = False
    for i, text in own[start + 1 : start + 40]:
        if _DISPATCH_SUBJECT_RE.match(text) or re.match(r"^\W{0,3}1\.[ \t]", text):
            break
        if _DISPATCH_FROM_RE.match(text):
            after_from = True
            continue
        if _DISPATCH_INFO_RE.match(text):
            after_info = True
            continue
        m = _OFFICE_LINE_RE.match(text.strip())
        if m:
            value = trim_junk(re.sub(r"^Chie[kc]\b", "Chief", m["v"]))
            offices.append((i, value, after_from, after_info))
    if not offices:
        return {}
    first = offices[0]
    if not first[2] and not first[3]:
        found["to"] = Read(first[1], first[0], "dispatch-form")
    sender = next((o for o in offices if o[2]), None)
    if sender is None and len(offices) >= 2 and offices[-1] is not first:
        last = offices[-1]
        if re.match(r"(?i)^(?:Chief[ \t]of[ \t]Station|COS)\b", last[1]):
            sender = last
    if sender is not None and sender is not first:
        found["from"] = Read(sender[1], sender[0], "dispatch-form")
    return found


# --- NSA reports -----------------------------------------------------------------------------

# An NSA translation report is dated by its issue line ("IS 05 Dec 2305Z"), above the date of
# the message it translates ("28 Nov 63"); the year stands at the end of its serial
# ("3/0/ITD/T3602-63"). OCR reads a 0 as D or O ("IS D1 Jan 143DZ").
_NSA_ISSUE_RE = re.compile(
    r"^\W{0,3}IS[ \t]+(?P<d>[0-3ODI]?[\dODI])[ \t]+(?P<mon>[A-Z][a-z]{2})[ \t]+[\dODI]{4}Z\b"
)
_NSA_SERIAL_RE = re.compile(r"^\W{0,3}[\dA-Z]{1,3}/[\dA-Z]{1,2}/[\w/]{2,20}-(?P<y>\d{2})\b")
_DIGIT_OCR = str.maketrans({"O": "0", "D": "0", "I": "1"})


def nsa_issue(lines: list[Line], lo: int, hi: int, noise) -> Read | None:
    """The issue date of an NSA translation report: its issue line's day and month, the year
    of its serial just above."""
    own = _own(lines, lo, hi, noise)
    for k, (i, text) in enumerate(own[:40]):
        m = _NSA_ISSUE_RE.match(text)
        month = dates.month_number(m["mon"]) if m else None
        if not month:
            continue
        serial = next(
            (s for _j, t in own[max(0, k - 4) : k] if (s := _NSA_SERIAL_RE.match(t.strip()))), None
        )
        value = serial and dates.make_date(
            dates.year4(serial["y"]), month, int(m["d"].translate(_DIGIT_OCR))
        )
        return Read(value, i, "nsa-issue") if value else None
    return None
