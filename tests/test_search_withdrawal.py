"""A memo taken off publication leaves every public surface in the same request, even while
another process holds the index's writer and the index still holds the memo.

The memo leaves by withdrawal, by a save back to draft (an ingest of its record as a draft
does that) or by being merged into another record. Another process holds the writer lock
throughout, so the change's index task stays queued: every surface must answer from the
published memos alone, and exactly as it answers once the queue has been applied.
"""

import subprocess
import sys
from contextlib import contextmanager
from xml.etree import ElementTree

import pytest
from django.contrib.auth.models import Group, User
from django.db import connection
from search_helpers import MEMOS, assert_facets, db_facets, write_jsonl

from archive.choices import Status
from archive.curation.merging import merge
from archive.curation.workflow import transition
from archive.models import IndexTask, Memo
from archive.search import documents, engines, queue, service
from archive.search.params import SearchRequest
from archive.search.query import parse
from archive.search.whoosh import index as whoosh_index
from tests.conftest import indexed_ids, run_command

ATOM = "{http://www.w3.org/2005/Atom}"

# The memo that leaves: a word, an office, an agency, a collection, an exemption code and a
# person that no other memo has, and three rare words it shares with SIBLING only.
LEAVING = {
    "id": "t-leaving", "doc_number": "KES 71-0001", "title": "Quagmire report",
    "date": "1971-04-02", "agency": "Kestrel Agency", "office": "Office of Kestrel Affairs",
    "classification": "SECRET", "source_collection": "Kestrel Papers",
    "text": "Vice President Spiro Agnew called it a quagmire. Kestrel ptarmigan merganser "
    "kestrel ptarmigan merganser. (b)(3) withheld.",
}  # fmt: skip
# More like SIBLING: LEAVING first (three shared rare words), then PEER (one).
SIBLING = {
    "id": "t-sibling", "title": "Kestrel ptarmigan merganser falcon", "date": "1975-01-01",
    "agency": "Central Intelligence Agency", "source_collection": "Collection A",
    "text": "Kestrel ptarmigan merganser falcon.",
}  # fmt: skip
PEER = {
    "id": "t-peer", "title": "Falcon sighting", "date": "1976-01-01",
    "agency": "Central Intelligence Agency", "source_collection": "Collection A",
    "text": "A falcon sighting was logged.",
}  # fmt: skip
HOLD = (
    "import fcntl, os, sys\n"
    "fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o644)\n"
    "fcntl.flock(fd, fcntl.LOCK_EX)\n"
    "print('held', flush=True)\n"
    "sys.stdin.read()\n"
)


@contextmanager
def writer_held_elsewhere():
    """Another process holds the archive's writer lock until the block ends."""
    path = documents.lock_folder() / documents.WRITER_LOCK
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        with documents.writer_lock(blocking=False) as taken:
            assert not taken
        yield
    finally:
        holder.stdin.close()
        holder.wait(30)


@pytest.fixture
def archive(ingest, tmp_path):
    """The small archive with LEAVING, SIBLING and PEER, published and indexed."""
    assert ingest(write_jsonl(tmp_path / "memos.jsonl", [*MEMOS, SIBLING, PEER]))[0] == 0
    # Then LEAVING, the most recently published.
    assert ingest(write_jsonl(tmp_path / "leaving.jsonl", [LEAVING]))[0] == 0
    memos = {memo.source_id: memo for memo in Memo.objects.all()}
    assert memos["t-leaving"].pk in indexed_ids() and not IndexTask.objects.exists()
    return memos


