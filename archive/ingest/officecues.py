"""The office a sender's own words name where OCR kept the earlier rules from reading it.

Read last (after unitmarks.final_sender_office), only where no rule read an office:

- An FBI field office writes "FROM: SAC, PHILADELPHIA (92-1027)", and a legal attaché "FROM:
  Legat, Mexico City": the office is the city after the title. OCR runs the FROM line on into
  the caption ("SAC, PHILADELPHIA CAUSA NOSTRA ...") or drops a letter of the city ("SAC AN
  JUAN"): the city is still the first words after the title, read against the Bureau's list of
  field offices (a letter off allowed in a name of six letters or more).
- A CIA dispatch's form puts its TO box above its FROM box: OCR, reading the boxes in order,
  gives the addressee's title ("Chief, WH Division") before the sender's ("Chief of Station,
  Mexico City", "Chief, Munich Base"). A chief of station or base named after another chief is
  the sender; one named first is the addressee (a headquarters dispatch to the field).
"""

import re

from . import originators
from .patterns import levenshtein
from .units import CIA_STATIONS, FBI_CITIES, FBI_LEGATS

# The title before an FBI office's city: "SAC,", "S.A.C.", "Legat", "Legal Attache".
_FBI_TITLE_RE = re.compile(
    r"^\W{0,2}(?:(?P<sac>S\.?[ \t]?A\.?[ \t]?C\b\.?)"
    r"|(?P<legat>LEGAT|Legat|Legal[ \t]Attach\w{1,2}))"
    r"[ \t]?[,.;:]?[ \t]+(?P<rest>[A-Za-z][A-Za-z. ]{1,40})"
)
# A chief of station or base on a line of its own, OCR-damaged ("Chief of Stetion, Mexico
# City IN", "___Chief of Station, Mexico City", "Chief, Munich Base").
_STATION_LINE_RE = re.compile(
    r"^[\W_]{0,4}(?:Chief[ \t]of[ \t](?P<kind>St[ae]t[il1]on|Base)[ \t]?[,.][ \t]?"
    r"(?P<city>[A-Z][A-Za-z]{2,14}(?:[ \t][A-Z][a-z]{2,12})?)"
    r"|Chief[ \t]?,[ \t]?(?P<base_city>[A-Z][a-z]{2,14}(?:[ \t][A-Z][a-z]{2,12})?)[ \t]Base)"
    r"(?:[ \t]+[A-Z]{1,2})?[\W_]{0,4}$"
)
# Any chief's title opening a line of the dispatch's head: the first is the TO box's.
_CHIEF_LINE_RE = re.compile(r"^[\W_]{0,4}(?:Chief|CHIEF|COS)\b")
_INFO_RE = re.compile(r"^\W{0,3}INFO\b")
_FOREIGN_CITIES = {
    city.upper(): city for city in [*CIA_STATIONS.values(), *FBI_LEGATS.values()] if "(" not in city
}


def sender_cues(ctx, out) -> None:
    """The office an FBI sender's SAC or Legat line or a CIA dispatch's FROM box names, where
    no rule before read one."""
    if "office" in out.values:
        return
    agency, sender = out.values.get("agency"), out.values.get("sender")
    span = out.sources.get("sender")
    fbi_sender = agency == originators.FBI and isinstance(sender, str)
    if fbi_sender and (office := fbi_title_office(sender)):
        out.offer("office", office, 0.65, span=span, rule="fbi-title-city")
        return
    dispatch = agency == originators.CIA and ctx.family.name == "cia_dispatch"
    if dispatch and (hit := dispatch_station(ctx)):
        out.offer("office", hit[0], 0.65, span=hit[1], rule="dispatch-from-station")


def _city(words: list[str], names: dict[str, str]) -> str | None:
    """The city the first one to three words name, exactly or a letter off (six or more)."""
    for n in (3, 2, 1):
        if len(words) < n:
            continue
        key = " ".join(words[:n])
        if key in names:
            return names[key]
        if len(key) >= 6:
            near = {names[k] for k in names if len(k) >= 6 and levenshtein(key, k, 1) <= 1}
            if len(near) == 1:
                return near.pop()
    return None


def fbi_title_office(sender: str) -> str | None:
    """The FBI office an "SAC, <city>" or "Legat, <city>" sender names, OCR run-ons allowed."""
    m = _FBI_TITLE_RE.match(sender)
    if not m:
        return None
    words = re.sub(r"[^A-Za-z ]", " ", m["rest"]).upper().split()
    if m["sac"]:
        city = _city(words, FBI_CITIES)
        return originators.field_office(city) if city else None
    city = _city(words, _FOREIGN_CITIES)
    return f"Legal Attaché, {city}" if city else None


def dispatch_station(ctx) -> tuple[str, tuple[int, int]] | None:
    """(station, span) of a dispatch's FROM box: a chief of station or base named in the head
    after another chief's title (the TO box's); none where two stations are named (one may be
    an INFO addressee) or the station follows an INFO label."""
    seen_chief, found, previous = False, [], ""
    count = 0
    for i in range(ctx.lo, min(ctx.page_end, len(ctx.lines))):
        if ctx.noise(i) or not ctx.lines[i].text.strip():
            continue
        count += 1
        if count > 45:
            break
        text = ctx.lines[i].text.strip()
        m = _STATION_LINE_RE.match(text)
        if m and not seen_chief:
            return None  # the first chief named is the addressee: a dispatch to a station
        if m and _INFO_RE.match(previous):
            return None
        if m:
            city = m["city"] or m["base_city"]
            words = city.upper().split()
            known = _city(words, _FOREIGN_CITIES) or " ".join(w.capitalize() for w in words)
            kind = "Base" if m["base_city"] or m["kind"] == "Base" else "Station"
            found.append((f"{known} {kind}", (ctx.lines[i].start, ctx.lines[i].end)))
        elif _CHIEF_LINE_RE.match(text):
            seen_chief = True
        previous = text
    return found[0] if len({name for name, _span in found}) == 1 else None
