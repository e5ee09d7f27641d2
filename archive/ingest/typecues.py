"""Document types a family's default names wrongly, and a family a report's page shows.

`families` gives each family one document type. The Army's family (`military_memo`) covers
every paper of an Army office: its memoranda (headed "MEMORANDUM FOR ..." or "MEMORANDUM FOR
RECORD"), but also its military letters (a file reference, SUBJECT and TO, numbered
paragraphs, no MEMORANDUM heading), its annexes, summaries and staff papers. Without a
memorandum's heading (or the Standard Form 64's "Office Memorandum") the family's
"Memorandum" is a guess: no type is given, the family stands.

The judges' one Army family likewise takes an Army record no signal placed (a weekly
intelligence summary's extract, a biographical worksheet): `military_memo`, no type.

An FBI record whose own text opens on a report's later page (its first page lost or filed
apart: no title block, no TO/FROM, no letterhead) is left without a family; yet every page of
a field office's report after the first carries the office's code and the case file number at
its head ("NY 105-49813", "PH 92-137", "WFO 105-41783"): a report of the Bureau (`fbi_report`).

Where the text names no kind (no family, or the Army's family with no type), NARA's
identification form may: its TITLE opens with the kind ("CABLE RE ...", "MFR: ...", "MILITARY
LETTER"), the text's own heading always first.

Each cue names its rule (`Recognition.cue`), so calibration measures it apart.
"""

import re

from . import families, familycues
from .families import ARMY, Recognition

# A memorandum's own word anywhere in the head, OCR's one wrong letter allowed ("MEYORANDUM"),
# cut ("MEMORAN-"), spaced ("M E M O"), or a JCS memorandum's number ("JCSM-123-63").
MEMO_WORD_RE = re.compile(
    rf"(?i)\b(?:{families._MEMO_OCR}|MEMORAN\w{{0,4}}|JCSM)\b|M[ \t]E[ \t]M[ \t]O\b"
)
# A report page's head: the office's code and the case file number on one of its first lines.
_FILE_PAGE_RE = re.compile(r"\A(?:[^\n]*\n){0,4}?\W{0,3}[A-Z]{2,3}[ \t]+\d{1,3}-\d{2,6}\b")
# The form's TITLE as NARA's cataloguers opened it with the record's kind ("CABLE RE ...",
# "MESSAGE: ...", "MFR: ...", "MEMO: ...", "MILITARY LETTER", "PRESS CLIPPING: ..."), read
# only where the text itself names no kind (a plural "MEMOS ON ..." names several records).
_TITLE_KINDS = (
    (re.compile(r"^(?:[A-Z]+[ \t])?(?:CABLE|MESSAGE)\b(?![ \t]*S\b)"), "Cable", "cia_cable"),
    (
        re.compile(r"^MFR\b|^MEMO(?:RANDUM)?[ \t]+FOR[ \t]+(?:THE[ \t]+)?RECORD\b"),
        "Memorandum for the Record",
        "cia_mfr",
    ),
    (
        re.compile(r"^MEMO(?:RANDUM)?(?:[ \t]*:|[ \t]+(?:RE|ON|CONCERNING|TO)\b)"),
        "Memorandum",
        "cia_memo",
    ),
    (re.compile(r"^DISPATCH\b"), "Dispatch", "cia_dispatch"),
    (re.compile(r"^(?:MILITARY[ \t]+)?LETTER\b"), "Letter", "letter"),
    (re.compile(r"^PRESS[ \t]+CLIPPING\b|^NEWSPAPER[ \t]+(?:ARTICLE|CLIPPING)\b"), "Other", ""),
)
TOP = 4000  # the head's first page or so, where a Standard Form 64 prints its title


def refine(found: Recognition, agency: str | None, head: str, form=None) -> Recognition:
    """The family's type a house convention corrects (see the module's docstring)."""
    found = _refine(found, agency, head)
    item = form.fields.get("title") if form else None
    if item is None or found.document_type or found.name not in ("other", "military_memo"):
        return found
    title = str(item.value).strip().upper()
    for pattern, kind, name in _TITLE_KINDS:
        if pattern.search(title):
            if found.name == "other" and agency == families.CIA and name:
                return familycues._as(name, agency, "form-title-kind", head)
            return found._replace(document_type=kind, confidence=0.6, cue="form-title-kind")
    return found


def _refine(found: Recognition, agency: str | None, head: str) -> Recognition:
    """The type or family a convention of the text corrects."""
    army = found.name == "military_memo" and agency == ARMY and not found.cue
    guessed = found.document_type == "Memorandum" and not MEMO_WORD_RE.search(head)
    if army and guessed and not familycues.SF64_RE.search(head[:TOP]):
        return found._replace(document_type="", cue="army-unheaded")
    unplaced = found.name == "other" and not found.document_type and agency == families.FBI
    if unplaced and _FILE_PAGE_RE.search(head.lstrip()):
        return familycues._as("fbi_report", agency, "report-file-page", head)
    if found.name == "other" and not found.document_type and agency == ARMY:
        army = familycues._as("military_memo", agency, "army-unplaced", head)
        return army if army.document_type != "Memorandum" else army._replace(document_type="")
    return found
