"""People, places and organisations: found by our gazetteer and rules, linked, pages, admin."""

import json
import re

import pytest

from archive.entities import extract_mentions, link_memo
from archive.entities.gazetteer import default_gazetteer
from archive.models import Entity, Memo, Mention
from archive.search.urls import search_url
from tests.conftest import indexed_ids, run_command

SEED_PEOPLE = {
    "Abe": "Shintaro Abe",
    "Sushkov": "Vladimir Sushkov",
    "Nakasone": "Yasuhiro Nakasone",
    "Reagan": "Ronald Reagan",
    "Gromyko": "Andrei Gromyko",
}
SEED_PLACES = {"Japan", "USSR", "Siberia", "Sakhalin", "Poland", "Afghanistan"}
SEED_ORGS = {"COCOM", "Japan-USSR Joint Economic Committee"}


def names(text, **options):
    return [(f.text, f.name, f.kind) for f in extract_mentions(text, **options)]


def test_seed_entities_are_found(seed):
    found = {(m.entity.name, m.entity.kind) for m in seed.mentions.select_related("entity")}
    for name in SEED_PEOPLE.values():
        assert (name, "person") in found
    for name in SEED_PLACES:
        assert (name, "place") in found
    for name in SEED_ORGS:
        assert (name, "organization") in found
    # Each mention's text is where it says it is; "Abe" alone counts after "Foreign Minister Abe".
    abe = seed.mentions.filter(entity__name="Shintaro Abe")
    assert abe.count() == 3
    for mention in seed.mentions.all():
        assert seed.text[mention.start : mention.end] == mention.text
    siberia = seed.mentions.filter(entity__name="Siberia").values_list("text", flat=True)
    assert set(siberia) == {"Siberian"}


def test_seed_entities_are_linked_on_the_page(client, seed):
    page = client.get("/memos/ea-m-84-10245/").content.decode()
    for written, name in SEED_PEOPLE.items():
        url = search_url(entity=name).replace("&", "&amp;")
        assert re.search(
            rf'<a class="entity entity-person" href="{re.escape(url)}"[^>]*>{written}</a>', page
        )
    for name in SEED_PLACES | SEED_ORGS:
        assert f'href="{search_url(entity=name)}"' in page
    assert 'href="/entities/andrei-gromyko/"' in page  # the entity page, from "Named in this memo"


def test_entity_facet_search_finds_the_seed(client, seed):
    page = client.get(search_url(entity="Andrei Gromyko")).content.decode()
    assert seed.title in page
    page = client.get(search_url(entity="Nobody Atall")).content.decode()
    assert seed.title not in page


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Foreign Minister Abe arrived. Abe said no.",
            [("Abe", "Shintaro Abe"), ("Abe", "Shintaro Abe")],
        ),
        ("Abe said no.", []),  # a bare surname that is also a first name needs an introduction
        (
            "President Kennedy met Attorney General Kennedy.",
            [("Kennedy", "John F. Kennedy"), ("Kennedy", "Robert F. Kennedy")],
        ),
        (
            "Robert Kennedy called. Later Kennedy left.",
            [("Robert Kennedy", "Robert F. Kennedy"), ("Kennedy", "Robert F. Kennedy")],
        ),
        # Not the President: a person of his own, found by the given name (names.py).
        ("Joseph Kennedy wrote.", [("Joseph Kennedy", "Joseph Kennedy")]),
        ("Castro spoke in Havana.", [("Castro", "Fidel Castro"), ("Havana", "Havana")]),
        ("Gromyko's visit", [("Gromyko", "Andrei Gromyko")]),
        (
            "the Cuban Embassy in Mexico City",
            [("Cuban Embassy", "Embassy of Cuba"), ("Mexico City", "Mexico City")],
        ),
        (
            "the Soviet Union and the U.S. agreed",
            [("Soviet Union", "USSR"), ("U.S.", "United States")],
        ),
        (
            "Ambassador Dobrynin and Mr. Hollis Smith met. Smith spoke.",
            [
                ("Dobrynin", "Anatoly Dobrynin"),
                ("Hollis Smith", "Hollis Smith"),
                ("Smith", "Hollis Smith"),
            ],
        ),
        ("Prime Minister Lee Kuan Yew", [("Lee Kuan Yew", "Lee Kuan Yew")]),
        (
            "Dr. William Z. Slany came. Mr. Slany spoke. Later Slany left.",
            [
                ("William Z. Slany", "William Z. Slany"),
                ("Slany", "William Z. Slany"),
                ("Slany", "William Z. Slany"),
            ],
        ),
        ("Mr. Murphy. Well, we agreed.", [("Murphy", "Murphy")]),
        ("the Japan Branch, Northeast Asia Division", []),  # an office's name, not the places
        ("Mr. President, the General Assembly met.", [("General Assembly", "UN General Assembly")]),
    ],
)
def test_rules_and_gazetteer(text, expected):
    assert [(t, n) for t, n, _kind in names(text)] == expected


