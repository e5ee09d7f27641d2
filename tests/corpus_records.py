"""Real records of the shared corpus that the provenance tests ingest, read at test time."""

import json

from archive.models import Memo

# NARA's identification form with each label and value on one line.
FORM_TEXT = "raw/jfk-104-10106-10544.txt"
# A CIA memorandum for the record behind its form (values stacked under the labels).
MFR_TEXT = "raw/jfk-104-10427-10030.txt"
# The President's Intelligence Checklist of 30 November 1963: marked TOP SECRET on every
# page, catalogued "Unclassified" on its form.
CHECKLIST = "jfk-form-177-10002-10102"


def ingest_raw(ingest, corpus, name, publish=True):
    """Ingest one raw text of the corpus; its memo."""
    path = corpus / name
    status, _out, err = ingest(path, publish=publish)
    assert status == 0, err
    return Memo.objects.get(source_file=path.name)


def ingest_form_record(ingest, corpus, tmp_path, record_id, publish=True):
    """Ingest the text of a record of jfk_forms.jsonl (as released, form included)."""
    with (corpus / "jfk_forms.jsonl").open(encoding="utf-8") as lines:
        record = next(json.loads(line) for line in lines if f'"{record_id}"' in line)
    path = tmp_path / f"{record_id}.txt"
    path.write_text(record["text"], encoding="utf-8")
    status, _out, err = ingest(path, publish=publish)
    assert status == 0, err
    return Memo.objects.get(source_file=path.name)


def line_of(text, start):
    """The whole line of text holding offset start."""
    begin = text.rfind("\n", 0, start) + 1
    end = text.find("\n", start)
    return text[begin : end if end >= 0 else len(text)]
