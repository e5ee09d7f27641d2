"""How bench/extraction.py splits the corpus and decides that an extracted field is right.

The split (fixed, decided before any rule was tuned): a record belongs to the held-out part
when the first eight hex digits of SHA-256 of its id, read as a number, are divisible by 3,
else to the tuning part. About a third of `memos.jsonl` and of `jfk_forms.jsonl` is held out.
Rules are tuned on the tuning part only; the bench never prints a held-out record's values.
The tuning part is halved again by the next eight hex digits (`half`): rules are written from
the misses of its *work* half and kept only where they also move its *check* half, whose
misses are never printed either, so that a rule fitting a few related documents shows before it
reaches the held-out part.

Comparison rules, field by field (the record's metadata is "truth"):

- **date**: exact when our date, cut to the record's precision, equals the record's date and
  our precision is at least the record's (a record dated 1964-05 is matched by 1964-05 or by any
  day of May 1964; our "1964" for a record dated 1964-05-22 is not exact). A record dated on
  the first of a month is also matched by that month (a catalogue cannot write "March 1977"
  otherwise). NARA's placeholder for an unknown date (2000-01-01; 1900-01-01 on the forms)
  is not scored.
- **agency**: the full name, after mapping abbreviations and variants to one name (CIA =
  Central Intelligence Agency, "National Security Council (White House)" = NSC = "White House").
- **classification**: the normalised level (Top Secret, Secret, Confidential, ...).
  Scored only where the record's level describes the document (its marking, the FRUS source
  note, the library's item data); where the record took it from the NARA identification form
  and the form is not in the text (memos.jsonl removed the forms), it is reported apart.
- **from, to, title** (and office in the judged set): loose agreement of word sets. Both
  sides are upper-cased, punctuation becomes space, abbreviations are expanded (DIR =
  DIRECTOR, C/ = CHIEF, COS = CHIEF OF STATION, DCI = DIRECTOR OF CENTRAL INTELLIGENCE, HQ
  = DIRECTOR of the FBI or the CIA's HEADQUARTERS, FBI field-office codes such as NY or PG =
  the city, alone or after SAC (WMFO = WFO, the Washington field office); LEG = LEGAT and the
  FBI's codes of legal attachés' posts after it (LEG, PA = Legat, Paris; MX, BR, CAR ...);
  CIA office symbols such as OLC = OFFICE OF LEGISLATIVE COUNSEL, DDO = DEPUTY DIRECTOR
  FOR OPERATIONS, SAG = SECURITY ANALYSIS GROUP; in a title, HSCA, ARRB
  and INS spelled out; DD/P is DDP; a short capitalised word of a party, such as IMS, is
  spelled out where the other value holds, in order, the words it is the initials of:
  "Information Management Staff"), one-letter words,
  agency names (by code or in full: "Federal Bureau of Investigation" as "FBI") and filler
  words (THE, OF, MR, SAC, RE, MEMO...) are dropped, and so is a file number in parentheses
  ("Director, FBI (62-109060)": the file the copy was filed in, not part of whom it is
  addressed to), and from a party a note in parentheses on who released or originated a
  cable ("Director (released by C/CI/SO)": the sender is the Director). They agree when the
  word sets overlap by half (Jaccard >= 0.5), or the record's words are all in ours with at
  most three words more, or ours (two words or more, one of them not a generic title word
  such as CHIEF or OFFICE) lies within the record's value: "Raymond A. Warren" for "WARREN,
  RAYMOND A., C/LA DIV"; a name we read with initials
  counts each initial as the record's word it stands for ("S. D. Breckinridge" for
  "BRECKINRIDGE, SCOTT D., OLC": S for SCOTT, D for D). Words match when equal, when one is
  the catalogue's truncation of the other ("SECU" for SECURITY, four letters or more), or when
  words of five letters or more differ by one OCR letter. A record value's short
  abbreviations (three letters or fewer: SAG, OLC) may be spelled out or left out by ours when
  its longer words, a name among them, are all in ours. A record value that is only
  an agency ("CIA") agrees with the same agency, by code or full name, with at most a title
  beside it ("Director, Central Intelligence Agency"). A record value that names
  no one (WITHHELD, NONE, UNKNOWN, [RESTRICTED]) is not scored. A record's "to" of MFR,
  (FOR) THE RECORD or MEMO(RANDUM) FOR (THE) RECORD, with a full stop or not, is matched by
  a memorandum for the record (our document type) with no addressee.
  The FBI's codes (HQ, field offices) are read as the FBI's for a record of the FBI and for
  any record of NARA's FBI series (record numbers 124-...): the Bureau's catalogue wrote "HQ"
  for its own headquarters on the CIA's memoranda to it that it filed.
- **doc_number**: equal after removing spaces and punctuation, against any identifier we
  extracted (document number, NARA record number, telegram number).
"""

