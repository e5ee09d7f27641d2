"""Units named on lines of their own, for documents whose sender line names only a person.

A memorandum's FROM block puts the sender's title under his name ("FROM: Robert A. Barteaux" /
"Chief, Information Processing Group"; "Philip F. Fendig" / "SA/DO/O"); State, Army and NSA
papers head their first page with the unit's name ("UNITED STATES ARMY PERSONNEL SECURITY
GROUP", "Office of the Historian"); a State incoming telegram names its post on a FROM line
("FROM: Conakry"). `unit_fields()` offers the office these name, under rules of their own.
"""

import bisect
import re
from collections import Counter

from . import labels, originators, signatures, unitmarks
from .patterns import levenshtein

# Tokens OCR leaves at the end of a title line ("Acting Chief, Division D 7)", "... 427").
_TRAILING_DIRT_RE = re.compile(r"(?:[ \t]+(?:\d*[^\w\s]+\d*|\d{3,}|[a-z]))+$")
# A State incoming telegram's post: "FROM: Elisabethville", "FROM: SAIGON".
_TELEGRAM_FROM_RE = re.compile(
    r"^\W{0,3}FROM[ \t]?[:;][ \t]*(?P<city>[A-Z][A-Za-z]{3,15}(?:[ \t][A-Z][A-Za-z]{2,12})?)"
    r"[\W_]{0,3}$"
)
# A chief's title with its first word garbled ("cting Chief, Soviet/East European Division").
_GARBLED_TITLE_RE = re.compile(
    r"^[\W_]{0,3}[A-Za-z]{1,8}[ \t](?P<title>(?:Chief|Director|Head)[ \t]?,[ \t]?[A-Z][^\n]{3,60})$"
)
_CAS_RE = re.compile(r"\bVIA\W{0,2}[CÇ]AS\W{1,3}(?P<city>[A-Z]{4,15})[ \t.]{1,3}\d{3,5}\b")
# The Department's telegrams name their drafter's bureau: "DRAFTED BY: EUR/SOV:BBURTON".
_DRAFTED_RE = re.compile(
    r"^\W{0,3}[DO]RAFTE[DO0]?[ \t]?BY\W{0,3}[ \t](?P<symbol>[A-Z]{1,4})(?:/[A-Z]{1,6}){0,3}"
    r"[ \t]?[:;]"
)
# An FBI office's report names its informants by its own code: "MM T-2" in Miami's.
_T_SYMBOL_RE = re.compile(r"\b(?P<code>[A-Z]{2})[ \t]T-[ \t]?\d{1,2}\b")
# A CIA cable form's authentication block: the releasing officer's title under or over his
# name ("JOHN R. HORTON" / "AC/WHD" / "RELEASING OFFICER"; "C/CI/SO." / "Richard" / ...).
_RELEASING_RE = re.compile(r"^\W{0,3}(?:RELEASING|AUTHENTICATING)[ \t]+OFFICER\b")
_OFFICER_SYMBOL_RE = re.compile(
    r"^\W{0,3}(?:A?C|DC|CH)[ \t]?/[ \t]?[A-Z]{2,4}(?:[ \t]?/[ \t]?[A-Z0-9&]{1,6}){0,3}\W{0,3}$"
)
_COMMENTS_RE = re.compile(r"^\W{0,3}COMMENTS?[ \t]*:")
_NOT_POSTS = frozenset(
    {"SECRETARY", "DEPARTMENT", "DIRECTOR", "STATE", "SECSTATE", "WASHINGTON", "AMBASSADOR",
     "THE", "PRESIDENT", "WHITE", "HOUSE", "EMBASSY", "DEPTEL", "INFO", "ACTION"}
)  # fmt: skip
_UNIT_AGENCIES = (
    "Department of State", "Department of the Army", "National Security Agency",
    "Office of the Secretary of Defense", "Department of Defense", "Department of the Air Force",
)  # fmt: skip


