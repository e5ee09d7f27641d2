"""Access on every surface: an unpublished memo (draft, in review, withdrawn) is on no page.

Every URL pattern of archive.urls is enumerated from the resolver and filled in from FILLERS,
so a new pattern fails test_every_pattern_has_a_filler until it is covered here. Each hidden
memo has page images, a public note, its own entity and a shared one, and is a release of a
published document; anonymous visitors, a logged-in user without staff status and a staff user
without archive permissions must get 404 (or a login redirect) for it, and never see its
title, slug or words on any listing, search, API, feed, export, IIIF, entity or compare page.
Admin URLs need staff; every POST form carries a CSRF token and is refused without one.
"""

import json
import re
from html.parser import HTMLParser
from urllib.parse import quote, unquote_plus, urlsplit

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission, User
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from archive.choices import Status
from archive.curation import workflow
from archive.ingest.images import PageImage, store_pages
from archive.models import Entity, Memo, Mention, Note
from archive.oai.records import oai_identifier
from tests import pagefiles

SECRET_WORD = "zqxhiddenword"
HIDDEN = {  # status: (source id, release date)
    Status.DRAFT: ("h-draft", "1990-01-01"),
    Status.IN_REVIEW: ("h-review", "1995-01-01"),
    Status.WITHDRAWN: ("h-withdrawn", "2000-01-01"),
}
DOC_NUMBER = "SOV M 85-20001"


def record(source_id, release_date, title, words):
    return {
        "id": source_id,
        "doc_number": DOC_NUMBER,
        "release_date": release_date,
        "date": "1985-03-04",
        "agency": "Central Intelligence Agency",
        "office": "Office of Soviet Analysis",
        "title": title,
        "text": (
            f"MEMORANDUM\nSUBJECT: Soviet grain purchases and Sakhalin fisheries\n\n{words} "
            "The Soviet delegation discussed grain purchases, fisheries near Sakhalin and "
            "the embassy cable traffic from Moscow. 25X1 [Redacted] talks continued.\n"
        ),
    }


@pytest.fixture
def world(seed, ingest, tmp_path, django_capture_on_commit_callbacks):
    """The published seed and partner release, and one hidden memo per unpublished status."""
    boss = User.objects.create_superuser("boss", "b@example.org", "boss-passphrase-1")
    partner = record("h-partner", "2012-01-01", "Partner release published", "")
    path = tmp_path / "partner.jsonl"
    path.write_text(json.dumps(partner) + "\n")
    assert ingest(path)[0] == 0
    shared = Entity.objects.create(name="Grainshared Person", kind="person", slug="grainshared")
    hidden = {}
    for status, (source_id, release_date) in HIDDEN.items():
        title = f"Hiddentitle {status} memo"
        path = tmp_path / f"{source_id}.jsonl"
        path.write_text(json.dumps(record(source_id, release_date, title, SECRET_WORD)) + "\n")
        # The withdrawn one was public once: published, indexed, then withdrawn.
        assert ingest(path, publish=status == Status.WITHDRAWN)[0] == 0
        memo = Memo.objects.get(source_id=source_id)
        store_pages(memo, [PageImage(1, pagefiles.page_image(300, 400))])
        own = Entity.objects.create(
            name=f"Onlyhidden {status}", kind="person", slug=f"onlyhidden-{status}"
        )
        for entity in (own, shared):
            Mention.objects.create(memo=memo, entity=entity, start=0, end=10, text=entity.name)
        start = memo.text.index(SECRET_WORD)
        Note.objects.create(
            memo=memo, body=f"Hiddennote on {status}", visibility="public", start=start,
            end=start + len(SECRET_WORD), quote=SECRET_WORD,
        )  # fmt: skip
        with django_capture_on_commit_callbacks(execute=True):
            if status == Status.IN_REVIEW:
                workflow.transition(memo, Status.IN_REVIEW, boss)
            if status == Status.WITHDRAWN:
                workflow.transition(memo, Status.WITHDRAWN, boss, "withdrawn for the test")
        memo.refresh_from_db()
        assert memo.status == status
        hidden[status] = memo
    partner = Memo.objects.get(source_id="h-partner")
    assert all(m.release_group_id == partner.release_group_id for m in hidden.values())
    Mention.objects.create(memo=partner, entity=shared, start=0, end=10, text=shared.name)
    store_pages(partner, [PageImage(1, pagefiles.page_image(300, 400))])
    return {"seed": seed, "partner": partner, "hidden": hidden, "boss": boss}


