"""Senders the other readers miss: a sign-off read up from the foot, a cable's sending post.

THE FOOT. signoffs.py reads a CIA memorandum's title-and-office sign-off down from its
last paragraph, and gives up when more than four lines stand between them. OCR often reads
the handwritten signature over the typed block as several short lines of letters ("dels" /
"SH ML" / "urtis H. McSheyry" / "Chief" / "TSD/Liaison Security Staff"), and splits a
paragraph's last sentence into short lines that do not count as prose. The typed block sits
right above the memorandum's foot (distribution, attachments, the typist's reference) or at
the end of the text, so this reads it from there upwards: the title and office lines, then
the typed name above them when one reads as a name. Stray quote marks inside a unit's name
("Security Analysis 'Group") are OCR's and are dropped first.

THE POST. A Department of State telegram's number names the post that sent it ("MOSCOW
16536", "STATE 307648" for the Department's own), and the page header repeats it on every
page (reference §3.7), where the FM line is a single line that microfilm OCR often garbles
("_ FU SECSTATE WASHOE", "FA POSTON"). When the FM line gave no sender, or only a garbled or
cut one, the number's post is the sender: "AMEMBASSY MOSCOW", "SECSTATE WASHDC".

THE DISPATCH'S BOXES. A CIA dispatch prints its parties in boxes, TO, then INFO, then FROM,
above the SUBJECT and ACTION REQUIRED lines (reference §5.2). OCR often loses the printed
labels and keeps the typed values, one a line: "Chief, WH Division" / "Chief of Station,
Mexico City". Where two party lines or more stand in the head, no FROM label is left and no
label named the sender, the last of them is the FROM box's.
"""

import re

from . import familycues, originators, signatures, signoffs
from .patterns import squash

# OCR's quote marks and bars inside a typed line: not part of the words.
_STRAY_RE = re.compile(r"[‘’“”\"|]")
# A line that ends a sentence of the last paragraph: the sign-off starts below it.
_SENTENCE_END = ".:;)\"'”]"
_SCRAWL = 24  # a line of a scrawled signature is short
_COVER = 60  # a header this near the top opens the memorandum under a cover sheet
_GAP = 8  # at most this many scrawl lines between the last paragraph and the sign-off


def fill(ctx, out) -> None:
    """Offer what this module reads when the earlier readers named no sender."""
    dispatch_from(ctx, out)
    foot_signoff(ctx, out)
    telegram_post(out)


# A party typed in a dispatch's box: a chief of a unit, station or base.
_BOX_PARTY_RE = re.compile(
    r"^[\W_]{0,4}(?P<party>(?:Acting[ \t])?(?:Chief|COS)\b[ \t,.]{0,3}[^\n]{2,40})$"
)
# The end of a dispatch's head: the subject, the action, a reference, or prose.
_HEAD_END_RE = re.compile(r"(?i)^\W{0,3}(?:action|subject|ref)")
_FROM_LABEL_RE = re.compile(r"^\W{0,3}FROM\b")
_SIGNED = ("signature", "signature-titled")


def _dispatch(ctx, out) -> bool:
    """A CIA dispatch: so recognised, or its form's boxes or unlabelled parties show it (the
    cues familycues.py decides the family by, later on)."""
    if ctx.family.name == "cia_dispatch":
        return True
    if ctx.family.name != "other" or out.values.get("agency") != originators.CIA:
        return False
    top = ctx.own_text(5000)[: familycues.TOP]
    cues = (familycues.DISPATCH_BOX_RE, familycues.DISPATCH_PARTIES_RE)
    return any(cue.search(top) for cue in cues)


def dispatch_from(ctx, out) -> None:
    """The last party line of a dispatch's head as its sender, when no label named one (a
    signature under a dispatch is often an officer's pseudonym, not the FROM box)."""
    if not _dispatch(ctx, out):
        return
    if out.values.get("sender") and out.rules.get("sender") not in _SIGNED:
        return
    parties: list[tuple[str, int]] = []
    for i in range(ctx.lo, min(len(ctx.lines), ctx.lo + 80)):
        text = ctx.lines[i].text.strip()
        if ctx.noise(i) or not text:
            continue
        if _HEAD_END_RE.match(text) or len(text) > 60:
            break
        if _FROM_LABEL_RE.match(text):
            return  # the FROM box kept its label: its value, however garbled, is below it
        if m := _BOX_PARTY_RE.match(text):
            parties.append((squash(m["party"]).strip(" ,."), i))
    if len(parties) < 2:
        return
    party, i = parties[-1]
    line = ctx.lines[i]
    out.offer("sender", party, 0.7, span=(line.start, line.end), rule="dispatch-last-box")


