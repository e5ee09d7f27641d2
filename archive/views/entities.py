"""Entity pages: a person, place or organisation with its memos on a timeline; the index."""

from collections import Counter

from django.core.paginator import Paginator
from django.db.models import Count, F
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.views.generic import TemplateView

from archive.body import Body
from archive.entities import alias_list, surviving
from archive.entities.counts import published_counts
from archive.models import Entity, EntityKind, Memo, Mention
from archive.public_text import public_text
from archive.reading.markup import render_markdown
from archive.search.display import Bar
from archive.search.service import clean_page
from archive.search.urls import search_url

MEMOS_PER_PAGE = 50
ENTITIES_PER_PAGE = 100
SNIPPET_CHARS = 90


def timeline(counts, selected=None, width=720, height=150):
    """Bars (memos per year) and axis labels of a server-drawn SVG timeline."""
    if not counts:
        return None
    first, last = min(counts), max(counts)
    if last - first < 9:  # show a decade at least, centred on the years there are
        pad = (9 - (last - first) + 1) // 2
        first, last = first - pad, last + pad
    years = last - first + 1
    plot_height = height - 24
    slot = width / years
    peak = max(counts.values())
    bars = []
    for year in range(first, last + 1):
        count = counts.get(year, 0)
        if not count:
            continue
        bar_height = max(2.0, plot_height * count / peak)
        bars.append(
            Bar(
                year=year,
                count=count,
                x=round((year - first) * slot + slot * 0.1, 2),
                y=round(plot_height - bar_height + 4, 2),
                width=round(max(1.0, slot * 0.8), 2),
                height=round(bar_height, 2),
                selected=year == selected,
                url=f"?year={year}#memos",
            )
        )
    step = next(s for s in (1, 2, 5, 10, 20, 25, 50) if years / s <= 12)
    ticks = [
        (round((year - first) * slot + slot / 2, 2), year)
        for year in range(first, last + 1)
        if year % step == 0
    ]
    return {
        "bars": bars,
        "ticks": ticks,
        "width": width,
        "height": height,
        "axis_y": plot_height + 4,
        "first": min(counts),
        "last": max(counts),
        "peak": peak,
    }


def _snippet(body, start, end):
    """(before, name, after) around a mention, cut at word boundaries, in the lines of the
    document's own text (a Body's)."""
    text = body.text
    lo = max(0, start - SNIPPET_CHARS)
    hi = min(len(text), end + SNIPPET_CHARS)
    spans_before, spans_after = body.own_spans(lo, start), body.own_spans(end, hi)
    before = " ".join(text[a:b] for a, b in spans_before)
    after = " ".join(text[a:b] for a, b in spans_after)
    if spans_before and spans_before[0][0] == lo > 0 and " " in before:
        before = "…" + before[before.index(" ") + 1 :]  # not a word cut in two
    if spans_after and spans_after[-1][1] == hi < len(text) and " " in after:
        after = after[: after.rindex(" ")] + "…"
    return " ".join(before.split()), text[start:end], " ".join(after.split())


def _mention_snippet(memo, mentions):
    """The snippet around the first mention in the memo's own public text (not in its
    identification form, a stamp or page furniture), or None."""
    body = Body(public_text(memo), memo.parts)
    first = next((m for m in mentions if not body.noise_at(m.start)), None)
    return _snippet(body, first.start, first.end) if first else None


class EntityDetailView(TemplateView):
    """GET /entities/<slug>/: what the archive knows of one entity, its memos by year."""

    template_name = "archive/entity_detail.html"

    def get(self, request, *args, slug, **kwargs):
        entity = get_object_or_404(Entity.objects.select_related("merged_into"), slug=slug)
        if entity.merged_into_id:
            return redirect(surviving(entity).get_absolute_url(), permanent=True)
        ids = [entity.pk, *entity.merged.values_list("pk", flat=True)]
        # Mentions in published memos outside suppressed passages.
        naming = Mention.objects.public().filter(entity__in=ids)
        # One pass over the memos naming it, ids and dates only (the texts stay behind: 0.2 s
        # for a name in 37,000 memos); the timeline, the year asked for and the page are
        # worked out from it, and only the page's memos are fetched whole.
        named = list(
            naming.values_list("memo_id", "memo__date")
            .annotate(mention_count=Count("pk"))
            .order_by(F("memo__date").asc(nulls_last=True), "memo_id")  # (SQLite: nulls first)
        )
        # Nothing about an entity is shown unless a published memo names it.
        if not named:
            raise Http404("No published memo names this entity.")
        counts_by_year = Counter(date.year if date else None for _pk, date, _n in named)
        undated = counts_by_year.pop(None, 0)
        total = len(named)
        year = _year(request.GET.get("year"))
        listed = [row for row in named if row[1] and row[1].year == year] if year else named
        page = Paginator(listed, MEMOS_PER_PAGE).get_page(clean_page(request.GET.get("page")))
        found = Memo.objects.prefetch_related("suppressions").in_bulk(
            [pk for pk, _date, _n in page.object_list]
        )
        rows = []
        for pk, _date, mention_count in page.object_list:
            memo = found[pk]
            memo.mention_count = mention_count
            rows.append(memo)
        mentions = {}
        for mention in (
            Mention.objects.public().filter(memo__in=rows, entity__in=ids).order_by("memo", "start")
        ):
            mentions.setdefault(mention.memo_id, []).append(mention)
        items = [(memo, _mention_snippet(memo, mentions.get(memo.pk, ()))) for memo in rows]
        context = self.get_context_data(
            entity=entity,
            kind_label=EntityKind(entity.kind).label if entity.kind in EntityKind.values else "",
            description=render_markdown(entity.description) if entity.description else "",
            aliases=[a for a in alias_list(entity.aliases) if a != entity.name],
            total=total,
            undated=undated,
            timeline=timeline(counts_by_year, selected=year),
            year=year,
            page=page,
            items=items,
            search=search_url(entity=entity.name),
        )
        return self.render_to_response(context)


def _year(value):
    try:
        year = int(str(value).strip()[:4])
    except (TypeError, ValueError):
        return None
    return year if 1 <= year <= 9999 else None


class EntityListView(TemplateView):
    """GET /entities/: the people, places and organisations the published memos name."""

    template_name = "archive/entity_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        params = self.request.GET
        kind = params.get("kind", "")
        q = " ".join(params.get("q", "").split())[:100]
        counts = published_counts()  # cached: counting them all is a scan of every mention
        entities = Entity.objects.filter(merged_into__isnull=True)
        if kind in EntityKind.values:
            entities = entities.filter(kind=kind)
        else:
            kind = ""
        if q:
            entities = entities.filter(name__icontains=q)
        # Most named first, then by name; only entities some published memo names.
        listed = sorted(
            (-counts[pk], name.casefold(), pk)
            for pk, name in entities.values_list("pk", "name")
            if pk in counts
        )
        page = Paginator(listed, ENTITIES_PER_PAGE).get_page(clean_page(params.get("page")))
        shown = Entity.objects.in_bulk([pk for _count, _name, pk in page.object_list])
        page.object_list = [shown[pk] for _count, _name, pk in page.object_list if pk in shown]
        for entity in page.object_list:
            entity.memo_count = counts[entity.pk]
        context.update(page=page, kind=kind, q=q, kinds=EntityKind.choices)
        return context


urlpatterns = [
    path("entities/", EntityListView.as_view(), name="entities"),
    path("entities/<str:slug>/", EntityDetailView.as_view(), name="entity"),
]
