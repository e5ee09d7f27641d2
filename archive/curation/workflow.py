"""The publishing workflow: which status may follow which, who may move it, and the record of it.

Draft → in review → published → withdrawn. Curators submit drafts for review; reviewers send
them back, publish (a reviewer may publish a draft directly: their approval is the review),
withdraw and republish. Every move is a StatusChange row (who, when, from, to, why) written in
the same transaction as the status, and the search index is updated from that transaction's
queue: a withdrawn memo leaves the index, pages, feeds and API at once.
"""

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from types import SimpleNamespace

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.dispatch import receiver
from django.utils import timezone
from simple_history.models import HistoricalRecords
from simple_history.signals import pre_create_historical_record

from archive.choices import TRACKED_FIELDS, Status
from archive.models import Memo, StatusChange
from archive.search import queue

# (from, to) -> the permission that allows it.
TRANSITIONS = {
    (Status.DRAFT, Status.IN_REVIEW): "archive.submit_memo",
    (Status.WITHDRAWN, Status.IN_REVIEW): "archive.submit_memo",
    (Status.IN_REVIEW, Status.DRAFT): "archive.review_memo",
    (Status.WITHDRAWN, Status.DRAFT): "archive.review_memo",
    (Status.IN_REVIEW, Status.PUBLISHED): "archive.publish_memo",
    (Status.DRAFT, Status.PUBLISHED): "archive.publish_memo",
    (Status.WITHDRAWN, Status.PUBLISHED): "archive.publish_memo",
    (Status.PUBLISHED, Status.WITHDRAWN): "archive.withdraw_memo",
}
# The verbs curators see, by target status.
VERBS = {
    Status.IN_REVIEW: "Submit for review",
    Status.DRAFT: "Return to draft",
    Status.PUBLISHED: "Publish",
    Status.WITHDRAWN: "Withdraw",
}


class TransitionError(Exception):
    """A status change that the workflow does not allow from where the memo stands."""


@dataclass
class Outcome:
    """What a (bulk) transition did: memos moved and memos left as they were, with why."""

    moved: list = field(default_factory=list)
    skipped: list = field(default_factory=list)  # (memo, reason)

    def summary(self, verb):
        text = f"{verb}: {len(self.moved)} memo(s)."
        if self.skipped:
            reasons = "; ".join(f"{memo}: {reason}" for memo, reason in self.skipped[:5])
            more = f" (and {len(self.skipped) - 5} more)" if len(self.skipped) > 5 else ""
            text += f" Left unchanged {len(self.skipped)}: {reasons}{more}."
        return text


def permission_for(from_status, to_status):
    """The permission a move needs, or None if the workflow has no such move."""
    return TRANSITIONS.get((Status(from_status), Status(to_status)))


def can(user, from_status, to_status):
    """Whether this user may move a memo from one status to the other."""
    permission = permission_for(from_status, to_status)
    return bool(permission and user is not None and user.has_perm(permission))


def can_reach(user, to_status):
    """Whether the user may move some memo to this status (to offer the action at all)."""
    return any(
        user.has_perm(permission)
        for (_from, to), permission in TRANSITIONS.items()
        if to == Status(to_status)
    )


def available(memo, user):
    """(status, verb) pairs this user may move this memo to now."""
    return [
        (to, VERBS[to])
        for (from_status, to), _permission in TRANSITIONS.items()
        if from_status == memo.status and can(user, from_status, to)
    ]


_REASON = ContextVar("history_reason", default="")
# django-simple-history keeps a change's reason in 100 characters (its column's size).
REASON_CHARS = 100


def fitting(reason):
    """A history reason cut to what its column holds ("…" where cut); None stays None."""
    if reason is None or len(reason) <= REASON_CHARS:
        return reason
    return reason[: REASON_CHARS - 1] + "…"


@receiver(pre_create_historical_record)
def _fit_reason(sender, history_instance, **kwargs):
    """Every history record's reason fits its column (a curator's long reason, a command's
    list of files): PostgreSQL refuses a longer one, and the change with it."""
    history_instance.history_change_reason = fitting(history_instance.history_change_reason)


