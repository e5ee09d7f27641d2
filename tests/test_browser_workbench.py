"""The curators' workbench in headless Chromium: log in, upload, review, move, audit.

Screenshots go to bench/out/screens/ (git-ignored) for a person to look at.
"""

import pytest
from django.contrib.auth.models import Group, User

from archive.models import Job, JobStatus, Memo
from tests.browser import SCREENS, chromium
from tests.conftest import SEED

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser(tmp_path):
    with chromium(tmp_path, "1300,1000", console_log=False) as driver:
        yield driver


def shot(driver, name):
    SCREENS.mkdir(parents=True, exist_ok=True)
    height = driver.execute_script("return document.body.scrollHeight")
    driver.set_window_size(1300, min(max(height, 800), 3000))
    driver.save_screenshot(str(SCREENS / f"workbench-{name}.png"))
    driver.set_window_size(1300, 1000)


def wait_for(driver, text, timeout=30):
    """Wait until the page shows this text (a click's page load is not awaited by Selenium)."""
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, timeout).until(lambda d: text in d.page_source)


def log_in(driver, live_server, username):
    from selenium.webdriver.common.by import By

    driver.get(live_server.url + "/admin/login/")
    driver.find_element(By.ID, "id_username").send_keys(username)
    driver.find_element(By.ID, "id_password").send_keys("pw")
    driver.find_element(By.CSS_SELECTOR, "input[type=submit]").click()
    wait_for(driver, "Site administration")


def test_curator_uploads_and_submits_reviewer_approves_and_publishes(
    browser, live_server, ingest, corpus, tmp_path, settings
):
    from selenium.webdriver.common.by import By

    settings.ARCHIVE_JOBS_MODE = "inline"
    curator = User.objects.create_user("curator", password="pw", is_staff=True)
    curator.groups.add(Group.objects.get(name="Curator"))
    reviewer = User.objects.create_user("reviewer", password="pw", is_staff=True)
    reviewer.groups.add(Group.objects.get(name="Reviewer"))
    lines = (corpus / "memos.jsonl").read_text().splitlines()
    (tmp_path / "some.jsonl").write_text("\n".join(lines[::60]) + "\n")
    assert ingest(tmp_path / "some.jsonl", publish=False)[0] == 0

    # A curator uploads a text: the job runs and the memo is a draft.
    log_in(browser, live_server, "curator")
    browser.get(live_server.url + "/admin/archive/job/add/")
    browser.find_element(By.ID, "id_files").send_keys(str(SEED))
    shot(browser, "upload")
    browser.find_element(By.CSS_SELECTOR, "input[type=submit]").click()
    wait_for(browser, "View job")
    assert "Done" in browser.page_source
    shot(browser, "job-done")
    memo = Job.objects.get().memo
    assert memo.status == "draft"

    # A broken upload fails with its reason.
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.4 this is not a real PDF")
    browser.get(live_server.url + "/admin/archive/job/add/")
    browser.find_element(By.ID, "id_files").send_keys(str(bad))
    browser.find_element(By.CSS_SELECTOR, "input[type=submit]").click()
    wait_for(browser, "not a readable PDF")
    shot(browser, "upload-refused")

    # The curator opens the memo, sees the workflow panel and submits it for review.
    browser.get(live_server.url + f"/admin/archive/memo/{memo.pk}/change/")
    assert "Submit for review" in browser.page_source
    assert ">Publish<" not in browser.page_source
    shot(browser, "memo-curator")
    browser.find_element(By.ID, "workflow-comment").send_keys("OCR checked against the scan")
    browser.find_element(By.CSS_SELECTOR, "button[value=review]").click()
    wait_for(browser, "Workflow: In review")
    memo.refresh_from_db()
    assert memo.status == "review"

    # The reviewer works through the queue, approves a memo's fields and publishes the upload.
    browser.delete_all_cookies()
    log_in(browser, live_server, "reviewer")
    browser.get(live_server.url + "/admin/archive/memoforreview/")
    assert "uncertain" in browser.page_source.lower()
    shot(browser, "review-queue")
    uncertain = Memo.objects.filter(needs_review=True).first()
    browser.get(live_server.url + f"/admin/archive/memo/{uncertain.pk}/change/")
    assert browser.find_elements(By.CSS_SELECTOR, ".uncertain")
    shot(browser, "memo-uncertain")
    browser.find_element(By.XPATH, "//button[contains(., 'Approve the reviewed fields')]").click()
    wait_for(browser, "Approved:")
    uncertain.refresh_from_db()
    assert not uncertain.needs_review

    browser.get(live_server.url + f"/admin/archive/memo/{memo.pk}/change/")
    browser.find_element(By.CSS_SELECTOR, "button[value=published]").click()
    wait_for(browser, "Workflow: Published")
    memo.refresh_from_db()
    assert memo.status == "published"
    shot(browser, "memo-published")
    browser.get(live_server.url + f"/admin/archive/memo/{memo.pk}/audit/")
    assert "reviewer" in browser.page_source
    shot(browser, "audit")
    assert Job.objects.filter(status=JobStatus.DONE).count() == 1