def test_namesakes_are_told_apart_by_date():
    assert names("President Bush spoke.", year=1990)[0][1] == "George H. W. Bush"
    assert names("President Bush spoke.", year=2002)[0][1] == "George W. Bush"


def test_texts_in_capitals():
    found = names("PRESIDENT REAGAN MET GROMYKO IN MOSCOW. PLEASE LET US KNOW.")
    assert ("REAGAN", "Ronald Reagan", "person") in found
    assert ("GROMYKO", "Andrei Gromyko", "person") in found
    assert ("MOSCOW", "Moscow", "place") in found
    assert not [f for f in found if f[0] == "US"]  # "let us know", not the United States


def test_skipped_spans_are_left_alone():
    text = "Gromyko met [Redacted] in Moscow."
    skip = [(text.index("Moscow"), text.index("Moscow") + 6)]
    assert [f.text for f in extract_mentions(text, skip=skip)] == ["Gromyko"]


def test_gazetteer_is_consistent():
    gazetteer = default_gazetteer()
    assert len(gazetteer.entries) > 500
    for entry in gazetteer.entries.values():
        assert entry.key and entry.name and entry.kind in {"person", "place", "organization"}
        for default in entry.default_for:
            assert default in entry.forms or default in entry.weak


def test_relinking_keeps_curated_mentions_and_is_stable(seed, django_capture_on_commit_callbacks):
    before = seed.mentions.count()
    wrong = seed.mentions.filter(text="Reagan").get()
    other = Entity.objects.create(name="Reagan (curated)", kind="person", slug="reagan-curated")
    wrong.entity, wrong.curated = other, True
    wrong.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert link_memo(seed) == before - 1
    assert seed.mentions.count() == before
    assert seed.mentions.get(text="Reagan").entity == other
    assert not seed.mentions.filter(text="Reagan", curated=False).exists()


def test_merged_entities_are_followed(seed):
    gromyko = Entity.objects.get(slug="andrei-gromyko")
    survivor = Entity.objects.create(name="A. A. Gromyko", kind="person", slug="a-a-gromyko")
    gromyko.merged_into = survivor
    gromyko.save()
    link_memo(seed)
    assert seed.mentions.filter(entity=survivor).count() == 1
    assert not seed.mentions.filter(entity=gromyko).exists()


def test_curators_aliases_are_looked_for(seed):
    from archive.entities import invalidate

    sakhalin = Entity.objects.get(slug="sakhalin")
    sakhalin.aliases = [*sakhalin.aliases, "LNG project"]
    sakhalin.save()
    Memo.objects.filter(pk=seed.pk).update(text=seed.text + "\nThe LNG project stalled.\n")
    seed.refresh_from_db()
    invalidate()
    link_memo(seed)
    assert seed.mentions.filter(entity=sakhalin, text="LNG project").exists()


