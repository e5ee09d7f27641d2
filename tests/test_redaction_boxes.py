"""Redaction boxes on page images: found on drawn and real scans, stored at ingest and by a
command, given by the API, drawn on the page viewer with their codes, and the withheld share
measured from them."""

import json

import pytest
from PIL import Image, ImageDraw, ImageFont

from archive.choices import RedactionKind
from archive.ingest.images import PageImage, load_pages, store_pages
from archive.models import Memo, Page, Redaction
from archive.redaction.box_finder import find_boxes, measure
from archive.redaction.box_labels import page_codes
from tests.conftest import run_command

BLACK = (300, 420, 360, 40)
WHITE = (200, 800, 420, 44)


def iou(a, b):
    w = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    h = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    if w <= 0 or h <= 0:
        return 0.0
    return w * h / (a[2] * a[3] + b[2] * b[3] - w * h)


def typed_page(boxes=True, angle=0.0, frame=False):
    """A page 1,200 px wide of typed lines, a struck heading, an underline, a rule and a ruled
    table; with boxes, a blacked-out passage and a whited-out one with its code inside."""
    page = Image.new("L", (1200, 1560), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.load_default(size=22)
    draw.text((480, 80), "SECRET", font=ImageFont.load_default(size=52), fill=0)
    draw.line([(460, 112), (700, 108)], fill=0, width=3)
    for row in range(40):
        y = 200 + row * 32
        blanks = [(540, 700), (BLACK[1] - 30, BLACK[1] + 40), (WHITE[1] - 30, WHITE[1] + 50)]
        if any(low < y < high for low, high in blanks[: 3 if boxes else 1]):
            continue
        draw.text((110, y), "the delegation discussed grain purchases near sakhalin", font=font)
    draw.line([(110, 258), (400, 258)], fill=0, width=2)  # an underline
    for r in range(4):  # a ruled table
        draw.line([(110, 570 + r * 40), (1000, 570 + r * 40)], fill=0, width=2)
    for x in (110, 550, 1000):
        draw.line([(x, 570), (x, 690)], fill=0, width=2)
    for r in range(3):
        draw.text((120, 578 + r * 40), "cell text", font=font, fill=0)
        draw.text((560, 578 + r * 40), "more text", font=font, fill=0)
    if boxes:
        x, y, w, h = BLACK
        draw.rectangle([x, y, x + w - 1, y + h - 1], fill=20)
        x, y, w, h = WHITE
        draw.rectangle([x, y, x + w - 1, y + h - 1], outline=0, width=2)
        draw.text((x + w // 2 - 30, y + 12), "(b)(3)", font=ImageFont.load_default(size=16))
    if frame:
        draw.rectangle([0, 0, 1199, 1559], outline=0, width=40)
    return page.rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=255)


@pytest.mark.parametrize("angle", [0.0, 1.5])
def test_both_kinds_of_box_are_found_and_nothing_else(angle):
    found = find_boxes(typed_page(angle=angle, frame=True))
    assert len(found) == 2, found
    black, white = found  # reading order: top to bottom
    assert iou(black, BLACK) > 0.7 and iou(white, WHITE) > 0.7
    assert black[4] <= black[2] * black[3]


def test_a_page_without_boxes_has_none():
    boxes, ink = measure(typed_page(boxes=False, frame=True))
    assert boxes == []
    assert 0.4 * 1200 * 1560 < ink < 1200 * 1560


def test_the_box_on_a_shared_scan_is_found(corpus):
    path = corpus / "scans" / "clinton-pcdc-1993-10-19-bosnia-principals-summary.pdf"
    first, second = load_pages(path)
    assert [iou(box, (216, 1220, 268, 34)) > 0.6 for box in find_boxes(first.image)] == [True]
    assert find_boxes(second.image) == []  # the library's cover sheet: thick rules, no box


@pytest.fixture
def scanned(db, settings):
    """A published memo whose one page shows both boxes, its text with two coded markers."""
    text = "MEMORANDUM\nThe delegation [Redacted] (b)(1) met. Later [Redacted] (b)(3) left.\n"
    memo = Memo.objects.create(slug="scanned", title="Scanned", text=text, status="published")
    start = 0
    for marker, kind, codes in (
        ("[Redacted]", RedactionKind.REDACTED_BLOCK, []),
        ("(b)(1)", RedactionKind.EXEMPTION_CODE, ["(b)(1)"]),
        ("[Redacted]", RedactionKind.REDACTED_BLOCK, []),
        ("(b)(3)", RedactionKind.EXEMPTION_CODE, ["(b)(3)"]),
    ):
        start = text.index(marker, start)
        Redaction.objects.create(
            memo=memo, start=start, end=start + len(marker), marker=marker, codes=codes, kind=kind
        )
        start += len(marker)
    [page] = store_pages(memo, [PageImage(1, typed_page())], texts=[text])
    Page.objects.filter(pk=page.pk).update(text_start=0, text_end=len(text))
    return memo


def test_boxes_are_stored_at_ingest_and_given_by_the_api(client, scanned):
    page = scanned.pages.get()
    assert len(page.redaction_boxes) == 2 and page.ink_area > 0
    data = client.get(f"/api/memos/{scanned.slug}").json()
    boxes = data["pages"][0]["redaction_boxes"]
    assert [len(box) for box in boxes] == [4, 4]
    assert iou(boxes[0], BLACK) > 0.7 and iou(boxes[1], WHITE) > 0.7


def test_the_memo_page_draws_the_boxes_with_their_codes_and_measures_the_share(client, scanned):
    page = client.get(f"/memos/{scanned.slug}/").content.decode()
    assert page.count('class="scan-redaction"') == 2
    # The page's two withheld passages, in reading order, name (b)(1) then (b)(3).
    assert page.index(">(b)(1)</span></span>") < page.index(">(b)(3)</span></span>")
    assert "with 2 redaction boxes: (b)(1), (b)(3)" in page
    assert "measured on the page images: 2 redaction boxes" in page
    assert "From the markers in the text alone it would be estimated at" in page

    Page.objects.update(redaction_boxes=None)  # not measured: the markers' estimate
    page = client.get(f"/memos/{scanned.slug}/").content.decode()
    assert "an estimate from the markers: 2 withheld passages" in page
    assert 'class="scan-redaction"' not in page
    assert client.get(f"/api/memos/{scanned.slug}").json()["pages"][0]["redaction_boxes"] is None


def test_codes_are_paired_only_when_the_page_says_which(scanned):
    page = scanned.pages.get()
    redactions = list(scanned.redactions.order_by("start"))
    assert page_codes(page, scanned.text, redactions) == [["(b)(1)"], ["(b)(3)"]]
    # Three passages for two boxes: no pairing can be trusted, no code is shown.
    page.redaction_boxes = page.redaction_boxes[:1] * 3
    assert page_codes(page, scanned.text, redactions) == [[], [], []]
    # One code for every passage: each box takes it.
    same = [r for r in redactions if r.codes != ["(b)(3)"]][:2]
    assert page_codes(page, scanned.text, same) == [["(b)(1)"]] * 3


def test_the_command_measures_pages_not_yet_measured(scanned):
    Page.objects.update(redaction_boxes=None, ink_area=None)
    status, out, _err = run_command("find_redaction_boxes", no_progress=True)
    assert status == 0 and "Measured 1 page(s): 2 redaction box(es) found." in out
    assert len(Page.objects.get().redaction_boxes) == 2
    status, out, _err = run_command("find_redaction_boxes", no_progress=True)
    assert "Measured 0 page(s)" in out  # nothing left to measure
    status, out, _err = run_command("find_redaction_boxes", every=True, memo="scanned")
    assert "Measured 1 page(s)" in out
    status, _out, err = run_command("find_redaction_boxes", memo="nothing-here")
    assert status == 1 and "No memo with the slug 'nothing-here' has pages." in err
    assert json.loads(json.dumps(Page.objects.get().redaction_boxes))  # plain JSON
