"""The publishing workflow: roles and their permissions, moves with who and when, withdrawal
from every public surface."""

import contextlib
import io
import json

import pytest
from django.contrib.auth.models import Group, User
from django.urls import NoReverseMatch, reverse
from PIL import Image

from archive.choices import Status
from archive.curation import workflow
from archive.models import Memo, StatusChange
from tests.conftest import SEED, indexed_ids


def make_user(name, group=None, superuser=False):
    user = User.objects.create_user(name, password="pw", is_staff=True, is_superuser=superuser)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return User.objects.get(pk=user.pk)  # fresh: no cached permissions


@pytest.fixture
def curator(db):
    return make_user("curator", "Curator")


@pytest.fixture
def reviewer(db):
    return make_user("reviewer", "Reviewer")


@pytest.fixture
def administrator(db):
    return make_user("administrator", "Administrator")


@pytest.fixture
def draft(ingest):
    status, _out, err = ingest(SEED, publish=False)
    assert status == 0, err
    return Memo.objects.get()


def test_groups_exist_with_their_permissions(db):
    perms = {
        group.name: {p.codename for p in group.permissions.all()} for group in Group.objects.all()
    }
    assert {"Curator", "Reviewer", "Administrator"} <= perms.keys()
    assert {"change_memo", "submit_memo", "add_note", "add_job"} <= perms["Curator"]
    assert not {"publish_memo", "withdraw_memo", "review_memo", "delete_memo"} & perms["Curator"]
    assert {"publish_memo", "withdraw_memo", "review_memo", "merge_memo"} <= perms["Reviewer"]
    assert "delete_memo" not in perms["Reviewer"]
    assert {"delete_memo", "add_user", "change_group"} <= perms["Administrator"]


# (role, from status, to status, allowed)
MATRIX = [
    ("curator", Status.DRAFT, Status.IN_REVIEW, True),
    ("curator", Status.IN_REVIEW, Status.PUBLISHED, False),
    ("curator", Status.DRAFT, Status.PUBLISHED, False),
    ("curator", Status.PUBLISHED, Status.WITHDRAWN, False),
    ("curator", Status.IN_REVIEW, Status.DRAFT, False),
    ("reviewer", Status.DRAFT, Status.IN_REVIEW, True),
    ("reviewer", Status.IN_REVIEW, Status.PUBLISHED, True),
    ("reviewer", Status.IN_REVIEW, Status.DRAFT, True),
    ("reviewer", Status.PUBLISHED, Status.WITHDRAWN, True),
    ("reviewer", Status.WITHDRAWN, Status.PUBLISHED, True),
    ("reviewer", Status.DRAFT, Status.WITHDRAWN, False),  # no such move
    ("reviewer", Status.PUBLISHED, Status.DRAFT, False),  # withdraw first
    ("administrator", Status.IN_REVIEW, Status.PUBLISHED, True),
]


@pytest.mark.parametrize(("role", "start", "target", "allowed"), MATRIX)
def test_permission_matrix(request, draft, role, start, target, allowed):
    user = request.getfixturevalue(role)
    Memo.objects.filter(pk=draft.pk).update(status=start)
    outcome = workflow.move([draft], target, user, comment="matrix")
    draft.refresh_from_db()
    if allowed:
        assert outcome.moved and draft.status == target
        change = StatusChange.objects.get(memo=draft)
        assert (change.from_status, change.to_status, change.user) == (start, target, user)
        assert change.comment == "matrix" and change.at is not None
    else:
        assert not outcome.moved and draft.status == start
        assert not StatusChange.objects.exists()


