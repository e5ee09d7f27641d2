"""The ingest command: the seed's fields exactly, the whole corpus, re-ingest, bad input."""

import datetime
import json

import pytest

from archive.choices import Status
from archive.ingest.provenance import EXTRACTOR_KEY, SOURCED_FIELDS, extractor_version
from archive.models import IndexTask, Memo, Redaction
from tests.conftest import SEED, indexed_ids
from tests.corpus_records import FORM_TEXT, MFR_TEXT, ingest_raw, line_of

SUMMARY = (
    "Tokyo's announced resumption of annual trade consultations with Moscow was apparently "
    "precipitated by similar talks between the United States and the Soviets. Tokyo does not "
    "want to lag behind if Washington and Moscow improve economic relations. Unacceptable "
    "Soviet demands for a long-term economic cooperation agreement and joint resource "
    "development projects, however, will probably prevent major improvements in the "
    "Japanese-Soviet trade relationship."
)


def test_seed_fields_are_extracted_exactly(seed):
    assert seed.document_number == "EA M 84-10245"
    assert seed.slug == "ea-m-84-10245"
    assert seed.date == datetime.date(1984, 12, 28)
    assert seed.date_precision == "day"
    assert seed.title == "Japan: Improvement in Trade Relations with USSR Unlikely"
    assert seed.agency == "Central Intelligence Agency"
    assert seed.directorate == "Directorate of Intelligence"
    assert seed.office == "Office of East Asian Analysis"
    assert seed.division == "Northeast Asia Division"
    assert seed.branch == "Japan Branch"
    assert " ".join(seed.summary.split()) == SUMMARY
    assert seed.status == Status.PUBLISHED
    assert seed.source_file == "EA-M-84-10245.txt"
    assert len(seed.checksum) == 64


def test_seed_redactions_are_every_marker_in_place(seed):
    text = seed.text
    redactions = list(seed.redactions.order_by("start"))
    markers = [r for r in redactions if r.kind == "exemption_code"]
    blocks = [r for r in redactions if r.kind == "redacted_block"]
    assert len(markers) == text.count("25X1") == 27
    assert len(blocks) == text.count("[Redacted]") == 5
    for redaction in redactions:
        assert text[redaction.start : redaction.end] == redaction.marker
    assert all(r.codes == ["25X1"] for r in markers)
    # Every [Redacted] block in the seed stands next to a 25X1 marker.
    assert all(r.codes == ["25X1"] for r in blocks)


def test_reingest_changes_nothing(seed, ingest):
    before = list(Memo.objects.values())
    redactions = list(Redaction.objects.values_list("pk", flat=True))
    status, out, _err = ingest(SEED)
    assert status == 0
    assert "0 new, 0 updated, 1 unchanged, 0 failed" in out
    assert list(Memo.objects.values()) == before
    assert list(Redaction.objects.values_list("pk", flat=True)) == redactions
    assert not IndexTask.objects.exists()


def test_reingest_with_other_spelling_updates_the_same_memo(seed, ingest, tmp_path):
    line = {"doc_number": "EA-M-84-10245", "title": "Corrected title", "text": seed.text}
    path = tmp_path / "fix.jsonl"
    path.write_text(json.dumps(line) + "\n")
    status, out, _err = ingest(path)
    assert status == 0, out
    assert "0 new, 1 updated" in out
    assert Memo.objects.count() == 1
    memo = Memo.objects.get()
    assert memo.title == "Corrected title"
    assert memo.slug == "ea-m-84-10245"  # the permanent address does not move


def test_document_without_number_is_matched_by_checksum(ingest, tmp_path):
    path = tmp_path / "note.txt"
    path.write_text("A short note with no number at all.\nIt mentions Reykjavik.\n")
    assert ingest(path)[0] == 0
    assert ingest(path)[0] == 0
    assert Memo.objects.count() == 1


