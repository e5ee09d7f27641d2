"""The Xapian engine (SEARCH_URL=xapian:///path): our search on a Xapian database.

Documents are written by the index queue's writer only (queue.py, under the archive's writer
lock), with the terms of the Whoosh analyzer (whoosh_backend.text_analyzer), so stems, phrases
and snippets behave as on Whoosh:

    <stem>            full text, with positions          W<word>     its unstemmed words
    S / XO / XA / XF / XT + stem: title, office, agency, from, to (W + prefix + word: words)
    XI:<id>  XC:<code>  exact identifiers and exemption codes
    F<facet>:<value>  one term per facet value, for filters   Q<haystack id>  the document
    value slots: 0 memo id, 1 date (YYYYMMDD), 2 publication time, 3.. one per facet

Wildcards and ~ words are expanded here from the term list, with the Whoosh engine's caps and
warnings; facets are counted by ValueCountMatchSpy over the whole result set, a facet with a
chosen value in a pass of its own without that choice (OR within a facet, AND across).
"""

import datetime
import json
import math
import threading
import time
from itertools import islice
from pathlib import Path

import xapian

from archive.identifiers import doc_key
from archive.search import query as q
from archive.search.params import FACETS, FACETS_BY_NAME
from archive.search.whoosh_backend import SEPARATOR, text_analyzer
from archive.search.whoosh_suggest import COMMONER, _words, distance, levenshtein, ocr_variants

# User field name -> term prefix (text fields) or exact prefix (identifiers, codes).
PREFIXES = {None: "", "title": "S", "office": "XO", "agency": "XA", "from": "XF", "to": "XT"}
EXACT = {"doc": "XI:", "code": "XC:"}
INDEX_FIELDS = {"text": "", "title": "S", "office": "XO", "agency": "XA"}
INDEX_FIELDS.update(sender="XF", recipient="XT")
ID_SLOT, DATE_SLOT, PUBLISHED_SLOT = 0, 1, 2
FACET_SLOTS = {facet.name: 3 + number for number, facet in enumerate(FACETS)}
MAX_TERM_BYTES = 240  # Xapian refuses terms past 245 bytes
# The Whoosh engine's caps (whoosh_query, whoosh_run, whoosh_similar).
MAX_PREFIX_TERMS = 64
MAX_FUZZY_TERMS = 32
MAX_PREFIX_SCAN = 10_000
MAX_FUZZY_SCAN = 20_000
KEY_TERMS = 12
MAX_SHARE = 0.2
TEXT_CHARS = 40_000
NO_DATE_LAST = "99999999"
ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"


def term(prefix, text):
    """A term, cut to Xapian's length limit on a character boundary."""
    raw = (prefix + text).encode("utf-8")
    if len(raw) <= MAX_TERM_BYTES:
        return prefix + text
    return raw[:MAX_TERM_BYTES].decode("utf-8", "ignore")


def _facet_value(facet, value):
    if facet.kind == "bool":
        return "yes" if value else "no"
    return str(value)


def build_document(prepared):
    """A xapian.Document from MemoIndex's prepared values."""
    analyzer = text_analyzer()
    doc = xapian.Document()
    position = 1
    for field, prefix in INDEX_FIELDS.items():
        text = prepared.get(field)
        if not text:
            continue
        for token in analyzer(str(text), positions=True):
            if token.text:
                doc.add_posting(term(prefix, token.text), position + token.pos)
        position += 100_000  # no phrase spans two fields
        for token in analyzer(str(text), no_morph=True):
            if token.text:
                doc.add_term(term("W" + prefix, token.text))
    for value in prepared.get("identifiers") or ():
        doc.add_term(term(EXACT["doc"], doc_key(value)))
    for value in prepared.get("codes") or ():
        doc.add_term(term(EXACT["code"], str(value)))
    for facet in FACETS:
        raw = prepared.get(f"{facet.field}_exact", prepared.get(facet.field))
        values = raw if isinstance(raw, list | tuple) else [] if raw in (None, "") else [raw]
        values = [_facet_value(facet, value) for value in values]
        for value in values:
            doc.add_term(term(f"F{facet.name}:", value))
        if values:
            doc.add_value(FACET_SLOTS[facet.name], SEPARATOR.join(values))
    doc.add_value(ID_SLOT, xapian.sortable_serialise(int(prepared["django_id"])))
    if prepared.get("date"):
        doc.add_value(DATE_SLOT, prepared["date"].strftime("%Y%m%d"))
    if prepared.get("published"):
        doc.add_value(PUBLISHED_SLOT, prepared["published"].isoformat())
    stored = {key: value for key, value in prepared.items() if key != "text"}
    doc.set_data(json.dumps(stored, default=_json_default))
    doc.add_term(term("Q", prepared["id"]))
    return doc


