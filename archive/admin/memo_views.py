"""The memo admin's own pages: a workflow move, approving reviewed fields, the audit trail,
suppressed passages."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse

from archive.admin.history import audit_view
from archive.admin.suppressions import lift_view, suppress_view
from archive.choices import Status
from archive.curation import workflow
from archive.models import Memo


class MemoViews:
    """URLs and views the MemoAdmin adds to the admin's own."""

    def get_urls(self):
        prefix = f"{self.model._meta.app_label}_{self.model._meta.model_name}"
        own = [
            path(
                "<int:pk>/workflow/",
                self.admin_site.admin_view(self.workflow_view),
                name=f"{prefix}_workflow",
            ),
            path(
                "<int:pk>/approve/",
                self.admin_site.admin_view(self.approve_view),
                name=f"{prefix}_approve",
            ),
            path(
                "<int:pk>/audit/",
                self.admin_site.admin_view(self.audit_view),
                name=f"{prefix}_audit",
            ),
            path(
                "<int:pk>/suppress/",
                self.admin_site.admin_view(self.suppress_view),
                name=f"{prefix}_suppress",
            ),
            path(
                "<int:pk>/suppressions/<int:suppression>/lift/",
                self.admin_site.admin_view(self.lift_view),
                name=f"{prefix}_lift",
            ),
        ]
        return own + super().get_urls()

    def workflow_view(self, request, pk):
        """POST: move one memo through the workflow (to=<status>, comment=<why>)."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        memo = get_object_or_404(Memo, pk=pk)
        target = request.POST.get("to", "")
        if target not in Status.values:
            self.message_user(request, "Unknown status.", messages.ERROR)
        else:
            try:
                workflow.transition(
                    memo, target, request.user, comment=request.POST.get("comment", "")[:2000]
                )
            except (workflow.TransitionError, PermissionDenied) as error:
                self.message_user(request, str(error), messages.ERROR)
            else:
                self.message_user(
                    request, f"{memo}: now {memo.get_status_display().lower()}.", messages.SUCCESS
                )
        return HttpResponseRedirect(reverse("admin:archive_memo_change", args=[pk]))

    def approve_view(self, request, pk):
        """POST: a reviewer vouches for the memo's uncertain fields."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        memo = get_object_or_404(Memo, pk=pk)
        try:
            labels = workflow.vouch(memo, request.user)
        except PermissionDenied as error:
            self.message_user(request, str(error), messages.ERROR)
        else:
            self.message_user(
                request,
                f"Approved: {', '.join(labels)}." if labels else "Nothing left to approve.",
                messages.SUCCESS,
            )
        return HttpResponseRedirect(reverse("admin:archive_memo_change", args=[pk]))

    def audit_view(self, request, pk):
        """Every recorded change to the memo, its redactions and its notes, with diffs."""
        memo = get_object_or_404(Memo, pk=pk)
        if not self.has_view_permission(request, memo):
            raise PermissionDenied
        return audit_view(self, request, memo)

    def suppress_view(self, request, pk):
        """The memo's suppressed passages; POST suppresses another."""
        return suppress_view(self, request, get_object_or_404(Memo, pk=pk))

    def lift_view(self, request, pk, suppression):
        """POST: lift one of the memo's suppressions, saying why."""
        return lift_view(self, request, get_object_or_404(Memo, pk=pk), suppression)
