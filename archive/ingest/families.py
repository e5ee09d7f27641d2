"""The families of documents the archive knows, how to recognise each, and what each implies.

One table: a family's signals (words of its printed form or house style, looked for near the top
of the document's own first page), its document type, and the agency that writes it. A family
a curator finds misread becomes one more signal here and one test. Header grammars that differ
by family (the FBI's "In Reply, Please Refer to File No.", a cable's CITE, a report form's
REPORTING OFFICE) are read by `archive.ingest.originators` and `headers` with the family known.
"""

import re
from typing import NamedTuple

from . import grammars
from .patterns import Line


class Family(NamedTuple):
    """A kind of document: its name, its type as a researcher names it, its agency."""

    name: str
    document_type: str
    agency: str | None
    signals: tuple[tuple[re.Pattern, float], ...]


class Recognition(NamedTuple):
    """The family found for a document, how sure, and the line that decided it."""

    name: str
    document_type: str
    agency: str | None
    confidence: float
    line: int | None
    cue: str = ""  # the general cue that decided it, when one of `familycues` did


def _s(pattern: str, weight: float) -> tuple[re.Pattern, float]:
    return re.compile(pattern, re.MULTILINE), weight


# MEMORANDUM as OCR reads a heading: one letter wrong ("MESORANDUM", "YEMORANDUM"), or MEMO;
# a memorandum for the record cited in a list ("Memo for the Record - dated 12 May") is none.
_M = "MEMORANDUM"
_MEMO_OCR = "(?:MEMO|" + "|".join(f"{_M[:i]}[A-Z0-9]{_M[i + 1 :]}" for i in range(10)) + ")"
_LITERAL_RE = re.compile(r"(?<![\\\[])[A-Za-z]{4,}")


def _needle(pattern: re.Pattern) -> str | None:
    """A word every match of the pattern contains (lower case), to skip it cheaply; None when
    the pattern has alternatives or classes around its words."""
    source = pattern.pattern.replace("(?i)", "")
    if "|" in source or "[" in source.replace("[ \\t]", ""):
        return None
    words = _LITERAL_RE.findall(source)
    return max(words, key=len).lower() if words else None


CIA = "Central Intelligence Agency"
FBI = "Federal Bureau of Investigation"
STATE = "Department of State"
NSC = "National Security Council (White House)"
ARMY = "Department of the Army"
NSA = "National Security Agency"

