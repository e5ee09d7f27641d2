"""The memo page as a reading view: redactions explained, notes beside, citations, hits."""

import html
import json
import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archive.choices import Status
from archive.curation.corrections import apply_text_change
from archive.models import Memo, Note, Visibility
from archive.reading.citation import bibtex, chicago, chicago_author_date, ris
from archive.reading.markup import strip_emphasis
from archive.redaction.exemptions import EXEMPTIONS, lookup, normalise
from archive.redaction.withheld import LINE_CHARS, PAGE_LINES, estimate, marker_size
from archive.views.segments import HIT, MENTION, NOTE, REDACTION, Span, render, shown_range

SEED_URL = "/memos/ea-m-84-10245/"
TOOLTIP_25X1 = "25X1: Withheld: would expose an intelligence source"


class Tree(HTMLParser):
    """Parses HTML, checking that elements nest; collects the text of one element by id."""

    VOID = {"meta", "link", "input", "br", "img", "hr", "source"}

    def __init__(self, text_id=None):
        super().__init__(convert_charrefs=True)
        self.stack, self.errors, self.text, self.inside = [], [], [], None
        self.text_id = text_id
        self.elements = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.elements.append((tag, attrs))
        if tag in self.VOID:
            return
        self.stack.append(tag)
        if self.text_id and attrs.get("id") == self.text_id:
            self.inside = len(self.stack)

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        if self.inside == len(self.stack):
            self.inside = None
        self.stack.pop()

    def handle_data(self, data):
        if self.inside is not None:
            self.text.append(data)


def parse(page, text_id=None):
    tree = Tree(text_id)
    tree.feed(page)
    tree.close()
    return tree


@pytest.fixture
def page(client, seed):
    response = client.get(SEED_URL)
    assert response.status_code == 200
    return response.content.decode()


def redaction_elements(page):
    return [
        attrs
        for tag, attrs in parse(page).elements
        if (attrs.get("class") or "").startswith("redaction redaction-")
    ]


def test_each_25x1_shows_its_explanation(page):
    codes = [
        a for a in redaction_elements(page) if a["class"] == "redaction redaction-exemption_code"
    ]
    assert len(codes) == 27
    for attrs in codes:
        assert attrs["tabindex"] == "0"
        assert attrs["aria-label"] == "Withheld passage, exemption 25X1"
        assert attrs["aria-describedby"] == "legend-25x1"
        assert attrs["data-tip"].startswith(TOOLTIP_25X1)
        assert "Legal source: EO 13526 §3.3(b)(1)." in attrs["data-tip"]
    # The description the blocks point to is on the page, with its legal source.
    legend = re.search(r'<dd id="legend-25x1">(.*?)</dd>', page, re.S).group(1)
    assert "would expose an intelligence source" in legend
    assert "EO 13526 §3.3(b)(1)" in legend


def test_redacted_blocks_carry_their_codes_and_a_text_alternative(page):
    blocks = [
        a for a in redaction_elements(page) if a["class"] == "redaction redaction-redacted_block"
    ]
    assert len(blocks) == 5
    for attrs in blocks:
        assert attrs["aria-label"].startswith("Redacted passage")
        assert attrs["data-codes"] == "25X1"
        for described_by in attrs["aria-describedby"].split():
            assert f'id="{described_by}"' in page
        assert "legend-kind-redacted-block" in attrs["aria-describedby"].split()


def test_summary_counts_codes_and_estimates_the_withheld_share(page, seed):
    summary = re.search(r'<section class="redaction-summary".*?</section>', page, re.S).group(0)
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", summary)).split())
    assert "32 markers in the text" in text
    assert "25X1 × 27" in text
    assert "[Redacted] × 5" in text
    share = estimate(seed.text, list(seed.redactions.all()))
    assert 0.05 < share.share < 0.4
    assert f"{share.percent_label} of the text withheld" in text


def test_page_markup_nests_and_keeps_the_text(page, seed):
    tree = parse(page, text_id="memo-text")
    assert tree.errors == []
    assert tree.stack == []
    start, end = shown_range(seed.text)
    assert "".join(tree.text) == seed.text[start:end]
    offset = re.search(r'data-offset="(\d+)"', page).group(1)
    assert int(offset) == start


