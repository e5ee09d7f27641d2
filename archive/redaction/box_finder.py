"""Redaction boxes on a page image: blacked-out rectangles, and whited-out ones with a border.

Measured with numpy alone on a copy of the page 1,000 pixels wide (a typed line is then about
20 pixels high, a letter's stroke 1 to 3), straightened first by the turn (±3°) that lines
its rows of type up best:

- a black box is what is left of the dark pixels (speckle removed) after an opening by a
  6 × 14 rectangle (no letter, rule or underline is that solid), kept when it fills its
  bounding box and is about as thick all along (a stain is not);
- a white box is a hole among the ruled lines (dark runs at least 28 pixels long across or
  16 down, so no letter) with a line along nearly all of each side, mostly blank inside (an
  exemption code written in it is allowed), and not a table's cell (whose top and bottom
  lines both run on past a corner).

Anything touching the page's edge (a scanner's black frame, a punched hole) and any region
larger than a quarter of the page (the frame's inside) is not a redaction. Boxes are given in
the page image's own pixels as [x, y, w, h, area], area being the pixels the box covers.
Tuned on rendered pages and the tuning part of the shared scans: bench/redaction_boxes.py.
"""

import math

import numpy as np
from PIL import Image, ImageFilter

WORK_WIDTH = 1000
DARK = 110  # a black box's pixels (0-255) after the page is scaled down
INK = 170  # ink (a ruled line's threshold follows the paper's shade: ruled_lines())
SOLID = (6, 14)  # (rows, columns) a black box holds at least, at WORK_WIDTH
RULE_ACROSS, RULE_DOWN = 28, 16  # the shortest ruled line, across and down
MIN_BOX = (12, 18)  # the smallest box, (h, w) at WORK_WIDTH: a short word (a rule is thinner)
MIN_WHITE = (14, 36)  # the smallest bordered box: a line of type and its border, a short code
MAX_SHARE = 0.25  # of the page's area
EDGE = 4  # pixels from the page's edge within which a region is the scan's frame


def _counts(mask, length, axis):
    """For each cell, how many of the `length` cells from it onwards along `axis` are set."""
    size = mask.shape[axis]
    if size < length:
        return np.zeros(mask.shape, dtype=np.uint16), 0
    table = np.cumsum(mask, axis=axis, dtype=np.uint16)
    table = np.insert(table, 0, 0, axis=axis)
    head = [slice(None)] * 2
    tail = [slice(None)] * 2
    head[axis], tail[axis] = slice(length, None), slice(None, size - length + 1)
    return table[tuple(head)] - table[tuple(tail)], size - length + 1


def _all_along(mask, length, axis):
    """Cells from which `length` cells along `axis` are all set (an erosion, anchored first)."""
    if length == 1:
        return mask
    counts, kept = _counts(mask, length, axis)
    out = np.zeros_like(mask)
    index = [slice(None)] * 2
    index[axis] = slice(None, kept)
    out[tuple(index)] = counts == length
    return out


def _any_before(mask, length, axis):
    """Cells with a set cell among the `length` cells up to them along `axis` (a dilation)."""
    if length == 1:
        return mask
    pad = [(0, 0), (0, 0)]
    pad[axis] = (length - 1, 0)
    counts, _kept = _counts(np.pad(mask, pad), length, axis)
    return counts > 0


def _window_all(mask, rows, cols):
    """Erosion by a rows × cols rectangle anchored at its top-left corner."""
    return _all_along(_all_along(mask, cols, 1), rows, 0)


def _window_any(mask, rows, cols):
    """Dilation by the same rectangle, so that _window_any(_window_all(m)) is an opening."""
    return _any_before(_any_before(mask, cols, 1), rows, 0)