import hashlib
import re

TUNING, HELD_OUT = "tuning", "held-out"
# A record's "to" that names no addressee but the record itself (see the docstring).
# NARA's record numbers of the FBI's series (the Bureau catalogued them, in its own codes).
FBI_SERIES_RE = re.compile(r"^jfk-(?:form-)?124-")
MFR_TO = (
    "MFR", "THE RECORD", "RECORD", "FOR THE RECORD", "MEMO FOR THE RECORD",
    "MEMO FOR RECORD", "MEMORANDUM FOR THE RECORD", "MEMORANDUM FOR RECORD",
)  # fmt: skip


def part(record_id: str) -> str:
    """The part of the corpus a record belongs to: a fixed rule on its id."""
    digest = hashlib.sha256(str(record_id).encode("utf-8")).hexdigest()
    return HELD_OUT if int(digest[:8], 16) % 3 == 0 else TUNING


WORK, CHECK = "work", "check"


def half(record_id: str) -> str:
    """The half of the tuning part a record belongs to: the work half or the check half."""
    digest = hashlib.sha256(str(record_id).encode("utf-8")).hexdigest()
    return CHECK if int(digest[8:16], 16) % 2 else WORK


# --- agencies ------------------------------------------------------------------------------

AGENCY_CANON = {
    "CIA": "Central Intelligence Agency",
    "FBI": "Federal Bureau of Investigation",
    "NSA": "National Security Agency",
    "STATE": "Department of State",
    "DOS": "Department of State",
    "ARMY": "Department of the Army",
    "NSC": "National Security Council (White House)",
    "WHITE HOUSE": "National Security Council (White House)",
    "NATIONAL SECURITY COUNCIL": "National Security Council (White House)",
}


def agency_key(value) -> str:
    """One name per agency."""
    text = " ".join(str(value or "").split())
    upper = text.upper()
    for key in ("NATIONAL SECURITY COUNCIL", "WHITE HOUSE"):
        if key in upper:
            return AGENCY_CANON[key]
    return AGENCY_CANON.get(upper, text)


# --- loose comparison of names, offices and titles -------------------------------------------

