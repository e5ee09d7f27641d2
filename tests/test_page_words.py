"""Words of a page image with their boxes: read by OCR, tied to the memo's text."""

import json

import pytest

from archive import pagewords
from archive.anchoring import OffsetMap
from archive.ingest.scans import tesseract_available
from archive.models import Memo
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
def test_attach_pages_finds_the_words_in_the_memo_text(ingest, tmp_path):
    text = "\n".join(LINES).replace("Soviet", "Sov1et") + "\n\nNot on the page."
    line = {"id": "typed", "doc_number": "SOV M 85-10009", "title": "Typed copy", "text": text}
    (tmp_path / "typed.jsonl").write_text(json.dumps(line) + "\n")
    assert ingest(tmp_path / "typed.jsonl")[0] == 0
    memo = Memo.objects.get(source_id="typed")
    image, drawn = files.text_page(LINES)
    image.save(tmp_path / "page.png")
    status, out, err = run_command("attach_pages", memo.slug, str(tmp_path / "page.png"),
                                   no_progress=True, no_derivatives=True)  # fmt: skip
    assert status == 0, err
    assert "word(s) placed in its text" in out
    page = memo.pages.get()
    assert (page.text_start, page.text_end) == (0, len(text))
    placed = {text[s:e]: box for s, e, *box in pagewords.unpack(page.words)}
    assert "Sov1et" not in placed  # the OCR read "Soviet": not the memo's word
    assert near(placed["Cristobal."], dict(drawn)["Cristobal."])
    assert Memo.objects.get(pk=memo.pk).text == text  # the text itself is unchanged
