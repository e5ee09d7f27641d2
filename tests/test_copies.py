"""Copies of one document: recognised at ingest (archive/copies.py) and folded into one result
(archive/search/folding.py), with counts of documents and of copies, on the page and the API."""

import pytest
from django.contrib.auth.models import Group, User
from search_helpers import write_jsonl

from archive import copies
from archive.choices import Status
from archive.curation.workflow import transition
from archive.fingerprints import CANDIDATE, THRESHOLD, signature, similarity, stored_signature
from archive.models import Memo
from archive.search import engines, service
from archive.search.params import SearchRequest
from tests.conftest import run_command

# Release and declassification stamps, repeated on each page ({n}: the page number).
STAMP = (
    "Released under the John F. Kennedy Assassination Records Collection Act of 1992 "
    "(44 USC 2107 Note). DocId:32263411 Page {n}\n"
    "ALL FBI INFORMATION CONTAINED HEREIN IS UNCLASSIFIED DATE 11-14-2017 BY SP2 ALM SLD\n"
    "REVIEWED BY FBI/JFK TASK FORCE ON 6/14/94 RELEASE IN FULL RELEASE IN PART TOTAL DENIAL\n"
    "NO OBJECTION TO DECLASSIFICATION AND/OR RELEASE OF CIA INFORMATION IN THIS DOCUMENT "
    "AS SANITIZED BY THE AGENCY REVIEW STAFF OF THE DIRECTORATE\n"
    "CLASSIFIED BY 5668 SLD/ALM REASON 1.4 (c) DECLASSIFY ON 25X1 EXCEPT WHERE SHOWN OTHERWISE\n"
)
BODY = (
    "MEMORANDUM FOR THE RECORD\n\nSUBJECT: Zanzibar clove harvest and the island's trade\n\n"
    "1. The station reported on 4 March that the clove harvest on Pemba fell by a third this "
    "season, and that the cooperative board now sells most of the crop to buyers from Bombay "
    "and Hamburg rather than through the old Arab trading houses of Stone Town.\n\n"
    "2. Our informant, a clerk of the board, believes the shortfall will be felt in the "
    "island's budget before the end of the year, and that the government will seek credits "
    "from Peking if Western lenders refuse. He will report again after the April auction.\n"
)
# The same memo read by another OCR: words misread, lines broken elsewhere, stamps added.
OCR_COPY = (
    STAMP.format(n=1)
    + BODY.replace("harvest", "harvcst")
    .replace("cooperative", "co-operative")
    .replace("believes", "belleves")
    .replace(" and that the government", "\nand that the govemment")
    + STAMP.format(n=2)
)
# Two different memos, each with the same stamps three times over.
OTHER_A = "".join(STAMP.format(n=n) for n in (1, 2, 3)) + (
    "The embassy asks for guidance on the visit of the trade delegation from Dar es Salaam "
    "next month: whether the ambassador should receive them at the residence."
)
OTHER_B = "".join(STAMP.format(n=n) for n in (1, 2, 3)) + (
    "Headquarters approves the purchase of two vehicles for the consulate in Mombasa, the "
    "old ones being beyond repair, at the cost of the regional budget."
)
RECORDS = [
    {
        "id": "c-original", "doc_number": "104-10001-10001", "title": "Zanzibar clove harvest",
        "date": "1964-03-05", "agency": "Central Intelligence Agency",
        "source_collection": "Collection A", "text": BODY,
    },
    {
        "id": "c-copy", "doc_number": "104-10002-10002", "title": "ZANZIBAR CLOVE HARVCST",
        "date": "1964-03-05", "agency": "Central Intelligence Agency",
        "source_collection": "Collection B", "text": OCR_COPY,
    },
    {
        "id": "c-other-a", "doc_number": "104-10003-10003", "title": "Trade delegation visit",
        "date": "1964-05-01", "agency": "Central Intelligence Agency",
        "source_collection": "Collection B", "text": OTHER_A,
    },
    {
        "id": "c-other-b", "doc_number": "104-10004-10004", "title": "Consulate vehicles",
        "date": "1964-05-01", "agency": "Central Intelligence Agency",
        "source_collection": "Collection B", "text": OTHER_B,
    },
]  # fmt: skip


