"""The sender and addressee of a CIA memorandum where its header block reads them in part.

Conventions of the Agency's typed memoranda that the first reading of the header
(headers.memo_headers: the first FROM, the first MEMORANDUM FOR) misses:

- A routing slip or a cover sheet filed on top of the memorandum has a FROM box of its own,
  OCR-garbled or empty ("FROM: = sracereeiaeratets - ixreasion"); the memorandum's own header
  block follows further down. Where the first reading does not read cleanly, the next FROM
  label's value is read instead (rule "label-next-block").
- "FROM : Michael K. Cline" / (blank line) / "Acting Chief, Soviet/East European Division":
  OCR sets a blank line between the sender's name and his title, and the header reading stops
  at the blank. The title line below is joined to the name (rule "label-title-below").
- "MEMORANDUM FOR: Chief, Central Cover Group" / "ATTENTION: Mr. Thomas Strange": the
  addressee's attention line names the officer who is to act; it is kept with the addressee,
  "Chief, Central Cover Group (Attention: Mr. Thomas Strange)" (rule "label-attention").
  A unit on the attention line ("ATTENTION: Support Branch") is the addressee's own office,
  not another party, and is left out.
- A two-column header repeats the label column's colon on the value's second line ("FROM :
  Leonard McCoy i" / ": Deputy Chief, CI Staff"), and a stray mark of a letter or two trails
  the name: the value read as "Leonard McCoy i, : Deputy Chief, CI Staff" is repaired to
  "Leonard McCoy, Deputy Chief, CI Staff" (rule "label-colon-column").
- "FROM : Chief, Minneapolis Office" names the sender's post; the memorandum is signed at its
  foot by the officer who holds it ("VERNON R. SANDO"). The name is put before the title,
  "VERNON R. SANDO, Chief, Minneapolis Office" (rule "label-title-signed"), when the
  signature's own title lines, if any, share a word with the header's. A dispatch signs with
  the officer's pseudonym and is left alone.
- The typed name of the writer stands alone right above the distribution list ("John
  Pereira" / "Dist: File", "Rodger S. Gabrielson" / "Distribution:"), with no title under it
  that the signature-block reading needs (rule "signature-above-distribution").
"""

import re

from . import headers, labels, originators, signatures
from .patterns import reads_cleanly

# A title line of the Agency under a sender's name; OCR may drop its first letter ("cting").
_TITLE_LINE_RE = re.compile(
    r"^\W{0,2}(?:(?:A(?:cting)?|cting|Deputy|Assistant|Associate|Executive)[ \t/]+)?"
    r"(?:Chief|Director|Deputy|Inspector|General[ \t]Counsel|Special[ \t]Assistant"
    r"|Legislative[ \t]Counsel|Security[ \t]Officer)\b[^\n]{0,70}$"
    r"|^\W{0,2}(?:[ADC]{1,2}/)?[A-Z]{1,5}(?:[ \t]?/[ \t]?[A-Z0-9&]{1,8}){1,4}\W{0,2}$"
)
# A person's name as a FROM value: two to four capitalised words or initials, no comma.
_NAME_RE = re.compile(
    r"^\W{0,2}(?:Mr\.?[ \t])?[A-Z][a-z]*\.?"
    r"(?:[ \t]+(?:[A-Z]\.|[A-Z][a-z']+|[A-Z]{2,})){1,3}\W{0,3}$"
)
# The attention line under an addressee: "ATTENTION: Mr. Scott Breckinridge", "ATTN: DDO".
_ATTENTION_RE = re.compile(r"^\W{0,3}(?:ATTENTION|Attention|ATTN|Attn)\b[ \t]*\W{0,3}[ \t]*(.*)$")
# A person on the attention line: "Mr." and a name, or a name of two to four words.
_ATTENTION_VALUE_RE = re.compile(
    r"^(?:(?:Mr|Mrs|Miss|Ms|Dr)\.?,?[ \t]+[A-Z][A-Za-z.' \t-]{1,40}"
    r"|[A-Z][a-z]+\.?(?:[ \t]+(?:[A-Z]\.|[A-Z][a-z']+)){1,3}"
    r"(?:[ \t]?/[ \t]?[A-Z][a-z]+(?:[ \t]+[A-Z][a-z']+){1,2})?)$"
)
_UNIT_WORD_RE = re.compile(r"(?i)\b(?:Staff|Branch|Division|Group|Section|Office|Desk|Counsel)\b")
# The colon of the label column at the head of a value's second line, a stray mark of one or
# two small letters before it ("Raymond A. Warren te, : 'Chief, Latin America Division :").
_COLON_COLUMN_RE = re.compile(r"(?:[ \t]+[a-z]{1,2})?,[ \t]*[:;][ \t]*[‘'’]?[ \t]*")
_TAIL_COLON_RE = re.compile(r"[ \t]*[:;][ \t]*$")
# The head of a distribution list, or of an attachment note, under the writer's typed name.
_DIST_RE = re.compile(
    r"^\W{0,3}(?:Distribution|DISTRIBUTION|Dist\b|DIST\b|Orig|ORIG\b"
    r"|cc\s*:|CC\s*:|Attachments?\b|ATTACHMENTS?\b|Enclosures?\b)"
)
_CIA_FAMILIES = ("cia_memo", "cia_mfr", "cia_dispatch", "cia_cable", "other")
_SENDER_RULES = ("label", "label-garbled", "label-trimmed")
_RECIPIENT_RULES = ("label", "label-trimmed", "label-above")
_LOOK = 6  # lines below a header value where a title or an attention line may stand


