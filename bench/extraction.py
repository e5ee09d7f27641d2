"""How well archive.ingest.extract reads real documents: per field, per family, per part.

Usage: .venv/bin/python bench/extraction.py [--corpus DIR] [--examples N] [--field NAME]
                                           [--raw] [--part tuning|held-out|both]
                                           [--half work|check]

Scores extraction from the text alone against the corpus's own metadata (memos.jsonl: NARA's
spreadsheet, FRUS headings, library item data; jfk_forms.jsonl: NARA's catalogue) and against
the judged sets in bench/judged/ (office, document type, the document's own fields). The corpus
is split by a fixed rule into a tuning part and a held-out part (bench/scoring.py, with the
comparison rules); rules are tuned on the first, the second is reported in aggregate only:
examples of misses are printed for the tuning part alone.
The corpus defaults to $ARCHIVE_CORPUS_DIR, else ../shared/corpus next to the repository.
"""

import argparse
import datetime
import json
import os
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from ceiling import HEADER as CEILING_HEADER  # noqa: E402
from ceiling import Ceiling  # noqa: E402
from scoring import (  # noqa: E402
    CHECK,
    FBI_SERIES_RE,
    HELD_OUT,
    MFR_TO,
    PLACEHOLDER_DATES,
    TUNING,
    WORK,
    agency_key,
    date_exact,
    half,
    level,
    loose_agree,
    names_no_one,
    norm_id,
    part,
    title_agree,
)

from archive.choices import REVIEW_THRESHOLD, TRACKED_FIELDS  # noqa: E402
from archive.ingest.extract import extract  # noqa: E402

FIELDS = (
    "date", "agency", "classification", "from", "to", "title", "title (composed)", "doc_number",
    "office", "document_type", "family",
)  # fmt: skip
BANDS = ((0.0, 0.5), (0.5, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 0.97), (0.97, 1.01))
OUR_KEY = {
    "date": "date",
    "agency": "agency",
    "classification": "classification",
    "from": "sender",
    "to": "recipient",
    "title": "title",
    "office": "office",
    "document_type": "document_type",
    "family": "family",
}


def default_corpus() -> Path:
    """$ARCHIVE_CORPUS_DIR, else the shared corpus beside the repository."""
    configured = os.environ.get("ARCHIVE_CORPUS_DIR")
    return Path(configured) if configured else REPO.parent / "shared" / "corpus"


