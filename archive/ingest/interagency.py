"""The addressee of a memorandum between the CIA and the FBI, typed as a block of its own.

The CIA's letterhead memoranda to the Bureau type their addressee as a block of its own
("Director" / "Federal Bureau of Investigation" / "Attention: Mr. S. J. Papich"), which OCR
often sets apart from its TO label (the labels in one column, the values after them, or a
declassification stamp between). A CIA document's "Director" over "Federal Bureau of
Investigation" in its header, under a TO or MEMORANDUM FOR label or over an Attention line,
is whom it is addressed to (the CIA never signs as the Bureau's Director). The Bureau's letters
to the Agency do the same the other way ("To:" / "Director" / "Central Intelligence Agency" /
"Attention: Deputy Director, Plans").
"""

import re

from .originators import CIA, FBI

BUREAU = "Director, Federal Bureau of Investigation"
AGENCY = "Director, Central Intelligence Agency"
_DIRECTOR_RE = re.compile(r"^\W{0,3}Director\W{0,3}$")
# The other agency's name under "Director", by the sending agency: (its line, the addressee).
_OTHER = {
    CIA: (re.compile(r"^\W{0,3}Federal[ \t]+Bureau\b"), BUREAU),
    FBI: (re.compile(r"^\W{0,3}Central[ \t]+Intelligence[ \t]+Agency\b"), AGENCY),
}
_LABEL_RE = re.compile(r"(?i)^\W{0,3}(?:TO\b|MEMORANDUM[ \t]+(?:FOR|TO)\b)")
_ATTENTION_RE = re.compile(r"(?i)^\W{0,3}(?:Attention|ATTN)\b")
# The body's first numbered paragraph: the header is over.
_PARAGRAPH_RE = re.compile(r"^\W{0,3}1\.[ \t]+[A-Z]")


def addressee(ctx, out) -> None:
    """The FBI's Director for a CIA memorandum (the CIA's for an FBI one) whose header types
    him as a block, where no other rule named an addressee (or named only "Director")."""
    other = _OTHER.get(out.values.get("agency"))
    if other is None or out.values.get("recipient") not in (None, "Director"):
        return
    name_re, whom = other
    # Blank lines and stamps OCR set inside the block are passed over.
    own = [i for i in range(ctx.lo, min(len(ctx.lines), ctx.lo + 90)) if ctx.lines[i].text.strip()]
    texts = [ctx.lines[i].text.strip() for i in own]
    for k, text in enumerate(texts):
        if _PARAGRAPH_RE.match(text):
            return
        if not _DIRECTOR_RE.match(text) or not name_re.match("".join(texts[k + 1 : k + 2])):
            continue
        labelled = any(_LABEL_RE.match(t) for t in texts[max(0, k - 8) : k])
        attention = any(_ATTENTION_RE.match(t) for t in texts[k + 2 : k + 5])
        if labelled or attention:
            line = ctx.lines[own[k]]
            # A bare "Director" the header reader took from the block's first line is extended.
            conf = max(0.69, out.confidence.get("recipient", 0) + 0.01)
            out.offer("recipient", whom, conf, span=(line.start, line.end), rule="director-block")
            return
