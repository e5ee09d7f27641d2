"""The CIA office a memorandum's foot names where no earlier rule read one (run last).

- A CIA memorandum's distribution list keeps one copy for the writing office's chronological
  file: "1 - CI/R&A/chrono", "1 - OLC/Chrono", "1 - LA/COG/Chrono". The office whose chrono
  the list names is the writer's own; a list naming the chronos of two offices gives none.
"""

import re

from . import originators

# A distribution line naming an office's chrono copy: "1- CI/R&A/chrono", ": 1 - LA/COG/Chrono".
_CHRONO_RE = re.compile(
    r"^[\W\d_]{0,10}(?P<path>[A-Z]{2,5}(?:/[A-Z0-9&]{1,8}){0,3})[ \t]?/[ \t]?[Cc]hrono\b"
)


def office_hints(ctx, out) -> None:
    """The office a CIA memorandum's chrono copy names, where no rule before read one."""
    if "office" in out.values or out.values.get("agency") != originators.CIA:
        return
    for rule in (chrono_office,):
        if hit := rule(ctx, out):
            office, i, name = hit
            line = ctx.lines[i]
            out.offer("office", office, 0.65, span=(line.start, line.end), rule=name)
            return


def _office(path: str) -> str | None:
    """The CIA office a symbol path names ("CI/R&A": Counterintelligence Staff; "OLC")."""
    unit = originators.party(path, originators.CIA)
    if unit and unit.office:
        return unit.office
    return originators.CIA_COMPONENTS.get(path.split("/")[0])


def chrono_office(ctx, out) -> tuple[str, int, str] | None:
    """(office, line, rule) of the chrono copy a distribution list keeps; none where the list
    names the chronos of two offices."""
    found: dict[str, int] = {}
    for i in range(ctx.lo, len(ctx.lines)):
        if ctx.noise(i):
            continue
        m = _CHRONO_RE.match(ctx.lines[i].text.strip())
        if m and (office := _office(m["path"])):
            found.setdefault(office, i)
    if len(found) != 1:
        return None
    office, i = found.popitem()
    return office, i, "chrono-copy"
