"""What the memo page gives readers besides the text: the original and its archival context,
a form to report an error (into the review queue), and permalinks to the version cited."""

import json

import pytest
from django.contrib.auth.models import User
from django.test import Client

from archive.models import Memo, ReaderReport, ReportStatus
from archive.reading.versions import text_change

FILE = "62-109060"


def line(source_id, title, **more):
    return {
        "id": source_id,
        "doc_number": f"104-10001-{source_id[-5:]}",
        "title": title,
        "date": "1964-05-22",
        "agency": "Federal Bureau of Investigation",
        "text": f"MEMORANDUM\n\nSUBJECT: {title}\n\nThe Bureau reports on {title.lower()}.\n",
        **more,
    }


@pytest.fixture
def filed(ingest, tmp_path):
    """Three memos of one agency file: two published, one draft; the first with its links."""
    published = [
        line(
            "file-10001",
            "Oswald file <b>summary</b>",
            agency_file_number=FILE,
            original_pdf_url="https://www.archives.gov/files/research/jfk/releases/x.pdf",
            original_catalog_url="https://catalog.archives.gov/id/12345",
            published_url="javascript:alert(1)",
        ),
        line("file-10002", "Second serial of the file", agency_file_number=FILE),
    ]
    draft = [line("file-10003", "Draftonly serial of the file", agency_file_number=FILE)]
    for name, records, publish in (("pub", published, True), ("draft", draft, False)):
        path = tmp_path / f"{name}.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in records))
        assert ingest(path, publish=publish)[0] == 0
    return {m.source_id: m for m in Memo.objects.filter(source_id__startswith="file-")}


def test_memo_page_links_the_original_and_the_other_memos_of_its_file(client, filed):
    page = client.get(filed["file-10001"].get_absolute_url()).content.decode()
    assert 'href="https://www.archives.gov/files/research/jfk/releases/x.pdf"' in page
    assert 'href="https://catalog.archives.gov/id/12345"' in page
    assert "javascript:alert" not in page  # source data never becomes a script link
    assert "Agency file number" in page and FILE in page
    assert filed["file-10002"].get_absolute_url() in page
    assert "Draftonly" not in page and filed["file-10003"].slug not in page
    # A memo with none of this says nothing of it.
    other = client.get(filed["file-10002"].get_absolute_url()).content.decode()
    assert "Catalogue record" not in other and "Oswald file &lt;b&gt;summary" in other


def test_the_api_gives_the_original_and_the_file_as_the_page_does(client, filed):
    """/api/memos/<slug>: originals, series, file number and the file's other public memos."""
    from openapi_check import answer_schema, problems

    data = client.get(f"/api/memos/{filed['file-10001'].slug}").json()
    assert [link["url"] for link in data["originals"]] == [
        "https://www.archives.gov/files/research/jfk/releases/x.pdf",
        "https://catalog.archives.gov/id/12345",
    ]  # the script link left out
    assert data["file_number"] == FILE
    assert [other["slug"] for other in data["same_file"]] == [filed["file-10002"].slug]
    assert data["same_file_count"] == 1  # the draft neither listed nor counted
    assert data["same_file"][0]["url"].endswith(filed["file-10002"].get_absolute_url())
    description = client.get("/api/openapi.json").json()
    assert problems(data, answer_schema(description, "/api/memos/{slug}"), description) == []
    bare = client.get(f"/api/memos/{filed['file-10002'].slug}").json()
    assert bare["originals"] == [] and bare["record_series"] is None


def post_report(client, memo, **fields):
    data = {"part": "date", "passage": "22 May 1964", "problem": "The memo is dated 23 May.",
            "email": "", "website": "", **fields}  # fmt: skip
    return client.post(f"/memos/{memo.slug}/report/", data)


