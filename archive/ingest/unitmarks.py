"""Units named by the marks a family of papers repeats, where no sender line names one.

- The British Intelligence Pool's reports (filed in the Army's series) head their first page
  with the Pool's letterhead ("'A' Detachment" / "BRITISH INTELLIGENCE POOL BERLIN" / "British
  Forces Post Office 45") and number every annexure by its reference ("Annexure I to" /
  "BRIP/O/11/354"): the letterhead, or the reference alone, names the Pool.
- A SIGINT intercept's message header names the sending field station by its designator on
  the FM line ("FM USM 620K", "FM USA-751"), as the message's routing indicators precede it.
- An Army or State desk officer signs with his desk ("WILLIAM C. ARMS" / "Capt, Inf" / "LA
  Desk Officer"): the desk is his unit.
- A CIA cable from headquarters closes with the drafting component's note ("SAS COMMENT:",
  "WE COMMENT"); the cable secretariat's ("C/S COMMENT") and a field's ("FIELD COMMENT") are not
  a component's.
- An Air Force letter names its writing office by symbol under "REPLY TO / ATTN OF:" ("AFISI-6A",
  "AFOSI"): the symbol is the office's, and an AF symbol makes the letter the Air Force's,
  whatever its addressee (the FBI's Director) suggests.
- A report's cover names its author unit under "PREPARED BY:" ("TASK FORCE SOUTHEAST ASIA" /
  "DEPARTMENT OF STATE").
- A letterhead line OCR damaged by a letter or two ("CEATRAL INTELLIGENCE AGENCY") is still
  the letterhead: it names the agency, as findunits.agency_fields reads an undamaged one.
- A CIA office's control number under a signature ("CSCI-316/02507-68") is the CIA's.
- A CIA memorandum routed through the writer's own chiefs names their unit on its THRU line
  ("Thru : DC/SRS and C/FIOB/SRS": the Security Research Staff's deputy chief, then a branch
  chief within it).
- A CIA routing and record sheet names its sender's office symbol in its FROM box, under or
  instead of his name ("FROM: -RGROCCA" / "DC/CI/OPS").
- A CIA drafter's line at the foot with a single initials group after its symbol path
  ("SR/Ct/Rosearch:AWbzagko.el", "OS/WAO: jem"), which originators.drafter_office's author:typist
  form misses.
- A CIA memorandum signed at its foot puts the signer's office symbol on a line of its own under
  his name ("Harold E. Stenson" / "WH/C/SP").
"""

import re

