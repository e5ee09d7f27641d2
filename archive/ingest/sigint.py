"""The parties of an NSA SIGINT report: the Agency issues it, its "Dist:" line addresses it.

An NSA translation report heads its first page with the report's serial ("3/0/NED/T12-63",
"2X/0/CED/T1-64": release level, originating office, series and number, year) and the
distribution code it went to ("Dist: HCF"). Its "FR" and "TO" lines name the parties of the
message it translates, not its own: the report itself is the Agency's, and the catalogue
records it so ("FROM: NSA", "TO: HCF").
"""

import re

from .families import NSA

# The report's serial on a line of its own (OCR may open it with a bracket or misread a digit).
_SERIAL_RE = re.compile(
    r"^\W{0,2}[0-9][Xx]?/[ \t]?[0O]/[ \t]?[A-Z][A-Z0-9]{0,4}/[ \t]?[A-Z0-9Ф]{0,2}\d{1,5}-\d{2}\b"
)
_DIST_RE = re.compile(r"^\W{0,2}Dist\W{0,3}[:;.]?[ \t]*(?P<code>[A-Z]{2,5})\W{0,3}$")
HEAD_LINES = 40  # the serial and the distribution stand at the top of the first page


def report_parties(ctx, out) -> None:
    """Offer the NSA as the sender of a SIGINT report read by its serial, and its distribution
    code as the addressee."""
    if out.values.get("agency") != NSA:
        return
    lines = ctx.lines[ctx.lo : ctx.lo + HEAD_LINES]
    serial = next((line for line in lines if _SERIAL_RE.match(line.text.strip())), None)
    if serial is None:
        return
    out.offer("sender", NSA, 0.75, span=(serial.start, serial.end), rule="sigint-serial")
    for line in lines:
        if m := _DIST_RE.match(line.text.strip()):
            span = (line.start + line.text.index(m["code"]), line.end)
            out.offer("recipient", m["code"], 0.7, span=span, rule="sigint-dist")
            return
