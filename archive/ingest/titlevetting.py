"""Captions read from the wrong place: given up, so that the title is composed from the parts.

A finder that takes "the line after SUBJECT" or "the capitals at a page's head" sometimes takes a
line that is no caption of this document. These shapes never are one, in any family:

- a fragment of a caption broken at a line break: it opens with a lowercase joining word
  ("on Bosnia", the rest of the caption sits above the SUBJECT label) or is a few words
  ending with one ("Annexure I to", a heading that goes on to name the report it is attached
  to; a longer caption so cut is mostly there and is kept);
- a value that opens a parenthesis and never closes it ("(GERMAN", half of a form's "(GERMAN
  DEMOCRATIC REPUBLIC)" split over two lines; a parenthesis inside a caption is a cryptonym's
  or a redaction's and is kept);
- the ATTENTION line of a memorandum's address block ("ATTENTION: Mr. Whitsnar", OCR'd
  "Attestions"): it names who is to read the memo, not what it is about;
- a cable's reference to an earlier cable ("RE: BRLN 5267 (IN 90848)"): a station and a
  message number name another document;
- another header label taken as the value of an empty one ("SUBJ:" then "TEXT:" in a blank
  cable template);
- a soldier's rank and service number ("Capt, 0-168853 (USAR)"), the second line of an Army
  agent report's subject box, under the name;
- the document's addressee or sender read from the SUBJECT line ("Directox, FBI" under "TO:
  Director, FBI"): an office memorandum OCR'd column by column puts the TO and FROM values
  after the SUBJECT label;
- a declassification stamp's word ("Declassify"), a date range ("March - April 1971", an
  information report's DOI box), or the tail of the SUBJECT label itself ("JECT: aM").

A CIA information report's SUBJECT box shares its lines with the DATE DISTR. box: a caption
that runs on into "DATE DISTR." is cut there (rule "<rule>-cut-at-label").

The value is dropped (its reading stays in the field's note) and the title is composed from the
document's type, parties and date instead, as for a document without a caption.
"""

import re
from difflib import SequenceMatcher

from .captions import compose_title

# A joining word that cannot open or close a caption: the caption was cut at a line break.
_JOIN = r"(?:and|of|for|the|to|by|in|on|at|with|from|or)"
_OPENS_CUT_RE = re.compile(rf"^{_JOIN}\b")
_ENDS_CUT_RE = re.compile(rf"(?i)\b{_JOIN}\W*$")
# A longer caption ending with a joining word is mostly right: the rest is on the next line.
SHORT = 4
# The ATTENTION line (OCR: "Attestions", "ATTENTION 4", "Attn:").
_ATTENTION_RE = re.compile(r"(?i)^\W*(?:att[a-z]{2,4}ions?|attn)\b")
# A cable reference: a station or office code and a message number, nothing else.
_CABLE_REF_RE = re.compile(
    r"^\W*(?:REFS?|RE)?\W*[A-Z]{3,6}[ \t]+\d{3,6}(?:[ \t]*\((?:IN|OUT)[ \t]+\d{3,7}\))?\W*$"
)
# Header labels of memoranda and cables, which never caption a document on their own.
_LABELS = {
    "TEXT", "SUBJ", "SUBJECT", "INFO", "FROM", "TO", "DATE", "REF", "REFS", "CLASS", "PREC",
    "ORIG", "DTG", "MEMORANDUM FOR", "ATTENTION", "THRU", "VIA", "CITE",
}  # fmt: skip
# A rank and a service number ("Capt, 0-168853 (USAR)", "SP5, RA10812694").
_RANK_RE = re.compile(
    r"(?i)^\W*(?:capt|cpt|lt|1lt|2lt|maj|col|ltc|sgt|ssg|msg|sfc|cpl|pfc|pvt|sp\d)\b\W+"
    r"(?:[A-Z]{0,2}[\dO]-?\d{5,}|[A-Z]{2}\d{6,})"
)

