"""Which stored memo a record is: the document it names, then which release of that document.

A record is matched, in this order:

1. **By the numbers that name one document**: document number, NARA record number, CREST id
   (CIA-RDP number), whichever field holds them. The NARA record number a JSONL line gives as
   its `doc_number` is the one a raw text's identification form gives as its
   `nara_record_number`, and the other way round. Each number has a kind, read from its shape
   (`identifiers.number_kind`): NARA record number, CREST id, C-number (CIA and State FOIA
   document numbers), DI publication number, NIC number, or a document number of another form
   that a source gave (FRUS "Doc. 12"). Two numbers of one kind that differ name two documents:
   a memo whose number of a kind differs from the record's is never matched, and a memo that
   agrees on one number and differs on another is a clash, refused with both named. Numbers of
   different kinds never disagree (a State telegram released as C09000005 keeps its telegram
   number). Never matched on: telegram numbers as read ("REYKJA 02091": a post's serials
   start again every year), agency and FBI file numbers and FOIA case numbers (one file or one
   case holds many documents); the last two are not even compared.
2. **By source id**: a JSONL line's `id` names one record of its data set, and so one memo (as
   before; a clash with what the numbers say is refused). A file holding one document (a raw
   text, a scan) has no id but its name: `<source id>.txt` is that record (the shared corpus
   names its raw texts so), unless its numbers disagree with the memo's.
3. **By near-identical text**, equal `text_key` (the text's letters and digits): for a record
   that carries no number naming one document, against memos whose numbers do not disagree
   with any of the record's (telegram numbers included); and for a numbered record, against
   memos that carry no such number at all (a raw draft first, its described line later: one
   memo, whichever came first). A record with a source id never takes a memo of another
   source id by its text. Copies of one text under different document numbers stay separate
   memos; a text that is the text of several documents is refused rather than guessed.

Then **the release**. One document released twice is two memos with one number and different
release dates, linked in a ReleaseGroup. The same release (equal release dates, both none
included, or none given with the new text) is the same memo, updated. A different release
date, or a release date where the stored memo has none, makes another memo: another release,
linked with the first, which is never overwritten. A record without a release date, of a
document stored in several releases, is the one with its text; failing that the undated one;
failing that it is refused, since it cannot say which it is.

Every lookup is an indexed equality (doc_key, nara_record_number, crest_id, source_id,
text_key, release_group): matching costs the same at a million memos as at ten.
"""

from dataclasses import dataclass, field
from pathlib import PurePath

from django.db.models import Q

from archive.identifiers import SHARED_KINDS, doc_key, number_kind, release_key, text_key
from archive.ingest.documents import IngestError
from archive.ingest.sources import JSONL_SUFFIXES, SUPPORTED_SUFFIXES
from archive.models import Memo, ReleaseGroup

# Fields that hold a number naming one document; a number is looked for in all of them.
NUMBER_FIELDS = ("document_number", "nara_record_number", "crest_id")
# The kind of a number is its field's, for the fields that hold one kind only.
FIELD_KINDS = {"nara_record_number": "NARA record number", "crest_id": "CREST id"}
# Memos read per lookup: the releases of one document, the copies of one text, are a few.
LOOKUP_LIMIT = 50


@dataclass
class Match:
    """What a record is: a stored memo (same release), or another release of a stored one."""

    memo: Memo | None = None  # None: a new memo (another release, if `releases` is not empty)
    releases: list = field(default_factory=list)  # the document's stored releases
    how: str = ""  # what matched, for the report: "NARA record number 104-10106-10544"


def numbers(get):
    """{kind: {normal form}} of the numbers a record or memo holds; get(name) reads a field."""
    found = {}
    for name in NUMBER_FIELDS:
        key = doc_key(get(name))
        if key:
            found.setdefault(FIELD_KINDS.get(name) or number_kind(key), set()).add(key)
    return found


def naming(found):
    """Only the numbers that name one document (not telegram numbers)."""
    return {kind: keys for kind, keys in found.items() if kind not in SHARED_KINDS}


def _memo_numbers(memo):
    return numbers(lambda name: getattr(memo, name))


def _disagreeing(ours, theirs):
    """Kinds of number both hold, with no number in common."""
    return [kind for kind in sorted(ours.keys() & theirs.keys()) if not ours[kind] & theirs[kind]]


