"""Headless Debian Chromium for the browser tests: where it is, how it starts, screenshots."""

import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import REPO

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
# Screenshots for a person to look at (git-ignored).
SCREENS = REPO / "bench" / "out" / "screens"


@contextmanager
def chromium(tmp_path, window="1400,1000", console_log=True):
    """A Selenium driver of headless Chromium with a profile of its own; skips without one."""
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        pytest.skip(f"headless browser tests need {CHROMIUM} and {CHROMEDRIVER} (Debian chromium)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        # Without these Chromium keeps calling home, which this machine's network refuses.
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'chromium'}",
        f"--window-size={window}",
        "--force-device-scale-factor=1",
    ):
        options.add_argument(arg)
    if console_log:
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(tmp_path / "chromium", ignore_errors=True)
