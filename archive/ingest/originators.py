"""Who wrote a document: the agency and the unit within it, from what the document names.

A sender line says more than a name: "SAC, New York (105-1234)" is the FBI's New York field
office, "Legat, Bern" its legal attaché in Bern, "Chief of Station, Mexico City" the CIA's Mexico
City station, "C/WH/4" a branch of its Western Hemisphere Division, a cable's "CITE MEXI 6902"
the same station, "FM AMEMBASSY REYKJAVIK" State's embassy there. `party()` reads one such
value; `cable_station()` and `fbi_file_office()` read what a document repeats on its pages.
"""

import re
from typing import NamedTuple

from .armystaff import army_unit, commanded_unit
from .units import (
    CIA_COMPONENTS,
    CIA_DIRECTORATES,
    CIA_STATIONS,
    CIA_TITLED_OFFICES,
    FBI_CITIES,
    FBI_FIELD_OFFICES,
    FBI_LEGATS,
    STATE_BUREAUS,
)

CIA = "Central Intelligence Agency"
FBI = "Federal Bureau of Investigation"
STATE = "Department of State"
ARMY = "Department of the Army"


class Unit(NamedTuple):
    """What a party names: its agency and its unit (office, and below it division, branch)."""

    agency: str | None
    office: str | None = None
    directorate: str | None = None
    division: str | None = None
    branch: str | None = None


_SAC_RE = re.compile(
    r"(?i)^\W{0,3}(?:[A-Z]{1,3}/)?(?:A?SAC|SPECIAL[ \t]AGENT[ \t]IN[ \t]CHARGE)\b["
    r" \t,.:;]{1,4}(?P<city>[A-Za-z .']{2,30}?)"
    r"[ \t]*(?:\(|[,;]|\d|$)"
)
_LEGAT_RE = re.compile(
    r"(?i)^\W{0,3}(?:LEGAT|LEGAL[ \t]ATTACHE)\b[ \t,.:;]{1,4}(?P<city>[A-Za-z .']{2,30}?)["
    r" \t]*(?:\(|[,;]|$)"
)
_LEG_CODE_RE = re.compile(r"^LEG[ \t]?,[ \t]?(?P<code>[A-Z]{2,3})$")
_FBI_DIRECTOR_RE = re.compile(
    r"(?i)\bDIRECTOR[ \t,]{1,3}F\.?[ \t]?B\.?[ \t]?I\b|\bFBIHQ\b|\bBUREAU\b"
)
_COS_RE = re.compile(
    r"(?i)\b(?:CHIEF[ \t]OF[ \t](?:STATION|BASE)|COS|DCOS)\b[ \t,./]{1,4}(?P<city>[A-Z][A-Za-z"
    r" .]{2,25}?)"
    r"[ \t]*(?:\(|[,;]|$)"
)
_PATH_RE = re.compile(r"\b[A-Z&]{1,5}(?:[ \t]?/[ \t]?[A-Z&0-9]{1,6}){1,4}\b")
_SYMBOL_RE = re.compile(
    r"\b(?:C|DC|CHIEF)[ \t]?[/,][ \t]?(?P<symbol>[A-Z]{2,4}(?:[ \t]?/[ \t]?[A-Z0-9]{1,6}){0,3})"
)
_CHIEF_OF_RE = re.compile(
    r"(?i)\bCHIEF[ \t]?,[ \t]?(?P<unit>[A-Z][A-Za-z&/ ]{1,40}?(?:DIVISION|STAFF|GROUP|BRANCH"
    r"|OFFICE))\b"
)
_OFFICE_OF_RE = re.compile(
    r"\b(?:Office|OFFICE)[ \t]of[ \t](?:the[ \t])?(?P<name>[A-Z][A-Za-z]+(?:[ \t](?:and|of|the"
    r"|[A-Z][A-Za-z]+)){0,4})"
)
_EMBASSY_RE = re.compile(
    r"(?i)\bAM(?:EMBASSY|EMB|CONSUL(?:ATE)?)[ \t.]{1,3}(?P<city>[A-Z][A-Z .]{2,24}?)(?=["
    r" \t]{2,}|[ \t]+(?:IMMEDIATE|PRIORITY|ROUTINE|NIACT|\d)|$)"
)
_CITE_RE = re.compile(r"\bCITE[ \t]{1,3}(?P<code>[A-Z]{4})\b")
# A unit named in words ("Security Analysis Group", "Counterintelligence Staff").
_UNIT_NAME_RE = re.compile(
    r"\b(?P<unit>[A-Z][A-Za-z&'-]+[ \t](?:(?:and|of|for|[A-Z][A-Za-z&'-]+)[ \t]){0,4}(?:Group|Staff"
    r"|Division|Branch|Section|Center|GROUP|STAFF|DIVISION|BRANCH|SECTION|CENTER))\b"
)
# A CIA drafter's line at the foot of a memorandum: office symbol, author, typist.
_DRAFTER_RE = re.compile(
    r"^\W{0,3}(?:C/|DC/|AC/)?(?P<symbol>[A-Z]{2,4})(?:[ \t]?/[ \t]?[A-Z0-9&]{1,8}){0,3}["
    r" \t]?[:/][ \t]?"
    r"[A-Za-z]{2,4}[ \t]?[:/][ \t]?[a-z]{2,4}\b"
)
_FILE_PREFIX_RE = re.compile(r"^\W{0,3}(?P<code>[A-Z]{2,3})[ \t]{1,3}\d{1,3}-\d{1,6}\b")
_DIRECTOR_OF_SECURITY_RE = re.compile(r"(?i)\bDIRECTOR[ \t]OF[ \t]SECURITY\b")
_TITLED_OFFICE_RE = re.compile(
    r"(?i)\b(?P<title>" + "|".join(t.replace(" ", r"[ \t]") for t in CIA_TITLED_OFFICES) + r")\b"
)