@pytest.fixture
def reviewer(db):
    user = User.objects.create_user("reviewer", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Reviewer"))
    return user


def surfaces(client, memos):
    """What the public sees of the archive, LEAVING's traces in particular."""
    leaving, sibling = memos["t-leaving"], memos["t-sibling"]
    everything = client.get("/api/search").json()
    unique = client.get("/api/search", {"q": "quagmire"}).json()
    by_office = client.get("/api/search", {"office": LEAVING["office"]}).json()
    misspelt = client.get("/api/search", {"q": "quagmore"}).json()
    exported = client.get("/search/export.json").json()
    unique_export = client.get("/search/export.json", {"q": "quagmire"}).json()
    unique_csv = client.get("/search/export.csv", {"code": "(b)(3)"})
    feed = ElementTree.fromstring(client.get("/search/feed/").content)
    page = client.get("/search/", {"q": "quagmire"}).content.decode()
    browse = client.get("/search/").content.decode()
    home = client.get("/").content.decode()
    return {
        "count": everything["count"],
        "facets": everything["facets"],
        "slugs": sorted(item["slug"] for item in everything["results"]),
        "unique": (unique["count"], unique["results"], unique["facets"]),
        "by_office": by_office["count"],
        "suggestions": misspelt["suggestions"],
        "export": (exported["count"], sorted(item["slug"] for item in exported["results"])),
        "unique_export": (unique_export["count"], unique_export["exported"]),
        "unique_csv": unique_csv["X-Result-Count"],
        "feed": [entry.find(f"{ATOM}link").get("href") for entry in feed.iter(f"{ATOM}entry")],
        "newest": [m.pk for m in service.newest(SearchRequest.from_params({}), limit=1)],
        "similar": [m.pk for m in service.more_like_this(sibling, limit=1)],
        "page_found": "No memos found" in page and "1 memo found" not in page,
        "browse_total": f"{Memo.objects.published().count()} memos in the archive" in browse,
        "home_total": f"Search {Memo.objects.published().count()} declassified memos" in home,
        "home_kestrel": [name for name in ("Kestrel Agency", "Kestrel Papers") if name in home],
        "entities": "Agnew" in client.get("/entities/").content.decode(),
        "memo_page": client.get(leaving.get_absolute_url()).status_code,
        "api_memo": client.get(f"/api/memos/{leaving.slug}").status_code,
    }


def take_off(how, memos, reviewer):
    """Take LEAVING off publication: withdrawn, back to draft, or merged into t-grain."""
    leaving = memos["t-leaving"]
    if how == "withdrawn":
        transition(leaving, Status.WITHDRAWN, reviewer, "Personal data")
    elif how == "draft":
        leaving.status = Status.DRAFT  # as an ingest of its record as a draft does
        leaving.save()
    else:
        merge(memos["t-grain"], leaving, reviewer)


@pytest.mark.parametrize("how", ["withdrawn", "draft", "merged"])
def test_a_memo_taken_off_publication_leaves_every_public_surface_at_once(
    client, archive, reviewer, how, django_capture_on_commit_callbacks
):
    memos, leaving = archive, archive["t-leaving"]
    before = surfaces(client, memos)
    # Published, it is everywhere (so the checks below can fail).
    assert before["unique"][0] == 1 and before["by_office"] == 1
    assert before["similar"] == [leaving.pk] and before["newest"] == [leaving.pk]
    assert before["entities"] and before["memo_page"] == 200
    assert before["home_kestrel"] == ["Kestrel Agency", "Kestrel Papers"] and before["home_total"]
    assert [s["q"] for s in before["suggestions"]] == ["quagmire"]

    with writer_held_elsewhere():
        with django_capture_on_commit_callbacks(execute=True):
            take_off(how, memos, reviewer)
        # The change's own index update found the writer busy: the index still has the memo.
        assert leaving.pk in indexed_ids()
        assert queue.unpublished_ids() == {leaving.pk}
        during = surfaces(client, memos)

    published = list(Memo.objects.published())
    assert during["count"] == len(published) == before["count"] - 1
    assert_facets({"facets": during["facets"]}, db_facets(published))
    facet_values = {value for pairs in during["facets"].values() for value, _n in pairs}
    assert not facet_values & {
        "Office of Kestrel Affairs", "Kestrel Agency", "Kestrel Papers", "(b)(3)", "Spiro Agnew"
    }  # fmt: skip
    assert leaving.slug not in during["slugs"]
    assert during["unique"] == (0, [], {name: [] for name in before["unique"][2]})
    assert during["by_office"] == 0
    assert during["suggestions"] == []  # "quagmire" is in no published memo
    assert during["export"] == (len(published), sorted(m.slug for m in published))
    assert during["unique_export"] == (0, 0) and during["unique_csv"] == "0"
    assert not any(leaving.slug in link for link in during["feed"])
    assert during["newest"] and during["newest"] != [leaving.pk]
    assert during["similar"] == [memos["t-peer"].pk]
    assert during["page_found"] and during["browse_total"]
    assert during["home_total"] and during["home_kestrel"] == []  # the counts of the home page
    assert not during["entities"]
    gone = 301 if how == "merged" else 404  # a merged memo's address leads to the survivor
    assert during["memo_page"] == gone and during["api_memo"] == gone

    # The writer let go: the queue catches up, and nothing public changes.
    assert queue.drain() >= 1
    assert leaving.pk not in indexed_ids() and queue.unpublished_ids() == frozenset()
    after = surfaces(client, memos)
    # Memos published at one moment (one ingest) come in index order, which the survivor of a
    # merge, reindexed now, changes: the feed is compared as a set.
    for seen in (during, after):
        seen["feed"] = sorted(seen["feed"])
        del seen["newest"]
    assert after == during


def test_the_words_of_memos_left_out_count_for_nothing(archive):
    # Did-you-mean and more-like-this weigh words by how many memos hold them: a memo left out
    # holds none, so its words are no better spelling and no clue of likeness.
    leaving, sibling = archive["t-leaving"], archive["t-sibling"]
    backend, parsed = engines.current(), parse("quagmore")
    assert backend.corrections(parsed) == {"quagmore": "quagmire"}
    assert backend.corrections(parsed, exclude={leaving.pk}) == {}
    assert backend.similar_ids(sibling, limit=3) == [leaving.pk, archive["t-peer"].pk]
    assert backend.similar_ids(sibling, limit=3, exclude={leaving.pk}) == [archive["t-peer"].pk]
    if engines.name() == "whoosh":
        from archive.search.whoosh.docsets import docnums_of
        from archive.search.whoosh.similar import key_terms

        searcher, text = whoosh_index.searcher(), f"{sibling.title}\n{sibling.text}"
        assert {term for term, _weight in key_terms(searcher, text)} == {
            "kestrel", "ptarmigan", "mergans", "falcon"
        }  # fmt: skip
        hidden = docnums_of(searcher, {leaving.pk})
        assert [term for term, _weight in key_terms(searcher, text, hidden=hidden)] == ["falcon"]


def test_a_memo_published_again_before_the_queue_catches_up_is_shown(
    archive, reviewer, django_capture_on_commit_callbacks
):
    leaving = archive["t-leaving"]
    with writer_held_elsewhere():
        with django_capture_on_commit_callbacks(execute=True):
            transition(leaving, Status.WITHDRAWN, reviewer)
            transition(leaving, Status.PUBLISHED, reviewer)
        assert IndexTask.objects.filter(memo_id=leaving.pk, unpublished=True).exists()
        assert queue.unpublished_ids() == frozenset()
        assert service.search("quagmire").total == 1


def test_only_changes_that_take_a_memo_off_publication_are_marked(archive, reviewer):
    sibling, leaving = archive["t-sibling"], archive["t-leaving"]
    sibling.title = "Kestrel ptarmigan falcon survey"
    sibling.save()  # a published memo edited: searched as before until the queue applies it
    draft = Memo.objects.create(title="A new draft", text="Draft text.", checksum="x")
    draft.title = "A draft edited"
    draft.save()  # never published: the index never had it
    assert not IndexTask.objects.filter(unpublished=True).exists()
    transition(leaving, Status.WITHDRAWN, reviewer)
    assert set(IndexTask.objects.filter(unpublished=True).values_list("memo_id", flat=True)) == {
        leaving.pk
    }


def test_reconcile_leaves_out_at_once_what_it_finds_indexed_but_unpublished(archive, monkeypatch):
    leaving = archive["t-leaving"]
    Memo.objects.filter(pk=leaving.pk).update(status=Status.WITHDRAWN)  # no signal: drift
    assert service.search("quagmire").total == 1
    monkeypatch.setattr(queue, "drain", lambda *args, **kwargs: 0)  # the writer is busy
    assert run_command("reconcile")[0] == 0
    assert queue.unpublished_ids() == {leaving.pk}
    assert service.search("quagmire").total == 0


def test_searches_read_the_unpublished_tasks_by_their_own_index(archive):
    # However long the queue a bulk load leaves, a search reads only the few marked tasks.
    IndexTask.objects.bulk_create([IndexTask(memo_id=pk) for pk in range(10_000, 12_000)])
    tasks = queue.unpublished_tasks()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # tiny tables: ask whether the index can serve
            cursor.execute("SET LOCAL enable_seqscan = off")
    assert "indextask_unpublished" in tasks.explain()
    assert queue.unpublished_ids() == frozenset()