def visitors():
    """(label, client): anonymous, logged in without staff, staff without archive rights."""
    plain = User.objects.create_user("reader", password="reader-passphrase-1")
    staff = User.objects.create_user("clerk", password="clerk-passphrase-1", is_staff=True)
    staff.user_permissions.add(*Permission.objects.exclude(content_type__app_label="archive"))
    out = [("anonymous", Client())]
    for user in (plain, staff):
        client = Client()
        client.force_login(user)
        out.append((user.username, client))
    return out


def entity_slug(memo):
    return f"onlyhidden-{memo.status}"


# For each URL name of archive.urls: (kwargs, query strings) to reach a hidden memo through it.
# `m` is the hidden memo, `w` the world. A kwargs of None means the page takes none.
FILLERS = {
    "home": lambda m, w: [(None, ["", f"q={SECRET_WORD}", "sort=-date"])],
    "search": lambda m, w: [
        (
            None,
            [
                f"q={SECRET_WORD}",
                "q=Hiddentitle",
                f"entity=Onlyhidden+{m.status}",
                "entity=Grainshared+Person",
                "sort=-date",
                f"q=doc:{quote(DOC_NUMBER)}",
            ],
        )
    ],  # fmt: skip
    "search-export-csv": lambda m, w: [(None, [f"q={SECRET_WORD}", "sort=-date"])],
    "search-export-json": lambda m, w: [(None, [f"q={SECRET_WORD}", "sort=-date"])],
    "search-feed": lambda m, w: [(None, [f"q={SECRET_WORD}", "sort=-date", ""])],
    "api-search": lambda m, w: [(None, [f"q={SECRET_WORD}", "sort=-date", "q=Soviet+grain"])],
    "memo": lambda m, w: [
        ({"slug": m.slug}, [""]),
        # Published neighbours: their release lists and more-like-this must not name it.
        ({"slug": w["partner"].slug}, [""]),
        ({"slug": w["seed"].slug}, [""]),
    ],
    "memo-cite": lambda m, w: [({"slug": m.slug, "fmt": f}, [""]) for f in ("ris", "bib")],
    "compare": lambda m, w: [
        ({"slug": m.slug, "other": w["partner"].slug}, [""]),
        ({"slug": w["partner"].slug, "other": m.slug}, [""]),
    ],
    "entities": lambda m, w: [(None, ["", "q=Onlyhidden", "kind=person"])],
    "entity": lambda m, w: [({"slug": entity_slug(m)}, [""]), ({"slug": "grainshared"}, [""])],
    "api-memo": lambda m, w: [
        ({"slug": m.slug}, [""]),
        # Published neighbours: their releases, names and notes must not name it.
        ({"slug": w["partner"].slug}, [""]),
        ({"slug": w["seed"].slug}, [""]),
    ],
    "api-openapi": lambda m, w: [(None, [""])],
    "iiif-manifest": lambda m, w: [({"slug": m.slug}, [""])],
    "iiif-service": lambda m, w: [({"slug": m.slug, "page": 1}, [""])],
    "iiif-info": lambda m, w: [({"slug": m.slug, "page": 1}, [""])],
    "iiif-search": lambda m, w: [({"slug": m.slug}, [f"q={SECRET_WORD}", "q=grain", ""])],
    "iiif-search-v1": lambda m, w: [({"slug": m.slug}, [f"q={SECRET_WORD}", "q=grain", ""])],
    "page-words": lambda m, w: [({"slug": m.slug, "page": 1}, [""])],
    "iiif-image": lambda m, w: [
        (
            {
                "slug": m.slug,
                "page": 1,
                "region": "full",
                "size": size,
                "rotation": "0",
                "filename": "default.jpg",
            },
            [""],
        )
        for size in ("max", "150,")
    ],  # fmt: skip
    "oai": lambda m, w: [
        (
            None,
            [
                "verb=ListRecords&metadataPrefix=oai_dc",
                "verb=ListIdentifiers&metadataPrefix=oai_dc",
                "verb=ListSets",
                "verb=Identify",
                f"verb=GetRecord&metadataPrefix=oai_dc&identifier={oai_identifier(m)}",
            ],
        )
    ],
    "sitemap": lambda m, w: [(None, [""])],
    "sitemap-section": lambda m, w: [({"section": s}, ["", "p=1"]) for s in ("memos", "entities")],
    "robots": lambda m, w: [(None, [""])],
    "favicon": lambda m, w: [(None, [""])],
    "note-new": lambda m, w: [({"slug": m.slug}, ["", "start=0&end=5"])],
    "note-edit": lambda m, w: [({"slug": m.slug, "pk": m.notes.get().pk}, [""])],
    "memo-report": lambda m, w: [({"slug": m.slug}, ["", "sent=1"])],
    # The withdrawn memo's versions include public ones: a version of a hidden memo is hidden.
    "memo-version": lambda m, w: [
        ({"slug": m.slug, "version": v}, [""])
        for v in (str(m.history.order_by("-history_id").first().history_id), "2099-01-01")
    ],
}
# Each API URL also answers with a trailing slash (the same view): filled in as its twin.
FILLERS.update(
    {f"{name}-slash": FILLERS[name] for name in ("api-memo", "api-search", "api-openapi")}
)
# Pages that are about the hidden memo itself: only 404, or a login redirect / 403 for forms.
OWN = {"memo-cite", "compare", "iiif-manifest", "iiif-service", "iiif-info",
       "iiif-image", "iiif-search", "iiif-search-v1", "page-words", "memo-report",
       "memo-version"}  # fmt: skip
