"""A passage suppressed by a curator is gone from every public surface at once, stays in the
source for staff, is recorded with its reason, and comes back when the suppression is lifted.
"""

from xml.etree import ElementTree

import pytest
from django.contrib.auth.models import Group, User
from search_helpers import MEMOS, write_jsonl

from archive.models import Memo, Suppression
from archive.public_text import MASK, public_text
from archive.search import service

ATOM = "{http://www.w3.org/2005/Atom}"
WORD = "zanzibarite"  # in no other memo
PASSAGE = "Zanzibarite 123-45-6789, born 1931, interviewed by Vice President Spiro Agnew"
PRIVATE = {
    "id": "t-private", "doc_number": "PRV 72-0001", "title": "Clearance interview",
    "date": "1972-05-03", "agency": "Kestrel Agency", "classification": "SECRET",
    "text": f"{PASSAGE} about the quokka files.\n\nThe clearance was granted.",
}  # fmt: skip


@pytest.fixture
def private(ingest, tmp_path):
    """The small archive and the memo with personal data, published and indexed."""
    assert ingest(write_jsonl(tmp_path / "memos.jsonl", [*MEMOS, PRIVATE]))[0] == 0
    return Memo.objects.get(source_id="t-private")


@pytest.fixture
def reviewer(db, client):
    user = User.objects.create_user("reviewer", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Reviewer"))
    return user


def body(response):
    """A response's text, streamed or not."""
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def public_surfaces(client, memo):
    """Everything the public reads that could carry the passage, as text; and search counts."""
    api_memo = client.get(f"/api/memos/{memo.slug}").json()
    by_word = client.get("/api/search", {"q": WORD}).json()
    nearby = client.get("/api/search", {"q": "quokka"}).json()  # same memo, another word
    feed = ElementTree.fromstring(client.get("/search/feed/", {"q": "quokka"}).content)
    summaries = [e.findtext(f"{ATOM}summary") or "" for e in feed.iter(f"{ATOM}entry")]
    entities = client.get("/entities/").content.decode()
    agnew = client.get("/entities/spiro-agnew/")
    texts = {
        "memo page": client.get(memo.get_absolute_url(), {"q": "quokka"}).content.decode(),
        "search page": client.get("/search/", {"q": "quokka"}).content.decode(),
        "api text": api_memo["text"],
        "api snippets": " ".join(item["snippet"] for item in nearby["results"]),
        "feed": " ".join(summaries),
        "export json": body(client.get("/search/export.json", {"q": "quokka"})),
        "export csv": body(client.get("/search/export.csv", {"q": "quokka"})),
        "entity page": agnew.content.decode() if agnew.status_code == 200 else "",
    }
    return {
        "texts": texts,
        "found": by_word["count"],
        "found_page": service.search(WORD).total,
        "nearby": nearby["count"],
        "suggested": [s["q"] for s in client.get("/api/search", {"q": "zanzibarit"}).json()[
            "suggestions"
        ]],
        "agnew_listed": "Agnew" in entities,
        "agnew_page": agnew.status_code,
        "api_length": len(api_memo["text"]),
        "api_suppressions": api_memo["suppressions"],
    }  # fmt: skip


def test_a_suppressed_passage_leaves_every_public_surface_and_comes_back_when_lifted(
    client, private, reviewer, django_capture_on_commit_callbacks
):
    memo = private
    before = public_surfaces(client, memo)
    # Public, it is everywhere (so the checks below can fail).
    assert before["found"] == before["found_page"] == 1 and before["nearby"] == 1
    assert before["agnew_listed"] and before["agnew_page"] == 200
    for name in ("memo page", "api text", "api snippets", "feed", "entity page"):
        assert WORD in before["texts"][name].lower(), name

    client.force_login(reviewer)
    suppress_url = f"/admin/archive/memo/{memo.pk}/suppress/"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            suppress_url,
            {"passage": PASSAGE, "occurrence": 1, "label": "personal_data",
             "reason": "Social security number of a living person"},
        )  # fmt: skip
    assert response.status_code == 302
    suppression = Suppression.objects.get(memo=memo)
    start = memo.text.index(PASSAGE)
    assert (suppression.start, suppression.end) == (start, start + len(PASSAGE))
    # Staff still read the source, the passage marked, with its reason.
    change = client.get(f"/admin/archive/memo/{memo.pk}/change/").content.decode()
    assert PASSAGE in change and f"<mark>{PASSAGE}</mark>" in change
    assert "Social security number of a living person" in change
    assert "123-45-6789" in Memo.objects.get(pk=memo.pk).text
    client.logout()

    during = public_surfaces(client, memo)
    assert during["found"] == during["found_page"] == 0  # the index lost the word
    assert during["nearby"] == 1  # the rest of the memo is still found
    assert WORD not in during["suggested"]
    for name, text in during["texts"].items():
        assert WORD not in text.lower() and "123-45-6789" not in text, name
    # Masked character for character: every offset the API gives still holds.
    assert during["api_length"] == len(memo.text)
    assert during["texts"]["api text"][start : start + len(PASSAGE)] == MASK * len(PASSAGE)
    assert during["api_suppressions"] == [
        {"start": start, "end": start + len(PASSAGE), "label": "Suppressed: personal data"}
    ]
    assert 'class="redaction suppressed"' in during["texts"]["memo page"]
    # The only mention of Agnew is in the passage: no entity page, no place in the index.
    assert not during["agnew_listed"] and during["agnew_page"] == 404

    # The memo's audit trail records it, who and why.
    client.force_login(reviewer)
    audit = client.get(f"/admin/archive/memo/{memo.pk}/audit/").content.decode()
    assert "suppressed: Social security number of a living person" in audit
    record = Suppression.history.get(id=suppression.pk)
    assert record.history_user == reviewer and record.history_type == "+"

    # Lifting asks for a reason, and the passage is public again.
    lift_url = f"/admin/archive/memo/{memo.pk}/suppressions/{suppression.pk}/lift/"
    client.post(lift_url, {"reason": ""})
    assert Suppression.objects.filter(pk=suppression.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(lift_url, {"reason": "Entered in error"})
    assert not Suppression.objects.exists()
    lifted = Suppression.history.filter(id=suppression.pk, history_type="-").get()
    assert lifted.history_change_reason == "lifted: Entered in error"
    client.logout()
    after = public_surfaces(client, memo)
    assert after["found"] == after["found_page"] == 1
    assert after["agnew_listed"] and after["agnew_page"] == 200
    assert after["texts"]["api text"] == memo.text


def test_suppressions_follow_a_text_correction_and_never_let_a_passage_go(private, reviewer):
    from archive.curation.corrections import apply_text_change
    from archive.curation.suppressions import suppress

    memo = private
    suppress(memo, reviewer, "SSN", passage="123-45-6789")
    old = memo.text
    memo.text = "Corrected heading.\n" + old
    memo.save()
    apply_text_change(memo, old)
    moved = Suppression.objects.get(memo=memo)
    assert memo.text[moved.start : moved.end] == "123-45-6789"
    assert "123-45-6789" not in public_text(Memo.objects.get(pk=memo.pk))

    # The passage itself rewritten: it stays masked where it most likely is, and the memo
    # goes to review.
    old = memo.text
    memo.text = old.replace("123-45-6789", "XXX-XX-6789 (redone)")
    memo.save()
    report = apply_text_change(memo, old)
    assert report.suppressions_lost == 1
    memo.refresh_from_db()
    assert memo.needs_review and "suppressed passages" in memo.uncertain_fields()
    assert "6789" not in public_text(memo)


def test_an_export_keeps_suppressions_and_a_restore_brings_them_back(
    private, reviewer, ingest, tmp_path
):
    from archive.curation.exporting import jsonl_lines
    from archive.curation.suppressions import suppress

    suppress(private, reviewer, "SSN of a living person", passage="123-45-6789")
    line = "".join(jsonl_lines(Memo.objects.filter(pk=private.pk)))
    assert '"reason": "SSN of a living person"' in line
    private.delete()
    path = tmp_path / "export.jsonl"
    path.write_text(line)
    assert ingest(path)[0] == 0
    restored = Memo.objects.get(source_id="t-private")
    suppression = restored.suppressions.get()
    assert restored.text[suppression.start : suppression.end] == "123-45-6789"
    assert suppression.reason == "SSN of a living person" and suppression.created_by == reviewer
    assert "123-45-6789" not in public_text(restored)


def test_a_suppressed_word_is_not_found_while_another_process_holds_the_writer(
    private, reviewer, django_capture_on_commit_callbacks
):
    from test_search_withdrawal import writer_held_elsewhere

    from archive.curation.suppressions import suppress
    from archive.search import queue
    from tests.conftest import indexed_ids

    with writer_held_elsewhere():
        with django_capture_on_commit_callbacks(execute=True):
            suppress(private, reviewer, "SSN", passage=PASSAGE)
        assert private.pk in indexed_ids()  # the index still holds the words
        assert service.search(WORD).total == 0
    assert queue.drain() >= 1
    assert service.search(WORD).total == 0 and service.search("quokka").total == 1