FBI_OFFICES = {
    "AL": "ALBANY", "AQ": "ALBUQUERQUE", "AX": "ALEXANDRIA", "AN": "ANCHORAGE",
    "AT": "ATLANTA", "BA": "BALTIMORE", "BH": "BIRMINGHAM", "BS": "BOSTON", "BU": "BUFFALO",
    "BT": "BUTTE", "CE": "CHARLOTTE", "CG": "CHICAGO", "CI": "CINCINNATI", "CV": "CLEVELAND",
    "CO": "COLUMBIA", "DL": "DALLAS", "DN": "DENVER", "DE": "DETROIT", "EP": "EL PASO",
    "HN": "HONOLULU", "HO": "HOUSTON", "IP": "INDIANAPOLIS", "JN": "JACKSON",
    "JK": "JACKSONVILLE", "KC": "KANSAS CITY", "KX": "KNOXVILLE", "LV": "LAS VEGAS",
    "LR": "LITTLE ROCK", "LA": "LOS ANGELES", "LS": "LOUISVILLE", "ME": "MEMPHIS",
    "MM": "MIAMI", "MI": "MILWAUKEE", "MP": "MINNEAPOLIS", "MO": "MOBILE", "NK": "NEWARK",
    "NH": "NEW HAVEN", "NO": "NEW ORLEANS", "NY": "NEW YORK", "NF": "NORFOLK",
    "OC": "OKLAHOMA CITY", "OM": "OMAHA", "PH": "PHILADELPHIA", "PX": "PHOENIX",
    "PG": "PITTSBURGH", "PD": "PORTLAND", "RH": "RICHMOND", "SC": "SACRAMENTO",
    "SL": "ST LOUIS", "SU": "SALT LAKE CITY", "SA": "SAN ANTONIO", "SD": "SAN DIEGO",
    "SF": "SAN FRANCISCO", "SJ": "SAN JUAN", "SV": "SAVANNAH", "SE": "SEATTLE",
    "SI": "SPRINGFIELD", "TP": "TAMPA", "WFO": "WASHINGTON FIELD", "WF": "WASHINGTON FIELD",
    "WMFO": "WASHINGTON FIELD",
}  # fmt: skip
# The FBI's codes for its legal attachés' posts, written after LEG or LEGAT ("LEG, MX").
LEGAT_POSTS = {
    "MX": "MEXICO CITY", "PA": "PARIS", "BR": "BERN", "CAR": "CARACAS", "LO": "LONDON",
    "OT": "OTTAWA", "RO": "ROME", "BN": "BONN", "MD": "MADRID", "TO": "TOKYO",
}  # fmt: skip
# Abbreviations the catalogues and the judges write. Kept apart from the extractor's own tables
# (archive/ingest/units.py) on purpose, though some entries agree: a judge that read with the
# extractor's tables would agree with it by construction.
EXPAND = {
    "DIR": "DIRECTOR", "DIRNSA": "DIRECTOR NSA", "C": "CHIEF", "CH": "CHIEF",
    "COS": "CHIEF OF STATION",
    "DCOS": "DEPUTY CHIEF OF STATION", "DCI": "DIRECTOR OF CENTRAL INTELLIGENCE",
    "DDCI": "DEPUTY DIRECTOR OF CENTRAL INTELLIGENCE", "DEP": "DEPUTY", "ASST": "ASSISTANT",
    "SEC": "SECRETARY", "SECY": "SECRETARY", "DEPT": "DEPARTMENT", "DIV": "DIVISION",
    "BR": "BRANCH", "SECSTATE": "SECRETARY OF STATE", "AMEMBASSY": "EMBASSY",
    "AMEMB": "EMBASSY", "EMB": "EMBASSY", "AMCONSUL": "CONSULATE", "GEN": "GENERAL",
    "LEG": "LEGAL ATTACHE",
    "ATTY": "ATTORNEY", "AG": "ATTORNEY GENERAL", "LEGAT": "LEGAL ATTACHE",
    "HQS": "HEADQUARTERS", "HDQS": "HEADQUARTERS", "MGR": "MANAGER", "OFF": "OFFICE",
    "MEM": "MEMORANDUM", "MEMO": "MEMORANDUM", "WASHDC": "WASHINGTON",
    # CIA office symbols as cataloguers write them.
    "OLC": "OFFICE OF LEGISLATIVE COUNSEL", "OGC": "OFFICE OF GENERAL COUNSEL",
    "OS": "OFFICE OF SECURITY", "DDO": "DEPUTY DIRECTOR FOR OPERATIONS",
    "DDP": "DEPUTY DIRECTOR FOR PLANS", "DDI": "DEPUTY DIRECTOR FOR INTELLIGENCE",
    "SAG": "SECURITY ANALYSIS GROUP", "SAS": "SPECIAL AFFAIRS STAFF",
    "DCD": "DOMESTIC CONTACT DIVISION", "TSD": "TECHNICAL SERVICES DIVISION",
    "OTS": "OFFICE OF TECHNICAL SERVICE", "IG": "INSPECTOR GENERAL",
    "WH": "WESTERN HEMISPHERE", "SR": "SOVIET RUSSIA", "SB": "SOVIET BLOC",
}  # fmt: skip
# Committees and services the CIA's catalogue titles name by their initials (titles only).
EXPAND_TITLE = {
    "HSCA": "HOUSE SELECT COMMITTEE ON ASSASSINATIONS",
    "ARRB": "ASSASSINATION RECORDS REVIEW BOARD",
    "INS": "IMMIGRATION AND NATURALIZATION SERVICE",
}
DROP = {
    "THE", "OF", "AND", "FOR", "TO", "FROM", "MR", "MRS", "MS", "DR", "SAC", "ASAC", "SA",
    "RE", "MEMORANDUM", "SUBJECT", "CIA", "FBI", "NSA", "US", "USA", "U", "S", "A", "AN",
    "IN", "ON", "AT", "BY", "CABLE", "DISPATCH", "AIRTEL", "TELETYPE", "LETTER", "JR", "SR",
    "INFORMATION", "REPORT",
}  # fmt: skip
NAMES_NO_ONE = {"WITHHELD", "NONE", "UNKNOWN", "RESTRICTED", "NA", "N A", "NOT GIVEN", ""}
_SPLIT_RE = re.compile(r"[^A-Z0-9]+")


