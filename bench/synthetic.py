"""SYNTHETIC memos for benchmarks: seeded, shaped like the real corpus, never real records.

Every record carries `"synthetic": true`, an id and a document number starting with "SYN-",
and a source collection that says it is synthetic, so it can never collide with or pass for
a real memo. Texts follow the real corpus in length (log-normal, median ~3,600 characters,
long tail), vocabulary (Zipf-distributed domain words plus a long tail of rare terms), layout
(CIA DI memoranda, State telegrams, FBI memoranda, NSC memoranda and memcons, memoranda for
the record), markings (25X1, (b)(n), [Redacted], [... not declassified]) and OCR noise.
The run command never loads these: only benchmarks and tests that ask for them do.

Usage:
    .venv/bin/python bench/synthetic.py N out.jsonl [--seed 1945]

From Python:
    from bench.synthetic import memos, write_jsonl
    for record in memos(10_000, seed=1945): ...
    write_jsonl("out.jsonl", 10_000, seed=1945)
"""

import argparse
import itertools
import json
import math
import random
import string
import sys
import time

SYNTHETIC_COLLECTION = "SYNTHETIC benchmark corpus (bench/synthetic.py) - not real records"

# Domain vocabulary: the frequent words of declassified memos, most frequent first (Zipf rank).
DOMAIN_WORDS = """
the of to and in that a for is on be by with as will this would not it are from has have was
which their at an its they were or government soviet united states president minister
foreign policy military embassy secretary state department agency intelligence security
national meeting information report should could may other been also these there than but
all any new some two one what who about after over more into only can his he we our
talks discussion position support relations economic political forces defense nuclear arms
control treaty negotiations agreement proposal delegation officials source sources
operations station director deputy chief office division branch staff committee council
ambassador mission consulate cable telegram memorandum reference subject request
approval review analysis assessment estimate developments situation question problem
issue matter program project plan planning activities activity contact contacts
communist party leadership regime opposition elections election parliament congress
administration white house washington moscow peking beijing tokyo bonn paris london
havana hanoi saigon berlin cairo tehran baghdad kabul warsaw prague belgrade sarajevo
mexico cuba vietnam laos cambodia china japan korea india pakistan iran iraq israel egypt
syria jordan lebanon turkey greece italy france germany britain poland hungary
czechoslovakia yugoslavia bosnia serbia croatia afghanistan angola congo nicaragua
chile argentina brazil venezuela panama canada australia nato warsaw pact missile
missiles bomber submarine troops army navy air force weapons chemical biological
strategic tactical conventional verification inspection testing test deployment
withdrawal ceasefire sanctions aid assistance trade credit loan oil gas grain
technology exports imports industry production economy budget funds payment payments
investigation bureau field informant subject individual file files interview
interviewed advised stated according indicated reported learned noted believed
appears likely unlikely probably possible expected continue continued recent current
previous following attached enclosed herewith copy copies distribution routing
classified declassified release released withheld sanitized approved excised deleted
travel passport visa residence address telephone letter letters dispatch airtel teletype
surveillance coverage liaison service services officer officers agent agents case
cryptonym defector defectors refugee refugees emigre prisoners hostages terrorist
terrorism insurgents guerrillas coup revolution crisis conflict war peace summit
conference session visit trip schedule week month year years day days time period
first second third last next early late high low major minor important significant
general special senior junior former prime premier chairman commander colonel general
admiral major captain mr mrs dr
"""

