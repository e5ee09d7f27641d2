"""Two releases of one document side by side, with what the later one newly revealed marked."""

from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.views.generic import TemplateView

from archive.public_text import public_text
from archive.reading.compare import OPENED, REVEALED, VARIANT, WITHHELD, compare, release_order
from archive.redaction.withheld import legend
from archive.views.lookup import find_published
from archive.views.reading import redaction_spans
from archive.views.segments import DIFF, Span, render, shown_range

MARK_TAGS = {
    REVEALED: ("ins", "diff-revealed", "Newly revealed in this release"),
    WITHHELD: ("del", "diff-withheld", "Withheld or missing in the later release"),
    VARIANT: ("span", "diff-variant", "Worded differently in the other release"),
    OPENED: ("span", "diff-opened", "The later release shows what was withheld here"),
}


def side_html(side, prefix):
    """One release's text with its redactions and its marked differences."""
    spans = redaction_spans(side.redactions)
    for span in spans:  # the ids of redaction blocks must differ between the two columns
        span.first_attrs = {"id": f"{prefix}-{span.first_attrs['id']}"}
    for number, mark in enumerate(side.marks, start=1):
        tag, css, title = MARK_TAGS[mark.kind]
        first = {"id": f"{prefix}-{mark.kind}-{number}"}
        spans.append(Span(mark.start, mark.end, DIFF, tag, {"class": css, "title": title}, first))
    return render(side.text, spans, *shown_range(side.text))


def one_document(first, second):
    """Whether two memos are linked releases or copies (near-identical texts) of one document."""
    releases = first.release_group_id and first.release_group_id == second.release_group_id
    return bool(releases or first.copy_group and first.copy_group == second.copy_group)


class CompareView(TemplateView):
    """GET /memos/<slug>/compare/<other>/: two published releases (or copies: archive/copies.py)
    of one document compared."""

    template_name = "archive/compare.html"

    def get(self, request, *args, slug, other, **kwargs):
        first, second = find_published(slug), find_published(other)
        if first is None or second is None or first.pk == second.pk:
            raise Http404("These are not two published releases of one document.")
        if not one_document(first, second):
            raise Http404("These memos are not releases of the same document.")
        if (first.slug, second.slug) != (slug, other):
            target = reverse("archive:compare", kwargs={"slug": first.slug, "other": second.slug})
            return redirect(target, permanent=True)
        earlier, later = release_order(first, second)
        # Both read their public texts: a suppressed passage is masked, its redactions gone.
        earlier_redactions, later_redactions = (
            [
                r
                for r in memo.redactions.order_by("start", "pk")
                if public_text(memo)[r.start : r.end] == r.marker
            ]
            for memo in (earlier, later)
        )
        result = compare(earlier, later, earlier_redactions, later_redactions)
        shares = result.shares()
        context = self.get_context_data(
            memo=first,
            comparison=result,
            earlier=earlier,
            later=later,
            columns=[
                (side, side_html(side, which), which, legend(side.redactions), share)
                for side, which, share in (
                    (result.earlier, "earlier", shares[0]),
                    (result.later, "later", shares[1]),
                )
            ],
            shares=shares,
            revealed=[
                (number, mark, public_text(later)[mark.start : mark.end])
                for number, mark in enumerate(result.later.marks, start=1)
                if mark.kind == REVEALED
            ],
            legend=legend(earlier_redactions + later_redactions),
            stats={
                "revealed_words": result.later.words(REVEALED),
                "revealed_passages": result.later.count(REVEALED),
                "withheld_words": result.earlier.words(WITHHELD),
                "withheld_passages": result.earlier.count(WITHHELD),
                "variants": result.later.count(VARIANT),
            },
        )
        return self.render_to_response(context)


urlpatterns = [
    path("memos/<str:slug>/compare/<str:other>/", CompareView.as_view(), name="compare"),
]
