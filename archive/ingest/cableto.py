"""A CIA cable's addressee where the family grammar did not read it.

grammars.cable() reads "TO: PRIORITY DIRECTOR" when the family was recognised at once; a cable
recognised only later (families.refine) or whose label OCR damaged ("TOs PRIORITY DIRECTOR,",
"TO; DIRECTOR") was left without one. The older cable form has no TO label at all: its routing
line gives the precedence, the addressee, the stations informed and the sender's cite
("PRIORITY DIR INFO PRIORITY BERN CITE GNVA 6313", OCR "PRITY DIR INFD ... CITE"). A station's
cable to headquarters names DIRECTOR (or DIR) there; this reads that line.
"""

import re

from .citelines import HEADQUARTERS

_PRECEDENCE = r"(?:PRIORITY|PRIOR[I1]TY|PRITY|PRIO|IMMEDIATE|ROUTINE|FLASH|OPIM|NIACT|OPERATIONAL)"
# "TO: PRIORITY DIRECTOR", with the label's colon read as s, ; or . by OCR.
_TO_RE = re.compile(
    rf"^\W{{0,3}}(?:L\.[ \t]*)?TO(?:[:;.]|S\b)?[ \t]{{0,4}}(?:[_|.~-]{{1,3}}[ \t]*)?"
    rf"(?:{_PRECEDENCE}[ \t]+)?(?:DIRECTOR|DIR)\b(?![ \t]*(?:OF|FEDERAL|FBI|,[ \t]*(?:FBI|U)))"
)
# The routing line: [precedence] DIR[ECTOR] INFO ... CITE <station> <number>.
_ROUTING_RE = re.compile(
    rf"^\W{{0,3}}(?:{_PRECEDENCE}[ \t]+)?(?:DIRECTOR|DIR)[ \t]+"
    rf"(?:(?:INF[O0D]|INFQ)\b[^\n]{{0,60}}?)?\bCITE\b"
)


def addressee(ctx, out) -> None:
    """Headquarters for a CIA cable whose TO line or routing line names DIRECTOR, where no
    other rule named an addressee."""
    if ctx.family.name != "cia_cable" or "recipient" in out.values:
        return
    for i in range(ctx.lo, min(len(ctx.lines), ctx.lo + 80)):
        if ctx.noise(i):
            continue
        line = ctx.lines[i]
        text = line.text.strip().upper()
        if _TO_RE.match(text) or _ROUTING_RE.match(text):
            span = (line.start, line.end)
            out.offer("recipient", HEADQUARTERS, 0.68, span=span, rule="cable-director")
            return
