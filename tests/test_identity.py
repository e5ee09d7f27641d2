"""Identity: a text of a stored document updates that memo; releases stay apart and linked."""

import json

import pytest

from archive.choices import Status
from archive.curation.anchoring import selector
from archive.identifiers import number_kind, text_key
from archive.ingest.documents import IngestError
from archive.ingest.identity import find_existing
from archive.ingest.records import build_record
from archive.ingest.sources import read
from archive.models import Memo, Note
from tests.conftest import SEED

BANNER = "Approved For Release 2010/06/01 : CIA-RDP85T00287R001302220001-3\n"


def write_lines(path, *records):
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    return path


def respaced(text):
    """The same text as another OCR run might lay it out: other line breaks and punctuation."""
    return "  ".join(text.replace(",", " ,").split()) + "\n"


def corpus_pairs(corpus):
    """(raw file, memos.jsonl line) for each raw text the manifest says is in memos.jsonl."""
    wanted = {}
    for line in (corpus / "raw_manifest.jsonl").open(encoding="utf-8"):
        entry = json.loads(line)
        if entry["in_memos_jsonl"]:
            wanted[entry["id"]] = corpus / entry["file"]
        elif entry.get("record_in_memos_jsonl"):
            wanted[f"jfk-{entry['record_number']}"] = corpus / entry["file"]
    lines = {}
    for line in (corpus / "memos.jsonl").open(encoding="utf-8"):
        if any(f'"id": "{record_id}"' in line for record_id in wanted.keys() - lines.keys()):
            record = json.loads(line)
            if record["id"] in wanted:
                lines[record["id"]] = line
    assert lines.keys() == wanted.keys(), "a raw file's record is missing from memos.jsonl"
    return [(wanted[record_id], lines[record_id]) for record_id in sorted(wanted)]


@pytest.mark.corpus
def test_each_raw_text_of_a_described_memo_updates_that_memo(corpus, ingest, tmp_path):
    pairs = corpus_pairs(corpus)
    assert len(pairs) == 16  # 15 files of records in memos.jsonl, one JFK record's 2025 OCR
    described = tmp_path / "described.jsonl"
    described.write_text("".join(line for _raw, line in pairs), encoding="utf-8")
    status, out, err = ingest(described)
    assert status == 0, err
    before = {
        memo.source_id: memo
        for memo in Memo.objects.all()  # published, every field as the line described it
    }

    status, out, err = ingest(*[raw for raw, _line in pairs], publish=False, verbosity=2)
    assert status == 0, err
    assert "0 new, 16 updated, 0 unchanged, 0 failed" in out
    assert "Another release" not in out
    assert Memo.objects.count() == 16
    for raw, line in pairs:
        given = json.loads(line)
        memo = Memo.objects.get(source_id=given["id"])
        old = before[given["id"]]
        assert memo.pk == old.pk
        assert memo.status == Status.PUBLISHED  # a published memo stays published
        assert memo.source_file == raw.name
        assert memo.text_key == text_key(raw.read_text(encoding="utf-8"))
        # What the line gave stays as given, with its confidence; what it lacked may be found.
        keys = {"doc_number": "document_number", "title": "title", "date": "date"}
        keys.update({"agency": "agency", "from": "sender", "to": "recipient"})
        for key, name in keys.items():
            if given.get(key) and old.field_confidence.get(name) == 1.0:
                assert getattr(memo, name) == getattr(old, name), (raw.name, name)
                assert memo.field_confidence[name] == old.field_confidence[name] == 1.0
        assert memo.collection_id == old.collection_id
        assert memo.extra == old.extra and memo.source_citation == old.source_citation
    # How each was recognised: the NARA number of the identification form, the file's name
    # (the corpus names raw texts after their record's id).
    assert "matched by NARA record number 104-10131-10014" in out
    assert out.count("matched by file name") == 15
    jfk = Memo.objects.get(source_id="jfk-104-10131-10014")
    assert jfk.document_number == "104-10131-10014"
    assert jfk.nara_record_number == "104-10131-10014"
    # Renamed, the State telegrams and the Bush memcons are found by their text alone (another
    # OCR of the same scan, the Clinton files, is not the same text).
    for raw, line in pairs:
        record = build_record(next(iter(read(raw))))
        record.values["source_file"] = "renamed.txt"
        if raw.name.startswith(("state-", "bush41-")):
            match = find_existing(record.values)
            assert (match.how, match.memo.source_id) == ("text", json.loads(line)["id"])