def _title(city: str) -> str:
    words = re.sub(r"[^A-Za-z .']", "", city).split()
    return " ".join(
        w if w.isupper() and len(w) <= 3 and w not in ("NEW", "SAN", "LOS") else w.capitalize()
        for w in words
    )


def _post_city(city: str) -> str:
    """A post's city in capitals without the lower-case OCR specks around it ("eMOSCOW doce")."""
    if not re.search(r"[A-Z]{3}", city):
        return city  # written in mixed case ("Saigon"): nothing to strip
    words = [re.sub(r"^[a-z](?=[A-Z])", "", w) for w in city.split()]
    return " ".join(w for w in words if not w.islower()) or city


def fbi_city(text: str) -> str | None:
    """An FBI field office's city from a name or a two-letter code ("NY", "New York")."""
    key = " ".join(re.sub(r"[^A-Za-z ]", " ", text).upper().split())
    if key in FBI_FIELD_OFFICES:
        return FBI_FIELD_OFFICES[key]
    if key in FBI_CITIES:
        return FBI_CITIES[key]
    first = " ".join(key.split()[:2])
    return FBI_CITIES.get(first) or FBI_CITIES.get(key.split()[0] if key else "")


def field_office(city: str) -> str:
    """The plain name of an FBI field office."""
    return city if city.endswith("Field Office") else f"{city} Field Office"


