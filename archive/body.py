"""A memo's own text: where a record's form, stamps and page furniture stand, and its opening.

A released record carries more than the memo (archive.ingest.anatomy): NARA's identification
form, release and review stamps, page furniture, routing sheets. Snippets, summaries, the
excerpts of result lists and feeds, and the passages shown around an entity keep to the rest,
the document's own text. A memo's `parts` say where each part is. A memo stored before parts
were kept (parts == []) is read cheaply instead of dissected again (a dissection costs ~13 ms,
too much per search result): the form is found by its heading and its page's footer, and only
the lines an excerpt or a snippet looks at are judged, each on its own (anatomy.line_kind).
Routing sheets are then not told apart, but their lines seldom read as prose, and the opening
starts at the first passage of prose.
"""

import re
from bisect import bisect_right

from archive.ingest.anatomy import NOT_BODY, line_kind
from archive.ingest.patterns import JFK_RELEASE_RE, NARA_FOOTER_RE
from archive.ingest.riflabels import RIF_START_RE

# The longest opening kept with a memo (Memo.excerpt): a feed entry's summary; lists show less.
EXCERPT_CHARS = 500
# Where the heading of an identification form may stand, and how far its page may run.
FORM_HEAD = 6000
FORM_SPAN = 20_000
# The most text an opening looks through for its first passage of prose.
OPENING_SCAN = 15_000
# Characters of prose lines in a row that make a passage worth opening with.
PASSAGE = 100
# Characters of a line read to judge it: as prose, and as a stamp or furniture (stamps are
# short lines and furniture stands at a line's start).
JUDGED = 300
STAMP_JUDGED = 120

LINE = re.compile(r"[^\n\r\f]+")
# A page break: a form feed, or the page heading of a Markdown OCR export ("## Page 2").
_PAGE_BREAK = re.compile(r"\f|^#{1,3}[ \t]*Page[ \t]+\d", re.MULTILINE)
# What RIF_START_RE looks for, found first by plain substring search (a case-insensitive
# regex over a form's worth of text costs ~0.1 ms; these cost microseconds).
_FORM_WORDS = ("IDENTIFICATION", "Identification", "ASSASSINATION SYSTEM", "Assassination System")
# A header label opening a line ("SUBJECT:", "MEMORANDUM FOR:", "FROM :"): not a sentence.
_LABEL = re.compile(r"^\W{0,3}[^\W\d_][\w .&/()'-]{0,30}?[ \t]?[:;](?:[ \t]|$)")
# A word as typed: lower case, Capitalised or capitals, maybe with ' - . inside ("U.S.").
_WORDLIKE = re.compile(r"(?:[A-Z]?[a-z]+|[A-Z]+)(?:['’.-](?:[A-Z]?[a-z]+|[A-Z]+))*\.?", re.ASCII)
_NUMBER = re.compile(r"[\d\W]+")
_EDGES = "\"'“”‘’()[]{}<>,;:!?*_|~^`«»"
# The commonest words of English prose: OCR debris and headings seldom have many of them.
_COMMON_WORDS = """
a about after all also an and any are as at be because been before being between both but by
can could did do does during each for from further had has have having he her here him his how
i if in into is it its may me more most must my no nor not now of on once only or other our out
over own said same she should since so some such than that the their them then there these they
this those through to under until up upon us very was we were what when where which while who
whom why will with within would you your
"""
_COMMON = frozenset(re.split(r"\s+", _COMMON_WORDS.strip()))


def judge(line):
    """(debris, prose) of one line. Debris has no word, or as many unreadable tokens as words;
    prose reads as a sentence (five words or more, common words among them), not a label, a
    heading or debris. Only the line's first JUDGED characters are read."""
    line = line[:JUDGED].strip()
    words = other = common = 0
    for token in line.split():
        token = token.strip(_EDGES)
        if not token or _NUMBER.fullmatch(token):
            continue  # numbers and dates are neither words nor debris
        if len(token) > 1 and _WORDLIKE.fullmatch(token):
            words += 1
            common += token.lower() in _COMMON
        else:
            other += 1
    if not words or other >= words:
        return True, False
    prose = (
        len(line) >= 25
        and words >= 5
        and other * 4 <= words
        and common >= 2
        and common * 5 >= words
        and not _LABEL.match(line)
    )
    return False, prose


