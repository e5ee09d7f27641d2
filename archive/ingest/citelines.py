"""A CIA cable's sender on its later form, which spells its stations out.

The 1970s cable form cites its sending station in words ("CITE MEXICO CITY 46000", "CITE
DIRECTOR 224314") and heads a headquarters cable with its time and number ("STAFF 171905Z
DIRECTOR 224314"). grammars.cable() reads the older four-letter cite codes ("CITE MEXI
7104"); this reads the words. (The addressee after the precedence, "TO: IMMEDIATE MEXICO
CITY.", was tried and gained one tuning record: left out.)
"""

import re

from .units import CIA_STATIONS

HEADQUARTERS = "Director (CIA Headquarters)"
# Stations by the name a cable spells: "MEXICO CITY" -> "Mexico City".
_BY_NAME = {name.upper(): name for name in CIA_STATIONS.values() if "(" not in name}
_PLACE = r"(?P<place>DIRECTOR|DIR|[A-Z]{3,12}(?:[ \t][A-Z]{3,8})?)"
_CITE_RE = re.compile(rf"\bCITE[ \t]{{1,3}}{_PLACE}[ \t]{{1,3}}\d{{4,6}}\b")
# A headquarters cable's heading: its time group, then DIRECTOR and its number.
_HQ_RE = re.compile(r"\b\d{6}[Z2][ \t]+DIRECTOR[ \t]+\d{5,6}\b")


def cable_sender(ctx, out) -> None:
    """The sender of a CIA cable (or of a document no family claimed) from its cite line or
    its headquarters heading, where no other rule read one."""
    if ctx.family.name not in ("cia_cable", "other") or "sender" in out.values:
        return
    for i in range(ctx.lo, min(len(ctx.lines), ctx.lo + 80)):
        if ctx.noise(i):
            continue
        line = ctx.lines[i]
        text, span = line.text.strip(), (line.start, line.end)
        m = _CITE_RE.search(text)
        who = _party(m["place"]) if m else HEADQUARTERS if _HQ_RE.search(text) else None
        if who:
            out.offer("sender", who, 0.68, span=span, rule="cable-cite-words")
            return


def _party(place: str) -> str | None:
    """Headquarters for DIRECTOR, a station for its name, else None."""
    if place in ("DIRECTOR", "DIR"):
        return HEADQUARTERS
    name = _BY_NAME.get(place)
    return f"{name} Station" if name else None