@pytest.mark.parametrize(
    ("printed", "code", "confirmed"),
    [
        ("25X1", "25X1", True),
        ("25x1.", "25X1", True),
        ("25 X 6", "25X6", True),
        ("(b)(6)", "(b)(6)", True),
        ("(b) (6)", "(b)(6)", True),
        ("b6", "(b)(6)", True),
        ("b7C", "(b)(7)(C)", True),
        ("(b)(7)(C)", "(b)(7)(C)", True),
        ("50X1-HUM", "50X1-HUM", True),
        ("25X1-human", "25X1-human", True),
        ("75X3", "75X3", True),
        ("1.4(c)", "1.4(c)", True),
        ("1.4 (C)", "1.4(c)", True),
        ("1.5(d)", "1.5(d)", False),
        ("25X1A", "25X1A", False),
        ("STATINTL", "STATINTL", False),
        ("(k)(1)", "(k)(1)", True),
    ],
)
def test_exemption_lookup_normalises_codes(printed, code, confirmed):
    assert normalise(printed) == code
    entry = lookup(printed)
    assert entry is not None and entry.code == code
    assert entry.confirmed is confirmed
    assert entry.tooltip
    if not confirmed:
        assert "Unconfirmed" in entry.explanation


def test_unknown_codes_are_not_invented():
    assert lookup("ZZ9") is None
    assert lookup("") is None
    assert lookup("(b)(0)") is None
    # Every entry of ours has a meaning; every confirmed FOIA or 25X entry a legal source.
    for entry in EXEMPTIONS.values():
        assert entry.tooltip
        if entry.confirmed and entry.family in {"FOIA exemption", "25-year exemption"}:
            assert entry.source


def test_unconfirmed_meanings_are_marked_on_the_page(client, ingest, tmp_path):
    path = tmp_path / "legacy.jsonl"
    text = (
        "Approved For Release 2001/03/02 : CIA-RDP79T00975A000100010001-1\n\n"
        "The source\n\n25X1C\n\nreported on the plant.\n"
    )
    path.write_text(json.dumps({"id": "legacy-1", "title": "Legacy note", "text": text}) + "\n")
    assert ingest(path)[0] == 0
    memo = Memo.objects.get(source_id="legacy-1")
    page = client.get(memo.get_absolute_url()).content.decode()
    assert 'class="unconfirmed"' in page
    assert "Unconfirmed: this meaning has not been checked against a source." in page


def test_withheld_estimate_uses_stated_sizes():
    text = (
        "A.\n[3 lines not declassified]\nB.\nNext 2 Page(s) In Document Denied\nC.\n25X1\n25X1\nD."
    )

    class R:
        def __init__(self, marker, kind):
            self.start = text.index(marker)
            self.end = self.start + len(marker)
            self.marker, self.kind, self.codes = marker, kind, []

    redactions = [
        R("[3 lines not declassified]", "not_declassified"),
        R("Next 2 Page(s) In Document Denied", "denied_pages"),
    ]
    first = text.index("25X1")
    second = R("25X1", "exemption_code")
    second.start, second.end = text.index("25X1", first + 1), text.index("25X1", first + 1) + 4
    third = R("25X1", "exemption_code")
    redactions += [third, second]
    result = estimate(text, redactions)
    assert result.passages == 3  # the two 25X1 lines are one passage
    assert result.withheld_chars == 3 * LINE_CHARS + 2 * PAGE_LINES * LINE_CHARS + LINE_CHARS
    assert marker_size(R("[3 lines not declassified]", "not_declassified")) == 3 * LINE_CHARS
    half = "[1 paragraph (7½ lines) not declassified]"
    text += half
    assert marker_size(R(half, "not_declassified")) == round(7.5 * LINE_CHARS)


LAYERS = [NOTE, REDACTION, MENTION, HIT]


@settings(max_examples=150, deadline=None)
@given(
    text=st.text(alphabet="ab <&>\"'\n", min_size=0, max_size=60),
    raw=st.lists(
        st.tuples(st.sampled_from(LAYERS), st.integers(0, 70), st.integers(0, 70)), max_size=12
    ),
)
def test_any_overlap_of_spans_gives_well_nested_markup(text, raw):
    spans = [
        Span(min(a, b), max(a, b), rank, "span" if rank != MENTION else "a", {"class": f"r{rank}"})
        for rank, a, b in raw
    ]
    tree = parse(f'<div id="t">{render(text, spans)}</div>', text_id="t")
    assert tree.errors == [] and tree.stack == []
    assert "".join(tree.text) == text


