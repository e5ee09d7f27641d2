"""Classification banners, control markings, CREST ids, release banners and document numbers."""

import re
from collections import Counter
from typing import NamedTuple

from . import classmarks
from .banners import damaged_level
from .dates import make_date
from .patterns import (
    CONTROL_CANON,
    CONTROL_RE,
    CREST_LOCATOR_RE,
    CREST_STRICT_RE,
    DI_NUMBER_RE,
    LEVEL_RANK,
    LEVEL_TARGETS,
    LEVEL_WORDS,
    NIC_NUMBER_RE,
    RELEASE_BANNER_RE,
    Line,
    levenshtein,
    squash,
)

_TOKEN_RE = re.compile(r"(?:[A-Za-z](?: [A-Za-z]){2,}(?![A-Za-z]))|[A-Za-z][A-Za-z'’&$]*|\d+")
_BANNER_EXTRA_RE = re.compile(r"^(?:[A-Z0-9/-]{1,12}|SECTION|OF|RUFF|Exdis|Nodis|Limdis)$")
# A banner starts with a word of five or more letters (maybe spaced out) or with TOP.
_QUICK_RE = re.compile(r"[\W_]{0,4}(?:[A-Za-z][A-Za-z'’&$]{4}|[A-Za-z](?: [A-Za-z]){4}|T ?O ?P\b)")
_JUNK_LEAD_RE = re.compile(
    r"^(?:[^\sA-Za-z]{0,3}[A-Za-z]{1,2}[^\sA-Za-z]{0,3}[ \t]+){1,3}(?=[A-Z]{4})"
)
_NOT_LEVEL_RE = re.compile(r"^DE ?C ?L ?AS|^CLASSIF")
# Rules, bars and page numbers around a banner ("- ~SECREF— 3", "| -SEERET- 4").
_EDGE_JUNK = " \t-~—–_|*=.:;,'‘’\"`°•©€0123456789"
# An exact banner in capitals after a few characters of OCR dirt: "awn SECRET 7", "a ‘ SECRET €",
# "mE 2442 : SECRET". The dirt holds no word of five letters (a sentence would) and no TOP.
_DIRTY_BANNER_RE = re.compile(
    r"(?P<dirt>(?:[^\sA-Za-z]{0,3}[A-Za-z]{0,4}[^\sA-Za-z]{0,4}[ \t]+){1,4})"
    r"(?P<level>SECRET|CONFIDENTIAL)[^\sA-Za-z]{0,3}(?:[ \t]+[^\sA-Za-z]{1,4})?[ \t]*"
)
_LEVEL_OF = {"SECRET": "secret", "CONFIDENTIAL": "confidential"}
# Words two letters from SECRET that a damaged banner is not.
_WORDS_NEAR_SECRET = frozenset({"REGRET", "SECRETS", "SEVERE", "SCREEN", "STREET", "SACRED"})


class Vote(NamedTuple):
    """One classification banner seen on a line."""

    level: str
    printed: str
    exact: bool
    line: int
    # Read by banners.damaged_level: split, garbled or cut short past the plain reading.
    damaged: bool = False


def _tolerance(target: str) -> int:
    return {"SECRET": 1, "UNCLAS": 1, "TOP SECRET": 2}.get(target, 2)


_TARGET_LETTERS = {target: frozenset(target) for target, _ in LEVEL_TARGETS}
_TARGET_HEAD = {target: (target.split()[0], target.count(" ") + 1) for target, _ in LEVEL_TARGETS}
_NON_LETTER_RE = re.compile(r"[^A-Za-z]")


