"""An Army command's intelligence staff section (G-2) named at the head of its papers.

An Army headquarters' intelligence reports and summaries come from its Assistant Chief of Staff,
G-2: "Hq Fourth Army, OAC/S, G2", "AC of S, G2, FOURTH ARMY HEADQUARTERS" (a Summary of
Information's preparing office), "Assistant Chief of Staff, G-2, Military District of
Washington", "HEADQUARTERS SIXTH ARMY ... Office of The assistant Chief of Staff, G-2". The
office is written "G-2, <command>".
"""

import re

_COMMAND = (
    r"(?P<cmd>(?:First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth"
    r"|\d{1,2}(?:st|nd|rd|th))[ \t]+(?:U\.?[ \t]?S\.?[ \t]+)?Army"
    r"|Military[ \t]+District[ \t]+of[ \t]+Washington)"
)
_STAFF = r"(?:A\.?[ \t]?C[ \t]?(?:of|/)[ \t]?S\.?|O?AC/S|Assistant[ \t]+Chief[ \t]+of[ \t]+Staff)"
_G2 = r"G[ \t]?-?[ \t]?2\b"
# G-2 before its command ("G2, FOURTH ARMY HEADQUARTERS"), or the command heading the page and
# its G-2 under it within a line or two ("Hq Fourth Army, OAC/S, G2").
_G2_FIRST_RE = re.compile(
    r"(?i)\b" + _G2 + r"\W{1,6}(?:Hq\.?\W{1,3}|Headquarters\W{1,3})?" + _COMMAND
)
_COMMAND_FIRST_RE = re.compile(r"(?i)" + _COMMAND + r"[\s\S]{0,90}?" + _STAFF + r"\W{1,4}" + _G2)


def g2_office(text: str) -> tuple[str, int, int] | None:
    """The command's G-2 a page heads with: (office, start, end) in text."""
    hits = [m for m in (_G2_FIRST_RE.search(text), _COMMAND_FIRST_RE.search(text)) if m]
    if not hits:
        return None
    m = min(hits, key=lambda h: h.start())
    command = " ".join(m["cmd"].split()).title().replace(" Of ", " of ")
    command = re.sub(r"(?i)\bU\.?\s?S\.?\s", "US ", command)
    return f"G-2, {command}", m.start(), m.end()