def test_overlapping_layers_are_cut_where_needed_but_names_are_not():
    text = "Foreign Minister Abe met Gromyko in Moscow."
    abe = text.index("Abe")
    spans = [
        Span(abe, abe + 3, MENTION, "a", {"class": "entity"}),
        Span(0, abe + 1, NOTE, "span", {"class": "note-anchor"}),  # ends inside "Abe"
        Span(abe + 1, text.index("Moscow") + 3, HIT, "mark", {"class": "hit"}),
    ]
    out = str(render(text, spans))
    # The note is widened to the whole name, which stays one link; the hit is cut at its edge.
    assert out == (
        '<span class="note-anchor">Foreign Minister <a class="entity">A<mark class="hit">be</mark>'
        '</a></span><mark class="hit"> met Gromyko in Mos</mark>cow.'
    )


def test_notes_beside_their_passage_public_and_internal(client, admin_client, seed):
    text = seed.text
    start = text.index("Foreign Minister Abe")
    public = Note.objects.create(
        memo=seed,
        body=(
            "Abe was **Foreign Minister** 1982–86. <script>alert(1)</script> "
            "[ok](https://example.org) [bad](javascript:alert(1))"
        ),
        visibility=Visibility.PUBLIC,
        start=start,
        end=start + len("Foreign Minister Abe"),
        quote="Foreign Minister Abe",
    )
    internal_start = text.index("Sakhalin project")
    Note.objects.create(
        memo=seed,
        body="Check the LNG figures.",
        visibility=Visibility.INTERNAL,
        start=internal_start,
        end=internal_start + len("Sakhalin project"),
        quote="Sakhalin project",
    )
    page = client.get(SEED_URL).content.decode()
    assert f'id="note-anchor-{public.pk}"' in page
    assert "<strong>Foreign Minister</strong>" in page
    assert "<script>alert(1)</script>" not in page and "alert(1)</script>" not in page
    assert "javascript:" not in page
    assert 'href="https://example.org" rel="nofollow noopener"' in page
    assert "Check the LNG figures." not in page
    assert "note-internal" not in page
    tree = parse(page, text_id="memo-text")
    assert tree.errors == []

    staff_page = admin_client.get(SEED_URL).content.decode()
    assert "Check the LNG figures." in staff_page
    assert 'class="note-anchor note-internal"' in staff_page
    assert "Add a note" in staff_page


def test_note_anchor_survives_an_edit_of_the_text_before_it(client, seed):
    passage = "Prime Minister Nakasone"
    start = seed.text.index(passage)
    note = Note.objects.create(
        memo=seed,
        body="Nakasone, prime minister 1982–87.",
        visibility=Visibility.PUBLIC,
        start=start,
        end=start + len(passage),
        quote=passage,
        prefix=seed.text[start - 32 : start],
        suffix=seed.text[start + len(passage) : start + len(passage) + 32],
    )
    old_text = seed.text
    # A curator corrects the text well before the passage (an OCR fix and an added line).
    new_text = old_text.replace(
        "Closely Watching US-USSR Relations",
        "Closely watching US–USSR relations (heading corrected)\n",
        1,
    )
    assert new_text != old_text
    seed.text = new_text
    seed.save()
    apply_text_change(seed, old_text)
    note.refresh_from_db()
    assert note.anchored
    assert seed.text[note.start : note.end] == passage
    page = client.get(SEED_URL).content.decode()
    assert f'<span class="note-anchor" data-note="1" id="note-anchor-{note.pk}"' in page
    assert "".join(parse(page, text_id=f"note-anchor-{note.pk}").text) == passage


def test_note_is_found_on_the_page_even_when_its_offsets_are_stale(client, seed):
    passage = "COCOM regulations"
    start = seed.text.index(passage)
    Note.objects.create(
        memo=seed, body="Export controls.", visibility=Visibility.PUBLIC,
        start=start, end=start + len(passage), quote=passage,
    )  # fmt: skip
    # The text changes without the re-anchoring step (e.g. a raw database edit).
    Memo.objects.filter(pk=seed.pk).update(text="Heading added.\n\n" + seed.text)
    note = Note.objects.get(memo=seed)
    page = client.get(SEED_URL).content.decode()
    assert "".join(parse(page, text_id=f"note-anchor-{note.pk}").text) == passage
    # Redactions and names whose offsets no longer fit the text are not drawn on wrong words.
    tree = parse(page, text_id="memo-text")
    assert tree.errors == []
    assert 'class="entity entity-organization" href="/search/?entity=COCOM"' not in page