def test_a_raw_text_without_number_updates_the_memo_of_its_text(ingest, tmp_path):
    text = SEED.read_text(encoding="utf-8").replace("EA M 84-10245", "")
    line = {
        "id": "x-1",
        "doc_number": "C05123456",
        "title": "Given title",
        "agency": "Central Intelligence Agency",
        "case_number": "F-2001-00001",
        "original_pdf_url": "https://example.org/x-1",
        "ocr_quality": 0.9,
        "text": text,
    }
    assert ingest(write_lines(tmp_path / "a.jsonl", line))[0] == 0
    memo = Memo.objects.get()
    passage = "Prime Minister Nakasone"
    start = memo.text.index(passage)
    anchor = selector(memo.text, start, start + len(passage))
    note = Note.objects.create(
        memo=memo,
        body="Who decided.",
        start=anchor.start,
        end=anchor.end,
        quote=anchor.quote,
        prefix=anchor.prefix,
        suffix=anchor.suffix,
    )

    raw = tmp_path / "another-ocr.txt"
    raw.write_text(respaced(text), encoding="utf-8")
    status, out, err = ingest(raw, publish=False)
    assert status == 0, err
    assert "0 new, 1 updated" in out
    memo.refresh_from_db()
    assert Memo.objects.count() == 1
    assert memo.text == raw.read_text(encoding="utf-8")  # the new text, the old in history
    assert memo.history.filter(text=text).exists()
    assert (memo.document_number, memo.title, memo.source_id) == ("C05123456", "Given title", "x-1")
    assert (
        memo.foia_case == "F-2001-00001"
        and memo.extra["original_pdf_url"] == "https://example.org/x-1"
    )
    assert memo.status == Status.PUBLISHED and memo.ocr_quality is None
    note.refresh_from_db()
    assert note.anchored and " ".join(memo.text[note.start : note.end].split()) == passage
    for redaction in memo.redactions.all():
        assert memo.text[redaction.start : redaction.end] == redaction.marker


def test_a_numbered_text_never_takes_another_numbers_memo(ingest, tmp_path):
    text = "Telegram text that two releases share word for word. Cuba, 1962."
    lines = [
        {"id": "a", "doc_number": "C09000005", "text": text},
        {"doc_number": "C09000006", "text": text},  # a copy under another number
        {"doc_number": "104-10001-10001", "text": respaced(text)},  # another kind of number
        {"doc_number": "EA M 85-10002", "text": text},
    ]
    status, out, err = ingest(write_lines(tmp_path / "copies.jsonl", *lines))
    assert status == 0, err
    assert "4 new, 0 updated" in out
    assert Memo.objects.count() == 4
    assert len({memo.text_key for memo in Memo.objects.all()}) == 1
    # A text with no number of its own is the text of four documents: refused, not guessed.
    raw = tmp_path / "copy.txt"
    raw.write_text(text, encoding="utf-8")
    status, _out, err = ingest(raw)
    assert status != 0 and "text of several stored documents" in err
    assert Memo.objects.count() == 4


def test_numbers_match_across_fields_both_ways(corpus, ingest, tmp_path):
    raw = corpus / "raw" / "jfk-104-10106-10544.txt"
    line = {"id": "jfk-x", "doc_number": "104-10106-10544", "title": "Given", "text": "Other OCR."}
    # A described record first, its raw text (the identification form's RECORD NUMBER) after.
    assert ingest(write_lines(tmp_path / "a.jsonl", line))[0] == 0
    status, out, err = ingest(raw, verbosity=2)
    assert status == 0, err
    assert "0 new, 1 updated" in out and "matched by NARA record number 104-10106-10544" in out
    memo = Memo.objects.get()
    assert memo.nara_record_number == memo.document_number == "104-10106-10544"
    assert memo.title == "Given"
    # The raw text first, the described record after.
    Memo.objects.all().delete()
    assert ingest(raw)[0] == 0
    assert Memo.objects.get().document_number == ""
    status, out, err = ingest(write_lines(tmp_path / "b.jsonl", line))
    assert status == 0, err
    assert "0 new, 1 updated" in out
    memo = Memo.objects.get()
    assert (memo.document_number, memo.nara_record_number) == ("104-10106-10544",) * 2


def test_a_raw_draft_and_its_described_line_are_one_memo_either_way(ingest, tmp_path):
    text = "Embassy Reykjavik reports the summit venue. No number is printed here."
    raw = tmp_path / "page.txt"
    raw.write_text(text, encoding="utf-8")
    assert ingest(raw, publish=False)[0] == 0
    line = {"id": "s-1", "doc_number": "C09000021", "title": "Summit venue", "text": text}
    status, out, err = ingest(write_lines(tmp_path / "s.jsonl", line))
    assert status == 0, err
    assert "0 new, 1 updated" in out
    assert Memo.objects.get().document_number == "C09000021"


