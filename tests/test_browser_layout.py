"""Where things stand on the memo page and the home page in headless Chromium, at a laptop's
1400×1000 and a phone's 400×800: the text and the page images above the fold, one column grid.

Screenshots go to bench/out/screens/ (git-ignored) for a person to look at.
"""

import pytest

from archive.ingest.images import store_pages
from tests.browser import SCREENS, chromium
from tests.test_browser_pages import typed_pages, wait_for

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

LAPTOP = (1400, 1000)
PHONE = (400, 800)

MEASURE = """
const top = el => el ? Math.round(el.getBoundingClientRect().top + window.scrollY) : null;
const left = el => el ? Math.round(el.getBoundingClientRect().left) : null;
const q = s => document.querySelector(s);
return {
  title: top(q('h1')), titleLeft: left(q('h1')),
  back: top(q('.breadcrumbs a')), backLeft: left(q('.breadcrumbs a')),
  brandLeft: left(q('.brand')),
  text: top(q('#memo-text')), textLeft: left(q('#memo-text')),
  viewer: top(q('#page-viewer')), viewerLeft: left(q('#page-viewer')),
  stage: top(q('[data-viewer-stage]')),
  width: document.documentElement.scrollWidth, viewport: document.documentElement.clientWidth,
};
"""


def viewport(driver, size):
    """Make the window's inner size (what the page gets) exactly size: the window's own size
    counts its frame, even headless."""
    driver.set_window_size(*size)
    inner = driver.execute_script("return [window.innerWidth, window.innerHeight]")
    if inner != list(size):
        driver.set_window_size(2 * size[0] - inner[0], 2 * size[1] - inner[1])


def measure(driver, url, size, name):
    """Positions on the page at url seen at size (width, height); a screenshot saved as name."""
    viewport(driver, size)
    driver.get(url)
    if driver.execute_script("return !!document.querySelector('[data-page-viewer]')"):
        wait_for(driver, "document.querySelector('.page-viewer.is-enhanced')")
    SCREENS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(SCREENS / name))
    return driver.execute_script(MEASURE)


def test_memo_page_puts_the_text_and_pages_above_the_fold(live_server, seed, tmp_path):
    url = live_server.url + seed.get_absolute_url()
    found = {}
    with chromium(tmp_path, "1400,1000") as driver:
        found["laptop"] = measure(driver, url, LAPTOP, "layout-memo-1400.png")
        # "All details" opens in place across the column, the tools moving under it.
        driver.find_element("css selector", ".memo-details > summary").click()
        details = driver.find_element("css selector", ".details-list")
        assert details.is_displayed() and details.size["width"] > 1000, details.size
        driver.save_screenshot(str(SCREENS / "layout-memo-1400-details.png"))
        found["phone"] = measure(driver, url, PHONE, "layout-memo-400.png")
        driver.find_element("css selector", ".memo-details > summary").click()
        wide = driver.execute_script("return document.documentElement.scrollWidth")
        assert wide <= found["phone"]["viewport"], wide  # the details fit a phone too
        driver.save_screenshot(str(SCREENS / "layout-memo-400-details.png"))
        driver.find_element("css selector", ".memo-details > summary").click()
        # On the phone the summary is cut short, with a button that shows it whole.
        summary = driver.find_element("css selector", "#summary-text")
        short = summary.size["height"]
        driver.find_element("css selector", "[data-summary-more]").click()
        assert summary.size["height"] > short + 40, (short, summary.size)
        store_pages(seed, typed_pages(seed, count=2))
        found["laptop pages"] = measure(driver, url, LAPTOP, "layout-memo-pages-1400.png")
        driver.execute_script("document.querySelector('.memo-aside').scrollIntoView()")
        driver.save_screenshot(str(SCREENS / "layout-memo-pages-1400-aside.png"))
        found["phone pages"] = measure(driver, url, PHONE, "layout-memo-pages-400.png")
    print(found)
    for key, at in found.items():
        assert at["width"] <= at["viewport"], (key, at)  # nothing wider than the window
    laptop, phone = found["laptop"], found["phone"]
    assert laptop["text"] < 600, laptop
    assert phone["text"] - phone["title"] < 800, phone
    pages = found["laptop pages"]
    assert pages["text"] < 650 and pages["viewer"] < 650, pages
    assert abs(pages["text"] - pages["viewer"]) < 100, pages  # side by side
    assert pages["viewerLeft"] > pages["textLeft"] + 300, pages
    assert pages["stage"] < 700, pages  # the page image itself shows, not only its heading
    for at in (laptop, pages):
        # One column grid: the brand, the back link and the title share a left edge.
        assert at["backLeft"] == at["titleLeft"] == at["brandLeft"], at
    assert found["phone pages"]["text"] - found["phone pages"]["title"] < 800, found


