"""A CIA dispatch's subject box, and a headquarters cable's sender, where the first readings
missed them.

The dispatch form (Form 53) sets its boxes in a column: DISPATCH, then the TO, INFO and FROM
boxes with the offices ("Chief, WH Division", "Chief of Station, Mexico City"), then the
SUBJECT box, then ACTION REQUIRED - REFERENCES. The subject box holds a slug of cryptonyms
and the kind of report on its first line ("OPERATIONAL/TYPIC/ AMFAUNA", "RYBAT MHCHAOS",
"TYPIC/ANSPELL/Operational"), and the subject proper, typed in small letters, below it
("AMFAUNA-26 Progress Report for October, November and December 1963") or on the same line
("PBRUMEN/LIONION/Operational Progress Report"). OCR garbles the SUBJECT label ("substet",
"SUBICT") or loses it, and the label reading then takes the slug, or nothing, and the title
was composed from the parties. NARA's catalogue titles a dispatch by the subject proper.

The subject proper is read here from the lines after the sender's office (or the SUBJECT
label) and before the ACTION REQUIRED box: the first line in small letters with two words or
more, past the form's printed boxes (PROCESSING, INDEXING, MICROFILM) and the slug. OCR
sometimes sets the subject's line after the ACTION REQUIRED label; a short line right below
it is taken when the slug was seen and nothing else was (rule "dispatch-subject-box").

A cable headquarters sends cites itself as DIR on its routing line ("TO BRLN INFO FRAN CITE
DIR", "TO INFO CITE DIR"), its number typed apart or lost to OCR, so citelines (which wants
the number beside the cite) did not read it. On the 1960s message form the FROM label stands
in a column of labels whose values OCR gives in another order ("TO" / "FROM:" / "CONF:" /
"BERLIN" / "DIRECTOR"), and the label reading took the addressee's station for the sender.
A cable that cites DIR is headquarters': its sender is read so where no reading named
headquarters (rule "cable-cite-dir").

The dispatch's TO box, its first office, loses the C and h of "Chief" to OCR ("itef,
WOMUSE", "Chick, WOMUSE"), and grammars.dispatch() (which wants "Chief") read no addressee.
The first line of the form shaped "<a word within two letters of Chief>, <unit>" before the
INFO and FROM boxes is read as the addressee, its title restored (rule "dispatch-to-ocr").

The later cable form sets its slug of handling words and cryptonyms on the line below the
addressee ("TO: DIRECTOR," / "WNINTEL RYBAT REAM SYMPATHIZER MACOLOR"); the label reading
runs on over the comma and keeps the slug with the addressee. It is cut off (rule
"cable-slug-cut").

Cable prose abbreviates "the subject" (the person the cable is about) as SUBJ, and OCR may
start a line with it ("SUBJ MOVEMENT HIGHLY LIMITED BY PRESENCE GNVA ..."); the SUBJECT label
reading took such a line, far into the text, for the cable's subject. A SUBJ with no colon
after it, below the first numbered paragraph, is prose: that reading is dropped before the
title is taken from it.
"""

import re

from .citelines import HEADQUARTERS
from .patterns import levenshtein, reads_cleanly, squash, trim_junk