FORMS = {"note-new", "note-edit"}
REDIRECTS = {"favicon"}  # to a static file
# Pages filled in with the hidden memo's slug (404) and with published neighbours' (200).
ABOUT_A_SLUG = {"memo", "entity", "api-memo", "api-memo-slash"}


def archive_patterns():
    """(name, pattern) of every URL of the archive app, walked from the resolver."""
    found = []

    def walk(patterns, namespace):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                if entry.namespace == "admin":
                    continue
                walk(entry.url_patterns, entry.namespace or namespace)
            elif isinstance(entry, URLPattern) and namespace == "archive":
                found.append((entry.name, entry))

    walk(get_resolver().url_patterns, None)
    return found


def test_every_pattern_has_a_filler():
    names = [name for name, _pattern in archive_patterns()]
    assert len(names) >= 20 and all(names), names
    missing = sorted(set(names) - set(FILLERS))
    assert not missing, f"URL patterns with no way to fill them in test_access.py: {missing}"


def leaks(body, memo, asked=""):
    """What of the hidden memo a response body shows (its title, slug, word, note, entity),
    other than what the request itself said (a page may echo the query it was given)."""
    text = body.decode("utf-8", "replace")
    asked = unquote_plus(asked)
    marks = [memo.title, memo.slug, SECRET_WORD, f"Hiddennote on {memo.status}",
             f"Onlyhidden {memo.status}", f"/memos/{memo.slug}/"]  # fmt: skip
    return [mark for mark in marks if mark in text and mark not in asked]


def body_of(response):
    if hasattr(response, "streaming_content"):
        return b"".join(response.streaming_content)
    return response.content


