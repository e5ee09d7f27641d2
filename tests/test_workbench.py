"""The curators' workbench: review queue, corrections that keep anchors, history and revert,
bulk actions (collection, extraction, reindex, merge), the note form, a fast memo list."""

import re

import pytest
from django.contrib.auth.models import Group, User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from archive.choices import REVIEW_THRESHOLD, TRACKED_FIELDS, Status
from archive.models import Collection, Memo, MemoAlias, Note
from archive.search import queue
from tests.conftest import SEED, indexed_ids
from tests.corpus_records import FORM_TEXT, ingest_raw


@pytest.fixture
def drafts(ingest, corpus, tmp_path):
    """A slice of the corpus as drafts (some with uncertain fields), and the seed published."""
    lines = (corpus / "memos.jsonl").read_text().splitlines()
    sample = tmp_path / "sample.jsonl"
    sample.write_text("\n".join(lines[::50]) + "\n")
    assert ingest(sample, publish=False)[0] == 0
    assert ingest(SEED)[0] == 0
    return Memo.objects.exclude(doc_key="ea-m-84-10245")


def form_data(response):
    """The change form's current values (inlines too), ready to post back."""

    def values(form):
        data = {}
        for bound in form:
            value = bound.value()
            if value is None:
                value = ""
            if isinstance(value, bool):
                if not value:
                    continue
                value = "on"
            data[bound.html_name] = value
            if bound.field.show_hidden_initial:
                data[bound.html_initial_name] = value  # as the page renders it, hidden
        return data

    data = values(response.context["adminform"].form)
    for inline in response.context.get("inline_admin_formsets", []):
        formset = inline.formset
        data.update(values(formset.management_form))
        for subform in formset.forms:
            data.update(values(subform))
    return data


def test_review_queue_lists_uncertain_memos_with_their_fields(admin_client, drafts):
    uncertain = [m for m in Memo.objects.all() if m.needs_review]
    assert uncertain, "the corpus slice should hold memos with uncertain fields"
    page = admin_client.get("/admin/archive/memoforreview/").content.decode()
    for memo in uncertain[:5]:
        assert memo.slug in page or memo.document_number in page
        label = memo.uncertain_fields()[0]
        assert label in page
    confident = Memo.objects.filter(needs_review=False).exclude(document_number="").first()
    if confident:
        assert f"/admin/archive/memo/{confident.pk}/change/" not in page


def test_review_queue_asks_about_the_most_likely_wrong_first(admin_client, drafts):
    queued = list(Memo.objects.filter(needs_review=True))
    assert len(queued) >= 2
    for memo in queued:
        low = [c for k, c in memo.field_confidence.items() if k in TRACKED_FIELDS and c < 0.7]
        assert memo.least_confidence == min(low)
    page = admin_client.get("/admin/archive/memoforreview/").content.decode()
    ordered = sorted(queued, key=lambda m: (m.status != "review", m.least_confidence, m.pk))
    positions = [page.index(f"/admin/archive/memo/{m.pk}/change/") for m in ordered]
    assert positions == sorted(positions)
    # Within a memo, its uncertain fields are named least sure first.
    memo = min(queued, key=lambda m: m.least_confidence)
    labels = [
        TRACKED_FIELDS[k]
        for k, c in sorted(memo.field_confidence.items(), key=lambda kv: kv[1])
        if k in TRACKED_FIELDS and c < 0.7
    ]
    row = page[page.index(f"/admin/archive/memo/{memo.pk}/change/") :]
    assert [row.index(label + " (") for label in labels] == sorted(
        row.index(label + " (") for label in labels
    )


def test_uncertain_fields_are_marked_and_approval_clears_them(admin_client, drafts):
    memo = Memo.objects.filter(needs_review=True).first()
    uncertain = {f for f in TRACKED_FIELDS if memo.field_confidence.get(f, 1) < REVIEW_THRESHOLD}
    assert uncertain
    page = admin_client.get(f"/admin/archive/memo/{memo.pk}/change/").content.decode()
    assert "uncertain" in page and "⚠" in page and "Approve the reviewed fields" in page
    response = admin_client.post(f"/admin/archive/memo/{memo.pk}/approve/")
    assert response.status_code == 302
    memo.refresh_from_db()
    assert not memo.needs_review and memo.uncertain_fields() == []
    assert set(memo.curated_fields) >= uncertain