_HEADING_RE = re.compile(r"(?i)^\W{0,3}\w{0,2}[SI]?SPATCH\b(?![ \t]+(?:SYMBOL|NO\b))")
# An office of the TO, INFO or FROM box, read through OCR damage of "Chief".
_OFFICE_RE = re.compile(
    r"(?i)\b(?:chie\w|chick|station|cos\b|division|staff\b|base\b|c/[a-z]{2,5}\b)"
)
_FROM_RE = re.compile(r"(?i)^\W{0,3}FR[O0C]M\w?\W{0,3}$")
# The SUBJECT label, OCR'd ("substet", "SUBICT", "SUBYECT"), with the box's value after it.
_SUBJECT_RE = re.compile(r"(?i)^\W{0,3}(?:SUBJECT|SUB[IJY]?[A-Z]?C?T|SUBSTET|SUBSET)\b\W{0,3}")
# The box after the subject, which ends it: ACTION REQUIRED - REFERENCES, and its OCR.
_ACTION_RE = re.compile(
    r"(?i)(?:ACTION|ACTIAN|RETION|ACTON)\W{1,3}REQU|REQU[I1]R\w*\W{1,5}RE[FT]"
    r"|^\W{0,3}(?:Action|Ref(?:erence)?s?)\b[ \t\w]{0,10}:"
)
# The first paragraph of the dispatch's text, or a line as long as the text's: past the form.
_BODY_RE = re.compile(r"^\W{0,2}\d{1,2}[.,][ \t]|^.{71,}$")
# The form's printed boxes and their OCR, set among the offices and the subject.
_FURNITURE_RE = re.compile(
    r"(?i)PROCESS|INDEX|QUALIF|\bDESK\b|MICRO|ABSTRACT|CLASSIF|SECRET|CONFIDENTIAL|"
    r"\bJUDGE\b|\bMARKED\b|\bINFO\b|HEADQUARTERS|DISPATCH"
)
# The kinds of report a slug names beside its cryptonyms.
_KINDS = frozenset(("operational", "general", "administrative", "intelligence", "operations"))
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'-]{2,}")
# The older form (the 1950s) divides its subject: "SUBJECT: GENERAL - Administrative" and
# below it "SPECIFIC - Arthur G. VAIVADA" (OCR "GENERA-", "SPEare-"); the catalogue titles it
# "Administrative: Arthur G. Vaivada".
_GENERAL_RE = re.compile(
    r"(?i)^[GC]ENERA\w{0,2}[ \t]?[-–:][ \t]*(?P<kind>[A-Za-z][A-Za-z \t]{3,40})$"
)
_SPECIFIC_RE = re.compile(r"^\W{0,3}S[PF][A-Za-z]{0,7}[ \t]?[-–:][ \t]*(?P<v>[A-Z][^\n]{2,60})$")
# A mark OCR read at the head of the subject's line ("@ Agent Evaluation", "© Operational").
_LEAD_RE = re.compile(r"^[^\w(\"']+")
_LOOK = 30  # lines of the form below its heading


def _slug(text: str) -> bool:
    """A line of cryptonyms in capitals and kinds of report, nothing in small letters."""
    tokens = [t for t in re.split(r"[/\s\-–.,;:()]+", text) if t]
    if not tokens or len(tokens) > 6:
        return False
    return all(t.isupper() or t.lower() in _KINDS or not t.isalpha() for t in tokens)


def _subject_proper(text: str) -> bool:
    """A line in small letters with two words or more that reads as words."""
    words = _WORD_RE.findall(text)
    small = [w for w in words if any(c.islower() for c in w)]
    return len(words) >= 2 and len(small) >= 2 and len(text) <= 90 and reads_cleanly(text)


def _zone(ctx) -> list[int]:
    """The form's own lines, from its DISPATCH heading (or the body's start) on."""
    own = [
        i
        for i in range(ctx.lo, min(len(ctx.lines), ctx.lo + 120))
        if not ctx.noise(i) and ctx.lines[i].text.strip()
    ]
    head = next((k for k, i in enumerate(own[:40]) if _HEADING_RE.match(ctx.lines[i].text)), -1)
    return own[head + 1 : head + 1 + _LOOK]


