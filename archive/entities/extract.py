"""Finding the people, places and organisations a text names, with their character offsets.

Three passes over the words of the text. First the gazetteer's names, longest first ("Soviet
Union" before "Soviet"), and two rules: a title before a capitalised name ("Foreign Minister
Abe", "Mr. Smith") and a country before an institution ("Cuban Embassy"). Then the surnames
the first pass introduced are linked where they stand alone ("Abe had proposed ..."), and a
surname several people share is given to the one the text named, or to the usual holder.
"""

import bisect
import dataclasses
import re

from archive.entities.document import Document, Found, found
from archive.entities.gazetteer import CAPS_WORDS, PERSON, PLACE, default_gazetteer, key_of
from archive.entities.identity import memo_people
from archive.entities.names import candidates as name_candidates
from archive.entities.orgplaces import STREET_WORDS
from archive.entities.rules import NOT_NAMES, OFFICE_WORDS, TITLE_HEADS, org_rule, title_rule

__all__ = ["Found", "extract_mentions"]


def extract_mentions(text, gazetteer=None, year=None, skip=()):
    """The names in `text`, sorted and not overlapping; spans in `skip` are left alone."""
    gaz = gazetteer or default_gazetteer()
    doc = Document(text)
    taken = _merged(sorted((s, e) for s, e in skip))

    candidates = []  # (start, end, priority, Found)
    for i, token in enumerate(doc.tokens):
        first = token.group()
        if first[0].isupper() or first == "sac":
            candidates += name_candidates(doc, gaz, i)
        is_start = first in gaz.starts
        is_title = first in TITLE_HEADS or first.title() in TITLE_HEADS
        if not is_start and not is_title:
            continue  # neither a name nor a title begins with this word
        match = _gazetteer_match(doc, gaz, i) if is_start else None
        if match is not None and _not_what_it_seems(doc, i, match):
            match = None
        # A surname several people share waits for the second pass, which knows who is named.
        if match is not None and not (match[1] == i + 1 and _shared_surname(gaz, first, match[2])):
            end, next_token, entries = match
            entry = _choose(entries, year)
            if not (entry.kind == PLACE and _names_an_office(doc, next_token)):
                start = token.start()
                priority = 3 if next_token > i + 1 else 2
                candidates.append((start, end, priority, found(doc, start, end, entry)))
        org = org_rule(doc, gaz, i) if is_start else None
        if org is not None:
            candidates.append((org.start, org.end, 3, org))
        titled = title_rule(doc, gaz, i, year) if is_title else None
        if titled is not None:
            candidates.append((titled.start, titled.end, 2, titled))

    chosen = _select(candidates, taken)
    introduced = {f.key for f in chosen if f.key}
    # People found only by a rule: keyed by the fullest form of the name the text gives
    # ("Mr. Slany" and "William Z. Slany" in one memo are one person); identity.py.
    fullest, unknown, ambiguous = memo_people(chosen)
    chosen = [f for f in chosen if not (f.kind == PERSON and f.key is None and f.name in ambiguous)]
    chosen = [
        dataclasses.replace(f, name=fullest[f.name])
        if f.kind == PERSON and f.key is None and f.name in fullest
        else f
        for f in chosen
    ]

    late = []
    occupied = _merged(sorted([(f.start, f.end) for f in chosen] + taken))
    for i, token in enumerate(doc.tokens):
        word = token.group()
        lookup = word.title() if word.isupper() and len(word) > 2 else word
        if lookup not in gaz.surnames and lookup not in unknown:
            continue
        if _overlaps(occupied, token.start(), token.end()) or _in_longer_name(doc, i):
            continue  # "Joseph Kennedy" is not President Kennedy; "David H. Smith" not "David"
        caps = doc.shouting(token.start())
        entry = _bare_surname(gaz, lookup, introduced, year, caps)
        if entry is not None:
            late.append(found(doc, token.start(), token.end(), entry))
        elif lookup in unknown and not caps:
            late.append(Found(token.start(), token.end(), word, unknown[lookup], PERSON))
    return sorted(chosen + late, key=lambda f: f.start)


# Acronyms of agencies that are also titles before a name or an office ("NSA Lake" is the
# National Security Adviser; "SAC, Albany" the Special Agent in Charge there).
_TITLE_ACRONYMS = frozenset({"NSA", "SAC", "ASAC", "DCI", "DDCI", "SAS", "SA"})


def _not_what_it_seems(doc, i, match):
    """A gazetteer name that is not one here: an acronym used as a title, a place in a street
    ("159 Washington Street"), a word in brackets ("[French]", a translator's note)."""
    text, tokens = doc.text, doc.tokens
    start, end, next_token = tokens[i].start(), match[0], match[1]
    following = tokens[next_token] if next_token < len(tokens) else None
    gap = text[end : following.start()] if following is not None else ""
    acronym = tokens[i].group() in _TITLE_ACRONYMS and following is not None
    if acronym and gap in (" ", ", ", ",") and following.group()[0].isupper():
        return True
    if following is not None and gap == " " and following.group() in STREET_WORDS:
        return any(e.kind == PLACE for e in match[2])
    return text[start - 1 : start] == "[" and text[end : end + 1] == "]"