def test_file_numbers_and_foia_cases_never_match(ingest, tmp_path):
    shared = {"case_number": "F-1986-04261", "agency_file_number": "62-109060"}
    lines = [
        {"id": "a", "text": "First document of the case.", **shared},
        {"text": "Second document of the case, another text.", **shared},
    ]
    assert ingest(write_lines(tmp_path / "case.jsonl", *lines))[0] == 0
    raw = tmp_path / "third.txt"
    raw.write_text("Case F-1986-04261, file 62-109060. A third document.\n", encoding="utf-8")
    status, out, err = ingest(raw)
    assert status == 0, err
    assert Memo.objects.count() == 3
    assert Memo.objects.filter(foia_case="F-1986-04261").count() == 3
    assert Memo.objects.filter(file_number="62-109060").count() >= 2


def test_disagreeing_numbers_are_a_clash(ingest, tmp_path):
    first = {
        "id": "a",
        "doc_number": "104-10001-10001",
        "crest_id": "CIA-RDP85T00287R001302220001-3",
    }
    second = {"nara_record_number": "104-10001-10001", "crest_id": "CIA-RDP85T00287R001302220002-1"}
    path = write_lines(tmp_path / "a.jsonl", {**first, "text": "One."})
    assert ingest(path)[0] == 0
    status, _out, err = ingest(write_lines(tmp_path / "b.jsonl", {**second, "text": "Two."}))
    assert status != 0
    assert "NARA record number 104-10001-10001 is memo 104-10001-10001's" in err
    assert "CREST id" in err and Memo.objects.count() == 1


def test_same_release_updates_and_keeps_curated_fields(ingest, tmp_path):
    line = {
        "doc_number": "EA M 84-10245",
        "release_date": "2005-01-01",
        "title": "As described",
        "agency": "Central Intelligence Agency",
        "text": SEED.read_text(encoding="utf-8"),
    }
    assert ingest(write_lines(tmp_path / "a.jsonl", line))[0] == 0
    memo = Memo.objects.get()
    memo.title, memo.curated_fields = "As the curator wrote it", ["title"]
    memo.save()
    # The same release, dated: the same memo.
    again = {**line, "title": "Retitled by the source", "text": respaced(line["text"])}
    status, out, err = ingest(write_lines(tmp_path / "b.jsonl", again))
    assert status == 0, err
    assert "0 new, 1 updated" in out
    # A raw text giving no release date: the same release too.
    raw = tmp_path / "ocr.txt"
    raw.write_text(SEED.read_text(encoding="utf-8").replace("Tokyo", "Tokio"), encoding="utf-8")
    status, out, err = ingest(raw)
    assert status == 0, err
    assert "0 new, 1 updated" in out
    memo.refresh_from_db()
    assert Memo.objects.count() == 1
    assert memo.title == "As the curator wrote it"
    assert memo.release_date.isoformat() == "2005-01-01"
    assert memo.agency == "Central Intelligence Agency" and "Tokio" in memo.text


def test_a_new_release_date_adds_a_linked_release_and_leaves_the_first(ingest, tmp_path):
    text = SEED.read_text(encoding="utf-8")
    line = {"doc_number": "EA M 84-10245", "release_date": "1998-05-01", "text": text}
    assert ingest(write_lines(tmp_path / "a.jsonl", line))[0] == 0
    first = Memo.objects.get()
    frozen = Memo.objects.filter(pk=first.pk).values().get()
    later = {**line, "release_date": "2012-09-01", "text": text.replace("Tokyo", "Tokio")}
    status, out, err = ingest(write_lines(tmp_path / "b.jsonl", later))
    assert status == 0, err
    assert "1 new, 0 updated" in out
    assert (
        "is stored as ea-m-84-10245-2012 (released 2012-09-01), a new release of the document "
        "stored as ea-m-84-10245 (released 1998-05-01)" in out
    )
    assert "1 of the new are other releases of documents already stored" in out
    second = Memo.objects.get(release_date="2012-09-01")
    assert "Tokio" in second.text
    now = Memo.objects.filter(pk=first.pk).values().get()
    assert now.pop("release_group_id") == second.release_group_id is not None
    frozen.pop("release_group_id")
    assert now == frozen  # the first release, untouched
    # The same two texts again: each updates its own release, nothing else.
    status, out, _err = ingest(tmp_path / "a.jsonl", tmp_path / "b.jsonl")
    assert status == 0 and "0 new, 0 updated, 2 unchanged" in out


