"""General cues of a family that OCR damage or a lost label hides from `families.recognise`.

`families.refine` decides a family from the agency and the header's shape; the cues here look
again at a document it left without a family ("other", no type), or gave a family its agency
belies, for the marks every document of a family carries whatever its office or year:

- the government's Standard Form 64 "Office Memorandum", its "UNITED STATES GOVERNMENT" line
  broken by OCR ("MUM • UNITED / FOVERNMENT"): the agency's memorandum (`families.SHARED_FORMS`);
- a memorandum's heading with OCR debris before it (": . MEMORANDUM FOR:") or cut in two
  ("MEMORAN." over "FOR: Chief, ..."): the agency's memorandum;
- the boxes of a CIA dispatch form ("PROCESSING ACTION", "MARKED FOR INDEXING"), or its
  unlabelled parties (a division's chief over a chief of station): a dispatch;
- an information report's warning "NOT FINALLY EVALUATED INTELLIGENCE": an information report;
- a CIA form's printed title that names it a report ("NAME CHECK REPORT", "INTERVIEW REPORT"):
  a report, its family still "other".

Each cue names its rule (`Recognition.cue`), so calibration measures it apart.
"""

import re

from . import families
from .families import ARMY, CIA, FBI, STATE, Recognition

# Standard Form 64's line over its TO/FROM boxes, as OCR breaks it: "UNITED STATES GOVERNMENT",
# "UNITED STATES = \"VERNMENT", "UNITED STATES @__ ERNMENT", "MUM • UNITED\nFOVERNMENT".
SF64_RE = re.compile(
    r"\bUNITED\b[\W_]{0,4}(?:STATES?\b[\W_]{0,4})?\n?[\W_]{0,4}\w{0,3}[\W_]{0,3}ERNMENT\b"
)
# The form's title beside it, as OCR reads it: "Office Memorandum", "Office Merr", "Memorandum".
_SF64_TITLE_RE = re.compile(r"(?i)\b(?:Office|[A-Z]?rice)[ \t]+M[ce]\w{0,8}|\bMemorand\w{0,3}\b")
_SF64_FAMILY = {FBI: "fbi_office_memo", CIA: "cia_memo", STATE: "state_memo", ARMY: "military_memo"}
# A memorandum's heading with OCR debris before it, or cut after "MEMORAN" from its "FOR:".
MEMO_HEADING_RE = re.compile(
    r"(?m)^[\W_]{4,8}MEMORANDUM[ \t]+\W{0,2}FOR\b"
    r"|^[\W_]{0,3}MEMO(?:RAN|RANDUM)?\.?[ \t]*\n(?:[ \t]*\n)?[\W_]{0,3}FOR[ \t]*[:;]"
)
_MEMO_FAMILY = {CIA: "cia_memo", STATE: "state_memo", ARMY: "military_memo"}
# The dispatch form's boxes (reference §5.2), and its parties without their TO/FROM labels.
DISPATCH_BOX_RE = re.compile(
    r"(?i)PROCESSING[ \t]+AC\w{1,3}ON|MARKED[ \t]+FOR[ \t]+INDEXING|QUALIFIED[ \t]+DESK"
    r"|NO[ \t]+INDEXING[ \t]+REQUIRED"
)
DISPATCH_PARTIES_RE = re.compile(
    r"(?im)^\W{0,4}Chief,?[ \t]+\w{1,4}[ \t/]*Div\w*\W*\n(?:[^\n]*\n){0,3}?"
    r"[^\n]{0,8}Chief[ \t]+of[ \t]+Station\b"
)
# A form's printed title that names it a report, alone on its line: "NAME CHECK REPORT",
# "INTERVIEW REPORT", "TRAINING REPORT".
REPORT_TITLE_RE = re.compile(r"(?m)^\W{0,3}(?:[A-Z][A-Z/-]+[ \t]){1,4}REPORT\W{0,3}$")
# An information report's warning under its heading (the later form of "THIS IS UNEVALUATED"):
# a CIA report the FBI's report signals (a classification line's "Reporting Officer") misread.
NOT_EVALUATED_RE = re.compile(r"(?i)NOT[ \t]+FINALLY[ \t]+EVALUATED")
TOP = 600  # a cue of the form's head stands in the first lines of the document's own text


def _undecided(found: Recognition) -> bool:
    """No family and no type: what `families.refine` could not place."""
    return found.name == "other" and not found.document_type


def _as(name: str, agency: str | None, cue: str, head: str) -> Recognition:
    """The family `name`, its type as its head narrows it, and the cue that decided it."""
    entry = families.BY_NAME[name]
    document_type = families._narrower(entry, head)
    return Recognition(name, document_type, entry.agency or agency, 0.6, None, cue)


def refine(found: Recognition, agency: str | None, head: str) -> Recognition:
    """The family a general cue of the head shows, where `families.refine` found none (or one
    its agency belies); else the family found."""
    top = head[:TOP]
    undecided = _undecided(found)
    if (undecided or (found.name == "cia_memo" and agency == FBI)) and agency in _SF64_FAMILY:
        m = SF64_RE.search(top)
        if m and _SF64_TITLE_RE.search(top[max(0, m.start() - 120) : m.end() + 120]):
            return _as(_SF64_FAMILY[agency], agency, "sf64-ocr", head)
    report = found.name in ("other", "fbi_report") and agency == CIA
    if report and NOT_EVALUATED_RE.search(top):
        return _as("cia_information_report", agency, "not-finally-evaluated", head)
    form = found.name == "other" and found.document_type in ("", "Other") and agency == CIA
    if form and REPORT_TITLE_RE.search(top):  # a report form's printed title names its kind
        return found._replace(document_type="Report", confidence=0.6, cue="report-form-title")
    if not undecided:
        return found
    if agency in _MEMO_FAMILY and MEMO_HEADING_RE.search(head[:1500]):
        return _as(_MEMO_FAMILY[agency], agency, "memo-heading-ocr", head)
    if agency == CIA and (DISPATCH_BOX_RE.search(top) or DISPATCH_PARTIES_RE.search(top)):
        return _as("cia_dispatch", agency, "dispatch-form", head)
    return found


def rule(found: Recognition, base: str = "") -> str:
    """The rule name of a reading the family decided (`base`, by default the document type's
    "family:<name>"), and the cue's name when a cue decided it."""
    base = base or f"family:{found.name}"
    return f"{base}:{found.cue}" if found.cue else base