def _in_longer_name(doc, i):
    """Whether token i stands next to another capitalised name word (same line, a space)."""
    for j, k in ((i - 1, i), (i, i + 1)):
        if j < 0 or k >= len(doc.tokens):
            continue
        gap = doc.text[doc.tokens[j].end() : doc.tokens[k].start()]
        if gap not in (" ", ". ") or (gap == ". " and len(doc.tokens[j].group()) > 1):
            continue
        other = doc.tokens[j if j != i else k].group()
        proper = other.title() if other.isupper() else other
        if other[0].isupper() and proper not in NOT_NAMES and proper not in TITLE_HEADS:
            return True
    return False


def _names_an_office(doc, next_token):
    """Whether a place name is part of an office's name ("Japan Branch", "Asia Division")."""
    if next_token >= len(doc.tokens):
        return False
    following = doc.tokens[next_token]
    gap = doc.text[doc.tokens[next_token - 1].end() : following.start()]
    return gap == " " and following.group() in OFFICE_WORDS


def _gazetteer_match(doc, gaz, i):
    """The longest gazetteer name starting at token i: (end offset, next token, entries)."""
    best = None
    tokens = doc.tokens
    caps = None
    for j in range(i, min(len(tokens), i + gaz.max_tokens)):
        if j > i and not doc.gap_ok(j - 1):
            break
        key = key_of(doc.text[tokens[i].start() : tokens[j].end()])
        if j > i and key not in gaz.forms and key not in gaz.prefixes:
            key = _JOINS_RE.sub(lambda m: m.group().lower(), key)  # "Fair Play For Cuba"
        entries = gaz.forms.get(key)
        if entries is None and key.isupper() and len(key) > 2:
            entries = gaz.upper.get(key)
        if entries:
            if key in CAPS_WORDS:
                caps = doc.shouting(tokens[i].start()) if caps is None else caps
                if caps:
                    entries = None
            if entries:
                best = (tokens[j].end(), j + 1, entries)
        if key not in gaz.prefixes:
            break
    return best


_JOINS_RE = re.compile(r"(?<= )(?:For|Of|And|The|On|In)\b")


def _shared_surname(gaz, word, entries):
    """Whether a one-word person name is also another person's surname ("Kennedy")."""
    if not any(e.kind == PERSON for e in entries):
        return False
    word = word.title() if word.isupper() else word
    return len({e.key for e in gaz.surnames.get(word, [])}) > 1 or word in gaz.weak


def _choose(entries, year):
    """One entry of several with the same name: the one of the memo's time, else the first."""
    if len(entries) == 1:
        return entries[0]
    if year:
        timely = [e for e in entries if e.years and e.years[0] <= year <= e.years[1]]
        if len(timely) == 1:
            return timely[0]
    return entries[0]


def _bare_surname(gaz, word, introduced, year, caps):
    """The person a lone surname means here, or None when it is not (safely) one."""
    strong = [e for e in gaz.forms.get(word, []) if e.kind == PERSON]
    weak = gaz.weak.get(word, [])
    if not strong and not weak:
        return None
    if caps and not strong:
        return None
    candidates = list(dict.fromkeys(strong + weak))
    named = [e for e in candidates if e.key in introduced]
    if len(named) == 1:
        return named[0]
    if len(named) > 1:
        defaults = [e for e in named if word in e.default_for]
        return defaults[0] if defaults else _choose_timely(named, year)
    if len(strong) == 1:
        return strong[0]
    defaults = [e for e in strong if word in e.default_for]
    return defaults[0] if defaults else None


def _choose_timely(entries, year):
    if year:
        timely = [e for e in entries if e.years and e.years[0] <= year <= e.years[1]]
        if len(timely) == 1:
            return timely[0]
    return None


def _select(candidates, taken):
    """Non-overlapping candidates: leftmost first, then longest, then by priority."""
    chosen, last_end = [], -1
    for start, end, _priority, item in sorted(
        candidates, key=lambda c: (c[0], -(c[1] - c[0]), -c[2])
    ):
        if start < last_end or _overlaps(taken, start, end):
            continue
        chosen.append(item)
        last_end = end
    return chosen


def _overlaps(spans, start, end):
    """Whether [start, end) meets one of `spans` (sorted, not overlapping each other)."""
    i = bisect.bisect_right(spans, (start, float("inf")))
    if i and spans[i - 1][1] > start:
        return True
    return i < len(spans) and spans[i][0] < end


def _merged(spans):
    """Sorted spans with overlapping ones joined."""
    out = []
    for start, end in spans:
        if out and start < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out