def party(value: str, family_agency: str | None = None) -> Unit | None:
    """The agency and unit a sender or addressee line names, or None when it names neither."""
    text = " ".join(value.split())
    code = text.strip(" .,").upper()
    if family_agency == FBI and code in FBI_FIELD_OFFICES:
        return Unit(FBI, field_office(FBI_FIELD_OFFICES[code]))  # NARA's "MM" for a sender
    if m := _SAC_RE.match(text):
        city = fbi_city(m["city"]) or _title(m["city"])
        return Unit(FBI, field_office(city))
    if hit := army_unit(text) or commanded_unit(text):
        return Unit(ARMY, hit[0])
    if m := _LEGAT_RE.match(text):
        return Unit(FBI, f"Legal Attaché, {_title(m['city'])}")
    if family_agency == FBI and (m := _LEG_CODE_RE.match(code)) and m["code"] in FBI_LEGATS:
        return Unit(FBI, f"Legal Attaché, {FBI_LEGATS[m['code']]}")  # NARA's "LEG, MX"
    if _FBI_DIRECTOR_RE.search(text):
        return Unit(FBI)
    if m := _COS_RE.search(text):
        city = m["city"].strip()
        code = city.upper()[:4]
        name = CIA_STATIONS.get(code) if code in CIA_STATIONS and len(city) <= 5 else _title(city)
        return Unit(CIA, f"{name} Station")
    if _DIRECTOR_OF_SECURITY_RE.search(text):
        return Unit(CIA, "Office of Security")
    if family_agency == CIA and (m := _TITLED_OFFICE_RE.search(text)):
        return Unit(CIA, CIA_TITLED_OFFICES[" ".join(m["title"].upper().split())])
    if family_agency == CIA and (m := _PATH_RE.search(text.upper())):
        for part in m.group().replace(" ", "").split("/"):
            if part in CIA_COMPONENTS and part not in ("DDO", "DDP"):
                return Unit(CIA, CIA_COMPONENTS[part], branch=m.group().replace(" ", ""))
    if m := _SYMBOL_RE.search(text.upper()):
        parts = [p.strip() for p in m["symbol"].split("/")]
        component = CIA_COMPONENTS.get(parts[0])
        if component:
            branch = "/".join(parts) if len(parts) > 1 else None
            return Unit(CIA, component, branch=branch)
    if m := _CHIEF_OF_RE.search(text):
        unit = " ".join(m["unit"].split())
        symbol = unit.split()[0].upper()
        if symbol in CIA_COMPONENTS and unit.upper().endswith(("DIVISION", "STAFF")):
            return Unit(CIA, CIA_COMPONENTS[symbol])
        return Unit(
            family_agency, unit if unit[:1].isupper() and not unit.isupper() else unit.title()
        )
    if m := _EMBASSY_RE.search(text):
        return Unit(STATE, f"Embassy {_title(_post_city(m['city']))}")
    if m := _UNIT_NAME_RE.search(text):
        name = " ".join(m["unit"].split())
        if name.split()[0].upper() not in ("THE", "AND", "OF"):
            return Unit(family_agency, name if not name.isupper() else name.title())
    if m := _OFFICE_OF_RE.search(text):
        return Unit(
            family_agency, "Office of " + ("the " if " the " in m.group() else "") + m["name"]
        )
    for symbol, name in CIA_DIRECTORATES.items():
        if re.search(rf"(?<![\w/]){re.escape(symbol)}(?![\w/])", text.upper()):
            return Unit(CIA, directorate=name)
    upper = text.upper().strip(" .,")
    if upper in STATE_BUREAUS and family_agency == STATE:
        return Unit(STATE, STATE_BUREAUS[upper])
    return None


def cable_station(text: str) -> tuple[str, int, int] | None:
    """The station of a CIA cable's cite line ("CITE MEXI 6902"): (name, start, end)."""
    for m in _CITE_RE.finditer(text):
        if m["code"] in CIA_STATIONS:
            return f"{CIA_STATIONS[m['code']]} Station", m.start(), m.end()
    return None


def fbi_file_office(lines_text: list[tuple[int, str]]) -> tuple[str, int, int] | None:
    """An FBI field office from the file number heading its pages ("DL 92-292")."""
    seen: dict[str, list[tuple[int, int]]] = {}
    for start, text in lines_text:
        m = _FILE_PREFIX_RE.match(text)
        if m and m["code"] in FBI_FIELD_OFFICES:
            seen.setdefault(m["code"], []).append((start + m.start("code"), start + m.end()))
    if not seen:
        return None
    code, spans = max(seen.items(), key=lambda item: len(item[1]))
    return field_office(FBI_FIELD_OFFICES[code]), spans[0][0], spans[0][1]