def _cia(ctx, out) -> bool:
    """A CIA document of the families whose header blocks these conventions describe."""
    return out.values.get("agency") == originators.CIA and ctx.family.name in _CIA_FAMILIES


def _line_at(ctx, offset: int) -> int | None:
    """The index of the line that holds a character offset."""
    for i in range(ctx.lo, min(len(ctx.lines), ctx.head_end)):
        if ctx.lines[i].start <= offset <= ctx.lines[i].end:
            return i
    return None


def _below(ctx, i: int, blanks: int = 2) -> int | None:
    """The next line of the document's own text after line i, past at most `blanks` blank or
    noise lines; None when a longer gap or the end comes first."""
    gap = 0
    for j in range(i + 1, min(len(ctx.lines), i + _LOOK)):
        if ctx.noise(j) or not ctx.lines[j].text.strip():
            gap += 1
            if gap > blanks:
                return None
            continue
        return j
    return None


def _title_below(ctx, out) -> None:
    """A sender read as a bare name from an inline FROM, its title on a line below a blank."""
    sender, span = out.values.get("sender"), out.sources.get("sender")
    if not isinstance(sender, str) or not span or out.rules.get("sender") not in _SENDER_RULES:
        return
    if not _NAME_RE.match(sender):
        return
    at = _line_at(ctx, span[0])
    if at is None or (hit := labels.label_of(ctx.lines[at])) is None or hit[0] != "FROM":
        return
    j = _below(ctx, at)
    if j is None or labels.label_of(ctx.lines[j]):
        return
    title = ctx.lines[j].text.strip().rstrip(" .,;:")
    if not _TITLE_LINE_RE.match(title) or not reads_cleanly(title):
        return
    if title[:1].islower():
        title = "A" + title  # "cting Chief": the A of Acting lost at the margin
    name = sender.strip(" .,;:()[]{}|")
    value = f"{name}, {title}"
    _set(out, "sender", value, (span[0], ctx.lines[j].end), "label-title-below")


def _next_block(ctx, out) -> None:
    """The memorandum's own FROM below a routing slip's garbled or empty one."""
    sender = out.values.get("sender")
    rule = out.rules.get("sender")
    if isinstance(sender, str) and reads_cleanly(sender) and rule != "label-garbled":
        return
    if sender and rule not in _SENDER_RULES:
        return
    first = None
    if sender and (span := out.sources.get("sender")):
        first = _line_at(ctx, span[0])
    if first is None:
        first = next(
            (
                i
                for i in range(ctx.lo, min(len(ctx.lines), ctx.head_end))
                if not ctx.noise(i) and (hit := labels.label_of(ctx.lines[i])) and hit[0] == "FROM"
            ),
            None,
        )
    if first is None:
        return
    hi = min(len(ctx.lines), first + 120, ctx.head_end)
    found = headers.memo_headers(ctx.lines, first + 1, hi, ctx.fix, ctx.noise).get("FROM")
    if not found or not reads_cleanly(found.value) or not re.search(r"[A-Za-z]{3}", found.value):
        return
    _set(out, "sender", found.value, found.span, "label-next-block")