def _json_default(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    raise TypeError(type(value))


class _Compiler(q.Budget):
    """One query's compilation against a database: expansions capped, stems recorded."""

    def __init__(self, db, warnings):
        super().__init__(warnings)
        self.db = db
        self.analyzer = text_analyzer()
        self.negated = 0
        self.stems = set()  # full-text stems of positive parts, for snippets

    def compile(self, node):
        if isinstance(node, q.And):
            return self.conjunction(node.children)
        if isinstance(node, q.Or):
            return xapian.Query(xapian.Query.OP_OR, [self.compile(c) for c in node.children])
        if isinstance(node, q.Not):
            return self.conjunction((node,))
        if isinstance(node, q.MatchAll):
            return xapian.Query.MatchAll
        if isinstance(node, q.YearRange):
            return years(node.start, node.end)
        field = getattr(node, "field", "")
        if field in EXACT:
            return self.exact(EXACT[field], node)
        prefix = PREFIXES.get(field)
        if prefix is None:
            return xapian.Query.MatchNothing
        if isinstance(node, q.Term):
            return self.words(prefix, (node.text,), 0)
        if isinstance(node, q.Phrase):
            return self.words(prefix, node.words, node.slop)
        if isinstance(node, q.Prefix):
            return self.prefix(prefix, node.text)
        if isinstance(node, q.Fuzzy):
            return self.fuzzy(prefix, node.text, node.distance)
        return xapian.Query.MatchNothing

    def conjunction(self, children):
        positive = [self.compile(c) for c in children if not isinstance(c, q.Not)]
        self.negated += 1
        negative = [self.compile(c.child) for c in children if isinstance(c, q.Not)]
        self.negated -= 1
        base = (
            xapian.Query(xapian.Query.OP_AND, positive)
            if len(positive) > 1
            else (positive or [xapian.Query.MatchAll])[0]
        )
        if not negative:
            return base
        return xapian.Query(
            xapian.Query.OP_AND_NOT, base, xapian.Query(xapian.Query.OP_OR, negative)
        )

    def leaf(self, prefix, stem):
        if prefix == "" and not self.negated:
            self.stems.add(stem)
        return xapian.Query(term(prefix, stem))

    def words(self, prefix, words, slop):
        stems = [t.text for word in words for t in self.analyzer(word) if t.text]
        if not stems:
            return xapian.Query.MatchNothing
        if len(stems) == 1:
            return self.leaf(prefix, stems[0])
        # Whoosh's slop is per gap between neighbours; Xapian's window spans the whole phrase.
        window = len(stems) + slop * (len(stems) - 1)
        return xapian.Query(xapian.Query.OP_PHRASE, [self.leaf(prefix, s) for s in stems], window)

    def exact(self, prefix, node):
        text = node.text if not isinstance(node, q.Phrase) else " ".join(node.words)
        if isinstance(node, q.Prefix | q.Fuzzy):
            label = f"{text}*" if isinstance(node, q.Prefix) else f"{text}~"
            if self.spend(label):
                if isinstance(node, q.Prefix):
                    found = self.scan(prefix + text, MAX_PREFIX_SCAN)
                else:
                    found = self.near(prefix, text, node.distance)
                return self.any_of(
                    [t[len(prefix) :] for t in found], prefix, MAX_PREFIX_TERMS, label
                )
        return xapian.Query(term(prefix, doc_key(text) if prefix == EXACT["doc"] else text))

    def scan(self, start, limit):
        """Terms starting with `start`, commonest first."""
        items = islice(self.db.allterms(start), limit)
        found = [(item.termfreq, item.term.decode("utf-8", "replace")) for item in items]
        return [text for _freq, text in sorted(found, key=lambda pair: (-pair[0], pair[1]))]

    def any_of(self, terms, prefix, cap, label):
        if len(terms) > cap:
            self.warn(f"“{label}” matches more than {cap} words: searched for the {cap} commonest.")
        if not terms:
            return xapian.Query.MatchNothing
        return xapian.Query(xapian.Query.OP_OR, [self.leaf(prefix, t) for t in terms[:cap]])

    def to_stems(self, prefix, words):
        stems = [t.text for word in words for t in self.analyzer(word) if t.text]
        return [s for s in dict.fromkeys(stems) if self.db.get_termfreq(term(prefix, s))]

    def prefix(self, prefix, text):
        label = f"{text}*"
        if not self.spend(label):
            return self.words(prefix, (text,), 0)
        words = [t.text for t in self.analyzer(text, no_morph=True) if t.text]
        if not words:
            return xapian.Query.MatchNothing
        spelling = "W" + prefix
        found = [w[len(spelling) :] for w in self.scan(spelling + words[-1], MAX_PREFIX_SCAN)]
        expanded = self.any_of(
            self.to_stems(prefix, found[: MAX_PREFIX_TERMS * 4]), prefix, MAX_PREFIX_TERMS, label
        )
        if len(words) == 1:
            return expanded
        # "Japan-US*": the earlier words in order, then any completion of the last one.
        earlier = [self.words(prefix, (w,), 0) for w in words[:-1]]
        return xapian.Query(xapian.Query.OP_PHRASE, [*earlier, expanded], len(words))

    def near(self, prefix, word, edits):
        """Terms within `edits` of word sharing its first letter, or one OCR misreading away.

        One edit: every spelling one edit away is looked up (a few hundred lookups, whatever
        the lexicon's size). Two edits: the words sharing the first two letters are measured
        too, as the Whoosh engine's speller does.
        """
        found = {word} if self.db.get_termfreq(term(prefix, word)) else set()
        found.update(
            v for v in ocr_variants(word)
            if levenshtein(word, v) <= edits and self.db.get_termfreq(term(prefix, v))
        )  # fmt: skip
        found.update(c for c in one_edit(word) if self.db.get_termfreq(term(prefix, c)))
        if edits > 1:
            for item in islice(self.db.allterms(prefix + word[:2]), MAX_FUZZY_SCAN):
                candidate = item.term.decode("utf-8", "replace")[len(prefix) :]
                if within(word, candidate, edits):
                    found.add(candidate)
        frequency = {t: self.db.get_termfreq(term(prefix, t)) for t in found}
        ranked = sorted(found, key=lambda t: (t != word, -frequency[t], t))
        return [prefix + t for t in ranked]

    def fuzzy(self, prefix, text, edits):
        label = f"{text}~{edits if edits > 1 else ''}"
        if not self.spend(label):
            return self.words(prefix, (text,), 0)
        words = [t.text for t in self.analyzer(text, no_morph=True) if t.text]
        if len(words) != 1:
            self.warn(f"“{label}” is more than one word: searched for it as written.")
            return self.words(prefix, (text,), 0)
        spelling = "W" + prefix
        found = [w[len(spelling) :] for w in self.near(spelling, words[0], edits)]
        stems = self.to_stems(prefix, found[: MAX_FUZZY_TERMS * 4])
        return self.any_of(stems, prefix, MAX_FUZZY_TERMS, label)


def one_edit(word):
    """Spellings one deletion, substitution or insertion away, the first letter kept."""
    letters = sorted(set(ALPHABET) | set(word))
    head, tail = word[:1], word[1:]
    found = set()
    for i in range(len(tail) + 1):
        before, after = tail[:i], tail[i:]
        if after:
            found.add(before + after[1:])
        for letter in letters:
            found.add(before + letter + after)
            if after:
                found.add(before + letter + after[1:])
    found.discard(tail)
    return {head + spelling for spelling in found}


def within(a, b, edits):
    """Whether b is at most `edits` edits from a: the edit distance computed in a band of the
    table around its diagonal, given up as soon as a row is all past the limit (most words of
    a lexicon are rejected after a letter or two)."""
    if abs(len(a) - len(b)) > edits:
        return False
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        low, high = max(1, i - edits), min(len(b), i + edits)
        row = [i] + [edits + 1] * len(b)
        for j in range(low, high + 1):
            row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (x != b[j - 1]))
        if min(row[max(0, low - 1) : high + 1]) > edits:
            return False
        previous = row
    return previous[len(b)] <= edits