def subject_box(ctx) -> tuple[str, int] | None:
    """The dispatch's subject proper and the line it is on (see the module docstring)."""
    zone = _zone(ctx)
    anchor, offices = None, 0
    for k, i in enumerate(zone):
        text = ctx.lines[i].text.strip()
        if _ACTION_RE.search(text) or _BODY_RE.match(text):
            break
        if _SUBJECT_RE.match(text) or _FROM_RE.match(text):
            anchor = k
        elif _OFFICE_RE.search(text) and len(text) <= 60:
            offices += 1
            if offices >= 2:
                anchor = k  # the sender's office: the first office is the addressee's
    if anchor is None or not offices:
        return None  # no office of the TO box: not the dispatch form (a routing sheet's box)
    slug = False
    for k in range(anchor, len(zone)):
        i = zone[k]
        text = ctx.lines[i].text.strip()
        if k == anchor:
            text = _SUBJECT_RE.sub("", text) if _SUBJECT_RE.match(text) else ""
        if _ACTION_RE.search(text):
            return _after_action(ctx, zone[k + 1 : k + 2]) if slug else None
        if _BODY_RE.match(text):
            return None
        value = _LEAD_RE.sub("", trim_junk(text))
        if not value or _FURNITURE_RE.search(value) or _OFFICE_RE.search(value):
            continue
        if _subject_proper(value):
            return squash(value), i
        if (general := _GENERAL_RE.match(value)) and (hit := _specific(ctx, zone[k + 1 : k + 3])):
            return f"{general['kind'].strip()}: {hit[0]}", hit[1]
        slug = slug or _slug(value)
    return None


def _specific(ctx, rest: list[int]) -> tuple[str, int] | None:
    """The older form's SPECIFIC line under its GENERAL one: its value and line."""
    for i in rest:
        if m := _SPECIFIC_RE.match(ctx.lines[i].text.strip()):
            value = trim_junk(m["v"])
            return (squash(value), i) if reads_cleanly(value) else None
    return None


def _after_action(ctx, rest: list[int]) -> tuple[str, int] | None:
    """The subject's line OCR set right below the ACTION REQUIRED label."""
    for i in rest:
        value = _LEAD_RE.sub("", trim_junk(ctx.lines[i].text))
        short = len(value) <= 50 and not value.endswith(".")
        if short and not re.match(r"(?i)^(?:\d|action|ref)", value) and _subject_proper(value):
            return squash(value), i
    return None


def dispatch_title(ctx, out) -> None:
    """A dispatch's title from its subject box, where the title was composed from its parties
    or read as the box's slug alone."""
    if ctx.family.name != "cia_dispatch":
        return
    rule, title = out.rules.get("title"), out.values.get("title")
    slug_only = rule in ("subject", "subject-garbled") and isinstance(title, str) and _slug(title)
    if title and rule != "composed" and not slug_only:
        return
    hit = subject_box(ctx)
    if not hit:
        return
    value, i = hit
    line = ctx.lines[i]
    _set(out, "title", value, (line.start, line.end), "dispatch-subject-box")


# "CITE DIR" or "CITE DIRECTOR" with no number beside it (typed apart, or read as letters).
_CITE_DIR_RE = re.compile(r"\bC[I1]TE[ \t:]{1,3}(?:DIR|DIRECTOR)\b\.?(?![ \t]*\d)")
_HQ_WORDS_RE = re.compile(r"(?i)\bDIR(?:ECTOR)?\b|HEADQUARTERS|\bHQS?\b")
_LABEL_RULES = ("label", "label-garbled", "label-trimmed")


def cable_director(ctx, out) -> None:
    """Headquarters as the sender of a cable that cites DIR (see the module docstring)."""
    if ctx.family.name != "cia_cable":
        return
    sender, rule = out.values.get("sender"), out.rules.get("sender")
    if sender and (rule not in _LABEL_RULES or _HQ_WORDS_RE.search(str(sender))):
        return
    for i in range(ctx.lo, min(len(ctx.lines), ctx.lo + 150)):
        if not ctx.noise(i) and _CITE_DIR_RE.search(ctx.lines[i].text):
            line = ctx.lines[i]
            _set(out, "sender", HEADQUARTERS, (line.start, line.end), "cable-cite-dir")
            return