# A file number in parentheses ("(62-109060)", "(105-82298)"): where the copy was filed.
_FILE_NUMBER_RE = re.compile(r"\(\s*\d{1,3}\s*-\s*\d[\d\s-]*\)")
# A note in parentheses on who released or originated a cable ("Director (released by
# C/CI/SO)", "Director (Desmond FitzGerald, C/SAS, releasing)"): the sender is the Director.
_RELEASE_NOTE_RE = re.compile(r"\([^()]*\b(?:RELEASE[DS]?|RELEASING|ORIGINATED)\b[^()]*\)")
_AGENCY_NAMES_RE = re.compile(
    r"\b(?:FEDERAL BUREAU OF INVESTIGATION|CENTRAL INTELLIGENCE AGENCY|NATIONAL SECURITY AGENCY)\b"
)


# A CIA deputy directorate's symbol written with its slash: DD/P, ADD/P, DD/S&T.
_SLASHED_SYMBOL_RE = re.compile(r"\b(A?DD)/([A-Z])\b")


def _acronyms(truth: str, ours: str) -> tuple[str, str]:
    """Each value with a short capitalised word of it (IMS) spelled out where the other value
    holds words, in order, whose initials it is ("Information Management Staff")."""

    def spell(a: str, b: str) -> str:
        words = [w for w in _SPLIT_RE.split(b.upper()) if w and w not in ("OF", "AND", "THE")]
        initials = "".join(w[0] for w in words)

        def one(m: re.Match) -> str:
            token = m.group()
            at = initials.find(token)
            if token in EXPAND or token in DROP or token in AGENCY_CANON or at < 0:
                return token
            return " ".join(words[at : at + len(token)])

        return re.sub(r"\b[A-Z]{3,5}\b", one, a)

    return spell(str(truth or ""), str(ours or "")), spell(str(ours or ""), str(truth or ""))


