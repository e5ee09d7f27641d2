"""The curators' admin: list with filters, redactions inline, publishing, the thesaurus."""

import pytest

from archive.choices import Status
from archive.models import Memo, ThesaurusEntry
from tests.conftest import SEED, indexed_ids


@pytest.fixture
def staff(admin_client):
    return admin_client


def test_admin_needs_login(client, seed):
    response = client.get("/admin/archive/memo/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?status__exact=published",
        "?needs_review__exact=1",
        "?redacted=yes",
        "?redacted=no",
        "?classification__exact=unclassified",
        "?year=1984",
        "?year=abc",
        "?agency=Central+Intelligence+Agency",
        "?q=Japan",
        "?o=8",
    ],
)
def test_memo_list_with_filters(staff, seed, query):
    response = staff.get(f"/admin/archive/memo/{query}")
    assert response.status_code == 200
    if query in ("", "?redacted=yes", "?year=1984", "?q=Japan"):
        assert "EA M 84-10245" in response.content.decode()


def test_change_form_shows_redactions_inline(staff, seed):
    response = staff.get(f"/admin/archive/memo/{seed.pk}/change/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "redactions-TOTAL_FORMS" in page
    assert 'value="32"' in page


def test_publish_action_indexes(staff, ingest, django_capture_on_commit_callbacks):
    assert ingest(SEED, publish=False)[0] == 0
    memo = Memo.objects.get()
    assert indexed_ids() == set()
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(
            "/admin/archive/memo/", {"action": "publish", "_selected_action": [memo.pk]}
        )
    assert response.status_code == 302
    memo.refresh_from_db()
    assert memo.status == Status.PUBLISHED
    assert memo.published_at is not None
    assert indexed_ids() == {memo.pk}
    with django_capture_on_commit_callbacks(execute=True):
        staff.post("/admin/archive/memo/", {"action": "withdraw", "_selected_action": [memo.pk]})
    assert indexed_ids() == set()


def test_thesaurus_in_the_admin(staff):
    """The data migration's entries are listed; a curator adds one through the form."""
    listing = staff.get("/admin/archive/thesaurusentry/", {"q": "UNPROFOR"})
    assert listing.status_code == 200
    assert "United Nations Protection Force" in listing.content.decode()
    answer = staff.post(
        "/admin/archive/thesaurusentry/add/",
        {"term": "JMWAVE", "alternatives": "Miami station\nWAVE", "note": "", "active": "on"},
    )
    assert answer.status_code == 302
    assert ThesaurusEntry.objects.get(term="JMWAVE").forms() == ["JMWAVE", "Miami station", "WAVE"]
