"""The document's own caption (its title): the SUBJECT line, a family's caption by its house
convention, the form's title, else a title composed of the document's type, parties and date.

A family's caption where it has no SUBJECT label:

- `fbi_case_caption`: FBI airtels, teletypes, letters and office memoranda put the case
  caption in capitals under the FROM line ("FROM: SAC, BUFFALO (92-100)" / "CRIMINAL
  INTELLIGENCE PROGRAM" / "AR"), before the "Re ..." reference or the first paragraph.
- `nsa_caption`: an NSA report's headline in capitals, over its "FR <place>:" line.
- `journal_caption`: the CIA Office of Legislative Counsel's daily journal and its addenda
  ("ADDENDUM TO JOURNAL" / "OFFICE OF LEGISLATIVE COUNSEL").
- `incident_caption`: the Army agent report's box "1. NAME OF SUBJECT OR TITLE OF INCIDENT".
"""

import datetime
import re

from . import fbicaptions, formcaptions, grammars, headerforms, headers, labels
from .patterns import Line, levenshtein, reads_cleanly, squash, trim_junk

_CIA = "Central Intelligence Agency"
_FBI_FAMILIES = ("fbi_airtel", "fbi_teletype", "fbi_letter", "fbi_office_memo")
# The sender's line of an FBI communication: labelled, or an office alone under the addressee.
_FBI_FROM_RE = re.compile(
    r"^\W{0,3}(?:(?:FROM|From|FRON|FROH|PROM)\W{0,3}[ \t]*|[A-Z][a-z]{1,2}[ \t]+)?"
    r"(?:SAC|ASAC|Legat|LEGAT|Director|DIRECTOR)\b[ ,.;]+[A-Za-z][^\n]{0,60}$"
)
_FBI_TO_RE = re.compile(
    r"^\W{0,3}(?:TO|To|T0)?\W{0,3}[ \t]*(?:DIRECTOR|Director|DIREC[A-Z]{2,3}|SAC|Legat|LEGAT)\b"
)
_BARE_FROM_RE = re.compile(r"^\W{0,3}(?:FROM|From|FRON|FROH|PROM)\W{0,3}$")
# A teletype's body is in capitals too: a caption's line is no sentence.
_PROSE_RE = re.compile(r"\b(?:ADVISED|STATED|REPORTED|THAT|WAS|WERE|WILL|HAS|HAVE|HAD)\b")
_AKA_RE = re.compile(r"\b(?:aka|et[ \t]al)\b")
# Where a caption ends: the reference, a numbered paragraph, an enclosure, a prose line.
_CAPTION_STOP_RE = re.compile(
    r"^\W{0,3}(?:Re(?=[ \t:,.]|[A-Z])|RE(?=[ \t:,.])|Reference|Rebu|Enclosed|There[ \t]|The[ \t]"
    r"|On[ \t]|\d{1,2}[.)][ \t])"
)
# A file number alone, a sub-file's too ("(105-5437 Sub A)", OCR: "1104-5437 Sub AI").
_FILE_ONLY_RE = re.compile(
    r"^\W{0,3}[(1]?\d{1,3}-\d{1,7}(?:[ \t]+Sub[ \t]+[A-Z0-9]{1,3})?\)?\W{0,3}$"
    r"|^\W{0,3}\d{6,}\W{0,3}$"
)


def _capitals(text: str) -> bool:
    """A line in capitals (a caption's line): most of its letters upper case ("aka" aside)."""
    letters = [c for c in _AKA_RE.sub("", text) if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) >= 0.85 * len(letters)


def _own(lines: list[Line], lo: int, hi: int, noise) -> list[int]:
    return [i for i in range(lo, min(hi, len(lines))) if lines[i].text.strip() and not noise(i)]


def _caption_run(lines: list[Line], own: list[int], k: int, limit: int = 5) -> list[int]:
    """The lines in capitals from own[k] on (a caption cut over lines), at most limit."""
    picked: list[int] = []
    for i in own[k : k + limit + 2]:
        text = lines[i].text.strip()
        if labels.label_of(lines[i]) or _CAPTION_STOP_RE.match(text):
            break
        if len(text.split()) >= 8 or _PROSE_RE.search(text):
            break
        text = fbicaptions.tail_debris(text)
        cut = picked and lines[picked[-1]].text.rstrip().endswith(",") and len(text) <= 40
        if _FILE_ONLY_RE.match(text):
            continue
        if not cut and (not _capitals(text) or not picked and sum(c.isalpha() for c in text) < 4):
            if picked or sum(c.isalpha() for c in text) >= 4:
                break
            continue  # OCR debris before the caption ("* RES", "DE")
        picked.append(i)
        if len(picked) >= limit:
            break
    return picked