def test_a_raw_release_of_a_memo_stored_without_release_date_is_another_release(
    seed, ingest, tmp_path
):
    # The case: the seed is stored with no release date; a text of the same document
    # carries CIA's release banner. It used to replace the seed's text.
    raw = tmp_path / "EA-M-84-10245-crest.txt"
    text = BANNER + seed.text.replace("Tokyo", "Tokio") + "\n" + BANNER
    raw.write_text(text, encoding="utf-8")
    before = seed.text
    status, out, err = ingest(raw)
    assert status == 0, err
    assert "1 new, 0 updated" in out
    assert (
        "a new release of the document stored as ea-m-84-10245 (release date unknown) "
        "(matched by DI publication number ea-m-84-10245)" in out
    )
    seed.refresh_from_db()
    assert seed.text == before and seed.release_date is None
    release = Memo.objects.exclude(pk=seed.pk).get()
    assert release.slug == "ea-m-84-10245-2010" and release.release_date.isoformat() == "2010-06-01"
    assert release.release_group_id == seed.release_group_id is not None
    # Ingested again, each release updates itself only.
    assert "0 new, 0 updated, 1 unchanged" in ingest(raw)[1]
    assert "0 new, 0 updated, 1 unchanged" in ingest(SEED)[1]


def test_a_raw_release_found_by_another_number_carries_the_documents_number(ingest, tmp_path):
    line = {"id": "jfk-1", "doc_number": "104-10001-10001", "text": "The 2017 text, redacted."}
    assert ingest(write_lines(tmp_path / "a.jsonl", line))[0] == 0
    later = {"nara_record_number": "104-10001-10001", "release_date": "2025-03-18"}
    status, out, _err = ingest(write_lines(tmp_path / "b.jsonl", {**later, "text": "In full."}))
    assert status == 0 and "Another release" in out
    release = Memo.objects.get(release_date="2025-03-18")
    assert release.document_number == "104-10001-10001" and release.slug == "104-10001-10001-2025"
    assert release.release_group_id == Memo.objects.get(source_id="jfk-1").release_group_id


def test_a_raw_text_and_its_described_line_in_one_batch(ingest, tmp_path):
    text = "A cable with no number that a described line also carries, word for word."
    (tmp_path / "in").mkdir()
    write_lines(tmp_path / "in" / "a.jsonl", {"id": "d-1", "title": "Described", "text": text})
    (tmp_path / "in" / "b.txt").write_text(respaced(text), encoding="utf-8")
    status, out, err = ingest(tmp_path / "in")
    assert status == 0, err
    assert "1 new, 1 updated" in out
    assert Memo.objects.get().title == "Described"


def test_bulk_created_memos_have_their_text_key(ingest, tmp_path):
    lines = [{"id": f"k-{n}", "text": f"Memo number {n}, stored in bulk."} for n in range(3)]
    assert ingest(write_lines(tmp_path / "k.jsonl", *lines))[0] == 0
    for memo in Memo.objects.all():
        assert memo.text_key == text_key(memo.text)


def test_matching_is_a_few_indexed_queries(db, tmp_path, django_assert_max_num_queries):
    path = write_lines(
        tmp_path / "q.jsonl",
        {"id": "q", "doc_number": "104-10001-10001", "crest_id": "CIA-RDP1", "text": "Text."},
    )
    record = build_record(next(iter(read(path))))
    with django_assert_max_num_queries(6):
        assert find_existing(record.values, record.source).memo is None


def test_number_kinds():
    kinds = {
        "104-10106-10544": "NARA record number",
        "cia-rdp85t00287r001302220001-3": "CREST id",
        "c09000005": "C-number",
        "ea-m-84-10245": "DI publication number",
        "nic-01234-85": "NIC number",
        "reykja-02091": "telegram number",
        "frus-1989-1992-v-xxxi-doc-10": "document number",
    }
    assert {key: number_kind(key) for key in kinds} == kinds


def test_a_text_of_several_releases_without_a_date_is_refused(db):
    for release in ("1998-05-01", "2012-09-01"):
        Memo.objects.create(
            slug=f"r-{release}", document_number="C09000007", release_date=release,
            text=f"Released {release}.", checksum=release,
        )  # fmt: skip
    with pytest.raises(IngestError, match=r"several releases \(1998-05-01, 2012-09-01\)"):
        find_existing({"document_number": "C09000007", "text": "Neither."})
    # With the text of one of them, it is that one.
    match = find_existing({"document_number": "C09000007", "text": "released 2012 09 01"})
    assert match.memo.slug == "r-2012-09-01"
