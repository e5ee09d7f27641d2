"""What the memo page lays over the text: redactions, names, curators' notes, search hits."""

from dataclasses import dataclass

from archive.choices import RedactionKind
from archive.curation.anchoring import Anchor, find
from archive.entities import surviving
from archive.models import Entity, EntityKind, Visibility
from archive.public_text import MASK, mask, suppressed_spans
from archive.reading.markup import EMPHASIS_RE, render_markdown
from archive.redaction.exemptions import codes_of
from archive.redaction.withheld import describe
from archive.search.highlight import hit_spans
from archive.search.urls import search_url
from archive.views.segments import EMPHASIS, HIT, MARKUP, MENTION, NOTE, REDACTION, Span

MAX_QUERY = 1000
KIND_HEADINGS = {
    EntityKind.PERSON: "People",
    EntityKind.PLACE: "Places",
    EntityKind.ORGANIZATION: "Organisations",
}


def redaction_spans(redactions, first=1):
    """Each redaction as a focusable block with its codes, text alternative and tooltip,
    numbered from `first` (its number in the whole memo when only a part is shown)."""
    spans = []
    for number, redaction in enumerate(redactions, start=first):
        label, tip, ids = describe(redaction)
        attrs = {
            "class": f"redaction redaction-{redaction.kind}",
            "tabindex": "0",
            "role": "img",
            "aria-label": label,
            "aria-describedby": " ".join(ids) or None,
            "data-tip": tip,
        }
        codes = codes_of(redaction)
        if codes and redaction.kind != RedactionKind.EXEMPTION_CODE:
            attrs["data-codes"] = " ".join(codes)
        spans.append(
            Span(
                redaction.start,
                redaction.end,
                REDACTION,
                "span",
                attrs,
                first_attrs={"id": f"redaction-{number}"},
            )
        )
    return spans


@dataclass
class Named:
    """An entity the memo names, and how often."""

    entity: object
    count: int
    search: str


def mention_spans(mentions, text):
    """(spans linking each name to a search for it, the entities named by kind).

    `mentions` are (start, end, text, entity id) rows in text order: a long memo names
    thousands, read as rows, and its few hundred entities are read once.
    """
    rows = [row for row in mentions if text[row[0] : row[1]] == row[2]]
    # A row whose text differs was corrected since: the name is not there any more.
    entities = Entity.objects.select_related("merged_into").in_bulk({row[3] for row in rows})
    spans, named, links = [], {}, {}
    for start, end, _text, entity_id in rows:
        if entity_id not in links:
            entity = surviving(entities[entity_id])
            kind = EntityKind(entity.kind).label if entity.kind in EntityKind.values else "Name"
            url = search_url(entity=entity.name)
            attrs = {
                "class": f"entity entity-{entity.kind}",
                "href": url,
                "data-entity": entity.slug,
                "title": f"{kind}: {entity.name}. Search the memos that name it.",
            }
            links[entity_id] = (entity, url, attrs)
        entity, url, attrs = links[entity_id]
        spans.append(Span(start, end, MENTION, "a", attrs))
        if entity.pk in named:
            named[entity.pk].count += 1
        else:
            named[entity.pk] = Named(entity, 1, url)
    by_kind = {}
    for item in sorted(named.values(), key=lambda n: (-n.count, n.entity.name)):
        by_kind.setdefault(item.entity.kind, []).append(item)
    groups = [(KIND_HEADINGS[value], by_kind[value]) for value in KIND_HEADINGS if value in by_kind]
    return spans, groups


def most_named(groups, limit=6):
    """(the `limit` names the memo names most often, of any kind; how many it names in all)."""
    items = [item for _label, group in groups for item in group]
    items.sort(key=lambda item: (-item.count, item.entity.name))
    return items[:limit], len(items)


@dataclass
class PlacedNote:
    """A note to show, where its passage stands now (None when it cannot be found)."""

    note: object
    start: int | None
    end: int | None
    number: int = 0
    quote: str = ""  # the passage as the page may show it (a suppressed part masked)

    @property
    def internal(self):
        return self.note.visibility != Visibility.PUBLIC

    @property
    def html(self):
        return render_markdown(self.note.body)

    @property
    def anchor_id(self):
        return f"note-anchor-{self.note.pk}"