GENERAL_WORDS = """
able access account act action actual added addition additional adequate affairs
against agreed ahead allow almost alone along already although always among amount
announced another answer appear approach appropriate area areas argue argued around
arrange arrived aspects attempt attention authority available avoid aware back based
basic basis became because become before began behalf behind being believe benefit best
better between beyond both brief bring broad brought build built business call called
came capability capacity careful carried case cases cause central certain change
changes charge chief circumstances claim clear clearly close closely comment comments
commitment common complete concern concerned concerns condition conditions consider
considerable consideration consistent constitute contain context contrary cooperation
cost costs country countries course cover create critical decide decided decision
decisions degree delay demand demands describe designed despite detail detailed details
determine develop development difficult direct directed directly discuss discussed
domestic doubt draft due during each effect effective effort efforts either element
elements else emphasis end ensure entire especially essential establish established
even event events evidence exactly example except exchange existing extent face fact
factor factors failed far favor few final finally firm follow force formal forward
found full fully further future gain given goal goals good great greater group groups
grow growing guidance hand handle hard held help here high highly hold hope however
idea immediate immediately impact implications importance improve include included
including increase increased increasing indeed influence initial initiative instead
interest interests internal involved itself join joint just keep kind knowledge known
large largely later lead leaders least leave left less level levels likely limit
limited line little local long longer made main maintain make making manner many mean
means measures member members mentioned might mind moreover most move much must
necessary need needed needs neither never nevertheless normal note number numbers
objective objectives obtain obvious occur offer often once open opportunity order
original others otherwise outside overall own part particular particularly parties
past pattern perhaps person personal place point points positive power powers present
press pressure prevent primary principal prior private process progress proposed
provide provided public purpose purposes put range rather reach reaction ready real
reason reasons receive received recently recommend recommendation regard regarding
region regional remain remains remarks respect response responsibility result results
return role said same seek seems seen sense serious several share short shown side
similar since single small so social soon specific stage statement step steps still
strong structure substantial success such suggest suggested system take taken taking
terms therefore though thus together told toward towards under understand
understanding unless until upon urged use used useful various very view views want
way ways well whether while whole wide within without work working world yet
"""

AGENCIES = [
    ("Central Intelligence Agency", 0.45),
    ("Federal Bureau of Investigation", 0.18),
    ("Department of State", 0.15),
    ("National Security Council (White House)", 0.10),
    ("National Security Agency", 0.04),
    ("Department of the Army", 0.03),
    ("Office of the Secretary of Defense", 0.03),
    ("Joint Chiefs of Staff", 0.02),
]
CIA_OFFICES = [
    ("EA", "Office of East Asian Analysis"),
    ("SOV", "Office of Soviet Analysis"),
    ("GI", "Office of Global Issues"),
    ("ALA", "Office of African and Latin American Analysis"),
    ("NESA", "Office of Near Eastern and South Asian Analysis"),
    ("EURA", "Office of European Analysis"),
    ("SW", "Office of Scientific and Weapons Research"),
    ("ER", "Office of Economic Research"),
    ("OCI", "Office of Current Intelligence"),
    ("ONE", "Office of National Estimates"),
]
STATE_OFFICES = [
    "Bureau of Intelligence and Research",
    "Bureau of European Affairs",
    "Bureau of East Asian and Pacific Affairs",
    "Bureau of Inter-American Affairs",
    "Bureau of Near Eastern and South Asian Affairs",
    "Bureau of Politico-Military Affairs",
    "Policy Planning Staff",
    "Executive Secretariat",
]
FBI_OFFICES = ["HQ", "WFO", "NY", "DL", "MM", "NO", "LA", "CG", "SF", "BS"]
POSTS = [
    "MOSCOW", "BONN", "PARIS", "LONDON", "TOKYO", "BELGRADE", "WARSAW", "PRAGUE", "CAIRO",
    "TEHRAN", "NEW DELHI", "ISLAMABAD", "MEXICO", "BRASILIA", "SANTIAGO", "USNATO", "USUN NEW YORK",
    "REYKJAVIK", "VIENNA", "GENEVA", "ROME", "ATHENS", "ANKARA", "SAIGON", "SEOUL",
]  # fmt: skip
CLASSIFICATIONS = [
    ("SECRET", 0.34), ("Secret", 0.06), ("CONFIDENTIAL", 0.08), ("Confidential", 0.02),
    ("TOP SECRET", 0.04), ("UNCLASSIFIED", 0.12), ("LIMITED OFFICIAL USE", 0.03), (None, 0.31),
]  # fmt: skip
CAPTIONS = ["NODIS", "EXDIS", "LIMDIS", "NOFORN", "ORCON", "WNINTEL", "STADIS", "NIACT"]
FOIA_CODES = ["(b)(1)", "(b)(3)", "(b)(6)", "(b)(7)(C)", "(b)(7)(D)", "(b)(1) (b)(3)"]
REDACTION_MARKERS = [
    "[Redacted]", "[text not declassified]", "[name not declassified]",
    "[1 line not declassified]", "[2 lines not declassified]", "((DELETION))",
]  # fmt: skip
SURNAMES = """
ADAMS BAKER CARTER DAVIS EVANS FISHER GRAHAM HARRIS JACKSON KELLY LEWIS MARTIN MILLER
MORGAN NELSON PARKER REED ROBERTS SCOTT TAYLOR TURNER WALKER WARD WHITE WILSON YOUNG
IVANOV PETROV SOKOLOV KUZNETSOV NOVAK HORVATH MULLER SCHMIDT DUBOIS ROSSI GARCIA LOPEZ
NGUYEN TANAKA SATO KIM PARK SINGH KHAN HASSAN CHEN WANG LI ZHANG
"""
GIVEN = "John James Robert William Richard Charles Thomas George Edward Frank Mary Helen"
MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]  # fmt: skip
OCR_JUNK = ["‘", "’", "“", ".:", "~", "|", "=", "-_", "»", "«", ";", "fe", "ee", "Oo", "i", "&"]
SYLLABLES = """
ka ro mi ta ne su lo va re di po an el or ist ion ment ter ber gan vik sky ov ich ez
ar en in ul os im ax qu br st tr pl gr cl fr pr sh ch th
"""
ASCII = string.ascii_lowercase + string.digits

