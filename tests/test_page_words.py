"""Words of a page image with their boxes: read by OCR, tied to the memo's text, drawn as
search hits on the page viewer and answered by the IIIF Content Search service."""

import json
import re

import pytest

from archive.choices import Status
from archive.curation.anchoring import OffsetMap
from archive.ingest.images import PageImage, store_pages
from archive.ingest.scans import tesseract_available
from archive.models import Memo, Page, Suppression
from archive.pages import pagewords
from tests import pagefiles as files
from tests.conftest import run_command

needs_tesseract = pytest.mark.skipif(
    not tesseract_available(), reason="tesseract is not installed (Debian's tesseract-ocr)"
)
LINES = [
    "MEMORANDUM FOR THE DIRECTOR",
    "SUBJECT: Soviet missile sites in Cuba",
    "The reconnaissance flight of 14 October",
    "found three sites near San Cristobal.",
]
TSV_HEADER = "\t".join(
    ["level", "page_num", "block_num", "par_num", "line_num", "word_num"]
    + ["left", "top", "width", "height", "conf", "text"]
)


def tsv(rows):
    lines = [TSV_HEADER, "1\t1\t0\t0\t0\t0\t0\t0\t900\t600\t-1\t"]
    for number, (word, (x, y, w, h)) in enumerate(rows, start=1):
        lines.append(f"5\t1\t1\t1\t1\t{number}\t{x}\t{y}\t{w}\t{h}\t91.5\t{word}")
    return "\n".join(lines) + "\n"


def near(box, drawn, slack=12):
    return all(abs(a - b) <= slack for a, b in zip(box, drawn, strict=True))


# --- Words and their offsets ---------------------------------------------------------------


def test_tsv_words_are_found_in_order_in_the_page_text():
    text = "The cat sat.\nThe cat ran."
    rows = [("The", (1, 2, 3, 4)), ("cat", (5, 6, 7, 8)), ("sat.", (9, 9, 9, 9)),
            ("ghost", (0, 0, 1, 1)), ("The", (1, 20, 3, 4)), ("cat", (5, 20, 7, 8))]  # fmt: skip
    words = pagewords.from_tsv(tsv(rows), text)
    assert [text[s:e] for s, e, *_box in words] == ["The", "cat", "sat.", "The", "cat"]
    # The second "The" is found after the first, not at it.
    assert words[3][:2] == (13, 16) and words[3][2:] == (1, 20, 3, 4)
    assert pagewords.unpack(pagewords.pack(words)) == words


def test_ocr_words_are_placed_in_another_reading_of_the_text():
    page_one, page_two = "Soviet missi1e sites", "in Cuba were found"
    read = [
        (page_one, [(0, 6, 10, 10, 60, 20), (7, 14, 80, 10, 70, 20), (15, 20, 160, 10, 50, 20)]),
        (page_two, [(0, 2, 10, 10, 20, 20), (3, 7, 40, 10, 40, 20), (8, 12, 90, 10, 40, 20),
                    (13, 18, 140, 10, 50, 20)]),
    ]  # fmt: skip
    text = "HEADER\nSoviet missile sites\n\nin CUBA, were found."
    placed = pagewords.align(read, text)
    assert [text[s:e] for s, e, *_b in placed[0]] == ["Soviet", "sites"]  # "missi1e" differs
    assert [text[s:e] for s, e, *_b in placed[1]] == ["in", "CUBA,", "were", "found."]
    assert placed[1][1][2:] == (40, 10, 40, 20)
    spans = pagewords.page_spans(placed, len(text))
    # End to end: the header before the first word belongs to page 1, page 2 runs to the end.
    assert spans == [(0, text.index("in CUBA")), (text.index("in CUBA"), len(text))]
    assert pagewords.page_spans([[], placed[1]], len(text)) == [(None, None), (0, len(text))]


def test_a_span_maps_to_boxes_and_boxes_follow_a_correction():
    text = "alpha beta gamma delta"
    stored = pagewords.pack([(17, 22, 30, 1, 5, 5), (0, 5, 1, 1, 5, 5), (6, 10, 10, 1, 5, 5),
                             (11, 16, 20, 1, 5, 5)])  # fmt: skip
    assert len(stored) == 4 * 6 * 4  # four words, six 32-bit numbers each
    numbers = pagewords.flat(stored)
    assert [w[2] for w in pagewords.boxes_in(numbers, 7, 14)] == [10, 20]
    assert pagewords.boxes_in(numbers, 22, 30) == []
    assert [w[2] for w in pagewords.boxes_in(numbers, 0, 1)] == [1]
    new = "alpha\nbeta gamma DELTA"
    moved = pagewords.follow(stored, text, new, OffsetMap(text, new))
    assert [new[s:e] for s, e, *_b in moved] == ["alpha", "beta", "gamma", "DELTA"]
    changed = "alpha beta gamma epsilon"
    moved = pagewords.follow(stored, text, changed, OffsetMap(text, changed))
    assert [changed[s:e] for s, e, *_b in moved] == ["alpha", "beta", "gamma"]