# Order matters only for ties: the first family with the best score wins.
FAMILIES: tuple[Family, ...] = (
    Family("fbi_airtel", "Airtel", FBI, (
        _s(r"^\W{0,3}A[I1l]RTEL\b", 3.0), _s(r"FD-36\b", 2.0),
        _s(r"(?i)Transmit[ \t]the[ \t]following[ \t]in", 2.0),
    )),
    Family("fbi_teletype", "Teletype", FBI, (
        _s(r"\b(?:TELETYPE|NITEL)\b", 3.0), _s(r"^\W{0,3}(?:URGENT|IMMEDIATE)[ \t]+\d", 1.5),
        _s(r"FBI[ \t]+WASH[ \t]+D\.?[ \t]?C", 1.5),
        _s(r"(?i)\bDECODED[\W_]{1,4}COPY\b", 2.5),  # FD 4-41, the copy a teletype is filed as
    )),
    Family("fbi_report", "Report", FBI, (
        _s(r"(?i)REPORTING[ \t]OFFICE", 3.0), _s(r"(?i)OFFICE[ \t]OF[ \t]ORIGIN", 2.0),
        _s(r"(?i)CHARACTER[ \t]OF[ \t]CASE", 2.0), _s(r"(?i)INVESTIGATIVE[ \t]PERIOD", 2.0),
        _s(r"F[DO]-(?:263|302)\b", 2.0), _s(r"(?i)Date[ \t]of[ \t]transcription", 3.0),
        _s(r"(?i)^\W{0,3}Report[ \t]of[ \t](?:SA|Special[ \t]Agent)\b", 1.5),
    )),
    Family("fbi_office_memo", "Memorandum", FBI, (
        _s(r"(?i)Office[ \t]Memorandum", 3.0), _s(r"OPTIONAL[ \t]FORM[ \t]NO", 2.0),
        _s(r"5010-1\d{2}", 2.0),
        _s(r"(?i)^\W{0,3}UNITED[ \t]STATES[ \t]GOVERNMENT\W*$", 1.5),
    )),
    Family("fbi_letterhead_memo", "Letterhead memorandum", FBI, (
        _s(r"(?i)In[ \t]Reply,?[ \t]Please[ \t]Refer[ \t]to", 3.0),
        _s(r"(?i)UNITED[ \t]STATES[ \t]DEPARTMENT[ \t]OF[ \t]JUSTICE", 1.5),
    )),
    Family("fbi_letter", "Letter", FBI, (
        _s(r"(?i)^\W{0,3}SAC,[ \t]?[A-Z][a-z]", 1.0),
        _s(r"(?i)John[ \t]Edgar[ \t]Hoover|J\.[ \t]Edgar[ \t]Hoover", 1.5),
        _s(r"(?i)^\W{0,3}Dear[ \t](?:Sir|Mr\.|Director)", 1.0),
    )),
    Family("cia_dispatch", "Dispatch", CIA, (
        _s(r"^\W{0,3}D[I1]SPATCH\b", 3.0), _s(r"(?i)DISPATCH[ \t]SYMBOL", 3.0),
        _s(r"\bH[A-Z]{3}[ \t-]?\d{4,5}\b", 1.0), _s(r"(?i)ACTION[ \t]REQUIRED", 1.5),
    )),
    Family("cia_cable", "Cable", CIA, (
        _s(r"(?i)CLASSIFIED[ \t]MESSAGE", 3.0), _s(r"(?i)OUTGOING[ \t]MESSAGE", 3.0),
        _s(r"(?i)INCOMING[ \t]MESSAGE", 3.0), _s(r"\bCITE[ \t]+[A-Z]{3,}", 2.5),
        _s(r"(?i)END[ \t]OF[ \t]MESSAGE", 2.0), _s(r"\b[0-3]\d[0-2]\d[0-5]\dZ\b", 0.8),
        # The 1970s cable form: "SIGNAL CENTER USE ONLY", "MESSAGE HANDLING INDICATOR".
        _s(r"(?i)SIGNAL[ \t]CENTER[ \t]USE[ \t]ONLY", 3.0),
        _s(r"(?i)MESSAGE[ \t]HANDLING[ \t]INDICATOR", 2.0),
    )),
    Family("cia_information_report", "Information report", CIA, (
        _s(r"(?i)INFORMATION[ \t]REPORT", 2.5),
        _s(r"(?i)REPORT[ \t]NO\.?[ \t]{0,3}[:.]?[ \t]{0,3}(?:CS|TDCS)", 3.0),
        _s(r"\bTDCS?[ \t-]", 2.0), _s(r"(?i)THIS[ \t]IS[ \t]UNEVALUATED", 3.0),
        _s(r"(?i)DATE[ \t]DISTR", 2.5), _s(r"(?i)DATE[ \t]OF[ \t]INFO", 1.5),
    )),
    Family("cia_di_memo", "Intelligence memorandum", CIA, (
        _s(r"(?i)^\W{0,3}DIRECTORATE[ \t]OF[ \t]INTELLIGENCE\W*$", 3.0),
        _s(r"(?i)This[ \t]memorandum[ \t]was[ \t]prepared[ \t]by", 2.0),
        _s(r"(?i)NATIONAL[ \t]FOREIGN[ \t]ASSESSMENT[ \t]CENTER", 2.0),
    )),
    Family("cia_mfr", "Memorandum for the Record", None, (
        _s(rf"(?i)^\W{{0,3}}{_MEMO_OCR}\W{{0,2}}[ \t]+[FY]OR\W{{0,2}}[ \t]+\W{{0,2}}"
           r"(?:T[A-Za-z]{1,3}[ \t]+\W{0,2})?(?:RECORD|[RZ]E?CORD|ECORD)\b(?!\.?\))"
           r"(?![ \t]{0,2}\W?[ \t]{0,2}dated)", 3.5),  # "TIIE RECORD", "THE @ZCORD": OCR
    )),
    Family("state_telegram", "Telegram", STATE, (
        _s(r"(?i)TEXT[ \t]OF[ \t]TELEG", 3.5),
        _s(r"(?im)^\W{0,3}(?:INCOMING|OUTGOING)[ \t]+TELEGRAM\b", 3.0),  # the Department's form
        _s(r"^\W{0,3}F[MlI1][ \t]+AM(?:EMBASSY|CONSUL)", 2.5),
        _s(r"^\W{0,3}TO[ \t]+SECSTATE", 2.5),
        _s(r"^[ \t]*[OPRZ0]{1,2}[ \t]{1,3}\d{6}[Z2][ \t,.]", 2.0),
        _s(r"\bSECSTATE[ \t]+WASH", 1.5),
    )),
    Family("state_airgram", "Airgram", STATE, (_s(r"^\W{0,3}AIRGRAM\b", 3.0),)),
    Family("nsc_memcon", "Memorandum of conversation", NSC, (
        _s(r"(?i)^\W{0,3}MEMORANDUM[ \t]OF[ \t](?:TELEPHONE[ \t])?CONVERSATION", 3.0),
        _s(r"(?i)^\W{0,3}THE[ \t]WHITE[ \t]HOUSE\W*$", 1.0),
        _s(r"(?i)DATE,[ \t]TIME", 1.0),
    )),
    Family("state_memcon", "Memorandum of conversation", STATE, (
        _s(r"(?i)^\W{0,3}MEMORANDUM[ \t]OF[ \t](?:TELEPHONE[ \t])?CONVERSATION", 3.0),
        _s(r"(?i)DEPARTMENT[ \t]OF[ \t]STATE", 1.0),
    )),
    Family("nsc_summary", "Summary of conclusions", NSC, (
        _s(r"(?i)^\W{0,3}Summary[ \t]of[ \t]Conclusions", 3.5),
    )),
    Family("nsc_memo", "Memorandum", NSC, (
        _s(r"(?i)^\W{0,3}(?:THE[ \t])?WHITE[ \t]HOUSE\W*$", 1.5),
        _s(r"(?i)^\W{0,3}NATIONAL[ \t]SECURITY[ \t]COUNCIL\W*$", 2.0),
        _s(r"(?i)^\W{0,3}MEMORANDUM[ \t]FOR[ \t]THE[ \t]PRESIDENT", 1.5),
    )),
    Family("state_memo", "Memorandum", STATE, (
        _s(r"(?i)^\W{0,3}(?:UNITED[ \t]STATES[ \t])?DEPARTMENT[ \t]OF[ \t]STATE\W*$", 2.0),
        _s(r"(?i)^\W{0,3}(?:INFORMATION|ACTION|BRIEFING)[ \t]MEMORANDUM", 2.0),
        _s(r"^\W{0,3}S/S\b", 1.0),
    )),
    Family("military_memo", "Memorandum", ARMY, (
        _s(r"(?i)^\W{0,3}DEPARTMENT[ \t]OF[ \t]THE[ \t]ARMY\W*$", 2.5),
        # The unit's line of an Army letterhead: "HEADQUARTERS, 66TH MILITARY INTELLIGENCE
        # GROUP", "UNITED STATES ARMY PERSONNEL SECURITY GROUP".
        _s(r"^\W{0,3}(?:HEADQUARTERS|UNITED[ \t]STATES[ \t]ARMY|U\.?[ \t]?S\.?[ \t]ARMY)\b"
           r"[^\n]{0,40}\b(?:ARMY|CORPS|GROUP|COMMAND|DETACHMENT|REGION)\b", 1.5),
        # The Army forms' printed titles, in capitals ("a summary of information" is prose).
        _s(r"AGENT[ \t]REPORT|SUMMARY\s+OF\s+INFORMATION|DISPOSITION[ \t]FORM", 2.0),
        _s(r"(?i)ASSISTANT[ \t]CHIEF[ \t]OF[ \t]STAFF|INTELLIGENCE[ \t]CORPS|\bCIC\b|INSCOM", 1.0),
        _s(r"(?i)^\W{0,3}THRU\b", 0.5), _s(r"(?i)\bG-?2\b", 0.5),
    )),
    Family("nsa_report", "Report", NSA, (
        _s(r"(?i)NATIONAL[ \t]SECURITY[ \t]AGENCY", 1.5), _s(r"\bDIRNSA\b", 1.5),
        _s(r"\b3/[O0]{2}/", 2.0), _s(r"(?i)\bTRANSLATION\b", 0.5),
    )),
    Family("cia_memo", "Memorandum", CIA, (
        _s(r"(?i)^\W{0,3}CENTRAL[ \t]INTELLIGENCE[ \t]AGENCY\W*$", 2.0),
        _s(r"(?i)^\W{0,3}MEMORANDUM[ \t]FOR\b", 1.0),
        _s(r"(?i)Deputy[ \t]Director[ \t](?:for[ \t])?(?:Plans|Operations)", 1.0),
        _s(r"\bDD/?[PO]\b|\bDDCI\b", 1.0),
        _s(r"(?i)Office[ \t]of[ \t]Security|\bC/[A-Z]{2,4}\b|\bWH/\d", 0.8),
    )),
    Family("minutes", "Minutes", None, (
        _s(r"(?i)^\W{0,3}Minutes[ \t]of\b", 3.0),
        _s(r"^\W{0,3}(?:In[ \t]Attendance|Present):?[ \t]*$", 2.0),  # the attendance list
    )),
    # A CIA printed form's title ("201 PERSONALITY FILE ACTION REQUEST", "PROVISIONAL
    # APPROVAL", "TRANSMITTAL AND DOCUMENT RECEIPT"): a form, not the memorandum a title
    # heads ("PROVISIONAL OPERATIONAL APPROVAL" over "MEMORANDUM FOR:").
    Family("other", "Other", None, (
        _s(r"^\W{0,3}(?!DATE\b|AND\b)(?:[A-Z0-9/]+[ \t]){1,5}"
           r"(?:REQUEST|RECEIPT|APPROVAL|CHECK[ \t]REPORT)\.?[ \t]*$"
           r"(?!\n(?:[^\n]*\n)?\W{0,3}MEMORANDUM\b)", 3.5),
    )),
    # The CIA Office of Legislative Counsel's daily journal: a record of its own kind.
    Family("other", "Other", CIA, (
        _s(r"^\W{0,3}(?:ADDENDUM[ \t]TO[ \t])?JOURNAL\b(?![ \t]+[A-Z]{3,}[ \t]+[A-Z])", 3.0),
        _s(r"(?i)^\W{0,3}Journal[ \t]-[ \t]OFFICE[ \t]OF[ \t]LEGISLATIVE[ \t]COUNSEL", 3.0),
        _s(r"(?i)^\W{0,3}OFFICE[ \t]OF[ \t]LEGISLATIVE[ \t]COUNSEL\W*$", 1.0),
    )),
    Family("frus_document", "Memorandum", None, (
        _s(r"\A\s*(?:Washington|Moscow|Paris|London|Geneva|New[ \t]York)[^\n]{0,20},[ \t]"
           r"(?:undated|[A-Z][a-z]+[ \t]\d{1,2},[ \t]\d{4})", 4.0),
    )),
    Family("letter", "Letter", None, (
        _s(r"(?i)^\W{0,3}Dear[ \t][A-Z]", 2.0), _s(r"(?i)^\W{0,3}Sincerely", 1.5),
    )),
    # The British Intelligence Pool Berlin's reports in the Army's files, their annexures
    # headed by the report's reference ("Annexure III to / BRIP/O/11/354"): an ally's report
    # (an annexed letter's "Dear Erich." ties, and the letter, first, wins).
    Family("other", "Report", None, (
        _s(r"^\W{0,3}BRITISH[ \t]INTELLIGENCE[ \t]POOL\b", 3.0), _s(r"\bBRIP/[O0]/\d", 2.0),
    )),
)  # fmt: skip
BY_NAME = {family.name: family for family in reversed(FAMILIES)}  # the first of a name
# A family's narrower types, the first whose pattern the document's head shows: a memcon's
# heading ("MEMORANDUM OF TELEPHONE CONVERSATION"); a FRUS print's shape below its dateline (a
# letter's salutation, a note's "Mr. President:", a meeting's participants, an undated paper).
_TELCON = (
    (
        re.compile(r"(?im)^\W{0,3}MEMORANDUM[ \t]OF[ \t]TELEPHONE[ \t]CONVERSATION"),
        "Memorandum of telephone conversation",
    ),
)
TYPE_VARIANTS = {
    "military_memo": (
        (
            re.compile(r"(?im)^\W{0,3}(?:AGENT[ \t]REPORT|SUMMARY\s+OF\s+INFORMATION)\b"),
            "Report",
        ),
        # The Army's message forms: "JOINT MESSAG:.cORM", "M E S S A G E  STAFF COMMUNICATIONS".
        (
            re.compile(r"(?i)JOINT\W{0,2}[ \t]?MESSAG\w?\W{0,3}\w?ORM|STAFF[ \t]COMMUNICATIONS"),
            "Cable",
        ),
    ),
    "nsc_memcon": _TELCON,
    "state_memcon": _TELCON,
    "frus_document": (
        (re.compile(r"(?m)^\W{0,3}Dear[ \t][A-Z]"), "Letter"),
        (re.compile(r"(?m)^\W{0,3}(?:Mr\.|Madam)[ \t]President:[ \t]*$"), "Note"),
        (re.compile(r"(?i)Summary[ \t]of[ \t]Conclusions"), "Summary of conclusions"),
        (re.compile(r"(?m)^\W{0,3}PARTICIPANTS:?[ \t]*$"), "Minutes"),
        (re.compile(r"\A\s*[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?,[ \t]undated\b"), "Paper"),
    ),
}
_NEEDLES = {pattern: _needle(pattern) for family in FAMILIES for pattern, _w in family.signals}
OTHER = Recognition("other", "", None, 0.0, None)
# Printed forms every agency used (the government's Standard Form 64 "Office Memorandum"): the
# form names the document's kind, not who wrote it. Other evidence decides the agency, and the
# family follows it (a CIA office memorandum is a cia_memo).
SHARED_FORMS = {"fbi_office_memo": {CIA: "cia_memo", STATE: "state_memo", ARMY: "military_memo"}}
ZONE_LINES = 90  # the document's own first page or so