def loose_words(value, fbi: bool = False, party: bool = True) -> set[str]:
    """The words a loose comparison looks at (see the module docstring); agency names in full
    are dropped from a party (from, to, office), not from a title."""
    upper = str(value or "").upper().replace("'S", "")
    upper = _FILE_NUMBER_RE.sub(" ", " ".join(upper.split()))
    if party:
        upper = _RELEASE_NOTE_RE.sub(" ", upper)
    upper = _SLASHED_SYMBOL_RE.sub(r"\1\2", upper)  # "DD/P" is DDP
    if party and not _AGENCY_NAMES_RE.fullmatch(upper.strip(" .,")):
        upper = _AGENCY_NAMES_RE.sub(" ", upper)
    tokens = [t for t in _SPLIT_RE.split(upper) if t]
    if fbi and len(tokens) == 1 and tokens[0] in FBI_OFFICES:
        tokens = FBI_OFFICES[tokens[0]].split()
    elif fbi and tokens in (["HQ"], ["FBIHQ"], ["BUREAU"]):
        tokens = ["DIRECTOR"]
    elif len(tokens) >= 2 and tokens[0] in ("LEGAT", "LEG"):
        # "LEG, PA": the legal attaché's post by the FBI's code for it.
        tokens = ["LEGAT", *LEGAT_POSTS.get(tokens[1], tokens[1]).split(), *tokens[2:]]
    elif fbi and len(tokens) >= 2 and tokens[0] in ("SAC", "ASAC"):
        # "SAC, MM": the office code after the title is the field office's city.
        tokens = [tokens[0], *FBI_OFFICES.get(tokens[1], tokens[1]).split(), *tokens[2:]]
    out: set[str] = set()
    for token in tokens:
        if token in ("HQ",):
            token = "HEADQUARTERS"
        if not party:
            token = EXPAND_TITLE.get(token, token)
        for word in EXPAND.get(token, token).split():
            if len(word) > 1 and word not in DROP:
                out.add(word)
    return out


def names_no_one(value) -> bool:
    """A record value that is not a name (WITHHELD, NONE...): not scored."""
    return " ".join(_SPLIT_RE.split(str(value or "").upper())).strip() in NAMES_NO_ONE


GENERIC = {
    "CHIEF", "DIRECTOR", "OFFICER", "SECURITY", "STAFF", "DIVISION", "DEPUTY", "ASSISTANT",
    "SPECIAL", "GENERAL", "COUNSEL", "OFFICE", "ACTING", "BRANCH", "GROUP", "HEADQUARTERS",
    "STATION", "FIELD", "SECTION", "AGENT",
}  # fmt: skip


def _same_word(a: str, b: str) -> bool:
    """Equal, one a catalogue's truncation of the other (SECU, ANALYSI), or one OCR letter off."""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    if len(short) >= 4 and long_.startswith(short):
        return True
    if len(short) >= 5 and len(long_) - len(short) <= 1:
        if len(a) == len(b):
            return sum(x != y for x, y in zip(a, b, strict=True)) <= 1
        return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))
    return False


def _match(a: set[str], b: set[str]) -> tuple[set[str], set[str]]:
    """The words of a matched in b, and of b matched in a (see _same_word)."""
    in_b = {w for w in a if any(_same_word(w, v) for v in b)}
    in_a = {v for v in b if any(_same_word(w, v) for w in a)}
    return in_b, in_a


def _initials_agree(truth, ours, left: set[str]) -> bool:
    """Our initials ("S. D.") stand for the record's given names or initials ("SCOTT D."):
    each for a word of the record's that ours does not spell out, one word each."""
    mine = [w for w in _SPLIT_RE.split(str(ours or "").upper()) if len(w) == 1]
    if not mine:
        return False
    theirs = sorted(left) + [w for w in _SPLIT_RE.split(str(truth or "").upper()) if len(w) == 1]
    for letter in mine:
        hit = next((w for w in theirs if w[0] == letter), None)
        if hit is None:
            return False
        theirs.remove(hit)
    return True


