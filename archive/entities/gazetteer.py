"""The gazetteer: our data files parsed into entries and the lookups the extractor needs."""

import dataclasses
import re
from dataclasses import dataclass, field
from functools import lru_cache

from django.utils.text import slugify

from archive.entities.data_lists import CRYPTONYM_FORMS
from archive.entities.data_orgs import ORGANIZATIONS
from archive.entities.data_people import PEOPLE
from archive.entities.data_places import CITIES, COUNTRIES, REGIONS
from archive.entities.lists import (
    countries_block,
    cryptonym_blocks,
    fbi_offices_block,
    organisation_blocks,
    states_block,
    world_cities_block,
)

PERSON, PLACE, ORGANIZATION = "person", "place", "organization"

# A token: a run of letters and digits, with inner apostrophes (O'Brien) but not a possessive.
TOKEN_RE = re.compile(r"[^\W_]+(?:['’](?!s\b)[^\W_]+)*")
_SPACES = re.compile(r"\s+")

# Acronyms that are also plain words in a text set all in capitals ("LET US KNOW").
CAPS_WORDS = frozenset({"US", "AID", "UN", "INS", "DOS", "EC", "EU", "SAC", "HAC", "GRU"})
# Upper-case forms of names that are ordinary words when a whole line is in capitals.
NOT_IN_CAPS = frozenset({"TURKEY", "CHAD", "PALE", "SOLIDARITY", "CONGRESS", "SENATE", "MAJOR"})


def key_of(text):
    """The lookup key of a name as written: white space collapsed."""
    if " " not in text and "\n" not in text and "\t" not in text:
        return text
    return _SPACES.sub(" ", text.strip())


def slug_for(name, kind=""):
    """A slug for an entity name (ASCII, at most 200 characters)."""
    return (slugify(name.replace("&", " and "))[:200] or slugify(kind) or "entity").strip("-")


@dataclass(frozen=True)
class Entry:
    """One gazetteer entity and the names that refer to it."""

    key: str
    name: str
    kind: str
    forms: tuple = ()  # names enough on their own
    weak: tuple = ()  # bare surnames that count after a full mention in the same text
    default_for: tuple = ()  # bare surnames this entry wins when no namesake is introduced
    titles: tuple = ()
    years: tuple | None = None
    aliases: tuple = field(default=())  # every other name, for the Entity row


def _split(value):
    return [item.strip() for item in value.split(";") if item.strip()]


def _rows(block):
    for line in block.strip().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            yield [part.strip() for part in line.split("|")]


def parse_people(block):
    """Entries of the people table."""
    entries = []
    for row in _rows(block):
        name, others, titles, years = (row + ["", "", ""])[:4]
        forms, weak, defaults = [name], [], []
        for other in _split(others):
            bare = other.lstrip("~").rstrip("!")
            if other.endswith("!"):
                defaults.append(bare)
            (weak if other.startswith("~") else forms).append(bare)
        span = None
        if years:
            first, _sep, last = years.partition("-")
            span = (int(first), int(last or first))
        entries.append(
            Entry(
                key=slug_for(name),
                name=name,
                kind=PERSON,
                forms=tuple(forms),
                weak=tuple(weak),
                default_for=tuple(defaults),
                titles=tuple(_split(titles)),
                years=span,
                aliases=tuple(dict.fromkeys(f for f in forms + weak if f != name)),
            )
        )
    return entries


def parse_places(block):
    """Entries of a places table: name, other names, adjectives."""
    entries = []
    for row in _rows(block):
        name, others, adjectives = (row + ["", ""])[:3]
        names = [name, *_split(others), *_split(adjectives)]
        entries.append(
            Entry(
                key=slug_for(name),
                name=name,
                kind=PLACE,
                forms=tuple(names),
                aliases=tuple(_split(others)),
            )
        )
    return entries


def parse_orgs(block):
    """Entries of the organisations table."""
    entries = []
    for row in _rows(block):
        name, others = (row + [""])[:2]
        entries.append(
            Entry(
                key=slug_for(name),
                name=name,
                kind=ORGANIZATION,
                forms=(name, *_split(others)),
                aliases=tuple(_split(others)),
            )
        )
    return entries


