"""Extraction reads a text the same way in every process, whatever Python's hash seed: no value,
span or note may depend on the order of a set."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from test_extract import needs_corpus
from test_extract_anatomy import record

from archive.ingest import rif
from archive.ingest.patterns import split_lines

pytestmark = pytest.mark.pure  # extraction is pure Python: no search index

REPO = Path(__file__).resolve().parents[1]
# Prints the agency model's reading (agency, probability, strongest words) of a corpus record.
PREDICT = (
    "import json, sys; from archive.ingest.vocabulary import predict; "
    "print(json.dumps(predict(json.loads(sys.stdin.read()))))"
)


def test_a_form_whose_numbers_tie_takes_the_one_below_the_release_header():
    # The release header's number (OCR misread) and the form's own, each once, and the form's
    # RECORD NUMBER label unread: the number nearer the form is its record number.
    text = (
        "(104-10000-10009) 2022 RELEASE UNDER THE PRESIDENT JOHN F. KENNEDY ASSASSINATION "
        "RECORDS ACT OF 1992\n\nJFK ASSASSINATION SYSTEM\nIDENTIFICATION FORM\n\n"
        "AGENCY : CIA\n\n; RECORD NUMBER : 104-10000-10008\nRECORD SERIES : JFK\n\n"
        "FROM : CHIEF, WH DIVISION\nTO : DIRECTOR\nTITLE : A MEMORANDUM\n"
        "DATE : 01/02/1964\nPAGES : 2\n\nThe memorandum's text begins here and runs on.\n"
    )
    form = rif.parse_rif(text, split_lines(text))
    assert form is not None
    assert form.fields["record_number"].value == "104-10000-10008"


@needs_corpus
@pytest.mark.parametrize("record_id", ["frus-frus1989-92v31-d70"])
def test_the_agency_models_strongest_words_do_not_follow_the_hash_seed(record_id):
    # A FRUS document whose evidence words weigh alike: they were listed in set order.
    text = record(record_id)["text"]
    seen = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", PREDICT],
            input=json.dumps(text),
            capture_output=True,
            text=True,
            cwd=REPO,
            env=env,
            check=True,
        )
        seen.add(done.stdout)
    assert len(seen) == 1
