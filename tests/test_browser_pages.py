"""The page viewer in headless Chromium: turn pages, zoom (sharper sizes load), keyboard only.

Screenshots go to bench/out/screens/ (git-ignored) for a person to look at.
"""

import json
import textwrap
import time

import pytest
from PIL import Image, ImageDraw

from archive.ingest.images import PageImage, store_pages
from archive.models import Memo
from tests.browser import SCREENS, chromium
from tests.conftest import run_command

# Each test starts Chromium and a live server: a few seconds, hence "slow" (CI runs them).
pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser(tmp_path):
    with chromium(tmp_path, "1400,1000") as driver:
        yield driver


def screenshot(driver, name):
    """Save a screenshot with the viewer in sight."""
    driver.execute_script(
        "const v = document.getElementById('page-viewer'); if (v) v.scrollIntoView();"
    )
    SCREENS.mkdir(parents=True, exist_ok=True)
    path = SCREENS / name
    driver.save_screenshot(str(path))
    return path


def wait_for(driver, script, timeout=10, *args):
    """Wait until a JavaScript expression is truthy; return its value."""
    deadline = time.monotonic() + timeout
    while True:
        value = driver.execute_script(f"return ({script});", *args)
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for: {script}")
        time.sleep(0.05)


def typed_pages(memo, count=3):
    """Page images carrying the memo's own text, wrapped and drawn like a typed page."""
    lines = []
    for paragraph in memo.text.split("\n\n"):
        lines.extend(textwrap.wrap(" ".join(paragraph.split()), 64) or [""])
        lines.append("")
    per_page = 42
    pages = []
    for number in range(1, count + 1):
        image = Image.new("L", (1700, 2200), 250)
        draw = ImageDraw.Draw(image)
        for row, line in enumerate(lines[(number - 1) * per_page : number * per_page]):
            draw.text((170, 180 + row * 44), line, fill=20, font_size=34)
        draw.text((820, 2080), f"- {number} -", fill=20, font_size=30)
        pages.append(PageImage(number, image, source_name="typed.png"))
    return pages


def viewer_state(driver):
    return driver.execute_script(
        """
        const root = document.querySelector('[data-page-viewer]');
        const shown = [...root.querySelectorAll('.viewer-page')].filter(li => !li.hidden);
        const img = shown.length === 1 ? shown[0].querySelector('img') : null;
        const stage = root.querySelector('[data-viewer-stage]');
        return {
          enhanced: root.classList.contains('is-enhanced'),
          shown: shown.map(li => li.dataset.number),
          width: img ? img.getBoundingClientRect().width : 0,
          natural: img ? img.naturalWidth : 0,
          loaded: img ? parseInt(img.dataset.loadedWidth || '0', 10) : 0,
          src: img ? img.currentSrc : '',
          zoom: root.querySelector('[data-viewer-zoom]').textContent,
          status: root.querySelector('[data-viewer-status]').textContent,
          select: root.querySelector('[data-viewer-goto]').value,
          scrollable: stage.scrollWidth > stage.clientWidth + 1,
          stageWidth: stage.clientWidth,
          active: document.activeElement === stage ? 'stage'
            : (document.activeElement.dataset.viewerAction || document.activeElement.tagName),
          prevDisabled: root.querySelector('[data-viewer-action=prev]').disabled,
          nextDisabled: root.querySelector('[data-viewer-action=next]').disabled,
        };
        """
    )


