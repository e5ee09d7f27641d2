"""`export` writes every memo whole; ingesting the JSONL export into an empty archive gives
the same archive back, byte for byte on a second export."""

import csv
import io
import json

import pytest
from django.contrib.auth.models import User

from archive.choices import Status
from archive.curation import workflow
from archive.ingest.restore import EXPORT_FORMAT
from archive.models import (
    Collection,
    IndexTask,
    Memo,
    MemoAlias,
    Note,
    Redaction,
    ReleaseGroup,
    StatusChange,
)
from archive.search import queue
from tests.conftest import SEED, indexed_ids, run_command
from tests.corpus_records import FORM_TEXT, ingest_raw


def empty_the_archive():
    """Every memo and what hangs on it gone; users stay (their names carry authorship)."""
    Memo.objects.all().delete()
    Collection.objects.all().delete()
    ReleaseGroup.objects.all().delete()
    queue.drain()  # the deletions leave the index (tests never commit, so drain here)
    assert not IndexTask.objects.exists() and indexed_ids() == set()
    assert not Note.objects.exists() and not Redaction.objects.exists()


def export(tmp_path, name, *args, **options):
    path = tmp_path / name
    status, out, err = run_command("export", output=str(path), no_progress=True, **options)
    assert status == 0, err
    return path, out


@pytest.fixture
def curated_archive(ingest, corpus, tmp_path):
    """The seed plus a slice of the corpus, with every kind of state a curator leaves."""
    lines = (corpus / "memos.jsonl").read_text().splitlines()
    sample = tmp_path / "sample.jsonl"
    sample.write_text("\n".join(lines[:: len(lines) // 40]) + "\n")
    assert ingest(sample, publish=False)[0] == 0
    assert ingest(SEED)[0] == 0
    seed = Memo.objects.get(doc_key="ea-m-84-10245")
    author = User.objects.create_user("historian", is_staff=True, is_superuser=True)
    start = seed.text.index("Sushkov")
    Note.objects.create(
        memo=seed, body="Vladimir *Sushkov*, Soviet minister <script>x</script>", start=start,
        end=start + 7, quote="Sushkov", prefix=seed.text[start - 20 : start],
        suffix=seed.text[start + 7 : start + 27], visibility="public", author=author,
    )  # fmt: skip
    Note.objects.create(
        memo=seed, body="Internal remark", start=0, end=5, quote=seed.text[:5], anchored=False
    )
    seed.title = "Japan: Trade with the USSR (corrected)"
    seed.curated_fields = ["title"]
    seed.release_group = ReleaseGroup.objects.create(label="EA M 84-10245 releases")
    seed.save()
    MemoAlias.objects.create(slug="old-seed-address", memo=seed)
    other = Memo.objects.exclude(pk=seed.pk).order_by("pk").first()
    workflow.move([other], Status.IN_REVIEW, author, comment="for the round trip")
    workflow.move([other], Status.PUBLISHED, author)
    workflow.move([other], Status.WITHDRAWN, author, comment="withdrawn, “quoted” reason")
    return Memo.objects.count()


@pytest.mark.corpus
def test_export_then_ingest_into_an_empty_archive_is_lossless(curated_archive, tmp_path, ingest):
    first, out = export(tmp_path, "first.jsonl")
    assert f"Exported {curated_archive:,} memo(s)" in out
    published_before = set(Memo.objects.published().values_list("slug", flat=True))

    empty_the_archive()
    status, out, err = ingest(first, publish=False)
    assert status == 0, err
    assert f"{curated_archive:,} new" in out
    second, _out = export(tmp_path, "second.jsonl")
    assert first.read_bytes() == second.read_bytes()

    seed = Memo.objects.get(doc_key="ea-m-84-10245")
    assert seed.title.endswith("(corrected)") and seed.curated_fields == ["title"]
    assert seed.redactions.count() == 32
    public, internal = seed.notes.order_by("-visibility")
    assert (
        public.author.username == "historian"
        and public.memo.text[public.start : public.end] == "Sushkov"
    )
    assert not internal.anchored
    assert seed.aliases.get().slug == "old-seed-address"
    assert StatusChange.objects.filter(comment="withdrawn, “quoted” reason").exists()
    # The index holds exactly what is published again.
    published = set(Memo.objects.published().values_list("pk", flat=True))
    assert set(Memo.objects.published().values_list("slug", flat=True)) == published_before
    assert indexed_ids() == published

    # And ingesting the same export again changes nothing.
    status, out, _err = ingest(first, publish=False)
    assert status == 0 and f"{curated_archive:,} unchanged" in out


def test_an_author_unknown_here_gets_an_inactive_account(seed, tmp_path, ingest):
    start = seed.text.index("Nakasone")
    author = User.objects.create_user("away")
    Note.objects.create(
        memo=seed, body="PM", start=start, end=start + 8, quote="Nakasone", author=author
    )
    path, _out = export(tmp_path, "e.jsonl")
    empty_the_archive()
    author.delete()
    assert ingest(path, publish=False)[0] == 0
    restored = User.objects.get(username="away")
    assert not restored.is_active and not restored.has_usable_password()
    assert Note.objects.get().author == restored


def test_export_line_carries_everything(seed, tmp_path):
    path, _out = export(tmp_path, "e.jsonl")
    [line] = path.read_text().splitlines()
    record = json.loads(line)
    assert record["format"] == EXPORT_FORMAT
    assert record["slug"] == seed.slug and record["status"] == "published"
    assert record["text"] == seed.text and len(record["redactions"]) == 32
    assert {"field_confidence", "curated_fields", "notes", "collection", "published_at"} <= set(
        record
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"text": "edited by hand"}, "does not match its checksum"),
        ({"status": "secret"}, "invalid status"),
        ({"date": "28 Dec 1984"}, "invalid date"),
        ({"curated_fields": ["status"]}, "unknown curated field"),
        ({"notes": [{"body": "x"}]}, "start and end are needed"),
        ({"redactions": [{"start": 0, "end": 10**7, "marker": "x"}]}, "does not fit the text"),
    ],
)
def test_a_damaged_export_line_fails_alone_with_its_reason(seed, tmp_path, ingest, change, message):
    path, _out = export(tmp_path, "e.jsonl")
    record = json.loads(path.read_text())
    record.update(change)
    record["slug"] = "another"
    record["document_number"] = "another 1"
    damaged = tmp_path / "damaged.jsonl"
    damaged.write_text(path.read_text() + json.dumps(record) + "\n")
    empty_the_archive()
    status, out, err = ingest(damaged, publish=False)
    assert status == 1
    assert message in err and "damaged.jsonl:2" in err
    assert "1 new" in out and Memo.objects.count() == 1