def unit_fields(ctx, out) -> None:
    """The office a FROM block's title lines, a unit heading or a telegram's post names."""
    if "office" not in out.values or out.confidence.get("office", 0) < 0.75:
        _sender_block(ctx, out)
    agency = out.values.get("agency")
    if agency in _UNIT_AGENCIES and out.confidence.get("office", 0) < 0.7:
        # The unit heading the first page wrote it: an Army agent's unit at the foot did not.
        head = [
            (ctx.lines[i].start, ctx.lines[i].text)
            for i in range(ctx.lo, ctx.page_end)
            if not ctx.noise(i) and ctx.lines[i].text.strip()
        ]
        if hit := originators.heading_unit(head[:30]):
            out.offer("office", hit[0], 0.7, span=(hit[1], hit[2]), rule="heading-unit")
    if "office" not in out.values:
        _late_sender_unit(ctx, out)
    unitmarks.unit_marks(ctx, out, after_form(ctx))
    if "office" in out.values:
        return
    body = ctx.text[ctx.body_start : ctx.body_start + 12000]
    if agency == originators.CIA and (hit := originators.cite_city(body)):
        # The cite line as the station wrote it: "CITE GUATEMALA CITY 8934".
        span = (ctx.body_start + hit[1], ctx.body_start + hit[2])
        out.offer("office", hit[0], 0.75, span=span, rule="cable-cite-city")
    elif agency == "Department of State" and ctx.family.name in ("state_telegram", "other"):
        _telegram_post(ctx, out)
    if "office" not in out.values and agency == "Department of State":
        _drafting_bureau(ctx, out)
    if "office" not in out.values and agency == originators.FBI:
        _informant_office(ctx, out)
    if "office" not in out.values and agency == originators.CIA:
        _releasing_officer(ctx, out)
    unitmarks.cia_marks(ctx, out, after_form(ctx))


# Sender rules that run after the sender's unit is read (findunits.agency_fields): a routing
# slip's FROM box ("Raymond G. Rocca, C/CI/R&A"), a foot's sign-off, a cable's cite line.
_LATE_SENDER_RULES = ("routing-from", "signature-foot", "cable-cite-words")


# An entry of a distribution list ("~ DC/WH/4", "1 - C/WH/4"): a recipient, not the writer.
_LIST_ENTRY_RE = re.compile(r"^[ \t]*(?:[-~>•=]|\d{1,2}[ \t]?[-–~])")


def _late_sender_unit(ctx, out) -> None:
    """The unit a sender found after the agency's rules names ("General Counsel")."""
    sender, rule = out.values.get("sender"), out.rules.get("sender", "")
    if not sender or not rule.startswith(_LATE_SENDER_RULES):
        return
    if span := out.sources.get("sender"):
        line = ctx.lines[_line_index(ctx, span[0])].text
        if _LIST_ENTRY_RE.match(line):
            return
    unit = originators.party(str(sender), out.values.get("agency"))
    if unit and unit.office and (not unit.agency or unit.agency == out.values.get("agency")):
        out.offer("office", unit.office, 0.62, span=out.sources.get("sender"), rule="late-sender")


def _line_index(ctx, pos: int) -> int:
    """The index of the line holding character pos."""
    starts = [line.start for line in ctx.lines]
    return max(0, bisect.bisect_right(starts, pos) - 1)


def _sender_block(ctx, out) -> None:
    """The title lines under the sender's name in the memorandum's FROM block."""
    sender, span = out.values.get("sender"), out.sources.get("sender")
    if not sender or out.values.get("agency") == originators.FBI:
        return
    if out.rules.get("sender", "").startswith("signature"):
        return  # a signature block's title lines are read with it (finders.signature_fields)
    i = _line_index(ctx, span[0]) if span else None
    if i is None or ctx.noise(i):
        i = _name_line(ctx, str(sender))  # read from the form: find the name in the text
    if i is None or i >= ctx.head_end:
        return
    titles, first, last = _title_lines(ctx, i)
    if not titles:
        return
    text = ", ".join(titles)
    agency = out.values.get("agency") or ctx.family.agency
    span = (ctx.lines[first].start, ctx.lines[last].end)
    unit = originators.party(text, agency)
    if unit and (unit.office or unit.division or unit.branch):
        for name in ("office", "directorate", "division", "branch"):
            if value := getattr(unit, name):
                out.offer(name, value, 0.76, span=span, rule="from-block-title")
    elif found := originators.title_office(text, agency):
        out.offer("office", found[0], 0.76, span=span, rule="from-block-" + found[1])


def _name_line(ctx, sender: str) -> int | None:
    """The first line of the document's head naming the sender's surname (a catalogue's
    "BARTEAUX, ROBERT A." or a form's "H. CLARK SCHOR")."""
    words = re.findall(r"[A-Za-z]{3,}", sender.split(",")[0] if "," in sender else sender)
    if not words:
        return None
    surname = re.compile(rf"(?i)\b{re.escape(words[-1])}\b")
    for i in range(ctx.lo, min(len(ctx.lines), ctx.lo + 150)):
        text = ctx.lines[i].text
        if not ctx.noise(i) and len(text.strip()) <= 50 and surname.search(text):
            return i
    return None


