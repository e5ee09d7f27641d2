"""Captions and senders that read as page debris, not as what the document says it is.

A finder that reads a caption by its place (the line after SUBJECT, a form's TITLE box, the
capitals at a report's head) sometimes takes a line that is no caption: the typist's reference
initials at a letter's foot ("GC : LEMAN L. STAFFORD, JR. LLS:msb"), the NARA or library
footer OCR'd into words ("... reproduced from the holdings of the ..."), or a date line
("June 1968 Director"). Such a value is not thrown away: it keeps its reading under a rule
name of its own ("<rule>-debris") at a confidence below the calibration floor, so that the
review form offers it as a suggestion while the record shows no caption rather than a wrong
one.

A sender cut off mid-phrase at a line break is debris too: a parenthesis opened and never
closed ("Deputy Director of Security (Investigations", "SAC, PIIISBURGH (94-172 Sub"), a last
word that must be followed by another ("(Jerry F. Booth, ...) and"), or an article alone
("THE"). A lone opening parenthesis before the whole value is only OCR's and is dropped
("(Gloria M. Boyd").

A garbled value of a worded field is measured apart ("<rule>-garbled", calibration.py); where
that garbled rule was never measured (too few values) a title or sender keeps no more than
GARBLED_UNMEASURED, also below the floor: its finder's confidence was given to clean readings.
"""

import re

from . import calibration

# Below calibration.FLOOR: kept as a suggestion, not as the field's value.
DEBRIS_CONFIDENCE = 0.3
GARBLED_UNMEASURED = 0.35

# A typist's reference initials ("LLS:msb", "JEH:mfd"): the foot of a letter, never a caption.
_TYPIST_RE = re.compile(r"\b[A-Z]{2,4}[ \t]?:[ \t]?[a-z]{2,4}\b")
# The archive's page footer ("reproduced from the holdings of the John F. Kennedy Library").
_FOOTER_RE = re.compile(r"(?i)\breproduced[ \t]+from\b|\bholdings[ \t]+of[ \t]+the\b")
# A date line ("June 1968 Director", "12 March 1963"): a date and at most one word more.
_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DATE_LINE_RE = re.compile(
    rf"(?i)^\W*(?:\d{{1,2}}[ \t]+)?{_MONTHS},?[ \t]+(?:\d{{1,2}},?[ \t]+)?\d{{4}}\W*(?:\w+\W*)?$"
)


# A sender's last word that must be followed by another: the value was cut at a line break.
_SENDER_CUT_RE = re.compile(r"\b(?:and|of|for|the|to|by|in|on|at|with)\W*$|^\W*THE\W*$")


def sender_debris(sender: str) -> str | None:
    """Why a sender reads as cut off mid-phrase (see the module docstring), else None."""
    if sender.count("(") != sender.count(")"):
        return "a parenthesis never closed"
    if _SENDER_CUT_RE.search(sender):
        return "cut at a line break"
    return None


def debris(title: str) -> str | None:
    """Why a caption reads as page debris (see the module docstring), else None."""
    if _TYPIST_RE.search(title):
        return "typist's reference initials"
    if _FOOTER_RE.search(title):
        return "the archive's page footer"
    if _DATE_LINE_RE.match(title):
        return "a date line"
    return None


def vet(out) -> None:
    """Demote a caption or sender read as page debris, and an unmeasured garbled one."""
    title, rule = out.values.get("title"), out.rules.get("title", "")
    if isinstance(title, str) and rule != "composed" and (why := debris(title)):
        out.rules["title"] = f"{rule}-debris"
        out.confidence["title"] = min(out.confidence.get("title", 1.0), DEBRIS_CONFIDENCE)
        out.field_notes["title"] = f"title: {title!r} reads as {why}"
    sender, rule = out.values.get("sender"), out.rules.get("sender", "")
    if isinstance(sender, str) and sender.startswith("(") and ")" not in sender:
        sender = out.values["sender"] = sender[1:].strip()
    if isinstance(sender, str) and rule and (why := sender_debris(sender)):
        out.rules["sender"] = f"{rule}-debris"
        out.confidence["sender"] = min(out.confidence.get("sender", 1.0), DEBRIS_CONFIDENCE)
        out.field_notes["sender"] = f"sender: {sender!r} reads as {why}"
    measured = calibration.table()
    for name in ("title", "sender"):
        value, rule = out.values.get(name), out.rules.get(name)
        if not isinstance(value, str) or not rule or rule.endswith("-debris"):
            continue
        garbled = rule if rule.endswith("-garbled") else f"{rule}-garbled"
        if calibration.key(name, garbled) in measured:
            continue
        if not calibration.reads_cleanly(value):
            out.rules[name] = garbled
            out.confidence[name] = min(out.confidence.get(name, 1.0), GARBLED_UNMEASURED)