def _match_level(tokens: list[re.Match]) -> tuple[str, int, bool] | None:
    """Match the first tokens of a line against a level; returns (level, n_tokens, exact)."""
    words = [_NON_LETTER_RE.sub("", t.group()).upper() for t in tokens[:4]]
    first = words[0]
    if _NOT_LEVEL_RE.match(first):
        return None
    for target, level in LEVEL_TARGETS:
        head, n = _TARGET_HEAD[target]
        if len(words) < n or abs(len(first) - len(head)) > 2:
            continue
        got = first if n == 1 else " ".join(words[:n])
        if got == target:
            return level, n, True
        # Cheap filters first: edit distance is the slow part of the whole extraction.
        if abs(len(got) - len(target)) > 2:
            continue
        letters = _TARGET_LETTERS[target]
        if (
            sum(c in letters for c in got) < len(got) - 2
            or sum(c in got for c in target) < len(target) - 2
        ):
            continue
        dist = levenshtein(got, target, 3)
        # A struck-through SECRET: "SEEREP", "GBERET", "SECREF".
        fuzzy_secret = (
            target == "SECRET"
            and len(got) == 6
            and dist <= 2
            and (got.endswith(("RET", "REF")) or (got[0] == "S" and got[3] == "R"))
            and got not in _WORDS_NEAR_SECRET
        )
        if dist <= _tolerance(target) or fuzzy_secret:
            if target == "UNCLAS" and not got.startswith("UNCLAS"):
                continue
            return level, n, False
    return None


def banner_vote(line: Line, index: int) -> Vote | None:
    """Classify a line that is a classification banner (and nothing much else)."""
    text = _JUNK_LEAD_RE.sub("", line.text.strip())  # "ee i e SECRET": OCR dirt before it
    core = text.strip(_EDGE_JUNK)
    if (
        not text
        or len(text) > 200
        or not _QUICK_RE.match(text)
        or len(squash(text)) > 70
        or not any(c.isalpha() for c in core[:3] + core[-3:])
    ):
        return _dirty_banner(text, index)
    tokens = list(_TOKEN_RE.finditer(text))
    if not tokens or len(tokens) > 9:
        return None
    first = tokens[0].group().replace(" ", "")
    if len(first) < 5 and first.upper() != "TOP":
        return None
    hit = _match_level(tokens)
    if not hit:
        return _dirty_banner(text, index)
    level, n, exact = hit
    rest = tokens[n:]
    rest_text = text[tokens[n - 1].end() :].strip()
    target_words = {t.group().upper().replace(" ", "") for t in tokens[:n]} | {level.upper()}
    for t in rest:
        word = t.group().upper().replace(" ", "")
        if word in LEVEL_WORDS and word not in target_words:
            return None  # a checkbox row listing several levels
    extra_ok = all(_BANNER_EXTRA_RE.match(t.group()) for t in rest)
    level_text = text[tokens[0].start() : tokens[n - 1].end()]
    # A damaged banner in capitals may trail a little OCR dirt too: "TOP SEGRET:. poets ji".
    dirt = level_text.isupper() and all(len(t.group()) <= 5 for t in rest)
    if not extra_ok and not ((exact or dirt) and len(rest_text) <= 12):
        return None
    if rest and not extra_ok and not level_text.isupper():
        return None  # "Confidential Source": a heading, not a marking (banners are capitals)
    if level == "restricted" and (rest or "[" in text or "{" in text):
        return None  # NARA's "[RESTRICTED]" flags a withheld title, not a classification
    printed = text[tokens[0].start() : tokens[n - 1].end()]
    return Vote(level, printed, exact, index)


def _dirty_banner(text: str, index: int) -> Vote | None:
    """A banner in capitals after a little OCR dirt, counted as a damaged reading."""
    if len(text) > 32 or "SECRET" not in text and "CONFIDENTIAL" not in text:
        return None
    m = _DIRTY_BANNER_RE.fullmatch(text)
    if not m or m["dirt"].split()[-1].upper().strip("‘’'\"") in ("TOP", "T0P", "TOR"):
        return None
    return Vote(_LEVEL_OF[m["level"]], m["level"], False, index)