def test_approve_action_from_the_queue(admin_client, drafts):
    queued = list(Memo.objects.filter(needs_review=True).values_list("pk", flat=True))
    response = admin_client.post(
        "/admin/archive/memoforreview/",
        {"action": "approve_fields", "_selected_action": queued},
    )
    assert response.status_code == 302
    assert not Memo.objects.filter(needs_review=True).exists()
    # Saving through the plain model keeps history and reindexing signals.
    assert Memo.history.filter(history_change_reason="fields approved in review").count() == len(
        queued
    )


def test_correction_is_curated_and_survives_reingest(admin_client, seed, ingest):
    response = admin_client.get(f"/admin/archive/memo/{seed.pk}/change/")
    data = form_data(response)
    data["agency"] = "CIA (corrected)"
    response = admin_client.post(f"/admin/archive/memo/{seed.pk}/change/", data)
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    seed.refresh_from_db()
    assert seed.agency == "CIA (corrected)" and "agency" in seed.curated_fields
    assert seed.field_confidence["agency"] == 1.0
    # A re-ingest of the source updates the rest but leaves the curator's value.
    assert ingest(SEED)[0] == 0
    seed.refresh_from_db()
    assert seed.agency == "CIA (corrected)"


def test_text_correction_keeps_anchors_and_reindexes_that_memo_alone(
    admin_client, seed, ingest, corpus, tmp_path, monkeypatch, django_capture_on_commit_callbacks
):
    other_line = (corpus / "memos.jsonl").read_text().splitlines()[0]
    (tmp_path / "one.jsonl").write_text(other_line + "\n")
    assert ingest(tmp_path / "one.jsonl")[0] == 0
    start = seed.text.index("Sushkov")
    note = Note.objects.create(
        memo=seed, body="Who?", start=start, end=start + 7, quote="Sushkov",
        prefix=seed.text[start - 30 : start], suffix=seed.text[start + 7 : start + 37],
    )  # fmt: skip
    markers = {r.pk: r.marker for r in seed.redactions.all()}
    applied = []
    real_apply = queue.apply
    monkeypatch.setattr(
        queue, "apply", lambda ids, **kw: applied.append(list(ids)) or real_apply(ids, **kw)
    )

    response = admin_client.get(f"/admin/archive/memo/{seed.pk}/change/")
    data = form_data(response)
    data["text"] = "Corrected transcription follows.\n" + seed.text.replace("Moscow", "Moskva")
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"/admin/archive/memo/{seed.pk}/change/", data, follow=True)
    assert "Text corrected" in response.content.decode()
    seed.refresh_from_db()
    note.refresh_from_db()
    assert seed.text.startswith("Corrected transcription") and "text" in seed.curated_fields
    assert seed.text[note.start : note.end] == "Sushkov" and note.anchored
    for redaction in seed.redactions.all():
        assert seed.text[redaction.start : redaction.end] == markers[redaction.pk]
    # Entity mentions are found again in the corrected text too.
    mentions = list(seed.mentions.all())
    assert mentions and all(seed.text[m.start : m.end] == m.text for m in mentions)
    assert applied == [[seed.pk]]
    response = admin_client.get("/api/search?q=Moskva")
    assert seed.slug in response.content.decode()


def test_history_says_which_command_made_a_change(admin_client, seed):
    created = seed.history.last()
    assert created.history_user is None
    assert created.history_change_reason == f"manage.py ingest {SEED.name}"
    page = admin_client.get(f"/admin/archive/memo/{seed.pk}/history/").content.decode()
    assert "a command" in page and f"manage.py ingest {SEED.name}" in page


def test_a_long_reason_is_cut_to_what_history_keeps(seed):
    # PostgreSQL refuses a reason longer than its column (100): the change would be lost.
    seed._change_reason = "edited: " + "a very long explanation " * 20
    seed.title = "Another title"
    seed.save()
    kept = seed.history.first().history_change_reason
    assert len(kept) == 100 and kept.startswith("edited: a very long") and kept.endswith("…")


