"""The Army's counterintelligence forms: who wrote an Agent Report or a Summary of Information.

An Army Agent Report opens with its form heading, "AGENT REPORT" over "(SR 380-320-10)" (the
regulation it is made under), then numbered boxes: 1. NAME OF SUBJECT OR TITLE OF INCIDENT,
2. DATE SUBMITTED, 3. CONTROL SYMBOL OR FILE NUMBER, 4. REPORT OF FINDINGS, and at the foot of
the page 5. TYPED NAME AND ORGANIZATION OF SPECIAL AGENT, 6. SIGNATURE OF SPECIAL AGENT. Box 5
holds the reporting agent as "NAME, <unit>" ("ARTHUR D MC QUEEN, 66TH CIC GROUP", "WILLIAM D.
FERRELL, 513th MI Group", "DAVID W. BRODERICK, 115th CIC Det (III)"): the report's sender. OCR
puts that line before or after the box's label and often garbles the label itself, so the line
is known by its shape (a name, then a numbered CIC or MI unit) on the report's first page.

A Summary of Information (DA Form 568) names no writer: its "PREPARING OFFICE" box, under the
SUMMARY OF INFORMATION heading, holds the office that prepared it ("AC of S, G2, FOURTH ARMY
HEADQUARTERS", "Region I, 112th Intelligence Corps Group, San Antonio, Texas"): its sender.

Both forms' subject box names a person by name, then identifying data on the lines under it:
"DOB:" / "DPOB:" / "POB:" (date and place of birth), "DOSSIER:". Where OCR ran those lines
into the caption ("William J. Herlihy, LIC, 064739 DPOB: 13 August 1929, Pittsburgh, Penna",
"SCHEER, Robert DOB: 4 Apr 36 DOSSIER: H1 01 69 40"), the caption is cut before them; where it
ran box 2 (DATE SUBMITTED) on ("SLOBODA, Vladimir Walter aka Wladimir (U) 16 November 1960"),
the date is cut off (`trim_subject_data`, rule "<rule>-subject-data").
"""

import re
from difflib import SequenceMatcher

from . import calibration
from .patterns import NARA_FOOTER_RE

# The regulation under the heading: "(SR 380-320-10)", "(SR_380-320-10)", OCR's "SR 340-320-10".
_REGULATION_RE = re.compile(r"\bSR[\s_.]{0,2}3[48]0\W{1,3}320\W{1,3}10\b")
_HEADING_RE = re.compile(r"\bAGENT\W{0,4}REPORT|^\W{0,3}AGENT\b.{0,12}$", re.I)
# What a covering letter puts before the report it encloses (then the letter is the document).
_COVER_RE = re.compile(r"(?im)^\W{0,3}SUBJECT\s*:|FOR\s+THE\s+COMMANDER|^\W{0,3}\d?\s*Incls?\b")
# Box 5's value: a person's name, a comma, a numbered counterintelligence unit. OCR reads the
# unit's number with a letter for a digit now and then ("G6TH CIC GROUP").
_AGENT_RE = re.compile(
    r"^\W{0,2}(?P<name>[A-Z][A-Z.'\- ]{1,30}?[A-Z]\.?"
    r"(?:,\s?[A-Z][A-Z.'\- ]{0,20}?[A-Z]\.?)?)\s*,\s*"
    r"(?P<unit>[\dGOS]\d{1,2}(?:st|nd|rd|th|TH|ST|ND|RD)\s+"
    r"(?:CIC|MI|C\.I\.C\.|Military\s+Intelligence|Counter\s+Intelligence)\b"
    r"[A-Za-z ]{0,30}(?:\([A-Z]{1,4}\))?)",
)
# The form's FROM as NARA typed it: "BEININGEN, KIRK T".
_TYPED_NAME_RE = re.compile(r"^[A-Z][A-Z'\-]+, [A-Z]+(?: [A-Z]\.?)?(?:,? JR\.?)?$")
# OCR's letters for a unit number's first digit ("G6TH CIC GROUP" is the 66th).
_DIGIT_LOOKALIKES = {"G": "6", "O": "0", "S": "5"}
# A typed "MC QUEEN" is one surname, McQueen.
_MC_RE = re.compile(r"\bMC\s+(?=[A-Z]{3,}\b)")
# The page the agent is on: the lines after the regulation up to the page's NARA footer.
_PAGE_LINES = 120


def _form_end(ctx) -> int:
    """Where NARA's identification form ends in the text (0 without one)."""
    if not ctx.form or not ctx.form.fields:
        return 0
    return max(item.end for item in ctx.form.fields.values())


def _report_head(ctx) -> int | None:
    """Index of the regulation line under an AGENT REPORT heading that opens the document's
    own text (no covering letter before it)."""
    for i in range(min(len(ctx.lines), 400)):
        text = ctx.lines[i].text.strip()
        if len(text) > 40 or not _REGULATION_RE.search(text):
            continue
        above = [j for j in range(max(0, i - 8), i) if ctx.lines[j].text.strip()][-3:]
        if not any(_HEADING_RE.search(ctx.lines[j].text.strip()) for j in above):
            return None
        head = ctx.lines[above[0]].start
        if _COVER_RE.search(ctx.text[min(_form_end(ctx), head) : head]):
            return None
        return i
    return None