def _attention(ctx, out) -> None:
    """The attention line under a MEMORANDUM FOR or TO addressee, kept with it."""
    value, span = out.values.get("recipient"), out.sources.get("recipient")
    if not isinstance(value, str) or not span or out.rules.get("recipient") not in _RECIPIENT_RULES:
        return
    if "attention" in value.lower() or "attn" in value.lower():
        return
    at = _line_at(ctx, max(span[0], span[1] - 1))
    if at is None:
        return
    for j in range(at + 1, min(len(ctx.lines), at + _LOOK)):
        if ctx.noise(j) or not ctx.lines[j].text.strip():
            continue
        m = _ATTENTION_RE.match(ctx.lines[j].text)
        if not m:
            if labels.label_of(ctx.lines[j]):
                return
            continue
        who = m[1].strip(" .,;:|()[]{}!'\"")
        if not who and (k := _below(ctx, j, 1)) is not None and not labels.label_of(ctx.lines[k]):
            who = ctx.lines[k].text.strip(" .,;:|()[]{}!'\"")
        person = _ATTENTION_VALUE_RE.match(who) and not _UNIT_WORD_RE.search(who)
        if not who or not person or not reads_cleanly(who):
            return
        span = (span[0], ctx.lines[j].end)
        _set(out, "recipient", f"{value} (Attention: {who})", span, "label-attention")
        return


# Words of a title that any post has: two titles sharing only these name different posts.
_GENERIC = frozenset(("chief", "deputy", "acting", "director", "assistant", "of", "the", "for"))


def _signed_title(ctx, out) -> None:
    """A header FROM that names a post only, and the name signed under the memorandum."""
    value, span = out.values.get("sender"), out.sources.get("sender")
    if not isinstance(value, str) or out.rules.get("sender") not in _SENDER_RULES:
        return
    if not _TITLE_LINE_RE.match(value) or ctx.family.name in ("cia_dispatch", "cia_cable"):
        return  # a dispatch signs with the officer's pseudonym: its header's post stays alone
    at = _line_at(ctx, span[0]) if span else None
    lo = (at + 1) if at is not None else ctx.lo
    hi = min(len(ctx.lines), ctx.lo + 400)
    block = signatures.signature_block(ctx.lines, lo, hi, ctx.noise)
    if not block or len(block.name.split()) < 2:
        return
    if block.titles:
        theirs = set(re.findall(r"[a-z]{3,}", " ".join(block.titles).lower())) - _GENERIC
        ours = set(re.findall(r"[a-z]{3,}", value.lower())) - _GENERIC
        if not theirs & ours:
            return
    first = span[0] if span else ctx.lines[block.first].start
    value = f"{block.name}, {value}"
    _set(
        out,
        "sender",
        value,
        (first, span[1] if span else ctx.lines[block.last].end),
        "label-title-signed",
    )


def _foot_name(ctx, out) -> None:
    """The writer's typed name alone on the line above the distribution list."""
    if out.values.get("sender"):
        return
    prose = False
    for i in range(ctx.lo, min(len(ctx.lines), ctx.lo + 400)):
        if ctx.noise(i):
            continue
        text = ctx.lines[i].text.strip()
        if len(text) > 55:
            prose = True
            continue
        if not prose or not _DIST_RE.match(text):
            continue
        above = [k for k in range(i - 1, max(ctx.lo, i - 6) - 1, -1) if ctx.lines[k].text.strip()]
        above = [k for k in above if not ctx.noise(k)][:2]
        for k in above:
            name = signatures._is_name(ctx.lines[k].text, loose=True)
            if name and len(name.split()) >= 2 and signatures._is_name(name):
                line = ctx.lines[k]
                _set(out, "sender", name, (line.start, line.end), "signature-above-distribution")
                return
            if len(ctx.lines[k].text.strip()) > 40:
                break  # the last paragraph: no typed name above the list
        return


def _colon_column(out) -> None:
    """A header value whose second line kept the label column's colon, repaired."""
    for name in ("sender", "recipient"):
        value = out.values.get(name)
        if not isinstance(value, str) or out.rules.get(name) not in ("label", "label-title-below"):
            continue
        fixed = _TAIL_COLON_RE.sub("", _COLON_COLUMN_RE.sub(", ", value))
        if fixed != value and reads_cleanly(fixed):
            _set(out, name, fixed, out.sources.get(name) or (0, 0), "label-colon-column")


def _set(out, name: str, value: str, span, rule: str) -> None:
    """Replace a party's reading by a fuller one of the same header (calibration then measures
    the new rule)."""
    out.values[name] = value
    out.confidence[name] = max(out.confidence.get(name, 0.0), 0.7)
    out.rules[name] = rule
    if span[0] < span[1]:
        out.sources[name] = (int(span[0]), int(span[1]))
    out.rivals.pop(name, None)


def refine(ctx, out) -> None:
    """Read again the parties of a CIA memorandum's header (see the module docstring)."""
    if not _cia(ctx, out):
        return
    _next_block(ctx, out)
    _foot_name(ctx, out)
    _colon_column(out)
    _title_below(ctx, out)
    _signed_title(ctx, out)
    _attention(ctx, out)
