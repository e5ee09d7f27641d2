"""The memo page's NARA identification form and "How this record was read" in headless
Chromium, at 1400 and 400 pixels wide. Screenshots go to bench/out/screens/ (git-ignored)."""

import time

import pytest
from selenium.webdriver.common.by import By

from tests.browser import chromium
from tests.corpus_records import CHECKLIST, ingest_form_record
from tests.test_browser_reading import screenshot, wait_for

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.corpus,
    pytest.mark.django_db(transaction=True),
]


def test_form_and_how_read_fit_wide_and_narrow_screens(live_server, corpus, ingest, tmp_path):
    memo = ingest_form_record(ingest, corpus, tmp_path, CHECKLIST)
    with chromium(tmp_path, "1400,1000") as browser:
        browser.get(live_server.url + memo.get_absolute_url())
        wait_for(browser, "document.querySelector('#nara-form-heading')")
        heading = browser.find_element(By.ID, "nara-form-heading")
        assert heading.tag_name == "h2" and heading.is_displayed()
        summary = browser.find_element(By.CSS_SELECTOR, ".how-read > summary")
        summary.click()  # a disclosure: a button to the keyboard and to screen readers
        wait_for(browser, "document.querySelector('.how-read').open")
        listed = browser.find_element(By.CSS_SELECTOR, ".how-read-list")
        assert "TOP SECRET" in listed.text and listed.is_displayed()
        for width, name in ((1400, "wide"), (400, "narrow")):
            browser.set_window_size(width, 1000)
            time.sleep(0.2)
            overflow = browser.execute_script(
                "return document.documentElement.scrollWidth - window.innerWidth"
            )
            assert overflow <= 0, f"{overflow} px wider than a {width} px window"
            browser.execute_script("arguments[0].scrollIntoView()", heading)
            screenshot(browser, f"provenance-form-{name}.png")
            browser.execute_script("arguments[0].scrollIntoView()", listed)
            screenshot(browser, f"provenance-how-read-{name}.png")