def short(value, width: int = 70) -> str:
    """A value as one short line."""
    if isinstance(value, datetime.date):
        value = value.isoformat()
    text = " ".join(str(value).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def table(rows: list[list], header: list[str]) -> str:
    """Left-aligned plain-text table."""
    cells = [[str(c) for c in row] for row in [header, *rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    lines = [
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


class Check:
    """One field of one record scored: did we give a value, is it right, which rule gave it."""

    __slots__ = ("field", "found", "right", "want", "got", "confidence", "rule", "rule_right")

    def __init__(self, field, found, right, want, got, confidence, rule=""):
        self.field, self.found, self.right = field, found, right
        self.want, self.got, self.confidence = want, got, confidence
        self.rule = rule
        self.rule_right = None  # for a reading below the floor: would it have been right


def _conf(result, key):
    value = result.confidence.get(key)
    return float(value) if value is not None else None


def score_record(truth: dict, result, fbi: bool) -> list[Check]:
    """Every scorable field of one record (truth keys: the FIELDS above).

    The result was extracted keeping doubtful readings, so that every rule is measured; a
    reading below the floor (which ingest keeps only as a suggestion) counts as not extracted.
    """
    ours = {k: v for k, v in result.values.items() if k not in result.doubtful}
    doubtful = {k: result.values[k] for k in result.doubtful if k in result.values}
    checks = []
    if truth.get("date") and truth["date"] not in PLACEHOLDER_DATES:
        got = ours.get("date")
        right = date_exact(truth["date"], got, ours.get("date_precision"))
        checks.append(Check("date", bool(got), right, truth["date"], got, _conf(result, "date")))
    if truth.get("agency"):
        got = ours.get("agency")
        right = bool(got) and agency_key(got) == agency_key(truth["agency"])
        checks.append(
            Check("agency", bool(got), right, truth["agency"], got, _conf(result, "agency"))
        )
    if truth.get("classification"):
        got = ours.get("classification")
        want = truth["classification"]
        name = (
            "classification"
            if truth.get("classification_scored", True)
            else "classification (form)"
        )
        checks.append(
            Check(name, bool(got), got == want, want, got, _conf(result, "classification"))
        )
    for field in ("from", "to", "office"):
        want = truth.get(field)
        if not want or names_no_one(want):
            continue
        got = ours.get(OUR_KEY[field])
        upper = " ".join(str(want).upper().split()).rstrip(" .:")
        if field == "to" and upper in MFR_TO:
            right = not got and ours.get("document_type") == "Memorandum for the Record"
            found = bool(got) or ours.get("document_type") == "Memorandum for the Record"
        else:
            right, found = bool(got) and loose_agree(want, got, fbi), bool(got)
        checks.append(Check(field, found, right, want, got, _conf(result, OUR_KEY[field])))
    if truth.get("title"):
        got = ours.get("title")
        right = bool(got) and title_agree(truth["title"], got)
        # A title composed from the document's type, parties and date is not a reading of its
        # caption: scored on a row of its own.
        name = "title (composed)" if result.rules.get("title") == "composed" else "title"
        checks.append(Check(name, bool(got), right, truth["title"], got, _conf(result, "title")))
    if truth.get("doc_number"):
        mine = [ours.get(k) for k in ("document_number", "nara_record_number", "message_number")]
        got = [m for m in mine if m]
        right = norm_id(truth["doc_number"]) in {norm_id(m) for m in got}
        conf = max(
            (_conf(result, k) or 0 for k in ("document_number", "nara_record_number")), default=None
        )
        checks.append(Check("doc_number", bool(got), right, truth["doc_number"], got, conf))
    for field in ("document_type", "family"):
        if truth.get(field):
            got = ours.get(field)
            right = bool(got) and str(got).lower() == str(truth[field]).lower()
            checks.append(Check(field, bool(got), right, truth[field], got, _conf(result, field)))
    for check in checks:
        key = OUR_KEY.get(check.field.split(" ")[0])
        if key and check.found:
            check.rule = f"{key}:{result.rules.get(key, '')}"
        elif key in doubtful:
            # Measured all the same: the rule's share decides whether it stays below the floor.
            check.rule = f"{key}:{result.rules.get(key, '')}"
            check.rule_right = _doubtful_right(check.field, truth, result, key, fbi)
    return checks


def _doubtful_right(field: str, truth: dict, result, key: str, fbi: bool) -> bool:
    """Whether a reading left below the floor would have been right."""
    name = field.split(" ")[0]
    want, value = truth.get(name), result.values[key]
    if name == "date":
        return date_exact(want, value, result.values.get("date_precision"))
    if name == "title":
        return title_agree(want, value)
    if name in ("from", "to", "office"):
        return loose_agree(want, value, fbi)
    return str(want).lower() == str(value).lower()


def memo_truth(record: dict) -> dict:
    """Truth from a memos.jsonl record."""
    origin = record.get("metadata_origin") or {}
    form_level = "identification form" in str(origin.get("classification", ""))
    truth = {
        "date": record.get("date"),
        "agency": record.get("agency"),
        "classification": level(record.get("classification")),
        "classification_scored": not form_level,
        "from": record.get("from"),
        "to": record.get("to"),
        "title": record.get("title"),
        "doc_number": record.get("doc_number"),
    }
    return truth


def form_truth(record: dict) -> dict:
    """Truth from NARA's catalogue metadata of a jfk_forms.jsonl record."""
    nara = record["nara"]
    return {
        "date": nara.get("date"),
        "agency": nara.get("agency"),
        "from": nara.get("from"),
        "to": nara.get("to"),
        "title": nara.get("title"),
        "doc_number": record.get("record_number"),
    }


def judged_truth(item: dict) -> dict:
    """Truth from a judged-set line (bench/judged/)."""
    return {
        "date": item.get("date"),
        "agency": item.get("agency"),
        "classification": item.get("classification"),
        "from": item.get("sender"),
        "to": item.get("recipient")
        if item.get("document_type") != "Memorandum for the Record"
        else "MFR",
        "title": item.get("title"),
        "office": item.get("office"),
        "document_type": item.get("document_type"),
        "family": item.get("family"),
    }


def group_of(record_id: str, file: str, record: dict) -> str:
    """Source family of a record, for the per-source table."""
    if file == "jfk_forms.jsonl":
        return "forms-" + {
            "Central Intelligence Agency": "cia",
            "Federal Bureau of Investigation": "fbi",
            "Department of the Army": "army",
            "Department of State": "state",
        }.get(record["nara"]["agency"], "other")
    if record_id.startswith("frus-history"):
        return "frus-hist"
    group = record_id.split("-")[0]
    if group == "jfk":
        return "jfk-" + {
            "Central Intelligence Agency": "cia",
            "Federal Bureau of Investigation": "fbi",
        }.get(record.get("agency"), "other")
    return group


def load_judged(which: str) -> dict[str, dict]:
    """The judged set of one part, by record id (empty when not there)."""
    stem = "tuning" if which == TUNING else "held_out"
    out = {}
    for path in sorted((REPO / "bench" / "judged").glob(f"{stem}*.jsonl")):
        for line in path.open(encoding="utf-8"):
            if line.strip():
                item = json.loads(line)
                out[item["id"]] = item
    return out


class Tally:
    """Counts per (part, table, row, field)."""

    def __init__(self):
        self.counts: dict[tuple, Counter] = defaultdict(Counter)
        self.bands: dict[tuple, Counter] = defaultdict(Counter)
        self.misses: dict[str, list[str]] = defaultdict(list)
        self.review: Counter = Counter()
        self.errors: Counter = Counter()
        self.rules: dict[tuple, Counter] = defaultdict(Counter)

    def add(self, which: str, table_name: str, row: str, check: Check, rid: str, examples: int):
        for key in ((which, table_name, row, check.field), (which, table_name, "all", check.field)):
            c = self.counts[key]
            c["have"] += 1
            c["found"] += check.found
            c["right"] += check.right
        # What a document says of its caption, sender and addressee is judged by people who
        # read it (the judged set): a catalogue writes them its own way ("MEMO RE: ...",
        # "SAC, MM", "CIA", "WITHHELD"). Readings of NARA's form are NARA's own: both count.
        judged = check.field.startswith("j:")
        counted = table_name in ("source", "judged")
        reads_form = check.rule.split(":")[-1].startswith(("form", "label+form"))
        worded = check.rule.startswith(("title:", "sender:", "recipient:"))
        scored = judged or reads_form or not worded
        if counted and check.rule and scored:
            right = check.right if check.rule_right is None else check.rule_right
            self.rules[(which, check.rule)]["n"] += 1
            self.rules[(which, check.rule)]["right"] += right
            origin = "judged" if judged else "catalogue"
            self.rules[(which, check.rule)][origin + " n"] += 1
            self.rules[(which, check.rule)][origin + " right"] += right
        if check.found and check.confidence is not None and check.field.split(" ")[0] in OUR_KEY:
            band = next(b for b in BANDS if b[0] <= check.confidence < b[1])
            self.bands[(which, band)]["n"] += 1
            self.bands[(which, band)]["right"] += check.right
        if which == TUNING and not check.right and len(self.misses[check.field]) < examples:
            self.misses[check.field].append(
                f"{rid} [{row}]: want {short(check.want, 60)!r} | got {short(check.got, 60)!r}"
                + (f" ({check.confidence:.2f})" if check.confidence is not None else "")
            )


CALIBRATION_PATH = REPO / "archive" / "ingest" / "data" / "calibration.json"


def wilson_low(right: int, n: int, z: float = 1.96) -> float:
    """Lower bound of the Wilson score interval of a share (95% by default)."""
    if n == 0:
        return 0.0
    p = right / n
    centre = p + z * z / (2 * n)
    spread = z * ((p * (1 - p) / n + z * z / (4 * n * n)) ** 0.5)
    return (centre - spread) / (1 + z * z / n)


def calibration_table(tally: "Tally", which: str) -> dict[str, float]:
    """Each rule's calibrated confidence, from its values in one part (at least five)."""
    return {
        rule: round(wilson_low(c["right"], c["n"]), 2)
        for (w, rule), c in sorted(tally.rules.items())
        if w == which
        and c["n"] >= 5
        and not rule.endswith((":composed", ":"))
        and ":vocabulary" not in rule  # the model carries its own cross-validated figures
    }


def pct(n, d):
    return f"{n / d:.0%}" if d else "-"


def report(tally: Tally, which: str, table_name: str, rows: list[str], fields=FIELDS):
    """Precision and recall per field, one line per row (source, family...)."""
    out = []
    for field in fields:
        line = [field]
        for row in rows:
            c = tally.counts.get((which, table_name, row, field))
            if not c:
                line.append("")
                continue
            line.append(f"{pct(c['right'], c['found'])}/{pct(c['right'], c['have'])} ({c['have']})")
        if any(line[1:]):
            out.append(line)
    return table(out, ["field (precision/recall, n)", *rows])


def main() -> int:
    """Score every record of the chosen parts and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=default_corpus(), help="corpus folder")
    parser.add_argument("--examples", type=int, default=4, help="tuning misses shown per field")
    parser.add_argument("--field", action="append", help="show misses of these fields only")
    parser.add_argument("--part", choices=(TUNING, HELD_OUT, "both"), default="both")
    parser.add_argument(
        "--calibrate",
        action="store_true",
        help="measure each rule on the tuning part and write archive/ingest/data/calibration.json",
    )
    parser.add_argument("--rules", action="store_true", help="print each rule's share right")
    parser.add_argument(
        "--half",
        choices=(WORK, CHECK),
        help="score one half of the tuning part only (the check half's misses are never shown)",
    )
    args = parser.parse_args()
    if not (args.corpus / "memos.jsonl").exists():
        print(f"corpus not found at {args.corpus} (set --corpus or ARCHIVE_CORPUS_DIR)")
        return 2
    parts = (TUNING, HELD_OUT) if args.part == "both" else (args.part,)
    if args.half:
        parts = (TUNING,)
        if args.calibrate:
            print("--calibrate measures the whole tuning part: leave out --half")
            return 2
    examples = 0 if args.half == CHECK else args.examples
    judged = {which: load_judged(which) for which in parts}
    tally = Tally()
    timings = []
    started = time.perf_counter()
    groups: set[str] = set()
    families: set[str] = set()
    records_seen = Counter()
    ceiling = Ceiling()
    for file in ("memos.jsonl", "jfk_forms.jsonl"):
        for line in (args.corpus / file).open(encoding="utf-8"):
            record = json.loads(line)
            rid = record["id"]
            which = part(rid)
            if which not in parts or (args.half and half(rid) != args.half):
                continue
            records_seen[which] += 1
            t0 = time.perf_counter()
            result = extract(record["text"], keep_doubtful=True)
            timings.append((time.perf_counter() - t0, rid, len(record["text"])))
            fbi = "Federal Bureau" in str(
                record.get("agency") or record.get("nara", {}).get("agency")
            ) or bool(FBI_SERIES_RE.match(rid))
            group = group_of(rid, file, record)
            groups.add(group)
            family = str(result.values.get("family") or "-")
            families.add(family)
            truth = memo_truth(record) if file == "memos.jsonl" else form_truth(record)
            checks = score_record(truth, result, fbi)
            dated = [c.right for c in checks if c.field == "date"]
            if truth.get("date") not in PLACEHOLDER_DATES:
                ceiling.add(which, group, record["text"], truth.get("date"), any(dated))
            for check in checks:
                shown = examples if not args.field or check.field in args.field else 0
                tally.add(which, "source", group, check, rid, shown)
                tally.add(which, "family", family, check, rid, 0)
            if rid in judged[which]:
                records_seen[(which, "judged")] += 1
                for check in score_record(judged_truth(judged[which][rid]), result, fbi):
                    check.field = "j:" + check.field
                    shown = examples if not args.field or check.field in args.field else 0
                    tally.add(which, "judged", group, check, rid, shown)
            tally.errors[which] += any(n.startswith("internal error") for n in result.notes)
            low = [
                name
                for name in TRACKED_FIELDS
                if name in result.confidence and result.confidence[name] < REVIEW_THRESHOLD
            ]
            tally.review[(which, bool(low))] += 1
            for name in low:
                tally.review[(which, "field", name)] += 1
    total = time.perf_counter() - started

    group_rows = sorted(groups)
    for which in parts:
        print(f"\n======== {which} part: {records_seen[which]} records ========\n")
        print(
            "Against the corpus metadata "
            "(precision = right/extracted, recall = right/records with the field):\n"
        )
        print(
            report(
                tally, which, "source", ["all", *group_rows], FIELDS + ("classification (form)",)
            )
        )
        print(
            "\nCatalogue dates to the day that the text writes in a common form "
            "(bench/ceiling.py: OCR damage not repaired):\n"
        )
        print(table(ceiling.rows(which), CEILING_HEADER))
        print("\nBy the family we recognised:\n")
        print(report(tally, which, "family", sorted(families), FIELDS))
        jfields = tuple("j:" + f for f in FIELDS)
        if any((which, "judged", "all", f) in tally.counts for f in jfields):
            read = records_seen[(which, "judged")]
            print(f"\nAgainst the judged set ({read} records read by hand):\n")
            print(report(tally, which, "judged", ["all", *group_rows], jfields))
        print("\nConfidence bands (every scored field we gave a value for):\n")
        rows = []
        for band in BANDS:
            c = tally.bands.get((which, band), Counter())
            rows.append([f"{band[0]:.2f}-{min(band[1], 1.0):.2f}", c["n"], pct(c["right"], c["n"])])
        print(table(rows, ["confidence", "values", "right"]))
        if tally.errors[which]:
            print(f"\n!! {tally.errors[which]} records hit an internal error in extraction")
        fields = sorted(
            ((k[2], n) for k, n in tally.review.items() if k[0] == which and len(k) == 3),
            key=lambda kv: -kv[1],
        )
        print("fields below the review threshold: " + ", ".join(f"{k} {n}" for k, n in fields))
        queued = tally.review[(which, True)]
        print(
            f"\nreview queue: {queued} of {records_seen[which]} records have a field "
            f"below {REVIEW_THRESHOLD}"
        )
    if args.rules:
        for which in parts:
            print(f"\nRules ({which} part): values, right, share, calibrated confidence\n")
            rows = []
            measured = calibration_table(tally, TUNING) if TUNING in parts else {}
            for (w, rule), c in sorted(tally.rules.items()):
                if w == which:
                    shown = f"{measured[rule]:.2f}" if rule in measured else "-"
                    by = [
                        f"{c[o + ' right']}/{c[o + ' n']}" if c[o + " n"] else "-"
                        for o in ("catalogue", "judged")
                    ]
                    rows.append([rule, c["n"], c["right"], pct(c["right"], c["n"]), *by, shown])
            header = ["field:rule", "values", "right", "share", "catalogue", "judged", "confidence"]
            print(table(rows, header))
    if args.calibrate:
        if TUNING not in parts:
            print("--calibrate needs the tuning part")
            return 2
        rules = calibration_table(tally, TUNING)
        CALIBRATION_PATH.write_text(
            json.dumps(
                {
                    "about": "Lower bound of the 95% Wilson interval of each rule's share of "
                    "right values on the tuning part of the corpus (bench/extraction.py "
                    "--calibrate); rules with fewer than 5 values are left out.",
                    "rules": rules,
                    "counts": {
                        rule: [c["right"], c["n"]]
                        for (w, rule), c in sorted(tally.rules.items())
                        if w == TUNING and rule in rules
                    },
                },
                indent=1,
                sort_keys=True,
            )
            + "\n",
            encoding="utf-8",
        )
        print(f"\n{len(rules)} rules calibrated -> {CALIBRATION_PATH}")
    if TUNING in parts and tally.misses:
        print("\n== misses (tuning part only) ==")
        for name, lines in sorted(tally.misses.items()):
            print(f"  {name}:")
            for line in lines:
                print(f"    {line}")
    chars = sum(n for _, _, n in timings)
    print(
        f"\ntime: {total:.2f} s for {len(timings)} documents ({chars / 1e6:.1f} M chars): "
        f"{len(timings) / total:.0f} docs/s"
    )
    for seconds, record_id, size in sorted(timings)[-2:]:
        print(f"  slowest: {record_id} {1000 * seconds:.1f} ms ({size} chars)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