_ODD_RE = re.compile(r"[|~°¢©®«»§¥£{}\[\]<>^_=*@#]")


def _join(lines: list[Line], picked: list[int]) -> str:
    """A caption's lines joined: a short last part (the case's character) after ";"."""
    value = ""
    for i in picked:
        text = labels.clean_value(_ODD_RE.sub(" ", fbicaptions.tail_debris(lines[i].text)))
        if not value:
            value = text
        elif len(text.split()) <= 3 and not value.endswith((",", "-", "&")):
            value = f"{value}; {text}"  # "CRIMINAL INTELLIGENCE PROGRAM" / "AR"
        else:
            value = f"{value} {text}"
    return trim_junk(squash(value))


def fbi_case_caption(lines: list[Line], lo: int, hi: int, noise) -> tuple[str, int] | None:
    """The case caption under an FBI communication's FROM line, with its first line."""
    own = _own(lines, lo, hi, noise)
    for k, i in enumerate(own[:60]):
        text = lines[i].text.strip()
        if not _FBI_FROM_RE.match(text):
            continue
        above = lines[own[k - 1]].text.strip() if k else ""
        labelled = re.match(r"^\W{0,3}(?:FROM|From|FRON|FROH|PROM)\b", text)
        labelled = labelled or _BARE_FROM_RE.match(above)  # "FROM" / "SAC, CHICAGO"
        if not labelled and not _FBI_TO_RE.match(above):
            continue  # an office alone is the sender only under the addressee's line
        picked = _caption_run(lines, own, k + 1)
        value = _join(lines, picked)
        if picked and sum(c.isalpha() for c in value) >= 6 and reads_cleanly(value):
            return value, picked[0]
        return None
    return None


_NSA_FROM_RE = re.compile(r"^\W{0,2}(?:FR|FM|FROM)[ \t]+[A-Z][A-Za-z .'-]{1,30}:")
_NSA_HEAD_RE = re.compile(r"^\W{0,3}(?:Dist|DIST|ST|IS|WS|Msg|Doc)\b|\d{2}Z\b|/")


def nsa_caption(lines: list[Line], lo: int, hi: int, noise) -> tuple[str, int] | None:
    """An NSA report's headline: the lines in capitals just over its "FR <place>:" line."""
    own = _own(lines, lo, hi, noise)
    for k, i in enumerate(own[:80]):
        if not _NSA_FROM_RE.match(lines[i].text.strip()):
            continue
        picked: list[int] = []
        for j in reversed(own[max(0, k - 3) : k]):
            text = lines[j].text.strip()
            if not _capitals(text) or _NSA_HEAD_RE.search(text) or len(text.split()) < 2:
                break
            picked.insert(0, j)
        value = " ".join(trim_junk(lines[j].text) for j in picked)
        value = re.sub(r"(?<=\w)[.:](?= )", "", squash(value))  # "CAMBODIAN: CONDITIONS ..."
        if picked and sum(c.isalpha() for c in value) >= 10:
            return value, picked[0]
        return None
    return None


_JOURNAL_RE = re.compile(
    r"(?i)^\W{0,3}((?:ADDENDUM[ \t]TO[ \t])?JOURNAL)\b[ \t\-–—,]*(?P<rest>.*)$"
)
_OLC_RE = re.compile(r"(?i)^\W{0,3}OFFICE[ \t]OF[ \t]LEGISLATIVE[ \t]COUNSEL\W*$")