def test_a_reader_reports_an_error_into_the_review_queue(client, seed, settings):
    page = client.get(seed.get_absolute_url()).content.decode()
    assert 'action="/memos/ea-m-84-10245/report/"' in page and "csrfmiddlewaretoken" in page
    version = seed.history.latest().history_id
    assert f'name="version" value="{version}"' in page  # the version the reader was reading
    response = post_report(
        client, seed, problem="<script>alert(1)</script> wrong date", version=version
    )
    assert response.status_code == 302 and response["Location"].endswith("/report/?sent=1")
    assert "Thank you" in client.get(response["Location"]).content.decode()
    report = ReaderReport.objects.get()
    assert (report.memo, report.part, report.status) == (seed, "date", ReportStatus.OPEN)
    assert report.version == version
    # Curators see it in the review queue, on the report list and on the memo's form, escaped.
    boss = Client()
    boss.force_login(User.objects.create_superuser("boss", "b@example.org", "pw-boss-123"))
    queue = boss.get("/admin/archive/memoforreview/").content.decode()
    assert seed.document_number in queue and "1 open" in queue
    listing = boss.get("/admin/archive/readerreport/").content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in listing and "<script>alert(1)" not in listing
    form = boss.get(f"/admin/archive/memo/{seed.pk}/change/").content.decode()
    assert "wrong date" in form and "<script>alert(1)" not in form
    # Dismissed, it leaves the queue.
    chosen = {"action": "dismiss", "_selected_action": [report.pk]}
    boss.post("/admin/archive/readerreport/", chosen)
    report.refresh_from_db()
    assert report.status == ReportStatus.DISMISSED and report.resolved_by.username == "boss"
    assert seed.document_number not in boss.get("/admin/archive/memoforreview/").content.decode()


def test_bad_reports_are_told_why_and_bots_are_not_stored(client, seed):
    response = post_report(client, seed, problem="", email="not-an-address")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Please say what is wrong." in page and "does not look like an email" in page
    assert post_report(client, seed, part="bogus<i>").status_code == 400
    # A version that cannot be one is dropped, not an error the reader cannot see.
    assert post_report(client, seed, version="abc").status_code == 302
    assert ReaderReport.objects.get().version is None
    ReaderReport.objects.all().delete()
    # The honeypot: thanked like anyone, nothing stored.
    response = post_report(client, seed, website="http://spam.example")
    assert response.status_code == 302
    assert not ReaderReport.objects.exists()


def test_reports_are_rate_limited_per_client_address(seed, settings):
    settings.ARCHIVE_REPORTS_PER_ADDRESS = 2
    first, second = Client(REMOTE_ADDR="203.0.113.5"), Client(REMOTE_ADDR="203.0.113.9")
    assert [post_report(first, seed).status_code for _ in range(3)] == [302, 302, 429]
    limited = post_report(first, seed)
    assert limited.status_code == 429 and "Too many reports" in limited.content.decode()
    assert post_report(second, seed).status_code == 302  # another address is not held back
    assert ReaderReport.objects.count() == 3


def test_reports_need_csrf_and_a_published_memo(seed, filed):
    strict = Client(enforce_csrf_checks=True)
    response = post_report(strict, seed)
    assert response.status_code == 403 and "could not be sent" in response.content.decode()
    draft = filed["file-10003"]
    client = Client()
    assert post_report(client, draft).status_code == 404
    assert client.get(f"/memos/{draft.slug}/report/").status_code == 404
    assert not ReaderReport.objects.exists()


