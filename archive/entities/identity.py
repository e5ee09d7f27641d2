"""Who is who: the forms of one person's name within a memo, and across the archive.

Within a memo, people the gazetteer lacks are keyed by their fullest name: "Paul Durkin" and
"Paul G. Durkin" are one person, so are "Mr. Slany" and "William Z. Slany". A surname alone
goes to the one person of that surname the memo names in full; where it names two ("Frank
Amato", "Joseph Amato") a bare "Amato" is linked to neither. Across the archive nothing is
merged by surname: `candidates` lists for a curator the entities that may be one person (names
that agree but for initials or one letter) and the one-word entities that may be several.
"""

from collections import defaultdict

from archive.entities.gazetteer import PERSON


def _parts(name):
    words = name.replace(".", ". ").split()
    return [w.rstrip(".") for w in words[:-1]], words[-1] if words else ""


def agree(a, b):
    """Whether two names of one surname may be one person: given names equal or initials of
    each other, in order ("S. J. Papich" and "Sam Papich"; not "Joe Stassi" and "John Stassi")."""
    given_a, last_a = _parts(a)
    given_b, last_b = _parts(b)
    if last_a.lower() != last_b.lower():
        return False
    for x, y in zip(given_a, given_b, strict=False):
        x, y = x.lower(), y.lower()
        if not (x == y or (len(x) == 1 and y.startswith(x)) or (len(y) == 1 and x.startswith(y))):
            return False
    return True


def memo_people(found):
    """(fullest name for each rule-found person name, surname -> the one person it means,
    surnames that stand for several people of the memo)."""
    groups = defaultdict(list)
    for f in found:
        if f.kind == PERSON and f.key is None:
            surname = f.name.split()[-1]
            if len(surname) >= 3 and f.name not in groups[surname]:
                groups[surname].append(f.name)
    fullest, by_surname, ambiguous = {}, {}, set()
    for surname, names in groups.items():
        clusters = []
        for name in sorted(names, key=len, reverse=True):
            if " " not in name:
                continue  # a bare surname: decided once the full names are grouped
            home = next((c for c in clusters if agree(c[0], name)), None)
            if home is None:
                clusters.append([name])
            else:
                home.append(name)
        for cluster in clusters:
            for name in cluster:
                fullest[name] = cluster[0]
        if len(clusters) == 1:
            by_surname[surname] = fullest[surname] = clusters[0][0]
        elif not clusters:
            by_surname[surname] = surname  # only ever named by surname ("Mr. Nasca")
        else:
            ambiguous.add(surname)
    return fullest, by_surname, ambiguous


def _one_letter_apart(a, b):
    """Surnames of six letters or more that differ by one OCR letter ("Wannalh", "Wannall")."""
    if a == b or min(len(a), len(b)) < 6 or abs(len(a) - len(b)) > 1 or a[0] != b[0]:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def candidates(people):
    """For a curator, from (id, name) of person entities: (merges, splits).

    merges: groups of entities whose names agree (initials, a bare surname with the one full
    name of that surname, one OCR letter in the surname); splits: one-word entities whose
    surname several people of the archive bear, so that their mentions may mean several."""
    by_surname = defaultdict(list)
    for pk, name in people:
        if name.split():
            by_surname[name.split()[-1].lower()].append((pk, name))
    merges, splits = [], []
    surnames = sorted(by_surname)
    for surname in surnames:
        group = by_surname[surname]
        full = [(pk, n) for pk, n in group if " " in n]
        bare = [(pk, n) for pk, n in group if " " not in n]
        clusters = []
        for pk, name in sorted(full, key=lambda item: -len(item[1])):
            home = next((c for c in clusters if agree(c[0][1], name)), None)
            if home is None:
                clusters.append([(pk, name)])
            else:
                home.append((pk, name))
        if len(clusters) == 1 and bare:
            clusters[0] += bare
        elif len(clusters) > 1 and bare:
            splits.append((bare, clusters))
        merges += [c for c in clusters if len(c) > 1]
    for a, b in zip(surnames, surnames[1:], strict=False):
        if _one_letter_apart(a, b):
            merges.append(by_surname[a] + by_surname[b])
    return merges, splits
