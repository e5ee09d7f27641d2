"""The memo page in headless Chromium: keyboard to a redaction and read its explanation, notes
beside their passages, the Cite box, print and narrow layouts, the comparison of releases.

Screenshots go to bench/out/screens/ (git-ignored) for a person to look at.
"""

import json
import re
import time

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from archive.models import Memo, Note, ReleaseGroup, Visibility
from tests.browser import SCREENS, chromium

SEED_PATH = "/memos/ea-m-84-10245/"

# Each test starts Chromium and a live server: a few seconds, hence "slow" (CI runs them).
pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser(tmp_path):
    with chromium(tmp_path, "1400,1000") as driver:
        yield driver


def screenshot(driver, name):
    SCREENS.mkdir(parents=True, exist_ok=True)
    path = SCREENS / name
    driver.save_screenshot(str(path))
    return path


def wait_for(driver, script, timeout=10):
    """Wait until a JavaScript expression is truthy; return its value."""
    deadline = time.monotonic() + timeout
    while True:
        value = driver.execute_script(f"return ({script});")
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for: {script}")
        time.sleep(0.05)


def script_errors(driver):
    """Errors the page logged."""
    return [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def tooltip(driver, element):
    """(visibility, text) of the CSS tooltip drawn after a redaction block."""
    style = driver.execute_script(
        "const s = getComputedStyle(arguments[0], '::after');return [s.visibility, s.content];",
        element,
    )
    return style[0], css_string(style[1])


def css_string(value):
    """The text of a computed CSS string value ("a\\a b" -> "a\nb")."""
    if not value.startswith('"'):
        return value
    text = value[1:-1]
    text = re.sub(r"\\([0-9a-fA-F]{1,6}) ?", lambda m: chr(int(m.group(1), 16)), text)
    return re.sub(r"\\(.)", r"\1", text)


def test_keyboard_reaches_a_redaction_and_reads_its_explanation(browser, live_server, seed):
    browser.get(live_server.url + SEED_PATH)
    wait_for(browser, "document.querySelector('.redaction')")
    # Tab through the page from its start until a redaction block has the focus.
    keys = ActionChains(browser)
    for _ in range(150):
        keys.send_keys(Keys.TAB).perform()
        active = browser.switch_to.active_element
        if (active.get_attribute("class") or "").startswith("redaction redaction-"):
            break
    else:
        raise AssertionError("no redaction block reached with the Tab key")
    assert active.get_attribute("aria-label") == "Withheld passage, exemption 25X1"
    time.sleep(0.3)  # the tooltip fades in
    visibility, text = tooltip(browser, active)
    assert visibility == "visible"
    assert "25X1: Withheld: would expose an intelligence source" in text
    assert "Legal source: EO 13526 §3.3(b)(1)." in text
    described = active.get_attribute("aria-describedby")
    # The legend it points to is folded away; a screen reader reads a description from a
    # hidden element all the same (accessible name computation), so its text is what counts.
    explanation = browser.find_element(By.ID, described).get_attribute("textContent")
    assert "would expose an intelligence source" in explanation
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", active)
    screenshot(browser, "reading-redaction-focus.png")
    active.send_keys(Keys.ESCAPE)
    time.sleep(0.3)
    assert tooltip(browser, active)[0] == "hidden"
    assert script_errors(browser) == []


def test_notes_stand_beside_their_passages_and_the_cite_box_opens(browser, live_server, seed):
    passage = "Soviet Foreign Minister Gromyko"
    start = seed.text.index(passage)
    Note.objects.create(
        memo=seed,
        body="Andrei Gromyko, **Soviet Foreign Minister** 1957–85. See [FRUS](https://history.state.gov/).",
        visibility=Visibility.PUBLIC,
        start=start,
        end=start + len(passage),
        quote=passage,
    )
    later = seed.text.index("COCOM regulations")
    Note.objects.create(
        memo=seed,
        body="The Coordinating Committee for Multilateral Export Controls.",
        visibility=Visibility.PUBLIC,
        start=later,
        end=later + len("COCOM regulations"),
        quote="COCOM regulations",
    )
    browser.get(live_server.url + SEED_PATH)
    wait_for(browser, "document.fonts.status === 'loaded'")
    time.sleep(0.3)
    offsets = browser.execute_script(
        "return Array.from(document.querySelectorAll('[data-note-list] li')).map(n => {"
        "  const a = document.querySelector(`.note-anchor[data-note='${n.dataset.note}']`);"
        "  return [n.getBoundingClientRect().top, a.getBoundingClientRect().top,"
        "          n.getBoundingClientRect().left, a.getBoundingClientRect().right];});"
    )
    assert len(offsets) == 2
    for note_top, anchor_top, note_left, anchor_right in offsets:
        assert abs(note_top - anchor_top) < 40  # level with its passage
        assert note_left > anchor_right - 1  # in the margin, right of the text
    anchor = browser.find_element(By.CSS_SELECTOR, ".note-anchor[data-note='1']")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", anchor)
    screenshot(browser, "reading-notes.png")

    browser.execute_script("window.scrollTo(0, 0)")
    browser.find_element(By.CSS_SELECTOR, ".cite-box > summary").click()
    chicago = browser.find_element(By.ID, "cite-chicago").text
    assert chicago.startswith("Central Intelligence Agency, Office of East Asian Analysis")
    copy = browser.find_element(By.CSS_SELECTOR, "[data-copy='cite-chicago']")
    assert copy.is_displayed()
    copy.click()
    wait_for(browser, "document.querySelector('[data-copy-status]').textContent.length > 0")
    screenshot(browser, "reading-cite-box.png")
    assert script_errors(browser) == []

    browser.get(live_server.url + "/entities/andrei-gromyko/")
    bars = browser.find_elements(By.CSS_SELECTOR, ".entity-timeline rect.bar")
    assert len(bars) == 1 and bars[0].size["height"] > 50
    screenshot(browser, "reading-entity.png")


def test_print_and_narrow_layouts(browser, live_server, seed):
    browser.get(live_server.url + SEED_PATH)
    wait_for(browser, "document.querySelector('.memo-text')")
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    hidden = browser.execute_script(
        "return ['.site-header', '.memo-tools', '.breadcrumbs'].map("
        "  s => getComputedStyle(document.querySelector(s)).display);"
    )
    assert hidden == ["none", "none", "none"]
    block = browser.find_element(By.CSS_SELECTOR, ".redaction-exemption_code")
    assert (
        browser.execute_script("return getComputedStyle(arguments[0]).backgroundColor", block)
        == "rgb(255, 255, 255)"
    )
    assert (
        browser.execute_script(
            "return getComputedStyle(document.querySelector('.print-only')).display"
        )
        == "block"
    )
    screenshot(browser, "reading-print.png")
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    browser.set_window_size(420, 900)
    time.sleep(0.2)
    width = browser.execute_script("return document.documentElement.scrollWidth")
    assert width <= 425  # nothing wider than the phone's screen
    screenshot(browser, "reading-narrow.png")


def test_compare_releases_in_the_browser(browser, live_server, seed, ingest, tmp_path):
    text = seed.text
    passage = (
        "Foreign Minister Abe has said that that decision is up to the industry and the "
        "government cannot intervene."
    )
    earlier = text.replace(passage, "[Redacted]\n\n25X1\n", 1).replace(
        "Prime Minister Nakasone", "[Redacted]", 1
    )
    path = tmp_path / "earlier.jsonl"
    line = {
        "id": "rel-1998",
        "doc_number": "EA M 84-10245 (1998 release)",
        "title": seed.title,
        "date": "1984-12-28",
        "release_date": "1998-05-01",
        "text": earlier,
    }
    path.write_text(json.dumps(line) + "\n")
    assert ingest(path)[0] == 0
    group = ReleaseGroup.objects.create(label="EA M 84-10245")
    Memo.objects.filter(pk=seed.pk).update(release_group=group, release_date="2012-09-01")
    old = Memo.objects.get(source_id="rel-1998")
    Memo.objects.filter(pk=old.pk).update(release_group=group)
    browser.get(f"{live_server.url}/memos/{seed.slug}/compare/{old.slug}/")
    revealed = browser.find_elements(By.CSS_SELECTOR, ".compare-side ins.diff-revealed")
    assert [r.text for r in revealed] == ["Prime Minister Nakasone", passage]
    screenshot(browser, "reading-compare-summary.png")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", revealed[1])
    screenshot(browser, "reading-compare.png")
    assert script_errors(browser) == []


def test_curator_selects_a_passage_to_note(browser, live_server, seed, django_user_model):
    django_user_model.objects.create_superuser("curator", "c@example.org", "a long test password")
    browser.get(live_server.url + "/admin/login/?next=" + SEED_PATH)
    browser.find_element(By.ID, "id_username").send_keys("curator")
    browser.find_element(By.ID, "id_password").send_keys("a long test password", Keys.ENTER)
    wait_for(browser, "document.querySelector('[data-note-new]')")
    passage = "Japan-USSR Joint Economic Committee"
    # Select the passage as a reader would, across the link that marks the committee's name.
    browser.execute_script(
        "const name = document.querySelector("
        "  '[data-memo-text] a[data-entity=\"japan-ussr-joint-economic-committee\"]');"
        "const before = name.previousSibling;"  # the text node ending in "of the "
        "const range = document.createRange();"
        "range.setStart(before, before.textContent.length - 4);"
        "range.setEndAfter(name);"
        "const selection = window.getSelection(); selection.removeAllRanges();"
        "selection.addRange(range);"
    )
    href = wait_for(
        browser,
        "document.querySelector('[data-note-new]').href.includes('start=') && "
        "document.querySelector('[data-note-new]').href",
    )
    start = int(re.search(r"start=(\d+)", href).group(1))
    end = int(re.search(r"end=(\d+)", href).group(1))
    assert seed.text[start:end] == "the " + passage
    screenshot(browser, "reading-curator-selection.png")
    assert script_errors(browser) == []
