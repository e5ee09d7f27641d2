"""A sender or addressee whose clean head OCR followed with debris ("SAC, MIAMI(p)",
"DIRECTOR, FBI paggct 3° 1964", "Chief, WH/SA Og AUG"): the head is kept, the tail cut.

A header value runs to the end of its line, and on a scanned page the end of the line often
holds a stamp, a handwritten initial or a margin note that OCR reads as letters. Such a value
does not read cleanly, so its rule is measured apart ("label-garbled") and mostly offered as a
suggestion. Where the value starts with words that do read cleanly and the debris begins at
one token, the value is cut there and the rule named with "-trimmed" ("label-trimmed"), to
be measured on its own.
"""

import re

from .patterns import reads_cleanly

WORDED_PARTIES = ("sender", "recipient")
# Words that may stay small in a party ("Chief of Station", "Mr. Scott").
_SMALL = frozenset(
    ("a", "an", "of", "to", "in", "on", "at", "by", "and", "for", "the", "via", "attn", "c/o")
    + ("jr", "sr", "mr", "ms", "dr", "st", "no", "mrs")
)
# Printed labels OCR sets on the value's line: the next header's, never part of a party.
_LABELS = frozenset(
    ("DATE", "SUBJECT", "FROM", "TO", "REF", "REFERENCE", "FILE", "SUBJ", "ORIGINATOR")
)
_NAME_PREFIX_RE = re.compile(r"^(?:Mc|Mac|De|Di|La|Le|Van|O')[A-Z][a-z]+$")
_ORDINAL_RE = re.compile(r"^\d{1,3}(?:st|nd|rd|th|ST|ND|RD|TH)$")
_SYMBOL_RE = re.compile(r"^[A-Za-z0-9&]{1,8}(?:/[A-Za-z0-9&]{1,8})+$")  # WH/4, C/CI/R&A
_CODE_RE = re.compile(r"^[A-Z]{1,3}-?\d{1,2}$")  # G2, G-2, S3
_EDGE = ",.;:()'\"“”‘’"
_NEUTRAL = frozenset("&-/—–")
# At least this many letters stay, so a cut never leaves a fragment ("Chie", "Chief").
MIN_LETTERS = 6
_PAREN_RE = re.compile(r"(?<=\w)\(")  # "MIAMI(p)": the bracket opens a token of its own


def _debris(token: str, head_lower: bool | None) -> bool:
    """Whether one whitespace-separated token of a party is OCR debris."""
    core = token.strip(_EDGE)
    if not core:
        return bool(token.strip(_EDGE + "".join(_NEUTRAL)))  # "|", "=", "{"
    if core in _NEUTRAL:
        return False
    if core.upper() in _LABELS and core.isupper():
        return True
    if core.replace("l", "I").isupper():
        return False  # "FBl": an I read as l
    if _SYMBOL_RE.match(core) or _ORDINAL_RE.match(core) or _CODE_RE.match(core):
        return False
    if not core.isalpha():
        return True  # "3°", "1964", "(p)" read as "p)", "sliolw5y"
    if len(core) <= 2:
        return not core.isupper() and core.lower() not in _SMALL
    if not (core.isupper() or core.islower() or core.istitle()):
        return not _NAME_PREFIX_RE.match(core)  # "DivIsiOn", "wuMBce"; not "McCoy"
    # A small-letter word after a head with none: a stamp or a scrawl ("FBI paggct").
    return core.islower() and head_lower is False and core not in _SMALL


def trimmed(value: str) -> str | None:
    """The clean head of a party read with debris after it, or None when there is no such head
    (the value reads cleanly, starts with debris, or keeps too little)."""
    if not isinstance(value, str) or reads_cleanly(value):
        return None
    tokens = _PAREN_RE.sub(" (", value).split()
    head: list[str] = []
    for token in tokens:
        head_lower = (
            any(t.strip(_EDGE).islower() and len(t.strip(_EDGE)) >= 3 for t in head)
            if head
            else None
        )
        after_initial = bool(head) and re.fullmatch(r"[A-Z]\.", head[-1]) is not None
        if token.istitle() and after_initial:
            head.append(token)  # "Pamela D. Pa": a surname OCR cut short
            continue
        if _debris(token, head_lower):
            break
        head.append(token)
    while head and len(head[-1].strip(_EDGE)) == 1 and not head[-1].endswith("."):
        head.pop()  # "DIRECTOR. A)": a lone letter ends no party
    if len(head) == len(tokens) or not head or head[0].strip(_EDGE).upper() in _LABELS:
        return None
    cut = " ".join(head).strip(_EDGE + " -")
    if sum(c.isalpha() for c in cut) < MIN_LETTERS:
        return None
    return cut


def trim(out) -> None:
    """Cut the debris off the sender's and the addressee's values (see the module docstring)."""
    for name in WORDED_PARTIES:
        value, rule = out.values.get(name), out.rules.get(name)
        if not rule or rule.endswith("-trimmed"):
            continue
        cut = trimmed(value)
        if cut:
            out.values[name] = cut
            out.rules[name] = f"{rule}-trimmed"