@contextmanager
def because(reason):
    """Give history records made in this block without a reason of their own this one (a
    command's: "manage.py ingest memos.jsonl")."""
    token = _REASON.set(reason)
    try:
        yield
    finally:
        _REASON.reset(token)


def reason():
    """The reason `because` set for this block, or "" (cut to fit its column)."""
    return fitting(_REASON.get())


@contextmanager
def acting_as(user):
    """Attribute history records made in this block to `user` (outside a web request too)."""
    context = HistoricalRecords.context
    previous = getattr(context, "request", None)
    context.request = SimpleNamespace(user=user) if user is not None else None
    try:
        yield
    finally:
        context.request = previous


def move(memos, to_status, user, comment=""):
    """Move each memo to `to_status` where allowed; raises nothing for a refused memo.

    Refusals (no such move from its status, no permission) are listed in the outcome. The
    moves, their StatusChange rows and the index updates are written in one transaction.
    """
    to_status = Status(to_status)
    outcome = Outcome()
    with transaction.atomic(), queue.collecting(), acting_as(user):
        pks = [memo.pk for memo in memos]
        for memo in Memo.objects.select_for_update().filter(pk__in=pks).order_by("pk"):
            if memo.status == to_status:
                outcome.skipped.append((memo, f"already {to_status.label.lower()}"))
                continue
            permission = permission_for(memo.status, to_status)
            if permission is None:
                outcome.skipped.append(
                    (
                        memo,
                        f"cannot go from {memo.get_status_display().lower()} "
                        f"to {to_status.label.lower()}",
                    )  # fmt: skip
                )
                continue
            if not user.has_perm(permission):
                outcome.skipped.append((memo, "you do not have permission"))
                continue
            _apply(memo, to_status, user, comment)
            outcome.moved.append(memo)
    return outcome


def transition(memo, to_status, user, comment=""):
    """Move one memo; raises TransitionError or PermissionDenied if it may not move."""
    to_status = Status(to_status)
    permission = permission_for(memo.status, to_status)
    if permission is None:
        raise TransitionError(
            f"A {memo.get_status_display().lower()} memo cannot be moved to "
            f"{to_status.label.lower()}."
        )
    if not user.has_perm(permission):
        raise PermissionDenied(f"You may not {VERBS[to_status].lower()} memos.")
    outcome = move([memo], to_status, user, comment)
    if not outcome.moved:
        _memo, reason = outcome.skipped[0]
        raise TransitionError(reason)
    memo.refresh_from_db()
    return memo


def _apply(memo, to_status, user, comment):
    from_status = memo.status
    memo.status = to_status
    if to_status == Status.PUBLISHED and memo.published_at is None:
        memo.published_at = timezone.now()
    memo._change_reason = f"{from_status} → {to_status}"
    memo.save(update_fields=["status", "published_at", "needs_review", "doc_key", "updated_at"])
    StatusChange.objects.create(
        memo=memo,
        from_status=from_status,
        to_status=to_status,
        user=user if getattr(user, "pk", None) else None,
        comment=comment,
    )


def vouch(memo, user, fields=None):
    """A reviewer vouches for uncertain fields (all by default): confidence 1, kept on re-ingest.

    Returns the labels of the fields vouched for.
    """
    if not user.has_perm("archive.review_memo"):
        raise PermissionDenied("You may not approve reviewed fields.")
    names = [
        name
        for name in TRACKED_FIELDS
        if (fields is None or name in fields) and name in memo.field_confidence
        and memo.field_confidence[name] < 1.0
    ]  # fmt: skip
    if not names:
        return []
    confidence = dict(memo.field_confidence)
    curated = list(memo.curated_fields)
    for name in names:
        confidence[name] = 1.0
        if name not in curated and name not in ("text", "redactions", "suppressions"):
            curated.append(name)
    memo.field_confidence = confidence
    memo.curated_fields = curated
    memo._change_reason = "fields approved in review"
    with acting_as(user):
        memo.save()
    return [TRACKED_FIELDS[name] for name in names]
