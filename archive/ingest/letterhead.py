"""Who wrote it: letterheads, CIA directorates, the DI "prepared by" note, titles, summaries."""

import re

from .patterns import Line, letters_ratio, squash, strip_markdown

_EDGE = " \t*_|:;.,-—•'\""
LETTERHEADS = {
    "CENTRAL INTELLIGENCE AGENCY": ("Central Intelligence Agency", 0.9),
    "DIRECTORATE OF INTELLIGENCE": ("Central Intelligence Agency", 0.9),
    "NATIONAL FOREIGN ASSESSMENT CENTER": ("Central Intelligence Agency", 0.85),
    "THE DIRECTOR OF CENTRAL INTELLIGENCE": ("Central Intelligence Agency", 0.8),
    "NATIONAL SECURITY COUNCIL": ("National Security Council (White House)", 0.85),
    "THE WHITE HOUSE": ("National Security Council (White House)", 0.7),
    "FEDERAL BUREAU OF INVESTIGATION": ("Federal Bureau of Investigation", 0.85),
    "DEPARTMENT OF STATE": ("Department of State", 0.8),
    "UNITED STATES DEPARTMENT OF STATE": ("Department of State", 0.85),
    "NATIONAL SECURITY AGENCY": ("National Security Agency", 0.85),
    "DEPARTMENT OF THE ARMY": ("Department of the Army", 0.8),
    "DEPARTMENT OF DEFENSE": ("Department of Defense", 0.75),
    "OFFICE OF THE SECRETARY OF DEFENSE": ("Office of the Secretary of Defense", 0.8),
    "THE JOINT CHIEFS OF STAFF": ("Joint Chiefs of Staff", 0.8),
    "UNITED STATES AIR FORCE": ("Department of the Air Force", 0.85),
    "DEPARTMENT OF THE AIR FORCE": ("Department of the Air Force", 0.85),
    "DEPARTMENT OF THE NAVY": ("Department of the Navy", 0.85),
}
DIRECTORATES = {
    "DIRECTORATE OF INTELLIGENCE": "Directorate of Intelligence",
    "DIRECTORATE OF OPERATIONS": "Directorate of Operations",
    "DIRECTORATE OF SCIENCE AND TECHNOLOGY": "Directorate of Science and Technology",
    "DIRECTORATE OF ADMINISTRATION": "Directorate of Administration",
    "NATIONAL FOREIGN ASSESSMENT CENTER": "National Foreign Assessment Center",
}
_FBI_RE = re.compile(
    r"^[ \t]*(?:FD-\d{2,3}[ \t]?\(Rev|(?:TO|FROM)?:?[ \t]*S?A?SAC,[ \t]?[A-Z])", re.M
)
# The DI note as the reference gives it: "This memorandum was prepared by ..." (a report
# "prepared by a representative of the Office of Security" cited in prose is another's).
_PREPARED_RE = re.compile(
    r"\bThis[ \t\n]{1,3}(?:memorandum|paper|assessment)[ \t\n]{1,3}was[ \t\n]{1,3}prepared"
    r"[ \t\n]{1,3}by\b"
)
_UNITS_RE = re.compile(
    r"(?:(?P<branch>(?:[A-Z][\w&'-]*[ \t\n]|and[ \t\n]){1,6}Branch),[ \t\n]{0,3})?"
    r"(?:(?P<division>(?:[A-Z][\w&'-]*[ \t\n]|and[ \t\n]){1,6}Division),[ \t\n]{0,3})?"
    r"(?P<office>Office[ \t\n]of[ \t\n](?:[A-Z][\w&'-]*|and|the|of)(?:[ \t\n](?:[A-Z][\w&'-]*"
    r"|and|the|of)){0,6})(?=[.,;\n])"
)
_HEADING_RE = re.compile(r"^[ \t]*(?:\*\*)?[ \t]*Summary[ \t]*(?:\*\*)?[ \t:.]*$", re.I)
_CODE_LINE_RE = re.compile(r"^[\W_]*(?:25X\d|\(b\)\(\d\)|b\d[A-F]?)[\W_]*(?:\s+25X\d[\W_]*)*$")
_TITLE_RE = re.compile(r"^[A-Z][\w .,'’&()/-]{1,60}:[ \t]+\S")


