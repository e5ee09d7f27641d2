"""Classification banners OCR damaged past the plain reading: split, garbled or cut short.

A banner stamped or struck through (the Clinton library strikes every marking out, CIA and State
stamps are inked unevenly) comes out of OCR as one or a few capitals on a line of their own:
split inside the word ("CONF IOENTIAL", "SECRE T", "CON LPENT TAL 2"), its middle letters
garbled ("SEGHET", "SESHET", "CONEELBENTEAL", "GONEEDENTIAR") or cut short ("SEGRE"). Such a
line is read as the level whose shape it keeps: its first letters, its length and most of its
letters. Words of the language that come as near are not banners.
"""

import re

from .patterns import levenshtein

# Rules, bars, brackets and page numbers around a banner ("—~CERCRET", "-CONELTDEMP EAL 2").
_EDGE = " \t-~—–_|*=.:;,!?'‘’\"`°•©€«»()[]{}<>+¢#0123456789"
_CONFIDENTIAL_ENDS = ("AL", "AT", "AE", "AY", "AD", "AR", "AS", "AP", "AN")
_WORD_RE = re.compile(r"[A-Z]+")
# Words of the language as near SECRET or CONFIDENTIAL as a damaged banner is.
_NOT_BANNERS = frozenset(
    {
        "SECURE", "SELECT", "SECRETE", "SECRETS", "SEVERE", "SCREEN", "STREET", "SACRED",
        "SERIES", "SEVER", "SEVEN", "SECTS", "SENATE", "SECTOR", "SEWER", "SETTER",
        "CONFIDENCE", "CONTINENTAL", "CONFIDENTLY", "CONFIDENTIALITY", "CONFERENCE",
        "CONTINENTALS", "CONFIDENCES", "CONFIDANTE", "COINCIDENTAL", "CONFIDENTIALLY",
        "CONVENTIONAL", "CONSEQUENTIAL", "SECRECY",
    }
)  # fmt: skip


def _word(text: str) -> str | None:
    """The capitals of a line that holds one word, maybe split in up to three pieces, and
    maybe a page number or one stray letter after it; None for any other line."""
    core = text.strip().strip(_EDGE)
    pieces = core.split()
    if len(pieces) > 1 and len(pieces[-1].strip(_EDGE)) <= 1:
        pieces = pieces[:-1]  # "CON LPENT TAL 2", "SECRET C"
    pieces = [p.strip(_EDGE) for p in pieces]
    if not 1 <= len(pieces) <= 3 or not all(p and _WORD_RE.fullmatch(p) for p in pieces):
        return None
    return "".join(pieces)


def _secret_like(word: str) -> bool:
    return (
        5 <= len(word) <= 7
        and word.startswith("SE")
        and not word.startswith(("SECD", "SECU"))  # SECDEF (Secretary of Defense), SECURE
        and word not in _NOT_BANNERS
        and levenshtein(word, "SECRET", 3) <= 2
    )


def damaged_level(text: str) -> tuple[str, str] | None:
    """(level, printed) for a line that is a banner too damaged for the plain reading."""
    if len(text) > 40:
        return None
    word = _word(text)
    if not word or word in _NOT_BANNERS:
        return None
    printed = text.strip().strip(_EDGE)
    if word[:3] in ("TOP", "TOR") and _secret_like(word[3:]):
        return "top_secret", printed
    if _secret_like(word):
        return "secret", printed
    if 10 <= len(word) <= 14 and word[0] in "CG" and word[1] == "O":
        distance = levenshtein(word, "CONFIDENTIAL", 5)
        # Five letters off only when its middle and end keep the shape: "CONFERENELAT",
        # "CONEELBENTEAL", "CONABENHAL" (not CONFISCATA, CONTENTION, CONFEDERATION).
        shaped = "EN" in word[4:10] and (word.endswith(_CONFIDENTIAL_ENDS) or word[-1] == "A")
        if distance <= 4 or distance == 5 and shaped:
            return "confidential", printed
    return None


# A portion mark the library struck through, at the end of its paragraph: "(S)" comes out as
# "+6}", "~—S-", "<&}", "¢S", "+s}"; "(C)" as "+€}", "—(€}", "-~€>". The rule through it turns
# the brackets into +, <, ¢, }, > and dashes. Its letter says the level when it is S-shaped
# (S, s, $, §, 5, 8) or €; 6 and & come from either.
_STRUCK_RE = re.compile(
    r"(?:^|(?<=\s))[-+<¢({~—–«“\"'#*]{1,3}(?P<letter>[Ss6&$8§5€])[-+}>)~—–.»”\"*]{0,3}[ \t]*$"
)
_STRUCK_SECRET = frozenset("Ss$§58")


def struck_marks(lines: list[str]) -> tuple[str, int, int] | None:
    """The level of struck-through portion marks ending paragraphs: (level, index of one
    line, number of marks), from at least two marks of which some have a telling letter."""
    secret, confidential, seen = [], [], 0
    for i, text in enumerate(lines):
        if len(text) > 200 or not (m := _STRUCK_RE.search(text)):
            continue
        seen += 1
        if m["letter"] in _STRUCK_SECRET:
            secret.append(i)
        elif m["letter"] == "€":
            confidential.append(i)
    if seen < 2 or not (secret or confidential):
        return None
    # Both letters seen: the commoner (a paragraph marked (C) beside one marked (S) is as
    # likely as OCR reading one struck letter for the other); a tie goes to the higher.
    if len(secret) >= len(confidential):
        return "secret", secret[0], seen
    return "confidential", confidential[0], seen


# A CIA information report heads each page with the label "CLASSIFICATION — DISSEMINATION
# CONTROLS" and types the level under it, often letter by letter: "S-E-C-R-E-T",
# "C-O-N-F-I-D-E-N-T=I-A-L NO FOREIGN DISSEM", "CONFIDENTIAL NOFORN/CONTINUED CONTROL".
_REPORT_LABEL_RE = re.compile(r"(?i)CLASS\w{5,12}\W{1,6}DISSEM\w*\W{0,3}CONTROLS")
# Letters typed one by one with hyphens between ("S-E-C-R-E-T", OCR's "S-E-O RET").
_SPELLED_RE = re.compile(r"(?<![A-Za-z])[A-Z](?:[ \t]?[-=][ \t]?[A-Z](?![a-z]))+")
_CONTROLS_RE = re.compile(r"(?i)[ \t/]+(?:NO[ \t]?FOR|NOFOR|NO[ \t]DISSEM|CONTIN|CONTROL).*$")


def report_line(text: str) -> str:
    """The line under an information report's classification label, letters joined and its
    dissemination controls cut off: what is left is the level as typed."""
    text = _SPELLED_RE.sub(lambda m: re.sub(r"[^A-Z]", "", m.group()), text)
    return _CONTROLS_RE.sub("", text).strip()


def report_levels(lines: list[str], read) -> list[tuple[str, int]]:
    """(level, line index) under each information-report classification label; read(text)
    gives the level of the line as cleaned by report_line, or None."""
    found = []
    for i, text in enumerate(lines):
        if len(text) > 80 or not _REPORT_LABEL_RE.search(text):
            continue
        for j in range(i + 1, min(i + 4, len(lines))):
            if lines[j].strip():
                cleaned = report_line(lines[j])
                if cleaned and len(cleaned) <= 40 and (level := read(cleaned)):
                    found.append((level, j))
                break
    return found
