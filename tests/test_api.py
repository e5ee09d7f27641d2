"""The JSON API for a reader's first hour: trailing slashes, page sizes, warnings that name the
parameter, and a memo with its names, public notes, page images, releases and codes explained;
real answers checked against /api/openapi.json."""

import json

import pytest
from django.contrib.auth.models import Group, User
from openapi_check import answer_schema, problems
from search_helpers import write_jsonl

from archive.curation.suppressions import suppress
from archive.ingest.images import PageImage, store_pages
from archive.models import Memo, Note, Visibility
from tests import pagefiles as files

OPENING = "Vice President Spiro Agnew met the Kestrel delegation in Tokyo."
RELEASES = [
    {
        "id": "api-1998", "doc_number": "ZZ M 84-00001", "title": "Kestrel talks (1998 release)",
        "release_date": "1998-05-01", "date": "1984-03-02", "agency": "Central Intelligence Agency",
        "text": f"{OPENING}\n\n25X1\n\n[Redacted]\n\nSTAT\n\nThe Kestrel talks went on.",
    },
    {
        "id": "api-2012", "doc_number": "ZZ M 84-00001", "title": "Kestrel talks (2012 release)",
        "release_date": "2012-05-01", "date": "1984-03-02", "agency": "Central Intelligence Agency",
        "text": f"{OPENING}\n\n25X1\n\nThe Kestrel talks went on.",
    },
    {
        "id": "api-2020", "doc_number": "ZZ M 84-00001", "title": "Kestrel talks (2020 draft)",
        "release_date": "2020-05-01", "date": "1984-03-02", "agency": "Central Intelligence Agency",
        "text": f"{OPENING}\n\nThe Kestrel talks went on, and on.",
    },
]  # fmt: skip


@pytest.fixture
def kestrel(ingest, tmp_path):
    """Three releases of one document (the last unpublished); the first with two page images,
    a public and an internal note."""
    assert ingest(write_jsonl(tmp_path / "releases.jsonl", RELEASES[:2]))[0] == 0
    assert ingest(write_jsonl(tmp_path / "draft.jsonl", RELEASES[2:]), publish=False)[0] == 0
    memo = Memo.objects.get(source_id="api-1998")
    pages = [PageImage(n, files.page_image(400, 500, f"Page {n}")) for n in (1, 2)]
    store_pages(memo, pages, texts=[OPENING, "The Kestrel talks went on."])
    memo.pages.filter(number=1).update(text_start=0, text_end=len(OPENING))
    memo.pages.filter(number=2).update(text_start=len(OPENING), text_end=len(memo.text))
    start = memo.text.index("Spiro Agnew")
    for visibility, body in [(Visibility.PUBLIC, "Agnew was *Vice President*."), ("internal", "x")]:
        Note.objects.create(
            memo=memo, body=body, visibility=visibility, start=start, end=start + 11,
            quote="Spiro Agnew",
        )  # fmt: skip
    return memo