def loose_agree(truth, ours, fbi: bool = False, party: bool = True) -> bool:
    """Word sets overlap by half, or ours holds all of the record's words and little more, or
    ours is a name within the record's value (the same person, the office left out)."""
    if party:
        truth, ours = _acronyms(truth, ours)
    a, b = loose_words(truth, fbi, party), loose_words(ours, fbi, party)
    if not a:
        # The record names only an agency ("CIA"): ours must name that agency (by its code or
        # its name), with nothing but a title such as DIRECTOR beside it.
        raw = set(_SPLIT_RE.split(str(truth or "").upper())) - {""}
        mine = set(_SPLIT_RE.split(str(ours or "").upper())) - {""}
        if not raw:
            return False
        if raw == mine:
            return True
        names = {AGENCY_CANON.get(code, "").upper() for code in raw} - {""}
        flat = " ".join(str(ours or "").upper().split())
        if raw <= mine and len(mine - raw) <= 2:
            return True  # "Director, CIA": the agency by its code, a title beside it
        return any(name in flat for name in names) and len(mine) <= len(names.pop().split()) + 2
    if not b:
        return False
    a_in_b, b_in_a = _match(a, b)
    shared = len(a_in_b)
    if shared / (len(a) + len(b) - shared) >= 0.5:
        return True
    if a_in_b == a and len(b) - len(b_in_a) <= 3:
        return True
    if b_in_a == b and len(b) >= 2 and bool(b_in_a - GENERIC):
        return True
    if party and b_in_a == b and bool(b - GENERIC) and _initials_agree(truth, ours, a - a_in_b):
        return True  # "S. D. Breckinridge" within "BRECKINRIDGE, SCOTT D., OLC"
    # The record's words of four letters or more all in ours (its short office abbreviations,
    # such as SAG or OLC, spelled out or left out by the document), one a proper name.
    long_words = {w for w in a if len(w) >= 4}
    return bool(long_words - GENERIC) and long_words <= a_in_b and len(b) - len(b_in_a) <= 4


_TITLE_PREFIX_RE = re.compile(
    r"^\s*(?:MEMO(?:RANDUM)?(?:\s+FOR\s+THE\s+RECORD)?|MFR|CABLE|DISPATCH|LETTER|MEMO\s+RE"
    r"|SUBJECT|RE)\s*[-:]\s*",
    re.IGNORECASE,
)


def title_agree(truth, ours) -> bool:
    """Titles agree loosely, ignoring a leading document-type word ("MEMO:", "CABLE:")."""
    return loose_agree(
        _TITLE_PREFIX_RE.sub("", str(truth)), _TITLE_PREFIX_RE.sub("", str(ours)), party=False
    )


def norm_id(value) -> str:
    """A document number without spacing or punctuation, upper case."""
    return re.sub(r"[^A-Z0-9]", "", str(value or "").upper())


LEVELS = {
    "TOPSECRET": "top_secret",
    "SECRET": "secret",
    "CONFIDENTIAL": "confidential",
    "RESTRICTED": "restricted",
    "UNCLASSIFIED": "unclassified",
    "LIMITEDOFFICIALUSE": "limited_official_use",
    "OFFICIALUSEONLY": "official_use_only",
    "FOROFFICIALUSEONLY": "official_use_only",
}


def level(marking) -> str | None:
    """Normalised level of a classification marking."""
    return LEVELS.get(re.sub(r"[^A-Za-z]", "", str(marking or "")).upper())


PLACEHOLDER_DATES = {"2000-01-01", "1900-01-01"}


def date_exact(truth: str, value, precision: str | None) -> bool:
    """Exact at the record's precision, and ours at least as precise (see the docstring)."""
    if not value or not truth:
        return False
    rank = {"year": 0, "month": 1, "day": 2}
    need = {4: "year", 7: "month", 10: "day"}.get(len(truth), "day")
    mine = rank.get(precision or "day", 2)
    if mine < rank[need]:
        # A catalogue writes a month as its first day (1977-03-01 for "March 1977").
        if need == "day" and truth.endswith("-01") and mine == 1:
            return value.isoformat()[:7] == truth[:7]
        return False
    return value.isoformat()[: len(truth)] == truth