_WORD_RE = re.compile(r"[A-Z]{2,}")
_FILLER = {"THE", "OF", "FOR", "AND", "MR", "MRS", "DR", "CIA", "FBI"}


def party_words(value: str) -> set[str]:
    """The words of a name or office, upper case, without filler."""
    return {w for w in _WORD_RE.findall(value.upper()) if w not in _FILLER}


def same_party(a: str, b: str) -> bool:
    """Two readings of one sender or addressee (the form's and the document's), loosely."""
    wa, wb = party_words(a), party_words(b)
    if not wa or not wb:
        return False
    return len(wa & wb) / len(wa | wb) >= 0.5 or (len(wa & wb) >= 2 and (wa <= wb or wb <= wa))


def same_surname(value: str, name: str) -> bool:
    """A sender value names the person a signature names: his surname (the name's last word
    of three letters or more) is among its words ("BARTEAUX, ROBERT A., CIA")."""
    words = [w for w in re.findall(r"[A-Za-z]+", name) if len(w) >= 3]
    return bool(words) and words[-1].upper() in _WORD_RE.findall(value.upper())


# A CIA office's control number heading its memorandum ("OLC 78-2406/2", "OGC 74-1755").
_CONTROL_RE = re.compile(
    r"^\W{0,3}(?P<symbol>OLC|OGC|CSCI|DCD|OTS|TSD|HRG|CSI|OCI|ORR|ONE)"
    r"[ \t:/#-]{0,3}\d{2}[ \t]?-[ \t]?\d{3,5}"
    # The Counterintelligence Staff's own number on a line of its own ("CSCI-316/02507-68"):
    # cited in a sentence, it names another memorandum.
    r"|^\W{0,3}(?P<csci>CSCI)[ \t:/#-]{0,3}\d{3}[ \t]?/[ \t]?\d{4,6}[ \t]?-[ \t]?\d{2}\W{0,3}$"
)


def control_office(lines_text: list[tuple[int, str]]) -> tuple[str, int, int] | None:
    """The CIA office whose control number heads the memorandum: (office, start, end)."""
    for start, text in lines_text:
        m = _CONTROL_RE.match(text.strip())
        if m:
            return CIA_COMPONENTS[m["symbol"] or m["csci"]], start, start + len(text)
    return None


def drafter_office(lines_text: list[tuple[int, str]]) -> tuple[str, int, int] | None:
    """The CIA office of a drafter's line ("OLC/SDB/ksn", "WH/C/SP:jd:ab"): (office, start, end)."""
    for start, text in lines_text:
        m = _DRAFTER_RE.match(text.strip())
        if m and m["symbol"] in CIA_COMPONENTS:
            return CIA_COMPONENTS[m["symbol"]], start, start + len(text)
    return None


# State posts as telegram numbers abbreviate them ("MOSCOW 16536", "REYKJA 02118").
STATE_POSTS = {
    "REYKJA": "Embassy Reykjavik", "MOSCOW": "Embassy Moscow", "LONDON": "Embassy London",
    "PARIS": "Embassy Paris", "BONN": "Embassy Bonn", "ROME": "Embassy Rome",
    "TOKYO": "Embassy Tokyo", "BRUSSE": "Embassy Brussels", "USNATO": "US Mission to NATO",
    "GENEVA": "US Mission Geneva", "CANBER": "Embassy Canberra", "COPENH": "Embassy Copenhagen",
    "OSLO": "Embassy Oslo", "STOCKH": "Embassy Stockholm", "HELSIN": "Embassy Helsinki",
    "OTTAWA": "Embassy Ottawa", "VIENNA": "Embassy Vienna", "BERN": "Embassy Bern",
    "MADRID": "Embassy Madrid", "LISBON": "Embassy Lisbon", "ATHENS": "Embassy Athens",
    "ANKARA": "Embassy Ankara", "BEIJIN": "Embassy Beijing", "NEWDEL": "Embassy New Delhi",
    "ISLAMA": "Embassy Islamabad", "TELAVI": "Embassy Tel Aviv", "CAIRO": "Embassy Cairo",
    "THEHAG": "Embassy The Hague", "WARSAW": "Embassy Warsaw", "BELGRA": "Embassy Belgrade",
    "BUCHAR": "Embassy Bucharest", "BUDAPE": "Embassy Budapest", "PRAGUE": "Embassy Prague",
    "SOFIA": "Embassy Sofia", "BERLIN": "Embassy Berlin", "DUBLIN": "Embassy Dublin",
}  # fmt: skip


