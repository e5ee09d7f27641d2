"""Re-anchoring: notes and redactions find their passage again after the text is corrected."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archive.curation.anchoring import Anchor, OffsetMap, find, map_span, relocate, selector
from archive.curation.corrections import apply_text_change
from archive.models import Memo, Note
from tests.conftest import SEED

TEXT = SEED.read_text()


def test_unchanged_passages_are_kept_where_the_edit_moved_them():
    start = TEXT.index("Sushkov")
    anchor = selector(TEXT, start, start + len("Sushkov"))
    new = "A line added at the top.\n" + TEXT
    [match] = relocate(TEXT, new, [anchor])
    assert match.how == "kept"
    assert new[match.start : match.end] == "Sushkov"
    assert match.start == start + len("A line added at the top.\n")


def test_repeated_quote_is_told_apart_by_its_context():
    # The seed has 32 "25X1" markers: each must come back to its own place.
    positions = [i for i in range(len(TEXT)) if TEXT.startswith("25X1", i)]
    assert len(positions) > 10
    anchors = [selector(TEXT, p, p + 4) for p in positions]
    new = TEXT.replace("Moscow", "Moskva")  # many small edits all through the text
    matches = relocate(TEXT, new, anchors)
    shift = len("Moskva") - len("Moscow")
    expected = [p + TEXT[:p].count("Moscow") * shift for p in positions]
    assert [m.start for m in matches] == expected


def test_without_the_old_text_context_decides_between_occurrences():
    text = "alpha 25X1 beta\n" * 3 + "gamma 25X1 delta\n"
    anchor = Anchor(0, 4, "25X1", prefix="gamma ", suffix=" delta")
    match = find(text, anchor)
    assert text[match.start - 6 : match.end + 6] == "gamma 25X1 delta"


def test_a_corrected_passage_is_found_fuzzily():
    start = TEXT.index("Japan-USSR Joint Economic Committee")
    anchor = selector(TEXT, start, start + len("Japan-USSR Joint Economic Committee"))
    new = TEXT.replace(
        "Japan-USSR Joint Economic Committee", "Japan–U.S.S.R. Joint Economic Comittee"
    )
    [match] = relocate(TEXT, new, [anchor])
    assert match.how == "fuzzy" and match.score >= 0.75
    assert new[match.start : match.end].startswith("Japan–U.S.S.R. Joint Economic Comittee")


def test_a_deleted_passage_is_not_found():
    start = TEXT.index("Sushkov")
    anchor = selector(TEXT, start, start + 40)
    new = TEXT[:start] + TEXT[start + 40 :]
    new = new.replace(anchor.quote, "")
    assert relocate(TEXT, new, [anchor]) == [None]


def test_offset_map_maps_spans_through_an_edit():
    old = "one\ntwo\nthree\nfour\n"
    new = "one\nTWO TWO\nthree\nfour\n"
    offsets = OffsetMap(old, new)
    assert offsets.position(old.index("three")) == (new.index("three"), True)
    assert map_span(old, new, old.index("four"), len(old)) == (new.index("four"), len(new))


@settings(max_examples=60, deadline=None)
@given(
    before=st.text(max_size=200),
    inserted=st.text(max_size=80),
    after=st.text(max_size=200),
)
def test_insertion_anywhere_before_keeps_the_passage(before, inserted, after):
    quote = "the passage a curator annotated"
    old = before + quote + after
    anchor = selector(old, len(before), len(before) + len(quote))
    cut = len(before) // 2
    new = before[:cut] + inserted + before[cut:] + quote + after
    [match] = relocate(old, new, [anchor])
    assert match is not None
    assert new[match.start : match.end] == quote


@pytest.fixture
def memo(seed):
    return seed


def test_text_correction_moves_notes_and_redactions(memo):
    start = memo.text.index("Sushkov")
    note = Note.objects.create(
        memo=memo, body="Who?", start=start, end=start + 7, quote="Sushkov",
        prefix=memo.text[start - 32 : start], suffix=memo.text[start + 7 : start + 39],
    )  # fmt: skip
    redactions = {r.pk: memo.text[r.start : r.end] for r in memo.redactions.all()}
    old = memo.text
    memo.text = "[Transcriber's note: corrected.]\n" + old.replace("Moscow", "Moscow (USSR)")
    memo.save()
    report = apply_text_change(memo, old)
    note.refresh_from_db()
    assert memo.text[note.start : note.end] == "Sushkov" and note.anchored
    for redaction in memo.redactions.all():
        assert memo.text[redaction.start : redaction.end] == redactions[redaction.pk]
    assert report.notes_lost == 0 and report.redactions_lost == 0
    assert report.redactions_moved == len(redactions)


def test_lost_note_is_kept_unanchored_and_lost_redaction_flags_the_memo(memo):
    start = memo.text.index("Sushkov")
    note = Note.objects.create(
        memo=memo, body="Who?", start=start, end=start + 7, quote="Sushkov", prefix="", suffix=""
    )
    redaction = memo.redactions.order_by("start").first()
    old = memo.text
    memo.text = old.replace("Sushkov", "S.").replace("25X1", "", 1)
    memo.save()
    report = apply_text_change(memo, old)
    note.refresh_from_db()
    memo.refresh_from_db()
    assert not note.anchored and Note.objects.count() == 1  # kept, nothing lost
    assert report.notes_lost == 1 and report.redactions_lost == 1
    assert memo.redactions.count() == 32
    redaction.refresh_from_db()
    assert 0 <= redaction.start < redaction.end <= len(memo.text)
    assert memo.needs_review and "redaction positions" in memo.uncertain_fields()
    assert any("not found again" in line for line in memo.review_notes)
    assert Memo.objects.get().needs_review
