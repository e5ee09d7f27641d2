"""The reader's report form, a cited version and the curators' memo lists in headless Chromium:
no serious or critical axe-core violation on the form (empty, and sent back with errors) nor on
a cited version's page, and the memo lists within 1400 px (no horizontal scroll) with the
longest values they show."""

import pytest
from django.contrib.auth.models import User

from archive.choices import TRACKED_FIELDS
from archive.identifiers import text_checksum
from archive.models import Memo
from tests.browser import SCREENS, chromium
from tests.test_browser_a11y import audit

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def crowded_memos(n=6):
    """Memos with the longest list values: titles, agencies, numbers, every field uncertain."""
    uncertain = dict.fromkeys(TRACKED_FIELDS, 0.3)
    for i in range(n):
        text = f"Memo {i} " + "word " * 50
        Memo.objects.create(
            slug=f"crowded-{i}",
            document_number=f"CIA-RDP85T00287R00130222000{i}-3 (DOCID-3210601{i})",
            title="Transmittal of a very long intercepted telegram about " * 3,
            agency="Senate Select Committee on Intelligence Activities (Church Committee)",
            office="Office of the Deputy Director for Plans, Western Hemisphere Division",
            text=text,
            checksum=text_checksum(text),
            field_confidence=uncertain,
        )


def test_report_form_is_accessible_and_the_memo_list_fits_1400(live_server, seed, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    crowded_memos()
    User.objects.create_superuser("curator", password="curator-pass-1")
    report = f"{live_server.url}/memos/{seed.slug}/report/"
    cited = seed.history.latest().history_id
    seed.title = "Japan: Trade Relations with the USSR"
    seed.save()
    version = f"{live_server.url}/memos/{seed.slug}/v/{cited}/"
    with chromium(tmp_path, "1400,1000") as driver:
        found = {}
        found["version"] = audit(driver, version)
        assert "corrected since the version you cited" in driver.page_source
        found["form"] = audit(driver, report)
        driver.find_element(By.ID, "id_email").send_keys("not an address")
        driver.find_element(By.CSS_SELECTOR, ".report-form button[type=submit]").click()
        # The form comes back from the server: wait for it (a click does not wait for a page).
        WebDriverWait(driver, 30).until(lambda d: "Please say what is wrong." in d.page_source)
        found["errors"] = audit(driver)  # the form as sent back, its errors shown
        driver.set_window_size(400, 1000)
        found["form at 400 px"] = audit(driver, report)
        assert not any(found.values()), found
        driver.set_window_size(1400, 1000)
        driver.get(live_server.url + "/admin/login/")
        driver.find_element("name", "username").send_keys("curator")
        driver.find_element("name", "password").send_keys("curator-pass-1\n")
        # The login answers with a redirect to the admin's index: wait for it, or the next
        # address asked for can be overtaken by it on a busy machine.
        WebDriverWait(driver, 30).until(lambda d: "/admin/login/" not in d.current_url)
        for path in ("/admin/archive/memo/", "/admin/archive/memoforreview/"):
            driver.get(live_server.url + path)
            assert "crowded" in driver.page_source or "CIA-RDP85" in driver.page_source
            # The page does not scroll sideways, nor does the table within its box.
            inner, scroll, box, table = driver.execute_script(
                "const r = document.querySelector('#changelist .results');"
                "return [window.innerWidth, document.documentElement.scrollWidth,"
                " r.clientWidth, r.scrollWidth]"
            )
            SCREENS.mkdir(parents=True, exist_ok=True)
            driver.save_screenshot(str(SCREENS / f"admin-list-{path.split('/')[-2]}-1400.png"))
            assert scroll <= inner, f"{path}: {scroll}px wide in a {inner}px window"
            assert table <= box, f"{path}: a table {table}px wide in a {box}px box"