def test_citation_meta_tags_for_zotero(page):
    tags = dict(re.findall(r'<meta name="(citation_[a-z_]+)" content="([^"]*)">', page))
    assert tags["citation_title"] == "Japan: Improvement in Trade Relations with USSR Unlikely"
    assert tags["citation_date"] == "1984/12/28"
    assert tags["citation_author"].startswith("Central Intelligence Agency")
    assert tags["citation_technical_report_number"] == "EA M 84-10245"
    assert tags["citation_technical_report_institution"] == "Central Intelligence Agency"
    assert tags["citation_abstract_html_url"] == "http://testserver/memos/ea-m-84-10245/"
    assert "Andrei Gromyko" in html.unescape(tags["citation_keywords"])
    assert '<link rel="canonical" href="http://testserver/memos/ea-m-84-10245/">' in page


def test_cite_box_formats(page, seed):
    url = "http://testserver/memos/ea-m-84-10245/"
    text = chicago(seed, url)
    assert text.startswith("Central Intelligence Agency, Office of East Asian Analysis.")
    assert "“Japan: Improvement in Trade Relations with USSR Unlikely.”" in text
    assert "EA M 84-10245, December 28, 1984." in text
    assert text.endswith(url + ".")
    entry = bibtex(seed, url)
    assert entry.startswith("@techreport{ea-m-84-10245,")
    assert "  month = dec," in entry and "  year = {1984}," in entry
    assert "  number = {EA M 84-10245}," in entry
    record = ris(seed, url)
    assert record.startswith("TY  - RPRT\r\n")
    assert "DA  - 1984/12/28/\r\n" in record and "SN  - EA M 84-10245\r\n" in record
    assert record.endswith("ER  - \r\n")
    assert html.escape(text, quote=False) in page or html.escape(text) in page
    author_date = chicago_author_date(seed, url)
    assert html.escape(author_date, quote=False) in page or html.escape(author_date) in page


def test_bibtex_escapes_special_characters(db):
    memo = Memo(slug="x-1", title="50% of {costs} & $ #1_x", agency="A & B", text="t")
    entry = bibtex(memo, "http://testserver/memos/x-1/")
    assert r"50\% of \{costs\} \& \$ \#1\_x" in entry
    assert "institution = {A \\& B}" in entry


