"""The audit trail of one memo: every recorded change to it, its redactions, notes and
suppressed passages.

Each entry says who, when, what kind of change, and what changed (a diff; a text change as
the changed lines). Each links to that object's own history page, where any version can be
restored (a deleted redaction or note too).
"""

import difflib
from itertools import pairwise

from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from archive.models import Memo, Note, Redaction, Suppression

LIMIT = 300  # entries shown: the newest
LONG = 300  # a value longer than this is shown as a diff of its lines, or cut


def _value(value):
    text = "" if value is None else str(value)
    return text if len(text) <= LONG else text[: LONG - 1] + "…"


def _text_diff(old, new):
    lines = difflib.unified_diff(
        str(old or "").splitlines(), str(new or "").splitlines(), lineterm="", n=1
    )
    return "\n".join(line for line in list(lines)[2:40])


def _changes(record, previous):
    if previous is None:
        return []
    delta = record.diff_against(previous, foreign_keys_are_objs=False)
    changes = []
    for change in delta.changes:
        long = max(len(str(change.old or "")), len(str(change.new or ""))) > LONG
        changes.append(
            {
                "field": change.field,
                "old": "" if long else _value(change.old),
                "new": "" if long else _value(change.new),
                "diff": _text_diff(change.old, change.new) if long else "",
            }
        )
    return changes


def _entries(history_model, kind, url_name, records):
    """Audit entries of one kind of object, each diffed against its own previous version."""
    by_object = {}
    for record in records:
        by_object.setdefault(record.id, []).append(record)
    entries = []
    for object_id, versions in by_object.items():
        versions.sort(key=lambda r: (r.history_date, r.history_id))
        for previous, record in pairwise([None, *versions]):
            entries.append(
                {
                    "when": record.history_date,
                    "who": record.history_user,
                    "kind": kind,
                    "what": record.get_history_type_display(),
                    "object": str(record.instance) if kind != "memo" else "",
                    "reason": record.history_change_reason or "",
                    "changes": _changes(record, previous),
                    "history_url": reverse(url_name, args=[object_id]),
                }
            )
    return entries


def audit_view(model_admin, request, memo):
    """The memo's audit trail page."""
    sources = [
        (Memo.history.filter(id=memo.pk), "memo", "admin:archive_memo_history"),
        (Redaction.history.filter(memo_id=memo.pk), "redaction", "admin:archive_redaction_history"),
        (Note.history.filter(memo_id=memo.pk), "note", "admin:archive_note_history"),
        (
            Suppression.history.filter(memo_id=memo.pk),
            "suppression",
            "admin:archive_suppression_history",
        ),
    ]
    entries = []
    for records, kind, url_name in sources:
        records = records.select_related("history_user").order_by("-history_date")[: LIMIT * 2]
        entries.extend(_entries(records.model, kind, url_name, list(records)))
    entries.sort(key=lambda entry: entry["when"], reverse=True)
    context = {
        **model_admin.admin_site.each_context(request),
        "title": f"Audit trail: {memo}",
        "memo": memo,
        "entries": entries[:LIMIT],
        "truncated": len(entries) > LIMIT,
        "opts": model_admin.model._meta,
        "original": memo,
    }
    return TemplateResponse(request, "admin/archive/memo/audit.html", context)


class HistoryAdmin(SimpleHistoryAdmin):
    """simple_history's admin, whose history page answers a malformed id as the change page
    does (back to the list, saying so) instead of failing; a deleted object's history stays
    reachable, to bring it back."""

    def history_view(self, request, object_id, extra_context=None):
        """The object's history, or the list with a message when the id cannot be one."""
        try:
            self.opts.pk.to_python(unquote(object_id))
        except ValidationError:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        return super().history_view(request, object_id, extra_context)