# --- OCR keeps each word's box --------------------------------------------------------------


@needs_tesseract
def test_a_scan_keeps_each_word_box_and_shows_hits_on_it(ingest, tmp_path, client):
    image, drawn = files.text_page(LINES, 1000, 600, 32)
    image.save(tmp_path / "scan.png")
    status, _out, err = ingest(tmp_path / "scan.png")
    assert status == 0, err
    memo = Memo.objects.get()
    page = memo.pages.get()
    words = pagewords.unpack(page.words)
    assert len(words) >= len(drawn) - 2
    where = {memo.text[s:e]: box for s, e, *box in words}
    for word in ("reconnaissance", "Cuba", "Cristobal."):
        assert near(where[word], dict(drawn)[word]), word

    # The hit is drawn where the word stands, in percent of the image.
    html = client.get(memo.get_absolute_url() + "?q=reconnaissance").content.decode()
    box = r'class="page-hit" href="#hit-(\d+)"[^>]*style="left:([\d.]+)%;top:([\d.]+)%'
    boxes = re.findall(box, html)
    assert len(boxes) == 1
    start, left, top = int(boxes[0][0]), float(boxes[0][1]), float(boxes[0][2])
    assert memo.text[start : start + 14] == "reconnaissance"
    assert f'id="hit-{start}"' in html
    x, y, _w, _h = dict(drawn)["reconnaissance"]
    assert abs(left - 100 * x / 1000) < 1 and abs(top - 100 * y / 600) < 1.5

    found = json.loads(client.get(f"/iiif/{memo.slug}/search?q=cuba").content)
    assert len(found["items"]) == 1
    xywh = [int(n) for n in found["items"][0]["target"].split("#xywh=")[1].split(",")]
    assert near(xywh, dict(drawn)["Cuba"])


def typed_memo_with_its_page(ingest, tmp_path, text, **options):
    """(memo of `text`, the words drawn on its one page image, what attach_pages said)."""
    line = {"id": "typed", "doc_number": "SOV M 85-10009", "title": "Typed copy", "text": text}
    (tmp_path / "typed.jsonl").write_text(json.dumps(line) + "\n")
    assert ingest(tmp_path / "typed.jsonl")[0] == 0
    memo = Memo.objects.get(source_id="typed")
    image, drawn = files.text_page(LINES, 1000, 600, 32)
    image.save(tmp_path / "page.png")
    status, out, err = run_command("attach_pages", memo.slug, str(tmp_path / "page.png"),
                                   no_progress=True, no_derivatives=True, **options)  # fmt: skip
    assert status == 0, err
    return memo, drawn, out


@needs_tesseract
def test_attach_pages_finds_the_words_in_the_memo_text(ingest, tmp_path):
    text = "\n".join(LINES).replace("Soviet", "Sov1et") + "\n\nNot on the page."
    memo, drawn, out = typed_memo_with_its_page(ingest, tmp_path, text)
    assert "word(s) placed in its text" in out
    page = memo.pages.get()
    assert (page.text_start, page.text_end) == (0, len(text))
    placed = {text[s:e]: box for s, e, *box in pagewords.unpack(page.words)}
    assert "Sov1et" not in placed  # the OCR read "Soviet": not the memo's word
    assert near(placed["Cristobal."], dict(drawn)["Cristobal."])
    assert Memo.objects.get(pk=memo.pk).text == text  # the text itself is unchanged


@needs_tesseract
def test_read_page_words_reads_pages_stored_without_them(ingest, tmp_path):
    memo, drawn, _out = typed_memo_with_its_page(ingest, tmp_path, "\n".join(LINES), no_ocr=True)
    assert bytes(memo.pages.get().words) == b""  # stored without its words
    status, out, err = run_command("read_page_words", no_progress=True)
    assert status == 0, err
    assert out.startswith("Read 1 memo(s):")
    page = memo.pages.get()
    placed = {memo.text[s:e]: box for s, e, *box in pagewords.unpack(page.words)}
    assert near(placed["Cristobal."], dict(drawn)["Cristobal."])
    assert (page.text_start, page.text_end) == (0, len(memo.text))
    # A second run has nothing left to read; a page whose image is gone is reported.
    assert run_command("read_page_words", no_progress=True)[1].startswith("Read 0 memo(s)")
    page.image.delete(save=False)
    status, _out, err = run_command("read_page_words", memo=memo.slug, every=True, no_progress=True)
    assert status != 0 and f"{memo.slug}: not read" in err
    assert bytes(memo.pages.get().words) == bytes(page.words)  # left as it was


