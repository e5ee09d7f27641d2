"""Accessibility audit in headless Chromium with axe-core (4.4, bundled by axe-core-python): no
serious or critical violation on the pages readers and curators use, at 1400 and 400 px."""

import json
from pathlib import Path

import pytest
from django.contrib.auth.models import User

from archive.ingest.images import store_pages
from archive.models import Memo, ReleaseGroup
from tests.browser import chromium
from tests.test_browser_pages import typed_pages

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

axe_package = pytest.importorskip("axe_core_python")
AXE_JS = Path(axe_package.__file__).parent / "axe.min.js"
SERIOUS = {"serious", "critical"}


def audit(driver, url=None):
    """axe-core's violations of the page at url (None: the page open) that are serious or
    critical."""
    if url is not None:
        driver.get(url)
    driver.execute_script(AXE_JS.read_text(encoding="utf-8"))
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']})"
        ".then(r => done(JSON.stringify(r.violations)), e => done(JSON.stringify(String(e))));"
    )
    violations = json.loads(result)
    assert isinstance(violations, list), violations  # axe itself failed
    return [
        (
            v["id"],
            v["impact"],
            [n["target"] for n in v["nodes"]][:3],
            v["nodes"][0].get("failureSummary", "")[:300],
        )
        for v in violations
        if v["impact"] in SERIOUS
    ]


def an_earlier_release(seed, ingest, tmp_path):
    """An earlier, more redacted release of the seed memo, grouped with it."""
    path = tmp_path / "earlier.jsonl"
    text = seed.text.replace("Prime Minister Nakasone", "[Redacted]", 1)
    line = {"id": "rel-1998", "doc_number": "EA M 84-10245 (1998 release)", "title": seed.title,
            "date": "1984-12-28", "release_date": "1998-05-01", "text": text}  # fmt: skip
    path.write_text(json.dumps(line) + "\n")
    assert ingest(path)[0] == 0
    group = ReleaseGroup.objects.create(label="EA M 84-10245")
    Memo.objects.filter(pk=seed.pk).update(release_group=group, release_date="2012-09-01")
    earlier = Memo.objects.get(source_id="rel-1998")
    Memo.objects.filter(pk=earlier.pk).update(release_group=group)
    return earlier


def test_pages_have_no_serious_accessibility_violations(
    live_server, seed, ingest, tmp_path, client
):
    earlier = an_earlier_release(seed, ingest, tmp_path)
    entity = seed.mentions.select_related("entity").first().entity
    public = [
        "/",
        "/search/?q=japan",
        "/search/?q=japan&sort=date_desc&collection=nothing-such",
        "/search/?q=japan+soviet+fishing+treaty",  # with memos missing one word, and the note
        "/search/?q=nsc+japan+fishing&strict=1",  # thesaurus alternatives, strict
        f"/memos/{earlier.slug}/",  # no page images
        f"/memos/{seed.slug}/compare/{earlier.slug}/",
        "/entities/",
        entity.get_absolute_url(),
    ]
    store_pages(seed, typed_pages(seed, count=2))
    public.append(f"/memos/{seed.slug}/?q=japan")  # with page images and hits
    found = {}
    # Every page wide; on a phone's width the pages whose layout changes most.
    narrow = {"/", "/search/?q=japan", f"/memos/{seed.slug}/?q=japan"}
    with chromium(tmp_path, "1400,1000") as driver:
        for width in (1400, 400):
            driver.set_window_size(width, 1000)
            for path in public if width == 1400 else [p for p in public if p in narrow]:
                violations = audit(driver, live_server.url + path)
                if violations:
                    found[(width, path)] = violations
        # The curators' review form in the admin.
        User.objects.create_superuser("curator", password="curator-pass-1")
        driver.set_window_size(1400, 1000)
        driver.get(live_server.url + "/admin/login/")
        driver.find_element("name", "username").send_keys("curator")
        driver.find_element("name", "password").send_keys("curator-pass-1\n")
        Memo.objects.filter(pk=earlier.pk).update(needs_review=True)
        for path in (f"/admin/archive/memo/{earlier.pk}/change/", "/admin/archive/memo/"):
            violations = audit(driver, live_server.url + path)
            if violations:
                found[(1400, path)] = violations
    assert not found, "\n".join(f"{key}: {value}" for key, value in found.items())
