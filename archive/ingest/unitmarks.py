"""Units named by the marks a family of papers repeats, where no sender line names one.

- The British Intelligence Pool's reports (filed in the Army's series) head their first page
  with the Pool's letterhead ("'A' Detachment" / "BRITISH INTELLIGENCE POOL BERLIN" / "British
  Forces Post Office 45") and number every annexure by its reference ("Annexure I to" /
  "BRIP/O/11/354"): the letterhead, or the reference alone, names the Pool.
- A SIGINT intercept's message header names the sending field station by its designator on
  the FM line ("FM USM 620K", "FM USA-751"), as the message's routing indicators precede it.
- An Army or State desk officer signs with his desk ("WILLIAM C. ARMS" / "Capt, Inf" / "LA
  Desk Officer"): the desk is his unit.
"""

import re

# The Pool's name on a line of its own, as its letterhead and sign-off write it ("BRITISH
# INTELLIGENCE POOL BERLIN", "British Intelligence Pool (Berlin)."), and its report reference
# heading an annexure or under the commander's title ("BRIP/O/11/441", OCR reading O as 0):
# cited in a sentence, either names another paper, not the writer.
_POOL_RE = re.compile(
    r"(?i)^\W{0,3}BRITISH[ \t]+INTELLIGENCE[ \t]+POOL(?:[ \t]*\(?(?P<city>BERLIN)\)?)?\W{0,4}$"
)
_POOL_REF_RE = re.compile(
    r"^\W{0,3}(?:Officer[ \t]Commanding[ \t])?BRIP[ \t]?/[ \t]?[O0][ \t]?/[ \t]?\d{1,3}[ \t]?/"
    r"[ \t]?\d{2,4}\W{0,5}$"
)
_BFPO_RE = re.compile(r"(?i)^\W{0,3}(?:British[ \t]Forces[ \t]Post[ \t]Office|B\.?F\.?P\.?O)\b")
# A SIGINT station's designator on the FM line of a message header: "FM USM 620K", "FM USA-751"
# (USA: an Army Security Agency station, USN the Navy's, USM a mixed or NSA station).
_STATION_RE = re.compile(
    r"^\W{0,3}FM[ \t]+(?P<service>US[AMNF])[ \t]?-?[ \t]?(?P<number>\d{2,4}[A-Z]?)[\W_]{0,6}$"
)
# A title line of its own naming the writer's desk ("LA Desk Officer", "Cuba Desk Officer").
_DESK_RE = re.compile(
    r"^\W{0,3}(?:[A-Za-z.]{2,12},[ \t])?(?P<desk>(?:[A-Z][A-Za-z]{1,15}[ \t]){1,2})Desk[ \t]"
    r"Officer\W{0,3}$"
)


def unit_marks(ctx, out, start: int) -> None:
    """The office the British Intelligence Pool's marks, a SIGINT station's designator or a desk
    officer's title line name, where nothing before named one. Lines from start on are read:
    an identification form read without a page footer can run on over the document's head."""
    if "office" in out.values:
        return
    for rule in (_british_pool, _sigint_station, _desk_officer):
        if hit := rule(ctx, start):
            value, i, name = hit
            line = ctx.lines[i]
            out.offer("office", value, 0.65, span=(line.start, line.end), rule=name)
            return


def _own_lines(ctx, start: int, limit: int = 10**6):
    """(index, text) of the document's own lines from start on, the first `limit` of them."""
    count = 0
    for i in range(start, len(ctx.lines)):
        if i >= ctx.lo and ctx.noise(i):
            continue
        yield i, ctx.lines[i].text
        count += 1
        if count >= limit:
            return


def _british_pool(ctx, start: int) -> tuple[str, int, str] | None:
    """The Pool named on its letterhead or sign-off, or by its report reference."""
    if hit := _pool_letterhead(ctx):
        return hit
    ref = None
    for i, text in _own_lines(ctx, start):
        text = text.strip()
        if m := _POOL_RE.match(text):
            name = "British Intelligence Pool" + (" Berlin" if m["city"] else "")
            return name, i, "british-pool"
        if ref is None and _POOL_REF_RE.match(text):
            ref = i
    if ref is not None:
        return "British Intelligence Pool", ref, "british-pool-reference"
    return None


def _pool_letterhead(ctx) -> tuple[str, int, str] | None:
    """The Pool's letterhead, its name over its postal address ("British Forces Post Office
    45"), wherever the page stands: OCR can set it among the identification form's lines."""
    lines = [(i, line.text.strip()) for i, line in enumerate(ctx.lines) if line.text.strip()]
    for k, (i, text) in enumerate(lines[:-1]):
        m = _POOL_RE.match(text)
        if m and _BFPO_RE.match(lines[k + 1][1]):
            return "British Intelligence Pool" + (" Berlin" if m["city"] else ""), i, "british-pool"
    return None


def _sigint_station(ctx, start: int) -> tuple[str, int, str] | None:
    """The field station a SIGINT message's first FM line names ("FM USM 620K": USM-620K)."""
    for i, text in _own_lines(ctx, start, 120):
        if m := _STATION_RE.match(text.strip()):
            return f"{m['service']}-{m['number']}", i, "sigint-station"
    return None


def _desk_officer(ctx, start: int) -> tuple[str, int, str] | None:
    """The desk a desk officer's title line names ("LA Desk Officer": LA Desk)."""
    for i, text in _own_lines(ctx, start):
        if m := _DESK_RE.match(text.strip()):
            return " ".join(m["desk"].split()) + " Desk", i, "desk-officer"
    return None