# --- Hits on the page viewer, without OCR: words laid out on a grid -------------------------


def lay_out(text, start, end):
    """Boxes for the words of text[start:end], ten to a row, 100 × 20 pixels each."""
    words = []
    for i, match in enumerate(re.finditer(r"\S+", text[start:end])):
        words.append((start + match.start(), start + match.end(), 50 + (i % 10) * 110,
                      50 + (i // 10) * 30, 100, 20))  # fmt: skip
    return pagewords.pack(words)


@pytest.fixture
def worded(seed):
    """The seed memo with two page images whose words are laid out on a grid."""
    text = seed.text
    middle = text.index("\n", len(text) // 2)
    pages = store_pages(seed, [PageImage(n, files.page_image(1200, 1600)) for n in (1, 2)])
    for page, (start, end) in zip(pages, [(0, middle), (middle + 1, len(text))], strict=True):
        page.text_start, page.text_end = start, end
        page.words = lay_out(text, start, end)
        page.save()
    return seed


def test_hits_are_drawn_on_their_page_only(client, worded):
    page_two = worded.pages.get(number=2)
    starts = [m.start() for m in re.finditer("Nakasone", worded.text)]
    assert starts and min(starts) >= page_two.text_start
    html = client.get(worded.get_absolute_url() + "?q=nakasone").content.decode()
    one, two = html.split('id="scan-page-2"')
    assert 'id="scan-page-1"' in one and "page-hit" not in one
    hits = re.findall(r'class="page-hit" href="([^"]*)" data-start="(\d+)"', two)
    assert [int(start) for _href, start in hits] == starts
    assert all(href == f"#hit-{start}" and f'id="hit-{start}"' in html for href, start in hits)
    flat = pagewords.flat(page_two.words).tolist()
    index = flat[0::6].index(starts[0])
    x, y = flat[6 * index + 2], flat[6 * index + 3]
    assert f"left:{round(100 * x / 1200, 3)}%;top:{round(100 * y / 1600, 3)}%" in two
    assert 'aria-label="Match “Nakasone” on page 2: go to it in the text"' in two
    # Without a search, no boxes.
    assert "page-hit" not in client.get(worded.get_absolute_url()).content.decode()


def test_words_json_is_public_pages_only(client, worded):
    data = json.loads(client.get(f"/memos/{worded.slug}/pages/1/words.json").content)
    stored = pagewords.flat(worded.pages.get(number=1).words).tolist()
    assert data["words"] == stored and len(stored) > 60 and data["width"] == 1200
    Suppression.objects.create(memo=worded, start=worded.pages.get(number=2).text_start + 5,
                               end=worded.pages.get(number=2).text_start + 15, quote="x",
                               reason="test")  # fmt: skip
    assert client.get(f"/memos/{worded.slug}/pages/2/words.json").status_code == 404
    found = json.loads(client.get(f"/iiif/{worded.slug}/search?q=nakasone").content)
    assert found["items"] == []  # every Nakasone is on the page held back
    Memo.objects.filter(pk=worded.pk).update(status=Status.DRAFT)
    assert client.get(f"/memos/{worded.slug}/pages/1/words.json").status_code == 404
    assert client.get(f"/iiif/{worded.slug}/search?q=japan").status_code == 404


# --- IIIF Content Search 2.0 -----------------------------------------------------------------


def test_content_search_answers_as_the_specification_shows(client, worded):
    manifest = json.loads(client.get(f"/iiif/{worded.slug}/manifest.json").content)
    service = manifest["service"]
    assert service == [
        {"id": f"http://testserver/iiif/{worded.slug}/search", "type": "SearchService2"},
        {
            "@id": f"http://testserver/iiif/{worded.slug}/search/1",
            "@type": "SearchService1",
            "profile": "http://iiif.io/api/search/1/search",
        },
    ]
    canvases = {canvas["id"]: canvas for canvas in manifest["items"]}
    response = client.get(f"/iiif/{worded.slug}/search?q=tokyo&user=someone")
    assert response.status_code == 200 and response["Access-Control-Allow-Origin"] == "*"
    data = json.loads(response.content)
    assert data["@context"] == "http://iiif.io/api/search/2/context.json"
    assert data["id"] == f"http://testserver/iiif/{worded.slug}/search?q=tokyo"
    assert data["type"] == "AnnotationPage"
    assert data["ignored"] == ["user"]
    expected = [m.start() for m in re.finditer(r"\bTokyo", worded.text)]
    assert len(data["items"]) == len(expected) > 0
    for item, start in zip(data["items"], expected, strict=True):
        assert set(item) == {"id", "type", "motivation", "body", "target"}
        assert item["type"] == "Annotation" and item["motivation"] == "painting"
        assert item["body"]["type"] == "TextualBody" and item["body"]["format"] == "text/plain"
        assert item["body"]["value"].startswith("Tokyo")
        canvas, xywh = item["target"].split("#xywh=")
        page = worded.pages.get(number=int(canvas.rsplit("/", 1)[1]))
        assert canvas in canvases and canvases[canvas]["width"] == page.width
        flat = pagewords.flat(page.words).tolist()
        index = flat[0::6].index(start)
        assert [int(n) for n in xywh.split(",")] == flat[6 * index + 2 : 6 * index + 6]
    [context_page] = data["annotations"]
    assert context_page["type"] == "AnnotationPage"
    contexts = context_page["items"]
    assert [c["target"]["source"] for c in contexts] == [item["id"] for item in data["items"]]
    first = contexts[0]
    assert first["motivation"] == "contextualizing"
    assert first["target"]["type"] == "SpecificResource"
    [selector] = first["target"]["selector"]
    assert selector["type"] == "TextQuoteSelector" and selector["exact"].startswith("Tokyo")
    assert (
        worded.text[expected[0] - len(selector["prefix"]) : expected[0]].replace("\n", " ")
        == selector["prefix"]
    )


def test_content_search_1_answers_the_same_hits_as_an_annotation_list(client, worded):
    # Version 1.0, which viewers such as Mirador read: the same word boxes, one hit per match.
    v2 = json.loads(client.get(f"/iiif/{worded.slug}/search?q=%22prime+minister%22").content)
    response = client.get(f"/iiif/{worded.slug}/search/1?q=%22prime+minister%22&date=x")
    assert response.status_code == 200 and response["Access-Control-Allow-Origin"] == "*"
    data = json.loads(response.content)
    assert data["@context"] == [
        "http://iiif.io/api/presentation/2/context.json",
        "http://iiif.io/api/search/1/context.json",
    ]
    assert data["@type"] == "sc:AnnotationList"
    assert data["@id"] == f"http://testserver/iiif/{worded.slug}/search/1?q=%22prime+minister%22"
    assert data["within"] == {"@type": "sc:Layer", "total": len(v2["items"]), "ignored": ["date"]}
    resources = data["resources"]
    assert [r["on"] for r in resources] == [item["target"] for item in v2["items"]]
    assert [r["resource"]["chars"] for r in resources] == [
        item["body"]["value"] for item in v2["items"]
    ]
    assert all(
        r["@type"] == "oa:Annotation" and r["motivation"] == "sc:painting" for r in resources
    )
    phrases = list(re.finditer(r"Prime\s+Minister", worded.text))
    assert len(data["hits"]) == len(phrases) > 0
    first = data["hits"][0]
    assert first["@type"] == "search:Hit" and len(first["annotations"]) == 2  # two words
    assert first["match"] == phrases[0].group().replace("\n", " ")
    assert worded.text[: phrases[0].start()].replace("\n", " ").endswith(first["before"])
    named = {annotation for hit in data["hits"] for annotation in hit["annotations"]}
    assert named == {r["@id"] for r in resources}
    empty = json.loads(client.get(f"/iiif/{worded.slug}/search/1?q=tokyo&motivation=x").content)
    assert empty["resources"] == [] and empty["hits"] == []


def test_content_search_with_no_or_odd_queries(client, worded):
    queries = ["", "q=", "q=tokyo&motivation=commenting", "q=%28%28%28%22", "q=" + "x" * 5000]
    for query in queries:
        response = client.get(f"/iiif/{worded.slug}/search?{query}")
        assert response.status_code == 200, query
        data = json.loads(response.content)
        assert data["type"] == "AnnotationPage" and data["items"] == [], query
    moved = client.get("/iiif/EA-M-84-10245/search?q=tokyo")
    assert moved.status_code == 301 and moved["Location"].endswith(f"/{worded.slug}/search?q=tokyo")


def test_content_search_needs_pages_with_words(client, seed):
    assert client.get(f"/iiif/{seed.slug}/search?q=tokyo").status_code == 404
    store_pages(seed, [PageImage(1, files.page_image(400, 500))])
    manifest = json.loads(client.get(f"/iiif/{seed.slug}/manifest.json").content)
    assert "service" not in manifest  # no words read: nothing to search on the images
    assert bytes(Page.objects.get().words) == b""
