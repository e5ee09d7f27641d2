"""Helpers of the search tests: facet counts worked out from the database, a small archive."""

import json
from collections import Counter

from archive.models import Memo


def db_facets(memos):
    """{facet: {value: count}} for these memos, computed from database rows alone."""
    counts = {name: Counter() for name in (
        "decade", "year", "agency", "office", "classification", "code", "collection",
        "has_redactions", "entity",
    )}  # fmt: skip
    for memo in _rows([m.pk for m in memos]):
        if memo.date:
            counts["year"][str(memo.date.year)] += 1
            counts["decade"][str(memo.date.year // 10 * 10)] += 1
        for name, value in (
            ("agency", memo.agency),
            ("office", memo.office),
            ("classification", memo.get_classification_display() if memo.classification else ""),
            ("collection", memo.collection.name if memo.collection_id else ""),
        ):
            if value:
                counts[name][value] += 1
        redactions = list(memo.redactions.all())
        for code in {code for redaction in redactions for code in redaction.codes}:
            counts["code"][code] += 1
        counts["has_redactions"]["yes" if redactions else "no"] += 1
        names = {(m.entity.merged_into or m.entity).name for m in memo.mentions.all()}
        for name in names:
            counts["entity"][name] += 1
    return {name: dict(counter) for name, counter in counts.items()}


def _rows(ids, batch=50):
    """Memos by id with what facets need, fetched in batches (SQLite limits long IN lists)."""
    for start in range(0, len(ids), batch):
        chunk = ids[start : start + batch]
        memos = Memo.objects.filter(pk__in=chunk).select_related("collection")
        yield from memos.prefetch_related("redactions", "mentions__entity__merged_into")


def api_facets(data):
    """The API's facets as {facet: {value as str: count}}."""
    return {name: {str(v): c for v, c in pairs} for name, pairs in data["facets"].items()}


def assert_facets(data, expected, listed=100):
    """The API's facets agree with counts from the database: every value listed has its
    count, and a text facet with more than `listed` values lists the commonest ones."""
    got = api_facets(data)
    assert set(got) == set(expected)
    for name, counts in expected.items():
        if name in ("year", "decade", "has_redactions") or len(counts) <= listed:
            assert got[name] == counts, name
            continue
        assert len(got[name]) == listed, name
        assert all(counts[value] == count for value, count in got[name].items()), name
        left_out = [count for value, count in counts.items() if value not in got[name]]
        assert min(got[name].values()) >= max(left_out), name


# A small archive whose facets, dates and texts the tests know by heart.
FILLER = "Routine administrative matters were reviewed at length by the staff. " * 40
MEMOS = [
    {
        "id": "t-grain", "doc_number": "SOV M 84-10001", "title": "Soviet grain purchases",
        "date": "1984-03-02", "agency": "Central Intelligence Agency",
        "office": "Office of Soviet Analysis", "classification": "SECRET",
        "source_collection": "Collection A",
        "text": "The Soviet grain purchases continued.\n\n25X1\n\nThe harvest was poor. "
        "(b)(6) reported on wheat.",
    },
    {
        "id": "t-fishing", "doc_number": "EA M 85-10002", "title": "Japan fishing talks",
        "date": "1985", "agency": "Central Intelligence Agency",
        "office": "Office of East Asian Analysis", "classification": "CONFIDENTIAL",
        "source_collection": "Collection B",
        "text": "Japan and the USSR discussed fishing rights near Sakhalin island.",
    },
    {
        "id": "t-cuba", "doc_number": "STATE 12345", "title": "Cuba missile deployment",
        "date": "1962-10-22", "agency": "Department of State", "classification": "TOP SECRET",
        "source_collection": "Collection A",
        "text": "Soviet missiles were observed in Cuba. (b)(1) The embassy reported grain "
        "shortages as well.",
    },
    {
        "id": "t-oswald", "doc_number": "FBI 105-82555", "title": "Oswald interview",
        "date": "1963-11-24", "agency": "Federal Bureau of Investigation",
        "classification": "UNCLASSIFIED", "source_collection": "Collection B",
        "text": "Interview regarding Oswald. (b)(7)(C) Agent (b)(6) reported the contacts.",
    },
    {
        "id": "t-undated", "title": "Undated note on grain",
        "agency": "Central Intelligence Agency", "source_collection": "Collection A",
        "text": "A short undated note about grain stocks.",
    },
    {
        "id": "t-trade", "doc_number": "EA M 84-10246", "title": "Japan trade relations",
        "date": "1984-12-28", "agency": "Central Intelligence Agency",
        "office": "Office of East Asian Analysis", "classification": "SECRET",
        "source_collection": "Collection B",
        "text": FILLER + "Tokyo hopes to develop oil fields on Sakhalin with Moscow. 25X1 "
        + FILLER,
    },
]  # fmt: skip
DRAFT = {
    "id": "t-draft", "doc_number": "DRAFT 99-1", "title": "Secret draft about Zyzzyva grain",
    "date": "1984-05-05", "agency": "Draft Agency Only", "office": "Draft Office Only",
    "classification": "TOP SECRET", "source_collection": "Draft Collection Only",
    "text": "Zyzzyva grain Sakhalin. (b)(5) withheld.",
}  # fmt: skip


def write_jsonl(path, records):
    """Write records as a .jsonl file; returns the path."""
    path.write_text("".join(json.dumps(record) + "\n" for record in records))
    return path
