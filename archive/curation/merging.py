"""Two records of one document become one: the survivor keeps its text, the other's URL leads to it.

The survivor takes from the other what it lacks (blank fields, pages, release group), its
notes and suppressed passages (found again in the survivor's text by their quotes) and its
old addresses; the other's slug and document number become aliases of the survivor, so links
to it redirect. The other record is then deleted; its history stays in the history tables.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from archive.curation.anchoring import Anchor, find, selector
from archive.curation.suppressions import move_to_survivor
from archive.curation.workflow import acting_as
from archive.identifiers import doc_key
from archive.models import Memo, MemoAlias, StatusChange
from archive.search import queue

# Fields the survivor takes from the other record when its own is blank.
FILLABLE = (
    "document_number", "source_id", "crest_id", "nara_record_number", "foia_case",
    "file_number", "title", "date", "date_precision", "agency", "directorate", "office",
    "division", "branch", "sender", "recipient", "classification", "classification_marking",
    "source_citation", "release_date", "page_count", "summary", "collection_id",
    "release_group_id",
)  # fmt: skip


class MergeError(Exception):
    """Two records that cannot be merged, and why."""


def merge(survivor, other, user):
    """Merge `other` into `survivor`; returns the survivor. Raises MergeError."""
    if not user.has_perm("archive.merge_memo"):
        raise PermissionDenied("You may not merge memos.")
    if survivor.pk == other.pk:
        raise MergeError("A memo cannot be merged with itself.")
    with transaction.atomic(), queue.collecting(), acting_as(user):
        survivor = Memo.objects.select_for_update().get(pk=survivor.pk)
        other = Memo.objects.select_for_update().get(pk=other.pk)
        filled = [
            name
            for name in FILLABLE
            if getattr(survivor, name) in ("", None) and getattr(other, name) not in ("", None)
        ]
        values = {name: getattr(other, name) for name in filled}
        if "date" in filled:
            values["date_precision"] = other.date_precision
        _move_notes(other, survivor)
        missing = move_to_survivor(other, survivor)
        if missing:  # personal data the other hid may stand in the survivor in another form
            survivor.field_confidence = {**survivor.field_confidence, "suppressions": 0.0}
            survivor.review_notes = [
                *survivor.review_notes,
                f"{len(missing)} passage(s) suppressed in {other.slug} were not found in this "
                "text: check whether they stand here in another form and suppress them",
            ]
        if not survivor.pages.exists():
            other.pages.update(memo=survivor)
        other.jobs.update(memo=survivor)
        other.reader_reports.update(memo=survivor)  # readers' reports stay to be answered
        old_addresses = [other.slug, *other.aliases.values_list("slug", flat=True)]
        other_key = other.doc_key
        other.aliases.all().delete()
        label = f"{other} ({other.slug})"
        other._change_reason = f"merged into {survivor.slug}"
        other.delete()

        for name, value in values.items():
            setattr(survivor, name, value)
        if other_key and other_key != doc_key(survivor.document_number):
            old_addresses.append(other_key)
        taken = set(Memo.objects.filter(slug__in=old_addresses).values_list("slug", flat=True))
        taken |= set(
            MemoAlias.objects.filter(slug__in=old_addresses).values_list("slug", flat=True)
        )
        for slug in dict.fromkeys(old_addresses):
            if slug not in taken:
                MemoAlias.objects.create(slug=slug, memo=survivor)
        survivor._change_reason = f"merged with {label}"
        survivor.save()
        StatusChange.objects.create(
            memo=survivor,
            from_status=survivor.status,
            to_status=survivor.status,
            user=user,
            comment=f"Merged with {label}; its address now leads here."
            + (f" Took {', '.join(filled)} from it." if filled else ""),
        )
    return survivor


def _move_notes(other, survivor):
    """The other's notes, anchored in the survivor's text (unanchored if not found there)."""
    for note in other.notes.all():
        match = find(
            survivor.text, Anchor(note.start, note.end, note.quote, note.prefix, note.suffix)
        )
        if match is None:
            note.anchored = False
            note.start = min(note.start, len(survivor.text))
            note.end = max(note.start, min(note.end, len(survivor.text)))
        else:
            anchor = selector(survivor.text, match.start, match.end)
            note.start, note.end = anchor.start, anchor.end
            note.quote, note.prefix, note.suffix = anchor.quote, anchor.prefix, anchor.suffix
        note.memo = survivor
        note._change_reason = f"moved from {other.slug} in a merge"
        note.save()
