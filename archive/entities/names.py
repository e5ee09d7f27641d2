"""Names the gazetteer does not hold, found by the conventions of these documents.

People: a given name and a surname ("Leon Fuerth", "Jacques Grippa"), the same in capitals
inside typescript ("CHARLES G. DONNELLY", "LEE HARVEY OSWALD"), a list's "SURNAME, Given"
("GOODPASTURE, Ann L.", "CHAPMAN, BOBBY JOE"), and a name after an FBI role ("SA M. B.
PARKER", "PCI JOSEPH CARUSO"). Given names come from gender-guesser's dictionary of some
45,000 first names (a package, nothing fetched). Organisations, places and FBI field offices:
orgplaces.py. `candidates` gives them all. A name never runs across a line break: lists put one
name a line.
"""

from archive.entities.document import Found
from archive.entities.gazetteer import ORGANIZATION, PERSON, PLACE
from archive.entities.lists import (
    common_given_names,
    common_words,
    given_names,
)
from archive.entities.namewords import in_capitals, not_name_word, proper, same_line, split_words
from archive.entities.orgplaces import big_city, field_office_at, organisation_at, town_at
from archive.entities.rules import PARTICLES

# Roles written before a name in FBI and CIA papers (Special Agent, informant, clerk ...).
ROLES = frozenset(
    split_words("SA SAS ASAC PCI PSI IC CS Lt Sgt Mrs Mr Miss Ms Dr Agent Agents Informant Clerk")
)


def _initial(doc, j):
    """Token j is one capital letter followed by a full stop ("G.")."""
    token = doc.tokens[j]
    word = token.group()
    return len(word) == 1 and word.isupper() and doc.text[token.end() : token.end() + 1] == "."


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


def person_at(doc, gaz, i):
    """A person's name beginning at token i, or None: (start, end, name).

    Given names, initials, then one surname: "Orrin G. Hatch", "LEE HARVEY OSWALD". In a line
    of capitals (teletypes) the given name must be a common one and a third word is taken
    only where the line ends with it ("JAMES RIDDLE HOFFA", not "PHIL TESTA CRITICIZED")."""
    tokens, first = doc.tokens, doc.tokens[i].group()
    if first.lower() not in given_names() or not_name_word(first) or first in ROLES:
        return None
    caps = in_capitals(first)
    if not caps and not proper(first):
        return None
    shouting = caps and doc.shouting(tokens[i].start())
    usual = first.lower() in common_given_names()
    if (shouting or first.lower() in common_words() or len(first) < 3) and not usual:
        return None
    words, j, surname = [first], i, False
    while j + 1 < len(tokens) and len(words) < 4 and not surname and same_line(doc, j):
        word = tokens[j + 1].group()
        if not_name_word(word, surname=True) or word in PARTICLES:
            break
        if _starts_known(doc, gaz, j + 1):
            break
        if _initial(doc, j + 1):
            words.append(word)
        elif (caps and in_capitals(word)) or (not caps and proper(word)):
            if len(word) < 3 or word.lower() in common_words() or not _VOWELS & set(word.lower()):
                break  # "HAO FURTHER", "Clark Air": a word, not a surname
            if caps and word.endswith(("ED", "ING", "LY")):
                break
            words.append(word)
            surname = word.lower() not in given_names()
        else:
            break
        j += 1
    if caps and surname and j + 1 < len(tokens) and same_line(doc, j) and _line_ends(doc, j + 1):
        last = tokens[j + 1].group()
        ordinary = last.lower() in common_words()
        if in_capitals(last) and len(last) >= 3 and not ordinary and not not_name_word(last):
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
    if not in_capitals(surname) or len(surname) < 3 or not_name_word(surname):
        return None
    if surname.lower() in common_words():
        return None
    if i + 1 >= len(tokens) or doc.text[tokens[i].end() : tokens[i + 1].start()] != ", ":
        return None
    given = tokens[i + 1].group()
    if given.lower() not in given_names() or not (proper(given) or in_capitals(given)):
        return None
    words, j = [given], i + 1
    while j + 1 < len(tokens) and len(words) < 3 and same_line(doc, j):
        word = tokens[j + 1].group()
        if _initial(doc, j + 1) or (
            in_capitals(word) and in_capitals(given) and not not_name_word(word)
        ):
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
        if not_name_word(word):
            break
        if _initial(doc, j + 1) or in_capitals(word):
            words.append(word)
            j += 1
            if j + 1 < len(tokens) and not same_line(doc, j):
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


_VOWELS = frozenset("aeiouy")


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
            if known and big_city(name, state)
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