_WORDS_CACHE = {}


def _vocabulary(rng):
    """Seeded vocabulary: domain and general words, then ~40k rare made-up terms (Zipf tail)."""
    head = DOMAIN_WORDS.split() + GENERAL_WORDS.split()
    seen = set(head)
    syllables = SYLLABLES.split()
    tail = []
    while len(tail) < 40_000:
        word = "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4)))
        if word not in seen:
            seen.add(word)
            tail.append(word)
    words = head + tail
    # Zipf weights (s ~ 1.07 fits English running text): cumulative, for rng.choices.
    cumulative = list(itertools.accumulate(1.0 / (rank**1.07) for rank in range(1, len(words) + 1)))
    return words, cumulative


def _noisy(word, rng):
    """One token as bad OCR renders it."""
    roll = rng.random()
    if roll < 0.3 and len(word) > 3:
        cut = rng.randint(1, len(word) - 1)
        return word[:cut] + " " + word[cut:]
    if roll < 0.6 and word:
        at = rng.randrange(len(word))
        return word[:at] + rng.choice("ilcoe1'.,") + word[at + 1 :]
    if roll < 0.8:
        return word.upper()
    return rng.choice(OCR_JUNK) + word


class _Pool:
    """Pre-built sentence fragments so that 100k memos take seconds, not minutes."""

    def __init__(self, seed):
        rng = random.Random(f"pool-{seed}")
        words, cumulative = _vocabulary(rng)
        self.clean = []
        for _ in range(60_000):
            self.clean.append(
                " ".join(rng.choices(words, cum_weights=cumulative, k=rng.randint(3, 9)))
            )
        self.noisy = []
        for fragment in rng.sample(self.clean, 15_000):
            tokens = fragment.split()
            for i in rng.sample(range(len(tokens)), k=max(1, len(tokens) // 3)):
                tokens[i] = _noisy(tokens[i], rng)
            self.noisy.append(" ".join(tokens))
        self.rare = words[-30_000:]
        self.surnames = SURNAMES.split()
        self.given = GIVEN.split()


def _pool(seed):
    if seed not in _WORDS_CACHE:
        _WORDS_CACHE[seed] = _Pool(seed)
    return _WORDS_CACHE[seed]


def _weighted(rng, pairs):
    roll = rng.random()
    for value, weight in pairs:
        roll -= weight
        if roll < 0:
            return value
    return pairs[-1][0]


def _date(rng):
    """A date 1945-1995, weighted like the corpus (most in the 1960s-70s); some partial."""
    year = min(1995, max(1945, int(rng.gauss(1970, 11))))
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    roll = rng.random()
    if roll < 0.015:
        return None, year, month, day
    if roll < 0.04:
        return f"{year}", year, month, day
    if roll < 0.07:
        return f"{year}-{month:02d}", year, month, day
    return f"{year}-{month:02d}-{day:02d}", year, month, day


def _person(rng, pool):
    return (
        f"{rng.choice(pool.given)} {rng.choice('ABCDEFGHJKLMPRSTW')}. {rng.choice(pool.surnames)}"
    )


class _Writer:
    """Builds one memo's body from pooled fragments, markers and noise."""

    def __init__(self, rng, pool, noise, redaction_rate, markers):
        self.rng, self.pool, self.noise = rng, pool, noise
        self.redaction_rate, self.markers = redaction_rate, markers

    def sentence(self):
        # random() rather than randint()/choice(): this runs ~100 times per memo.
        r, pool = self.rng.random, self.pool
        source = pool.noisy if r() < self.noise else pool.clean
        size = len(source)
        parts = [source[int(r() * size)] for _ in range(1 + int(r() * 3))]
        roll = r()
        if roll < 0.15:
            parts.append(pool.surnames[int(r() * len(pool.surnames))])
        elif roll < 0.23:
            parts.append(pool.rare[int(r() * len(pool.rare))])
        text = " ".join(parts)
        return text[:1].upper() + text[1:] + "."

    def paragraph(self, numbered=None):
        r, pool = self.rng.random, self.pool
        # sentence() inlined: this loop makes most of the text, ~50 sentences per memo.
        clean, noisy, surnames, rare = pool.clean, pool.noisy, pool.surnames, pool.rare
        sentences = []
        for _ in range(2 + int(r() * 6)):
            source = noisy if r() < self.noise else clean
            size = len(source)
            count = 1 + int(r() * 3)
            parts = [source[int(r() * size)] for _ in range(count)]
            roll = r()
            if roll < 0.15:
                parts.append(surnames[int(r() * len(surnames))])
            elif roll < 0.23:
                parts.append(rare[int(r() * len(rare))])
            text = " ".join(parts)
            sentences.append(text[:1].upper() + text[1:] + ".")
        if r() < self.redaction_rate:
            sentences.insert(int(r() * len(sentences)), self.rng.choice(self.markers))
        text = " ".join(sentences)
        if self.noise > 0.2 and r() < 0.5:
            # OCR of a typewritten page: hard line breaks.
            words = text.split(" ")
            step = 9 + int(r() * 5)
            text = "\n".join(" ".join(words[i : i + step]) for i in range(0, len(words), step))
        return f"{numbered}. {text}" if numbered else text

    def body(self, target_chars, numbered):
        rng, out, size, n = self.rng, [], 0, 0
        while size < target_chars:
            n += 1
            if rng.random() < 0.1:
                heading = " ".join(self.sentence().rstrip(".").split()[:4]).title()
                out.append(heading)
            paragraph = self.paragraph(n if numbered else None)
            out.append(paragraph)
            size += len(paragraph) + 2
            if self.noise > 0.3 and rng.random() < 0.15:
                junk = "".join(rng.choice(ASCII + "   .,'|") for _ in range(rng.randint(4, 30)))
                out.append(junk)
        return out


def _form(number, title, office, sender, recipient, lines):
    """What a memo form produced: its printed number, header fields and lines of text."""
    return {
        "number": number, "title": title, "office": office, "from": sender, "to": recipient,
        "lines": lines,
    }  # fmt: skip


def _cia(rng, pool, meta, writer, target):
    prefix, office = rng.choice(CIA_OFFICES)
    yy = meta["year"] % 100
    number = f"{prefix} M {yy:02d}-{rng.randint(10000, 10999)}"
    country = rng.choice(["USSR", "Japan", "China", "Poland", "Iran", "Cuba", "Vietnam", "Egypt"])
    title = f"{country}: {writer.sentence().rstrip('.')[:70]}"
    head = [
        meta["banner"],
        "25X1",
        "Central Intelligence Agency",
        "Washington, D. C. 20505",
        "DIRECTORATE OF INTELLIGENCE",
        meta["printed_date"],
        title,
        "25X1",
        "Summary",
        writer.paragraph(),
    ]
    body = writer.body(target, numbered=False)
    tail = [
        f"This memorandum was prepared by {rng.choice(['', '[Redacted]', '25X1'])} the "
        f"{country} Branch, {rng.choice(['Northeast Asia', 'Current Support', 'Regional'])} "
        f"Division, {office}. Information available as of {meta['printed_date']} was used in "
        "its preparation.",
        f"SYN {number}",
        "25X1",
    ]
    sender = f"Directorate of Intelligence, {office}"
    return _form(number, title, office, sender, None, head + body + tail)


def _state(rng, pool, meta, writer, target):
    post = rng.choice(POSTS)
    serial = rng.randint(1000, 99999)
    number = f"{post.split()[0]} {serial:05d}"
    caption = rng.choice(CAPTIONS)
    title = f"{writer.sentence().rstrip('.').upper()[:60]}"
    dtg = f"{rng.randint(1, 28):02d}{rng.randint(0, 23):02d}{rng.randint(0, 59):02d}Z"
    if rng.random() < 0.5:
        sender, recipient = f"AMEMBASSY {post}", "SECSTATE WASHDC"
    else:
        sender, recipient = "SECSTATE WASHDC", f"AMEMBASSY {post}"
    head = [
        f"{meta['banner']} {number}",
        f"PAGE 01 {number}",
        f"ORIGIN SS-{rng.randint(10, 30)} INFO OCT-01 /{rng.randint(10, 60):03d} W",
        f"P {dtg} {MONTHS[meta['month'] - 1][:3].upper()} {meta['year'] % 100:02d}",
        f"FM {sender}",
        f"TO {recipient} {rng.choice(['PRIORITY', 'IMMEDIATE', 'ROUTINE'])} {serial}",
        f"{meta['banner']} {caption}",
        f"E.O. {rng.choice(['11652: GDS', '12065: RDS-1', '12356: DECL: OADR', '12958: N/A'])}",
        f"TAGS: {rng.choice(['PREL', 'PARM', 'MARR', 'ECON', 'PINT'])}, "
        f"{rng.choice(['UR', 'US', 'GE', 'FR', 'IS'])}",
        f"SUBJECT: {title}",
        f"REF: {rng.choice(POSTS).split()[0]} {rng.randint(1000, 9999)}",
    ]
    body = writer.body(target, numbered=True)
    tail = [f"{meta['banner']}", f"NNN {rng.choice(pool.surnames)}"]
    return _form(number, title, rng.choice(STATE_OFFICES), sender, recipient, head + body + tail)


def _fbi(rng, pool, meta, writer, target):
    office = rng.choice(FBI_OFFICES)
    case = f"{rng.choice([62, 65, 97, 100, 105, 134])}-{rng.randint(1000, 99999)}"
    title = f"{rng.choice(pool.surnames)}, {rng.choice(pool.given).upper()}"
    head = [
        "FEDERAL BUREAU OF INVESTIGATION",
        rng.choice(["AIRTEL", "MEMORANDUM", "TELETYPE", "LETTERHEAD MEMORANDUM"]),
        f"TO: DIRECTOR, FBI ({case})",
        f"FROM: SAC, {office} ({case}) (P)",
        f"SUBJECT: {title}",
        meta["banner"],
    ]
    body = writer.body(target, numbered=False)
    tail = [
        f"{rng.choice(FOIA_CODES)}",
        f"{rng.randint(2, 5)} - Bureau",
        f"1 - {office}",
        f"SYN Bates {rng.randint(1000, 9999)}",
    ]
    lines = head + body + tail
    return _form(f"FBI {case}", title, None, office, "DIRECTOR, FBI", lines)


def _nsc(rng, pool, meta, writer, target):
    kind = rng.choice(["MEMORANDUM FOR THE PRESIDENT", "MEMORANDUM OF CONVERSATION", "MEMORANDUM"])
    title = writer.sentence().rstrip(".")[:80]
    sender, recipient = (
        _person(rng, pool),
        rng.choice(["The President", "The Secretary", "The Record"]),
    )
    head = [
        meta["banner"],
        "THE WHITE HOUSE",
        "WASHINGTON",
        kind,
        f"FROM: {sender}",
        f"SUBJECT: {title}",
        f"PARTICIPANTS: {', '.join(_person(rng, pool) for _ in range(rng.randint(2, 5)))}",
        f"DATE, TIME AND PLACE: {meta['printed_date']}, The Oval Office",
    ]
    body = writer.body(target, numbered=rng.random() < 0.5)
    tail = [meta["banner"], f"DECL: OADR {rng.choice(['', 'CL BY SIGNER'])}"]
    number = f"NSC-{meta['year']}-{rng.randint(1000, 9999)}"
    return _form(number, title, None, sender, recipient, head + body + tail)


def _mfr(rng, pool, meta, writer, target):
    title = writer.sentence().rstrip(".")[:80]
    sender = _person(rng, pool)
    head = [
        meta["banner"],
        "MEMORANDUM FOR THE RECORD",
        f"SUBJECT: {title}",
        f"REFERENCE: {rng.choice(['Dispatch', 'Cable', 'Memorandum'])} {rng.randint(100, 9999)}",
    ]
    body = writer.body(target, numbered=True)
    tail = [
        sender,
        meta["banner"],
        "GROUP 1 Excluded from automatic downgrading and declassification",
    ]
    number = f"MFR-{meta['year']}-{rng.randint(10000, 99999)}"
    return _form(number, title, None, sender, "MEMO FOR THE RECORD", head + body + tail)


FORMS = {
    "Central Intelligence Agency": [(_cia, 0.55), (_mfr, 0.45)],
    "Federal Bureau of Investigation": [(_fbi, 1.0)],
    "Department of State": [(_state, 0.8), (_mfr, 0.2)],
    "National Security Council (White House)": [(_nsc, 1.0)],
}


def _length(rng):
    """Characters of body text: log-normal like the corpus (p10 ~1.3k, p50 ~3.6k, p90 ~12.7k)."""
    return int(min(120_000, max(500, math.exp(rng.gauss(8.19, 0.97)))))


def _record(index, rng, pool, seed):
    agency = _weighted(rng, AGENCIES)
    classification = _weighted(rng, CLASSIFICATIONS)
    date, year, month, day = _date(rng)
    meta = {
        "year": year,
        "month": month,
        "printed_date": f"{day} {MONTHS[month - 1]} {year}",
        "banner": (classification or rng.choice(["SECRET", "UNCLASSIFIED", ""])).upper(),
    }
    noise = rng.choice([0.0, 0.05, 0.1, 0.2, 0.35, 0.5])
    markers = (
        ["25X1", "25X1", "25X1", "[Redacted]"]
        if agency.startswith("Central")
        else FOIA_CODES + REDACTION_MARKERS
    )
    redaction_rate = rng.choice([0.0, 0.0, 0.05, 0.15, 0.4])
    writer = _Writer(rng, pool, noise, redaction_rate, markers)
    form = _weighted(rng, FORMS.get(agency, [(_mfr, 1.0)]))
    made = form(rng, pool, meta, writer, _length(rng))
    # Pages of ~2,500 characters separated by a form feed, as OCR output is.
    pages, current, size = [], [], 0
    for line in made["lines"]:
        current.append(line)
        size += len(line)
        if size > 2500 and rng.random() < 0.6:
            pages.append("\n\n".join(current))
            current, size = [], 0
    if current:
        pages.append("\n\n".join(current))
    text = "\f".join(pages)
    return {
        "id": f"SYN-{seed}-{index:07d}",
        "synthetic": True,
        "title": None if rng.random() < 0.08 else made["title"],
        "date": date,
        # The running index keeps document numbers unique across the whole synthetic corpus.
        "doc_number": f"SYN-{made['number']}-{index}",
        "from": made["from"],
        "office": made["office"],
        "agency": agency,
        "to": made["to"],
        "classification": classification,
        "source_collection": SYNTHETIC_COLLECTION,
        "source_citation": f"SYNTHETIC record {index} generated by bench/synthetic.py "
        f"(seed {seed}); not a government document.",
        "text": text,
        "pages": len(pages),
        "has_redaction_markers": redaction_rate > 0 or form is _cia,
    }


def memos(n, seed=1945):
    """Yield n synthetic memos in the memos.jsonl schema; one seed always gives the same memos."""
    pool = _pool(seed)
    rng = random.Random(seed)
    for index in range(n):
        yield _record(index, rng, pool, seed)


def write_jsonl(path, n, seed=1945):
    """Write n synthetic memos to path, one JSON object per line; returns n."""
    with open(path, "w", encoding="utf-8") as handle:
        for record in memos(n, seed=seed):
            handle.write(json.dumps(record))
            handle.write("\n")
    return n


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("n", type=int, help="number of synthetic memos to write")
    parser.add_argument("out", help="output .jsonl path")
    parser.add_argument("--seed", type=int, default=1945, help="random seed (default 1945)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    write_jsonl(args.out, args.n, seed=args.seed)
    elapsed = time.perf_counter() - started
    print(f"wrote {args.n:,} SYNTHETIC memos to {args.out} in {elapsed:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