@pytest.fixture
def archive(ingest, tmp_path):
    """The four memos, ingested (in bulk) and published."""
    status, _out, err = ingest(write_jsonl(tmp_path / "copies.jsonl", RECORDS))
    assert status == 0, err
    return {memo.source_id: memo for memo in Memo.objects.all()}


@pytest.fixture
def curator(db):
    user = User.objects.create_user("curator", is_staff=True)
    user.groups.add(Group.objects.get(name="Reviewer"))
    return user


def test_near_identical_texts_share_a_copy_group_and_stamps_make_no_copies(archive):
    original, copy = archive["c-original"], archive["c-copy"]
    other_a, other_b = archive["c-other-a"], archive["c-other-b"]
    assert original.copy_group and original.copy_group == copy.copy_group
    groups = {original.copy_group, other_a.copy_group, other_b.copy_group}
    assert len(groups) == 3
    # The stamps alone would make the two others copies; their own texts are not alike.
    assert similarity(signature(OTHER_A, whole=True), signature(OTHER_B, whole=True)) >= THRESHOLD
    own = similarity(stored_signature(other_a.fingerprint), stored_signature(other_b.fingerprint))
    assert own < THRESHOLD
    # A text corrected by a curator (Memo.save) finds its copies again.
    other_b.text = BODY.replace("Pemba", "Pemba island")
    other_b.date = original.date
    other_b.save()
    assert Memo.objects.get(pk=other_b.pk).copy_group == original.copy_group
    assert Memo.objects.get(pk=other_a.pk).copy_group not in (original.copy_group, "")


def test_search_folds_copies_into_the_best_ranked(archive, client):
    page = service.search("Pemba clove")
    assert (page.total, page.memos, page.counts_documents) == (1, 2, True)
    [hit] = page.hits
    other = archive["c-copy"] if hit.memo.source_id == "c-original" else archive["c-original"]
    assert [copy.pk for copy in hit.copies] == [other.pk]

    html = client.get("/search/", {"q": "Pemba clove"}).content.decode()
    assert "1 document (2 copies) found" in html
    assert "1 other copy:" in html
    assert f"/memos/{hit.memo.slug}/compare/{other.slug}/" in html
    compare = client.get(f"/memos/{hit.memo.slug}/compare/{other.slug}/")
    assert compare.status_code in (200, 301)

    data = client.get("/api/search", {"q": "Pemba clove"}).json()
    assert (data["count"], data["memos"], data["count_of"]) == (1, 2, "documents")
    assert [copy["slug"] for copy in data["results"][0]["copies"]] == [other.slug]

    # The memo page lists its copies; more like this, none of them (the likeliest).
    assert other.pk in engines.current().similar_ids(hit.memo, limit=5)
    assert other not in service.more_like_this(hit.memo, limit=5)
    html = client.get(hit.memo.get_absolute_url(), follow=True).content.decode()
    assert "Other copy of this document:" in html
    assert f'href="{other.get_absolute_url()}"' in html
    alone = client.get(archive["c-other-a"].get_absolute_url(), follow=True).content.decode()
    assert "Other cop" not in alone


def test_pages_list_each_document_once(archive):
    everything = service.search("", per_page=1)
    assert (everything.total, everything.memos, everything.num_pages) == (3, 4, 3)
    shown = [service.search("", page=n, per_page=1).hits for n in (1, 2, 3)]
    assert all(len(hits) == 1 for hits in shown)
    groups = [hits[0].memo.copy_group for hits in shown]
    assert len(set(groups)) == 3
    # The engine counts the copies folded over the whole result set, not only the window.
    column = copies.groups().column
    outcome = engines.current().run(SearchRequest.from_params({}), "date", 0, 1, groups=column)
    assert (outcome.total, outcome.folded, len(outcome.ids)) == (4, 1, 1)


