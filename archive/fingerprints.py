"""A fingerprint of a document's own text, to recognise near-identical copies of it.

The same document reaches the archive more than once: in several collections, in several
releases (more or less redacted), in OCR readings that differ in a few words. Its fingerprint
is a MinHash (datasketch) of the set of word shingles (three words in a row) of the text's own
body: the identification form, release stamps, page furniture and routing sheets are left out
(archive/body.py noise_spans, from the document's anatomy), so a stamp two different memos
share does not make them alike, and a stamp or form only one copy carries does not set the
copies apart. Words are compared in a normal form (lower case, letters and digits only), one
OCR misreading changes at most three shingles.

Two texts' share of shingles in common (Jaccard) is estimated by the share of equal MinHash
values. Copies are looked up by LSH: the signature is cut in BANDS bands of ROWS values, and two
texts sharing any band's values are candidates (probability 1 - (1 - J**ROWS)**BANDS: 0.99 at
J = 0.9, 0.93 at J = 0.75, 0.31 at J = 0.4), then compared by their whole signatures.

Some copies are far apart by Jaccard because one text holds much the other lacks: a record
holding the memo twice (two OCR readings of its pages) behind a garbled review form. Such a
candidate is read again, word by word (`held_whole`): the shorter text held whole in the
longer, and the longer made of little else, is a copy too.
"""

import base64
import hashlib
import json
import re

import numpy as np
from datasketch import MinHash

from archive.body import noise_spans
from archive.identifiers import text_key

NUM_PERM = 128
BANDS, ROWS = 32, 4
SHINGLE = 3
# A text with fewer words of its own is not fingerprinted: a few lines say too little to tell
# a copy from another short note (a routing slip, a cover sheet).
MIN_WORDS = 25
# Estimated Jaccard similarity from which two texts are copies of one document (measured on
# the corpus: bench/copies.py; README "Copies of one document").
THRESHOLD = 0.55
# A very long text (a 300,000-character transcript) is fingerprinted on its first words: a
# copy of it has the same opening.
MAX_WORDS = 60_000
SEED = 1
# The second test, on candidates of estimated Jaccard CANDIDATE or more (held_whole; measured on
# the corpus: bench/copies.py, README "Copies of one document"): at least CONTAINED of the
# shorter text's distinct shingles in the longer, and CONTAINED_PART of each of its fifths (not
# only the enclosure two cover memos both forward); COVERED of the longer in windows of WINDOW
# shingles of which WINDOW_HITS or more are the shorter's (a second OCR reading still shares a
# third of its shingles, prose of its own almost none; so not a cover memo or another day's
# entry around the shorter). The shorter needs MIN_CONTAINED distinct shingles: a short note
# is found in too many longer texts.
CANDIDATE = 0.3
CONTAINED, CONTAINED_PART, PARTS = 0.7, 0.5, 5
COVERED, WINDOW, WINDOW_HITS = 0.8, 50, 0.2
MIN_CONTAINED = 150
# datasketch's hashing scheme (2.0's default: 32-bit values); stored fingerprints were made with
# it, so it is named here rather than left to the library's default.
SCHEME = "affine32"

_WORD = re.compile(r"\S+")
_NOT_ALNUM = re.compile(r"[\W_]+")
_PERMUTATIONS = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations


def own_words(text, parts=None, whole=False):
    """The normal forms of the words of a text's own body (noise spans left out; all of the
    text with whole=True, for bench/copies.py's comparison)."""
    text = text or ""
    words, cursor = [], 0
    noise = [] if whole else sorted(noise_spans(text, parts))
    for start, end in [*noise, (len(text), len(text))]:
        for match in _WORD.finditer(text, cursor, max(cursor, start)):
            norm = _NOT_ALNUM.sub("", match.group()).lower()
            # Single characters are mostly OCR debris (stray marks read as letters).
            if len(norm) > 1:
                words.append(norm)
                if len(words) >= MAX_WORDS:
                    return words
        cursor = max(cursor, end)
    return words


def shingles(words):
    """The shingles of a list of words, in the text's order (repeats kept)."""
    return [" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)]


def signature(text, parts=None, whole=False):
    """The MinHash values of a text's own shingles (32-bit), or None for a too short text."""
    words = own_words(text, parts, whole)
    if len(words) < MIN_WORDS:
        return None
    found = {shingle.encode() for shingle in shingles(words)}
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, permutations=_PERMUTATIONS, scheme=SCHEME)
    minhash.update_batch(list(found))
    return minhash.hashvalues.astype("<u4")


def encode(values):
    """A signature as the text kept with the memo (base64 of its bytes), "" for None."""
    return "" if values is None else base64.b64encode(values.tobytes()).decode("ascii")


def decode(stored):
    """A signature from the text kept with the memo, or None."""
    if not stored:
        return None
    values = np.frombuffer(base64.b64decode(stored), dtype="<u4")
    return values if len(values) == NUM_PERM else None


def source_key(key, parts):
    """A short digest of what a fingerprint is read from: the text (its text_key) and parts."""
    source = f"{key}|{json.dumps(parts or [], separators=(',', ':'))}".encode()
    return hashlib.blake2b(source, digest_size=6).hexdigest()


def fingerprint(text, parts=None, key=None, old=""):
    """The fingerprint kept with a memo: "<source key>:<encoded signature>" (nothing after the
    colon for a too short text). `old`, the one kept, is given back when its source is the same
    text and parts (`key`: the text's text_key), without reading the text again."""
    source = source_key(key or text_key(text or ""), parts)
    if old and old.partition(":")[0] == source:
        return old
    return f"{source}:{encode(signature(text, parts))}"


def stored_signature(stored):
    """The signature of a memo's fingerprint field, or None."""
    return decode((stored or "").partition(":")[2])


def similarity(a, b):
    """Estimated Jaccard similarity of two signatures (0 when either is missing)."""
    if a is None or b is None:
        return 0.0
    return float(np.count_nonzero(a == b)) / NUM_PERM


def band_keys(values):
    """The LSH keys of a signature: one short hash per band, the band's number in it."""
    if values is None:
        return []
    keys = []
    for band in range(BANDS):
        chunk = values[band * ROWS : (band + 1) * ROWS].tobytes()
        digest = hashlib.blake2b(chunk, digest_size=8, person=band.to_bytes(2, "little"))
        keys.append(f"{band:02d}{digest.hexdigest()}")
    return keys


def held_whole(a, b):
    """Whether, of two texts' own shingles (`shingles()` of own_words), the shorter is held
    whole in the longer and the longer is little else (the thresholds above)."""
    if len(set(a)) > len(set(b)):
        a, b = b, a
    short, longer = set(a), set(b)
    if len(short) < MIN_CONTAINED or len(short & longer) < CONTAINED * len(short):
        return False
    for part in range(PARTS):
        piece = a[part * len(a) // PARTS : (part + 1) * len(a) // PARTS]
        if sum(shingle in longer for shingle in piece) < CONTAINED_PART * len(piece):
            return False
    covered = 0
    for start in range(0, len(b), WINDOW):
        window = b[start : start + WINDOW]
        if sum(shingle in short for shingle in window) >= WINDOW_HITS * len(window):
            covered += len(window)
    return covered >= COVERED * len(b)
