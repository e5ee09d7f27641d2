"""Redaction boxes found on page images (archive/redaction/box_finder.py): recall and false boxes.

Two sets of pages:

- rendered pages with known boxes: typed text in lines (Pillow's own font), headings,
  underlines, ruled lines, a ruled table, a review stamp, signatures' scrawl, and boxes of
  both kinds (blacked out; whited out with a border, an exemption code inside), then made to
  look scanned: turned by up to ±2°, blurred, speckled, greyed, some framed in black like a
  microfilm copy. Seeds 0-99 were used while the detector was tuned; 100-199 are held out.
- the shared scans (../shared/corpus/scans), whose boxes were marked by hand below, given per
  part of the corpus (bench/scoring.py).

A found box matches a true one when they overlap by half their union (IoU >= 0.5). Prints
recall (true boxes found) and false boxes (found boxes matching none, as a share of all found),
with the time per page. Targets: recall >= 95%, false boxes <= 5%.

    .venv/bin/python bench/redaction_boxes.py [--pages 100]
"""

import argparse
import random
import sys
import time
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from scoring import part  # noqa: E402

from archive.ingest.images import load_pages  # noqa: E402
from archive.redaction.box_finder import find_boxes  # noqa: E402

SCANS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "scans"
# Boxes on the shared scans, marked by hand: {(file stem, page): [(x, y, w, h), ...]}; every
# other page of those files has none.
MARKED = {
    ("clinton-pcdc-1993-10-19-bosnia-principals-summary", 1): [(216, 1220, 268, 34)],
}
WIDTH, HEIGHT = 1700, 2200
CODES = ["(b)(1)", "(b)(3)", "(b)(6)", "25X1", "(b)(7)(C)", "1.4(c)", "PER"]
WORDS = ["the", "soviet", "delegation", "discussed", "grain", "purchases", "fisheries", "near"]


def _font(size):
    return ImageFont.load_default(size=size)


def _word(rng):
    return "".join(rng.choice(WORDS) for _ in range(rng.randint(1, 2)))[: rng.randint(2, 12)]