def form_end(text):
    """Where an identification form opening the text ends, 0 without one: at its page's footer
    (NARA's form is one page), else where the next page begins or, wanting both, where prose
    begins."""
    found = [i for i in (text.find(word, 0, FORM_HEAD) for word in _FORM_WORDS) if i >= 0]
    head = found and RIF_START_RE.search(text, max(0, min(found) - 4), FORM_HEAD)
    if not head:
        return 0
    limit = min(len(text), head.end() + FORM_SPAN)
    page = _PAGE_BREAK.search(text, head.end(), limit) or JFK_RELEASE_RE.search(
        text, head.end(), limit
    )
    if page:
        limit = text.rfind("\n", 0, page.start()) + 1
    footer = NARA_FOOTER_RE.search(text, head.end(), limit)
    if footer and footer.group(1) not in (None, "1"):
        footer = None  # a later page's: the form's own footer stood above its heading
    if footer:
        line_end = text.find("\n", footer.end())
        return len(text) if line_end < 0 else line_end + 1
    if page:
        return limit
    for line in LINE.finditer(text, head.end(), limit):
        value = line.group().strip()
        # rif's own test of where the document behind a form begins, past the form's labels.
        long = len(value) >= 70 or len(value) >= 50 and sum(c.islower() for c in value) >= 10
        if long and not _LABEL.match(value):
            return line.start()
    return 0