def test_unpublished_memos_appear_on_no_surface(world):
    checked = 0
    for label, client in visitors():
        for status, memo in world["hidden"].items():
            for name, _pattern in archive_patterns():
                for kwargs, queries in FILLERS[name](memo, world):
                    url = reverse(f"archive:{name}", kwargs=kwargs)
                    for query in queries:
                        full = url + ("?" + query if query else "")
                        response = client.get(full)
                        where = (label, status, full, response.status_code)
                        body = body_of(response)
                        if name in FORMS:
                            if label == "anonymous":
                                assert response.status_code == 302, where
                                assert "/admin/login/" in response["Location"], where
                            else:
                                assert response.status_code in (403, 404), where
                        elif name in OWN or (name in ABOUT_A_SLUG and kwargs["slug"] in
                                             (memo.slug, entity_slug(memo))):  # fmt: skip
                            assert response.status_code == 404, where
                        elif name in REDIRECTS:
                            assert response.status_code == 301, where
                        else:
                            assert response.status_code == 200, where
                        assert not leaks(body, memo, full), (*where, leaks(body, memo, full))
                        checked += 1
    # 3 visitors x 3 memos x every URL filled in at least once.
    assert checked >= 3 * 3 * len(FILLERS)


def test_hidden_memos_are_in_no_index_nor_count(world, client):
    data = client.get("/api/search", {"q": "Soviet grain Sakhalin fisheries"}).json()
    slugs = {item["slug"] for item in data["results"]}
    assert world["partner"].slug in slugs
    assert not slugs & {m.slug for m in world["hidden"].values()}
    assert client.get("/api/search", {"q": SECRET_WORD}).json()["count"] == 0
    facets = client.get("/api/search", {"q": ""}).json()["facets"]
    entities = dict(facets["entity"])
    assert "Grainshared Person" not in entities or entities["Grainshared Person"] == 1
    assert not any(name.startswith("Onlyhidden") for name in entities)
    # The shared entity's page counts only the published memo.
    page = client.get("/entities/grainshared/").content.decode()
    assert world["partner"].title in page


def test_published_memo_is_reachable_through_the_same_fillers(world, client):
    """The same URLs do serve a published memo, so the 404s above mean something."""
    memo = world["partner"]
    for name in ("memo", "api-memo", "iiif-manifest", "iiif-info", "memo-cite"):
        kwargs = {"slug": memo.slug}
        if name.startswith("iiif-info"):
            kwargs["page"] = 1
        if name == "memo-cite":
            kwargs["fmt"] = "ris"
        assert client.get(reverse(f"archive:{name}", kwargs=kwargs)).status_code == 200, name
    compare = reverse("archive:compare", kwargs={"slug": memo.slug, "other": world["seed"].slug})
    assert client.get(compare).status_code == 404  # not releases of one document
    assert client.get(f"/api/search?q={quote('Partner release')}").json()["count"] >= 1


# ---- the admin -----------------------------------------------------------------------------


def admin_urls(world, bad_id=None):
    """Every admin URL, filled with the hidden draft (or the first object of each model); with
    bad_id, only the URLs of one object, filled with that id instead."""
    draft = world["hidden"][Status.DRAFT]
    urls = []

    def walk(patterns, prefix):
        for entry in patterns:
            route = str(entry.pattern)
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, prefix + route)
                continue
            urls.append((entry.name, prefix + route))

    walk(admin.site.get_urls(), "/admin/")
    filled = []
    for name, route in urls:
        route = route.lstrip("^").rstrip("$")
        ids = ("object_id", "history_id", "version_id")
        if bad_id is not None and not any(f"{key}>" in route for key in ids):
            continue
        model = None
        for registered in admin.site._registry:
            meta = registered._meta
            if name and name.startswith(f"{meta.app_label}_{meta.model_name}_"):
                model = registered
        obj = draft if model in (None, Memo) else model.objects.order_by("pk").first()
        values = {
            "object_id": str(obj.pk) if obj is not None else "1",
            "app_label": "archive",
            "content_type_id": "1",
            "url": "nowhere/",
            "uidb64": "MQ",
            "token": "x",
            "history_id": str(draft.history.first().history_id),
            "version_id": str(draft.history.first().history_id),
        }
        if bad_id is not None:
            values.update(dict.fromkeys(ids, bad_id))
        path = re.sub(
            r"<(?:(\w+):)?(\w+)>", lambda match, v=values: v.get(match.group(2), "1"), route
        )
        filled.append((name, path.replace("//", "/")))
    return filled


