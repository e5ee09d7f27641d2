"""What exemption codes and redaction markers mean: our own table, from the domain reference.

Every entry says in plain language why a passage was withheld and under which legal source.
Entries whose meaning the reference marks UNCONFIRMED carry `confirmed=False`; pages show them
as unconfirmed, never as settled fact. `lookup()` accepts a code as printed or as normalised
("25x1", "(b) (6)", "b7C", "50X1-HUM", "1.4(c)") and returns its entry, or None.
"""

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Exemption:
    """One code or marker: its meaning for readers and where the rule comes from."""

    code: str
    tooltip: str
    source: str = ""
    confirmed: bool = True
    family: str = ""

    @property
    def explanation(self):
        """The tooltip text readers see: meaning, legal source, and a caveat if unconfirmed."""
        parts = [f"{self.code}: {self.tooltip}"]
        if self.source:
            parts.append(f"Legal source: {self.source}.")
        if not self.confirmed:
            parts.append("Unconfirmed: this meaning has not been checked against a source.")
        return "\n".join(parts)


_25X = {
    1: "Withheld: would expose an intelligence source (a human source, a foreign liaison "
    "service, or a technical source) or a current intelligence method.",
    2: "Withheld: would help someone develop, produce, or use weapons of mass destruction.",
    3: "Withheld: would harm US cryptologic (codebreaking/codemaking) systems or activities.",
    4: "Withheld: would undercut state-of-the-art technology in a US weapon system.",
    5: "Withheld: would reveal US military war plans that are still in effect, or parts of "
    "older plans that survive in them.",
    6: "Withheld: would seriously harm relations with a foreign government or ongoing US "
    "diplomacy. This includes foreign-government information.",
    7: "Withheld: would weaken current protection of the President, Vice President, or other "
    "protectees.",
    8: "Withheld: would weaken current national-security emergency plans, or expose current "
    "weak points in security systems, installations, or infrastructure.",
    9: "Withheld: a statute, treaty, or international agreement forbids releasing it at 25 years.",
}
_FOIA = {
    1: "Withheld: properly classified under an Executive Order for national defense or foreign "
    "policy.",
    2: "Withheld: concerns only the agency's internal personnel rules and practices.",
    3: "Withheld: another statute bars release. The statute must be named.",
    4: "Withheld: trade secrets, or confidential commercial or financial information.",
    5: "Withheld: internal government deliberations, legal advice, or attorney work product.",
    6: "Withheld: personal details whose release would unfairly invade someone's privacy.",
    7: "Withheld: law-enforcement records.",
    8: "Withheld: bank-examination records of financial regulators.",
    9: "Withheld: geological or geophysical data about wells, including maps.",
}
_FOIA_7 = {
    "A": "would interfere with enforcement proceedings",
    "B": "would deny a fair trial",
    "C": "would invade privacy",
    "D": "would identify a confidential source",
    "E": "would reveal investigative techniques",
    "F": "would endanger someone's life or safety",
}
_CATEGORIES = {
    "a": "Military plans, weapon systems, or operations",
    "b": "Foreign government information",
    "c": "Intelligence activities, sources, methods, or cryptology",
    "d": "US foreign relations or foreign activities, including confidential sources",
    "e": "Scientific, technological, or economic matters tied to national security",
    "f": "US programs to safeguard nuclear materials or facilities",
    "g": "Weak points or capabilities of systems, installations, plans, or protection services",
    "h": "Weapons of mass destruction",
}


def _build():
    table = {}

    def add(entry):
        table[entry.code] = entry

    for n, text in _25X.items():
        add(Exemption(f"25X{n}", text, f"EO 13526 §3.3(b)({n})", family="25-year exemption"))
    add(
        Exemption(
            "25X1-human",
            "Older form (EO 12958 as amended): exempt because it would identify a human "
            "source. Derivative classifiers now replace it with 50X1-HUM.",
            "ISM schematron rule ISM-ID-00133; CAPCO-2016 §E.6",
            family="25-year exemption",
        )
    )
    add(
        Exemption(
            "50X1-HUM",
            "Still withheld after 50 years: would clearly identify a confidential human source "
            "or human intelligence source. Carries no declassification date.",
            "EO 13526 §3.3",
            family="50-year exemption",
        )
    )
    add(
        Exemption(
            "50X2-WMD",
            "Still withheld after 50 years: would reveal key design concepts of weapons of mass "
            "destruction. Carries no declassification date.",
            "EO 13526 §3.3",
            family="50-year exemption",
        )
    )
    for years in (50, 75):
        for n, text in _25X.items():
            add(
                Exemption(
                    f"{years}X{n}",
                    f"Exemption beyond {years} years approved by the Interagency Security "
                    f"Classification Appeals Panel, in the category of 25X{n}: "
                    + text.removeprefix("Withheld: "),
                    "EO 13526 §3.3; ISM CVE; CAPCO §E.1",
                    family=f"{years}-year exemption",
                )
            )
    for n, text in _FOIA.items():
        add(Exemption(f"(b)({n})", text, f"5 U.S.C. §552(b)({n})", family="FOIA exemption"))
    for sub, text in _FOIA_7.items():
        add(
            Exemption(
                f"(b)(7)({sub})",
                f"Withheld: a law-enforcement record whose release {text}.",
                f"5 U.S.C. §552(b)(7)({sub})",
                family="FOIA exemption",
            )
        )
    for letter, text in _CATEGORIES.items():
        add(
            Exemption(
                f"1.4({letter})",
                f"Classified in the category: {text}.",
                "EO 13526 §1.4",
                family="classification category",
            )
        )
        add(
            Exemption(
                f"1.5({letter})",
                f"Classified under EO 12958 §1.5, taken here to be the category: {text}.",
                "EO 12958 §1.5",
                confirmed=False,  # the exact 1995 letter mapping is unconfirmed
                family="classification category",
            )
        )
    add(
        Exemption(
            "(j)(1)",
            "Withheld under the Privacy Act exemption for CIA records.",
            "5 U.S.C. §552a(j)(1)",
            family="Privacy Act exemption",
        )
    )
    add(
        Exemption(
            "(k)(1)",
            "Withheld under the Privacy Act exemption for classified material.",
            "5 U.S.C. §552a(k)(1)",
            family="Privacy Act exemption",
        )
    )
    for code in ("25X1A", "25X1C"):
        add(
            Exemption(
                code,
                "An early CREST redaction note; it looks like a sub-code of 25X1.",
                confirmed=False,
                family="legacy note",
            )
        )
    for code in ("STAT", "STATINTL", "STATSPEC"):
        add(
            Exemption(
                code,
                "An early CREST redaction note that apparently cites a statute.",
                confirmed=False,
                family="legacy note",
            )
        )
    add(
        Exemption(
            "3.5(c)",
            "Reviewed under mandatory declassification review.",
            "EO 13526 §3.5",
            confirmed=False,
            family="review note",
        )
    )
    return table


