"""Senders read from what does not name the document's sender: demoted below the floor.

Each check keeps the reading as a suggestion (its rule gets a suffix of its own, so that
calibration measures it) at a confidence too low to be kept as a value:

- "-stamp": a FROM label read out of a presidential library's photocopy stamp ("PHOTOCOPY /
  FROM / THE GERALD R. / FORD LIBRARY", "PHOTOCOPY FROM LBJ LIBRARY"): the library the copy
  came from, not the writer.
- "-concurrence": a signature block under a concurrence or approval line ("Concurrence:",
  "CONCUR:", "APPROVED:"): the officer who agreed to the memo signs there, not its writer.
- "-uncapitalised": a FROM value without a single capital letter ("fie fuextco crry"): a typed
  sender is a name, a title or an office, never all small letters; this is OCR's reading of a
  damaged or handwritten line.
- "-blank-box": NARA's form for an FBI record (ORIGINATOR: FBI) whose FROM reads another
  agency ("CIA") while its TO box reads nothing: an FBI record's FROM is an FBI office ("NY",
  "HQ", "WMFO") and other agencies stand in its TO box ("FROM: HQ / TO: CIA"), so the FROM box
  was left blank and the one value between ORIGINATOR and DATE is the addressee's.

One is cut rather than demoted ("-filecut"): an FBI header's sender is one line ending with the
office's file number ("FROM: SAC, NEW YORK (105-1234)", reference: FBI airtel / letter / LHM);
a value the label reader ran on past that number over more lines took the next box's value (a
subject under labels stacked apart from their values), so it is cut at the number.
"""

import re

DEMOTED = 0.3

# The stamp: "PHOTOCOPY" then "FROM", then up to five words and a (damaged) "LIBRARY".
_STAMP_RE = re.compile(
    r"(?i)P[HR]OTO\W?COPY\W{0,8}FROM\W{0,8}(?:[\w.]+\W{0,6}){0,5}?L[I1l]B\w{0,2}A?R[YV]\b"
)
_STAMP_REACH = 60  # characters either side of the sender's span the stamp may take
# A line granting concurrence or approval, with at most a date or a blank after it.
_CONCUR_RE = re.compile(
    r"(?i)^\W{0,3}(?:CONCUR(?:RENCE|RED|S)?|APPROVED|APPROVAL|DISAPPROVED)\b\W{0,3}"
    r"(?:[\d/ .-]{0,12}|[ \t_]*)$"
)
_CONCUR_REACH = 3  # non-empty lines above a signature a concurrence line may stand
# Agencies other than the FBI as NARA's forms name them.
_OTHER_AGENCIES = frozenset(
    ("CIA", "DOS", "STATE", "ARMY", "USA", "NAVY", "USAF", "NSA", "DOD", "INS", "SSCIA", "HSCA")
)
_SIGNED = ("signature", "signature-titled", "signature-foot")
# An FBI file number closing the sender's first line: "(92-1027)", "(105- 865)".
_FILE_END_RE = re.compile(r"[ \t]*\([ \t]?\d{1,3}[ \t]?-[ \t]?[\dA-Z]{1,7}[ \t]?\)\W{0,2}$")


def vet(ctx, out) -> None:
    """Demote a sender read from a library stamp, a concurrence block, OCR garbage or a form's
    shifted box; cut an FBI sender run on past its file number."""
    sender, rule = out.values.get("sender"), out.rules.get("sender", "")
    span = out.sources.get("sender")
    if not isinstance(sender, str) or not rule or not span:
        return
    why = None
    if not re.search(r"[A-Z]", sender):
        why = "uncapitalised"
    elif rule.startswith("form"):
        if ctx.form and _blank_from_box(ctx.form.fields, sender):
            why = "blank-box"
    elif rule.startswith("label"):
        if cut := _file_cut(ctx.text, span, sender):
            out.values["sender"] = cut
            out.rules["sender"] = f"{rule}-filecut"
            return
        if _in_stamp(ctx.text, span):
            why = "stamp"
    elif rule in _SIGNED and _under_concurrence(ctx, span):
        why = "concurrence"
    if why:
        out.rules["sender"] = f"{rule}-{why}"
        out.confidence["sender"] = min(out.confidence.get("sender", 1.0), DEMOTED)
        out.field_notes["sender"] = f"sender: {sender!r} read from a {why}"


def _in_stamp(text: str, span: tuple[int, int]) -> bool:
    """The span's start lies inside a library's photocopy stamp."""
    lo, hi = max(0, span[0] - _STAMP_REACH), min(len(text), span[1] + _STAMP_REACH)
    return any(lo + m.start() <= span[0] < lo + m.end() for m in _STAMP_RE.finditer(text[lo:hi]))


def _blank_from_box(form: dict, sender: str) -> bool:
    """An FBI record's form whose FROM names another agency and whose TO box is empty."""
    originator = str(getattr(form.get("originator"), "value", "")).upper()
    if not originator.endswith("FBI") or form.get("to"):
        return False
    return sender.strip(" .,").upper() in _OTHER_AGENCIES


def _file_cut(text: str, span: tuple[int, int], sender: str) -> str | None:
    """The sender's first line without its file number, when the value ran on past it."""
    raw = text[span[0] : span[1]]
    first, _, rest = raw.partition("\n")
    if not rest.strip() or not (m := _FILE_END_RE.search(first)):
        return None
    head = first[: m.start()].strip(" \t,.:;")
    if not head or not sender.startswith(head) or len(sender) <= len(head) + 2:
        return None
    return head


def _line_at(ctx, at: int) -> int | None:
    """The index of the line holding offset at."""
    for i, line in enumerate(ctx.lines):
        if line.start <= at <= line.end:
            return i
    return None


def _under_concurrence(ctx, span: tuple[int, int]) -> bool:
    """A concurrence or approval line stands just above the signature block."""
    first = _line_at(ctx, span[0])
    if first is None:
        return False
    seen = 0
    for k in range(first - 1, max(-1, first - 12), -1):
        text = ctx.lines[k].text.strip()
        if not text or ctx.noise(k):
            continue
        if _CONCUR_RE.match(text):
            return True
        seen += 1
        if seen >= _CONCUR_REACH:
            return False
    return False
