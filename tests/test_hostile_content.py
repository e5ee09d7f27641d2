"""Hostile content stays inert on every surface: memo text, title, office, notes (Markdown) and
entity names carrying <script>, javascript: links and attribute injection.

Each HTML response is parsed (html.parser, not substring checks): no script runs but our own
static files, no element has an event-handler attribute, no link or source uses a script
scheme, and none of the tags the payloads try to inject exists. JSON, CSV, feeds and
citation files are checked for their types and for HTML inside them where a reader renders it.
"""

import csv
import io
import json
from html import unescape
from html.parser import HTMLParser
from xml.etree import ElementTree

import pytest
from django.contrib.auth.models import User

from archive.models import Entity, Memo, Mention, Note

MARK = "hostileword"
TITLE = 'Evil <script>alert("title")</script>" onmouseover="alert(1)'
OFFICE = '"><img src=x onerror=alert("office")>'
ENTITY = 'Badguy<svg onload=alert("entity")> Org" onmouseover="alert(2)'
TEXT = (
    f"MEMORANDUM about {MARK} and grain.\n"
    '<script>alert("text")</script> and <a href="javascript:alert(3)">click me</a>\n'
    f'" onmouseover="alert(4)" data-x=" {ENTITY} met <iframe src=javascript:alert(5)>\n'
    f"<img src=x onerror=alert(6)> <style>body{{display:none}}</style> {MARK} ends.\n"
)
NOTE = (
    '[click](javascript:alert("note")) <script>alert(7)</script> <img src=x onerror=alert(8)>\n\n'
    '[x](" onmouseover="alert(9))\n\n<a href="javascript:alert(10)">raw</a>\n\n'
    "**bold** and [ok](https://example.org/)"
)
INJECTED_TAGS = {"img", "iframe", "svg", "style", "object", "embed"}
URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset"}
BAD_SCHEMES = ("javascript:", "vbscript:", "data:text/html")


class Checker(HTMLParser):
    """Collects what would be live in a browser: scripts, handlers, script URLs, injected tags."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self.in_inline_script = False
        self.inline = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...>")
            if name in URL_ATTRS and value:
                cleaned = "".join(ch for ch in unescape(value) if ch > " ").lower()
                if cleaned.startswith(BAD_SCHEMES):
                    self.problems.append(f"<{tag} {name}={value!r}>")
        attrs = dict(attrs)
        if tag == "script":
            kind = (attrs.get("type") or "").lower()
            if attrs.get("src"):
                if not attrs["src"].startswith("/") or attrs["src"].startswith("//"):
                    self.problems.append(f"script from {attrs['src']}")
            elif kind not in ("application/json", "application/ld+json"):
                self.problems.append("inline <script>")
        if tag in INJECTED_TAGS and attrs.get("src") in ("x", "javascript:alert(5)"):
            self.problems.append(f"injected <{tag}>")
        if tag in ("iframe", "object", "embed"):  # the site itself has none
            self.problems.append(f"injected <{tag}>")


def live(html):
    """What in this HTML would run or inject, [] when it is all inert."""
    checker = Checker()
    checker.feed(html)
    checker.close()
    return checker.problems


def assert_inert(response, where):
    """The page's body has nothing live, and its policy forbids inline script anyway."""
    assert response.status_code == 200, (where, response.status_code)
    body = response.content.decode()
    assert live(body) == [], where
    policy = response["Content-Security-Policy"]
    script_src = policy.split("script-src")[1].split(";")[0]
    assert "'self'" in script_src and "unsafe-inline" not in script_src, (where, policy)
    return body


def test_the_checker_sees_live_markup():
    """The parser-based check does fail on what it must catch (so passing means something)."""
    assert live('<p onclick="x()">') and live("<script>alert(1)</script>")
    assert live('<a href=" JaVa&#x53;cript:alert(1)">') and live("<img src=x onerror=y>")
    assert live('<script src="https://cdn.example/x.js"></script>') and live("<iframe>")
    assert not live('<script src="/static/archive/js/x.js"></script><p title="&lt;script&gt;">')
    assert not live("<p>&lt;script&gt;alert(1)&lt;/script&gt; &quot; onmouseover=&quot;</p>")


@pytest.fixture
def hostile(ingest, tmp_path, db):
    """A published memo whose title, office, text, note and entity name are all hostile."""
    record = {
        "id": "hostile-1",
        "doc_number": "EVIL M 84-66666",
        "title": TITLE,
        "office": OFFICE,
        "agency": '<b onmouseover="alert(11)">Agency</b>',
        "date": "1984-05-06",
        "release_date": "1999-01-01",
        "summary": '<script>alert("summary")</script>',
        "text": TEXT,
    }
    path = tmp_path / "hostile.jsonl"
    path.write_text(json.dumps(record) + "\n")
    assert ingest(path)[0] == 0
    memo = Memo.objects.get(source_id="hostile-1")
    entity = Entity.objects.create(name=ENTITY, kind="organisation", slug="badguy")
    start = memo.text.index(ENTITY)
    Mention.objects.create(
        memo=memo, entity=entity, start=start, end=start + len(ENTITY), text=ENTITY
    )
    start = memo.text.index(MARK)
    Note.objects.create(
        memo=memo, body=NOTE, visibility="public", start=start, end=start + len(MARK), quote=MARK
    )
    return memo


