"""IIIF: the Presentation 3 manifest, the level 0 image services, published memos only."""

import io
import json
import re

import pytest
from PIL import Image

from archive.choices import Status
from archive.ingest.images import PageImage, store_pages
from archive.models import Memo
from archive.pages import derivatives
from tests import pagefiles as files
from tests.conftest import run_command

BASE = "http://testserver"
MANIFEST = "/iiif/ea-m-84-10245/manifest.json"
PAGE_SIZES = [(1700, 2200), (1000, 800)]


@pytest.fixture
def paged(seed):
    """The seed memo with two page images of different shapes."""
    pages = [
        PageImage(n, files.page_image(w, h, f"Page {n}"), source_name="scan.pdf")
        for n, (w, h) in enumerate(PAGE_SIZES, start=1)
    ]
    store_pages(seed, pages, texts=["page one text", "page two text"])
    return seed


@pytest.fixture
def draft_with_pages(db, tmp_path, ingest):
    path = tmp_path / "draft.jsonl"
    line = {"id": "d1", "doc_number": "SOV M 85-10003", "title": "A draft", "text": "Draft text."}
    path.write_text(json.dumps(line) + "\n")
    assert ingest(path, publish=False)[0] == 0
    memo = Memo.objects.get(source_id="d1")
    store_pages(memo, [PageImage(1, files.page_image(400, 500))])
    return memo


