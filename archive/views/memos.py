"""The memo page: the text with redactions, names, notes and search hits in place, and its tools."""

from django.http import Http404
from django.shortcuts import redirect
from django.urls import path
from django.utils.safestring import mark_safe
from django.views.generic import DetailView

from archive.models import Memo
from archive.pages import pagehits
from archive.public_text import public_pages, public_text, suppressed_spans
from archive.reading import citation, linked_data
from archive.reading.readings import LineIndex, classification_note, form_hides, form_rows, readings
from archive.redaction.box_labels import measured_share
from archive.redaction.withheld import estimate, legend
from archive.search.service import more_like_this
from archive.search.urls import search_url
from archive.views.lookup import find_published
from archive.views.parts import chosen, count_hits, cut
from archive.views.reader import reader_context
from archive.views.reading import (
    emphasis_spans,
    mention_spans,
    most_named,
    note_spans,
    place_notes,
    redaction_spans,
    search_hit_spans,
    suppression_spans,
)
from archive.views.segments import render, shown_range

KEYWORDS = 12  # entity names given to reference managers as keywords


def subject_search(subject):
    """A search of the archive for an index term, as a phrase."""
    return search_url(q=f'"{subject.replace(chr(34), " ").strip()}"')


def description_context(memo, public):
    """NARA's identification form beside the document, subjects as searches, and how each
    field was read (none of the form's processing notes, nothing read from a suppressed
    passage: `public` is the memo's public text)."""
    hidden = suppressed_spans(memo)
    rows = form_rows(memo, public=True, hidden=hidden)
    for row in rows:
        if isinstance(row.value, list):
            row.links = [(term, subject_search(term)) for term in row.value]
    read = readings(memo, public=True, index=LineIndex(public))
    subjects = [] if form_hides(memo, "subjects", hidden) else memo.subjects or []
    return {
        "form_rows": rows,
        "classification_note": classification_note(memo),
        "subject_links": [(term, subject_search(term)) for term in subjects],
        "collection_search": search_url(collection=memo.collection.name)
        if memo.collection_id
        else "",
        "readings": read if any(item.how != "unknown" for item in read) else [],
    }


def in_part(spans, part):
    """The spans (anything with start and end) that stand in this part."""
    return [span for span in spans if span.start < part.end and span.end > part.start]


def part_links(request, parts, shown):
    """Each part with the address of its page (the query kept: ?q=, ?back=) and whether shown."""
    links = []
    for part in parts:
        params = request.GET.copy()
        params["part"] = str(part.number)
        links.append({"part": part, "url": "?" + params.urlencode(), "current": part is shown})
    return links


def part_context(request, parts, part, notice, notes, pages):
    """What the part navigator shows: every part, the previous and next, this part's pages."""
    if len(parts) == 1:
        return {"parts": [], "part": part, "part_notice": ""}
    links = part_links(request, parts, part)
    n = part.number
    number_of = {item.note.pk: p.number for p in parts for item in in_part_notes(notes, p)}
    return {
        "parts": links,
        "part": part,
        "part_notice": notice,
        "previous_part": links[n - 2] if n > 1 else None,
        "next_part": links[n] if n < len(parts) else None,
        "hit_parts": [link for link in links if link["part"].hits],
        "hit_total": sum(p.hits for p in parts),
        "part_pages": [
            page
            for page in pages
            if page.text_start is not None
            and page.text_end is not None
            and page.text_start < part.end
            and page.text_end > part.start
        ],
        "notes_elsewhere": [
            (item, links[number_of[item.note.pk] - 1]["url"])
            for item in notes
            if item.start is not None and number_of.get(item.note.pk, n) != n
        ],
    }


def viewer_hits(text, pages, hits, links):
    """{page number: [box, ...]} of the hits on the page images: each box with its place on
    the image in percent, its word, and the address of the hit in the text (in its part)."""
    found = pagehits.on_pages(pages, [(hit.start, hit.end) for hit in hits])
    by_number = {page.number: page for page in pages}
    result = {}
    for number, boxes in found.items():
        page = by_number[number]
        items = []
        for box in boxes:
            left, top, width, height = box.percent(page)
            url = next(
                (item["url"] for item in links if item["part"].start <= box.start < item["part"].end
                 and not item["current"]),
                "",
            )  # fmt: skip
            items.append({
                "start": box.start, "end": box.end, "word": text[box.start : box.end],
                "left": left, "top": top, "width": width, "height": height,
                "href": f"{url}#hit-{box.start}",
            })  # fmt: skip
        result[number] = items
    return result


def in_part_notes(notes, part):
    """Placed notes whose passage stands in this part."""
    return [n for n in notes if n.start is not None and n.start < part.end and n.end > part.start]


def other_releases(memo):
    """Other published releases of the same document, oldest release first."""
    if not memo.release_group_id:
        return []
    return list(
        Memo.objects.published()
        .filter(release_group_id=memo.release_group_id)
        .exclude(pk=memo.pk)
        .order_by("release_date", "pk")
    )