def test_history_records_an_edit_and_reverts_it(admin_client, seed):
    response = admin_client.get(f"/admin/archive/memo/{seed.pk}/change/")
    data = form_data(response)
    original = seed.title
    data["title"] = "A wrong title"
    admin_client.post(f"/admin/archive/memo/{seed.pk}/change/", data)
    seed.refresh_from_db()
    assert seed.title == "A wrong title"
    latest = seed.history.first()
    assert latest.history_user.username == "admin"
    delta = latest.diff_against(latest.prev_record)
    assert [(c.field, c.old, c.new) for c in delta.changes if c.field == "title"] == [
        ("title", original, "A wrong title")
    ]
    history = admin_client.get(f"/admin/archive/memo/{seed.pk}/history/").content.decode()
    assert "A wrong title" in history
    audit = admin_client.get(f"/admin/archive/memo/{seed.pk}/audit/").content.decode()
    assert "A wrong title" in audit and "admin" in audit

    previous = latest.prev_record
    response = admin_client.get(f"/admin/archive/memo/{seed.pk}/history/{previous.history_id}/")
    data = form_data(response)
    assert data["title"] == original
    response = admin_client.post(
        f"/admin/archive/memo/{seed.pk}/history/{previous.history_id}/", data
    )
    assert response.status_code == 302
    seed.refresh_from_db()
    assert seed.title == original and seed.status == Status.PUBLISHED
    assert seed.history.count() == 3


def test_redaction_and_note_history_is_in_the_audit_trail(admin_client, seed):
    redaction = seed.redactions.first()
    redaction.marker = "25X1 (checked)"
    redaction.save()
    note = Note.objects.create(memo=seed, body="First", start=0, end=4, quote=seed.text[:4])
    note.body = "Second"
    note.save()
    note_id = note.pk
    note.delete()
    audit = admin_client.get(f"/admin/archive/memo/{seed.pk}/audit/").content.decode()
    assert "25X1 (checked)" in audit and "Second" in audit and "deleted" in audit.lower()
    # A deleted note can be brought back from its history.
    history = admin_client.get(f"/admin/archive/note/{note_id}/history/")
    assert history.status_code == 200
    version = Note.history.filter(id=note_id, history_type="~").first()
    response = admin_client.post(
        f"/admin/archive/note/{note_id}/history/{version.history_id}/",
        {"memo": seed.pk, "start": 0, "end": 4, "body": "Second", "visibility": "internal"},
    )
    assert response.status_code == 302
    assert Note.objects.get(pk=note_id).body == "Second"


def test_curator_view_only_user_cannot_revert(client, seed):
    viewer = User.objects.create_user("viewer", password="pw", is_staff=True)
    viewer.user_permissions.add(*Group.objects.get(name="Curator").permissions.filter(
        codename="view_memo"
    ))  # fmt: skip
    client.force_login(viewer)
    version = seed.history.first()
    response = client.post(f"/admin/archive/memo/{seed.pk}/history/{version.history_id}/", {})
    assert response.status_code == 403


def test_assign_collection_action(admin_client, drafts):
    ids = list(drafts.values_list("pk", flat=True)[:3])
    page = admin_client.post(
        "/admin/archive/memo/", {"action": "assign_collection", "_selected_action": ids}
    )
    assert page.status_code == 200 and "new_name" in page.content.decode()
    response = admin_client.post(
        "/admin/archive/memo/",
        {"action": "assign_collection", "_selected_action": ids, "apply": "1",
         "new_name": "Reykjavik summit"},
    )  # fmt: skip
    assert response.status_code == 302
    collection = Collection.objects.get(name="Reykjavik summit")
    assert set(collection.memos.values_list("pk", flat=True)) == set(ids)
    assert all("collection" in m.curated_fields for m in collection.memos.all())
    # A name written in another case is the same collection, not a second one.
    admin_client.post(
        "/admin/archive/memo/",
        {"action": "assign_collection", "_selected_action": ids[:1], "apply": "1",
         "new_name": "REYKJAVIK Summit"},
    )  # fmt: skip
    assert not Collection.objects.filter(name="REYKJAVIK Summit").exists()
    assert Collection.objects.filter(name__iexact="reykjavik summit").count() == 1


