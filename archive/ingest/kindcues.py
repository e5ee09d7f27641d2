"""A document's kind that the identification form's reading hid from `families.recognise`.

NARA's identification form ends on its COMMENTS label. When the document's own first page
carries labels of its own ("FROM: Brussels", "TO: Secretary of State", "NO: 250" on the
Department's incoming telegram form), the form's reader runs on over them, and the lines it
took are not the document's text: the family signals there ("INCOMING TELEGRAM", "INFORMATION
REPORT TELEGRAM", "TDCS", "DATE DISTR") go unseen, and the record is left without a family. The
family's signals are looked for again below the form's COMMENTS label, the lines that hold the
form's TITLE left out (NARA's title often names the kind: "Incoming Telegram"); only a family
the signals decide firmly (a score of 3 or more, `families.recognise`'s confidence 0.85) is
taken, and only where none was found or `families.refine` guessed one from the text's shape
alone (a page in capitals a cable), and then only by a family of the guess's own agency (an
embassy's telegram sent "VIA CAS" stays the CIA's cable) (`form-runover`).

The Bureau's own heads, as the reference gives them (declassification.md: "`AIRTEL` or `FBI`
header", "LHMs open with UNITED STATES DEPARTMENT OF JUSTICE / FEDERAL BUREAU OF
INVESTIGATION"), where OCR or the typist's case hides them from `families.FAMILIES`' signals:

- a Bureau airtel's heading typed in lower case, "Airtel", alone on its line above its "To: SAC,
  Miami" / "From: Director, FBI" lines: an airtel, not the office memorandum those labels alone
  suggest to `families.refine` (`airtel-heading`);
- the letterhead memorandum's box "In Reply, Please Refer to File No." cut by OCR ("Reply,
  Please Re a") under the Department of Justice's letterhead: a letterhead memorandum, where
  nothing placed the record (`lhm-reply-box`).

Each cue names its rule (`Recognition.cue`), so calibration measures it apart.
"""

import re

from . import families, familycues
from .families import Recognition

# The form's last label, COMMENTS, at the head of its line (OCR may drop or add a letter).
_COMMENTS_RE = re.compile(r"(?i)^\W{0,3}CO[MN]{1,2}ENTS?\b")
_FORM_KINDS = ("form", "body")
_FIRM = 0.85  # families.recognise's confidence for a score of 3 or more
_AIRTEL_RE = re.compile(r"(?im)^\W{0,3}AIRTEL\W{0,3}$")
_REPLY_BOX_RE = re.compile(r"(?i)\bReply,?[ \t]+Please[ \t]+Re")
_LETTERHEAD_RE = re.compile(r"(?i)DEPARTMENT\W{0,3}\n?\W{0,3}(?:OF\W{1,3})?JUSTICE")
TOP = 1200  # the first lines of the document's own text, where a letterhead or heading stands


def refine(found: Recognition, agency: str | None, ctx) -> Recognition:
    """The family a cue of this module shows (module docstring), else the family found."""
    found = runover(found, agency, ctx)
    if agency == families.FBI:
        found = bureau_head(found, ctx.own_text(TOP)[:TOP])
    return found


def _undecided(found: Recognition) -> bool:
    """No family and no type: what `families.refine` could not place."""
    return found.name == "other" and not found.document_type


def _guessed(found: Recognition) -> bool:
    """A family `families.refine` guessed from the agency and the text's shape alone (a page in
    capitals a cable, TO/FROM labels an office memorandum): no signal's line, no cue."""
    return found.confidence <= 0.6 and found.line is None and not found.cue


def bureau_head(found: Recognition, top: str) -> Recognition:
    """An FBI record's airtel heading or letterhead box that OCR or case hid (module docstring)."""
    guessed = _guessed(found)
    if found.name in ("other", "fbi_office_memo") and guessed and _AIRTEL_RE.search(top):
        return familycues._as("fbi_airtel", families.FBI, "airtel-heading", top)
    undecided = found.name == "other" and not found.document_type
    if undecided and _REPLY_BOX_RE.search(top) and _LETTERHEAD_RE.search(top):
        return familycues._as("fbi_letterhead_memo", families.FBI, "lhm-reply-box", top)
    return found


def runover(found: Recognition, agency: str | None, ctx) -> Recognition:
    """The family the form's run-on lines show, where no family was found (module docstring)."""
    if not (_undecided(found) or _guessed(found)) or ctx.form is None or not ctx.lo:
        return found
    lines, kinds = ctx.lines, ctx.anatomy.kinds
    label = next((i for i in range(ctx.lo) if _COMMENTS_RE.match(lines[i].text)), None)
    if label is None:
        return found
    title = ctx.form.fields.get("title")
    values = [(title.start, title.end)] if title else []
    zone = ["skip"] * len(lines)
    for i in range(label + 1, len(lines)):
        line = lines[i]
        held = any(start < line.end and line.start < end for start, end in values)
        if kinds[i] in _FORM_KINDS and not held:
            zone[i] = "body"
    seen = families.recognise(ctx.text, lines, zone, label + 1)
    if seen.name in ("other", found.name) or seen.confidence < _FIRM:
        return found
    if seen.agency and agency and seen.agency != agency:
        return found
    guess = not _undecided(found) and families.BY_NAME[found.name].agency
    if guess and seen.agency != guess:
        return found  # a guess stands but for a family of its own agency (a CAS cable)
    head = "\n".join(lines[i].text for i in range(label + 1, len(lines)) if zone[i] == "body")
    seen = families.refine(seen, agency, head[:5000])
    agency = seen.agency or agency
    return seen._replace(agency=agency, confidence=0.6, line=None, cue="form-runover")
