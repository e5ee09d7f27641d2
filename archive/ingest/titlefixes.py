"""The SUBJECT caption where the label reading found no value beside its label, so the title
was composed from the document's parts (or left empty).

- `subject-below`: a memorandum's SUBJECT label stands alone on its line ("SUBJECT:",
  "SUBJECT: •", "SUBJECT." on an information report, the routing sheet's "SUBJECT: (Optional)")
  and OCR set the caption on the lines below it, one phrase a line with blank lines between
  ("SUBJECT:" / "Senators Church" / "and Schweiker News Conference" / "Concerning Release of
  Senate Select Committee"). The label reading skips such a label when a bare label stands
  next to it, taking it for a column of labels whose values OCR set elsewhere; but a
  MEMORANDUM FOR THE RECORD line is a heading that takes no value, not such a column. The
  caption is the first line below that reads as a caption (no label, no numbered paragraph,
  no sentence), and the lines after it while they continue it: in title case ("Concerning
  Release of ..."), or after a line left hanging on "of", "and" or a comma. A caption below
  a label in a column of bare labels (MEMORANDUM FOR: / FROM: / SUBJECT:) is not taken: there
  the first value below is the addressee's. On an information report the next box, OCR set
  on the caption's line or between the label and the caption ("DATE DISTR. 26 NOVEMBER 1962",
  "NO. PAGES 88"), is cut off. (A dispatch's subject box is cableparties' reading.)
- `subject-garbled-far`: a memorandum's SUBJECT label OCR garbled by three letters
  ("SURJISCT:", "SUtvPCT:", "SUBJKHCTs", "suuect."), its colon read as a letter or a dash
  ("SUBJECT t Spencer O. TERTELING", "SUBJECT - REVIVAL OF ..."), or led by dirt from the
  page's edge ("a an] SUBJECT: ..."), past what labels.py reads. Not "Subject; born ...": a
  report's person in its running text, the word whole and a small letter after it. Taken in
  the head only: among the document's first lines, before its first numbered paragraph.
"""

import re

from . import labels
from .patterns import Line, levenshtein, reads_cleanly, squash, trim_junk

# A SUBJECT label with no value beside it: bare, or with a printed "(Optional)" or OCR dirt.
_BARE_RE = re.compile(r"^\W{0,4}(?:SUBJECT|Subject|SUBJ)\W{0,4}(?:\(?Opt[a-z]{3,6}\)?\W{0,2})?$")
# A line that opens the body or another part, not a caption's continuation.
_STOP_RE = re.compile(
    r"^\W{0,3}(?:Re(?=[ \t:,.])|RE(?=[ \t:,.])|Ref(?:erence)?s?\b|REF|The[ \t]|This[ \t]"
    r"|On[ \t]|In[ \t]|Attached|Enclosed|Attention|ATTENTION|Purpose|Background|Summary"
    r"|Discussion|Introduction|\d{1,2}[.,)]|[a-h][.)][ \t])"
)
# A date alone, a file or control number alone: no caption.
_DATE_OR_NUMBER_RE = re.compile(
    r"^\W*(?:\d{1,2}[ \t]+[A-Z][a-z]{2,8}\.?[ \t]+\d{2,4}|[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2},?[ \t]+"
    r"\d{4}|[\d\s/#.:-]+)\W*$"
)
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’-]*")
# A caption's line that cannot end it: a preposition, an article, a conjunction, a comma.
_DANGLING_RE = re.compile(
    r"(?i)(?:\b(?:of|on|to|the|and|for|with|regarding|concerning|in|at|by|from|a|an|re|or)"
    r"|[-–—,/&])[ \t]*$"
)
_SMALL = {"of", "on", "to", "the", "and", "for", "with", "in", "at", "by", "from", "a", "an"}
_LOOK = 80  # own lines of the head searched for the label
# The next box of an information report, OCR set on the caption's line ("Policy Guidance
# Directives for   DATE DISTR. 19 November 1964", "in El Salvador   NO. PAGES 8").
_COLUMN_RE = re.compile(r"[ \t,]*\b(?:DATE[ \t]+DISTR|NO\.?[ \t]+PAGES|REFERENCES?[ \t]*:)\b.*$")