def journal_caption(lines: list[Line], lo: int, hi: int, noise) -> tuple[str, int] | None:
    """The heading of the Office of Legislative Counsel's journal or of an addendum to it."""
    own = _own(lines, lo, hi, noise)
    for k, i in enumerate(own[:40]):
        m = _JOURNAL_RE.match(lines[i].text.strip())
        if not m:
            continue
        # "Journal - Office of Legislative Counsel Page 3": a later page numbered on the heading.
        rest = re.sub(r"(?i)[ \t]+Page[ \t]+\d{1,3}\W*$", "", squash(m["rest"]))
        if rest and not re.match(r"(?i)OFFICE[ \t]OF[ \t]LEGISLATIVE[ \t]COUNSEL\W*$", rest):
            return None
        office = rest or (
            "Office of Legislative Counsel"
            if k + 1 < len(own) and _OLC_RE.match(lines[own[k + 1]].text.strip())
            else ""
        )
        if not office:
            return None
        kind = m[1].capitalize().replace(" journal", " Journal")
        return f"{kind}, {office.title().replace(' Of ', ' of ')}", i
    return None


_INCIDENT_RE = re.compile(r"(?i)NAME[ \t]OF[ \t]S\w{5,7}[ \t]OR[ \t]TITLE[ \t]OF[ \t]INCIDENT")


def incident_caption(lines: list[Line], lo: int, hi: int, noise) -> tuple[str, int] | None:
    """The Army agent report's subject or incident: the line under its printed box."""
    own = _own(lines, lo, hi, noise)
    for k, i in enumerate(own[:80]):
        if not _INCIDENT_RE.search(lines[i].text):
            continue
        for j in own[k + 1 : k + 3]:
            text = trim_junk(squash(lines[j].text))
            if re.match(r"^\W{0,3}\d\W{0,2}[ \t]*[A-Z]{3,}", text):
                return None  # the next printed box: this one was left empty or OCR lost it
            if sum(c.isalpha() for c in text) >= 4 and reads_cleanly(text):
                return text, j
        return None
    return None


def report_caption(lines: list[Line], lo: int, hi: int, noise) -> tuple[str, int] | None:
    """An FBI report's TITLE OF CASE where the form's other boxes were not read."""
    hit = grammars.case_title(_own_text(lines, lo, min(hi, lo + 120), noise))
    return (str(hit.value), hit.line) if hit else None


def _own_text(lines: list[Line], lo: int, hi: int, noise) -> list[tuple[int, str]]:
    return [(i, lines[i].text) for i in _own(lines, lo, hi, noise)]


# A SUBJECT label OCR garbled past what labels.py reads ("supyecT:", "“ SUBJECT _? ...").
_LOOSE_SUBJECT_RE = re.compile(
    r"^\W{0,3}(?P<word>[Ss][A-Za-z]{4,7})[ \t]*[^A-Za-z0-9\s('’/]{1,4}"
    r"(?:[ \t]+[^A-Za-z0-9\s('’/]{1,2})?[ \t]*(?P<v>[^a-z\s].{3,})$"
)
_BARE_SUBJECT_RE = re.compile(r"^\W{0,3}SUBJECT\W{0,3}$")
_COLON_VALUE_RE = re.compile(r"^[ \t]{0,3}[:;][ \t]*(?P<v>[A-Za-z(\"'][^\n]{3,})$")


def loose_subject(lines: list[Line], lo: int, hi: int, noise) -> tuple[str, int] | None:
    """A SUBJECT line whose label OCR garbled, or whose value OCR set apart, led by its colon
    a few lines under the bare label (the address block's values between)."""
    own = _own(lines, lo, hi, noise)
    for k, i in enumerate(own[:60]):
        text = lines[i].text.strip()
        if labels.PARA_RE.match(text) or labels.is_prose(text):
            return None  # the body begins: a header's label stands above it
        m = _LOOSE_SUBJECT_RE.match(text)
        at, value = None, ""
        if m and levenshtein(m["word"].upper(), "SUBJECT", 2) <= 2:
            at, value = i, m["v"]
        elif _BARE_SUBJECT_RE.match(text):
            for j in own[k + 1 : k + 6]:
                if hit := _COLON_VALUE_RE.match(lines[j].text):
                    at, value = j, hit["v"]
                    break
        if at is None:
            continue
        value, _conf = headers._subject(lines, at, value, lambda v: v)
        if labels.plausible_caption(value) and reads_cleanly(value) and len(value) <= 200:
            return value, at
        return None
    return None


