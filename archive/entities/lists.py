"""Gazetteer blocks made from lists: our data_lists, US states (`us`), countries (`pycountry`).

Each function returns a block in the gazetteer's own table format (`Name | other names`), so
that gazetteer.py parses every source one way; names the gazetteer already holds are left out.
"""

import pycountry
import us

from archive.entities.data_lists import (
    CIA_OFFICES,
    CRYPTONYMS,
    EXILE_GROUPS,
    FBI_OFFICES,
    STATE_BUREAUS,
)

# Country names pycountry writes officially that the records never use, or that would read
# ordinary words as places.
_SKIP_COUNTRIES = frozenset({"Jersey", "Guernsey", "Chad", "Turkey", "Niue", "Georgia"})


def fbi_office_names():
    """The cities of the FBI's field offices, as written ("Los Angeles", "Washington Field")."""
    return [name.strip() for name in FBI_OFFICES.replace("\n", " ").split(";") if name.strip()]


def fbi_office_name(city):
    """The entity name of a field office: "FBI Los Angeles Field Office"."""
    city = city.removesuffix(" Field")
    return f"FBI {city} Field Office"


def fbi_offices_block():
    """One organisation per FBI field office, named "<City> Office" or "<City> Field Office"."""
    rows = []
    for city in fbi_office_names():
        bare = city.removesuffix(" Field")
        forms = [f"{bare} Office", f"{bare} Field Office", f"FBI {bare}", f"FBI, {bare}"]
        if bare == "Washington":
            forms += ["WFO"]
        rows.append(f"{fbi_office_name(city)} | {'; '.join(dict.fromkeys(forms))}")
    return "\n".join(rows)


def cryptonym_blocks():
    """(organisations block, places block) of the cryptonym list."""
    orgs, places = [], []
    for line in CRYPTONYMS.strip().splitlines():
        name, others, kind, _meaning = (part.strip() for part in line.split("|"))
        (places if kind == "place" else orgs).append(f"{name} | {others}")
    return "\n".join(orgs), "\n".join(places)


def organisation_blocks():
    """The organisations of our lists: CIA offices, exile groups, State bureaus."""
    return "\n".join((CIA_OFFICES.strip(), EXILE_GROUPS.strip(), STATE_BUREAUS.strip()))


def states_block(known):
    """US states and territories by name, with AP abbreviations ("Pa.", "Calif.")."""
    rows = []
    for state in us.states.STATES_AND_TERRITORIES:
        if state.name in known:
            continue
        rows.append(f"{state.name} |")
    return "\n".join(rows)


def state_names():
    """Every way a state is written after a town: name, AP abbreviation, postal code."""
    out = {}
    for state in us.states.STATES_AND_TERRITORIES:
        # Postal codes are left out: "OR", "IN", "ME", "AS" are words in capitals.
        for form in (state.name, state.ap_abbr, state.name.upper()):
            if form:
                out[form] = state.name
    out.update({"Pa": "Pennsylvania", "Penna.": "Pennsylvania", "Fla": "Florida"})
    out.update({"Calif": "California", "N. Y.": "New York", "D.C.": "District of Columbia"})
    return out


def countries_block(known):
    """Countries pycountry lists that our own table lacks (common names where it has one)."""
    rows = []
    for country in pycountry.countries:
        name = getattr(country, "common_name", None) or country.name
        if "," in name or "(" in name or name in _SKIP_COUNTRIES:
            continue
        if name in known or country.name in known:
            continue
        others = [n for n in (country.name, getattr(country, "official_name", None)) if n]
        others = [n for n in others if n != name and n not in known and "," not in n]
        rows.append(f"{name} | {'; '.join(others)}")
    return "\n".join(rows)