def severe_console_messages(driver):
    # Anything severe is a failure: a script error, a Content-Security-Policy violation, a
    # missing file (the favicon included).
    return [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def test_seed_page_viewer_turns_pages_and_zooms(live_server, browser, seed):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    store_pages(seed, typed_pages(seed))
    browser.get(live_server.url + seed.get_absolute_url())
    wait_for(browser, "document.querySelector('.page-viewer.is-enhanced')")
    wait_for(browser, "document.querySelector('.viewer-page:not([hidden]) img').naturalWidth > 0")
    state = viewer_state(browser)
    assert state["shown"] == ["1"]
    assert state["zoom"] == "100%"
    assert state["prevDisabled"] and not state["nextDisabled"]
    assert abs(state["width"] - (state["stageWidth"] - 16)) <= 2  # fits the frame's width
    assert state["natural"] == state["loaded"] >= state["width"]
    fit_width, first_loaded = state["width"], state["loaded"]
    screenshot(browser, "pages-01-memo-with-viewer.png")

    # Zoom in twice with the buttons: the page doubles and a larger size is fetched.
    zoom_in = browser.find_element(By.CSS_SELECTOR, "[data-viewer-action=zoom-in]")
    zoom_in.click()
    zoom_in.click()
    state = viewer_state(browser)
    assert state["zoom"] == "200%"
    assert abs(state["width"] - 2 * fit_width) <= 2
    assert state["scrollable"]
    wait_for(
        browser,
        f"document.querySelector('.viewer-page:not([hidden]) img').naturalWidth > {first_loaded}",
    )
    state = viewer_state(browser)
    assert state["loaded"] == state["natural"] == 1700
    assert state["src"].endswith("/iiif/ea-m-84-10245/1/full/1700,2200/0/default.jpg")
    assert state["status"] == "Zoom 200%"
    screenshot(browser, "pages-02-zoomed-200.png")

    # Keyboard only: focus the page, fit it, turn to page 2, zoom with "+".
    stage = browser.find_element(By.CSS_SELECTOR, "[data-viewer-stage]")
    browser.execute_script("arguments[0].focus()", stage)
    stage.send_keys(Keys.ARROW_RIGHT)  # zoomed: the arrow scrolls sideways, it does not turn
    state = viewer_state(browser)
    assert state["shown"] == ["1"]
    stage.send_keys("0")
    assert abs(viewer_state(browser)["width"] - fit_width) <= 2
    stage.send_keys(Keys.ARROW_RIGHT)
    state = viewer_state(browser)
    assert state["shown"] == ["2"]
    assert state["select"] == "1"
    assert state["status"] == "Page 2 of 3"
    assert state["active"] == "stage"
    stage.send_keys("+")
    state = viewer_state(browser)
    assert state["zoom"] == "150%"
    assert abs(state["width"] - 1.5 * fit_width) <= 2
    wait_for(browser, "document.querySelector('.viewer-page:not([hidden]) img').naturalWidth > 0")
    screenshot(browser, "pages-03-keyboard-page-2-zoom-150.png")

    # Tab from the page to the toolbar is not needed to turn pages; the buttons also work.
    stage.send_keys("-")
    next_button = browser.find_element(By.CSS_SELECTOR, "[data-viewer-action=next]")
    next_button.click()
    state = viewer_state(browser)
    assert state["shown"] == ["3"] and state["nextDisabled"] and not state["prevDisabled"]
    assert state["active"] == "stage"  # focus moved off the button it disabled
    browser.find_element(By.CSS_SELECTOR, "[data-viewer-action=prev]").click()
    assert viewer_state(browser)["shown"] == ["2"]

    # The page select jumps straight to a page.
    from selenium.webdriver.support.ui import Select

    Select(browser.find_element(By.CSS_SELECTOR, "[data-viewer-goto]")).select_by_visible_text("1")
    assert viewer_state(browser)["shown"] == ["1"]

    # The IIIF manifest link works from the page.
    link = browser.find_element(By.LINK_TEXT, "IIIF manifest")
    browser.get(link.get_attribute("href"))
    manifest = json.loads(browser.find_element(By.TAG_NAME, "body").text)
    assert manifest["type"] == "Manifest" and len(manifest["items"]) == 3
    assert severe_console_messages(browser) == []


@pytest.mark.corpus
def test_corpus_scan_in_the_viewer(live_server, browser, corpus, ingest, tmp_path):
    record_id = "clinton-pcdc-1993-03-01-bosnia-deputies-summary"
    with (corpus / "memos.jsonl").open(encoding="utf-8") as handle:
        line = next(line for line in handle if f'"id": "{record_id}"' in line)
    source = tmp_path / "one.jsonl"
    source.write_text(line, encoding="utf-8")
    assert ingest(source)[0] == 0
    memo = Memo.objects.get(source_id=record_id)
    scan = corpus / "scans" / f"{record_id}.pdf"
    status, _out, err = run_command(
        "attach_pages", memo.slug, str(scan), no_progress=True, no_ocr=True
    )
    assert status == 0, err

    browser.get(live_server.url + memo.get_absolute_url())
    wait_for(browser, "document.querySelector('.page-viewer.is-enhanced')")
    wait_for(browser, "document.querySelector('.viewer-page:not([hidden]) img').naturalWidth > 0")
    screenshot(browser, "pages-04-corpus-scan.png")
    stage = browser.find_element("css selector", "[data-viewer-stage]")
    browser.execute_script("arguments[0].focus()", stage)
    for key in "+++":
        stage.send_keys(key)
    state = viewer_state(browser)
    assert state["zoom"] == "300%"
    wait_for(
        browser, "document.querySelector('.viewer-page:not([hidden]) img').naturalWidth >= 1682"
    )
    browser.execute_script(
        "const s = arguments[0];"
        "s.scrollLeft = s.scrollWidth * 0.2; s.scrollTop = s.scrollHeight * 0.1;",
        stage,
    )
    screenshot(browser, "pages-05-corpus-scan-zoom-300.png")
    assert severe_console_messages(browser) == []