def classification(lines: list[Line], skip_until: int = 0) -> tuple[Vote, float, str | None] | None:
    """Vote across banner lines; returns the winning vote, a confidence and an optional note."""
    votes: list[Vote] = []
    for i, line in enumerate(lines):
        if line.start < skip_until:
            continue
        vote = banner_vote(line, i)
        if not vote and (hit := damaged_level(line.text)):
            vote = Vote(hit[0], hit[1], False, i, damaged=True)
        if vote:
            votes.append(vote)
    # Drop runs of different levels on adjacent lines: routing-slip checkbox lists, whose
    # "INTERNAL" and "USE ONLY" count as a level of their own; nearness in non-blank lines.
    rank = classmarks.ordinals(lines)
    boxes = [rank[i] for i, line in enumerate(lines) if classmarks.checkbox_internal(line.text)]
    kept: list[Vote] = []
    for v in votes:
        near = [w for w in votes if w is not v and abs(w.line - v.line) <= 3 and w.level != v.level]
        near += [w for w in votes if w.level != v.level and abs(rank[w.line] - rank[v.line]) <= 2]
        if not near and not any(abs(b - rank[v.line]) <= 2 for b in boxes):
            kept.append(v)
    if not kept:
        return None
    score: Counter = Counter()
    for v in kept:
        score[v.level] += 1.0 if v.exact else 0.4 if v.damaged else 0.5
    ranked = sorted(score, key=lambda lv: (score[lv], LEVEL_RANK[lv]), reverse=True)
    best = ranked[0]
    mine = [v for v in kept if v.level == best]
    printed = (
        Counter(v.printed for v in mine if v.exact)
        or Counter(v.printed for v in mine if not v.damaged)
        or Counter(v.printed for v in mine)
    )  # the winner is a damaged reading only when every vote for its level is one
    winner = next(v for v in mine if v.printed == printed.most_common(1)[0][0])
    exact_n = sum(v.exact for v in mine)
    confidence = 0.85 if exact_n >= 2 else 0.7 if exact_n == 1 else 0.5
    note = None
    if len(ranked) > 1 and score[ranked[1]] >= score[best] / 2:
        confidence -= 0.2
        note = f"classification: banners disagree ({', '.join(ranked[:3])})"
    elif exact_n == 0:
        note = f"classification: only OCR-damaged banners ('{winner.printed}')"
    return winner, round(confidence, 2), note


def control_markings(
    text: str, lines: list[Line], votes_lines: set[int], head_end: int
) -> list[str]:
    """Dissemination controls from banner lines and the header zone (upper case only)."""
    found: list[str] = []
    for i, line in enumerate(lines):
        if line.start > head_end and i not in votes_lines:
            continue
        if len(line.text) > 100:
            continue
        for m in CONTROL_RE.finditer(line.text):
            word = squash(m.group()).replace("TALENT-KEYHOLE", "TALENT KEYHOLE")
            word = CONTROL_CANON.get(word, word)
            if word not in found:
                found.append(word)
    return found


def crest_ids(text: str) -> tuple[str, int, int] | None:
    """Most common normalised CIA-RDP id, with its count and the number of ids seen."""
    ids: list[str] = []
    for m in CREST_LOCATOR_RE.finditer(text):
        body = re.sub(r"[ \t]", "", m.group())[7:]
        core, check = (body[:-2], body[-1]) if body[-2] == "-" else (body[:-1], body[-1])
        if len(core) != 21:
            continue
        # OCR reads 0 as O inside the digit groups; the series and suffix letters stay.
        digits = core[:2] + "|" + core[3:8] + "|" + core[9:]
        yy, job, rest = digits.replace("O", "0").split("|")
        cand = f"CIA-RDP{yy}{core[2]}{job}{core[8]}{rest}-{check}"
        if CREST_STRICT_RE.fullmatch(cand):
            ids.append(cand)
    if not ids:
        return None
    best, n = Counter(ids).most_common(1)[0]
    return best, n, len(ids)