def state_post(number: str) -> str | None:
    """The post that sent a State telegram, from its number ("MOSCOW 16536"); None for the
    Department's own ("STATE 296107")."""
    code = number.split(" ")[0].upper()
    return STATE_POSTS.get(code) or STATE_POSTS.get(code[:6])


_HEADING_UNIT_RE = re.compile(
    r"^\W{0,3}(?:Journal[ \t]?[-–—][ \t]?)?(?P<unit>(?:OFFICE|Office)[ \t]OF[ \t][A-Za-z ]{4,50}"
    r"|(?:[A-Z][A-Za-z&]+[ \t]){1,5}(?:Division|Staff|Group|Branch|Center|Field[ \t]Office"
    r"|DIVISION|STAFF|GROUP|BRANCH|CENTER))\W{0,3}(?:Page[ \t]\d{1,3})?$",
    re.IGNORECASE,
)


# A letter's inside address under the addressee's unit: another agency's name follows
# ("Security Division" / "Federal Aviation Agency"), where a letterhead's is its city.
_OTHER_AGENCY_RE = re.compile(
    r"(?i)^\W{0,3}(?!Central[ \t]Intelligence)(?:[A-Z][a-z]+[ \t]){1,4}(?:Agency|Administration"
    r"|Commission|Service)\W{0,3}$"
)


# Words of a sentence, never of a unit's name ("Office of the Historian" keeps OF and THE).
_PROSE_WORDS = frozenset(
    {"HIS", "HER", "HE", "SHE", "WE", "THEY", "ITS", "THEIR", "WAS", "WERE", "IS", "ARE", "BEEN",
     "HAS", "HAD", "TO", "BEFORE", "AFTER", "FROM", "BY", "WITH", "INTO", "THAT", "WHICH", "WHO"}
)  # fmt: skip
_ADDRESSEE_LABEL_RE = re.compile(r"^\W{0,3}(?:MEMORANDUM[ \t]FOR|TO|ATTENTION)\b[ \t]?[:;]")


def _inside_address(following: list[tuple[int, str]]) -> bool:
    """The lines after a unit's name are a letter's inside address: not the writer's unit."""
    return any(_OTHER_AGENCY_RE.match(text.strip()) for _start, text in following)


def heading_unit(lines_text: list[tuple[int, str]]) -> tuple[str, int, int] | None:
    """A unit named on a line of its own near the top ("OFFICE OF LEGISLATIVE COUNSEL",
    "Journal - Office of Legislative Counsel", "Security Analysis Group")."""
    for k, (start, text) in enumerate(lines_text):
        m = _HEADING_UNIT_RE.match(text.strip())
        if k and _ADDRESSEE_LABEL_RE.match(lines_text[k - 1][1]):
            continue  # "MEMORANDUM FOR: Special Assistant" / "Office of Security": addressee's
        if m and set(m["unit"].upper().split()[:-1]) & _PROSE_WORDS:
            continue  # "BEFORE HIS CONVERSION TO STAFF": a line of wrapped prose
        if m and len(m["unit"].split()) >= 2 and not _inside_address(lines_text[k + 1 : k + 3]):
            unit = " ".join(m["unit"].split())
            unit = (
                unit.title().replace(" Of ", " of ").replace(" And ", " and ")
                if unit.isupper()
                else unit
            )
            return unit, start, start + len(text)
    return None


_CITE_CITY_RE = re.compile(
    r"\bCITE[ \t]{1,3}(?P<city>[A-Z]{3,}(?:[ \t][A-Z]{3,}){0,2})[ \t]+\d{3,5}"
)


