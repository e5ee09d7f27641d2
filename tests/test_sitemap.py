"""The sitemap lists published memos and their entities, never anything unpublished."""

from archive.models import Entity, Memo


def test_sitemap_lists_published_memos_only(client, seed, ingest, tmp_path):
    draft_file = tmp_path / "draft.txt"
    draft_file.write_text("MEMORANDUM FOR: The Director\nSUBJECT: Zanzibar grain\n\nDraft.\n")
    assert ingest(draft_file, publish=False)[0] == 0
    draft = Memo.objects.exclude(pk=seed.pk).get()

    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    body = index.content.decode()
    assert "/sitemap-memos.xml" in body and "/sitemap-entities.xml" in body

    memos = client.get("/sitemap-memos.xml").content.decode()
    assert f"http://testserver/memos/{seed.slug}/" in memos
    assert draft.slug not in memos
    assert "<lastmod>" in memos

    entities = client.get("/sitemap-entities.xml").content.decode()
    sakhalin = Entity.objects.get(mentions__memo=seed, mentions__text="Sakhalin")
    assert f"/entities/{sakhalin.slug}/" in entities
    seen_only_in_draft = Entity.objects.filter(mentions__memo=draft).exclude(mentions__memo=seed)
    for entity in seen_only_in_draft:
        assert f"/entities/{entity.slug}/" not in entities

    Memo.objects.filter(pk=seed.pk).update(status="withdrawn")
    assert seed.slug not in client.get("/sitemap-memos.xml").content.decode()
    assert f"/entities/{sakhalin.slug}/" not in client.get("/sitemap-entities.xml").content.decode()


def test_the_index_dates_sections_without_visiting_every_memo(
    client, seed, ingest, tmp_path, monkeypatch
):
    import datetime

    from archive.views.sitemaps import MemoSitemap

    draft_file = tmp_path / "draft.txt"
    draft_file.write_text("MEMORANDUM FOR: The Director\nSUBJECT: Zanzibar grain\n\nDraft.\n")
    assert ingest(draft_file, publish=False)[0] == 0
    published_at = datetime.datetime(2001, 2, 3, 4, 5, 6, tzinfo=datetime.UTC)
    Memo.objects.filter(pk=seed.pk).update(updated_at=published_at)
    Memo.objects.exclude(pk=seed.pk).update(updated_at=published_at + datetime.timedelta(days=9))

    def lastmod(self, memo):
        raise AssertionError("the index looked at each memo")

    monkeypatch.setattr(MemoSitemap, "lastmod", lastmod)
    body = client.get("/sitemap.xml").content.decode()
    # The newest published change: the draft's later one is not told.
    assert "<lastmod>2001-02-03T04:05:06+00:00</lastmod>" in body
    assert "2001-02-12" not in body


def test_robots_points_at_the_sitemap(client, db):
    robots = client.get("/robots.txt")
    assert robots.status_code == 200
    assert robots["Content-Type"].startswith("text/plain")
    assert "Disallow: /admin/" in robots.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in robots.content.decode()
    assert client.get("/sitemap-nothing.xml").status_code == 404