def norm_line(text: str) -> str:
    """A line as a letterhead key: markdown and edge dirt removed, upper case, single spaces."""
    return squash(strip_markdown(text)).strip(_EDGE).upper()


def letterhead_agency(lines: list[Line], lo: int, hi: int) -> tuple[str, float, str] | None:
    """The agency named by a standalone letterhead line on the first page."""
    for ln in lines[lo:hi]:
        if len(ln.text) > 90:
            continue
        key = norm_line(ln.text)
        if key in LETTERHEADS:
            agency, conf = LETTERHEADS[key]
            return agency, conf, key
    return None


# CIA house marks on page 1: file-copy stamp, routing sheet, cable and dispatch formats.
_CIA_RE = re.compile(
    r"RETURN[ \t]TO[ \t]CIA|ROUTING[ \t]AND[ \t]RECORD[ \t]SHEET|CLASSIFIED[ \t]MESSAGE"
    r"|DISPATCH\b|CITE\b|DDP\b"
)


def cia_signals(head: str) -> bool:
    """CIA house marks near the top of the first page."""
    return bool(_CIA_RE.search(head))


def fbi_signals(text: str) -> bool:
    """FBI form numbers or SAC addressees near the top of the page."""
    return bool(_FBI_RE.search(text[:5000]))


def directorate(lines: list[Line], lo: int, hi: int) -> str | None:
    """A CIA directorate printed as its own line on the first page."""
    for ln in lines[lo:hi]:
        if len(ln.text) > 90 or "IRECTORATE" not in ln.text.upper() and "CENTER" not in ln.text:
            continue
        key = norm_line(ln.text)
        if key in DIRECTORATES:
            return DIRECTORATES[key]
    return None


def prepared_by(text: str) -> dict[str, str]:
    """Office, division and branch from the DI note 'This memorandum was prepared by ...'."""
    for m in _PREPARED_RE.finditer(text):
        window = text[m.end() : m.end() + 300].split("\n\n")[0]
        units = _UNITS_RE.search(window)
        if units:
            return {k: squash(v) for k, v in units.groupdict().items() if v}
    return {}


def is_code_line(text: str) -> bool:
    """A line holding only margin exemption codes such as '25X1' or '25X1.'."""
    return bool(_CODE_LINE_RE.match(text.strip()))


def di_title(lines: list[Line], date_line: int) -> str | None:
    """The title of a DI memo: the line(s) right after the date line on page 1."""
    parts: list[str] = []
    for ln in lines[date_line + 1 : date_line + 12]:
        text = strip_markdown(ln.text).strip()
        if not text:
            if parts:
                break
            continue
        if is_code_line(text) or _HEADING_RE.match(text):
            break
        if len(text) > 160 or letters_ratio(text) < 0.7 or text.endswith("."):
            break
        parts.append(text)
        if len(parts) == 2:
            break
    title = squash(" ".join(parts))
    return title if 8 <= len(title) <= 250 else None


def looks_like_di_title(title: str) -> bool:
    """'Country: Topic' titles are the DI house style."""
    return bool(_TITLE_RE.match(title))


def summary(lines: list[Line], lo: int, hi: int) -> str | None:
    """The paragraph(s) under a 'Summary' heading, up to a marker line or a subheading."""
    start = next(
        (i for i in range(lo, min(hi, len(lines))) if _HEADING_RE.match(lines[i].text)), None
    )
    if start is None:
        return None
    paragraphs: list[list[str]] = [[]]
    for ln in lines[start + 1 : start + 80]:
        text = ln.text.strip()
        if not text:
            if paragraphs[-1]:
                paragraphs.append([])
            continue
        if is_code_line(text):
            break
        heading = len(text) < 70 and not text.endswith((".", ",", ";", ":")) and not paragraphs[-1]
        if heading and any(paragraphs):
            break
        paragraphs[-1].append(text)
        if len(paragraphs) > 3:
            break
    body = [squash(" ".join(p)) for p in paragraphs if p][:3]
    result = "\n\n".join(body)
    return result if len(result) >= 40 else None