def test_collections_differing_only_by_case_are_merged_by_the_migration(drafts):
    # An archive ingested before names were compared without case holds both spellings.
    import importlib

    from django.apps import apps

    from archive.models import IndexTask

    older = Collection.objects.create(name="Documents concerning Bosnia")
    newer = Collection.objects.create(name="documents concerning Bosnia", description="From 2024.")
    other = Collection.objects.create(name="CIA CREST")
    memos = list(drafts[:3])
    for memo, collection in zip(memos, (older, newer, other), strict=True):
        Memo.objects.filter(pk=memo.pk).update(collection=collection)
    IndexTask.objects.all().delete()
    migration = importlib.import_module("archive.migrations.0025_collections_merged_by_case")
    migration.merge(apps, None)
    assert not Collection.objects.filter(pk=newer.pk).exists()
    older.refresh_from_db()
    assert older.description == "From 2024."
    assert set(older.memos.values_list("pk", flat=True)) == {memos[0].pk, memos[1].pk}
    assert set(other.memos.values_list("pk", flat=True)) == {memos[2].pk}
    # The moved memo goes to the index again under its collection's one name.
    assert memos[1].pk in set(IndexTask.objects.values_list("memo_id", flat=True))


def test_rerun_extraction_and_reindex_actions(
    admin_client, seed, django_capture_on_commit_callbacks
):
    Memo.objects.filter(pk=seed.pk).update(office="", field_confidence={"office": 0.5})
    response = admin_client.post(
        "/admin/archive/memo/", {"action": "rerun_extraction", "_selected_action": [seed.pk]}
    )
    assert response.status_code == 302
    seed.refresh_from_db()
    assert seed.office == "Office of East Asian Analysis"
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            "/admin/archive/memo/", {"action": "reindex", "_selected_action": [seed.pk]}
        )
    assert indexed_ids() == {seed.pk}


def test_merge_two_records_redirects_the_old_address(
    admin_client, seed, django_capture_on_commit_callbacks
):
    duplicate = Memo.objects.create(
        slug="seed-duplicate", title="", text=seed.text, checksum="x", status=Status.PUBLISHED,
        document_number="EA M 84-10245 (copy)", summary="",
    )  # fmt: skip
    start = seed.text.index("Gromyko")
    Note.objects.create(
        memo=duplicate, body="On the copy", start=start, end=start + 7, quote="Gromyko"
    )
    page = admin_client.post(
        "/admin/archive/memo/",
        {"action": "merge_records", "_selected_action": [seed.pk, duplicate.pk]},
    )
    assert page.status_code == 200 and "Which record survives?" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            "/admin/archive/memo/",
            {"action": "merge_records", "_selected_action": [seed.pk, duplicate.pk],
             "apply": "1", "survivor": seed.pk},
        )  # fmt: skip
    assert response.status_code == 302
    assert not Memo.objects.filter(pk=duplicate.pk).exists()
    note = Note.objects.get()
    assert note.memo == seed and seed.text[note.start : note.end] == "Gromyko"
    assert set(MemoAlias.objects.values_list("slug", flat=True)) >= {"seed-duplicate"}
    response = admin_client.get("/memos/seed-duplicate/")
    assert response.status_code == 301 and response["Location"] == f"/memos/{seed.slug}/"
    response = admin_client.get("/api/memos/seed-duplicate")
    assert response.status_code == 301
    assert indexed_ids() == {seed.pk}
    assert "Merged with" in seed.status_changes.get().comment


def test_merge_needs_two_and_the_permission(client, seed):
    curator = User.objects.create_user("c", is_staff=True)
    curator.groups.add(Group.objects.get(name="Curator"))
    client.force_login(curator)
    page = client.get("/admin/archive/memo/").content.decode()
    assert 'value="merge_records"' not in page