PUBLIC_PAGES = [
    "/memos/{slug}/",
    "/memos/{slug}/?q=hostileword+%3Cscript%3E",
    f"/search/?q={MARK}",
    f"/search/?q={MARK}&entity=Badguy",
    "/search/?q=%3Cscript%3Ealert(1)%3C/script%3E&office=%22%3E%3Cimg+src%3Dx%3E",
    "/entities/badguy/",
    "/entities/?q=Badguy",
    "/",
]


@pytest.mark.parametrize("template", PUBLIC_PAGES)
def test_public_pages_are_inert(client, hostile, template):
    body = assert_inert(client.get(template.format(slug=hostile.slug)), template)
    if template.startswith("/memos/"):
        # The words are there, as text: escaped, not dropped.
        assert "&lt;script&gt;" in body and "alert(&quot;text&quot;)" in body
        assert 'href="https://example.org/"' in body  # the note's safe Markdown link works
        assert "<strong>bold</strong>" in body


def test_compare_page_is_inert(client, hostile, ingest, tmp_path):
    later = {
        "id": "hostile-2", "doc_number": "EVIL M 84-66666", "release_date": "2010-01-01",
        "title": TITLE + " (2010)", "text": TEXT.replace("grain", "grain <b>revealed</b>"),
    }  # fmt: skip
    path = tmp_path / "later.jsonl"
    path.write_text(json.dumps(later) + "\n")
    assert ingest(path)[0] == 0
    other = Memo.objects.get(source_id="hostile-2")
    hostile.refresh_from_db()
    assert assert_inert(
        client.get(f"/memos/{hostile.slug}/compare/{other.slug}/"), "compare"
    ).count("&lt;script&gt;")


def test_api_and_json_export_carry_the_text_as_json(client, hostile):
    for path in (f"/api/memos/{hostile.slug}", f"/api/search?q={MARK}",
                 f"/search/export.json?q={MARK}"):  # fmt: skip
        response = client.get(path)
        assert response["Content-Type"] == "application/json", path
        assert response["X-Content-Type-Options"] == "nosniff"
        data = json.loads(b"".join(response.streaming_content) if response.streaming else
                          response.content)  # fmt: skip
        found = data if "title" in data else data["results"][0]
        assert found["title"] == TITLE, path  # the raw value, as data
        if "snippet" in found:  # the snippet is HTML for the page: escaped but for <mark>
            assert live(found["snippet"]) == [] and "<script" not in found["snippet"]


def test_csv_export(client, hostile):
    response = client.get(f"/search/export.csv?q={MARK}")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    body = b"".join(response.streaming_content).decode()
    (row,) = list(csv.DictReader(io.StringIO(body.lstrip("\ufeff"))))
    assert row["title"] == TITLE and row["office"] == OFFICE


def test_feed_is_well_formed_and_its_html_inert(client, hostile):
    response = client.get(f"/search/feed/?q={MARK}")
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)  # well-formed XML: nothing broke out
    atom = "{http://www.w3.org/2005/Atom}"
    (entry,) = root.findall(f"{atom}entry")
    assert entry.find(f"{atom}title").text == TITLE
    for element in entry.iter():
        if element.get("type") == "html":  # a feed reader renders this as HTML
            assert live(element.text or "") == [], element.tag
            assert "<script" not in (element.text or "")
    assert not [e for e in root.iter() if e.tag.endswith("script")]


@pytest.mark.parametrize(("fmt", "kind"), [("ris", "research-info"), ("bib", "bibtex")])
def test_citation_files_are_downloads_not_pages(client, hostile, fmt, kind):
    response = client.get(f"/memos/{hostile.slug}/cite.{fmt}")
    assert response.status_code == 200 and kind in response["Content-Type"]
    assert "html" not in response["Content-Type"]
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    # The file name comes from the memo, never from its hostile title.
    filename = response["Content-Disposition"].split("filename=")[1]
    assert all(ch not in filename.strip('"') for ch in '<>";\\/')


def admin_pages(memo):
    note = memo.notes.get()
    mention = memo.mentions.get()
    return [
        "/admin/archive/memo/",
        f"/admin/archive/memo/?q={MARK}",
        f"/admin/archive/memo/{memo.pk}/change/",
        f"/admin/archive/memo/{memo.pk}/history/",
        "/admin/archive/memoforreview/",
        f"/admin/archive/memoforreview/{memo.pk}/change/",
        "/admin/archive/note/",
        f"/admin/archive/note/{note.pk}/change/",
        f"/admin/archive/note/{note.pk}/history/",
        "/admin/archive/entity/",
        f"/admin/archive/entity/{mention.entity_id}/change/",
        "/admin/archive/mention/",
        f"/admin/archive/mention/{mention.pk}/change/",
        "/admin/archive/redaction/",
        f"/admin/archive/memo/{memo.pk}/delete/",
        "/admin/",
    ]


def test_admin_pages_are_inert(hostile, client, django_capture_on_commit_callbacks):
    User.objects.create_superuser("boss", "b@example.org", "boss-passphrase-1")
    client.login(username="boss", password="boss-passphrase-1")
    # An edit by a curator puts the hostile values into the history too.
    change = client.get(f"/admin/archive/memo/{hostile.pk}/change/")
    assert change.status_code == 200
    hostile.title = TITLE + " edited <script>alert(12)</script>"
    hostile.save()
    for path in admin_pages(hostile):
        response = client.get(path)
        if response.status_code == 302:  # e.g. the review page for a memo not under review
            response = client.get(response["Location"])
        body = assert_inert(response, path)
        assert "<script>alert" not in body, path
    history = client.get(f"/admin/archive/memo/{hostile.pk}/history/").content.decode()
    assert "alert(12)" in history  # the edited title is listed, escaped