def test_entity_page_lists_memos_on_a_timeline(client, seed):
    response = client.get("/entities/andrei-gromyko/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>Andrei Gromyko</h1>" in page
    assert seed.title in page
    assert '<svg viewBox="0 0 720 150"' in page
    assert 'href="?year=1984#memos" aria-label="1984: 1 memo"' in page
    assert "<mark>Gromyko</mark>" in page  # the mention in its context
    assert f'href="{search_url(entity="Andrei Gromyko")}"' in page
    for params in (
        {"year": "1984"},
        {"year": "abc"},
        {"page": "99"},
        {"page": "-1"},
        {"year": "1985"},
    ):
        assert client.get("/entities/andrei-gromyko/", params).status_code == 200
    assert client.get("/entities/no-such-entity/").status_code == 404


def test_merged_entity_page_redirects(client, seed):
    gromyko = Entity.objects.get(slug="andrei-gromyko")
    survivor = Entity.objects.create(name="A. A. Gromyko", kind="person", slug="a-a-gromyko")
    Entity.objects.filter(pk=gromyko.pk).update(merged_into=survivor)
    response = client.get("/entities/andrei-gromyko/")
    assert response.status_code == 301
    assert response["Location"] == "/entities/a-a-gromyko/"
    # The survivor's page shows the duplicate's memos (mentions not moved yet).
    assert seed.title in client.get("/entities/a-a-gromyko/").content.decode()


def test_entities_of_unpublished_memos_are_never_shown(client, seed, ingest, tmp_path):
    path = tmp_path / "draft.jsonl"
    line = {"id": "d-1", "title": "Draft", "text": "Ambassador Zyzzyvan met Gromyko in Ulan Bator."}
    path.write_text(json.dumps(line) + "\n")
    assert ingest(path, publish=False)[0] == 0
    entity = Entity.objects.get(name="Zyzzyvan")
    assert client.get(entity.get_absolute_url()).status_code == 404
    assert "Zyzzyvan" not in client.get("/entities/", {"q": "Zyzz"}).content.decode()
    page = client.get("/entities/andrei-gromyko/").content.decode()
    assert "Draft" not in page and "1 published memo" in page.replace("named in 1", "1")


def test_entity_index(client, seed):
    page = client.get("/entities/").content.decode()
    assert "Andrei Gromyko" in page and "COCOM" in page
    page = client.get("/entities/", {"kind": "person"}).content.decode()
    assert "Andrei Gromyko" in page and "COCOM" not in page
    page = client.get("/entities/", {"q": "gromy"}).content.decode()
    assert "Andrei Gromyko" in page and "Japan" not in page
    for params in ({"kind": "bogus"}, {"page": "x"}, {"q": "\x00" * 3}):
        assert client.get("/entities/", params).status_code == 200


def test_admin_merges_entities(admin_client, seed, django_capture_on_commit_callbacks):
    assert admin_client.get("/admin/archive/entity/").status_code == 200
    ussr = Entity.objects.get(slug="ussr")
    assert admin_client.get(f"/admin/archive/entity/{ussr.pk}/change/").status_code == 200
    russia = Entity.objects.create(name="Soviet Russia", kind="place", slug="soviet-russia")
    mention = Mention.objects.create(memo=seed, entity=russia, start=0, end=1, text=seed.text[0])
    response = admin_client.post(
        "/admin/archive/entity/",
        {"action": "merge_selected", "_selected_action": [ussr.pk, russia.pk]},
    )
    assert response.status_code == 200 and b"Which entity survives?" in response.content
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            "/admin/archive/entity/",
            {
                "action": "merge_selected",
                "_selected_action": [ussr.pk, russia.pk],
                "apply": "1",
                "survivor": str(ussr.pk),
            },
        )
    assert response.status_code == 302
    russia.refresh_from_db()
    ussr.refresh_from_db()
    mention.refresh_from_db()
    assert russia.merged_into == ussr
    assert mention.entity == ussr
    assert "Soviet Russia" in ussr.aliases
    assert seed.pk in indexed_ids()


def test_admin_mention_edit_is_curated(admin_client, seed):
    mention = seed.mentions.get(text="Reagan")
    response = admin_client.post(
        f"/admin/archive/mention/{mention.pk}/change/",
        {
            "memo": seed.pk,
            "entity": mention.entity_id,
            "start": mention.start,
            "end": mention.end,
            "text": "Reagan",
        },
    )
    assert response.status_code == 302
    mention.refresh_from_db()
    assert mention.curated


def test_a_link_a_curator_removed_stays_removed(admin_client, seed):
    from archive.entities import link_memo

    wrong = seed.mentions.filter(text="Sakhalin").first()
    assert wrong is not None
    others = seed.mentions.filter(text="Sakhalin").count()
    response = admin_client.post(
        f"/admin/archive/mention/{wrong.pk}/delete/", {"post": "yes"}, follow=False
    )
    assert response.status_code == 302
    assert not seed.mentions.filter(pk=wrong.pk).exists()
    # Extraction runs again (a re-ingest, a text correction, the command): not made again,
    # anywhere in the memo; other names are found as before.
    link_memo(seed)
    assert not seed.mentions.filter(text="Sakhalin", entity=wrong.entity_id).exists()
    assert seed.mentions.filter(text="Reagan").exists()
    assert others >= 1


