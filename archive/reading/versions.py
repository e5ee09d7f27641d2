"""Citing a version of a memo: the version a permalink names, and what changed since.

Versions are the memo's history records (django-simple-history); a version is named by its
history id (/memos/<slug>/v/<id>/) or by a date (/memos/<slug>/v/2026-03-01/: the version
public that day). Only versions saved while the memo was published can be cited: a draft's or a
withdrawn memo's version is no version to the public, and neither are the history's reasons
and authors, which are the curators'. What changed is told field by field (the fields the memo
page shows, from → to) and, for the text, as counts: the old text is never quoted, since a
passage suppressed since then must stay so.
"""

import datetime
import difflib
from dataclasses import dataclass

from archive.choices import Status

# The memo's public fields compared between versions, with the labels readers see.
COMPARED = {
    "document_number": "Document number",
    "title": "Title",
    "document_type": "Document type",
    "date": "Date",
    "agency": "Agency",
    "directorate": "Directorate",
    "office": "Office",
    "division": "Division",
    "branch": "Branch",
    "sender": "From",
    "recipient": "To",
    "classification": "Classification",
    "classification_marking": "Classification as printed",
    "control_markings": "Control markings",
    "subjects": "Subjects",
    "summary": "Summary",
    "page_count": "Pages",
    "release_date": "Released",
    "file_number": "File number",
    "crest_id": "CREST id",
    "nara_record_number": "NARA record",
    "foia_case": "FOIA case",
    "collection": "Collection",
}
LONGEST = 300  # characters of a value shown


@dataclass
class Change:
    """One field of the memo as it read in a version and as it reads now."""

    label: str
    old: str
    new: str


@dataclass
class TextChange:
    """How much of the text changed: passages (runs of lines) and words."""

    passages: int
    words_added: int
    words_removed: int


def public_versions(memo):
    """The memo's versions saved while it was published, newest first."""
    return memo.history.filter(status=Status.PUBLISHED).order_by("-history_date", "-history_id")


def citable_version(memo):
    """The version a reader citing the memo now cites (its latest public one), or None."""
    if memo.status != Status.PUBLISHED:
        return None
    return public_versions(memo).only("history_id", "history_date").first()


def find_version(memo, ident):
    """The public version of this memo named by a history id or an ISO date, or None."""
    ident = str(ident or "").strip()
    if ident.isdigit() and len(ident) < 19:
        return public_versions(memo).filter(history_id=int(ident)).first()
    try:
        day = datetime.date.fromisoformat(ident) + datetime.timedelta(days=1)
    except (ValueError, OverflowError):  # not a date, or 9999-12-31
        return None
    # The version public at the end of that day (UTC, as history dates are stored).
    end = datetime.datetime.combine(day, datetime.time(), datetime.UTC)
    return public_versions(memo).filter(history_date__lt=end).first()


def _shown(memo, name):
    """A field's value as the memo page shows it."""
    if name == "date":
        return memo.display_date
    if name == "collection":
        collection = getattr(memo, "collection", None) if memo.collection_id else None
        return collection.name if collection is not None else ""
    value = getattr(memo, name)
    field = memo._meta.get_field(name)
    if field.choices and value:
        value = dict(field.choices).get(value, value)
    if isinstance(value, list):
        value = ", ".join(str(item) for item in value)
    if isinstance(value, datetime.date):
        value = f"{value.day} {value.strftime('%B %Y')}"
    text = "" if value is None else " ".join(str(value).split())
    return text if len(text) <= LONGEST else text[: LONGEST - 1] + "…"


def _old_memo(record):
    """The memo as a version saved it (its collection looked up, if it still exists)."""
    from archive.models import Collection

    old = record.instance
    if old.collection_id:
        old.collection = Collection.objects.filter(pk=old.collection_id).first()
    return old


def field_changes(record, memo):
    """The public fields that differ between a version and the memo now, from → to."""
    old = _old_memo(record)
    changes = []
    for name, label in COMPARED.items():
        if name == "date":
            same = (old.date, old.date_precision) == (memo.date, memo.date_precision)
        elif name == "collection":
            same = old.collection_id == memo.collection_id
        else:
            same = getattr(old, name) == getattr(memo, name)
        if not same:
            changes.append(Change(label, _shown(old, name) or "—", _shown(memo, name) or "—"))
    return changes


def text_change(old_text, new_text):
    """How the text changed, counted in passages and words; None when it did not."""
    if old_text == new_text:
        return None
    old_lines, new_lines = old_text.splitlines(), new_text.splitlines()
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    passages = added = removed = 0
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        passages += 1
        old_words = " ".join(old_lines[i1:i2]).split()
        new_words = " ".join(new_lines[j1:j2]).split()
        words = difflib.SequenceMatcher(None, old_words, new_words, autojunk=False)
        for wtag, a1, a2, b1, b2 in words.get_opcodes():
            if wtag != "equal":
                removed += a2 - a1
                added += b2 - b1
    if not passages:  # only line endings or spacing at the ends differ
        passages = 1
    return TextChange(passages, added, removed)


def changes_since(record, memo):
    """(field changes, text change or None) between a cited version and the memo now."""
    return field_changes(record, memo), text_change(record.text or "", memo.text or "")
