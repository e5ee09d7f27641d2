"""The document's date on a NARA identification form whose two columns OCR read apart.

On some forms (the Army's INSCOM records among them) OCR gives the printed labels first and
the typed values after them, so the reader pairs DATE with the wrong value: the date of the
last review or the date the form was printed ("05/08/98"), from the years the Review Board
worked (1993 on). The document's own date is then the first date typed among the values,
between the record number and that review-era date ("06/21/68").
"""

import re

from . import dates, rif

REVIEW_ERA = 1993  # the Assassination Records Review Board's first year of reviews
_NUMERIC_RE = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})(?![\d/])")


def document_date(text: str, fields: dict, item) -> tuple[tuple | None, tuple[int, int], str]:
    """The form's DATE as ((date, precision), span, rule): its own value ("form"), or the
    first earlier date among the values when its own is a review-era date the columns
    misplaced ("form-first-value")."""
    found = rif.form_date(item)
    span = (item.start, item.end)
    if not found or found[0].year < REVIEW_ERA:
        return found, span, "form"
    number = fields.get("record_number")
    lo = number.end if number and number.end <= item.start else item.start
    m = _NUMERIC_RE.search(text, lo, item.start)
    value = m and dates.make_date(dates.year4(m[3]), int(m[1]), int(m[2]))
    if not value or value.year >= REVIEW_ERA:
        return found, span, "form"
    return (value, "day"), (m.start(), m.end()), "form-first-value"