def _raw(ctx, j: int) -> str:
    """A line's text with the next box of the form cut off, its end kept as OCR gave it."""
    return _COLUMN_RE.sub("", ctx.lines[j].text).strip()


def _line(ctx, j: int) -> str:
    """A line's text, trimmed, the next box of the form cut off."""
    return trim_junk(_COLUMN_RE.sub("", ctx.lines[j].text))


def _own(ctx) -> list[int]:
    """The document's own non-empty lines of its head (no stamps, no form)."""
    hi = min(len(ctx.lines), ctx.lo + 200)
    return [
        i
        for i in range(ctx.lo, hi)
        if not ctx.noise(i) and any(c.isalnum() for c in ctx.lines[i].text)
    ][:_LOOK]


def _bare_label(line: Line) -> bool:
    """A header label with no value beside it (MEMORANDUM FOR THE RECORD takes none)."""
    hit = labels.label_of(line)
    return bool(hit) and hit[0] != "MEMORANDUM FOR THE RECORD" and not trim_junk(hit[1])


def _title_case(text: str) -> bool:
    """Most of the line's longer words capitalised, as a caption's words are."""
    words = [w for w in _WORD_RE.findall(text) if len(w) >= 4 or w.lower() not in _SMALL]
    long = [w for w in words if len(w) >= 3]
    if not long:
        return False
    capital = sum(1 for w in long if w[0].isupper())
    return capital * 2 > len(long) and (words[0][0].isupper() or words[0] in _SMALL)


def _caption_line(text: str, clean: bool = True) -> bool:
    """A line that can be (part of) a caption: no sentence, no number alone, clean words."""
    value = trim_junk(text)
    words = _WORD_RE.findall(value)
    return (
        len(value) <= 90
        and sum(len(w) >= 3 for w in words) >= 1
        and not labels.is_prose(value)
        and not _DATE_OR_NUMBER_RE.match(value)
        and not labels.FORM_CAPTION_RE.search(value)
        and labels.plausible_caption(value)
        and (reads_cleanly(value) or not clean)
    )


def _continues(prev: str, text: str) -> bool:
    """Whether a line goes on with the caption read so far."""
    value = trim_junk(text)
    if _STOP_RE.match(value) or not _caption_line(value, clean=False):
        return False
    if labels.OFFICIAL_TITLE_RE.match(value):
        return False  # "Chief, WH Division": an address block's line
    if _DANGLING_RE.search(prev.rstrip(" \t:;|")):
        return True
    if prev.isupper():
        return False  # a caption in capitals goes on only where its line was left hanging
    many = len(_WORD_RE.findall(value)) >= 2 or value[:1].islower()
    return many and _title_case(value)


def _run_on(ctx, parts: list[str], last: int, after: list[int]) -> tuple[str, int]:
    """The caption with the lines that continue it: its text and its last line."""
    for j in after:
        text = _line(ctx, j)
        if labels.label_of(ctx.lines[j]) or not _continues(_raw(ctx, last), text):
            break
        if not reads_cleanly(" ".join([*parts, text])):
            break
        parts.append(text)
        last = j
    return squash(" ".join(parts)), last