def test_bad_files_are_reported_and_the_rest_go_on(ingest, tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "a-good.txt").write_text((SEED).read_text())
    (folder / "b-empty.txt").write_text("   \n")
    (folder / "c-latin1.txt").write_bytes("Memorandum \xe9t\xe9 1962".encode("latin-1"))
    (folder / "d-notes.pdfx").write_text("ignored: not a supported type inside a folder")
    lines = [
        json.dumps({"id": "x-1", "title": "Good line", "date": "1962-10-22", "text": "Cuba."}),
        "{not json",
        json.dumps({"id": "x-3", "title": "Bad date", "date": "1984-02-31", "text": "Text."}),
        json.dumps({"id": "x-4", "title": "No text"}),
        json.dumps(["a", "list"]),
        json.dumps({"id": "x-6", "title": "Partial date", "date": "1975-06", "text": "Laos."}),
    ]
    (folder / "e-lines.jsonl").write_text("\n".join(lines) + "\n")
    status, out, err = ingest(folder)
    assert status != 0
    assert "3 new, 0 updated, 0 unchanged, 6 failed" in out
    assert "b-empty.txt: empty file" in err
    assert "c-latin1.txt: not UTF-8" in err
    assert "e-lines.jsonl:2: malformed JSON" in err
    assert "e-lines.jsonl:3: invalid date '1984-02-31'" in err
    assert "e-lines.jsonl:4: no text" in err
    assert "e-lines.jsonl:5: each line must be a JSON object" in err
    assert set(Memo.objects.values_list("title", flat=True)) == {
        "Japan: Improvement in Trade Relations with USSR Unlikely",
        "Good line",
        "Partial date",
    }
    partial = Memo.objects.get(source_id="x-6")
    assert (partial.date, partial.date_precision) == (datetime.date(1975, 6, 1), "month")
    assert partial.iso_date == "1975-06"


def test_missing_path_and_unsupported_file_fail(ingest, tmp_path):
    odd = tmp_path / "scan.docx"
    odd.write_text("x")
    status, out, err = ingest(tmp_path / "nowhere.txt", odd)
    assert status != 0
    assert "no such file or folder" in err
    assert "unsupported file type" in err


def test_document_number_conflict_fails_whole(ingest, tmp_path):
    first = {"id": "a", "doc_number": "NIC 01234-85", "text": "First text."}
    second = {"id": "b", "doc_number": "C-1", "text": "Second text."}
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps(first) + "\n" + json.dumps(second) + "\n")
    assert ingest(path)[0] == 0
    # Record "b" now claims the number that belongs to "a": refused, "b" left untouched.
    clash = {"id": "b", "doc_number": "NIC-01234-85", "text": "Second text, revised."}
    path.write_text(json.dumps(clash) + "\n")
    status, _out, err = ingest(path)
    assert status != 0
    assert "already belongs to another memo" in err or Memo.objects.count() == 2
    assert Memo.objects.get(source_id="b").text == "Second text."


def test_drafts_are_not_indexed_until_published(ingest, django_capture_on_commit_callbacks):
    status, _out, _err = ingest(SEED, publish=False)
    assert status == 0
    memo = Memo.objects.get()
    assert memo.status == Status.DRAFT
    assert indexed_ids() == set()
    for status, expected in [(Status.PUBLISHED, {memo.pk}), (Status.WITHDRAWN, set())]:
        with django_capture_on_commit_callbacks(execute=True):
            memo.status = status
            memo.save()
        assert indexed_ids() == expected
    with django_capture_on_commit_callbacks(execute=True):
        memo.delete()
    assert indexed_ids() == set()


@pytest.mark.corpus
def test_every_raw_file_ingests(corpus, ingest):
    status, out, err = ingest(corpus / "raw", publish=False)
    files = sorted((corpus / "raw").glob("*.txt"))
    assert status == 0, err
    assert Memo.objects.count() == len(files)
    for memo in Memo.objects.all():
        for redaction in memo.redactions.all():
            assert memo.text[redaction.start : redaction.end] == redaction.marker