def telegram_post(out) -> None:
    """The sending post of a State telegram's number as its sender, when the FM line gave
    none or only a garbled or cut value (see the module docstring)."""
    number = out.values.get("message_number")
    if out.rules.get("message_number") != "telegram" or not isinstance(number, str):
        return
    rule = out.rules.get("sender", "")
    if out.values.get("sender") and not rule.endswith(("-garbled", "-trimmed")):
        return
    sender = post_sender(number)
    if sender:
        out.offer("sender", sender, 0.55, rule="telegram-number-post")


def post_sender(number: str) -> str | None:
    """The sender a telegram number names: "SECSTATE WASHDC" for the Department's own,
    "AMEMBASSY <CITY>" for an embassy's, another post by its name, None when unknown."""
    code = number.split(" ")[0].upper()
    if code == "STATE":
        return "SECSTATE WASHDC"
    post = originators.state_post(number)
    if not post:
        return None
    if post.startswith("Embassy "):
        return "AMEMBASSY " + post.removeprefix("Embassy ").upper()
    return post


def foot_signoff(ctx, out) -> None:
    """The sender from the title and office lines just above the first memorandum's foot,
    when no other rule named one (not for the FBI, not for memoranda of conversation)."""
    signoffs.offer_foot(ctx, out, read_up, 0.55, "signature-foot-up")


def read_up(lines, lo: int, hi: int, noise) -> tuple[str, int, int] | None:
    """(sender, first line, last line) of the sign-off above the first foot between lo and
    hi (the end of the text counts as a foot when hi is its end), or None."""
    own = [i for i in range(lo, hi) if not noise(i) and lines[i].text.strip()]
    seen_prose = False
    for k, i in enumerate(own):
        text = lines[i].text.strip()
        if signoffs._prose(text):
            seen_prose = True
            continue
        if not seen_prose:
            continue
        header = bool(signoffs._HEADER_RE.match(text))
        if signoffs._FOOT_RE.match(text) or header:
            hit = _block_above(lines, own, k)
            if hit or not header or k > _COVER:
                return hit
            seen_prose = False  # the memorandum's own header under a cover sheet's text
    if seen_prose and hi == len(lines):
        return _block_above(lines, own, len(own))
    return None


def _block_above(lines, own: list[int], foot: int) -> tuple[str, int, int] | None:
    """The title and office lines that end right above own[foot], the typed name above them,
    and only scrawl between them and the last paragraph."""
    parts: list[str] = []
    k = foot - 1
    while k >= 0 and len(parts) < 3 and (part := _part(lines[own[k]].text)):
        parts.insert(0, part)
        k -= 1
    if not parts or not signoffs._names_office(parts):
        return None
    last = own[foot - 1]
    name = signatures._is_name(lines[own[k]].text, loose=True) if k >= 0 else None
    first = own[k + 1]
    if name:
        first = own[k]
        k -= 1
    # Above: a few short lines of scrawl at most, then the paragraph's end.
    for gap in range(_GAP + 1):
        if k < 0:
            return None
        text = lines[own[k]].text.strip()
        if _paragraph(text):
            return ", ".join([name, *parts] if name else parts), first, last
        if len(text) > _SCRAWL or gap == _GAP:
            return None
        k -= 1
    return None


def _paragraph(text: str) -> bool:
    """A line of the last paragraph: prose, or words in small letters ending a sentence, or
    a line longer than a scrawl with three words in small letters."""
    small = sum(w[:1].islower() for w in text.split())
    if signoffs._prose(text) or text[-1:] in _SENTENCE_END and small >= 2:
        return True
    return len(text) > _SCRAWL and small >= 3


def _part(text: str) -> str | None:
    """A title or office line of a sign-off (signoffs._part), past OCR's stray quote marks."""
    return signoffs._part(_STRAY_RE.sub("", text))