def subject_below(ctx) -> tuple[str, int, int] | None:
    """The caption under a bare SUBJECT label: (value, first line, last line)."""
    own = _own(ctx)
    for k, i in enumerate(own):
        text = ctx.lines[i].text
        if labels.PARA_RE.match(text):
            return None  # the body began: a header label stands above it
        if not _BARE_RE.match(text.strip()) and not (
            (hit := labels.label_of(ctx.lines[i])) and hit[0] == "SUBJECT" and _bare_value(hit[1])
        ):
            continue
        before = own[k - 1] if k else None
        if before is not None and _bare_label(ctx.lines[before]):
            return None  # a column of bare labels: its values stand elsewhere
        rest = [j for j in own[k + 1 : k + 8] if any(c.isalpha() for c in _line(ctx, j))]
        if not rest or labels.label_of(ctx.lines[rest[0]]):
            return None
        first = _line(ctx, rest[0])
        if _STOP_RE.match(first) or not _caption_line(first) or len(_WORD_RE.findall(first)) < 2:
            return None
        if labels.NOT_CAPTION_RE.search(first) or labels.OFFICIAL_TITLE_RE.match(first):
            return None
        value, last = _run_on(ctx, [first], rest[0], rest[1:4])
        return value, rest[0], last
    return None


def _bare_value(inline: str) -> bool:
    """The value beside a SUBJECT label is none: empty, a bullet, a printed "(Optional)"."""
    value = trim_junk(inline)
    return not value or labels.is_noise(value) or bool(re.match(r"^\(?Opt[a-z]{3,6}\)?$", value))


# A SUBJECT label OCR garbled (a word within three letters of SUBJECT, its colon read as "s"
# or lost), after at most a few characters of dirt from the page's edge.
_FAR_RE = re.compile(
    r"^[^A-Z\n]{0,8}?(?<![A-Za-z])(?P<word>[Ss][A-Za-z]{4,8}?)"
    r"(?:[:;.]|s[:;]?|[ \t]*[?_]+|[ \t]+[-–=t][ \t]+)[ \t]*(?P<v>[A-Za-z(\"'‘][^\n]{5,})$"
)


_NOT_SUBJECT = (
    "SUBJECTS",
    "SOURCE",
    "SECRET",
    "SUMMARY",
    "STATUS",
    "STREET",
    "SELECT",
    "SUBSEQUENT",
)


def garbled_far(ctx) -> tuple[str, int, int] | None:
    """A SUBJECT line whose label OCR garbled by three letters or led by dirt, in the head."""
    own = _own(ctx)
    for i in own[:40]:
        text = ctx.lines[i].text.strip()
        m = _FAR_RE.match(text)
        word = m["word"].upper() if m else ""
        if not word.endswith(("CT", "T")) or word in _NOT_SUBJECT:
            m = None
        if not m or levenshtein(word, "SUBJECT", 3) > 3:
            if labels.PARA_RE.match(text):
                return None  # the body began
            continue
        value = trim_junk(_COLUMN_RE.sub("", m["v"])).strip("‘’“”")
        if value[:1].islower() and levenshtein(word, "SUBJECT", 3) < 2:
            continue  # "Subject; born ...": the person a report is about, in its prose
        k = own.index(i)
        first = value
        value, last = _run_on(ctx, [first], i, own[k + 1 : k + 3])
        clean = len(first) <= 90 and reads_cleanly(first)
        if clean and not _DATE_OR_NUMBER_RE.match(value) and labels.plausible_caption(value):
            return value, i, last
        return None
    return None


_FAMILIES_OWN_BOX = ("cia_dispatch",)  # the dispatch's subject box: cableparties reads it


def refine(ctx, out) -> None:
    """A caption from a bare or garbled SUBJECT label, where the title was composed or none
    was read (see the module docstring)."""
    if out.rules.get("title") not in (None, "composed") or "subject" in out.values:
        return
    if ctx.family.name in _FAMILIES_OWN_BOX:
        return
    for rule, reader in (("subject-below", subject_below), ("subject-garbled-far", garbled_far)):
        if hit := reader(ctx):
            value, first, last = hit
            span = (ctx.lines[first].start, ctx.lines[last].end)
            out.values["title"] = value
            out.confidence["title"] = 0.6
            out.rules["title"] = rule
            out.sources["title"] = span
            out.rivals.pop("title", None)
            return