def years(start, end):
    """year:1980..1985 on the date slot."""
    low = f"{min(max(start, 1), 9999):04d}0101" if start is not None else None
    high = f"{min(max(end, 1), 9999):04d}1231" if end is not None else None
    return _date_range(low, high)


def dates(start, end):
    """The date range filter of a SearchRequest, or None."""
    if not (start or end):
        return None
    low, high = (d.strftime("%Y%m%d") if d else None for d in (start, end))
    return _date_range(low, high)


def _date_range(low, high):
    """Memos dated from low to high (YYYYMMDD, either may be None) on the date slot."""
    if low and high:
        return xapian.Query(xapian.Query.OP_VALUE_RANGE, DATE_SLOT, low, high)
    if low:
        return xapian.Query(xapian.Query.OP_VALUE_GE, DATE_SLOT, low)
    return xapian.Query(xapian.Query.OP_VALUE_LE, DATE_SLOT, high)


def selection(name, values):
    """Memos with any of these values of a facet."""
    return xapian.Query(xapian.Query.OP_OR, [xapian.Query(term(f"F{name}:", v)) for v in values])


def _filter(query, filters):
    filters = [f for f in filters if f is not None]
    if not filters:
        return query
    return xapian.Query(xapian.Query.OP_FILTER, query, xapian.Query(xapian.Query.OP_AND, filters))