def test_curator_cannot_publish_through_the_admin(client, curator, draft):
    client.force_login(curator)
    page = client.get("/admin/archive/memo/").content.decode()
    assert 'value="submit_for_review"' in page
    assert 'value="publish"' not in page and 'value="withdraw"' not in page
    response = client.post(
        "/admin/archive/memo/", {"action": "publish", "_selected_action": [draft.pk]}
    )
    assert response.status_code in (200, 302)
    response = client.post(f"/admin/archive/memo/{draft.pk}/workflow/", {"to": "published"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    assert indexed_ids() == set()


def test_status_is_not_editable_in_the_form(client, curator, draft):
    client.force_login(curator)
    page = client.get(f"/admin/archive/memo/{draft.pk}/change/").content.decode()
    assert 'name="status"' not in page
    assert "Submit for review" in page and ">Publish<" not in page


def test_curator_submits_reviewer_publishes(
    client, curator, reviewer, draft, django_capture_on_commit_callbacks
):
    client.force_login(curator)
    response = client.post(
        f"/admin/archive/memo/{draft.pk}/workflow/", {"to": "review", "comment": "ready"}
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.IN_REVIEW
    client.force_login(reviewer)
    page = client.get(f"/admin/archive/memo/{draft.pk}/change/").content.decode()
    assert ">Publish<" in page and "ready" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/archive/memo/{draft.pk}/workflow/", {"to": "published"})
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED and draft.published_at is not None
    assert indexed_ids() == {draft.pk}
    moves = list(StatusChange.objects.order_by("at").values_list("to_status", "user__username"))
    assert moves == [("review", "curator"), ("published", "reviewer")]
    record = draft.history.first()
    assert record.history_user == reviewer and record.status == Status.PUBLISHED


def tiny_png():
    buffer = io.BytesIO()
    Image.new("L", (300, 400), 255).save(buffer, format="PNG")
    return buffer.getvalue()


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def _public_urls(memo):
    """Every public surface that exists now, with what shows the memo there."""
    urls = [
        (f"/memos/{memo.slug}/", None),
        (f"/api/memos/{memo.slug}", None),
        ("/api/search?q=Sushkov", memo.slug),
        ("/search/?q=Sushkov", memo.slug),
    ]
    for name, query in (
        ("archive:search-export-csv", "?q=Sushkov"),
        ("archive:search-export-json", "?q=Sushkov"),
        ("archive:search-feed", "?q=Sushkov"),
    ):
        with contextlib.suppress(NoReverseMatch):
            urls.append((reverse(name) + query, memo.slug))
    with contextlib.suppress(NoReverseMatch):
        urls.append((reverse("archive:iiif-manifest", kwargs={"slug": memo.slug}), None))
    with contextlib.suppress(NoReverseMatch):
        urls.append((reverse("archive:memo-cite", kwargs={"slug": memo.slug, "fmt": "bib"}), None))
    mention = memo.mentions.select_related("entity").first()
    if mention is not None:
        with contextlib.suppress(NoReverseMatch):
            page = reverse("archive:entity", kwargs={"slug": mention.entity.slug})
            urls.append((page, f"/memos/{memo.slug}/"))
    return urls


def test_withdrawal_removes_the_memo_from_every_public_surface(
    client, reviewer, ingest, django_capture_on_commit_callbacks
):
    from archive.ingest.images import PageImage, store_pages

    assert ingest(SEED)[0] == 0
    memo = Memo.objects.get()
    store_pages(memo, [PageImage(1, png=tiny_png(), source_name="p1.png")], ["page one"])
    surfaces = _public_urls(memo)
    image_urls = []
    try:
        info = client.get(reverse("archive:iiif-info", kwargs={"slug": memo.slug, "page": 1}))
        assert info.status_code == 200
        width = json.loads(info.content)["sizes"][0]["width"]
        height = json.loads(info.content)["sizes"][0]["height"]
        image_urls.append(f"/iiif/{memo.slug}/1/full/{width},{height}/0/default.jpg")
    except NoReverseMatch:
        pass
    for url, marker in surfaces:
        response = client.get(url)
        assert response.status_code == 200, url
        if marker:
            assert marker in body(response), url
    for url in image_urls:
        assert client.get(url).status_code == 200, url

    client.force_login(reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/admin/archive/memo/", {"action": "withdraw", "_selected_action": [memo.pk]})
    client.logout()
    memo.refresh_from_db()
    assert memo.status == Status.WITHDRAWN
    assert indexed_ids() == set()
    for url, marker in surfaces:
        response = client.get(url)
        if marker:
            # A page of results or of an entity may stay (empty, or gone): never with the memo.
            assert response.status_code in (200, 404), url
            assert marker not in body(response), url
        else:
            assert response.status_code == 404, url
    for url in image_urls:
        assert client.get(url).status_code == 404, url
    assert memo.status_changes.get().user == reviewer


def test_revert_never_brings_an_old_status_back(admin_client, draft):
    admin = User.objects.get(username="admin")
    workflow.move([draft], Status.PUBLISHED, admin)
    workflow.move([draft], Status.WITHDRAWN, admin)
    published_version = draft.history.filter(status=Status.PUBLISHED).first()
    page = admin_client.get(
        f"/admin/archive/memo/{draft.pk}/history/{published_version.history_id}/"
    )
    assert page.status_code == 200
    data = page.context["adminform"].form.initial
    form_data = {k: ("" if v is None else v) for k, v in data.items() if k != "status"}
    form_data["control_markings"] = "[]"
    response = admin_client.post(
        f"/admin/archive/memo/{draft.pk}/history/{published_version.history_id}/", form_data
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    draft.refresh_from_db()
    assert draft.status == Status.WITHDRAWN


def test_unknown_or_forbidden_moves_give_a_message(client, curator, draft):
    client.force_login(curator)
    response = client.post(
        f"/admin/archive/memo/{draft.pk}/workflow/", {"to": "nonsense"}, follow=True
    )
    assert "Unknown status" in response.content.decode()
    response = client.post(
        f"/admin/archive/memo/{draft.pk}/workflow/", {"to": "withdrawn"}, follow=True
    )
    assert "cannot be moved" in response.content.decode()
    assert client.get(f"/admin/archive/memo/{draft.pk}/workflow/").status_code == 405


def test_roles_are_kept_in_step_without_taking_anything_away(db):
    from django.apps import apps
    from django.contrib.auth.models import Permission

    from archive.curation.roles import sync_roles

    curator = Group.objects.get(name="Curator")
    extra = Permission.objects.get(codename="delete_collection")
    curator.permissions.add(extra)  # given by an administrator by hand
    Group.objects.filter(name="Reviewer").delete()
    sync_roles(apps)
    assert curator.permissions.filter(pk=extra.pk).exists()
    reviewer = Group.objects.get(name="Reviewer")
    assert reviewer.permissions.filter(codename="publish_memo").exists()