def grow(mask, rows, cols):
    """Dilation by a rectangle centred on each cell (rows and cols odd)."""
    padded = np.pad(mask, ((0, rows // 2), (0, cols // 2)))
    return _window_any(padded, rows, cols)[rows // 2 :, cols // 2 :]


def opening(mask, rows, cols):
    """The parts of `mask` a rows × cols rectangle fits inside."""
    return _window_any(_window_all(mask, rows, cols), rows, cols)


def _runs(mask):
    """(row, start, end) of every horizontal run of True in mask."""
    padded = np.zeros((mask.shape[0], mask.shape[1] + 2), dtype=np.int8)
    padded[:, 1:-1] = mask
    rows, cols = np.nonzero(np.diff(padded, axis=1))
    return rows[0::2], cols[0::2], cols[1::2]


def components(mask):
    """Bounding boxes (x0, y0, x1, y1, pixels) of mask's 4-connected regions."""
    rows, starts, ends = _runs(mask)
    count = len(rows)
    parent = list(range(count))

    def root(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # Runs of each row are in order; join each run to the overlapping runs of the row above.
    first_of_row = {}
    for index in range(count - 1, -1, -1):
        first_of_row[int(rows[index])] = index
    rows_list, starts_list, ends_list = rows.tolist(), starts.tolist(), ends.tolist()
    for index in range(count):
        above = first_of_row.get(rows_list[index] - 1)
        if above is None:
            continue
        start, end = starts_list[index], ends_list[index]
        while above < count and rows_list[above] == rows_list[index] - 1:
            if starts_list[above] < end and start < ends_list[above]:
                a, b = root(index), root(above)
                if a != b:
                    parent[a] = b
            elif starts_list[above] >= end:
                break
            above += 1
    boxes = {}
    for index in range(count):
        key = root(index)
        row, start, end = rows_list[index], starts_list[index], ends_list[index]
        box = boxes.get(key)
        if box is None:
            boxes[key] = [start, row, end, row + 1, end - start]
        else:
            box[0], box[1] = min(box[0], start), min(box[1], row)
            box[2], box[3] = max(box[2], end), max(box[3], row + 1)
            box[4] += end - start
    return list(boxes.values())


def _working_copy(image):
    """The page in greyscale at WORK_WIDTH (never enlarged), and the factor back to the page."""
    grey = image.convert("L")
    scale = min(1.0, WORK_WIDTH / grey.width)
    if scale < 1.0:
        size = (WORK_WIDTH, max(1, round(grey.height * scale)))
        grey = grey.resize(size, Image.Resampling.BOX)
    return np.asarray(grey), 1 / scale


SKEWS = [step / 4 for step in range(-12, 13)]  # degrees tried, ±3° by a quarter


def skew(pixels):
    """The page's skew in degrees: the turn that lines its rows of type up best (the sharpest
    profile of ink per row), measured on a copy 500 pixels wide."""
    small = Image.fromarray(np.where(pixels < INK, 255, 0).astype(np.uint8))
    small = small.resize((500, max(1, round(small.height * 500 / small.width))))
    best, best_score = 0.0, -1.0
    for angle in SKEWS:
        turned = np.asarray(small.rotate(angle, resample=Image.Resampling.NEAREST), dtype=float)
        score = float(np.diff(turned.sum(axis=1)).var())
        if score > best_score:
            best, best_score = angle, score
    return best


def _turn_back(box, angle, shape):
    """A box found on the straightened copy, as the bounding box of where it stands on the
    page as scanned (turned back by `angle` about the centre)."""
    x0, y0, x1, y1 = box[:4]
    if not angle:
        return box
    cx, cy = shape[1] / 2, shape[0] / 2
    theta = math.radians(-angle)
    cos, sin = math.cos(theta), math.sin(theta)
    xs, ys = [], []
    for px, py in ((x0, y0), (x1, y0), (x0, y1), (x1, y1)):
        dx, dy = px - cx, py - cy
        xs.append(cx + dx * cos + dy * sin)
        ys.append(cy - dx * sin + dy * cos)
    return [min(xs), min(ys), max(xs), max(ys), box[4]]


def _framed(box, shape):
    x0, y0, x1, y1 = box[:4]
    return x0 <= EDGE or y0 <= EDGE or x1 >= shape[1] - EDGE or y1 >= shape[0] - EDGE


def _sized(box, shape):
    x0, y0, x1, y1 = box[:4]
    height, width = y1 - y0, x1 - x0
    small = height < MIN_BOX[0] or width < MIN_BOX[1]
    return not small and width * height <= MAX_SHARE * shape[0] * shape[1]


def _rectangular(solid, box):
    """Whether a solid region is a rectangle: along its longer side, its middle fifths all
    about as thick (a stain's or a blot's are not)."""
    x0, y0, x1, y1 = box[:4]
    region = solid[y0:y1, x0:x1]
    counts = region.sum(axis=0) if x1 - x0 >= y1 - y0 else region.sum(axis=1)
    middle = counts[len(counts) // 5 : len(counts) - len(counts) // 5]
    if not len(middle):
        return False
    low, high = np.percentile(middle, [5, 95])
    return low >= 0.85 * high


def solid_dark(pixels):
    """What of a working copy is solidly dark: where a SOLID rectangle fits in dark pixels."""
    # Dust and speckle (a white fleck in a black box) go first; a median would also wear
    # away the thin lines white boxes are ruled with, so it is for black boxes alone.
    pixels = np.asarray(Image.fromarray(pixels).filter(ImageFilter.MedianFilter(3)))
    return opening(pixels < DARK, *SOLID)


def black_boxes(pixels, solid):
    """Solid dark rectangles of a working copy (`solid`: its solid_dark())."""
    found = []
    for box in components(solid):
        x0, y0, x1, y1, area = box
        if _framed(box, pixels.shape) or not _sized(box, pixels.shape):
            continue
        if area >= 0.8 * (x1 - x0) * (y1 - y0) and _rectangular(solid, box):
            found.append(box)
    return found


def _covered(lines, rows, cols, axis):
    """The share of a band of `lines` crossed by a line along `axis` (0: across, 1: down)."""
    band = lines[rows, cols]
    return float(band.any(axis=axis).mean()) if band.size else 0.0


def _border_row(across, rows, cols):
    """The row of a band most crossed by a line along the columns, and how much it is."""
    band = across[rows, cols]
    if not band.size:
        return None, 0.0
    shares = band.mean(axis=1)
    best = int(shares.argmax())
    return rows.start + best, float(shares[best])


def _bordered(across, down, hole):
    """Whether a hole among the lines is a box: a line along nearly all of each side, within
    a few pixels, and its top and bottom lines not both running on past a corner (in a
    ruled table they run on into the next cell)."""
    x0, y0, x1, y1 = hole[:4]
    near = 5
    sides = (
        _covered(across, slice(max(0, y0 - near), y0), slice(x0, x1), 0),
        _covered(across, slice(y1, y1 + near), slice(x0, x1), 0),
        _covered(down, slice(y0, y1), slice(max(0, x0 - near), x0), 1),
        _covered(down, slice(y0, y1), slice(x1, x1 + near), 1),
    )
    if min(sides) < 0.9:
        return False
    runs_on = []
    for rows in (slice(max(0, y0 - near), y0), slice(y1, y1 + near)):
        row, _share = _border_row(across, rows, slice(x0, x1))
        if row is None:
            return False
        line = slice(max(0, row - 1), row + 2)
        sides = (slice(max(0, x0 - 24), max(0, x0 - 8)), slice(x1 + 8, x1 + 24))
        runs_on.append([_covered(across, line, cols, 0) > 0.6 for cols in sides])
    # A table's cell: its top and bottom lines both run on past the same corner (a box on
    # the next line may share one of them).
    return not any(top and bottom for top, bottom in zip(*runs_on, strict=True))


def ruled_lines(pixels, solid):
    """(ink, lines across, lines down) of a working copy; `solid` (its solid_dark()) is no
    line: a black box beside a white one would take the white one's border."""
    # A thin border grows faint when the page is scaled down: a line is what is clearly
    # darker than the paper, whatever the paper's shade.
    paper = float(np.percentile(pixels, 90))
    ink = (pixels < max(DARK, min(INK + 45, paper - 30))) & ~grow(solid, 7, 7)
    # A line scanned askew steps a pixel up or down every few dozen: let it run on regardless.
    across = opening(grow(ink, 3, 1), 1, RULE_ACROSS)
    down = opening(grow(ink, 1, 3), RULE_DOWN, 1)
    return ink, across, down


def white_boxes(pixels, solid):
    """Blank rectangles with a ruled border, in a working copy (`solid`: its solid_dark())."""
    ink, across, down = ruled_lines(pixels, solid)
    lines = across | down
    found = []
    for box in components(lines):
        if _framed(box, pixels.shape) or not _sized(box, pixels.shape):
            continue
        x0, y0, x1, y1 = box[:4]
        # The holes of this tangle of lines: blank regions it encloses on every side.
        for hole in components(~lines[y0:y1, x0:x1]):
            hx0, hy0, hx1, hy1, area = hole
            if hx0 == 0 or hy0 == 0 or hx1 == x1 - x0 or hy1 == y1 - y0:
                continue  # open to the outside
            if hy1 - hy0 < MIN_WHITE[0] - 4 or hx1 - hx0 < MIN_WHITE[1] - 4:
                continue
            if area < 0.85 * (hx1 - hx0) * (hy1 - hy0):
                continue  # not a rectangle
            hole = [x0 + hx0, y0 + hy0, x0 + hx1, y0 + hy1]
            if not _bordered(across, down, hole):
                continue
            inside = ink[hole[1] + 2 : hole[3] - 2, hole[0] + 2 : hole[2] - 2]
            if inside.size == 0 or inside.mean() > 0.25:
                continue  # a ruled cell of text, not a blank
            # The box is the hole and its border.
            bx0, by0, bx1, by1 = hole[0] - 2, hole[1] - 2, hole[2] + 2, hole[3] + 2
            found.append([bx0, by0, bx1, by1, (bx1 - bx0) * (by1 - by0)])
    return found


def measure(image):
    """(redaction boxes, written area) of a page image (Pillow): boxes as [x, y, w, h, area]
    in its own pixels, in reading order; the area in pixels (see ink_area)."""
    pixels, factor = _working_copy(image)
    return _boxes(pixels, factor, image.size), _ink_area(pixels, factor)


def find_boxes(image):
    """The redaction boxes of a page image, as measure() gives them."""
    pixels, factor = _working_copy(image)
    return _boxes(pixels, factor, image.size)


def ink_area(image):
    """Pixels of the page's written area: the bounding box of its ink inside the margins,
    scaled to the page (what a redaction's share is measured against)."""
    pixels, factor = _working_copy(image)
    return _ink_area(pixels, factor)


def _boxes(pixels, factor, size):
    angle = skew(pixels)
    if angle:
        turned = Image.fromarray(pixels).rotate(angle, Image.Resampling.BILINEAR, fillcolor=255)
        pixels = np.asarray(turned)
    solid = solid_dark(pixels)
    found = black_boxes(pixels, solid) + white_boxes(pixels, solid)
    width, height = size
    out = []
    for x0, y0, x1, y1, area in (_turn_back(box, angle, pixels.shape) for box in found):
        x, y = max(0, round(x0 * factor)), max(0, round(y0 * factor))
        w = min(width - x, round((x1 - x0) * factor))
        h = min(height - y, round((y1 - y0) * factor))
        out.append([x, y, w, h, min(w * h, round(area * factor * factor))])
    # A box inside another (a code's box within a blacked-out area) is counted once.
    kept = [box for box in out if not any(_inside(box, other) for other in out if other != box)]
    band = max(1, height // 60)  # boxes on one typed line, a little askew, read left to right
    return sorted(kept, key=lambda box: ((box[1] + box[3] // 2) // band, box[0]))


def _inside(box, other):
    x, y, w, h = box[:4]
    ox, oy, ow, oh = other[:4]
    return ox <= x and oy <= y and x + w <= ox + ow and y + h <= oy + oh and box[4] < other[4]


def _ink_area(pixels, factor):
    height, width = pixels.shape
    margin_y, margin_x = max(EDGE, height // 30), max(EDGE, width // 30)
    inner = pixels[margin_y : height - margin_y, margin_x : width - margin_x] < INK
    rows, cols = np.nonzero(inner.sum(axis=1) > 1)[0], np.nonzero(inner.sum(axis=0) > 1)[0]
    if not len(rows) or not len(cols):
        return 0
    area = (rows[-1] - rows[0] + 1) * (cols[-1] - cols[0] + 1)
    return round(int(area) * factor * factor)