def recognise(text: str, lines: list[Line], kinds: list[str], lo: int) -> Recognition:
    """The family whose signals are strongest near the top of the document's own text."""
    zone: list[tuple[int, str]] = []
    for i in range(lo, len(lines)):
        if kinds[i] == "body" and lines[i].text.strip():
            zone.append((i, lines[i].text))
            if len(zone) >= ZONE_LINES:
                break
    head = "\n".join(t for _, t in zone)
    offsets = []
    position = 0
    for i, t in zone:
        offsets.append((position, i))
        position += len(t) + 1
    lower = head.lower()
    best, best_score, best_line = None, 0.0, None
    for family in FAMILIES:
        score, first = 0.0, None
        for pattern, weight in family.signals:
            needle = _NEEDLES.get(pattern)
            if needle and needle not in lower:
                continue
            m = pattern.search(head)
            if m:
                score += weight
                line = next(i for pos, i in reversed(offsets) if pos <= m.start())
                first = line if first is None else min(first, line)
        if score > best_score:
            best, best_score, best_line = family, score, first
    if best is None or best_score < 2.0:
        return OTHER
    confidence = 0.95 if best_score >= 5 else 0.85 if best_score >= 3 else 0.7
    document_type = _narrower(best, head)
    return Recognition(best.name, document_type, best.agency, confidence, best_line)