def _box(draw, rng, x, y, w, h, body):
    """A redaction: blacked out, or whited out with a ruled border and its code inside."""
    if w < 140 or rng.random() < 0.55:
        draw.rectangle([x, y, x + w, y + h], fill=rng.randint(0, 40))
        return
    draw.rectangle([x, y, x + w, y + h], outline=0, width=rng.randint(1, 3))
    code_font = _font(max(16, body.size - 8))
    middle = (x + w // 2 - 30, y + h // 2 - code_font.size // 2)
    draw.text(middle, rng.choice(CODES), font=code_font)


def render(seed):
    """(page image, true boxes as (x, y, w, h)) of a rendered test page."""
    rng = random.Random(seed)
    page = Image.new("L", (WIDTH, HEIGHT), 255)
    draw = ImageDraw.Draw(page)
    body = _font(rng.choice([26, 28, 30, 32]))
    line_height = int(body.size * 1.45)
    truth = []
    # A heading, perhaps bold and large, struck through (a classification cancelled).
    head = _font(rng.choice([48, 60, 72]))
    draw.text((WIDTH // 2 - 200, 110), "SECRET", font=head, fill=0, stroke_width=rng.randint(0, 2))
    if rng.random() < 0.5:
        draw.line([(WIDTH // 2 - 220, 150), (WIDTH // 2 + 60, 145)], fill=0, width=3)
    if rng.random() < 0.4:  # a thick rule under the letterhead
        draw.rectangle([150, 230, WIDTH - 150, 230 + rng.randint(6, 11)], fill=0)
    y = 300
    left, right = 150, WIDTH - 150
    while y < HEIGHT - 480:
        roll = rng.random()
        if roll < 0.06:  # a ruled table of text cells
            rows, cols = rng.randint(2, 3), rng.randint(2, 4)
            cell_w, cell_h = (right - left) // cols, line_height + 14
            for r in range(rows + 1):
                draw.line([(left, y + r * cell_h), (right, y + r * cell_h)], fill=0, width=2)
            for c in range(cols + 1):
                x = min(right, left + c * cell_w)
                draw.line([(x, y), (x, y + rows * cell_h)], fill=0, width=2)
            for r in range(rows):
                for c in range(cols):
                    text = " ".join(_word(rng) for _ in range(2))
                    draw.text((left + c * cell_w + 8, y + r * cell_h + 6), text, font=body, fill=0)
            y += rows * cell_h + line_height
            continue
        if roll < 0.10:  # a form line or rule
            draw.line([(left, y + 10), (rng.randint(left + 300, right), y + 10)], fill=0, width=2)
            y += line_height
            continue
        if roll < 0.15:  # a withheld passage of several lines, black or ruled
            w = rng.randint(300, right - left)
            h = line_height * rng.randint(2, 4) - 10
            _box(draw, rng, left, y - 4, w, h, body)
            truth.append((left, y - 4, w + 1, h + 1))
            y += h + line_height // 2
            continue
        x = left + (60 if rng.random() < 0.2 else 0)
        while x < right - 60:
            if rng.random() < 0.07 and right - x > 150:  # a withheld word or phrase
                w = rng.randint(60, min(700, right - x))
                h = line_height - 6
                _box(draw, rng, x, y - 4, w, h, body)
                truth.append((x, y - 4, w + 1, h + 1))
                x += w + 20
                continue
            text = _word(rng)
            draw.text((x, y), text, font=body, fill=0)
            width = int(draw.textlength(text, font=body))
            if rng.random() < 0.04:  # underlined
                draw.line([(x, y + body.size + 3), (x + width, y + body.size + 3)], fill=0, width=2)
            x += width + int(body.size * 0.6)
        y += line_height
    # Review stamp with form lines, a signature's scrawl, a dark stain.
    sx, sy = rng.randint(800, 1000), HEIGHT - 330
    for i in range(4):
        draw.line([(sx, sy + i * 40), (sx + 500, sy + i * 40)], fill=0, width=2)
        draw.text((sx, sy + i * 40 - 30), "REVIEWED BY", font=_font(22), fill=0)
    points = [(200 + i * 14, HEIGHT - 250 + rng.randint(-30, 30)) for i in range(25)]
    draw.line(points, fill=0, width=4)
    if rng.random() < 0.5:
        cx, cy = rng.randint(200, 1500), rng.randint(300, 2000)
        draw.ellipse([cx, cy, cx + rng.randint(20, 60), cy + rng.randint(15, 40)], fill=30)
    return _scanned(page, truth, rng)


def _scanned(page, truth, rng):
    """The page as a scanner gives it: askew, blurred, speckled, greyed, maybe framed."""
    angle = rng.uniform(-2, 2)
    turned = page.rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=255)
    boxes = [_turned_box(box, angle, page.size) for box in truth]
    turned = turned.filter(ImageFilter.GaussianBlur(rng.uniform(0.4, 1.2)))
    pixels = turned.load()
    for _ in range(4000):
        x, y = rng.randrange(WIDTH), rng.randrange(HEIGHT)
        pixels[x, y] = rng.randint(0, 255)
    turned = turned.point(lambda value: int(30 + value * rng.uniform(0.78, 0.9)))
    if rng.random() < 0.3:  # a microfilm copy's black frame
        draw = ImageDraw.Draw(turned)
        thick = rng.randint(20, 60)
        draw.rectangle([0, 0, WIDTH - 1, HEIGHT - 1], outline=10, width=thick)
    return turned, boxes


def _turned_box(box, angle, size):
    """A box's bounding box after the page is turned by `angle` degrees about its centre."""
    import math

    x, y, w, h = box
    cx, cy = size[0] / 2, size[1] / 2
    theta = math.radians(-angle)  # Pillow turns counter-clockwise; y runs down
    cos, sin = math.cos(theta), math.sin(theta)
    corners = [(x, y), (x + w, y), (x, y + h), (x + w, y + h)]
    xs, ys = [], []
    for px, py in corners:
        dx, dy = px - cx, py - cy
        xs.append(cx + dx * cos - dy * sin)
        ys.append(cy + dx * sin + dy * cos)
    return (min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))


def iou(a, b):
    ax, ay, aw, ah = a[:4]
    bx, by, bw, bh = b[:4]
    w = min(ax + aw, bx + bw) - max(ax, bx)
    h = min(ay + ah, by + bh) - max(ay, by)
    if w <= 0 or h <= 0:
        return 0.0
    inter = w * h
    return inter / (aw * ah + bw * bh - inter)


class Tally:
    """True boxes, those found, found boxes, false ones, and the time taken."""

    def __init__(self):
        self.true = self.found = self.detected = self.false = self.pages = 0
        self.seconds = 0.0

    def add(self, image, truth):
        start = time.perf_counter()
        boxes = find_boxes(image)
        self.seconds += time.perf_counter() - start
        self.pages += 1
        self.true += len(truth)
        self.found += sum(1 for t in truth if any(iou(t, b) >= 0.5 for b in boxes))
        self.detected += len(boxes)
        self.false += sum(1 for b in boxes if not any(iou(t, b) >= 0.5 for t in truth))

    def line(self, label):
        recall = self.found / self.true if self.true else 1.0
        false = self.false / self.detected if self.detected else 0.0
        per_page = self.seconds / self.pages * 1000 if self.pages else 0
        return (
            f"{label:<28} pages {self.pages:>4}  true boxes {self.true:>5}  found {self.found:>5}"
            f"  recall {recall:6.1%}  found boxes {self.detected:>5}  false {self.false:>3}"
            f" ({false:5.1%})  {per_page:5.0f} ms/page"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100, help="Rendered pages per set.")
    args = parser.parse_args()
    tuning, held_out = Tally(), Tally()
    for seed in range(args.pages):
        tuning.add(*render(seed))
        held_out.add(*render(100 + seed))
    print(tuning.line("rendered, tuning seeds"))
    print(held_out.line("rendered, held-out seeds"))
    if not SCANS.is_dir():
        print(f"shared scans not found at {SCANS}")
        return
    scans = {"tuning": Tally(), "held-out": Tally()}
    for path in sorted(SCANS.glob("*.pdf")):
        for page in load_pages(path):
            truth = MARKED.get((path.stem, page.number), [])
            scans[part(path.stem)].add(page.image, truth)
    for name, tally in scans.items():
        print(tally.line(f"shared scans, {name}"))


if __name__ == "__main__":
    main()