from . import labels, letterhead, originators, signatures
from .patterns import levenshtein

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
# A CIA component's note in a cable ("SAS COMMENT:", OCR "SAS CommeR:", "WE COMMENT ~").
_COMMENT_RE = re.compile(r"^\W{0,3}(?P<symbol>[A-Z]{2,4})[ \t]+(?i:COMM[EI][NR]\w{0,2})\b")
# An office symbol alone on a line ("WH/C/SP", "SR/CI/Research").
_SYMBOL_LINE_RE = re.compile(
    r"^\W{0,3}(?P<path>[A-Z]{2,4}(?:[ \t]?/[ \t]?[A-Za-z0-9&]{1,9}){1,3})\W{0,3}$"
)
# A signer's typed name, its middle initial OCR'd to a stray mark ("Harold &. Stenson").
_NAME_RE = re.compile(r"^[A-Z][a-z]{2,12}[ \t]+\S{1,2}\.?[ \t]+[A-Z][a-z]{2,15}$")
_REPLY_RE = re.compile(r"(?i)^\W{0,3}(?:REPLY[ \t]TO[ \t])?ATTN\.?[ \t]OF\W{0,3}$")
_AF_SYMBOL_RE = re.compile(r"^\W{0,3}(?P<symbol>AF[A-Z]{2,5}(?:-[A-Z0-9]{1,4})?)\W{0,3}$")
_PREPARED_RE = re.compile(r"(?i)^\W{0,3}PREPARED[ \t]BY\W{0,3}$")
_PREPARING_UNIT_RE = re.compile(
    r"(?i)^\W{0,3}(?P<unit>TASK[ \t]FORCE[ \t][A-Z][A-Za-z ]{2,40}"
    r"|(?:OFFICE|BUREAU)[ \t]OF[ \t][A-Z][A-Za-z ]{2,50}"
    r"|(?:[A-Z][A-Za-z]+[ \t]){1,4}(?:STAFF|DIVISION|GROUP|BRANCH|CENTER))\W{0,3}$"
)
_THRU_RE = re.compile(
    r"^\W{0,3}(?:THRU|Thru|THROUGH|Through)[ \t]*[:;.][ \t]*(?P<value>\S.{1,60})$"
)
_FROM_BOX_RE = re.compile(r"^\W{0,3}FROM[ \t]?[:;.]?[ \t]*(?P<rest>.{0,40})$")
_STATE_FROM_RE = re.compile(
    r"^[^\w§$]{0,5}(?:[FP]ROM[^\w§$]{1,3})?(?P<symbol>[A-Z8§$]{1,3}(?:/[A-Z]{1,4})?)"
    r"[ \t]*[-=~–—][ \t]*[A-Z][a-z]*\.?[ \t]"
)
_HEADER_LABEL_RE = re.compile(r"^[^\w§$]{0,5}(?:[FP]ROM|TO[sS]?)\b")
_TELEGRAM_FM_RE = re.compile(
    r"^\W{0,3}FM[ \t]+\W{0,2}(?P<post>AM(?:EMBASSY|EMB|CONSUL)\S*[ \t].{3,30})$"
)
_DRAFTER_COLON_RE = re.compile(
    r"^\W{0,3}(?:C/|DC/|AC/)?(?P<symbol>[A-Z]{2,4})(?:[ \t]?/[ \t]?[A-Za-z0-9&]{1,9}){1,3}[ \t]?:"
    r"[ \t]?[A-Za-z]{2,}"
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
    """The agency an OCR-damaged letterhead, a CIA control number or an Air Force reply symbol
    names; then, where nothing before named an office, the one the British Intelligence Pool's
    marks, a SIGINT station's designator, a desk officer's title line, a PREPARED BY caption or
    (on State papers) a bureau symbol or a telegram's FM line name. Lines from start on are
    read: an identification form read without a page footer can run on over the document's
    head."""
    _ocr_letterhead(ctx, out)
    _control_number(ctx, out, start)
    _reply_symbol(ctx, out, start)
    if "office" in out.values:
        return
    rules = (_british_pool, _sigint_station, _desk_officer, _prepared_by)
    if out.values.get("agency") == originators.STATE:
        rules += (_state_symbol, _telegram_fm)
    _first(ctx, out, start, rules)


def cia_marks(ctx, out, start: int) -> None:
    """The office a CIA memorandum's THRU line, a FROM box's symbol, a symbol under the
    signer's name, a drafter's line or a cable's component comment names, where no other rule
    (a releasing officer's symbol among them) named one."""
    if "office" not in out.values and out.values.get("agency") == originators.CIA:
        _first(
            ctx,
            out,
            start,
            (_thru_chief, _from_symbol, _signed_symbol, _drafter_colon, _component_comment),
        )


def final_sender_office(out) -> None:
    """The office a sender read after the unit rules ran names ("Legat, Havana" from an FBI
    memorandum's party lines, a form's "NY" preferred over a garbled header, a signature's
    "Chief, DO/OPRP" at the foot), where none was read: the sender's unit is the document's."""
    sender = out.values.get("sender")
    if "office" in out.values or not isinstance(sender, str):
        return
    agency = out.values.get("agency")
    unit = originators.party(sender, agency)
    span = out.sources.get("sender")
    if unit and unit.office and (not unit.agency or unit.agency == agency):
        out.offer("office", unit.office, 0.62, span=span, rule="final-sender")
    elif found := originators.title_office(sender, agency):
        # A CIA office symbol as written ("HOWARD HUNT, Chief, DO/OPRP": DO/OPRP).
        out.offer("office", found[0], 0.6, span=span, rule="final-sender-" + found[1])


def _first(ctx, out, start: int, rules) -> None:
    """The office the first of the rules that reads one names."""
    for rule in rules:
        if hit := rule(ctx, start):
            value, i, name = hit
            line = ctx.lines[i]
            out.offer("office", value, 0.65, span=(line.start, line.end), rule=name)
            return


def _control_number(ctx, out, start: int) -> None:
    """A CIA office's control number standing on a line of its own under the signature
    ("CSCI-316/02507-68": the Counterintelligence Staff's) names the writer's agency and
    office, whatever an addressee list of other agencies suggested."""
    if out.values.get("agency") == originators.CIA:
        return  # findunits._cia_units read it
    own = [(ctx.lines[i].start, t) for i, t in _own_lines(ctx, start) if t.strip()]
    if hit := originators.control_office(own[-80:]):
        span = (hit[1], hit[2])
        out.offer("agency", originators.CIA, 0.85, span=span, rule="control-number-agency")
        if out.values.get("agency") == originators.CIA:
            out.offer("office", hit[0], 0.7, span=span, rule="control-number")


def _ocr_letterhead(ctx, out) -> None:
    """An agency's letterhead line with one OCR error (two in a long one), above the first
    label of the first page."""
    if out.rules.get("agency") in ("letterhead", "form"):
        return
    for i in range(ctx.lo, ctx.page_end):
        if ctx.noise(i):
            continue
        if labels.label_of(ctx.lines[i]):
            return
        key = letterhead.norm_line(ctx.lines[i].text)
        if len(key) < 16 or len(key) > 60 or key in letterhead.LETTERHEADS:
            continue
        limit = 2 if len(key) >= 24 else 1
        near = [k for k in letterhead.LETTERHEADS if levenshtein(key, k, limit) <= limit]
        if len(near) == 1:
            agency, confidence = letterhead.LETTERHEADS[near[0]]
            span = (ctx.lines[i].start, ctx.lines[i].end)
            out.offer("agency", agency, confidence - 0.05, span=span, rule="letterhead-ocr")
            return


def _reply_symbol(ctx, out, start: int) -> None:
    """An Air Force letter's office symbol under its "REPLY TO / ATTN OF:" caption."""
    head = [(i, t.strip()) for i, t in _own_lines(ctx, start, 40) if t.strip()]
    for k, (_i, text) in enumerate(head[:-1]):
        if _REPLY_RE.match(text) and (m := _AF_SYMBOL_RE.match(head[k + 1][1])):
            line = ctx.lines[head[k + 1][0]]
            span = (line.start, line.end)
            out.offer("agency", "Department of the Air Force", 0.88, span=span, rule="reply-symbol")
            if "office" not in out.values:
                out.offer("office", m["symbol"], 0.65, span=span, rule="reply-symbol")
            return


def _prepared_by(ctx, start: int) -> tuple[str, int, str] | None:
    """The unit a report's cover names under its "PREPARED BY:" caption."""
    own = [(i, t.strip()) for i, t in _own_lines(ctx, start, 80) if t.strip()]
    for k, (_i, text) in enumerate(own[:-1]):
        if _PREPARED_RE.match(text) and (m := _PREPARING_UNIT_RE.match(own[k + 1][1])):
            unit = " ".join(m["unit"].split())
            unit = unit.title().replace(" Of ", " of ") if unit.isupper() else unit
            return unit, own[k + 1][0], "prepared-by-unit"
    return None


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


def _state_symbol(ctx, start: int) -> tuple[str, int, str] | None:
    """The bureau whose symbol stands before the writer's name on a State memorandum's FROM
    line ("S/P - Richard Solomon": the Policy Planning Staff)."""
    own = [(i, t.strip()) for i, t in _own_lines(ctx, start, 60) if t.strip()]
    for k, (i, text) in enumerate(own):
        m = _STATE_FROM_RE.match(text)
        # On the FROM line or among the TO and FROM labels: not a participants list's entry.
        near = any(_HEADER_LABEL_RE.match(t) for _j, t in own[max(0, k - 4) : k + 5])
        if m and near and (bureau := _bureau(m["symbol"])):
            return bureau, i, "state-from-symbol"
    return None


def _telegram_fm(ctx, start: int) -> tuple[str, int, str] | None:
    """The post a State telegram's FM line names ("FM -AMEMBASSY BEIJING": Embassy Beijing)."""
    for i, text in _own_lines(ctx, start, 60):
        m = _TELEGRAM_FM_RE.match(text.strip())
        unit = originators.party(m["post"], originators.STATE) if m else None
        if unit and unit.office:
            return unit.office, i, "telegram-fm"
    return None


def _bureau(symbol: str) -> str | None:
    """A State bureau's name from its symbol as OCR left it ("8/P", "§/P": S/P; "BUR": EUR)."""
    symbol = re.sub(r"^[8§$]", "S", symbol)
    if symbol in originators.STATE_BUREAUS:
        return originators.STATE_BUREAUS[symbol]
    near = [
        key
        for key in originators.STATE_BUREAUS
        if len(key) == len(symbol) >= 3 and levenshtein(key, symbol, 1) <= 1
    ]
    return originators.STATE_BUREAUS[near[0]] if len(near) == 1 else None


def _component_comment(ctx, start: int) -> tuple[str, int, str] | None:
    """The component whose note a headquarters cable carries ("SAS COMMENT": Special Affairs
    Staff)."""
    for i, text in _own_lines(ctx, start):
        m = _COMMENT_RE.match(text.strip())
        if m and m["symbol"] in originators.CIA_COMPONENTS and m["symbol"] != "CS":
            return originators.CIA_COMPONENTS[m["symbol"]], i, "component-comment"
    return None


def _thru_chief(ctx, start: int) -> tuple[str, int, str] | None:
    """The unit whose chief a memorandum's THRU line names by symbol ("DC/SRS")."""
    for i, text in _own_lines(ctx, start, 40):
        m = _THRU_RE.match(text.strip())
        if m and "/" in m["value"]:
            unit = originators.party(m["value"], originators.CIA)
            if unit and unit.office:
                return unit.office, i, "thru-chief"
    return None


def _from_symbol(ctx, start: int) -> tuple[str, int, str] | None:
    """The office symbol a FROM box holds, on its line or the next ("DC/CI/OPS" under the
    routing sheet's "FROM: -RGROCCA"). Lines the anatomy set apart (a routing sheet in front
    of the memorandum) are read too: the sheet is the sender's."""
    lines = [
        (i, ln.text.strip()) for i, ln in enumerate(ctx.lines) if i >= start and ln.text.strip()
    ]
    for k, (_i, text) in enumerate(lines[:200]):
        m = _FROM_BOX_RE.match(text)
        if not m:
            continue
        for j, value in [(lines[k][0], m["rest"])] + lines[k + 1 : k + 2]:
            symbol = _SYMBOL_LINE_RE.match(value)
            unit = originators.party(symbol["path"], originators.CIA) if symbol else None
            if unit and unit.office:
                return unit.office, j, "from-symbol"
    return None


def _drafter_colon(ctx, start: int) -> tuple[str, int, str] | None:
    """The CIA component of a drafter's line among the last lines ("SR/Ct/Rosearch:AWb")."""
    own = list(_own_lines(ctx, max(start, len(ctx.lines) - 120)))
    for i, text in own[-60:]:
        m = _DRAFTER_COLON_RE.match(text.strip())
        if m and m["symbol"] in originators.CIA_COMPONENTS:
            return originators.CIA_COMPONENTS[m["symbol"]], i, "drafter-colon"
    return None


def _signed_symbol(ctx, start: int) -> tuple[str, int, str] | None:
    """The office a symbol names on the line under the signer's name, among the last lines
    ("Harold E. Stenson" / "WH/C/SP": the Western Hemisphere Division)."""
    own = [(i, t.strip()) for i, t in _own_lines(ctx, max(start, len(ctx.lines) - 60)) if t.strip()]
    for k in range(1, len(own)):
        i, text = own[k]
        m = _SYMBOL_LINE_RE.match(text)
        name = own[k - 1][1]
        if not m or not (signatures._is_name(name, loose=True) or _NAME_RE.match(name)):
            continue
        unit = originators.party(m["path"], originators.CIA)
        if unit and unit.office:
            return unit.office, i, "signed-symbol"
    return None