HOME = """
const q = s => document.querySelector(s);
const top = el => el ? Math.round(el.getBoundingClientRect().top + window.scrollY) : null;
const shown = el => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
return {
  boxes: [...document.querySelectorAll('input[type=search]')].filter(shown).length,
  search: top(q('main input[type=search]')),
  holdings: top(q('#holdings-heading')), recent: top(q('#added-heading')),
  width: document.documentElement.scrollWidth, viewport: document.documentElement.clientWidth,
};
"""


def test_home_page_has_one_search_box_and_the_holdings_in_sight(live_server, seed, tmp_path):
    found = {}
    with chromium(tmp_path, "1400,1000") as driver:
        for name, size in (("laptop", LAPTOP), ("phone", PHONE)):
            measure(driver, live_server.url + "/", size, f"layout-home-{size[0]}.png")
            found[name] = driver.execute_script(HOME)
    print(found)
    for key, at in found.items():
        assert at["boxes"] == 1, (key, at)
        assert at["width"] <= at["viewport"], (key, at)
    assert found["laptop"]["search"] < 200 and found["laptop"]["holdings"] < 700, found
    assert found["phone"]["search"] < 250, found


ENTITY_COLUMNS = """
const items = [...document.querySelectorAll('.entity-list li')];
const start = Number(document.querySelector('.entity-list').getAttribute('start') || 1);
const probe = document.createElement('span');
probe.style.cssText = 'position:absolute;visibility:hidden;white-space:pre';
items[0].appendChild(probe);
const columns = new Map();
items.forEach((li, i) => {
  const box = li.getBoundingClientRect();
  probe.textContent = `${start + i}. `;  // the item's number as its marker writes it
  const left = Math.round(box.left);
  if (!columns.has(left)) columns.set(left, []);
  columns.get(left).push({markerLeft: box.left - probe.getBoundingClientRect().width,
                          right: box.right});
});
probe.remove();
return [...columns.keys()].sort((a, b) => a - b).map(k => columns.get(k));
"""


def test_other_pages_keep_the_grid_and_the_entity_list_its_columns(live_server, seed, tmp_path):
    from django.core.cache import cache

    from archive.models import Entity, Mention

    # Long names with three-figure numbers: the case where a column's numbers ran into the
    # names and counts of the column before it.
    for n in range(120):
        entity = Entity.objects.create(
            name=f"Permanent Council of the Organisation of American States {n}",
            kind="organization",
            slug=f"permanent-council-{n}",
        )
        Mention.objects.create(memo=seed, entity=entity, start=0, end=5, text="Permanent")
    cache.clear()  # the list's counts are cached per archive state
    urls = {
        "entities": "/entities/?page=2",
        "search": "/search/?q=japan",
        "entity": "/entities/permanent-council-7/",
    }
    with chromium(tmp_path, "1400,1000") as driver:
        found = {
            name: measure(driver, live_server.url + url, LAPTOP, f"layout-{name}-1400.png")
            for name, url in urls.items()
        }
        driver.get(live_server.url + urls["entities"])
        columns = driver.execute_script(ENTITY_COLUMNS)
        phone = measure(
            driver, live_server.url + urls["entities"], PHONE, "layout-entities-400.png"
        )
    print(found, phone)
    for name, at in found.items():
        assert at["titleLeft"] == at["brandLeft"], (name, at)  # one column grid
        assert at["width"] <= at["viewport"], (name, at)
    assert phone["width"] <= phone["viewport"], phone
    assert len(columns) == 3, columns
    for before, after in zip(columns, columns[1:], strict=False):
        # Every number stands in its own column, clear of the column before.
        edge = max(item["right"] for item in before)
        assert min(item["markerLeft"] for item in after) >= edge, (edge, after[:3])