def _title_lines(ctx, i: int) -> tuple[list[str], int, int]:
    """The title and unit lines after line i (past the name itself when it stands on a line
    of its own): (titles, first line, last line)."""
    titles: list[str] = []
    first = last = None
    for j in range(i + 1, min(len(ctx.lines), i + 8)):
        text = ctx.lines[j].text.strip()
        if ctx.noise(j) or not text:
            continue
        if labels.label_of(ctx.lines[j]) or len(text) > 60:
            break
        m = signatures._TITLE_RE.match(text) or _GARBLED_TITLE_RE.match(text)
        if m:
            title = m["title"]
        elif signatures._is_unit_line(text):
            title = text
        elif not titles and signatures._is_name(text, loose=True):
            continue  # "FROM" over the name, then the title
        else:
            break
        title = _TRAILING_DIRT_RE.sub("", " ".join(title.split())).strip(" ,.:;")
        if not title:
            break
        titles.append(title)
        first, last = first if first is not None else j, j
        if len(titles) == 3:
            break
    return titles, first or i, last or i


def _telegram_post(ctx, out) -> None:
    """The post a State incoming telegram names on its FROM line ("FROM: Conakry"), or on the
    line of a telegram sent through the CIA's channel ("VIA CAS SAIGON 2663 FROM AMBASSADOR
    LODGE"): its embassy."""
    start = after_form(ctx)
    for i in range(start, min(len(ctx.lines), ctx.lo + 80)):
        if ctx.noise(i) and i >= ctx.lo:
            continue
        text = ctx.lines[i].text.strip()
        m = _TELEGRAM_FROM_RE.match(text)
        m = m or _CAS_RE.search(text)
        if m and not set(m["city"].upper().split()) & _NOT_POSTS:
            city = m["city"].title()
            form = ctx.form.fields.get("from") if ctx.form else None
            if form and levenshtein(str(form.value).upper(), city.upper(), 2) <= 1:
                city = str(form.value).title()  # the form's spelling of an OCR'd post
            line = ctx.lines[i]
            span = (line.start, line.end)
            out.offer("office", f"Embassy {city}", 0.65, span=span, rule="telegram-post")
            return


def after_form(ctx) -> int:
    """The first line after the identification form's COMMENTS line, its last: a form read
    without a page footer can run on over the telegram behind it."""
    return next((i + 1 for i in range(ctx.lo) if _COMMENTS_RE.match(ctx.lines[i].text)), ctx.lo)


def _drafting_bureau(ctx, out) -> None:
    """The bureau a State telegram's drafter belongs to ("DRAFTED BY: AF/E:JUSZYMANSKI")."""
    for i in range(ctx.lo, min(len(ctx.lines), ctx.lo + 200)):
        m = _DRAFTED_RE.match(ctx.lines[i].text)
        if m and m["symbol"] in originators.STATE_BUREAUS:
            span = (ctx.lines[i].start, ctx.lines[i].end)
            bureau = originators.STATE_BUREAUS[m["symbol"]]
            out.offer("office", bureau, 0.6, span=span, rule="drafted-by")
            return


def _informant_office(ctx, out) -> None:
    """The FBI field office whose code its informants' symbols carry ("MM T-2", "NY T-1")."""
    codes = Counter(
        m["code"]
        for m in _T_SYMBOL_RE.finditer(ctx.own_text(30000))
        if m["code"] in originators.FBI_FIELD_OFFICES
    )
    if codes:
        code = codes.most_common(1)[0][0]
        city = originators.FBI_FIELD_OFFICES[code]
        out.offer("office", originators.field_office(city), 0.6, rule="informant-symbols")


def _releasing_officer(ctx, out) -> None:
    """The CIA unit a cable's releasing officer heads: his title symbol, a few lines above the
    form's RELEASING OFFICER caption ("AC/WHD": the Western Hemisphere Division)."""
    for i in range(ctx.lo, len(ctx.lines)):
        if not _RELEASING_RE.match(ctx.lines[i].text):
            continue
        for j in range(i - 1, max(ctx.lo, i - 6) - 1, -1):
            text = ctx.lines[j].text.strip()
            symbol = _OFFICER_SYMBOL_RE.match(text)
            unit = originators.party(text, originators.CIA) if symbol else None
            if unit and unit.office:
                span = (ctx.lines[j].start, ctx.lines[j].end)
                out.offer("office", unit.office, 0.6, span=span, rule="releasing-officer")
                return