def release_banners(text: str) -> list[tuple[object, str]]:
    """(release date, id) pairs from 'Approved For Release YYYY/MM/DD : ...' banners."""
    out = []
    for m in RELEASE_BANNER_RE.finditer(text):
        value = make_date(int(m["y"]), int(m["m"]), int(m["d"]))
        if value:
            out.append((value, m["id"].strip()))
    return out


def di_numbers(lines: list[Line]) -> list[tuple[str, bool, str]]:
    """DI publication numbers: (whitespace-normalised number, stands alone on its line, office)."""
    out = []
    for line in lines:
        if len(line.text) > 160 or "-" not in line.text:
            continue
        for m in DI_NUMBER_RE.finditer(line.text):
            yy = int(m["yy"])
            if not 47 <= yy <= 99:
                continue
            number = squash(m.group())
            alone = line.text.strip(" \t*_|") == m.group()
            out.append((number, alone, m["office"]))
    return out


def nic_numbers(text: str) -> list[str]:
    """NIC / NFAC / NIE control numbers."""
    return [squash(m.group()) for m in NIC_NUMBER_RE.finditer(text)]


# Portion marks at the head or end of paragraphs: "(S)", "(C)", "(U)", "(TS)", "(Secret - RSG)";
# not a section's letter ("Section 4(C)"). CIA's legislative counsel marks the items of its
# journal "(Unclassified - CM)", "(Internal Use Only - PLC)", "(Confidential - PG)".
_PORTION_RE = re.compile(
    r"(?<![\w(])\((?:(?P<short>TS|S|C|U)(?:/[A-Z]{2,8})?"
    r"|(?P<word>Top[ \t]Secret|Secret|Confidential|Unclassified|Internal[ \t]Use[ \t]Only)"
    r"(?:[ \t]?[-–][ \t]?[A-Z]{2,4})?)\)"
)
_PORTION_LEVEL = {
    "TS": "top_secret", "S": "secret", "C": "confidential", "U": "unclassified",
    "TOP SECRET": "top_secret", "SECRET": "secret", "CONFIDENTIAL": "confidential",
    "UNCLASSIFIED": "unclassified", "INTERNAL USE ONLY": "official_use_only",
}  # fmt: skip


def portion_marks(lines: list[Line]) -> tuple[str, int, int] | None:
    """The highest of at least two portion marks: (level, line index of one, count)."""
    seen: list[tuple[str, int]] = []
    for i, line in enumerate(lines):
        for m in _PORTION_RE.finditer(line.text):
            key = (m["short"] or " ".join(m["word"].split())).upper()
            seen.append((_PORTION_LEVEL[key], i))
    if len(seen) < 2:
        return None
    level, index = max(seen, key=lambda item: LEVEL_RANK[item[0]])
    return level, index, len(seen)


# The document saying its own level: "This document classified SECRET by ...", "This report is
# being classified "confidential" since ...", "The above letterhead memo is classified ...".
# An FBI airtel says it of the LHM it encloses: "Enclosed LHM has been classified "Confidential"",
# "The accompanying letterhead memorandum is classified confidential because ...".
_STATEMENT_RE = re.compile(
    r"(?i)\b(?:this|the[ \t]above|the[ \t]attached|the[ \t]enclosed|(?-i:E)nclosed"
    r"|a?ccompanying)[ \t\n]+"
    r"(?:[a-z]+[ \t\n]+){0,2}?"
    r"(?:document|memorandum|memo|report|letter|airtel|communication|message|cable|LHM)[ \t\n]+"
    r"(?:(?:is|has[ \t]been|was)[ \t\n]+)?(?:being[ \t\n]+)?classified[ \t\n]+[\"“'‘]?"
    r"(?P<level>top[ \t]secret|secret|confidential)\b"
)


def classified_statement(text: str) -> tuple[str, int, int] | None:
    """The level a document states it is classified at: (level, start, end)."""
    m = _STATEMENT_RE.search(text)
    if not m:
        return None
    return " ".join(m["level"].lower().split()).replace(" ", "_"), m.start(), m.end()
