"""The addressee of an FBI letter or memorandum whose TO and FROM labels OCR lost: the lines
"Director, FBI (file)" and "SAC, New York (file)" stand alone at the top of the page.

The Bureau's letters and office memoranda put the addressee first and the sender under it:
"SAC, New York (100-42479)" over "Director, FBI (100-339235)" is the Director writing to the
field office, "Director, FBI (92-2781)" over "Legal Attache, Havana (92-1)" (or over nothing
legible) is written to the Director. Each party line carries the file number the copy was
filed under, which is how it is told from a mention of the Director in the text.

Also: an agent a report form names without an office takes the field office of the file
number heading the pages (`agent_office`).
"""

import re

from .originators import FBI

_DIRECTOR_RE = re.compile(
    r"^\W{0,3}(?:T[O0]\W{0,3})?(?:D[Ii1l]RECT[O0][RX]|Director|Directox)\W{1,3}"
    r"(?:FBI|F\.B\.I\.|FB[Il1L])\b\W{0,3}(?P<rest>.*)$"  # "DIRECTOR, FBL (62-107261)"
)
_SAC_RE = re.compile(
    r"^\W{0,3}(?:T[O0]\W{0,3})?(?:SAC|Sac|sac)\W{0,3}[, ][ \t]*"
    r"(?P<city>[A-Z][A-Za-z]{2,14}(?:[ \t][A-Z][A-Za-z]{2,14})?)[ \t]*\("
)
_LEGAT_RE = re.compile(
    r"^\W{0,3}(?:Legal[ \t]Attache|LEGAL[ \t]ATTACHE|Legat|LEGAT)\W{0,3}[, ][ \t]*"
    r"(?P<city>[A-Z][A-Za-z]{2,14}(?:[ \t][A-Z][A-Za-z]{2,14})?)[ \t]*\("
)
_FILE_RE = re.compile(r"^[‘'(\[ ]{0,3}\d{1,3}[- ]{1,2}\d")  # "(100-339235)", "‘(105- 202233)"
HEAD_LINES = 25  # the party lines stand above the caption, at the top of the first page
# Addressees offered by default (a field office's report goes to the Bureau): party lines
# that say otherwise are read over them.
_DEFAULTS = ("fbi-file-recipient", "fbi-report-recipient")


def party_lines(ctx, out) -> None:
    """Offer the addressee (and the sender, when the Director writes) of an FBI letter from its
    party lines, where no header label named them."""
    if out.values.get("agency") != FBI or out.rules.get("recipient") not in (None, *_DEFAULTS):
        return
    own = [
        line
        for i, line in enumerate(ctx.lines[ctx.lo : ctx.lo + HEAD_LINES], ctx.lo)
        if not ctx.noise(i) and line.text.strip()
    ]
    for k, line in enumerate(own):
        m = _DIRECTOR_RE.match(line.text.strip())
        if not m or not (_FILE_RE.match(m["rest"]) or not m["rest"].strip()):
            continue
        span = (line.start, line.end)
        above = next((x for x in own[max(0, k - 2) : k] if _SAC_RE.match(x.text.strip())), None)
        if above:
            city = _SAC_RE.match(above.text.strip())["city"]
            office = (above.start, above.end)
            out.offer("recipient", f"SAC, {city}", 0.6, span=office, rule="fbi-party-lines")
            if "sender" not in out.values:
                out.offer("sender", "Director, FBI", 0.6, span=span, rule="fbi-party-lines")
            return
        out.offer("recipient", "Director, FBI", 0.6, span=span, rule="fbi-party-lines")
        if "sender" not in out.values:
            _sender_below(own[k + 1 : k + 3], out)
        return


def _sender_below(lines, out) -> None:
    """The field office or legal attache on a party line under the Director's."""
    for line in lines:
        text = line.text.strip()
        if m := _SAC_RE.match(text):
            who = f"SAC, {m['city']}"
        elif m := _LEGAT_RE.match(text):
            who = f"Legat, {m['city']}"
        else:
            continue
        out.offer("sender", who, 0.6, span=(line.start, line.end), rule="fbi-party-lines")
        return


_FIELD_OFFICE_SUFFIX = " Field Office"


def agent_office(out) -> None:
    """An agent read from a report form without its office ("SA JAMES H. DOWNING") is named
    with the field office whose file number heads the pages ("SA JAMES H. DOWNING, Miami"): the
    report is the office's, by that agent."""
    sender, office = out.values.get("sender"), out.values.get("office")
    rule = out.rules.get("sender")
    if rule not in ("fbi-report", "fbi-report-made-by") or not isinstance(sender, str):
        return
    if "," in sender.removesuffix(", JR"):
        return
    if not sender.startswith("SA ") or not str(office).endswith(_FIELD_OFFICE_SUFFIX):
        return
    out.values["sender"] = f"{sender}, {office.removesuffix(_FIELD_OFFICE_SUFFIX)}"
    out.rules["sender"] = f"{rule}+office"