class XapianSearch:
    """The engine surface of engines.py on a Xapian database."""

    name = "xapian"

    def __init__(self, path):
        self.path = Path(path)
        self._local = threading.local()
        self._opened = []
        self._lock = threading.Lock()

    # -- reading -----------------------------------------------------------------------------

    def database(self):
        """This thread's database, at its latest committed revision (empty if none yet)."""
        db = getattr(self._local, "db", None)
        if db is None:
            if not (self.path / "iamglass").exists():
                # Nothing written yet: an empty database; the real one is opened next time.
                return xapian.WritableDatabase("", xapian.DB_BACKEND_INMEMORY)
            db = xapian.Database(str(self.path))
            self._local.db = db
            with self._lock:
                self._opened.append(db)
        else:
            db.reopen()
        return db

    def close(self):
        """Close every database this engine opened (settings changed, or a test ended)."""
        with self._lock:
            for db in self._opened:
                db.close()
            self._opened = []
        self._local = threading.local()

    def _compile(self, db, q_text, warnings):
        parsed = q.parse(q_text or "")
        warnings.extend(w for w in parsed.warnings if w not in warnings)
        compiler = _Compiler(db, warnings)
        if isinstance(parsed.node, q.MatchAll):
            return xapian.Query.MatchAll, parsed, compiler
        return compiler.compile(parsed.node), parsed, compiler

    def run(self, request, sort, offset=0, limit=20, facets=True):
        """Run a SearchRequest (engines.Result); `sort` is relevance, date, -date, -published."""
        return _retried(self._run, request, sort, offset, limit, facets)

    def _run(self, request, sort, offset, limit, facets):
        from archive.search.engines import Result

        db = self.database()
        warnings = []
        query, parsed, compiler = self._compile(db, request.q, warnings)
        base = _filter(query, [dates(request.start, request.end)])
        chosen = {
            name: selection(name, values)
            for name, values in request.filters.items()
            if name in FACETS_BY_NAME and values
        }
        result = _filter(base, list(chosen.values()))
        enquire = self._enquire(db, result, sort)
        spies = {}
        if facets:
            for facet in FACETS:
                if facet.name not in chosen:
                    spies[facet.name] = xapian.ValueCountMatchSpy(FACET_SLOTS[facet.name])
                    enquire.add_matchspy(spies[facet.name])
        everything = max(db.get_doccount(), 1)
        mset = enquire.get_mset(offset, max(0, limit), everything)
        ids = [int(xapian.sortable_unserialise(m.document.get_value(ID_SLOT))) for m in mset]
        counts = {name: _counts(FACETS_BY_NAME[name], spy) for name, spy in spies.items()}
        for name in chosen if facets else ():
            # A facet's own choice is left out of its counts (the other choices apply).
            others = [sel for other, sel in chosen.items() if other != name]
            own = self._enquire(db, _filter(base, others), "relevance")
            spy = xapian.ValueCountMatchSpy(FACET_SLOTS[name])
            own.add_matchspy(spy)
            own.get_mset(0, 0, everything)
            counts[name] = _counts(FACETS_BY_NAME[name], spy)
        return Result(
            total=mset.get_matches_estimated(),
            ids=ids,
            facets={f.name: counts[f.name] for f in FACETS if f.name in counts},
            terms=sorted(compiler.stems),
            warnings=warnings,
            blank=parsed.blank,
        )

    def _enquire(self, db, query, sort):
        enquire = xapian.Enquire(db)
        enquire.set_query(query)
        enquire.set_docid_order(xapian.Enquire.ASCENDING)
        if sort in ("date", "-date", "-published"):
            keys = xapian.MultiValueKeyMaker()
            slot = PUBLISHED_SLOT if sort == "-published" else DATE_SLOT
            reverse = sort.startswith("-")
            # Undated memos last either way: reversed order puts the empty value last.
            keys.add_value(slot, reverse, "" if reverse else NO_DATE_LAST)
            enquire.set_sort_by_key(keys, False)
        return enquire

    def count(self, q_text, request=None):
        """How many memos a query matches (with the filters of `request`, if given)."""
        return _retried(self._count, q_text, request)

    def _count(self, q_text, request):
        db = self.database()
        query, _parsed, _compiler = self._compile(db, q_text, [])
        if request is not None:
            filters = [dates(request.start, request.end)]
            filters += [selection(n, v) for n, v in request.filters.items() if v]
            query = _filter(query, filters)
        enquire = self._enquire(db, query, "relevance")
        return enquire.get_mset(0, 0, max(db.get_doccount(), 1)).get_matches_estimated()

    def text_terms(self, parsed):
        """The full-text stems a query looks for (expansions included)."""
        compiler = _Compiler(self.database(), [])
        compiler.compile(parsed.node)
        return sorted(compiler.stems)

    def corrections(self, parsed, budget=0.25):
        """{word as typed: better spelling}, from the database's own words (as on Whoosh)."""
        db = self.database()
        analyzer = text_analyzer()
        deadline = time.monotonic() + budget

        def frequency(word):
            stems = [t.text for t in analyzer(word) if t.text]
            return db.get_termfreq(term("", stems[0])) if len(stems) == 1 else 0

        found = {}
        for word in list(dict.fromkeys(_words(parsed.node)))[:6]:
            word = word.lower()
            if time.monotonic() > deadline or not 3 <= len(word) <= 40 or not word.isalnum():
                continue
            own = frequency(word)
            compiler = _Compiler(db, [])
            near = {w[1:] for w in compiler.near("W", word, 2 if len(word) > 4 else 1)}
            near.discard(word)
            scored = [
                (distance(word, c), -freq, c)
                for c in near
                if (freq := frequency(c)) > own * COMMONER
            ]
            if scored and min(scored)[0] <= 2:
                found[word] = min(scored)[2]
        return found

    def similar_ids(self, memo, limit=5):
        """Ids of the memos sharing this memo's most distinctive stems (tf-idf), best first."""
        db = self.database()
        total = max(1, db.get_doccount())
        frequencies = {}
        for token in text_analyzer()(f"{memo.title}\n{memo.text}"[:TEXT_CHARS]):
            if len(token.text) >= 3 and not token.text.isdigit():
                frequencies[token.text] = frequencies.get(token.text, 0) + 1
        scored = []
        for stem, tf in frequencies.items():
            df = db.get_termfreq(term("", stem))
            weight = (1 + math.log(tf)) * math.log(total / max(df, 1))
            # Only in this memo (OCR noise), in most memos, or in all (weight 0): no clue.
            if 2 <= df <= max(2, total * MAX_SHARE) and weight > 0:
                scored.append((weight, stem))
        scored.sort(reverse=True)
        if not scored:
            return []
        top = scored[0][0]
        query = xapian.Query(
            xapian.Query.OP_OR,
            [
                xapian.Query(xapian.Query.OP_SCALE_WEIGHT, xapian.Query(term("", s)), w / top)
                for w, s in scored[:KEY_TERMS]
            ],
        )
        own = xapian.Query(term("Q", f"archive.memo.{memo.pk}"))
        enquire = self._enquire(db, xapian.Query(xapian.Query.OP_AND_NOT, query, own), "relevance")
        mset = enquire.get_mset(0, limit)
        return [int(xapian.sortable_unserialise(m.document.get_value(ID_SLOT))) for m in mset]

    def indexed_ids(self):
        """Ids of the memos the database holds now."""
        start = "Qarchive.memo."
        return {
            int(tail)
            for item in self.database().allterms(start)
            if (tail := item.term.decode()[len(start) :]).isdigit()
        }

    def stored_documents(self):
        """{memo id: stored fields}, as Whoosh stores them (see manage.py reconcile)."""
        db = self.database()
        documents = {}
        for item in db.postlist(""):
            fields = json.loads(db.get_document(item.docid).get_data())
            for key in ("date", "published"):
                if isinstance(fields.get(key), str):
                    fields[key] = datetime.datetime.fromisoformat(fields[key])
            for key, value in list(fields.items()):
                if isinstance(value, list):
                    fields[key] = SEPARATOR.join(str(v) for v in value)
                elif value is None or value == "":
                    del fields[key]
            documents[int(fields["django_id"])] = fields
        return documents

    # -- writing (queue.py's writer only, under the writer lock) -----------------------------

    def writable(self, wait=120):
        """The writable database; waits while a foreign writer (haystack's commands) holds it."""
        self.path.mkdir(parents=True, exist_ok=True)
        deadline = time.monotonic() + wait
        while True:
            try:
                return xapian.WritableDatabase(str(self.path), xapian.DB_CREATE_OR_OPEN)
            except xapian.DatabaseLockError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)

    def write(self, memo_ids, public, **_writer_options):
        """Write these memos (`public`: id -> memo, the rest deleted), in one commit."""
        from archive.search import engine

        db = self.writable()
        try:
            for pk in memo_ids:
                unique = term("Q", f"archive.memo.{pk}")
                memo = public.get(pk)
                if memo is None:
                    db.delete_document(unique)
                else:
                    prepared = engine.memo_index().full_prepare(memo)
                    db.replace_document(unique, build_document(prepared))
            db.commit()
        finally:
            db.close()

    def clean_stale_files(self):
        """Xapian leaves nothing behind a killed writer: its lock dies with it."""
        return []


