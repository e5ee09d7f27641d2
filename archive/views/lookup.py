"""Finding a published memo from what a URL holds: its slug, any spelling of its number, or an
old address (a merged record's slug or number, kept as a MemoAlias)."""

from archive.identifiers import doc_key
from archive.models import Memo, MemoAlias


def find_published(ident):
    """The published memo for a slug or document number, or None."""
    memos = Memo.objects.published().select_related("collection")
    memo = memos.filter(slug=ident).first()
    if memo is not None:
        return memo
    key = doc_key(ident)
    if not key:
        return None
    memo = memos.filter(slug=key).first() or (
        # The latest release of the document when it was released more than once.
        memos.filter(doc_key=key).order_by("-release_key", "-pk").first()
    )
    if memo is not None:
        return memo
    # An old address leads to the memo that absorbed it (the caller redirects to its slug).
    alias = MemoAlias.objects.filter(slug__in={ident, key}).order_by("pk").first()
    return memos.filter(pk=alias.memo_id).first() if alias else None
