"""The named selections of memos that views and the admin ask for; views never filter on status."""

from django.db import models
from django.db.models import Exists, OuterRef, Q

from archive.choices import Status
from archive.models.memoparts import Redaction


class MemoQuerySet(models.QuerySet):
    """Named selections of memos; views never filter on status themselves."""

    def published(self):
        """Memos the public may see."""
        return self.filter(status=Status.PUBLISHED)

    def harvestable(self):
        """Memos OAI-PMH tells of: the published, and those once published and no longer
        (withdrawn, sent back), which it gives as deleted records."""
        return self.filter(Q(status=Status.PUBLISHED) | Q(published_at__isnull=False))

    def needing_review(self):
        """Memos with an uncertain extracted field."""
        return self.filter(needs_review=True)

    def with_redaction_flag(self):
        """Annotate `has_redactions` without a query per memo."""
        return self.annotate(has_redactions=Exists(Redaction.objects.filter(memo=OuterRef("pk"))))