def test_csv_export(seed, tmp_path):
    Note.objects.create(memo=seed, body="=HYPERLINK(evil)", start=0, end=4, quote=seed.text[:4])
    path, out = export(tmp_path, "e.csv", format="csv")
    assert "Exported 1 memo(s) as CSV" in out
    rows = list(csv.DictReader(io.StringIO(path.read_text())))
    assert len(rows) == 1
    row = rows[0]
    assert row["slug"] == seed.slug and row["title"] == seed.title
    assert len(json.loads(row["redactions"])) == 32
    assert json.loads(row["notes"])[0]["body"] == "=HYPERLINK(evil)"  # inside JSON: harmless
    status, stdout, err = run_command("export", format="csv", status=["draft"])
    assert status == 0 and stdout.count("\n") == 1 and "Exported 0 memo(s)" in err


def test_admin_export_actions(admin_client, seed):
    for action, marker in (("export_jsonl", EXPORT_FORMAT), ("export_csv", "slug,document_number")):
        response = admin_client.post(
            "/admin/archive/memo/", {"action": action, "_selected_action": [seed.pk]}
        )
        assert response.status_code == 200
        assert "attachment" in response["Content-Disposition"]
        body = b"".join(response.streaming_content).decode()
        assert marker in body and seed.slug in body


@pytest.mark.corpus
def test_archival_description_and_sources_round_trip(corpus, ingest, tmp_path):
    memo = ingest_raw(ingest, corpus, FORM_TEXT)
    memo.subjects = [*memo.subjects, "TSD"]
    memo.curated_fields = ["subjects"]
    memo.field_sources = {**memo.field_sources, "subjects": {"rule": "curator"}}
    memo.document_type = "Memorandum"
    memo.save()
    kept = {
        name: getattr(memo, name)
        for name in ("document_type", "subjects", "archival_description", "parts", "field_sources")
    }
    first, _out = export(tmp_path, "first.jsonl")
    record = json.loads(first.read_text())
    assert record["archival_description"]["agency"]["value"] == "CIA"
    assert record["field_sources"]["subjects"] == {"rule": "curator"}

    empty_the_archive()
    assert ingest(first, publish=False)[0] == 0
    restored = Memo.objects.get()
    assert {name: getattr(restored, name) for name in kept} == kept
    second, _out = export(tmp_path, "second.jsonl")
    assert first.read_bytes() == second.read_bytes()


def test_a_malformed_archival_description_fails_with_its_reason(seed, tmp_path, ingest):
    path, _out = export(tmp_path, "e.jsonl")
    record = json.loads(path.read_text())
    record["archival_description"] = ["not", "an", "object"]
    path.write_text(json.dumps(record) + "\n")
    empty_the_archive()
    status, _out, err = ingest(path, publish=False)
    assert status == 1 and "archival_description must be an object" in err
