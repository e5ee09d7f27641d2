"""bench/relevance.py's scores: nDCG@10 against the judged memos, and against the judged
documents (copies of one, which search folds into one result, counted once in the ideal)."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from relevance import documents_ndcg, ndcg  # noqa: E402

pytestmark = pytest.mark.pure

# Two copies of one document (a, a2), both grade 2, and one other memo of grade 1.
JUDGED = {"a": 2, "a2": 2, "b": 1}
GROUPS = {"a": "g1", "a2": "g1"}


def test_copies_count_once_in_the_documents_ideal():
    """A ranking showing the document once, then the other memo, is ideal by documents but
    not by memos (the second copy, folded away, is missing)."""
    ranked = ["a", "b"]
    assert documents_ndcg(ranked, JUDGED, GROUPS) == pytest.approx(1.0)
    assert ndcg(ranked, JUDGED) < 0.9


def test_the_documents_ideal_still_ranks():
    """The worse order scores less; memos of no copy group are their own documents."""
    assert documents_ndcg(["b", "a"], JUDGED, GROUPS) < documents_ndcg(["a", "b"], JUDGED, GROUPS)
    assert documents_ndcg(["a", "b"], JUDGED, {}) == pytest.approx(ndcg(["a", "b"], JUDGED))
    assert documents_ndcg(["x"], JUDGED, GROUPS) == 0.0