def test_note_form_on_a_passage(client, admin_user, seed):
    start = seed.text.index("Nakasone")
    url = f"/memos/{seed.slug}/notes/new/?start={start}&end={start + 8}"
    assert client.get(url).status_code == 302  # login first
    client.force_login(admin_user)
    page = client.get(url).content.decode()
    assert "<mark>Nakasone</mark>" in page
    response = client.post(
        url,
        {"start": start, "end": start + 8, "body": "Yasuhiro *Nakasone*", "visibility": "public"},
    )
    note = Note.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"#note-{note.pk}")
    assert (note.quote, note.author, note.visibility) == ("Nakasone", admin_user, "public")
    assert note.prefix == seed.text[start - 32 : start]


def test_note_form_finds_a_typed_passage_and_refuses_ambiguity(client, admin_user, seed):
    Memo.objects.filter(pk=seed.pk).update(status=Status.DRAFT)  # drafts are annotated too
    client.force_login(admin_user)
    url = f"/memos/{seed.slug}/notes/new/"
    response = client.post(url, {"passage": "25X1", "body": "x", "visibility": "internal"})
    assert response.status_code == 200 and "times in the text" in response.content.decode()
    response = client.post(url, {"passage": "nowhere in it", "body": "x", "visibility": "internal"})
    assert "not in the text" in response.content.decode()
    response = client.post(
        url, {"passage": "Sakhalin", "body": "<b>bold</b>", "visibility": "internal"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/admin/archive/memo/{seed.pk}/change/"
    note = Note.objects.get()
    assert seed.text[note.start : note.end] == "Sakhalin"
    edit = client.get(f"/memos/{seed.slug}/notes/{note.pk}/edit/")
    assert edit.status_code == 200 and "&lt;b&gt;bold&lt;/b&gt;" in edit.content.decode()


def test_note_form_is_for_staff_with_the_permission(client, seed):
    user = User.objects.create_user("reader", password="pw")
    client.force_login(user)
    assert client.get(f"/memos/{seed.slug}/notes/new/").status_code == 403
    assert client.get("/memos/no-such-memo/notes/new/").status_code == 403


def test_note_admin_anchors_a_note_from_offsets(admin_client, seed):
    start = seed.text.index("Siberia")
    page = admin_client.get(
        f"/admin/archive/note/add/?memo={seed.pk}&start={start}&end={start + 7}"
    )
    assert page.status_code == 200
    response = admin_client.post(
        "/admin/archive/note/add/",
        {
            "memo": seed.pk,
            "start": start,
            "end": start + 7,
            "body": "Where",
            "visibility": "public",
        },
    )
    assert response.status_code == 302
    note = Note.objects.get()
    assert note.quote == "Siberia" and note.author.username == "admin"
    response = admin_client.post(
        "/admin/archive/note/add/",
        {"memo": seed.pk, "start": 10, "end": 10**6, "body": "x", "visibility": "public"},
    )
    assert response.status_code == 200 and "must mark a passage" in response.content.decode()


def test_memo_list_queries_do_not_grow_with_the_number_of_memos(admin_client, seed):
    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            response = admin_client.get("/admin/archive/memo/")
        assert response.status_code == 200
        return len(queries)

    count_queries()  # filter choices are cached after the first view
    few = count_queries()
    Memo.objects.bulk_create(
        Memo(slug=f"bulk-{n}", text=f"Memo {n}", checksum=f"{n}", title=f"Bulk {n}")
        for n in range(60)
    )
    assert count_queries() == few
    page = admin_client.get("/admin/archive/memo/").content.decode()
    assert "Bulk 1" in page


def test_a_memo_added_by_hand_gets_an_address_and_numbers_stay_unique(admin_client, seed):
    response = admin_client.post(
        "/admin/archive/memo/add/",
        {"document_number": "MFR 61-1", "title": "Typed from a photocopy",
         "text": "Memorandum for the record.\r\nTyped by hand.", "control_markings": "[]",
         "redactions-TOTAL_FORMS": 0, "redactions-INITIAL_FORMS": 0,
         "notes-TOTAL_FORMS": 0, "notes-INITIAL_FORMS": 0},
    )  # fmt: skip
    assert response.status_code == 302
    memo = Memo.objects.get(document_number="MFR 61-1")
    assert memo.slug == "mfr-61-1" and memo.status == Status.DRAFT
    assert "\r" not in memo.text and memo.checksum
    response = admin_client.post(
        "/admin/archive/memo/add/",
        {"document_number": "EA M 84 10245", "text": "A copy.", "control_markings": "[]",
         "redactions-TOTAL_FORMS": 0, "redactions-INITIAL_FORMS": 0,
         "notes-TOTAL_FORMS": 0, "notes-INITIAL_FORMS": 0},
    )  # fmt: skip
    assert response.status_code == 200
    assert "already belongs to another memo" in response.content.decode()


def test_rerun_extraction_finds_redactions_again_unless_curated(admin_client, seed):
    seed.redactions.all().delete()
    admin_client.post(
        "/admin/archive/memo/", {"action": "rerun_extraction", "_selected_action": [seed.pk]}
    )
    assert seed.redactions.count() == 32
    assert seed.redactions.first().history.first().history_change_reason == "extraction run again"
    seed.redactions.all().delete()
    Memo.objects.filter(pk=seed.pk).update(curated_fields=["redactions"])
    admin_client.post(
        "/admin/archive/memo/", {"action": "rerun_extraction", "_selected_action": [seed.pk]}
    )
    assert seed.redactions.count() == 0  # the curator's (empty) list stays


@pytest.mark.corpus
def test_change_form_shows_where_each_field_was_read_and_corrects_it_there(
    admin_client, corpus, ingest
):
    memo = ingest_raw(ingest, corpus, FORM_TEXT)
    url = f"/admin/archive/memo/{memo.pk}/change/"
    response = admin_client.get(url)
    page = response.content.decode()
    # The confidence is the date rule's calibrated figure (archive/ingest/data/calibration.json).
    assert re.search(
        r'<span class="field-source field-source-read">read from line 22 \(identification form; '
        r"rule: the form&#x27;s line; confidence \d{2,3}%\): <code>DATE : 08/01/1963</code></span>",
        page,
    )
    assert "read from lines 25–29 (identification form" in page  # the subjects
    # The form itself, read-only, beside the fields.
    assert "Archival description (NARA identification form)" in page
    assert (
        '<th scope="row">Current status</th><td>RELEASED IN PART PUBLIC - RELEASED WITH '
        "DELETIONS</td>"
    ) in page

    data = form_data(response)
    data["sender"] = "Chief, Technical Services Division, Development Branch"
    data["subjects"] = "CLEARANCE\nJFK ASSASSINATION\n"
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    memo.refresh_from_db()
    assert memo.sender == "Chief, Technical Services Division, Development Branch"
    assert memo.subjects == ["CLEARANCE", "JFK ASSASSINATION"]
    assert {"sender", "subjects"} <= set(memo.curated_fields)
    assert memo.field_sources["sender"] == {"rule": "curator"}
    assert memo.field_sources["date"]["rule"] == "form"  # untouched fields keep their source
    page = admin_client.get(url).content.decode()
    assert "field-source-curator" in page and "corrected by a curator" in page


@pytest.mark.corpus
def test_a_text_correction_moves_where_fields_were_read(admin_client, corpus, ingest):
    memo = ingest_raw(ingest, corpus, FORM_TEXT)
    url = f"/admin/archive/memo/{memo.pk}/change/"
    data = form_data(admin_client.get(url))
    data["text"] = "Transcribed again.\n" + memo.text.replace("PAGES : 1", "PAGES : one")
    assert admin_client.post(url, data).status_code == 302
    memo.refresh_from_db()
    date, agency = memo.field_sources["date"], memo.archival_description["agency"]
    assert memo.text[date["start"] : date["end"]] == "08/01/1963"
    assert memo.text[agency["start"] : agency["end"]] == "CIA"
    assert memo.field_sources["page_count"] == {"rule": "form"}  # its line was edited
    added = len("Transcribed again.\n")
    assert memo.parts[0] == ["form", added, 794 + added + 2]  # "one" is 2 longer than "1"


@pytest.mark.corpus
def test_review_queue_names_the_line_of_each_uncertain_field(admin_client, corpus, ingest):
    memo = ingest_raw(ingest, corpus, FORM_TEXT, publish=False)
    memo.field_confidence = {**memo.field_confidence, "date": 0.5}
    memo.save()
    page = admin_client.get("/admin/archive/memoforreview/").content.decode()
    assert "date (50%, line 22)" in page
