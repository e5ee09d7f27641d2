"""Suppressing a passage of a memo's text, and lifting a suppression.

A curator names the passage by its exact words (and which occurrence of them) or by offsets,
with a reason; the passage is masked on every public surface from the commit on (the memo is
reindexed, its excerpt worked out again) while staff still read the source. Each suppression
and each lifting is recorded in the memo's audit trail with who, when and why. A suppression
follows its passage when the text is corrected, and never silently lets it go: one that
cannot be found again stays at its likely place and the memo goes to review.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from archive.body import excerpt
from archive.curation.anchoring import Anchor, best_guess, find, relocate, selector
from archive.curation.workflow import acting_as
from archive.models import Memo, Suppression
from archive.public_text import forget, public_text
from archive.search import queue

MAX_REASON = 2000


class SuppressionError(ValueError):
    """The passage asked for cannot be suppressed (not found, blank, outside the text)."""


def locate(text, passage="", occurrence=1, start=None, end=None):
    """(start, end) of the passage: its `occurrence`-th exact appearance, or the offsets."""
    if passage:
        if not passage.strip():
            raise SuppressionError("The passage is only blank space: give its words.")
        position, seen = -1, 0
        while seen < max(1, occurrence):
            position = text.find(passage, position + 1)
            if position == -1:
                found = text.count(passage)
                raise SuppressionError(
                    f"The passage appears {found} time(s) in the text, not {occurrence}: "
                    "copy it exactly as it stands in the text."
                )
            seen += 1
        return position, position + len(passage)
    if start is None or end is None:
        raise SuppressionError("Give the passage's exact words, or its start and end.")
    if not 0 <= start < end <= len(text):
        raise SuppressionError(f"Start and end must mark a passage of the text (0 to {len(text)}).")
    if not text[start:end].strip():
        raise SuppressionError("The passage is only blank space: choose some words.")
    return start, end


def suppress(memo, user, reason, label=None, **where):
    """Suppress a passage of the memo (located as locate() says); returns the Suppression."""
    if not user.has_perm("archive.add_suppression"):
        raise PermissionDenied("You may not suppress passages.")
    reason = " ".join((reason or "").split())[:MAX_REASON]
    if not reason:
        raise SuppressionError("Say why the passage is suppressed: the reason is kept.")
    start, end = locate(memo.text, **where)
    anchor = selector(memo.text, start, end, context=100)
    suppression = Suppression(
        memo=memo,
        start=start,
        end=end,
        quote=anchor.quote,
        prefix=anchor.prefix,
        suffix=anchor.suffix,
        reason=reason,
        created_by=user,
    )
    if label:
        suppression.label = label
    suppression._change_reason = f"suppressed: {reason}"
    with transaction.atomic(), acting_as(user):
        suppression.save()
    forget(memo)
    return suppression


def lift(suppression, user, reason):
    """Lift a suppression: the passage is public again. The reason is kept in the trail."""
    if not user.has_perm("archive.delete_suppression"):
        raise PermissionDenied("You may not lift suppressions.")
    reason = " ".join((reason or "").split())[:MAX_REASON]
    if not reason:
        raise SuppressionError("Say why the suppression is lifted: the reason is kept.")
    suppression._change_reason = f"lifted: {reason}"
    with transaction.atomic(), acting_as(user):
        suppression.delete()


@receiver(post_save, sender=Suppression, dispatch_uid="archive.suppression_saved")
@receiver(post_delete, sender=Suppression, dispatch_uid="archive.suppression_deleted")
def _refresh_excerpt(sender, instance, **kwargs):
    # Lists and feeds show the kept excerpt: worked out again from the new public text. An
    # update, not a save: the memo itself did not change (no history record of its own).
    memo = Memo.objects.filter(pk=instance.memo_id).only("pk", "text", "parts").first()
    if memo is not None:
        value = excerpt(public_text(memo), memo.parts)
        Memo.objects.filter(pk=memo.pk).update(excerpt=value)


def follow_text_change(memo, old_text, new_text):
    """Move the memo's suppressions with their passages; returns how many were lost.

    A lost one stays at its likely place (still masking something) and the caller flags the
    memo for review: a passage of personal data is never let go by a correction.
    """
    suppressions = list(memo.suppressions.all())
    anchors = [Anchor(s.start, s.end, s.quote, s.prefix, s.suffix) for s in suppressions]
    lost = 0
    for suppression, match in zip(suppressions, relocate(old_text, new_text, anchors), strict=True):
        before = (suppression.start, suppression.end)
        if match is None:
            suppression.start, suppression.end = best_guess(
                old_text, new_text, suppression.start, suppression.end
            )
            lost += 1
        else:
            suppression.start, suppression.end = match.start, match.end
        if before != (suppression.start, suppression.end):
            suppression._change_reason = "re-anchored after a text correction"
            suppression.save(update_fields=["start", "end"])
    forget(memo)
    return lost


def move_to_survivor(other, survivor):
    """A merged-away memo's suppressions, placed on the same passage of the survivor's text;
    returns the quotes not found there (the survivor then needs a curator's look)."""
    missing = []
    for suppression in other.suppressions.all():
        anchor = Anchor(
            suppression.start,
            suppression.end,
            suppression.quote,
            suppression.prefix,
            suppression.suffix,
        )
        match = find(survivor.text, anchor)
        if match is None:
            missing.append(suppression.quote)
            continue
        suppression.memo = survivor
        suppression.start, suppression.end = match.start, match.end
        suppression._change_reason = f"moved from {other.slug} in a merge"
        suppression.save()
    queue.enqueue([survivor.pk])
    forget(survivor)
    return missing