def _agreeing(ours, theirs):
    """(kind, number) of each kind of number both hold with a number in common."""
    common = ((kind, ours[kind] & theirs[kind]) for kind in sorted(ours.keys() & theirs.keys()))
    return [(kind, min(keys)) for kind, keys in common if keys]


def find_existing(values, source=""):
    """The Match for a record's values; raises IngestError when its identities clash."""
    ours = numbers(values.get)
    named = naming(ours)
    found = _by_numbers(named, values, source) if named else None
    by_source = None
    if values.get("source_id"):
        by_source = Memo.objects.filter(source_id=values["source_id"]).order_by("pk").first()
    if found and by_source:
        if by_source.pk not in {memo.pk for memo in found.releases}:
            raise IngestError(
                f"its {found.how} already belongs to another memo ({found.releases[0].slug}) "
                f"than the one with source id {values['source_id']!r} ({by_source.slug}); "
                "nothing was stored",
                source,
            )
        if found.memo is not None and found.memo.pk != by_source.pk:
            raise IngestError(
                f"its {found.how} and release date name memo {found.memo.slug}, but its source "
                f"id {values['source_id']!r} names memo {by_source.slug}; nothing was stored",
                source,
            )
        # The same record of its data set: that memo, whatever release date it now gives.
        return Match(by_source, found.releases, f"source id {values['source_id']}")
    if found:
        return found
    if by_source:
        return Match(by_source, [by_source], f"source id {values['source_id']}")
    return _by_file_name(named, values, source) or _by_text(ours, named, values, source) or Match()


def _by_numbers(named, values, source):
    """The document the record's numbers name (and the release), or None."""
    keys = set().union(*named.values())
    query = Q(doc_key__in=keys)
    if nara := named.get("NARA record number"):
        query |= Q(nara_record_number__in=nara)
    if crest := named.get("CREST id"):
        query |= Q(crest_id__in={key.upper() for key in crest} | crest)
    matched, how = [], ""
    for memo in Memo.objects.filter(query).order_by("pk")[:LOOKUP_LIMIT]:
        theirs = naming(_memo_numbers(memo))
        agreeing = _agreeing(named, theirs)
        if not agreeing:
            continue  # found by a spelling that is another kind's (a stray doc_key)
        clash = _disagreeing(named, theirs)
        if clash:
            kind = clash[0]
            raise IngestError(
                f"its {agreeing[0][0]} {agreeing[0][1]} is memo {memo.slug}'s, but its {kind} "
                f"({', '.join(sorted(named[kind]))}) is not ({', '.join(sorted(theirs[kind]))}); "
                "nothing was stored",
                source,
            )
        matched.append(memo)
        how = how or f"{agreeing[0][0]} {agreeing[0][1]}"
    if not matched:
        return None
    documents = _documents(matched)
    if len(documents) > 1:
        slugs = ", ".join(group[0].slug for group in documents)
        raise IngestError(
            f"its numbers name more than one stored document ({slugs}); nothing was stored",
            source,
        )
    return _same_release(_releases(matched), values, source, how)


def file_name_id(values):
    """The source id a file holding one document names by its name ("" for a JSONL line)."""
    if values.get("source_id") or not values.get("source_file"):
        return ""
    path = PurePath(values["source_file"])
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES or suffix not in SUPPORTED_SUFFIXES:
        return ""
    return path.stem


def _by_file_name(named, values, source):
    """A file holding one document, named after a stored record's source id: that record."""
    name = file_name_id(values)
    if not name:
        return None
    memo = Memo.objects.filter(source_id=name).order_by("pk").first()
    if memo is None or _disagreeing(named, naming(_memo_numbers(memo))):
        return None
    return _same_release(_releases([memo]), values, source, f"file name {values['source_file']}")


def _by_text(ours, named, values, source):
    """The memo whose text is this text, letter for letter, if nothing says otherwise."""
    key = text_key(values["text"])
    matched = []
    for memo in Memo.objects.filter(text_key=key).order_by("pk")[:LOOKUP_LIMIT]:
        if values.get("source_id") and memo.source_id:
            continue  # two records of data sets: copies, not one record
        theirs = _memo_numbers(memo)
        if _disagreeing(ours, theirs) or (named and naming(theirs)):
            continue
        matched.append(memo)
    if not matched:
        return None
    documents = _documents(matched)
    if len(documents) > 1:
        slugs = ", ".join(group[0].slug for group in documents)
        raise IngestError(
            f"its text is the text of several stored documents ({slugs}), and it carries no "
            "number to say which it is; nothing was stored",
            source,
        )
    return _same_release(_releases(documents[0]), values, source, "text")