def other_copies(memo, releases=()):
    """Other published copies of the same text (archive/copies.py: one `copy_group`), oldest
    release first, leaving out the releases already listed."""
    if not memo.copy_group:
        return []
    return list(
        Memo.objects.published()
        .filter(copy_group=memo.copy_group)
        .exclude(pk__in=[memo.pk, *(other.pk for other in releases)])
        .select_related("collection")
        .defer("text", "parts", "fingerprint")
        .order_by("release_date", "date", "pk")
    )


def json_ld(request, memo, permalink, keywords):
    """The memo's schema.org JSON-LD, escaped to stand in a <script> element."""
    collection_url = None
    if memo.collection_id:
        collection_url = request.build_absolute_uri(search_url(collection=memo.collection.name))
    data = linked_data.memo_json_ld(
        memo, permalink, request.build_absolute_uri("/"), collection_url, keywords
    )
    return mark_safe(linked_data.script_json(data))  # noqa: S308 - escaped by script_json


class MemoDetailView(DetailView):
    """A published memo, readable and citable: redactions explained, names linked, notes beside."""

    template_name = "archive/memo_detail.html"
    context_object_name = "memo"

    def get(self, request, *args, **kwargs):
        self.object = find_published(kwargs["slug"])
        if self.object is None:
            raise Http404("No published memo has that number.")
        if self.object.slug != kwargs["slug"]:
            target = self.object.get_absolute_url()
            if request.META.get("QUERY_STRING"):
                target += "?" + request.META["QUERY_STRING"]
            return redirect(target, permanent=True)
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        memo = self.object
        request = self.request
        # Everything shown reads the public text: a suppressed passage is masked, its names,
        # redactions and search hits are not there to mark.
        text = public_text(memo)
        releases = other_releases(memo)
        # A redaction whose offsets no longer fit the text (a correction not yet re-anchored)
        # would black out the wrong words: it is left out until a curator fixes it.
        redactions = [
            r for r in memo.redactions.order_by("start", "pk") if text[r.start : r.end] == r.marker
        ]
        mentions = memo.mentions.order_by("start").values_list("start", "end", "text", "entity_id")
        names, named_groups = mention_spans(mentions, text)
        notes = place_notes(memo, request.user, text)
        q = request.GET.get("q", "")
        hits = search_hit_spans(text, q)
        suppressed = suppression_spans(memo, text)
        shown_start, shown_end = shown_range(text)
        # A long text is shown a part at a time; no part cuts a marker, a note or a name.
        keep = [(s.start, s.end) for s in redactions + names + suppressed]
        keep += [(n.start, n.end) for n in notes if n.start is not None]
        parts = cut(text, shown_start, shown_end, keep)
        count_hits(parts, [(h.start, h.end) for h in hits])
        part, notice = chosen(parts, request.GET.get("part"), bool(q.strip()))
        shown = in_part(redactions, part)
        first = redactions.index(shown[0]) + 1 if shown else 1
        part_notes = in_part_notes(notes, part)
        spans = (
            in_part(suppressed, part)
            + redaction_spans(shown, first)
            + in_part(names, part)
            + note_spans(part_notes)
            + in_part(hits, part)
            + emphasis_spans(text, part.start, part.end)
        )
        pages = public_pages(memo)
        links = part_links(request, parts, part) if len(parts) > 1 else []
        page_hits = viewer_hits(text, pages, hits, links) if hits and pages else {}
        permalink = request.build_absolute_uri(memo.get_absolute_url())
        keywords = [item.entity.name for _label, items in named_groups for item in items]
        keywords = keywords[:KEYWORDS]
        named_top, named_total = most_named(named_groups)
        back = request.GET.get("back", "")
        context.update(
            text_html=render(text, spans, part.start, part.end),
            suppressed_count=len(suppressed),
            text_offset=part.start,
            redactions=redactions,
            legend=legend(redactions),
            text_estimate=estimate(text, redactions) if redactions else None,
            withheld=measured_share(pages) or (estimate(text, redactions) if redactions else None),
            named_groups=named_groups,
            named_top=named_top,
            named_total=named_total,
            notes=notes,
            can_annotate=request.user.is_staff and request.user.has_perm("archive.add_note"),
            anchored_notes=part_notes,
            unanchored_notes=[n for n in notes if n.start is None],
            q=q[:1000] if q.strip() else "",
            hit_count=part.hits if len(parts) > 1 else len(hits),
            pages=pages,
            page_hits=page_hits,
            similar=more_like_this(memo, limit=5),
            releases=releases,
            copies=other_copies(memo, releases),
            permalink=permalink,
            citation_tags=citation.highwire_tags(memo, permalink, keywords),
            json_ld=json_ld(request, memo, permalink, keywords),
            chicago=citation.chicago(memo, permalink),
            chicago_author_date=citation.chicago_author_date(memo, permalink),
            bibtex=citation.bibtex(memo, permalink),
            ris=citation.ris(memo, permalink, keywords),
            # Only a path on this site is a way back; anything else could send readers away.
            back_url=back if back.startswith("/search/") or back == "/" else "",
            **description_context(memo, text),
            **part_context(request, parts, part, notice, notes, pages),
            **reader_context(request, memo),
        )
        return context


urlpatterns = [
    path("memos/<str:slug>/", MemoDetailView.as_view(), name="memo"),
]