def test_extract_entities_command_resumes(seed, ingest, tmp_path, settings):
    settings.DATA_DIR = tmp_path
    path = tmp_path / "more.jsonl"
    path.write_text(
        json.dumps({"id": "m-2", "title": "Second", "text": "Gorbachev in Reykjavik."}) + "\n"
    )
    assert ingest(path)[0] == 0
    second = Memo.objects.get(source_id="m-2")
    Mention.objects.all().delete()
    # An interrupted run that had finished the seed: the next run does only the second memo.
    (tmp_path / "extract_entities.checkpoint").write_text(json.dumps({"after": seed.pk}))
    status, out, _err = run_command("extract_entities", no_progress=True)
    assert status == 0
    assert "Resuming after memo id" in out and "in 1 memos" in out
    assert not seed.mentions.exists() and second.mentions.count() == 2
    assert not (tmp_path / "extract_entities.checkpoint").exists()
    status, out, _err = run_command("extract_entities", no_progress=True)
    assert status == 0 and "in 2 memos" in out
    assert seed.mentions.count() > 50
    status, _out, err = run_command("extract_entities", "no-such-slug", no_progress=True)
    assert status == 1 and "no-such-slug" in err


@pytest.mark.corpus
def test_corpus_extraction(corpus):
    """Over real records: known people found, and no name swallowed by a sentence."""
    found = {}
    with (corpus / "memos.jsonl").open() as lines:
        for number, line in enumerate(lines):
            if number >= 400:
                break
            record = json.loads(line)
            year = int(record["date"][:4]) if record.get("date") else None
            for item in extract_mentions(record["text"], year=year):
                assert record["text"][item.start : item.end] == item.text
                assert not re.search(r"[a-z]{2}\. ", item.name), item  # "Murphy. Well" is no name
                found[item.name] = found.get(item.name, 0) + 1
    for name in (
        "Lee Harvey Oswald",
        "Fidel Castro",
        "John F. Kennedy",
        "Central Intelligence Agency",
        "Cuba",
        "Mexico City",
    ):
        assert found.get(name, 0) > 5, name


def test_entity_index_counts_are_kept_until_something_they_count_changes(client, seed):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def listed():
        with CaptureQueriesContext(connection) as queries:
            page = client.get("/entities/", {"q": "gromy"}).content.decode()
        counted = any("COUNT(DISTINCT" in q["sql"].upper() for q in queries.captured_queries)
        return page, counted

    page, counted = listed()
    assert "Andrei Gromyko" in page and "1 memo" in page and counted
    page, counted = listed()
    assert "Andrei Gromyko" in page and not counted  # the same state: counts from the cache
    # A withdrawal, even one that bypasses save(), is a new state: counted again at once.
    Memo.objects.filter(pk=seed.pk).update(status="withdrawn")
    page, counted = listed()
    assert counted and "Andrei Gromyko" not in page
    Memo.objects.filter(pk=seed.pk).update(status="published")
    assert "Andrei Gromyko" in listed()[0]
    # A curator moving one mention to another entity (save()) is a new state too.
    other = Entity.objects.create(name="Gromyko Andreevich", kind="person", slug="g-a")
    for mention in Mention.objects.filter(entity__slug="andrei-gromyko"):
        mention.entity = other
        mention.save()
    page, counted = listed()
    assert counted and "Gromyko Andreevich" in page and "Andrei Gromyko" not in page


def test_entity_page_years_pages_and_undated_memos(client, seed, ingest, tmp_path, monkeypatch):
    from archive.views import entities

    lines = [
        {"id": "g-1962", "title": "Gromyko in 1962", "date": "1962-10-20",
         "text": "Gromyko met the President. Gromyko said nothing of missiles."},
        {"id": "g-1963", "title": "Gromyko in 1963", "date": "1963-08-05",
         "text": "The treaty was signed by Gromyko in Moscow."},
        {"id": "g-undated", "title": "Gromyko undated",
         "text": "A note on Gromyko, undated."},
    ]  # fmt: skip
    path = tmp_path / "gromyko.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    assert ingest(path)[0] == 0
    page = client.get("/entities/andrei-gromyko/").content.decode()
    assert "named in 4 published memos" in page
    assert "1 of them undated (listed last)" in page
    order = [page.index(title) for title in ("Gromyko in 1962", "Gromyko in 1963", seed.title)]
    assert order == sorted(order) and page.index("Gromyko undated") > order[-1]
    assert "2 mentions" in page  # the 1962 memo names him twice
    page = client.get("/entities/andrei-gromyko/", {"year": "1963"}).content.decode()
    assert "Gromyko in 1963" in page and "Gromyko in 1962" not in page
    assert "Gromyko undated" not in page and "named in 4 published memos" in page
    monkeypatch.setattr(entities, "MEMOS_PER_PAGE", 2)
    first = client.get("/entities/andrei-gromyko/").content.decode()
    second = client.get("/entities/andrei-gromyko/", {"page": "2"}).content.decode()
    assert "Gromyko in 1962" in first and "Gromyko undated" not in first
    assert "Gromyko undated" in second and "Gromyko in 1962" not in second


