"""Ranking and word forms, on the engine under test: plain words weigh more in a title that
holds them all, and every engine stems with Snowball (Porter2), as the snippets do."""

import pytest
from search_helpers import write_jsonl

from archive.models import Memo
from archive.search import service
from archive.search.analysis import stem
from archive.search.marks import stem_of

FILLER = "The station reported on routine matters of the week and the budget. " * 3
# Different words around the same sentences, so that no two memos are copies of one document
# (copies fold into one result; see test_copies.py).
OTHER = {
    "m-1": "Exiles met in Miami about boats and radios.",
    "m-2": "The consul asked for a new typewriter and more paper.",
    "m-3": "Counsel in New Orleans sought records from the Agency.",
    "m-4": "Informants in Havana spoke of unrest in the army.",
    "m-5": "Agents in Madrid followed a courier to the port.",
    "m-6": "Officers in Mexico City met a source at a cafe.",
}
# Three memos naming the Garrison investigation equally often in their text; only one says so
# in its title. Ingest order puts the titled one last, so that ties would not favour it.
MEMOS = [
    ("m-1", "Cuban exile groups in Miami", "the garrison investigation went on. " + FILLER),
    ("m-2", "Weekly station notes", FILLER + " the garrison investigation went on."),
    ("m-3", "Garrison investigation", FILLER + " the garrison investigation went on."),
    ("m-4", "Plotting in Havana", "They were plotting against the regime. " + FILLER),
    ("m-5", "A plot", "The plot was discovered and the plotters fled. " + FILLER),
    ("m-6", "Plans", "The plan was plotted in May. " + FILLER),
]  # fmt: skip


@pytest.fixture
def archive(ingest, tmp_path):
    """The MEMOS ingested and published."""
    records = [
        {"id": rid, "title": title, "date": f"1967-0{n + 1}-01", "text": f"{OTHER[rid]} {text}"}
        for n, (rid, title, text) in enumerate(MEMOS)
    ]
    assert ingest(write_jsonl(tmp_path / "memos.jsonl", records))[0] == 0
    assert Memo.objects.published().count() == len(MEMOS)


def ranked(q):
    return [hit.memo.source_id for hit in service.search(q, per_page=10, facets=False).hits]


def test_a_memo_whose_title_holds_the_words_ranks_first(archive):
    for q in ("garrison investigation", "garrison", '"garrison investigation"'):
        found = ranked(q)
        assert sorted(found) == ["m-1", "m-2", "m-3"], q  # the title adds weight, no match
        assert found[0] == "m-3", q
    assert ranked("garrison investigation -exile") == ["m-3", "m-2"]
    assert ranked("garrison OR cuban")[0] == "m-1"  # the one memo holding both words


def test_word_forms_share_one_stem(archive):
    for q in ("plot", "plotting", "plotted", "plots"):
        assert sorted(ranked(q)) == ["m-4", "m-5", "m-6"], q


def test_snippets_mark_the_forms_the_engine_matched(archive):
    (hit,) = [h for h in service.search("plot", facets=False).hits if h.memo.source_id == "m-4"]
    assert "<mark>plotting</mark>" in hit.snippet


def test_one_stemmer_for_the_index_and_the_marks():
    for word in ("plotting", "assassinated", "negotiations", "summits", "Castro's"):
        assert stem_of(word) == stem(word.lower())
    assert stem("plotting") == stem("plot") == "plot"
    assert stem("assassinated") == stem("assassination")
