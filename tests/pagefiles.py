"""Page image files for tests: real scans-like images, and hostile files built byte by byte."""

import io
import struct
import zlib

from PIL import Image, ImageDraw


def page_image(width=850, height=1100, label="Page", mode="L"):
    """A page-like image: white paper, a dark header bar, lines of 'text' and a label."""
    image = Image.new(mode, (width, height), "white")
    draw = ImageDraw.Draw(image)
    ink = "black"
    draw.rectangle([width // 10, height // 12, width - width // 10, height // 12 + 14], fill=ink)
    draw.text((width // 10, height // 12 + 30), label, fill=ink)
    for row in range(8, 60):
        y = row * height // 64
        draw.line([(width // 10, y), (width - width // 8 - (row * 37) % 90, y)], fill=ink, width=2)
    return image


def encoded(image, fmt, **options):
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **options)
    return buffer.getvalue()


def tiff_pages(count=3, width=600, height=800):
    """A multi-page TIFF, one page-like image per frame."""
    frames = [page_image(width, height, f"Page {n + 1}") for n in range(count)]
    buffer = io.BytesIO()
    frames[0].save(buffer, format="TIFF", save_all=True, append_images=frames[1:])
    return buffer.getvalue()


def _chunk(tag, data):
    return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))


def png_claiming(width, height):
    """A small PNG whose header claims width × height greyscale pixels (a bomb's shape)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    rows = zlib.compress(b"\x00" * (min(width, 100_000) + 1) * 4, 9)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", rows)
        + _chunk(b"IEND", b"")
    )


def tiff_claiming(width, height):
    """A small uncompressed TIFF whose header claims width × height greyscale pixels."""
    data = b"\x00" * 64
    entries = [
        (256, 4, 1, width),  # ImageWidth, LONG
        (257, 4, 1, height),  # ImageLength
        (258, 3, 1, 8),  # BitsPerSample
        (259, 3, 1, 1),  # Compression: none
        (262, 3, 1, 1),  # Photometric: black is zero
        (273, 4, 1, 0),  # StripOffsets (patched below)
        (277, 3, 1, 1),  # SamplesPerPixel
        (278, 4, 1, height),  # RowsPerStrip
        (279, 4, 1, width * height),  # StripByteCounts (a lie: the data is 64 bytes)
    ]
    ifd_offset = 8
    ifd_size = 2 + len(entries) * 12 + 4
    data_offset = ifd_offset + ifd_size
    ifd = struct.pack("<H", len(entries))
    for tag, kind, count, value in entries:
        if tag == 273:
            value = data_offset
        packed = struct.pack("<HHI", tag, kind, count)
        packed += struct.pack("<HH", value, 0) if kind == 3 else struct.pack("<I", value)
        ifd += packed
    ifd += struct.pack("<I", 0)
    return b"II*\x00" + struct.pack("<I", ifd_offset) + ifd + data


def pdf_pages(count, width=612, height=792):
    """A PDF of `count` blank pages of width × height points (made without rendering any)."""
    import pypdfium2

    document = pypdfium2.PdfDocument.new()
    try:
        for _ in range(count):
            document.new_page(width, height)
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()
    finally:
        document.close()


def pdf_of_images(images):
    """A PDF with one page per image, as a scanner makes them."""
    buffer = io.BytesIO()
    rgb = [image.convert("RGB") for image in images]
    rgb[0].save(buffer, format="PDF", save_all=True, append_images=rgb[1:], resolution=100)
    return buffer.getvalue()


def text_page(lines, width=1400, height=900, size=44):
    """A page printed with these lines of words, and where each word was drawn:
    (image, [(word, (x, y, w, h)), ...]) in reading order."""
    from PIL import ImageFont

    font = ImageFont.load_default(size=size)
    image = Image.new("L", (width, height), "white")
    draw = ImageDraw.Draw(image)
    drawn, y = [], 80
    for line in lines:
        x = 90
        for word in line.split():
            left, top, right, bottom = draw.textbbox((x, y), word, font=font)
            draw.text((x, y), word, fill="black", font=font)
            drawn.append((word, (left, top, right - left, bottom - top)))
            x = right + size // 2
        y += size * 2
    return image, drawn