def special_agent(ctx) -> tuple[str, int] | None:
    """The reporting special agent of an Agent Report opening the document: (value, line)."""
    head = _report_head(ctx)
    if head is None:
        return None
    for i in range(head + 1, min(len(ctx.lines), head + _PAGE_LINES)):
        text = ctx.lines[i].text.strip()
        if NARA_FOOTER_RE.search(text):
            return None
        if m := _AGENT_RE.match(text):
            name = " ".join(m["name"].split())
            if len(name.replace(".", "").split()) < 2:
                continue
            unit = " ".join(m["unit"].split())
            unit = _DIGIT_LOOKALIKES.get(unit[0], unit[0]) + unit[1:]
            return f"{_MC_RE.sub('MC', name)}, {unit}", i
    return None


def _same_person(typed: str, read: str) -> bool:
    """NARA's typed name ("BEININGEN, KIRK T") and the agent OCR read ("KIRK T, BEIVINGIN"):
    every word of the typed one matches a word read, OCR's slips allowed in long words."""
    words = re.findall(r"[A-Za-z]+", read.upper())
    typed_words = re.findall(r"[A-Za-z]+", typed.upper())
    return bool(typed_words) and all(
        any(w == r or len(w) > 4 and SequenceMatcher(None, w, r).ratio() >= 0.75 for r in words)
        for w in typed_words
    )


def _typed_on_form(ctx, name: str, head: int) -> int | None:
    """The line of NARA's identification form, above the report, typing the agent's name."""
    for i in range(max(0, head - 150), head):
        text = ctx.lines[i].text.strip()
        if _TYPED_NAME_RE.match(text) and _same_person(text, name):
            return i
    return None


def agent_sender(ctx, out) -> None:
    """Offer an Agent Report's special agent (box 5) as its sender, in the identification
    form's typed spelling where the form types the same agent (OCR damages the report more)."""
    if not (hit := special_agent(ctx)):
        return
    value, at = hit
    rule = "agent-report-agent"
    typed = _typed_on_form(ctx, value.rsplit(",", 1)[0], _report_head(ctx) or 0)
    if typed is not None:
        value, at, rule = ctx.lines[typed].text.strip(), typed, "agent-report-agent+form"
    line = ctx.lines[at]
    out.offer("sender", value, 0.76, span=(line.start, line.end), rule=rule)


# "PREPARING OFFICE", "Freparing Office:", "PREPARING FFICE" (OCR), its value after it or below.
_PREPARING_RE = re.compile(r"^\W{0,3}.?REPAR\w{3,5}\W{1,3}O?F+ICE\b\W{0,3}(?P<rest>.*)$", re.I)
_SUMMARY_RE = re.compile(r"MARY\W{1,3}OF\b", re.I)
# A preparing office names an Army staff section or unit.
_OFFICE_WORDS_RE = re.compile(
    r"\bG\W?2\b|\bArmy\b|\bGroup\b|\bRegion\b|\bDetachment\b|\bCorps\b|Chief\s+of\s+Staff", re.I
)
_SUMMARY_LINES = 60


def preparing_office(ctx) -> tuple[str, int] | None:
    """The preparing office of a Summary of Information opening the text: (value, line)."""
    lines = ctx.lines
    for i in range(min(len(lines), _SUMMARY_LINES + ctx.lo)):
        m = _PREPARING_RE.match(lines[i].text.strip())
        if not m:
            continue
        above = [lines[j].text for j in range(max(0, i - 10), i)]
        if not any(_SUMMARY_RE.search(t) for t in above):
            return None
        at, value = i, m["rest"].strip()
        if len(value) < 5:
            below = [j for j in range(i + 1, min(len(lines), i + 4)) if lines[j].text.strip()]
            if not below:
                return None
            at, value = below[0], lines[below[0]].text.strip()
        value = " ".join(value.split())
        if not 8 <= len(value) <= 120 or not _OFFICE_WORDS_RE.search(value):
            return None
        return value, at
    return None


def summary_sender(ctx, out) -> None:
    """Offer a Summary of Information's preparing office as its sender."""
    if hit := preparing_office(ctx):
        value, at = hit
        line = ctx.lines[at]
        out.offer(
            "sender", value, 0.72, span=(line.start, line.end), rule="summary-preparing-office"
        )


# The identifying data under a personal subject's name, run into the caption by OCR.
_SUBJECT_DATA_RE = re.compile(r"[ \t,;]+(?:D\.?\s?P?\.?\s?O\.?\s?B|P\.?\s?O\.?\s?B|DOSSIER)\s*[:.]")
# Box 2's date run on after the caption's classification mark: "... (U) 16 November 1960".
_BOX_DATE_RE = re.compile(r"(?<=\([UCS]\))[ \t]+\d{1,2}[ \t]+[A-Z][a-z]{2,8}\.?[ \t]+\d{4}\s*$")
_CAPTION_RULES = ("incident", "subject")


def trim_subject_data(out) -> None:
    """Cut an Army subject caption before the identifying data or the date OCR ran into it."""
    title, rule = out.values.get("title"), out.rules.get("title")
    if out.values.get("agency") != "Department of the Army" or rule not in _CAPTION_RULES:
        return
    if not isinstance(title, str):
        return
    m = _SUBJECT_DATA_RE.search(title) or _BOX_DATE_RE.search(title)
    cut = title[: m.start()].strip(" ,;") if m else ""
    # A cut that leaves OCR's debris at its end ("ssaN: [558-36-6175(") is no better a caption.
    if sum(c.isalpha() for c in cut) >= 4 and calibration.reads_cleanly(cut):
        out.values["title"] = cut
        out.rules["title"] = f"{rule}-subject-data"