EXEMPTIONS = _build()

# Statutes cited under (b)(3), by the labels seen on releases.
STATUTES = {
    "CIA Act": Exemption(
        "CIA Act",
        "Withheld: CIA organization, functions, names, official titles, salaries, or numbers "
        "of personnel.",
        "Central Intelligence Agency Act of 1949, §6 (formerly 50 U.S.C. §403g)",
        family="statute under (b)(3)",
    ),
    "NatSecAct": Exemption(
        "NatSecAct",
        "Withheld: the Director of National Intelligence must protect intelligence sources and "
        "methods. Before 2004 this duty belonged to the DCI.",
        "National Security Act of 1947, §102A(i)(1) (formerly 50 U.S.C. §403-1(i))",
        family="statute under (b)(3)",
    ),
}

# Markers that are not codes: what each kind of redaction marker in the text means.
MARKER_KINDS = {
    "exemption_code": Exemption(
        "Exemption code",
        "An exemption code printed beside a passage that was withheld from release.",
    ),
    "redacted_block": Exemption(
        "[Redacted]",
        "A passage withheld from release; the transcript marks where it stood.",
    ),
    "not_declassified": Exemption(
        "[… not declassified]",
        "Text still classified when the Foreign Relations of the United States volume was "
        "published.",
    ),
    "deletion": Exemption("((DELETION))", "A passage deleted from the released copy."),
    "denied_pages": Exemption(
        "Page(s) denied", "A CREST page placeholder: whole pages were withheld."
    ),
    "illegible": Exemption("ILLEGIB", "The original was unreadable at that spot."),
    "statute_note": Exemption(
        "Statute note",
        "An early CREST redaction note; its exact meaning has not been confirmed.",
        confirmed=False,
    ),
}

_X_RE = re.compile(r"^(25|50|75)\s?X\s?([1-9])(?:\s?-?\s?(HUMAN|HUM|WMD)|([AC]))?$")
_B_RE = re.compile(r"^\(?B\)?\s?\(?\s?([1-9])\s?\)?(?:\s?\(?\s?([A-F])\s?\)?)?$")
_CAT_RE = re.compile(r"^1\.([45])\s?\(?\s?([A-H])\s?\)?$")
_PRIVACY_RE = re.compile(r"^\(?([JK])\)?\s?\(?1\)?$")


def normalise(code):
    """The canonical spelling of a code ("25x1." -> "25X1", "b7C" -> "(b)(7)(C)"), or ""."""
    raw = " ".join(str(code or "").split()).strip(" .,;:")
    if not raw:
        return ""
    upper = raw.upper()
    if m := _X_RE.match(upper):
        years, digit, tag, legacy = m.groups()
        if tag:
            return f"{years}X{digit}-human" if tag == "HUMAN" else f"{years}X{digit}-{tag}"
        return f"{years}X{digit}{legacy or ''}"
    if m := _B_RE.match(upper):
        number, sub = m.groups()
        return f"(b)({number})" + (f"({sub})" if sub and number == "7" else "")
    if m := _CAT_RE.match(upper):
        return f"1.{m[1]}({m[2].lower()})"
    if m := _PRIVACY_RE.match(upper):
        return f"({m[1].lower()})(1)"
    if upper.replace(" ", "") in {"STAT", "STATINTL", "STATSPEC", "STATEPEC"}:
        return {"STATEPEC": "STATSPEC"}.get(upper.replace(" ", ""), upper.replace(" ", ""))
    return raw


def lookup(code):
    """The entry for a code as printed or normalised, or None when we do not know it."""
    key = normalise(code)
    if key in EXEMPTIONS:
        return EXEMPTIONS[key]
    for label, entry in STATUTES.items():
        if key.replace(" ", "").lower() == label.replace(" ", "").lower():
            return entry
    return None


def marker_kind(kind):
    """The entry explaining a kind of redaction marker (see RedactionKind)."""
    return MARKER_KINDS.get(kind)


def codes_of(redaction):
    """A redaction's codes as a list of strings, whatever a hand edit left in the field."""
    codes = redaction.codes
    if isinstance(codes, str):
        codes = [codes]
    if not isinstance(codes, list | tuple):
        return []
    return [str(code) for code in codes if isinstance(code, str | int) and str(code).strip()]


def explain(redaction):
    """Plain-language explanation of one redaction: each of its codes, or its kind."""
    entries = [entry for code in codes_of(redaction) if (entry := lookup(code))]
    if not entries and (entry := marker_kind(redaction.kind)):
        entries = [entry]
    return entries