def test_a_cited_version_says_what_changed_since(client, seed):
    page = client.get(seed.get_absolute_url()).content.decode()
    cited = seed.history.latest().history_id
    assert f"/memos/{seed.slug}/v/{cited}/" in page  # the cite box's versioned permalink
    # A curator corrects the title and a passage; a draft version passes in between.
    seed.status = "draft"
    seed._change_reason = "secret curator reason"
    seed.title = "Draft-only title never public"
    seed.save()
    seed.status = "published"
    seed.title = "Japan: Trade Relations with the USSR"
    seed.text = seed.text.replace("Sakhalin", "Sakhalin Island", 1)
    seed.save()
    response = client.get(f"/memos/{seed.slug}/v/{cited}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "corrected since the version you cited" in page
    assert "Japan: Improvement in Trade Relations with USSR Unlikely" in page  # then
    assert "Japan: Trade Relations with the USSR" in page  # now
    assert "1 passage corrected: 1 word added, 0 removed" in page
    assert "Draft-only title" not in page and "secret curator reason" not in page
    assert f'href="/memos/{seed.slug}/"' in page
    # The draft version is no public version; nor is another memo's, nor nonsense.
    draft_version = seed.history.filter(status="draft").get().history_id
    for bad in (draft_version, "abc", "99999999", "1900-01-01", "9999-12-31", "1" * 30):
        assert client.get(f"/memos/{seed.slug}/v/{bad}/").status_code == 404, bad
    # By date: the version public that day; the current version says nothing changed.
    today = seed.history.latest().history_date.date().isoformat()
    page = client.get(f"/memos/{seed.slug}/v/{today}/").content.decode()
    assert "reads as it did in the version you cited" in page
    # A change to what the page does not show makes a new version, and no correction.
    before = seed.history.latest().history_id
    seed.review_notes = ["internal note xyz"]
    seed.save()
    page = client.get(f"/memos/{seed.slug}/v/{before}/").content.decode()
    assert "reads as it did in the version you cited" in page and "own records" in page
    assert "internal note xyz" not in page


def test_text_changes_are_counted_not_quoted():
    assert text_change("a b\nc d\n", "a b\nc d\n") is None
    change = text_change("one two\nthree\nfour five\n", "one two\nthree 3\nfive\n")
    assert (change.passages, change.words_added, change.words_removed) == (1, 1, 1)


def test_control_markings_are_edited_as_a_list(seed):
    boss = Client()
    boss.force_login(User.objects.create_superuser("boss", "b@example.org", "pw-boss-123"))
    Memo.objects.filter(pk=seed.pk).update(control_markings=["NOFORN", "REL TO USA, GBR"])
    url = f"/admin/archive/memo/{seed.pk}/change/"
    response = boss.get(url)
    form, page = response.context["adminform"].form, response.content.decode()
    assert 'value="NOFORN" id="id_control_markings_0" checked' in page
    assert 'value="EXDIS" id="id_control_markings_6">' in page  # a known one, not ticked
    assert "REL TO USA, GBR</textarea>" in page and "[&quot;NOFORN" not in page
    data = {k: v for k, v in form.initial.items() if k in form.fields and v is not None}
    data.update({"control_markings": ["EXDIS", "NOFORN"], "control_markings_other": "Eyes only"})
    bound = type(form)(data, instance=seed)
    bound.is_valid()
    assert bound.cleaned_data["control_markings"] == ["EXDIS", "NOFORN", "EYES ONLY"]
    assert bound.has_changed() and "control_markings" in bound.changed_data
    # The same markings in another order are no correction.
    data.update({"control_markings": ["NOFORN"], "control_markings_other": "rel to usa,  GBR"})
    bound = type(form)(data, instance=Memo.objects.get(pk=seed.pk))
    bound.is_valid()
    assert "control_markings" not in bound.changed_data
    assert bound.cleaned_data["control_markings"] == ["NOFORN", "REL TO USA, GBR"]


def test_reports_follow_their_memo_into_a_merge(seed):
    from archive.curation.merging import merge

    copy = Memo.objects.create(
        slug="seed-copy", text=seed.text, checksum="x", status="published",
        document_number="EA M 84-10245 (copy)",
    )  # fmt: skip
    ReaderReport.objects.create(memo=copy, problem="The date is wrong.")
    merge(seed, copy, User.objects.create_superuser("boss", "b@example.org", "pw-boss-123"))
    assert ReaderReport.objects.get().memo == seed
