"""What leaves the archive for a search: CSV and JSON exports, the Atom feed, more like this,
hit spans for the memo page; and drafts never in any of them."""

import csv
import datetime
import io
import json
from xml.etree import ElementTree

import pytest
from search_helpers import DRAFT, MEMOS, write_jsonl

from archive.models import Memo
from archive.search import service
from archive.search.highlight import hit_spans
from archive.views import exports

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def memos(ingest, tmp_path):
    """The small archive, published, plus one draft; {source id: Memo}."""
    assert ingest(write_jsonl(tmp_path / "memos.jsonl", MEMOS))[0] == 0
    assert ingest(write_jsonl(tmp_path / "draft.jsonl", [DRAFT]), publish=False)[0] == 0
    return {memo.source_id: memo for memo in Memo.objects.all()}


def csv_rows(response):
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(body[1:])))


def test_csv_export_follows_the_search(client, memos):
    response = client.get("/search/export.csv", {"agency": "Central Intelligence Agency"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="memos-search-')
    assert response["X-Result-Count"] == "4"
    rows = csv_rows(response)
    assert list(rows[0]) == list(exports.COLUMNS)
    assert [row["title"] for row in rows] == [
        "Soviet grain purchases",  # by date, oldest first, undated last
        "Japan trade relations",
        "Japan fishing talks",
        "Undated note on grain",
    ]
    grain = rows[0]
    assert grain["document_number"] == "SOV M 84-10001"
    assert grain["date"] == "1984-03-02" and grain["classification"] == "Secret"
    assert grain["exemption_codes"] == "(b)(6); 25X1" and grain["redactions"] == "2"
    assert grain["url"] == f"http://testserver{memos['t-grain'].get_absolute_url()}"
    newest = csv_rows(client.get("/search/export.csv", {"q": "grain", "sort": "-date"}))
    assert [row["title"] for row in newest][0] == "Soviet grain purchases"


def test_csv_cells_never_run_as_formulas(client, ingest, tmp_path):
    record = {"id": "f-1", "title": "=HYPERLINK(\"http://x\")", "agency": "@SUM(A1)",
              "text": "formula"}  # fmt: skip
    assert ingest(write_jsonl(tmp_path / "f.jsonl", [record]))[0] == 0
    (row,) = csv_rows(client.get("/search/export.csv", {"q": "formula"}))
    assert row["title"] == '\'=HYPERLINK("http://x")' and row["agency"] == "'@SUM(A1)"


def test_json_export(client, memos):
    response = client.get("/search/export.json", {"q": "Sakhalin", "code": "25X1"})
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert data["count"] == data["exported"] == 1 and data["truncated"] is False
    assert data["limit"] == service.EXPORT_LIMIT == 10_000
    assert data["filters"] == {"code": ["25X1"]}
    (item,) = data["results"]
    assert item["slug"] == memos["t-trade"].slug
    assert item["exemption_codes"] == ["25X1"] and "text" not in item


def test_exports_are_capped(client, memos, monkeypatch):
    monkeypatch.setattr(service, "EXPORT_LIMIT", 2)
    monkeypatch.setattr(exports, "EXPORT_LIMIT", 2)
    monkeypatch.setattr(service.export, "__defaults__", (2,))
    data = client.get("/search/export.json").json()
    assert data["count"] == 6 and data["exported"] == 2 and data["truncated"] is True
    assert len(csv_rows(client.get("/search/export.csv"))) == 2


def test_atom_feed_lists_newest_published_first(client, memos):
    for days, key in enumerate(["t-fishing", "t-grain", "t-cuba"]):
        Memo.objects.filter(pk=memos[key].pk).update(
            published_at=datetime.datetime(2030, 1, 1 + days, tzinfo=datetime.UTC)
        )
    # The index learns publication times when memos are reindexed.
    from archive.search import queue

    queue.enqueue([memo.pk for memo in memos.values()])
    queue.drain()
    response = client.get("/search/feed/", {"q": "grain OR Sakhalin OR missiles"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ElementTree.fromstring(response.content)
    assert "“grain OR Sakhalin OR missiles”" in root.find(f"{ATOM}title").text
    entries = root.findall(f"{ATOM}entry")
    titles = [entry.find(f"{ATOM}title").text for entry in entries]
    assert titles[:3] == [
        "Cuba missile deployment",
        "Soviet grain purchases",
        "Japan fishing talks",
    ]
    assert "Secret draft about Zyzzyva grain" not in titles
    link = entries[0].find(f"{ATOM}link").get("href")
    assert link == f"http://testserver{memos['t-cuba'].get_absolute_url()}"
    assert entries[0].find(f"{ATOM}updated").text.startswith("2030-01-03")
    narrowed = client.get("/search/feed/", {"code": "(b)(1)"})
    entries = ElementTree.fromstring(narrowed.content).findall(f"{ATOM}entry")
    titles = [entry.find(f"{ATOM}title").text for entry in entries]
    assert "Cuba missile deployment" in titles


def test_feed_escapes_document_text(client, ingest, tmp_path):
    record = {"id": "x-1", "title": "<script>alert(1)</script> memo",
              "text": "Payload <img src=x onerror=alert(1)> & more"}  # fmt: skip
    assert ingest(write_jsonl(tmp_path / "x.jsonl", [record]))[0] == 0
    body = client.get("/search/feed/", {"q": "payload"}).content.decode()
    assert "<img" not in body and "<script>" not in body
    assert "&amp;lt;img src=x onerror=alert(1)&amp;gt;" in body


def test_drafts_are_in_no_facet_export_feed_or_similar_list(client, memos):
    draft = memos["t-draft"]
    for params in ({}, {"q": "Zyzzyva OR grain"}, {"agency": "Draft Agency Only"}):
        data = client.get("/api/search", params).json()
        flat = json.dumps(data["facets"])
        assert "Draft" not in flat and "(b)(5)" not in flat
        assert all(r["slug"] != draft.slug for r in data["results"])
        for url in ("/search/export.csv", "/search/export.json", "/search/feed/", "/search/"):
            response = client.get(url, params)
            assert response.status_code == 200
            body = (
                b"".join(response.streaming_content) if response.streaming else response.content
            ).decode()
            # The query itself may be echoed back; the draft's own words never are.
            for secret in (draft.slug, draft.title, draft.document_number, "withheld"):
                assert secret not in body, (url, params, secret)
    for memo in Memo.objects.published():
        assert draft not in service.more_like_this(memo, limit=10)


def test_more_like_this(memos, django_capture_on_commit_callbacks):
    trade = memos["t-trade"]
    similar = service.more_like_this(memos["t-fishing"], limit=3)
    assert similar and similar[0] == trade  # Japan, Sakhalin
    assert memos["t-fishing"] not in similar
    assert all(memo.status == "published" for memo in similar)
    # A memo withdrawn after indexing is never offered, even before the index catches up.
    Memo.objects.filter(pk=trade.pk).update(status="withdrawn")
    assert trade not in service.more_like_this(memos["t-fishing"], limit=3)


def test_more_like_this_with_an_empty_index(db, seed):
    from archive.search import documents, engines

    with documents.writer_lock():
        engines.current().write([seed.pk], {})  # the memo leaves the index, on any engine
    assert engines.current().indexed_ids() == set()
    assert service.more_like_this(seed) == []


def test_hit_spans_for_the_memo_page(seed):
    text = seed.text
    spans = hit_spans(text, "Sakhalin")
    assert spans and all(text[s:e].lower() == "sakhalin" for s, e in spans)
    words = {text[s:e].lower() for s, e in hit_spans(text, "trade relat* -japan")}
    assert "trade" in words and any(w.startswith("relat") for w in words)
    assert "japan" not in words  # a negated word is not marked
    assert hit_spans(text, "") == [] and hit_spans(text, "   ") == []
    assert hit_spans(text, "*") == [] and hit_spans("", "Sakhalin") == []
    assert hit_spans(text, '"unbalanced (OR') is not None
    assert hit_spans(text, "\x00\ud800") == []


def test_more_like_this_is_computed_once_per_state_of_the_index(
    memos, ingest, tmp_path, monkeypatch, django_capture_on_commit_callbacks
):
    from archive.search import engines

    if engines.name() != "whoosh":
        pytest.skip("the cache of similar ids is for Whoosh, whose scoring costs the most")
    calls = []
    real = type(engines.current()).similar_ids

    def counting(self, memo, limit=5, exclude=frozenset()):
        calls.append(memo.pk)
        return real(self, memo, limit=limit, exclude=exclude)

    monkeypatch.setattr(type(engines.current()), "similar_ids", counting)
    fishing = memos["t-fishing"]
    first = service.more_like_this(fishing, limit=3)
    assert service.more_like_this(fishing, limit=3) == first
    assert calls == [fishing.pk]
    # Any change to the index is a new state: worked out again.
    extra = tmp_path / "more.txt"
    extra.write_text("MEMORANDUM FOR: The Director\nSUBJECT: Sakhalin fishing\n\nJapan fishing.\n")
    with django_capture_on_commit_callbacks(execute=True):
        assert ingest(extra)[0] == 0
    service.more_like_this(fishing, limit=3)
    assert calls == [fishing.pk, fishing.pk]