@pytest.mark.corpus
def test_identification_form_is_stored_as_archival_description_with_sources(corpus, ingest):
    memo = ingest_raw(ingest, corpus, FORM_TEXT)
    text, form = memo.text, memo.archival_description
    assert form["agency"]["value"] == "CIA"
    assert form["record_number"]["value"] == "104-10106-10544"
    assert form["title"]["value"] == "TRANSMITTAL OF INFO REQUESTED BY OS."
    assert form["date"]["value"] == "08/01/1963"
    assert form["classification"]["value"] == "SECRET"
    assert memo.subjects == ["MEMORANDUM", "CLEARANCE", "WITHHELD", "JFK ASSASSINATION"]
    for key, item in form.items():
        if isinstance(item["value"], str):
            assert item["value"] in text[item["start"] : item["end"]], key
    assert memo.parts[0][0] == "form" and memo.parts[0][1] == 0
    # Each field keeps the span it was read from, and the rule that read it.
    sources = memo.field_sources
    assert sources["date"]["rule"] == "form"
    assert text[sources["date"]["start"] : sources["date"]["end"]] == "08/01/1963"
    assert line_of(text, sources["date"]["start"]) == "DATE : 08/01/1963"
    assert line_of(text, sources["agency"]["start"]).startswith("AGENCY ORIGINATOR")
    assert sources["subjects"]["rule"] == "form"
    title = sources["title"]
    assert memo.title in text[title["start"] : title["end"]]
    for name, source in sources.items():
        if "start" in source:
            assert 0 <= source["start"] < source["end"] <= len(text), name
    assert sources[EXTRACTOR_KEY]["version"] == extractor_version()
    assert set(sources) - {EXTRACTOR_KEY} <= set(SOURCED_FIELDS)


@pytest.mark.corpus
def test_document_type_is_stored_with_its_heading(corpus, ingest):
    memo = ingest_raw(ingest, corpus, MFR_TEXT)
    assert memo.document_type == "Memorandum for the Record"
    source = memo.field_sources["document_type"]
    assert source["rule"] == "family:cia_mfr"
    assert "MEMORANDUM FOR THE RECORD" in memo.text[source["start"] : source["end"]].upper()
    assert memo.archival_description["record_number"]["value"] == "104-10427-10030"


def test_given_fields_are_marked_given_without_a_span(ingest, tmp_path):
    path = tmp_path / "given.jsonl"
    line = {
        "id": "given-1",
        "title": "A title the catalogue gives",
        "document_type": "Airtel",
        "subjects": ["CUBA", " Oswald,  Lee "],
        "text": "SUBJECT: Another title in the text\n\n28 December 1984\n\nBody text.",
    }
    path.write_text(json.dumps(line) + "\n")
    assert ingest(path, publish=False)[0] == 0
    memo = Memo.objects.get(source_id="given-1")
    assert memo.title == "A title the catalogue gives" and memo.document_type == "Airtel"
    assert memo.subjects == ["CUBA", "Oswald, Lee"]
    assert memo.field_sources["title"] == {"rule": "given"}
    assert memo.field_sources["subjects"] == {"rule": "given"}
    assert memo.field_sources["date"]["rule"] != "given" and "start" in memo.field_sources["date"]


@pytest.mark.corpus
def test_a_corrected_field_is_kept_on_reingest_with_the_curator_as_source(corpus, ingest):
    memo = ingest_raw(ingest, corpus, FORM_TEXT)
    read = memo.field_sources["sender"]
    vouched = memo.field_sources["date"]
    memo.sender = "Chief, TSD/DB (corrected)"
    memo.field_sources = {**memo.field_sources, "sender": {"rule": "curator"}}
    memo.curated_fields = ["sender", "date"]
    memo.save()
    assert ingest(corpus / FORM_TEXT)[0] == 0
    memo.refresh_from_db()
    assert memo.sender == "Chief, TSD/DB (corrected)"
    assert memo.field_sources["sender"] == {"rule": "curator"} != read
    assert memo.field_sources["date"] == vouched  # approved as read: its span stays
    assert memo.archival_description["agency"]["value"] == "CIA"
