"""What storing a record does besides the memo's fields and redactions.

A re-ingest leaves what a curator corrected (Memo.curated_fields) as it is; a scan's page
images are stored with the span of each page's text; curator notes a record carries replace
the memo's; and a record of our own export restores the rest of the memo's state (curated
fields, publication and ingest times, release group, old addresses, status history).
Called by store.py inside its transaction.
"""

from django.contrib.auth import get_user_model

from archive.ingest import provenance
from archive.ingest.documents import IngestError
from archive.models import MemoAlias, Note, Page, ReleaseGroup, StatusChange, Suppression
from archive.pages import pagewords


def adjust(record, memo, state, rows, collection):
    """The target (state, redaction rows, collection) once curated fields and restores apply."""
    if record.exact:
        restore = record.restore
        state["curated_fields"] = restore["curated_fields"]
        state["published_at"] = restore["published_at"]
        if restore["ingested_at"]:
            state["ingested_at"] = restore["ingested_at"]
        state["release_group_id"] = _release_group_id(restore["release_group"])
        return state, rows, collection
    if memo is None or not memo.curated_fields:
        return state, rows, collection
    curated = set(memo.curated_fields)
    if "date" in curated:
        curated.add("date_precision")
    for name in curated & state.keys():
        state[name] = getattr(memo, name)
    if "text" in curated:
        state["checksum"] = memo.checksum
    if curated & {"text", "redactions"}:
        # Curated redactions stay; so do redactions of a curated text (their offsets are its).
        rows = [
            (start, end, marker, list(codes), kind)
            for start, end, marker, codes, kind in memo.redactions.order_by(
                "start", "pk"
            ).values_list("start", "end", "marker", "codes", "kind")
        ]
    if "collection" in curated:
        collection = memo.collection
    confidence = dict(state.get("field_confidence") or {})
    for name in curated:
        if name in memo.field_confidence:
            confidence[name] = memo.field_confidence[name]
    state["field_confidence"] = confidence
    if "field_sources" in state:
        _keep_curated_sources(memo, state, curated)
    return state, rows, collection


def _keep_curated_sources(memo, state, curated):
    """Sources once curated fields stay: a curator's value is the curator's; a value a reviewer
    approved keeps the span it was read from while the text it points into stays too."""
    text_kept = "text" in curated
    sources = dict(state["field_sources"])
    if text_kept:
        # The new record's spans point into a text that is not kept: the memo's anatomy and
        # form stay with its text, and new values lose their spans.
        state["parts"] = memo.parts
        state["archival_description"] = memo.archival_description
        sources = {
            name: {k: v for k, v in source.items() if k not in ("start", "end")}
            if name != provenance.EXTRACTOR_KEY and isinstance(source, dict)
            else source
            for name, source in sources.items()
        }
    same_text = text_kept or memo.text == state.get("text")
    for name in curated & set(provenance.SOURCED_FIELDS):
        old = (memo.field_sources or {}).get(name)
        keep = isinstance(old, dict) and (old.get("rule") == provenance.CURATOR or same_text)
        sources[name] = old if keep else {"rule": provenance.CURATOR}
    state["field_sources"] = sources


def _release_group_id(label):
    if not label:
        return None
    group = ReleaseGroup.objects.filter(label=label).order_by("pk").first()
    return (group or ReleaseGroup.objects.create(label=label)).pk


def unchanged(record, memo):
    """Whether the pages, notes and restored history the record carries are already so."""
    if record.pages:
        stored = list(memo.pages.order_by("number").values_list("checksum", flat=True))
        if len(stored) != len(record.pages) or stored != [_checksum(p) for p in record.pages]:
            return False
    if record.curator_notes is not None and _note_rows(memo) != [
        _note_key(note) for note in record.curator_notes
    ]:
        return False
    if record.exact:
        aliases = set(memo.aliases.values_list("slug", flat=True))
        if not set(record.restore["aliases"]) <= aliases:
            return False
        if any(not _has_change(memo, item) for item in record.restore["status_history"]):
            return False
        spans = set(memo.suppressions.values_list("start", "end"))
        if any((s["start"], s["end"]) not in spans for s in record.restore["suppressions"]):
            return False
    return True


def _checksum(page):
    import hashlib

    return hashlib.sha256(page.png()).hexdigest()