def heading(lines: list[Line], lo: int, hi: int, noise) -> tuple[str, int] | None:
    """A clean heading opening the document (headerforms.heading_line), for a family known only
    once the whole head was read (a FRUS history's minutes)."""
    at = headerforms.heading_line(lines[lo : lo + 3])
    return (lines[lo + at].text.strip(), lo + at) if at is not None else None


_READERS = (
    ("heading", heading, 0.8),
    ("fbi-case-title", report_caption, 0.7),
    ("fbi-report-title", fbicaptions.old_form_title, 0.7),
    ("fbi-teletype-caption", fbicaptions.teletype_caption, 0.7),
    ("fbi-report-lhm-caption", fbicaptions.enclosed_lhm_caption, 0.6),
    ("fbi-caption", fbi_case_caption, 0.7),
    ("nsa-caption", nsa_caption, 0.75),
    ("journal-heading", journal_caption, 0.8),
    ("incident", incident_caption, 0.8),
    ("subject-loose", loose_subject, 0.65),
    ("printed-caption", formcaptions.printed_caption, 0.6),
)


def family_caption(ctx, out) -> None:
    """Offer the caption a family's convention places, when no SUBJECT line was read."""
    name = ctx.family.name
    fbi = out.values.get("agency") == "Federal Bureau of Investigation"
    wanted = {
        "heading": name in ("minutes", "letter", "other"),
        "subject-loose": True,
        "fbi-case-title": name == "fbi_report",
        "fbi-report-title": name == "fbi_report",
        "fbi-teletype-caption": name == "fbi_teletype",
        "fbi-report-lhm-caption": name == "fbi_report",
        "fbi-caption": name in _FBI_FAMILIES or fbi and name in ("letter", "other"),
        "nsa-caption": name == "nsa_report",
        "journal-heading": name == "other",
        "incident": name in ("military_memo", "other"),
        "printed-caption": name in ("other", "cia_memo") and out.values.get("agency") == _CIA,
    }
    hi = min(len(ctx.lines), ctx.lo + 200)
    for rule, reader, confidence in _READERS:
        if not wanted[rule]:
            continue
        if hit := reader(ctx.lines, ctx.lo, hi, ctx.noise):
            line = ctx.lines[hit[1]]
            out.offer("title", hit[0], confidence, span=(line.start, line.end), rule=rule)
            return


def title_fields(ctx, out) -> None:
    """The document's own caption, else the form's title, else a title composed of its parts."""
    if "title" in out.values:
        return
    if "subject" in out.values:
        conf = out.confidence["subject"] * 0.95
        out.offer(
            "title", out.values["subject"], conf, "title: taken from the SUBJECT line",
            span=out.sources.get("subject"), rule="subject",
        )  # fmt: skip
    else:
        family_caption(ctx, out)
    if "form_title" in out.values:
        out.offer(
            "title", out.values["form_title"], 0.7, "title: as catalogued on the NARA form",
            span=out.sources.get("form_title"), rule="form-title",
        )  # fmt: skip
    if "title" not in out.values:
        composed = compose_title(out.values, ctx.family.document_type)
        parts = [out.confidence[k] for k in ("sender", "recipient", "date") if k in out.values]
        if composed and parts:
            out.offer(
                "title",
                composed,
                min(parts),
                "title: composed from the document's type, parties and date",
                rule="composed",
            )


def compose_title(values: dict, document_type: str) -> str | None:
    """'Airtel, SAC, New York to Director, FBI, 17 June 1959' from what is known."""
    kind = document_type or "Document"
    parts = []
    # A party OCR garbled ("Chie? wuMBce, WH/SA/T0S") would make the title garbage: left out.
    sender, recipient = (
        v if isinstance(v, str) and reads_cleanly(v) else None
        for v in (values.get("sender"), values.get("recipient"))
    )
    if sender and recipient:
        parts.append(f"{sender} to {recipient}")
    elif sender:
        parts.append(f"from {sender}")
    elif recipient:
        parts.append(f"to {recipient}")
    date = values.get("date")
    if isinstance(date, datetime.date):
        precision = values.get("date_precision", "day")
        shown = {"year": str(date.year), "month": date.strftime("%B %Y")}.get(
            precision, f"{date.day} {date.strftime('%B %Y')}"
        )
        parts.append(shown)
    if not parts or not document_type and not (sender or recipient):
        return None
    return ", ".join([kind, *parts])[:300]