def _narrower(family: Family, head: str) -> str:
    """The family's type, or the narrower one its head shows (TYPE_VARIANTS)."""
    for pattern, narrower in TYPE_VARIANTS.get(family.name, ()):
        if pattern.search(head):
            return narrower
    return family.document_type


_MEMO_RE = re.compile(r"(?im)^\W{0,3}MEMORANDUM\b")
# "MEMORANDUM FOR RECORD", "... TiE -RECORD" (OCR damage), not "(See Memorandum for the Record.)"
MFR_RE = re.compile(
    r"(?i)(?<!See[ \t])(?<!See\n)MEMORANDUM[ \t]+FOR[ \t]+(?:T\w{1,2}[ \t]+)?\W{0,2}RECORD(?!\.?\))"
)

# ... or a SUBJECT label alone on its line, its value OCR'd under it (": Espinosa Allegations").
_LABELLED_RE = re.compile(r"(?im)^\W{0,3}(?:TO|FROM|SUBJECT)[ \t]*[:;]|^\W{0,3}SUBJECT\W{0,3}$")
# A memorandum's own heading: "INVESTIGATIVE FILE MEMORANDUM", "MEMORANDUM".
_MEMO_HEADING_RE = re.compile(r"(?m)^\W{0,3}(?:[A-Z]{2,}[ \t]){0,4}MEMORANDUM\W{0,3}$")
_DEAR_RE = re.compile(r"(?m)^\W{0,3}Dear[ \t][A-Z]")
_REPORT_PAGE_RE = re.compile(
    r"(?m)^\W{0,3}(?:ADMINISTRATIVE(?:[ \t]DATA)?|INFORMANTS|LEADS|SYNOPSIS|DETAILS)\W*$"
    r"|^\W{0,3}INFORMANTS:[ \t]"
)
# An airtel's unlabelled parties: "DIRECTOR, FBI (105-81285)" over "SAC, SAN JUAN (29-767)"
# (a labelled TO/FROM block is the office memorandum's form, read above).
_AIRTEL_BLOCK_RE = re.compile(
    r"(?m)^\W{0,3}DIRE\w{2,4},[ \t]FBI[ \t]*\(.*\n(?:.*\n){0,2}?\W{0,3}SAC,[ \t]"
)
# A State memorandum's TO / FROM / SUBJECT labels as OCR reads them ("SURJISCT:", "PROM:").
_STATE_LABELS_RE = re.compile(r"(?m)^\W{0,3}(?:[TY]O|[FP]ROM|SU\w{2,4}CT)[ \t]*[:;]")
_MFR_FAMILY = {ARMY: "military_memo", STATE: "state_memo"}
_CAS_RE = re.compile(r"\bVIA\W{0,2}CAS\b")
_CABLE_RE = re.compile(r"\b[0-3]\d[0-2]\d[0-5]\d[Z2][ \t]+[A-Z]{3}[ \t]+\d{2}\b|\bCITE[ \t]")


