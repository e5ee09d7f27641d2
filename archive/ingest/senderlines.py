"""The lines of a memo header's FROM block that name the sender: a name and a title at most.

OCR often sets a blank line between every two lines of a header ("FROM" / ":" / "Norbert A.
Shepanek" / "Policy and Coordination Staff,"). The line after the blank is the sender's title
or unit when it reads as one (title-case words, an office symbol); otherwise it is the next
box of the form or OCR debris ("REPORTING OFFICER", "Time of calls: 5:00 p.m").
"""

import re

# "SAC, DALLAS" is whole: the line after it is the caption.
_FBI_PARTY_START_RE = re.compile(r"^\W{0,3}(?:SAC|ASAC|LEGAT|Legat|DIRECTOR|Director),")
# A line that is not a title: the caption, a labelled line, a lone lower-case word (debris).
_NOT_SENDER_RE = re.compile(r"(?i)SUBJECT|\bAKA\b|\bCHANGED\b|\bIS[ \t]?-|\w:\s|(?-i:^[a-z]+\W?$)")
# A line with no word ("16-6"), and "File" set under FROM by a form that stacks its labels
# ("TO" / "DATE:" / "FROM" / "File" / "Chief, Alien Affairs Staff"): the addressee's value.
_WORDS_RE = re.compile(r"[A-Za-z]{2}")
_FILE_RE = re.compile(r"^\W{0,2}Files?\W{0,2}$")
# A title or unit line read past a blank: an office symbol ("SA/DO/O", "OS/ EAB"), or
# title-case words with the small words between them ("Policy and Coordination Staff,").
_SMALL = r"(?:of|and|for|the|&)"
_WORD = r"(?:[A-Z][a-z]+|[A-Z]{2,5}(?:/[A-Z0-9&]{1,8})*)"
_UNIT_LINE_RE = re.compile(
    r"^\W{0,2}(?:[A-Z]{1,5}(?:[ \t]?/[ \t]?[A-Z0-9&]{1,8}){1,4}"
    rf"|{_WORD}(?:[ \t]*,?[ \t]+(?:{_WORD}|{_SMALL}))+)[,.]?$"
)


def sender_lines(raw: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The (column, text) lines of a FROM block that name the sender (gap markers, offset -1,
    are where OCR set a blank line)."""
    at = [k for k, e in enumerate(raw) if e[0] >= 0 and _WORDS_RE.search(e[1])]
    at = at[1:3] if at and _FILE_RE.match(raw[at[0]][1]) else at[:2]
    lines = [raw[k] for k in at]
    if not lines or _FBI_PARTY_START_RE.match(lines[0][1]):
        return lines[:1]
    if len(lines) > 1:
        gap = at[1] > at[0] + 1
        if _NOT_SENDER_RE.search(lines[1][1]) or gap and not _UNIT_LINE_RE.match(lines[1][1]):
            return lines[:1]
    return lines