def _retried(method, *args):
    """Run a read; once more if writers moved the database on under it (a reader sees one
    revision, which two commits in the meantime can overwrite)."""
    try:
        return method(*args)
    except xapian.DatabaseModifiedError:
        return method(*args)  # database() reopens at the latest revision


def _counts(facet, spy):
    counts = {}
    for item in spy.values():
        for value in item.term.decode("utf-8", "replace").split(SEPARATOR):
            if value:
                counts[value] = counts.get(value, 0) + item.termfreq
    pairs = sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))
    from archive.search.engines import facet_values

    return pairs if facet.kind in ("int", "bool") else pairs[: facet_values()]


def _haystack_engine():
    """xapian-haystack's engine, writing the archive's documents (haystack's update_index and
    clear_index then agree with the queue's writer)."""
    from xapian_backend import XapianEngine, XapianSearchBackend

    class ArchiveXapianBackend(XapianSearchBackend):
        """xapian-haystack's backend with the archive's document format."""

        def update(self, index, iterable, commit=True):
            engine = XapianSearch(self.path)
            memos = list(iterable)
            engine.write([memo.pk for memo in memos], {memo.pk: memo for memo in memos})

        def remove(self, obj_or_string, commit=True):
            # A model instance, or haystack's "archive.memo.<pk>" (update_index --remove).
            pk = getattr(obj_or_string, "pk", None)
            if pk is None:
                tail = str(obj_or_string).rsplit(".", 1)[-1]
                pk = int(tail) if tail.isdigit() else None
            if pk is not None:
                XapianSearch(self.path).write([pk], {})

        def clear(self, models=None, commit=True):
            engine = XapianSearch(self.path)
            engine.write(sorted(engine.indexed_ids()), {})

    class ArchiveXapianEngine(XapianEngine):
        """The engine named by SEARCH_URL=xapian:///path."""

        backend = ArchiveXapianBackend

    return ArchiveXapianEngine


def __getattr__(name):
    if name == "ArchiveXapianEngine":
        engine_class = _haystack_engine()
        globals()[name] = engine_class
        return engine_class
    raise AttributeError(name)
