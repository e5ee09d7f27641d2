"""Copies of one document on a loaded archive: the similarity of every pair of memos, the
groups found, and a sample to read (python bench/copies.py, with ARCHIVE_DATA_DIR set).

Prints, for the estimated Jaccard similarity of the texts' own shingles (archive/
fingerprints.py), how many pairs of memos fall in each band of similarity, split by what else
says they are one document (same text after normalisation, same document number, releases
linked); the same for the whole texts (stamps and forms kept), to show what the anatomy
changes; the candidates of the second test (estimated Jaccard from CANDIDATE to THRESHOLD, dates
close), each with its verdict (held whole or not) and the figures behind it; the groups
(manage.py find_copies) by size; and a random sample of groups, each member with its number,
collection and opening words, to be read.
"""

import os
import random
import sys
from collections import Counter
from pathlib import Path

import django
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")
django.setup()

from archive.copies import same_date  # noqa: E402
from archive.fingerprints import (  # noqa: E402
    CANDIDATE,
    THRESHOLD,
    held_whole,
    own_words,
    shingles,
    signature,
    stored_signature,
)
from archive.models import Memo  # noqa: E402

BINS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)


def pair_table(memos, signatures, label):
    """Count pairs per similarity band and kind; return the pairs at 0.2 or more."""
    ok = [i for i, sig in enumerate(signatures) if sig is not None]
    matrix = np.stack([signatures[i] for i in ok])
    found = []
    for row, i in enumerate(ok):
        same = (matrix[row + 1 :] == matrix[row]).mean(axis=1)
        for col in np.flatnonzero(same >= 0.1):
            found.append((float(same[col]), i, ok[row + 1 + col]))
    counts = Counter()
    for score, i, j in found:
        a, b = memos[i], memos[j]
        kind = (
            "same text"
            if a.text_key == b.text_key
            else "same number"
            if a.doc_key and a.doc_key == b.doc_key
            else "releases"
            if a.release_group_id and a.release_group_id == b.release_group_id
            else "other"
        )
        band = next(lo for lo, hi in zip(BINS, BINS[1:], strict=False) if lo <= score < hi)
        counts[band, kind] += 1
    kinds = ("same text", "same number", "releases", "other")
    print(f"\n{label}: pairs by estimated Jaccard (of {len(ok)} memos fingerprinted)")
    print("  band       " + "".join(f"{k:>13}" for k in kinds))
    for lo in BINS[1:-1]:
        print(f"  {lo:.1f}-{lo + 0.1:.1f}    " + "".join(f"{counts[lo, k]:>13}" for k in kinds))
    return [pair for pair in found if pair[0] >= 0.2]


def second_test(memos, pairs):
    """Print each pair the second test reads (fingerprints.held_whole), with its verdict, the
    share of the shorter text's shingles in the longer, and both sizes."""
    print(f"\nCandidates of the second test ({CANDIDATE}-{THRESHOLD}, dates within the slack):")
    held = 0
    for score, i, j in sorted(pairs, reverse=True):
        a, b = memos[i], memos[j]
        if not (CANDIDATE <= score < THRESHOLD and same_date(a.date, b.date)):
            continue
        sa, sb = (shingles(own_words(m.text, m.parts)) for m in (a, b))
        short, longer = sorted((set(sa), set(sb)), key=len)
        verdict = held_whole(sa, sb)
        held += verdict
        within = len(short & longer) / max(1, len(short))
        print(
            f"  {'HELD' if verdict else 'no  '} {score:.2f} in {within:.2f}"
            f" {len(short)}/{len(longer)}  {a.pk} {a.date} {a.display_title[:40]!r}"
            f" | {b.pk} {b.date} {b.display_title[:40]!r}"
        )
    print(f"  {held} held whole")


def opening(memo, words=18):
    return " ".join(own_words(memo.text, memo.parts)[:words])


def main():
    memos = list(Memo.objects.order_by("pk").select_related("collection"))
    own = [stored_signature(m.fingerprint) for m in memos]
    whole = [signature(m.text, whole=True) for m in memos]
    pairs = pair_table(memos, own, "Own text (forms, stamps, furniture left out)")
    pair_table(memos, whole, "Whole text")
    second_test(memos, pairs)
    print("\nPairs of different texts in 0.2-0.7, for reading:")
    for score, i, j in sorted(pairs, reverse=True):
        a, b = memos[i], memos[j]
        if a.text_key != b.text_key and score < 0.7:
            titles = f"{a.pk} {a.display_title[:50]!r} | {b.pk} {b.display_title[:50]!r}"
            print(f"  {score:.2f}  {titles}")
    sizes = Counter(Counter(m.copy_group for m in memos if m.copy_group).values())
    print("\nGroups by size:", dict(sorted(sizes.items())))
    groups = {}
    for memo in memos:
        groups.setdefault(memo.copy_group, []).append(memo)
    shared = [g for g in groups.values() if len(g) > 1]
    print(f"{len(shared)} documents with copies; {sum(map(len, shared))} memos in them")
    random.seed(int(os.environ.get("SEED", "7")))  # the sample read for README
    for group in random.sample(shared, min(30, len(shared))):
        print("\n--- group", group[0].copy_group)
        for memo in group:
            collection = (memo.collection.name if memo.collection else "")[:30]
            print(
                f"  {memo.pk:>5} {memo.document_number[:28]:<28} {memo.date} "
                f"{collection:<30} {memo.display_title[:40]}"
            )
            print(f"        {opening(memo)[:150]}")


if __name__ == "__main__":
    main()
