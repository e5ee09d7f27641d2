"""Finding a published memo from what a URL holds: its slug or any spelling of its number."""

from archive.identifiers import doc_key
from archive.models import Memo


def find_published(ident):
    """The published memo for a slug or document number, or None."""
    memos = Memo.objects.published().select_related("collection")
    memo = memos.filter(slug=ident).first()
    if memo is not None:
        return memo
    key = doc_key(ident)
    if not key:
        return None
    return memos.filter(slug=key).first() or memos.filter(doc_key=key).first()