def api(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, (url, response.status_code)
    return response.json()


def test_every_api_url_answers_the_same_with_a_trailing_slash(client, kestrel):
    for url in ["/api/search", f"/api/memos/{kestrel.slug}", "/api/openapi.json"]:
        assert api(client, url, q="Kestrel") == api(client, url + "/", q="Kestrel"), url
    assert api(client, "/api/search/", q="delegation")["count"] == 2
    missing = client.get("/api/memos/no-such-memo/")
    assert missing.status_code == 404 and "error" in missing.json()


def test_page_size_and_warnings_that_name_the_parameter(client, kestrel):
    data = api(client, "/api/search", q="Kestrel", page_size="1", page="2")
    assert (data["page_size"], data["page"], data["num_pages"], len(data["results"])) == (
        1,
        2,
        2,
        1,
    )
    assert data["warnings"] == []
    sent = {"q": "Kestrel", "sort": "bogus", "page": "abc", "date_from": "19x4",
            "page_size": "500", "colour": "red"}  # fmt: skip
    data = api(client, "/api/search", **sent)
    assert data["count"] == 2 and data["page"] == 1 and data["page_size"] == 100
    named = {(w["parameter"], w["value"]) for w in data["warnings"]}
    assert named == {("sort", "bogus"), ("page", "abc"), ("date_from", "19x4"),
                     ("page_size", "500"), ("colour", "red")}  # fmt: skip
    assert all(w["message"] for w in data["warnings"])
    for size, expected in [("0", 1), ("ten", 20), ("-4", 1)]:
        data = api(client, "/api/search", page_size=size)
        assert data["page_size"] == expected
        assert [w["parameter"] for w in data["warnings"]] == ["page_size"]
    beyond = api(client, "/api/search", q="Kestrel", page="9")
    assert beyond["page"] == 1 and beyond["warnings"][0]["parameter"] == "page"
    assert "only 1 page" in beyond["warnings"][0]["message"]


def test_the_memo_answer_has_names_notes_pages_releases_and_codes(client, kestrel):
    data = api(client, f"/api/memos/{kestrel.slug}")
    assert {(e["name"], e["kind"], e["mentions"]) for e in data["entities"]} == {
        ("Spiro Agnew", "person", 1),
        ("Tokyo", "place", 1),
    }
    agnew = next(e for e in data["entities"] if e["name"] == "Spiro Agnew")
    assert client.get(agnew["url"]).status_code == 200
    (note,) = data["notes"]  # the internal note is not there
    assert note["body"] == "Agnew was *Vice President*." and "<em>" in note["html"]
    assert (
        note["quote"] == "Spiro Agnew"
        and data["text"][note["start"] : note["end"]] == "Spiro Agnew"
    )
    assert [p["number"] for p in data["pages"]] == [1, 2]
    for key in ("image", "thumbnail", "iiif_info"):
        response = client.get(data["pages"][0][key])
        assert response.status_code == 200, key
    assert client.get(data["iiif_manifest"]).status_code == 200
    (other,) = data["releases"]  # the unpublished 2020 release is not there
    assert (other["release_date"], other["title"]) == ("2012-05-01", "Kestrel talks (2012 release)")
    assert client.get(other["api"]).status_code == 200
    assert client.get(other["compare"]).status_code == 200
    codes = {item["code"]: item for item in data["exemptions"]}
    assert codes["25X1"]["confirmed"] and codes["25X1"]["kind"] == "code"
    assert codes["25X1"]["meaning"].startswith("Withheld: would expose an intelligence source")
    assert codes["25X1"]["source"] == "EO 13526 §3.3(b)(1)" and codes["25X1"]["note"] is None
    # STAT: an early CREST note whose meaning the reference leaves UNCONFIRMED.
    statute = codes["Statute note"]
    assert statute["confirmed"] is False and "not been confirmed" in statute["note"]


def test_the_memo_answer_leaves_out_a_suppressed_passage(client, kestrel):
    reviewer = User.objects.create_user("reviewer", password="pw", is_staff=True)
    reviewer.groups.add(Group.objects.get(name="Reviewer"))
    suppress(kestrel, reviewer, "A living person", passage="Spiro Agnew")
    data = api(client, f"/api/memos/{kestrel.slug}")
    assert [e["name"] for e in data["entities"]] == ["Tokyo"]
    assert [p["number"] for p in data["pages"]] == [2]  # page 1 shows the passage
    (note,) = data["notes"]
    assert "Agnew" not in note["quote"] and "Spiro" not in note["quote"]
    without_bodies = json.dumps({**data, "notes": [], "suppressions": []})
    assert "Spiro" not in without_bodies and "Agnew" not in without_bodies


def test_an_unpublished_release_has_no_answer(client, kestrel):
    draft = Memo.objects.get(source_id="api-2020")
    assert client.get(f"/api/memos/{draft.slug}").status_code == 404
    assert client.get(f"/api/memos/{draft.slug}/").status_code == 404


@pytest.fixture
def description(client, db):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    data = response.json()
    assert data["openapi"].startswith("3.")
    return data


def test_the_checker_finds_what_does_not_fit(description):
    warning = {"$ref": "#/components/schemas/Warning"}
    assert (
        problems({"parameter": "sort", "value": None, "message": "m"}, warning, description) == []
    )
    assert problems({"parameter": 1, "value": "x"}, warning, description) == [
        "$: 'message' missing",
        "$.parameter: int is not ['string']",
    ]
    assert problems(
        {"parameter": "p", "value": "v", "message": "m", "more": 1}, warning, description
    )


def test_real_answers_fit_the_description(client, kestrel, description):
    search_schema = answer_schema(description, "/api/search")
    sent = {"q": "Kestrel", "sort": "bogus", "page_size": "1", "colour": "red"}
    for params in [sent, {}, {"q": "Kestrel", "code": "25X1"}]:
        data = client.get("/api/search", params).json()
        assert data["results"] or not params
        assert problems(data, search_schema, description) == [], params
    memo_schema = answer_schema(description, "/api/memos/{slug}")
    for memo in (kestrel, Memo.objects.get(source_id="api-2012")):
        data = client.get(f"/api/memos/{memo.slug}").json()
        assert problems(data, memo_schema, description) == []
    assert data["pages"] == [] and data["releases"]
    missing = client.get("/api/memos/nothing")
    error_schema = answer_schema(description, "/api/memos/{slug}", "404")
    assert missing.status_code == 404 and problems(missing.json(), error_schema, description) == []
