"""The memo's IIIF manifest and Content Search opened in a real IIIF viewer: Mirador 4, in
headless Chromium. Mirador reads Content Search 1.0 only, which the manifest names beside 2.0.

Mirador is not shipped with the archive: `./.ci/install dev` fetches its release bundle from the
npm registry into .venv/share/mirador/. The viewer's page is a file of the test's own, loading
the manifest from the live server across origins, as a viewer elsewhere would.
"""

import json

import pytest
from selenium.webdriver.common.keys import Keys

from tests.browser import SCREENS, chromium
from tests.conftest import REPO
from tests.test_browser_page_hits import typed_with_words
from tests.test_browser_pages import wait_for

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

MIRADOR = REPO / ".venv" / "share" / "mirador" / "mirador.min.js"
SEARCH_TAB = "[role=tab][aria-label=Search]"
INPUT = "input[id^=search-cw]"
# The search panel: the companion window holding the search box.
PANEL = f"document.querySelector('{INPUT}').closest('[class*=CompanionWindow-root]')"
# React 19 warns about Mirador's own code; nothing of ours.
KNOWN = ("Accessing element.ref was removed in React 19",)


def test_mirador_opens_the_manifest_and_finds_a_word_on_its_page(
    client, live_server, seed, tmp_path
):
    if not MIRADOR.exists():
        pytest.skip(f"needs Mirador at {MIRADOR}: run ./.ci/install dev")
    typed_with_words(seed)
    # What the viewer should show: the archive's own Content Search 1.0 answer.
    answer = json.loads(client.get(f"/iiif/{seed.slug}/search/1?q=nakasone").content)
    [hit] = answer["hits"]
    [resource] = answer["resources"]
    page_number = int(resource["on"].split("#")[0].rsplit("/", 1)[1])
    manifest = f"{live_server.url}/iiif/{seed.slug}/manifest.json"
    page = tmp_path / "mirador.html"
    page.write_text(
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Mirador</title>"
        "</head><body><div id='viewer' style='position:absolute;inset:0'></div>"
        f"<script src='{MIRADOR.as_uri()}'></script>"
        "<script>Mirador.viewer({id: 'viewer', windows: [{manifestId: "
        f"{json.dumps(manifest)}, sideBarOpen: true}}]}});</script></body></html>"
    )
    with chromium(tmp_path, "1400,1000") as driver:
        driver.get(page.as_uri())
        # The manifest read: its title, and a Search tab because it names a search service.
        wait_for(driver, f"document.querySelector('{SEARCH_TAB}')", timeout=30)
        assert seed.title in driver.execute_script("return document.body.innerText")
        driver.find_element("css selector", SEARCH_TAB).click()
        wait_for(driver, f"document.querySelector('{INPUT}')")
        box = driver.find_element("css selector", INPUT)
        box.send_keys("nakasone" + Keys.ENTER)
        # The hit listed with the text around it, and the viewer turned to its page.
        wait_for(driver, f"{PANEL}.innerText.includes('1 of 1')", timeout=20)
        listed = driver.execute_script(f"return {PANEL}.innerText")
        assert f"Page {page_number}" in listed
        assert f"{hit['before'].split()[-1]} Nakasone {hit['after'].split()[0]}" in listed
        wait_for(driver, f"document.body.innerText.includes('• Page {page_number}')")
        SCREENS.mkdir(parents=True, exist_ok=True)
        driver.save_screenshot(str(SCREENS / "mirador-search-1400.png"))
        errors = [
            entry["message"]
            for entry in driver.get_log("browser")
            if entry["level"] == "SEVERE" and not any(known in entry["message"] for known in KNOWN)
        ]
    assert errors == []