# The TO box's office: a damaged "Chief", a comma, a unit's code or name.
_TO_OFFICE_RE = re.compile(
    r"^\W{0,3}(?P<chief>[A-Za-z]{3,6})[.,][ \t]*"
    r"(?P<unit>[A-Z][A-Za-z/&]{1,12}(?:[ \t][A-Z][A-Za-z/&]{1,14}){0,3})\W{0,3}$"
)
_INFO_FROM_RE = re.compile(r"(?i)^\W{0,3}(?:INFO|FROM)\b")


def _damaged_chief(word: str) -> bool:
    """ "Chief" with a letter or two OCR changed or lost ("Chick", "itef"), not "Chief" itself."""
    word = word.lower()
    return word != "chief" and (levenshtein(word, "chief", 2) <= 2 or word.endswith("ef"))


def dispatch_addressee(ctx, out) -> None:
    """The addressee of a dispatch whose TO box's "Chief" OCR damaged (see the docstring)."""
    if ctx.family.name != "cia_dispatch" or out.values.get("recipient"):
        return
    for i in _zone(ctx)[:15]:
        text = ctx.lines[i].text.strip()
        if _INFO_FROM_RE.match(text) or _SUBJECT_RE.match(text) or _ACTION_RE.search(text):
            return
        m = _TO_OFFICE_RE.match(text)
        if not m or not _damaged_chief(m["chief"]) or _FURNITURE_RE.search(m["unit"]):
            if _OFFICE_RE.search(text):
                return  # the first office reads as one: grammars.dispatch's to read
            continue
        if reads_cleanly(m["unit"]):
            line = ctx.lines[i]
            _set(out, "recipient", f"Chief, {m['unit']}", (line.start, line.end), "dispatch-to-ocr")
        return


def _set(out, name: str, value: str, span: tuple[int, int], rule: str) -> None:
    """Put a reading in place of the field's (calibration then measures its rule)."""
    out.values[name] = value
    out.confidence[name] = max(out.confidence.get(name, 0.0), 0.6)
    out.rules[name] = rule
    out.sources[name] = span
    out.rivals.pop(name, None)


# A party read with the cable's slug after it: "DIRECTOR; WNINTEL RYBAT REAM SYMPATHIZER".
_SLUG_TAIL_RE = re.compile(
    r"^(?P<v>[^;]{3,60}?)[ \t]*[;,][ \t]*(?:WNINTEL|WINTEL|RYBAT|TYPIC|KAPOK)\b[A-Z0-9/ \t-]*$"
)


def cable_slug_cut(ctx, out) -> None:
    """A cable's sender or addressee without the slug the label reading ran on into."""
    if ctx.family.name != "cia_cable":
        return
    for name in ("sender", "recipient"):
        value = out.values.get(name)
        if out.rules.get(name) not in _LABEL_RULES or not isinstance(value, str):
            continue
        if m := _SLUG_TAIL_RE.match(value):
            span = out.sources.get(name) or (0, 0)
            _set(out, name, m["v"].strip(" ,;"), span, "cable-slug-cut")


_PROSE_SUBJ_RE = re.compile(r"^\W{0,3}SUBJ[ \t]+[A-Z]")
_PARAGRAPH_RE = re.compile(r"(?m)^\W{0,3}1[.,][ \t]")


def prose_subject(ctx, out) -> None:
    """Drop a subject read from a line of prose that opens with SUBJ (see the docstring)."""
    span = out.sources.get("subject")
    if "subject" not in out.values or not span or out.rules.get("subject") != "label":
        return
    if not _PROSE_SUBJ_RE.match(ctx.text[span[0] : span[1]]):
        return
    if _PARAGRAPH_RE.search(ctx.text, ctx.body_start, span[0]):
        for store in (out.values, out.confidence, out.rules, out.sources, out.rivals):
            store.pop("subject", None)
