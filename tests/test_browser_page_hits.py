"""Search hits on the page images in headless Chromium: the viewer opens at the first page with
a hit and draws its boxes where the words stand (at any zoom, at 1400 and 400 px wide); the
text and the image follow each other; axe finds nothing serious.

The pages are typed with the memo's own text and each word's box is kept as it is drawn (no
OCR: tests/test_page_words.py covers Tesseract). Screenshots go to bench/out/screens/.
"""

import re

import pytest
from PIL import Image, ImageDraw
from selenium.webdriver.common.actions.action_builder import ActionBuilder

from archive.ingest.images import PageImage, store_pages
from archive.pages import pagewords
from tests.browser import SCREENS, chromium
from tests.test_browser_a11y import audit
from tests.test_browser_pages import wait_for

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

WIDTH, HEIGHT, LINES, CHARS, FONT = 1700, 2200, 30, 64, 34
SHOWN_IMAGE = "document.querySelector('.viewer-page:not([hidden]) img')"


def typed_with_words(memo):
    """Typed pages of the memo's text (CHARS a line, LINES a page) and each word's box."""
    text = memo.text
    lines, line, length, previous = [], [], 0, 0
    for match in re.finditer(r"\S+", text):
        paragraph = "\n\n" in text[previous : match.start()]
        if line and (paragraph or length + 1 + len(match.group()) > CHARS):
            lines.append(line)
            if paragraph:
                lines.append([])
            line, length = [], -1
        line.append(match)
        length += 1 + len(match.group())
        previous = match.end()
    lines.append(line)
    pages, spans = [], []
    for number, first in enumerate(range(0, len(lines), LINES), start=1):
        image = Image.new("L", (WIDTH, HEIGHT), 250)
        draw = ImageDraw.Draw(image)
        words = []
        for row, matches in enumerate(lines[first : first + LINES]):
            x, y = 170, 180 + row * 60
            for match in matches:
                left, top, right, bottom = draw.textbbox((x, y), match.group(), font_size=FONT)
                draw.text((x, y), match.group(), fill=20, font_size=FONT)
                words.append((match.start(), match.end(), left, top, right - left, bottom - top))
                x = right + FONT // 3
        pages.append((PageImage(number, image, source_name="typed.png"), words))
    starts = [words[0][0] for _page, words in pages]
    spans = [(0 if n == 0 else start, starts[n + 1] if n + 1 < len(starts) else len(text))
             for n, start in enumerate(starts)]  # fmt: skip
    stored = store_pages(memo, [page for page, _words in pages])
    for record, (_page, words), (start, end) in zip(stored, pages, spans, strict=True):
        record.words, record.text_start, record.text_end = pagewords.pack(words), start, end
        record.save()
    return {record.number: words for record, (_page, words) in zip(stored, pages, strict=True)}


def box_geometry(driver, selector):
    """Where an element stands on the shown page image, as fractions of the image."""
    return driver.execute_script(
        """
        const box = document.querySelector(arguments[0]);
        const img = box.closest('.viewer-page').querySelector('img');
        const b = box.getBoundingClientRect(), i = img.getBoundingClientRect();
        return [(b.left - i.left) / i.width, (b.top - i.top) / i.height,
                b.width / i.width, b.height / i.height];
        """,
        selector,
    )


def expected(words, start):
    word = next(w for w in words if w[0] == start)
    return [word[2] / WIDTH, word[3] / HEIGHT, word[4] / WIDTH, word[5] / HEIGHT]


def close(a, b, slack=0.004):
    return all(abs(x - y) <= slack for x, y in zip(a, b, strict=True))


def shown(driver):
    return driver.execute_script(
        "return document.querySelector('.viewer-page:not([hidden])').dataset.number"
    )


def save(driver, name):
    driver.execute_script("document.getElementById('page-viewer').scrollIntoView()")
    # The shown image decoded and painted before the screenshot is taken.
    driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "document.querySelector('.viewer-page:not([hidden]) img').decode()"
        ".then(() => requestAnimationFrame(() => requestAnimationFrame(done)), done);"
    )
    SCREENS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(SCREENS / name))


