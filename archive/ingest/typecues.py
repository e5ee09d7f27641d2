"""Document types a family's default names wrongly.

`families` gives each family one document type. The Army's family (`military_memo`) covers
every paper of an Army office: its memoranda (headed "MEMORANDUM FOR ..." or "MEMORANDUM FOR
RECORD"), but also its military letters (a file reference, SUBJECT and TO, numbered
paragraphs, no MEMORANDUM heading), its annexes, summaries and staff papers. Without a
memorandum's heading (or the Standard Form 64's "Office Memorandum") the family's
"Memorandum" is a guess: no type is given, the family stands.

Each cue names its rule (`Recognition.cue`), so calibration measures it apart.
"""

import re

from . import families, familycues
from .families import ARMY, Recognition

# A memorandum's own word anywhere in the head, OCR's one wrong letter allowed ("MEYORANDUM"),
# cut ("MEMORAN-"), spaced ("M E M O"), or a JCS memorandum's number ("JCSM-123-63").
MEMO_WORD_RE = re.compile(
    rf"(?i)\b(?:{families._MEMO_OCR}|MEMORAN\w{{0,4}}|JCSM)\b|M[ \t]E[ \t]M[ \t]O\b"
)
TOP = 4000  # the head's first page or so, where a Standard Form 64 prints its title


def refine(found: Recognition, agency: str | None, head: str) -> Recognition:
    """The family's type a house convention corrects (see the module's docstring)."""
    army = found.name == "military_memo" and agency == ARMY and not found.cue
    guessed = found.document_type == "Memorandum" and not MEMO_WORD_RE.search(head)
    if army and guessed and not familycues.SF64_RE.search(head[:TOP]):
        return found._replace(document_type="", cue="army-unheaded")
    return found
