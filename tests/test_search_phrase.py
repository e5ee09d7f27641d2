"""Phrases matched from decoded positions (archive/search/whoosh/phrase.py) agree with Whoosh:
the same documents with the same scores, as a scored pass and as a mask, on a small archive
whose words are common enough to take the fast path."""

import numpy as np
import pytest
from search_helpers import write_jsonl
from whoosh import query as wq

from archive.models import Memo
from archive.search.whoosh import docsets as whoosh_docsets
from archive.search.whoosh import index as whoosh_index
from archive.search.whoosh import phrase as whoosh_phrase
from archive.search.whoosh import scores as whoosh_scores
from archive.search.whoosh.run import compile_query
from archive.search.whoosh.tables import tables
from tests.conftest import TEST_ENGINE

# Whoosh's own phrase matching compared with ours: nothing to compare on another engine.
pytestmark = pytest.mark.skipif(TEST_ENGINE != "whoosh", reason="tests the Whoosh engine's phrases")

TEXTS = [
    "The united states and the soviet union signed. United states troops left.",
    "States united against the plan; the soviet troops stayed near the border.",
    "The soviet government said the united front of states was a soviet affair.",
    "Troops of the soviet army; united, the states of the union voted on troops.",
    "National security council met. The national council on security disagreed.",
    "Security council national meeting: the united states national security council.",
    "the the the united united states states the soviet soviet troops troops",
    "Nothing here but the weather and the harvest of the united farms.",
]

PHRASES = [
    '"united states"',
    '"states united"',
    '"the soviet"',
    '"national security council"',
    '"soviet troops"~3',
    '"troops soviet"~3',
    '"the united states"',
    '"the the"',
    '"united states"~2',
    '"of the union"~5',
    '"zzzyx states"',
]


@pytest.fixture
def archive(ingest, tmp_path, monkeypatch):
    """The TEXTS ingested and published; every word takes the fast path."""
    records = [
        {"id": f"p-{n}", "doc_number": f"PH {n:02d}", "title": f"Phrase memo {n}",
         "date": f"1984-01-{n + 1:02d}", "text": text}
        for n, text in enumerate(TEXTS)
    ]  # fmt: skip
    assert ingest(write_jsonl(tmp_path / "memos.jsonl", records))[0] == 0
    monkeypatch.setattr(whoosh_phrase, "RAREST_WORD_DOCS", 0)
    assert Memo.objects.published().count() == len(TEXTS)


def text_phrase(q, searcher):
    """The phrase a query compiles to in the full text (a lone phrase is also looked for in the
    title, with its own weight: archive/search/fields.py TITLE_BOOST)."""
    query, _parsed = compile_query(q, searcher, [])
    if isinstance(query, wq.Or):
        # (the thesaurus may add an alternative: NSC for "national security council")
        text = [part for part in query.subqueries if part.fieldname == "text"]
        (query,) = [part for part in text if isinstance(part, wq.Phrase)]
    return query


def whoosh_scored(query, searcher):
    docnums, scores = whoosh_scores.whoosh_scored(query, searcher)
    return docnums.tolist(), scores.tolist()


@pytest.mark.parametrize("q", PHRASES)
def test_phrase_matches_and_scores_equal_whooshs(archive, q):
    searcher = whoosh_index.searcher()
    query = text_phrase(q, searcher)
    assert whoosh_phrase.supported(query)
    expected_docs, expected_scores = whoosh_scored(query, searcher)
    assert whoosh_phrase.phrase_docnums(query, searcher) is not None  # the fast path ran
    docnums, scores = whoosh_scores.scored(query, searcher)
    assert docnums.tolist() == expected_docs
    assert scores.tolist() == expected_scores
    columns = tables(searcher)
    mask = whoosh_docsets.mask_for(query, searcher, columns)
    assert np.flatnonzero(mask).tolist() == sorted(expected_docs)


def test_the_comparison_is_not_vacuous(archive):
    searcher = whoosh_index.searcher()
    counts = {}
    for q in ('"united states"', '"states united"', '"soviet troops"~3', '"zzzyx states"'):
        query, _parsed = compile_query(q, searcher, [])
        counts[q] = len(whoosh_scores.scored(query, searcher)[0])
    assert counts == {
        '"united states"': 3,
        '"states united"': 1,
        '"soviet troops"~3': 2,
        '"zzzyx states"': 0,
    }


def test_a_deleted_memo_is_not_matched(archive, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        Memo.objects.get(source_id="p-0").delete()
    searcher = whoosh_index.searcher()
    query = text_phrase('"united states"', searcher)
    expected = whoosh_scored(query, searcher)
    docnums, scores = whoosh_scores.scored(query, searcher)
    assert (docnums.tolist(), scores.tolist()) == expected
    assert len(expected[0]) == 2


def test_phrases_across_segments(archive, ingest, tmp_path):
    more = [
        {"id": f"q-{n}", "doc_number": f"PQ {n:02d}", "title": f"Later memo {n}",
         "date": "1985-02-02", "text": text}
        for n, text in enumerate(reversed(TEXTS))
    ]  # fmt: skip
    assert ingest(write_jsonl(tmp_path / "more.jsonl", more))[0] == 0
    searcher = whoosh_index.searcher()
    assert len(searcher.reader().leaf_readers()) > 1
    for q in PHRASES:
        query, _parsed = compile_query(q, searcher, [])
        expected = whoosh_scored(query, searcher)
        docnums, scores = whoosh_scores.scored(query, searcher)
        assert (docnums.tolist(), scores.tolist()) == expected, q
        mask = whoosh_docsets.mask_for(query, searcher, tables(searcher))
        assert np.flatnonzero(mask).tolist() == sorted(expected[0]), q