def test_hits_on_the_page_image(live_server, seed, tmp_path):
    words = typed_with_words(seed)
    starts = [m.start() for m in re.finditer("Nakasone", seed.text)]
    on_page = [n for n, ws in words.items() for s in starts if any(w[0] == s for w in ws)]
    assert len(words) >= 2 and on_page and min(on_page) > 1
    url = f"{live_server.url}{seed.get_absolute_url()}?q=nakasone"
    first = f'.page-hit[data-start="{starts[0]}"]'
    with chromium(tmp_path, "1400,1000") as driver:
        driver.get(url)
        wait_for(driver, "document.querySelector('.page-viewer.is-enhanced')")
        # It opens at the first page with a hit, its boxes where the words stand.
        assert shown(driver) == str(min(on_page))
        wait_for(driver, SHOWN_IMAGE + ".naturalWidth > 0")
        assert close(box_geometry(driver, first), expected(words[min(on_page)], starts[0]))
        save(driver, "page-hits-1400.png")
        # Zoomed in, the boxes stay on their words.
        stage = driver.find_element("css selector", "[data-viewer-stage]")
        driver.execute_script("arguments[0].focus()", stage)
        stage.send_keys("++")
        assert close(box_geometry(driver, first), expected(words[min(on_page)], starts[0]))
        stage.send_keys("0")

        # Text to image: back on page 1, the next hit (key n) turns to its page and marks it.
        driver.execute_script(
            "const s = document.querySelector('[data-viewer-goto]');"
            "s.value = '0'; s.dispatchEvent(new Event('change'));"
        )
        assert shown(driver) == "1"
        driver.find_element("css selector", "body").send_keys("n")
        wait_for(driver, f"document.querySelector('{first}.is-current')")
        assert shown(driver) == str(min(on_page))

        # Image to text: a box followed from the keyboard marks its hit in the text.
        last = f'.page-hit[data-start="{starts[-1]}"]'
        driver.execute_script(f"document.querySelector('{last}').focus()")
        driver.switch_to.active_element.send_keys("\n")
        wait_for(driver, f"document.querySelector('mark.hit-current[data-start=\"{starts[-1]}\"]')")

        # A click on a word of the image selects it in the text.
        page_words = words[min(on_page)]
        start, end, x, y, w, h = page_words[5]
        # The word's middle, in the window's coordinates (it stands near the top of the page).
        point = driver.execute_script(
            "const r = document.querySelector('.viewer-page:not([hidden]) img')"
            ".getBoundingClientRect();"
            "return [r.left + arguments[0] * r.width, r.top + arguments[1] * r.height];",
            (x + w / 2) / WIDTH,
            (y + h / 2) / HEIGHT,
        )
        actions = ActionBuilder(driver)
        actions.pointer_action.move_to_location(round(point[0]), round(point[1]))
        actions.pointer_action.click()
        actions.perform()
        word = seed.text[start:end]
        wait_for(driver, "String(window.getSelection()) === arguments[0]", 10, word)
        # A passage selected in the text is outlined on its page (here page 1).
        one = words[1][3]
        driver.execute_script(
            """
            const text = document.querySelector('[data-memo-text]');
            const walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
            let node, position = parseInt(text.dataset.offset || "0", 10);
            while ((node = walker.nextNode())) {
              if (arguments[0] < position + node.nodeValue.length) break;
              position += node.nodeValue.length;
            }
            const range = document.createRange();
            range.setStart(node, arguments[0] - position);
            range.setEnd(node, arguments[1] - position);
            getSelection().removeAllRanges();
            getSelection().addRange(range);
            """,
            one[0],
            one[1],
        )
        wait_for(
            driver, "document.querySelector('.viewer-page:not([hidden]) .page-selection span')"
        )
        assert shown(driver) == "1"
        assert close(box_geometry(driver, ".page-selection span"), expected(words[1], one[0]))
        # Boxes, the current hit and the outlined passage in place: nothing serious for axe.
        assert audit(driver) == []

        # 400 px wide: the same boxes, on the same words.
        driver.set_window_size(400, 900)
        driver.get(url)
        wait_for(driver, "document.querySelector('.page-viewer.is-enhanced')")
        wait_for(driver, SHOWN_IMAGE + ".naturalWidth > 0")
        assert shown(driver) == str(min(on_page))
        assert close(box_geometry(driver, first), expected(words[min(on_page)], starts[0]))
        width = driver.execute_script("return document.documentElement.scrollWidth")
        assert width <= 400
        save(driver, "page-hits-400.png")