@pytest.mark.parametrize(
    ("fmt", "content_type", "start"),
    [
        ("ris", "application/x-research-info-systems", "TY  - RPRT"),
        ("bib", "application/x-bibtex", "@techreport{"),
    ],
)
def test_citation_downloads(client, seed, fmt, content_type, start):
    response = client.get(f"/memos/ea-m-84-10245/cite.{fmt}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    assert "attachment" in response["Content-Disposition"]
    assert response.content.decode().startswith(start)
    assert client.get(f"/memos/EA-M-84-10245/cite.{fmt}").status_code == 301
    assert client.get("/memos/ea-m-84-10245/cite.pdf").status_code == 404


def test_search_hits_are_marked_when_coming_from_a_search(client, seed):
    page = client.get(SEED_URL, {"q": "Sakhalin"}).content.decode()
    assert re.search(r'<mark class="hit" data-start="\d+" id="hit-\d+">Sakhalin</mark>', page)
    assert "data-hit-nav" in page and "archive/js/hits.js" in page
    assert parse(page, text_id="memo-text").errors == []
    plain = client.get(SEED_URL).content.decode()
    assert 'class="hit"' not in plain and "data-hit-nav" not in plain
    for q in ['"unbalanced', "((", "x" * 5000, "\x00"]:
        assert client.get(SEED_URL, {"q": q}).status_code == 200


def test_document_text_is_escaped(client, ingest, tmp_path):
    path = tmp_path / "xss.jsonl"
    line = {
        "id": "xss-1",
        "title": 'Memo "quoted" <b>title</b>',
        "text": "Ambassador <script>alert(1)</script> met Gromyko & Castro in Havana.\n\n25X1\n",
    }
    path.write_text(json.dumps(line) + "\n")
    assert ingest(path)[0] == 0
    memo = Memo.objects.get(source_id="xss-1")
    page = client.get(memo.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>title</b>" not in page
    assert (
        '<meta name="citation_title" content="Memo &quot;quoted&quot; &lt;b&gt;title&lt;/b&gt;">'
        in page
    )
    assert parse(page, text_id="memo-text").errors == []


def test_unpublished_memos_have_no_citation_or_page(client, ingest, tmp_path):
    path = tmp_path / "draft.jsonl"
    path.write_text(
        json.dumps(
            {
                "id": "d-1",
                "doc_number": "SOV M 85-10001",
                "title": "Draft",
                "text": "Gromyko in Moscow.",
            }
        )
        + "\n"
    )
    assert ingest(path, publish=False)[0] == 0
    memo = Memo.objects.get(source_id="d-1")
    for status in (Status.DRAFT, Status.IN_REVIEW, Status.WITHDRAWN):
        Memo.objects.filter(pk=memo.pk).update(status=status)
        for url in (
            f"/memos/{memo.slug}/",
            f"/memos/{memo.slug}/cite.ris",
            f"/memos/{memo.slug}/cite.bib",
        ):
            assert client.get(url).status_code == 404


def test_hand_edited_oddities_never_break_the_page(client, seed):
    from archive.entities import link_memo
    from archive.models import Entity, Redaction

    first, second, third = seed.redactions.order_by("start")[:3]
    Redaction.objects.filter(pk=first.pk).update(codes="25X1")  # a string, not a list
    Redaction.objects.filter(pk=second.pk).update(codes=[None, 7, "  "])
    Redaction.objects.filter(pk=third.pk).update(kind="something_new")
    Entity.objects.filter(slug="ussr").update(aliases="Sovietland")
    Entity.objects.filter(slug="japan").update(aliases={"odd": 1})
    seed.refresh_from_db()
    link_memo(seed)
    response = client.get(SEED_URL)
    assert response.status_code == 200
    assert parse(response.content.decode(), text_id="memo-text").errors == []
    assert client.get("/entities/ussr/").status_code == 200
    assert client.get("/entities/japan/").status_code == 200


def test_public_notes_are_searchable_internal_ones_are_not(
    client, seed, django_capture_on_commit_callbacks
):
    start = seed.text.index("Sakhalin")
    with django_capture_on_commit_callbacks(execute=True):
        Note.objects.create(
            memo=seed, body="Compare the Quixotic pipeline plan.", visibility=Visibility.PUBLIC,
            start=start, end=start + 8, quote="Sakhalin",
        )  # fmt: skip
        Note.objects.create(
            memo=seed, body="Unverified: Zanzibarian figures.", visibility=Visibility.INTERNAL,
            start=start, end=start + 8, quote="Sakhalin",
        )  # fmt: skip
    assert client.get("/api/search", {"q": "Quixotic"}).json()["count"] == 1
    assert client.get("/api/search", {"q": "Zanzibarian"}).json()["count"] == 0


def test_an_ocr_exports_emphasis_shows_as_emphasis_without_its_asterisks(client, page, seed):
    # The seed's OCR export writes *unclassified* and **DIRECTORATE OF INTELLIGENCE**: the page
    # shows them as emphasis, the asterisks kept in the text (offsets) but hidden.
    hidden = '<span class="md-mark" aria-hidden="true">'
    assert re.search(rf"<em>{hidden}\*</span>unclassified{hidden}\*</span></em>", page)
    # The heading is also a linked name: the emphasis is cut around the link, not lost.
    assert re.search(
        rf"<strong>{hidden}\*\*</span></strong><a [^>]+><strong>DIRECTORATE OF INTELLIGENCE"
        rf"</strong></a><strong>{hidden}\*\*</span></strong>",
        page,
    )
    found = client.get("/api/search", {"q": "directorate"}).json()["results"]
    assert found and "<mark>DIRECTORATE</mark> OF INTELLIGENCE" in found[0]["snippet"]
    assert "*" not in found[0]["snippet"]


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("**SECRET** memo", "SECRET memo"),
        ("an *unclassified* note", "an unclassified note"),
        ("2 * 3 * 4", "2 * 3 * 4"),
        ("* * *", "* * *"),
        ("a*b*c and 25X1*", "a*b*c and 25X1*"),
        ("**open\nclose**", "**open\nclose**"),
    ],
)
def test_emphasis_is_only_asterisks_around_words_on_one_line(text, shown):
    assert strip_emphasis(text) == shown