def test_entity_counts_follow_the_queue_and_a_lost_stamp(
    client, seed, django_capture_on_commit_callbacks
):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from archive.entities import counts
    from archive.search import queue

    def counted():
        with CaptureQueriesContext(connection) as queries:
            assert "Andrei Gromyko" in client.get("/entities/", {"q": "gromy"}).content.decode()
        sql = [q["sql"].upper() for q in queries.captured_queries]
        # Knowing whether the counts still hold never counts the mentions themselves.
        assert not any(
            "COUNT(" in s and 'FROM "ARCHIVE_MENTION"' in s and "DISTINCT" not in s for s in sql
        )
        return any("COUNT(DISTINCT" in s for s in sql)

    counted()
    assert not counted()
    # Any committed change that queues a memo for the index is a new state.
    with django_capture_on_commit_callbacks(execute=True):
        queue.enqueue([seed.pk])
    assert counted() and not counted()
    # A stamp the cache lost is replaced: the counts made under the old one are not used.
    cache.delete(counts.STAMP_KEY)
    assert counted() and not counted()


@pytest.mark.corpus
@pytest.mark.parametrize("how", ["ingest", "relink"])
def test_no_link_inside_the_form_or_a_release_stamp(corpus, ingest, tmp_path, how):
    # A JFK record as released (tuning part): its identification form and the JFK Act's
    # release stamp ("... PRESIDENT JOHN F. KENNEDY ASSASSINATION RECORDS ACT") name people.
    from search_helpers import write_jsonl

    from archive.body import noise_spans

    record = "jfk-form-157-10004-10278"
    with (corpus / "jfk_forms.jsonl").open(encoding="utf-8") as lines:
        text = next(json.loads(line)["text"] for line in lines if record in line)
    assert ingest(write_jsonl(tmp_path / "r.jsonl", [{"id": record, "text": text}]))[0] == 0
    memo = Memo.objects.get(source_id=record)
    if how == "relink":
        link_memo(memo)
    noise = noise_spans(memo.text, memo.parts)
    stamp = memo.text.upper().find("JOHN F. KENNEDY")
    assert stamp >= 0 and any(start <= stamp < end for start, end in noise)
    mentions = list(memo.mentions.values_list("start", "end", "entity__name"))
    assert mentions  # the letter itself names people
    for start, end, name in mentions:
        assert not any(s < end and start < e for s, e in noise), (name, memo.text[start:end])
    assert "John F. Kennedy" not in {name for _s, _e, name in mentions}


def test_new_names_are_made_entities_a_batch_at_a_time(db, django_assert_max_num_queries):
    """Priming makes every new name's entity in a few statements, each under a free slug."""
    from archive.entities.document import Found
    from archive.entities.linking import EntityResolver

    # Another name already holds the slug "jane-roe": the new one takes the next.
    taken = Entity.objects.create(name="Jane  Roe", kind="person", slug="jane-roe")
    names = [f"Person Number{n}" for n in range(40)] + ["Jane Roe"]
    found = [Found(0, 1, name, name, "person") for name in names]
    found.append(Found(0, 1, "Jane Roe", "Jane Roe", "org"))  # same name, another kind
    resolver = EntityResolver()
    with django_assert_max_num_queries(6):
        resolver.prime(found)
        ids = [resolver.entity_id(item, None) for item in found]
    assert len(set(ids)) == len(found) == Entity.objects.count() - 1
    assert taken.pk not in ids
    jane = Entity.objects.get(name="Jane Roe", kind="person")
    assert jane.slug == "jane-roe-person"
    assert Entity.objects.get(name="Jane Roe", kind="org").slug == "jane-roe-org"
    # A second run finds them all again, making nothing.
    again = EntityResolver()
    again.prime(found)
    assert [again.entity_id(item, None) for item in found] == ids
    assert Entity.objects.count() == len(found) + 1