def test_withdrawing_the_standing_copy_shows_the_other(archive, curator, client):
    standing = service.search("Pemba clove").hits[0].memo
    transition(standing, Status.WITHDRAWN, curator, "Duplicate scan")
    page = service.search("Pemba clove")
    assert (page.total, page.memos) == (1, 1)
    [hit] = page.hits
    assert hit.memo.pk != standing.pk and hit.copies == []
    assert "Other cop" not in client.get(hit.memo.get_absolute_url(), follow=True).content.decode()
    assert service.search("", per_page=10).memos == 3


def test_find_copies_groups_memos_stored_before_and_resumes(archive):
    before = dict(Memo.objects.values_list("source_id", "copy_group"))
    Memo.objects.filter(source_id__in=["c-copy", "c-other-a"]).update(fingerprint="", copy_group="")
    status, out, err = run_command("find_copies", no_progress=True)
    assert status == 0, err
    assert out.startswith("2 memos fingerprinted; 1 document with copies (groups: 1 of 2)")
    after = dict(Memo.objects.values_list("source_id", "copy_group"))
    assert after["c-copy"] == after["c-original"] == before["c-original"]
    assert after["c-other-a"] not in ("", after["c-original"], after["c-other-b"])
    # Nothing left to do: a second run reads no memo again.
    assert run_command("find_copies", no_progress=True)[1].startswith("0 memos fingerprinted")


# Real records of the corpus, read at test time (bench/copies.py; README "Copies of one
# document"). The 11 June 1976 Hemming memo: three copies of it, and two records each holding
# it twice (two OCR readings) behind a garbled review form, far from them by Jaccard.
HEMMING_COPIES = ["jfk-104-10138-10449", "jfk-104-10057-10154", "jfk-104-10119-10437"]
HEMMING_HELD = ["jfk-104-10273-10315", "jfk-104-10273-10316"]
# Pairs of different documents that share most of one text, each a candidate the second test
# reads and turns down: two cover memos forwarding one paper; a cover memo with the paper and
# the paper alone; a draft sent round under a cover memo and the memo sent three days later;
# one day's addendum to a journal and the record holding it with the next day's.
APART = [
    ("jfk-104-10322-10181", "jfk-104-10052-10191"),
    ("jfk-104-10322-10181", "jfk-104-10135-10322"),
    ("jfk-104-10149-10002", "jfk-104-10146-10079"),
    ("jfk-104-10142-10131", "jfk-104-10143-10058"),
]


@pytest.mark.corpus
def test_a_record_holding_a_copy_whole_joins_it_and_different_documents_stay_apart(
    corpus, ingest, tmp_path
):
    wanted = {*HEMMING_COPIES, *HEMMING_HELD, *(rid for pair in APART for rid in pair)}
    lines = [
        line
        for line in (corpus / "memos.jsonl").open(encoding="utf-8")
        if line.split('"id": "', 1)[-1].split('"', 1)[0] in wanted
    ]
    assert len(lines) == len(wanted)
    path = tmp_path / "held.jsonl"
    path.write_text("".join(lines), encoding="utf-8")
    status, _out, err = ingest(path)
    assert status == 0, err
    memos = {memo.source_id: memo for memo in Memo.objects.all()}
    signatures = {rid: stored_signature(memo.fingerprint) for rid, memo in memos.items()}
    # The records holding the memo twice are below the threshold with each copy...
    for held in HEMMING_HELD:
        for copy in HEMMING_COPIES:
            assert similarity(signatures[held], signatures[copy]) < THRESHOLD
    # ...and one document with them all, held whole.
    assert len({memos[rid].copy_group for rid in HEMMING_COPIES + HEMMING_HELD}) == 1
    for a, b in APART:
        assert similarity(signatures[a], signatures[b]) >= CANDIDATE  # the second test ran
        assert memos[a].copy_group != memos[b].copy_group, (a, b)