def _documents(memos):
    """The memos grouped by document: sharing a number that names one, or a release group.

    Memos with no such number and no group (the same text stored twice) are one document.
    """
    groups = []
    for memo in memos:
        theirs = naming(_memo_numbers(memo))
        for group in groups:
            if any(
                (memo.release_group_id and memo.release_group_id == other.release_group_id)
                or _agreeing(theirs, naming(_memo_numbers(other)))
                or (not theirs and not naming(_memo_numbers(other)))
                for other in group
            ):
                group.append(memo)
                break
        else:
            groups.append([memo])
    return groups


def _releases(memos):
    """Every stored release of the document these memos are: same number or same group."""
    keys = {memo.doc_key for memo in memos if memo.doc_key}
    groups = {memo.release_group_id for memo in memos if memo.release_group_id}
    query = Q(pk__in=[memo.pk for memo in memos])
    if keys:
        query |= Q(doc_key__in=keys)
    if groups:
        query |= Q(release_group_id__in=groups)
    return list(Memo.objects.filter(query).order_by("pk")[:LOOKUP_LIMIT])


def _same_release(releases, values, source, how):
    """This release of the document, or a Match saying it is another release of it."""
    wanted = release_key(values.get("release_date"))
    if wanted:
        same = next((memo for memo in releases if memo.release_key == wanted), None)
        return Match(same, releases, how)
    # No release date with the new text: the release with this text, else the undated one,
    # else the only one.
    key = text_key(values["text"])
    same = next((memo for memo in releases if memo.text_key == key), None)
    same = same or next((memo for memo in releases if not memo.release_key), None)
    if same is None and len(releases) == 1:
        same = releases[0]
    if same is None:
        dates = ", ".join(memo.release_key for memo in releases)
        raise IngestError(
            f"its {how} names a document stored in several releases ({dates}) and it gives no "
            "release date to say which it is; nothing was stored",
            source,
        )
    return Match(same, releases, how)


def carry_numbers(record, releases):
    """A new release of a stored document takes the numbers its record lacks from the document.

    The releases of one document share its number (and so its address, with the release year
    added); a telegram number alone is replaced by the document's own number.
    """
    values, confidence = record.values, record.confidence
    first = releases[0]
    own = doc_key(values.get("document_number"))
    if first.document_number and (not own or number_kind(own) in SHARED_KINDS):
        values["document_number"] = first.document_number
        confidence["document_number"] = first.field_confidence.get("document_number", 1.0)
    for name in ("nara_record_number", "crest_id"):
        if not values.get(name) and getattr(first, name):
            values[name] = getattr(first, name)
            confidence[name] = first.field_confidence.get(name, 1.0)


def describe_release(memo):
    """A memo's release for reports: "released 2012-09-01" or "release date unknown"."""
    return f"released {memo.release_key}" if memo.release_key else "release date unknown"


def link_releases(memo, releases=()):
    """Link a memo with the other releases of its document (one ReleaseGroup for them all).

    The other releases are the memos of its document number, and `releases` (those matched
    by another of its numbers, by name or by text).
    """
    others = {other.pk: other for other in releases if other.pk != memo.pk}
    if memo.doc_key:
        for other in Memo.objects.filter(doc_key=memo.doc_key).exclude(pk=memo.pk):
            others[other.pk] = other
    if not others:
        return
    group_id = memo.release_group_id or next(
        (other.release_group_id for other in others.values() if other.release_group_id), None
    )
    if group_id is None:
        label = f"Releases of {_label(memo, others.values())}"
        group_id = ReleaseGroup.objects.create(label=label[:300]).pk
    unlinked = [pk for pk, other in others.items() if other.release_group_id != group_id]
    if memo.release_group_id != group_id:
        unlinked.append(memo.pk)
        memo.release_group_id = group_id
    Memo.objects.filter(pk__in=unlinked).update(release_group_id=group_id)


def _label(memo, others):
    for candidate in [memo, *others]:
        name = (
            candidate.document_number
            or candidate.nara_record_number
            or candidate.crest_id
            or candidate.title
        )
        if name:
            return name
    return memo.slug