_STAMP_RE = re.compile(r"(?i)^\W*(?:declassi\w*|classified|exempt\w*)\W*$")
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DATE_RANGE_RE = re.compile(
    rf"(?i)^\W*(?:\d{{1,2}}[ \t]+)?{_MONTH}(?:[ \t]+\d{{1,2}})?,?(?:[ \t]+\d{{4}})?[ \t]*"
    rf"[-\u2013][ \t]*(?:\d{{1,2}}[ \t]+)?{_MONTH}(?:[ \t]+\d{{1,2}})?,?[ \t]+\d{{4}}\W*$"
)
_LABEL_TAIL_RE = re.compile(r"^\W*(?:S?UB)?J?ECT\W*:")
# The DATE DISTR. box of an information report, run into the SUBJECT box's line.
_DISTR_RE = re.compile(r"[ \t,]*\bDATE[ \t]+DISTR\b.*$", re.I)


def _letters(text: str) -> str:
    """The lowercase letters of a text, for comparing two readings of one line."""
    return re.sub(r"[^a-z]", "", text.lower())


def is_party(title: str, parties: list) -> bool:
    """The caption is the addressee or the sender read again (OCR'd letters aside)."""
    mine = _letters(title)
    if len(mine) < 6:
        return False
    for party in parties:
        theirs = _letters(party) if isinstance(party, str) else ""
        # A party much longer than the caption has swallowed it (the party is wrong there).
        if not theirs or len(mine) * 3 < len(theirs) * 2:
            continue
        if mine in theirs or SequenceMatcher(None, mine, theirs).ratio() >= 0.85:
            return True
    return False


def wrong_place(title: str) -> str | None:
    """Why a caption was read from a place that holds no caption (module docstring), else None."""
    text = title.strip()
    if _OPENS_CUT_RE.match(text) or (len(text.split()) <= SHORT and _ENDS_CUT_RE.search(text)):
        return "a caption cut at a line break"
    if text.startswith("(") and ")" not in text:
        return "a parenthesis never closed"
    if _ATTENTION_RE.match(text):
        return "the ATTENTION line"
    if _CABLE_REF_RE.match(text):
        return "a reference to another cable"
    if text.rstrip(":. ").upper() in _LABELS:
        return "a header label"
    if _RANK_RE.match(text):
        return "a rank and service number"
    if _STAMP_RE.match(text):
        return "a declassification stamp"
    if _DATE_RANGE_RE.match(text):
        return "a date range"
    if _LABEL_TAIL_RE.match(text):
        return "the SUBJECT label's tail"
    return None


def vet(ctx, out) -> None:
    """Drop a caption read from a place that holds none; compose the title from the parts."""
    title, rule = out.values.get("title"), out.rules.get("title")
    if not isinstance(title, str) or rule in (None, "", "composed"):
        return
    cut = _DISTR_RE.sub("", title).strip(" ,.")
    if _DISTR_RE.search(title) and len(cut.split()) >= 2:
        out.values["title"], out.rules["title"] = cut, f"{rule}-cut-at-label"
        title, rule = cut, out.rules["title"]
    why = wrong_place(title)
    parties = [out.values.get("recipient"), out.values.get("sender")]
    if not why and rule.startswith("subject") and is_party(title, parties):
        why = "the document's addressee or sender"
    if not why:
        return
    for store in (out.values, out.confidence, out.sources, out.rules, out.field_notes):
        store.pop("title", None)
    out.rivals.pop("title", None)
    note = f"title: {title!r} ({rule}) reads as {why}, not a caption"
    composed = compose_title(out.values, ctx.family.document_type)
    parts = [out.confidence[k] for k in ("sender", "recipient", "date") if k in out.values]
    if composed and parts:
        out.offer("title", composed, min(parts), note, rule="composed")
    else:
        out.notes.append(note)