def can_see_internal(user):
    """Whether a user may read internal notes: active staff only."""
    return bool(user and user.is_authenticated and user.is_active and user.is_staff)


def place_notes(memo, user, public=None):
    """The notes this user may read, each found again in the current text, numbered in order;
    `public`, the text shown, gives the quotes (a suppressed part of a passage masked)."""
    notes = memo.notes.all() if can_see_internal(user) else memo.notes.public()
    public = memo.text if public is None else public
    hidden = suppressed_spans(memo) if public != memo.text else []
    placed = []
    for note in notes.order_by("start", "pk"):
        start, end = _locate(memo.text, note)
        if start is not None:
            quote = public[start:end]
        elif any(memo.text[s:e] in note.quote for s, e in hidden):
            quote = mask(note.quote, [(0, len(note.quote))])  # lost, and may hold one
        else:
            quote = note.quote
        placed.append(PlacedNote(note, start, end, quote=quote))
    placed.sort(key=lambda p: (p.start is None, p.start or 0, p.note.pk))
    for number, item in enumerate(placed, start=1):
        item.number = number
    return placed


def _locate(text, note):
    if note.quote and text[note.start : note.end] == note.quote:
        return note.start, note.end
    match = find(text, Anchor(note.start, note.end, note.quote, note.prefix, note.suffix))
    if match is None:
        return None, None
    return match.start, match.end


def note_spans(placed):
    """Each anchored note's passage, marked and numbered."""
    spans = []
    for item in placed:
        if item.start is None:
            continue
        css = "note-anchor note-internal" if item.internal else "note-anchor"
        spans.append(
            Span(
                item.start,
                item.end,
                NOTE,
                "span",
                {"class": css, "data-note": str(item.number)},
                first_attrs={"id": item.anchor_id},
                last_attrs={"data-note-label": str(item.number)},
            )
        )
    return spans


def suppression_spans(memo, text):
    """Each suppressed passage as a marked block saying why (its masked text inside)."""
    spans = []
    for suppression in memo.suppressions.all():
        start, end = max(0, suppression.start), min(len(text), suppression.end)
        if end <= start or MASK not in text[start:end]:
            continue
        label = suppression.public_label
        attrs = {
            "class": "redaction suppressed",
            "tabindex": "0",
            "role": "img",
            "aria-label": label,
            "data-tip": f"{label}. The archive keeps this passage from the public.",
            "data-codes": label,
        }
        spans.append(Span(start, end, REDACTION, "span", attrs))
    return spans


def emphasis_spans(text, start=0, end=None):
    """An OCR export's **bold** and *italic* in text[start:end] as <strong> and <em>, their
    asterisks kept in the text (its offsets stay the memo's) but not shown."""
    spans = []
    hidden = {"class": "md-mark", "aria-hidden": "true"}
    for match in EMPHASIS_RE.finditer(text, start, len(text) if end is None else end):
        marks = len(match.group(1) or match.group(3))
        a, b = match.span()
        spans.append(Span(a, b, EMPHASIS, "strong" if marks == 2 else "em"))
        spans.append(Span(a, a + marks, MARKUP, "span", hidden))
        spans.append(Span(b - marks, b, MARKUP, "span", hidden))
    return spans


def search_hit_spans(text, q):
    """The words a search matched (the page was reached from a search), as <mark class="hit">;
    the whole text is read, however long (the page shows every part's hits)."""
    q = (q or "")[:MAX_QUERY]
    if not q.strip():
        return []
    return [
        # The id and data-start tie a hit to its boxes on the page image (snippets/page_viewer).
        Span(
            start,
            end,
            HIT,
            "mark",
            {"class": "hit", "data-start": str(start)},
            first_attrs={"id": f"hit-{start}"},
        )  # fmt: skip
        for start, end in hit_spans(text, q, limit=len(text))
    ]