class Gazetteer:
    """Lookups from a name as written to the entries it may mean."""

    def __init__(self, entries):
        self.entries = {}
        self.forms = {}  # key -> [Entry], names enough on their own
        self.weak = {}  # key -> [Entry], surnames that need an earlier full mention
        self.surnames = {}  # surname -> [Entry], people only: for titles and coreference
        self.upper = {}  # FORM IN CAPITALS -> [Entry], for texts set in capitals
        self.prefixes = set()  # keys of every leading run of tokens of a form
        self.starts = set()  # first words of names
        self.by_name = {}
        self.max_tokens = 1
        for entry in entries:
            self.add(entry)

    def add(self, entry):
        """Register an entry and its names."""
        if entry.key in self.entries:
            raise ValueError(f"two gazetteer entries share the key {entry.key!r}")
        self.entries[entry.key] = entry
        self.by_name.setdefault(entry.name, entry)
        for form in entry.forms:
            self._register(self.forms, form, entry)
            upper = form.upper()
            letters = sum(c.isalpha() for c in form)
            if upper != form and letters >= 4 and form_key(upper)[0] not in NOT_IN_CAPS:
                self._register(self.upper, upper, entry)
        for form in entry.weak:
            self._register(self.weak, form, entry)
        if entry.kind == PERSON:
            for form in (*entry.forms, *entry.weak):
                tokens = TOKEN_RE.findall(form)
                if len(tokens) == 1:
                    self.surnames.setdefault(tokens[0], []).append(entry)
            last = TOKEN_RE.findall(entry.name)[-1:]
            if last and entry not in self.surnames.get(last[0], []):
                self.surnames.setdefault(last[0], []).append(entry)

    def _register(self, table, form, entry):
        key, count = form_key(form)
        if not key:
            return
        bucket = table.setdefault(key, [])
        if entry not in bucket:
            bucket.append(entry)
        self.max_tokens = max(self.max_tokens, count)
        self.starts.add(key[: TOKEN_RE.match(key).end()])
        for match in list(TOKEN_RE.finditer(key))[:-1]:
            self.prefixes.add(key[: match.end()])


def form_key(form):
    """(lookup key, number of tokens) of a name: from its first token to its last."""
    matches = list(TOKEN_RE.finditer(form))
    if not matches:
        return "", 0
    return key_of(form[matches[0].start() : matches[-1].end()]), len(matches)


@lru_cache(maxsize=1)
def default_gazetteer():
    """The gazetteer built from our data files and the lists of lists.py."""
    entries = (
        parse_people(PEOPLE)
        + parse_places(COUNTRIES)
        + parse_places(CITIES)
        + parse_places(REGIONS)
        + parse_orgs(ORGANIZATIONS)
    )
    entries = [_with_cryptonyms(entry) for entry in entries]
    known = {form for entry in entries for form in entry.forms}
    crypt_orgs, crypt_places = cryptonym_blocks()
    entries += parse_orgs(fbi_offices_block()) + parse_orgs(crypt_orgs)
    entries += parse_places(crypt_places)
    taken = {entry.key for entry in entries}
    for entry in parse_orgs(organisation_blocks()):
        if entry.key not in taken:
            entries.append(entry)
            taken.add(entry.key)
    known = {form for entry in entries for form in entry.forms}
    for entry in parse_places(states_block(known)) + parse_places(countries_block(known)):
        if entry.key not in taken:
            entries.append(entry)
            taken.add(entry.key)
    known = {form for entry in entries for form in entry.forms}
    for entry in parse_places(world_cities_block(known)):
        if entry.key not in taken:
            entries.append(entry)
            taken.add(entry.key)
    return Gazetteer(entries)


def _with_cryptonyms(entry):
    """An entry with the cryptonyms that name it ("KUBARK" for the CIA) among its forms."""
    extra = CRYPTONYM_FORMS.get(entry.name)
    if not extra:
        return entry
    return dataclasses.replace(entry, forms=entry.forms + extra, aliases=entry.aliases + extra)
