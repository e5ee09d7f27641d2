"""Header labels OCR read in a run above their values (TO / FROM / SUBJECT stacked, then the
values in the same order)."""

import re
from collections.abc import Callable

from .labels import (
    CUT_TITLE_RE,
    FBI_FORM_RE,
    FORM_CAPTION_RE,
    LONE_ADDRESSEE_RE,
    OFFICIAL_TITLE_RE,
    OTHER_LABEL_RE,
    PARA_RE,
    VALUE_STOP_RE,
    Header,
    clean_value,
    is_noise,
    is_prose,
    label_of,
    plausible_caption,
)
from .patterns import Line, squash

_TITLED_RE = re.compile(r"(?i)^\W{0,3}(?:Acting[ \t])?(?:Chief|Director|SAC|Legat)\b")

_RUN_LABELS = ("MEMORANDUM FOR", "TO", "FROM", "SUBJECT", "VIA", "THRU", "ATTENTION", "REFERENCE")

_INITIAL_END_RE = re.compile(r"\b[A-Z][a-z]+[ \t][A-Z]\.$")

_GEN_REG_RE = re.compile(r"GEN\.?[ \t]REG\.?[ \t]NO")  # "GSA GEN. REG. NO. 27" of the form


def _run_debris(text: str) -> bool:
    """A line among a label run's values that is no value: a bare label of another field
    ("ATE:"), or a lone fragment ("Declas", "SEQ") that names no one and captions nothing."""
    if OTHER_LABEL_RE.match(text) or FBI_FORM_RE.search(text) or _GEN_REG_RE.search(text):
        return True
    words = text.split()
    if len(words) != 1 or LONE_ADDRESSEE_RE.match(text):
        return False
    word = words[0].strip(".,;:")
    return not word.isupper() or len(word) <= 3 and word not in _RUN_CODES


# Short codes that are whole values of a run ("TO" / "HQ").
_RUN_CODES = {"HQ", "FBI", "CIA", "NSA", "DCI", "DDP", "DDO", "DDI", "OGC", "OLC", "FILE"}


def label_run(
    lines: list[Line], lo: int, hi: int, fix: Callable[[str], str], noise=None
) -> dict[str, Header]:
    """Header labels OCR'd in a run ("TO:", "FROM:", "SUBJECT:") with their values in a run of
    their own below them: one value line for each label, the last label (SUBJECT) taking the
    capitalised caption lines that follow."""

    def own(j: int) -> bool:
        return lines[j].text.strip() != "" and not (noise is not None and noise(j))

    i = lo
    while i < hi:
        run: list[tuple[str, int]] = []
        j = i
        while j < hi and len(run) < 6:
            if not own(j):
                j += 1
                continue
            hit = label_of(lines[j])
            if not hit or hit[1].strip() or hit[0] not in _RUN_LABELS:
                break
            run.append((hit[0], j))
            j += 1
        if len(run) < 2:
            i = max(j, i + 1)
            continue
        values: list[int] = []
        k = j
        while k < min(len(lines), j + 20) and len(values) < len(run) + 3:
            if own(k):
                text = lines[k].text
                if label_of(lines[k]) or PARA_RE.match(text) or is_prose(squash(text)):
                    break
                if not _run_debris(squash(text)):
                    values.append(k)
            k += 1
        if len(values) < len(run):
            i = j
            continue
        found: dict[str, Header] = {}
        pointer = 0
        for n, (label, at) in enumerate(run):
            if pointer >= len(values):
                break
            picked = [values[pointer]]
            pointer += 1
            if n < len(run) - 1:
                # A name's title on the next line stays with it ("Raymond A. Warren" /
                # "Chief, Latin America Division"), if values remain for the labels after.
                # A value that is itself a title ("DIRECTOR, FBI") takes no second one.
                spare = len(values) - pointer > len(run) - 1 - n
                named = not _TITLED_RE.match(lines[picked[0]].text.strip())
                first = lines[picked[0]].text.strip()
                # A value cut after a title ("Director" / "Federal Bureau of Investigation")
                # or an initial ("Donald P." / "Gregg") goes on on the next line.
                cut = CUT_TITLE_RE.match(first) or _INITIAL_END_RE.search(first)
                nxt = lines[values[pointer]].text.strip() if pointer < len(values) else ""
                if spare and (named and OFFICIAL_TITLE_RE.match(nxt) or cut):
                    picked.append(values[pointer])
                    pointer += 1
            else:
                for extra in values[pointer:]:
                    text = lines[extra].text.strip()
                    if text.upper() != text or VALUE_STOP_RE.match(text):
                        break
                    picked.append(extra)
            value = clean_value(" ".join(lines[p].text for p in picked), fix)
            if label == "SUBJECT" and not plausible_caption(value):
                continue
            if len(value) >= 2 and not FORM_CAPTION_RE.search(value) and not is_noise(value):
                span = (lines[picked[0]].start, lines[picked[-1]].end)
                found[label] = Header(value, at, 0.7, span)
        return found
    return {}