def _note_key(note):
    return (
        note["start"], note["end"], note["quote"], note["prefix"], note["suffix"],
        note["anchored"], note["body"], note["visibility"], note["author"] or "",
    )  # fmt: skip


def _note_rows(memo):
    return [
        (n.start, n.end, n.quote, n.prefix, n.suffix, n.anchored, n.body, n.visibility,
         n.author.get_username() if n.author_id else "")
        for n in memo.notes.select_related("author").order_by("start", "pk")
    ]  # fmt: skip


def _has_change(memo, item):
    return memo.status_changes.filter(
        from_status=item["from_status"], to_status=item["to_status"], at=item["at"]
    ).exists()


def save(record, memo, text_kept):
    """Store the record's pages, notes and restored history for the saved memo."""
    if record.pages:
        _store_pages(record, memo, text_kept)
    if record.curator_notes is not None:
        _replace_notes(record, memo)
    if record.exact:
        _restore_aliases(record, memo)
        _restore_suppressions(record, memo)
        for item in record.restore["status_history"]:
            if not _has_change(memo, item):
                StatusChange.objects.create(
                    memo=memo,
                    from_status=item["from_status"],
                    to_status=item["to_status"],
                    user=user_named(item["user"]),
                    at=item["at"],
                    comment=item["comment"],
                )


def _store_pages(record, memo, text_kept):
    from archive.ingest.images import store_pages

    pages = store_pages(memo, record.pages, record.page_texts)
    if text_kept:
        # A curated text stays: the pages' words are found in it by aligning the two texts.
        read = list(zip(record.page_texts, [page.words for page in record.pages], strict=True))
        placed = pagewords.align(read, memo.text)
        spans = pagewords.page_spans(placed, len(memo.text))
    else:
        placed = [pagewords.shift(page.words, start) for page, (start, _end) in
                  zip(record.pages, record.page_spans, strict=True)]  # fmt: skip
        spans = record.page_spans
    for page, (start, end), words in zip(pages, spans, placed, strict=True):
        page.text_start, page.text_end = start, end
        page.words = pagewords.pack(words)
    Page.objects.bulk_update(pages, ["text_start", "text_end", "words"])


def _replace_notes(record, memo):
    for note in memo.notes.all():
        note.delete()  # one by one, so each deletion is in the notes' history
    for item in record.curator_notes:
        note = Note.objects.create(
            memo=memo,
            body=item["body"],
            visibility=item["visibility"],
            start=item["start"],
            end=item["end"],
            quote=item["quote"],
            prefix=item["prefix"],
            suffix=item["suffix"],
            anchored=item["anchored"],
            author=user_named(item["author"]),
        )
        times = {k: item[k] for k in ("created_at", "updated_at") if item.get(k)}
        if times:
            Note.objects.filter(pk=note.pk).update(**times)


def _restore_suppressions(record, memo):
    # Added to what the memo has: a restore never lifts a suppression.
    spans = set(memo.suppressions.values_list("start", "end"))
    for item in record.restore["suppressions"]:
        if (item["start"], item["end"]) in spans:
            continue
        suppression = Suppression(
            memo=memo,
            **{k: item[k] for k in ("start", "end", "quote", "prefix", "suffix", "label")},
            reason=item["reason"],
            created_by=user_named(item["by"]) if item["by"] else None,
        )
        if item["created_at"]:
            suppression.created_at = item["created_at"]
        suppression._change_reason = f"restored: {item['reason']}"
        suppression.save()


def _restore_aliases(record, memo):
    for slug in record.restore["aliases"]:
        alias = MemoAlias.objects.filter(slug=slug).select_related("memo").first()
        if alias is not None and alias.memo_id != memo.pk:
            raise IngestError(
                f"old address {slug!r} already leads to another memo ({alias.memo.slug}); "
                "nothing was stored",
                record.source,
            )
        if alias is None:
            MemoAlias.objects.create(slug=slug, memo=memo)


def user_named(username):
    """The user with this name; an inactive account without password is made for a stranger.

    Notes and status changes keep their author across an export and a restore.
    """
    if not username:
        return None
    User = get_user_model()
    user = User.objects.filter(**{User.USERNAME_FIELD: username}).first()
    if user is None:
        user = User(**{User.USERNAME_FIELD: username}, is_active=False)
        user.set_unusable_password()
        user.save()
    return user
