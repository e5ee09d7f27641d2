"""An Army command's intelligence staff section (G-2) named at the head of its papers.

An Army headquarters' intelligence reports and summaries come from its Assistant Chief of Staff,
G-2: "Hq Fourth Army, OAC/S, G2", "AC of S, G2, FOURTH ARMY HEADQUARTERS" (a Summary of
Information's preparing office), "Assistant Chief of Staff, G-2, Military District of
Washington", "HEADQUARTERS SIXTH ARMY ... Office of The assistant Chief of Staff, G-2". The
office is written "G-2, <command>". Its intelligence units are named by number ("66th Counter
Intelligence Corps Group", "112th Intelligence Corps Group", "66TH CIC GP"): `army_unit()`.
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


# An Army intelligence unit named on the first page ("66th Counter Intelligence Corps Group").
_ARMY_UNIT_RE = re.compile(
    r"(?i)\b(?P<unit>[\dG]\d{1,2}(?:st|nd|rd|th)[\W]{1,3}(?:Military[\W]{1,3}Intelligence|(?:Counter"
    r"[\W]{1,3})?Intelligence[\W]{1,3}Corps|C[I1l]C|MI|INTC)[\W]{1,3}(?:Group|Detachment|Battalion"
    r"|Region|Det|Gp))\b"
)


def army_unit(text: str) -> tuple[str, int, int] | None:
    """An Army intelligence unit named in the text: (unit, start, end)."""
    m = _ARMY_UNIT_RE.search(text)
    if not m:
        return None
    words = re.findall(r"[A-Za-z0-9]+", m["unit"])
    if words[0][0] == "G":
        words[0] = "6" + words[0][1:]  # OCR reads a 6 as G ("G6TH")
    # OCR reads CIC's I as 1 or l ("66th-C1C Group"); "GP" is the Army's abbreviated Group.
    words = [
        "Cic" if w.upper() in ("C1C", "CLC") else "Group" if w.upper() == "GP" else w for w in words
    ]
    unit = " ".join(w.lower() if w[0].isdigit() else w.capitalize() for w in words)
    unit = unit.replace(" Mi ", " Military Intelligence ").replace(
        " Cic ", " Counter Intelligence Corps "
    )
    return unit, m.start(), m.end()


# A message's sender as the Army writes him, by his command of a unit: "OIC USAOSD FIELD DET NR
# 1" (its officer in charge), "CO, RGN III, 66TH CIC GP", "CG, FOURTH ARMY" (OCR: O1C for OIC).
_COMMANDER_RE = re.compile(
    r"^\W{0,3}(?:O[I1l]C|CO|CG)\b[\W]{1,3}(?P<unit>[A-Z0-9][A-Z0-9 ,./-]{2,50}?\b(?:DET|DETACHMENT"
    r"|GROUP|GP|REGION|RGN|BN|BATTALION|COMMAND|ARMY)\b(?:[ \t]NR[ \t]?\d{1,3})?)\W{0,3}$"
)
_ARMY_ABBREVIATIONS = {"DET": "Detachment", "GP": "Group", "RGN": "Region", "BN": "Battalion"}


def commanded_unit(text: str) -> tuple[str, int, int] | None:
    """The unit a sender's title commands ("OIC USAOSD FIELD DET NR 1"): (unit, start, end)."""
    m = _COMMANDER_RE.match(text.strip())
    if not m:
        return None
    words = [_ARMY_ABBREVIATIONS.get(w, w) for w in m["unit"].replace(",", " ").split()]
    unit = " ".join(_army_word(w) for w in words)
    return unit, m.start("unit"), m.end("unit")


def _army_word(word: str) -> str:
    """A word of a unit's name as written in text: "FIELD" Field, "66TH" 66th; a symbol such as
    USAOSD, CIC or NR stays in capitals."""
    if word[:1].isdigit():
        return word.lower()
    if len(word) <= 3 or word.startswith("US") or not re.search(r"[AEIOU][^AEIOU]", word.upper()):
        return word
    return word.capitalize()