def cite_city(text: str) -> tuple[str, int, int] | None:
    """A cable's station written in full in its cite line ("CITE GUATEMALA CITY 8934")."""
    m = _CITE_CITY_RE.search(text)
    if not m or m["city"] in CIA_STATIONS or m["city"] in ("DIRECTOR", "DIR", "HEADQUARTERS"):
        return None
    return f"{m['city'].title()} Station", m.start(), m.end()


_EXECUTIVE_SECRETARY_RE = re.compile(r"(?i)\bExec(?:utive|\.)?[ \t]Sec(?:retary|r|y)?\b")
# State's assistant secretaries head its bureaus ("Assistant Secretary of State for Public
# Affairs"); an office's director names it ("Director of the Historical Office").
_BUREAU_HEAD_RE = re.compile(
    r"\bAssistant[ \t]Secretary(?:[ \t]of[ \t]State)?,?[ \t]for[ \t]"
    r"(?P<area>(?:[A-Z][a-z]+(?:-[A-Z][a-z]+)?,?[ \t](?:and[ \t])?){1,4}Affairs)\b"
)
_OFFICE_HEAD_RE = re.compile(
    r"\b(?:Director|Chief|Head)[ \t]of[ \t](?:the[ \t])?(?P<unit>(?:[A-Z][a-z]+[ \t]){1,3}Office)\b"
)
_LETTERED_UNIT_RE = re.compile(r"\b(?P<unit>(?:Division|Branch|Staff|Group)[ \t][A-Z0-9]{1,2})$")
_TITLE_SYMBOL_RE = re.compile(
    r"^(?P<path>[A-Z][A-Z0]{0,4}(?:[ \t]?/[ \t]?[A-Za-z0-9&]{1,8}(?:[ \t][A-Z][a-z]{1,8}){0,2})"
    r"{1,4})"
)
_CHIEF_PREFIXES = ("A", "AC", "C", "DC", "CH", "CHIEF", "D")


def title_office(title: str, agency: str | None) -> tuple[str, str] | None:
    """(unit, rule) a signature's title lines name where `party()` reads none: an executive
    secretary's secretariat, an assistant secretary's bureau, an office its director names, a
    lettered unit ("Acting Chief, Division D"), or a CIA office
    symbol as written ("SOG/GB/MSS", "TAD/CAS/Soviet Ops")."""
    if _EXECUTIVE_SECRETARY_RE.search(title):
        return "Executive Secretariat", "signature-secretariat"
    if m := _BUREAU_HEAD_RE.search(title):
        return f"Bureau of {m['area']}", "bureau-head"
    if m := _OFFICE_HEAD_RE.search(title):
        return m["unit"], "office-head"
    last = title.split(",")[-1].strip()
    if m := _LETTERED_UNIT_RE.search(last):
        return m["unit"], "signature-lettered"
    if agency == CIA and (m := _TITLE_SYMBOL_RE.match(last)):
        parts = re.sub(r"[ \t]*/[ \t]*", "/", m["path"]).strip("/").split("/")
        # OCR reads O as 0 among a symbol's letters ("S0G/GB/MSS"), not in a number ("WH/4").
        parts = [p.replace("0", "O") if re.fullmatch(r"[A-Z]+0[A-Z0]*", p) else p for p in parts]
        if parts[0] in _CHIEF_PREFIXES:
            parts = parts[1:]  # "DC/CI/R&A": the chief's title, then his unit
        if len(parts) >= 2 or parts and parts[0] in CIA_COMPONENTS:
            return "/".join(parts), "signature-symbol"
    return None


def sender_unit(sender: str, agency: str | None) -> tuple[Unit | None, float]:
    """The unit a sender's line names, read within the agency guessed so far, and how sure its
    agency is: 0.9 where the line names the agency itself ("SAC, Dallas"), 0.6 where it only
    echoes the guess ("Chief, Alien Affairs Staff" on an Office Memorandum form every agency
    used)."""
    own = party(sender, None)
    return party(sender, agency), 0.9 if own and own.agency else 0.6