def refine(found: Recognition, agency: str | None, head: str, lead: str = "") -> Recognition:
    """A family for a document no signal decided (or one a shared form decided, or one FRUS
    heads with its kind), from its agency and its header's shape (`lead`: lines before the
    document's own text that an identification form may have run on over)."""
    if heading := grammars.frus_heading(head):
        return _from_heading(found, heading, heading.agency or agency)
    if found.name in SHARED_FORMS and agency in SHARED_FORMS[found.name]:
        name = SHARED_FORMS[found.name][agency]
        return found._replace(name=name, document_type=BY_NAME[name].document_type, agency=agency)
    if found.name == "cia_mfr" and agency in _MFR_FAMILY:  # the form every agency typed
        return found._replace(name=_MFR_FAMILY[agency], agency=agency)
    if found.name != "other" or found.document_type or not agency:
        return found

    def family(name: str) -> Recognition:
        entry = BY_NAME[name]  # its type as its head narrows it (an Army message form)
        return Recognition(name, _narrower(entry, head), entry.agency or agency, 0.6, None)

    if MFR_RE.search(head):
        if agency == CIA:
            return family("cia_mfr")
        # An Army or State memorandum for the record is that agency's memorandum.
        mfr = found._replace(document_type="Memorandum for the Record", confidence=0.6)
        name = _MFR_FAMILY.get(agency)
        return family(name)._replace(document_type=mfr.document_type) if name else mfr
    if agency == FBI:
        if _LABELLED_RE.search(head):
            return family("fbi_office_memo")
        if _AIRTEL_BLOCK_RE.search(head):
            return family("fbi_airtel")
        if _DEAR_RE.search(head):
            return family("fbi_letter")
        if _REPORT_PAGE_RE.search(head):
            return family("fbi_report")
        if _telegraphic(head):
            return family("fbi_teletype")
    if agency == CIA:
        if _CABLE_RE.search(head):
            return family("cia_cable")
        if _MEMO_RE.search(head) or _LABELLED_RE.search(head) or _MEMO_HEADING_RE.search(head):
            return family("cia_memo")
        if _telegraphic(head):
            return family("cia_cable")
    if agency == NSA:
        return family("nsa_report")
    if agency == ARMY and (_MEMO_RE.search(head) or _LABELLED_RE.search(head)):
        return family("military_memo")
    if agency == STATE and (_MEMO_RE.search(head) or _STATE_LABELS_RE.search(head)):
        return family("state_memo")
    if agency == STATE and _telegraphic(head):
        # A telegram's text, its form not shown; one an embassy sent through the CIA's channel
        # ("VIA CAS SAIGON 2663") is a CIA cable.
        name = "cia_cable" if _CAS_RE.search(lead) or _CAS_RE.search(head) else "state_telegram"
        return family(name)._replace(agency=STATE)
    if _DEAR_RE.search(head):
        return family("letter")
    return found


def _telegraphic(head: str) -> bool:
    """A page in capitals throughout: a cable's or a teletype's text (its header not shown)."""
    letters = [c for c in head if c.isalpha()]
    return len(letters) >= 300 and sum(c.isupper() for c in letters) >= 0.9 * len(letters)


_MEMO_FAMILY = {STATE: "state_memo", CIA: "cia_memo", NSC: "nsc_memo", ARMY: "military_memo"}
_MEMCON_FAMILY = {STATE: "state_memcon", NSC: "nsc_memcon"}


def _from_heading(found: Recognition, heading, agency: str | None) -> Recognition:
    """The family and type a FRUS heading names ("Letter From ...", "Minutes of ...")."""
    kind = heading.document_type
    name = {
        "Letter": "letter", "Minutes": "minutes", "Transcript": "minutes",
        "Telegram": "state_telegram", "Airgram": "state_airgram",
        "Memorandum": _MEMO_FAMILY.get(agency), "Memorandum of conversation":
        _MEMCON_FAMILY.get(agency),
    }.get(kind) or "other"  # fmt: skip
    return Recognition(name, kind, agency, max(found.confidence, 0.85), found.line)