def clip(text, width):
    """text cut to about `width` characters at a word boundary, with " …" when cut."""
    if len(text) <= width:
        return text
    cut = text.rfind(" ", 0, width)
    return text[: cut if cut > width // 2 else width].rstrip() + " …"


def excerpt(text, parts=None, width=EXCERPT_CHARS):
    """The opening of a text's own body as plain text (see Body.opening)."""
    return Body(text or "", parts).opening(width)


def noise_spans(text, parts=None):
    """The spans of a text that are not the document's own (form, stamps, page furniture,
    routing sheets): from its parts, or, without them, the form and each stamp or furniture
    line read on its own."""
    body = Body(text or "", parts)
    if body.known:
        return list(zip(body._starts, body._ends, strict=True))
    spans = [(0, body.form_end)] if body.form_end else []
    for match in LINE.finditer(body.text, body.form_end):
        if line_kind(match.group()[:STAMP_JUDGED]) is not None:
            spans.append(match.span())
    return spans


def own_text(text, parts=None):
    """The text without what noise_spans() finds (forms, stamps, page furniture, routing
    sheets), each such span left out for a line break: what the search index reads of a memo,
    so that a release stamp's words match nothing and count for nothing."""
    text = text or ""
    kept, position = [], 0
    for start, end in sorted(noise_spans(text, parts)):
        if start > position:
            kept.append(text[position:start])
        if end > position:
            kept.append("\n")
            position = end
    kept.append(text[position:])
    return "".join(kept)


class Body:
    """A memo's text with what is not the document's own: form, stamps, furniture, routing."""

    def __init__(self, text, parts=None):
        self.text = text
        spans = sorted((p[1], p[2]) for p in parts or () if p[0] in NOT_BODY)
        # Parts of an older text (corrected since) may overrun it: then read it afresh.
        self.known = bool(parts) and all(0 <= start <= end <= len(text) for start, end in spans)
        self._starts = [start for start, _end in spans] if self.known else []
        self._ends = [end for _start, end in spans] if self.known else []
        self.form_end = 0 if self.known else form_end(text)
        self._judged = {}

    def noise_at(self, pos):
        """Whether the character at pos is in a form, stamp, page furniture or routing sheet."""
        if self.known:
            i = bisect_right(self._starts, pos) - 1
            return i >= 0 and pos < self._ends[i]
        if pos < self.form_end:
            return True
        start = self.text.rfind("\n", 0, pos) + 1
        inner = max(self.text.rfind("\f", start, pos), self.text.rfind("\r", start, pos))
        line = LINE.match(self.text, max(start, inner + 1))
        return bool(line) and not self.own(line.start(), line.group())

    def own(self, start, line):
        """Whether a line `lines()` gave (at offset start) is the document's own text."""
        if self.known:
            return True  # lines() leaves the known noise out
        judged = self._judged.get(start)
        if judged is None:
            judged = self._judged[start] = line_kind(line[:STAMP_JUDGED]) is None
        return judged

    def lines(self, start, stop):
        """(offset, line) of the whole non-empty lines that text[start:stop] reaches into,
        outside the known noise: all of it when the parts are known, else the form (ask `own`
        of each line)."""
        text = self.text
        start = max(text.rfind("\n", 0, start), text.rfind("\f", 0, start)) + 1
        for lo, hi in self._segments(start, stop):
            for match in LINE.finditer(text, lo, hi):
                line = match.group()
                if match.end() == hi < len(text) and text[hi] not in "\n\r\f":
                    line = LINE.match(text, match.start()).group()  # the rest of the line
                yield match.start(), line

    def own_spans(self, start, stop):
        """The spans of text[start:stop] in lines of the document's own, lines in a row joined."""
        if self.known:
            i = bisect_right(self._starts, stop - 1) - 1
            if i < 0 or self._ends[i] <= start:  # (parts are sorted and never overlap)
                return [(start, stop)]  # no known noise there
        spans = []
        for lo, line in self.lines(start, stop):
            if not self.own(lo, line):
                continue
            span = (max(lo, start), min(lo + len(line), stop))
            if spans and not self.text[spans[-1][1] : span[0]].strip():
                span = (spans.pop()[0], span[1])
            spans.append(span)
        return spans

    def _segments(self, start, stop):
        if not self.known:
            if max(start, self.form_end) < stop:
                yield max(start, self.form_end), stop
            return
        i, pos = max(0, bisect_right(self._starts, start) - 1), start
        while i < len(self._starts) and self._starts[i] < stop:
            if self._starts[i] > pos:
                yield pos, self._starts[i]
            pos = max(pos, self._ends[i])
            i += 1
        if pos < stop:
            yield pos, stop

    def opening(self, width=EXCERPT_CHARS):
        """The start of the document's own text as plain text, about `width` characters: its
        first passage of prose and what follows, past forms, stamps, furniture, routing sheets,
        headings and OCR debris ("" when the opening scan finds nothing of its own)."""
        found = self._first_passage()
        if found is None:
            return ""
        taken, size = [], 0
        for start, line in self.lines(found, min(len(self.text), found + width * 8)):
            if judge(line)[0] or not self.own(start, line):
                continue
            taken.append(" ".join(line.split()))
            size += len(taken[-1]) + 1
            if size > width:
                break
        return clip(" ".join(taken), width)

    def _first_passage(self):
        """Where the first PASSAGE characters of prose lines in a row start (stamps and
        furniture between them skipped, a line going on with a sentence counted), from the line
        before when the first starts in mid-sentence; else the longest run of prose lines; else
        the first line of its own that is not debris; None when the opening scan finds none."""
        run_start, run_size, best, best_size, previous = None, 0, None, 0, None
        first_lines = []
        stop = min(len(self.text), self.form_end + OPENING_SCAN)
        for start, line in self.lines(self.form_end, stop):
            debris, prose = judge(line)
            if debris:
                continue
            if not prose and run_start is not None and line.lstrip()[:1].islower():
                prose = True  # a sentence of the run going on ("resignation to R. Maheu, ...")
            if not prose:
                # Stamps and furniture are seldom prose: only lines kept are asked about.
                run_start, run_size = None, 0
                if len(first_lines) < 5:
                    first_lines.append((start, line))
                # A line that may begin the sentence the next one goes on with.
                previous = start if len(line.split()) >= 3 and not _LABEL.match(line) else None
                continue
            if not self.own(start, line):
                continue
            if run_start is None:
                run_start, run_size = start, 0
                if previous is not None and line.lstrip()[:1].islower():
                    run_start = previous  # a sentence begun on the line before
            run_size += len(line.strip())
            if run_size >= PASSAGE:
                return run_start
            if run_size > best_size:
                best, best_size = run_start, run_size
            previous = start
        if best is not None:
            return best
        return next((start for start, line in first_lines if self.own(start, line)), None)
