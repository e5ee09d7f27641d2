"""Last resorts for a document's date that fill gaps the other readers leave, each tried only
while nothing else dated the document (datefallbacks.LAST_RESORTS).

- `label_below`: a DATE (or DATED) label standing alone on its line, its date on the next
  line, as OCR reads a form's box or a signature block column by column ("Signed: ... /
  Dated: / 10 July 1972", "Date: / 4/4/61"), wherever in the document it stands (a
  questionnaire's signature block falls on its last page).
"""

import re

from .datelines import date_only, stamp_form
from .dates import FoundDate
from .patterns import Line

# The label alone: "Date:", "DATED", "Date :" (OCR dirt around it allowed, nothing else).
_LABEL_RE = re.compile(r"(?i)^\W{0,3}DATED?\W{0,3}$")
_LOOK_BELOW = 4  # lines below the label that may hold its value (blank lines between)


def label_below(lines: list[Line], lo: int, hi: int) -> tuple[FoundDate, int] | None:
    """The date on the first non-empty line below a DATE label standing alone on its line."""
    for j in range(lo, hi):
        if not _LABEL_RE.match(lines[j].text):
            continue
        below = next(
            (k for k in range(j + 1, min(hi, j + 1 + _LOOK_BELOW)) if lines[k].text.strip()),
            None,
        )
        if below is None:
            continue
        text = lines[below].text
        if len(text.strip()) <= 30 and not stamp_form(text) and (found := date_only(text)):
            return found, below
    return None


# The last resorts here, as datefallbacks.LAST_RESORTS lists them: (finder, rule, confidence,
# whether a reviewer's stamp could be what it found).
LAST_RESORTS = ((label_below, "label-below-date", 0.6, True),)