def get_json(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200, (url, response.status_code)
    return response, json.loads(response.content)


def language_map(value):
    assert isinstance(value, dict) and value, value
    for language, strings in value.items():
        assert re.fullmatch(r"[a-zA-Z-]+", language), language
        assert isinstance(strings, list) and strings, value
        assert all(isinstance(s, str) for s in strings), value


def absolute(url):
    assert isinstance(url, str) and url.startswith(BASE + "/"), url
    return url[len(BASE) :]


def check_image(client, resource, width=None, height=None):
    """An Image resource: its URL serves a JPEG of exactly the size it declares."""
    assert resource["type"] == "Image"
    assert resource["format"] == "image/jpeg"
    response = client.get(absolute(resource["id"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    with Image.open(io.BytesIO(b"".join(response.streaming_content))) as image:
        assert image.format == "JPEG"
        assert image.size == (resource["width"], resource["height"])
    if width:
        assert (resource["width"], resource["height"]) == (width, height)
    service = resource["service"]
    assert isinstance(service, list) and len(service) == 1
    assert service[0]["type"] == "ImageService3"
    assert service[0]["profile"] == "level0"
    return absolute(service[0]["id"])


def test_manifest_has_what_presentation_3_requires(client, paged):
    response, manifest = get_json(client, MANIFEST)
    assert manifest["@context"] == "http://iiif.io/api/presentation/3/context.json"
    assert manifest["id"] == BASE + MANIFEST
    assert manifest["type"] == "Manifest"
    language_map(manifest["label"])
    assert manifest["label"] == {"en": [paged.title]}
    language_map(manifest["summary"])
    for entry in manifest["metadata"]:
        assert set(entry) == {"label", "value"}
        language_map(entry["label"])
        language_map(entry["value"])
    labels = {entry["label"]["en"][0]: entry["value"] for entry in manifest["metadata"]}
    assert labels["Document number"] == {"none": ["EA M 84-10245"]}
    assert labels["Agency"] == {"en": [paged.agency]}
    assert labels["Date"] == {"en": ["28 December 1984"]}
    assert manifest["navDate"] == "1984-12-28T00:00:00Z"
    # Rights: a URI from RightsStatements.org or Creative Commons, as the spec requires.
    assert manifest["rights"] == "http://rightsstatements.org/vocab/NoC-US/1.0/"
    language_map(manifest["requiredStatement"]["label"])
    language_map(manifest["requiredStatement"]["value"])
    assert "17 U.S.C. § 105" in manifest["requiredStatement"]["value"]["en"][0]
    assert manifest["provider"][0]["type"] == "Agent"
    # homepage: the memo's page; seeAlso: its JSON record. Both resolve.
    [home] = manifest["homepage"]
    assert (home["type"], home["format"]) == ("Text", "text/html")
    assert client.get(absolute(home["id"])).status_code == 200
    [see_also] = manifest["seeAlso"]
    assert (see_also["type"], see_also["format"]) == ("Dataset", "application/json")
    assert json.loads(client.get(absolute(see_also["id"])).content)["slug"] == paged.slug
    check_image(client, manifest["thumbnail"][0])

    assert len(manifest["items"]) == 2
    for number, (canvas, (width, height)) in enumerate(
        zip(manifest["items"], PAGE_SIZES, strict=True), start=1
    ):
        assert canvas["type"] == "Canvas"
        assert canvas["id"].startswith(BASE + "/")
        language_map(canvas["label"])
        assert (canvas["width"], canvas["height"]) == (width, height)
        check_image(client, canvas["thumbnail"][0])
        [annotation_page] = canvas["items"]
        assert annotation_page["type"] == "AnnotationPage"
        assert annotation_page["id"].startswith(BASE + "/")
        [annotation] = annotation_page["items"]
        assert annotation["type"] == "Annotation"
        assert annotation["motivation"] == "painting"
        assert annotation["target"] == canvas["id"]
        service = check_image(client, annotation["body"], width, height)
        assert service == f"/iiif/ea-m-84-10245/{number}"
    ids = [canvas["id"] for canvas in manifest["items"]]
    assert len(set(ids)) == len(ids)


def test_info_json_is_a_level_0_service_and_every_size_is_served(client, paged):
    _response, info = get_json(client, "/iiif/ea-m-84-10245/1/info.json")
    assert info["@context"] == "http://iiif.io/api/image/3/context.json"
    assert info["id"] == BASE + "/iiif/ea-m-84-10245/1"
    assert info["type"] == "ImageService3"
    assert info["protocol"] == "http://iiif.io/api/image"
    assert info["profile"] == "level0"
    assert (info["width"], info["height"]) == (1700, 2200)
    assert "tiles" not in info and "maxWidth" not in info
    assert info["sizes"] == [
        {"width": 213, "height": 275},
        {"width": 425, "height": 550},
        {"width": 850, "height": 1100},
        {"width": 1700, "height": 2200},
    ]
    for size in info["sizes"]:
        url = f"/iiif/ea-m-84-10245/1/full/{size['width']},{size['height']}/0/default.jpg"
        response = client.get(url)
        assert response.status_code == 200
        with Image.open(io.BytesIO(b"".join(response.streaming_content))) as image:
            assert image.size == (size["width"], size["height"])
    response = client.get("/iiif/ea-m-84-10245/1/full/max/0/default.jpg")
    with Image.open(io.BytesIO(b"".join(response.streaming_content))) as image:
        assert image.size == (1700, 2200)


@pytest.mark.parametrize(
    "tail",
    [
        "full/400,500/0/default.jpg",  # not an offered size
        "full/213,/0/default.jpg",
        "full/,275/0/default.jpg",
        "full/pct:50/0/default.jpg",
        "full/!400,400/0/default.jpg",
        "full/^max/0/default.jpg",
        "full/1700,2201/0/default.jpg",
        "0,0,100,100/213,275/0/default.jpg",
        "square/213,275/0/default.jpg",
        "full/213,275/90/default.jpg",
        "full/213,275/!0/default.jpg",
        "full/213,275/0/gray.jpg",
        "full/213,275/0/default.png",
        "full/213,275/0/default.jpg.gz",
    ],
)
def test_anything_not_offered_is_404(client, paged, tail):
    assert client.get(f"/iiif/ea-m-84-10245/1/{tail}").status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/iiif/ea-m-84-10245/3/info.json",
        "/iiif/ea-m-84-10245/0/info.json",
        "/iiif/ea-m-84-10245/99999999999999999999999999/info.json",
        "/iiif/ea-m-84-10245/99999999999999999999999999/full/max/0/default.jpg",
        "/iiif/no-such-memo/manifest.json",
        "/iiif/%00%ff/manifest.json",
        "/iiif/ea-m-84-10245/-1/info.json",
    ],
)
def test_bad_addresses_are_404_not_500(client, paged, url):
    assert client.get(url).status_code == 404


def test_memo_without_pages_has_no_manifest(client, seed):
    assert client.get(MANIFEST).status_code == 404


def test_large_scans_offer_capped_sizes(client, seed):
    store_pages(seed, [PageImage(1, files.page_image(4000, 6000))])
    _response, info = get_json(client, "/iiif/ea-m-84-10245/1/info.json")
    assert (info["width"], info["height"]) == (4000, 6000)
    assert (info["maxWidth"], info["maxHeight"]) == (2000, 3000)
    assert info["sizes"][-1] == {"width": 2000, "height": 3000}
    response = client.get("/iiif/ea-m-84-10245/1/full/max/0/default.jpg")
    with Image.open(io.BytesIO(b"".join(response.streaming_content))) as image:
        assert image.size == (2000, 3000)
    assert client.get("/iiif/ea-m-84-10245/1/full/4000,6000/0/default.jpg").status_code == 404


def test_headers_for_other_sites_viewers_and_caches(client, paged):
    for url in (
        MANIFEST,
        "/iiif/ea-m-84-10245/1/info.json",
        "/iiif/ea-m-84-10245/1/full/213,275/0/default.jpg",
    ):
        response = client.get(url)
        assert response["Access-Control-Allow-Origin"] == "*", url
        assert "public" in response["Cache-Control"] and "max-age=300" in response["Cache-Control"]
        etag = response["ETag"]
        again = client.get(url, HTTP_IF_NONE_MATCH=etag)
        assert again.status_code == 304, url
        assert again["Access-Control-Allow-Origin"] == "*"


def test_a_changed_manifest_is_not_served_from_a_cache(client, paged):
    etag = client.get(MANIFEST)["ETag"]
    paged.collection = None
    paged.agency = "Department of State"
    paged.save()
    response = client.get(MANIFEST, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response["ETag"] != etag
    assert b"Department of State" in response.content


def test_json_ld_when_asked_for(client, paged):
    response = client.get(MANIFEST, HTTP_ACCEPT="application/ld+json")
    assert response["Content-Type"] == (
        'application/ld+json;profile="http://iiif.io/api/presentation/3/context.json"'
    )
    response = client.get("/iiif/ea-m-84-10245/1/info.json", HTTP_ACCEPT="application/ld+json")
    assert response["Content-Type"] == (
        'application/ld+json;profile="http://iiif.io/api/image/3/context.json"'
    )
    assert client.get(MANIFEST)["Content-Type"] == "application/json"
    assert "Accept" in client.get(MANIFEST)["Vary"]


def test_other_spellings_redirect_to_the_canonical_address(client, paged):
    response = client.get("/iiif/EA M 84-10245/manifest.json")
    assert response.status_code == 301
    assert response["Location"] == MANIFEST
    response = client.get("/iiif/EA-M-84-10245/1/full/max/0/default.jpg")
    assert response.status_code == 301
    assert response["Location"] == "/iiif/ea-m-84-10245/1/full/1700,2200/0/default.jpg"
    response = client.get("/iiif/ea-m-84-10245/2")
    assert response.status_code == 303
    assert response["Location"] == "/iiif/ea-m-84-10245/2/info.json"


def test_text_that_looks_like_html_is_escaped(client, paged):
    Memo.objects.filter(pk=paged.pk).update(
        title="<script>alert(1)</script>", summary="  <b>bold</b> ", agency="AT&T <Corp>"
    )
    _response, manifest = get_json(client, MANIFEST)
    assert manifest["label"] == {"en": ["<span>&lt;script&gt;alert(1)&lt;/script&gt;</span>"]}
    assert manifest["summary"] == {"en": ["<span>  &lt;b&gt;bold&lt;/b&gt; </span>"]}
    labels = {entry["label"]["en"][0]: entry["value"] for entry in manifest["metadata"]}
    # Not HTML to a IIIF client (it does not start with "<"): kept as written.
    assert labels["Agency"] == {"en": ["AT&T <Corp>"]}


UNPUBLISHED = [Status.DRAFT, Status.IN_REVIEW, Status.WITHDRAWN]


@pytest.mark.parametrize("status", UNPUBLISHED)
def test_unpublished_memos_show_nothing_even_when_cached(client, paged, settings, status):
    urls = [
        MANIFEST,
        "/iiif/ea-m-84-10245/1",
        "/iiif/ea-m-84-10245/1/info.json",
        "/iiif/ea-m-84-10245/1/full/max/0/default.jpg",
        "/iiif/ea-m-84-10245/2/full/250,200/0/default.jpg",
    ]
    for url in urls:
        assert client.get(url).status_code in (200, 303), url
    page = paged.pages.get(number=1)
    cached = derivatives.path_for(page, derivatives.largest(page))
    assert cached.exists()
    paged.status = status
    paged.save()
    for url in urls:
        assert client.get(url).status_code == 404, (status, url)
    assert cached.exists()  # still on disk, yet not served


def test_drafts_pages_are_never_served(client, draft_with_pages):
    slug = draft_with_pages.slug
    for url in (
        f"/iiif/{slug}/manifest.json",
        f"/iiif/{slug}/1/info.json",
        f"/iiif/{slug}/1/full/max/0/default.jpg",
    ):
        assert client.get(url).status_code == 404


def test_page_files_are_not_served_directly(client, paged):
    page = paged.pages.get(number=1)
    assert client.get("/media/" + page.image.name).status_code == 404
    assert client.get("/" + page.image.name).status_code == 404


def test_unreadable_page_file_is_404_not_500(client, paged):
    import os

    os.unlink(paged.pages.get(number=1).image.path)
    assert client.get("/iiif/ea-m-84-10245/1/full/213,275/0/default.jpg").status_code == 404
    # The other page is unaffected.
    assert client.get("/iiif/ea-m-84-10245/2/full/250,200/0/default.jpg").status_code == 200


@pytest.mark.corpus
def test_a_corpus_memo_with_its_own_scan(client, corpus, ingest, tmp_path):
    record_id = "state-foia-F-1986-04261-C09000005"
    with (corpus / "memos.jsonl").open(encoding="utf-8") as handle:
        line = next(line for line in handle if f'"id": "{record_id}"' in line)
    source = tmp_path / "one.jsonl"
    source.write_text(line, encoding="utf-8")
    assert ingest(source)[0] == 0
    memo = Memo.objects.get(source_id=record_id)
    scan = corpus / "scans" / f"{record_id}.pdf"
    status, _out, err = run_command(
        "attach_pages", memo.slug, str(scan), no_progress=True, no_ocr=True
    )
    assert status == 0, err
    _response, manifest = get_json(client, f"/iiif/{memo.slug}/manifest.json")
    assert manifest["label"] == {"en": [memo.title]}
    assert [(c["width"], c["height"]) for c in manifest["items"]] == [
        (1878, 1476),
        (1862, 1468),
        (1862, 1459),
    ]
    for canvas in manifest["items"]:
        body = canvas["items"][0]["items"][0]["body"]
        check_image(client, body, canvas["width"], canvas["height"])