def test_admin_urls_need_staff(world):
    urls = admin_urls(world)
    assert len(urls) >= 60
    anonymous = Client()
    reader = Client()
    reader.force_login(User.objects.create_user("reader", password="reader-passphrase-1"))
    clerk = Client()
    clerk.force_login(User.objects.create_user("clerk", password="clerk-pass-1", is_staff=True))
    open_pages = {"login", "logout", "jsi18n", "password_reset", None}
    draft = world["hidden"][Status.DRAFT]
    for name, path in urls:
        if name in open_pages or name == "login":
            continue
        for label, client in (("anonymous", anonymous), ("reader", reader)):
            response = client.get(path)
            where = (label, name, path, response.status_code)
            if response.status_code == 404:  # a catch-all or an unfilled id: nothing shown
                assert not leaks(response.content, draft), where
                continue
            assert response.status_code == 302, where
            assert urlsplit(response["Location"]).path == "/admin/login/", where
        # Staff without archive permissions: nothing of the archive's content.
        response = clerk.get(path)
        if response.status_code == 302:
            continue
        assert response.status_code in (200, 403, 404, 405), (name, path, response.status_code)
        assert not leaks(response.content, draft), (name, path)


def test_admin_urls_with_malformed_or_unknown_ids_answer_without_failing(world):
    superuser = Client()
    superuser.force_login(User.objects.create_superuser("root", password="root-pass-1"))
    for bad in ("abc", "99999999", "1'--"):
        urls = admin_urls(world, bad_id=bad)
        assert len(urls) >= 15
        for name, path in urls:
            response = superuser.get(path)  # a server error raises here
            assert response.status_code in (200, 302, 403, 404), (name, path, response.status_code)


class Forms(HTMLParser):
    """POST forms of a page: their action and whether they carry a CSRF token."""

    def __init__(self):
        super().__init__()
        self.forms = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "get").lower() == "post":
            self.forms.append({"action": attrs.get("action"), "csrf": False})
        elif tag == "input" and attrs.get("name") == "csrfmiddlewaretoken" and self.forms:
            self.forms[-1]["csrf"] = bool(attrs.get("value"))


def test_every_post_form_has_csrf_protection(world):
    boss = Client()
    boss.force_login(world["boss"])
    memo = world["hidden"][Status.DRAFT]
    pages = [path for name, path in admin_urls(world) if name not in ("logout",)]
    pages += [
        reverse("archive:note-new", kwargs={"slug": world["seed"].slug}),
        reverse("archive:memo", kwargs={"slug": world["seed"].slug}),
        "/",
        "/search/?q=soviet",
        "/entities/",
    ]
    forms = 0
    actions = set()
    for path in pages:
        response = boss.get(path)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        parser = Forms()
        parser.feed(response.content.decode())
        for form in parser.forms:
            assert form["csrf"], (path, form)
            forms += 1
            actions.add(form["action"] or path)
    assert forms >= 20, forms
    # Posting without the token is refused, on the public note form and in the admin.
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(world["boss"])
    for path in [reverse("archive:note-new", kwargs={"slug": world["seed"].slug}),
                 f"/admin/archive/memo/{memo.pk}/change/", "/admin/archive/job/add/",
                 "/admin/archive/memo/", "/admin/logout/"]:  # fmt: skip
        assert strict.post(path, {"body": "x"}).status_code == 403, path


def test_more_like_this_lists_only_published_memos(world, caplog):
    from archive.search.service import more_like_this

    for memo in (world["partner"], world["seed"]):
        similar = more_like_this(memo)
        assert all(other.status == Status.PUBLISHED for other in similar)
        assert not {m.pk for m in similar} & {m.pk for m in world["hidden"].values()}
    # A term in every indexed memo weighs 0; that used to divide by zero in a small archive.
    assert "More like this failed" not in caplog.text
