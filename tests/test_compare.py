"""Comparing two releases of one document: what the later release newly revealed."""

import json
import re

import pytest

from archive.choices import RedactionKind
from archive.models import Memo, Redaction, ReleaseGroup
from archive.reading.compare import OPENED, REVEALED, VARIANT, WITHHELD, compare, release_order
from archive.redaction.withheld import estimate
from tests.conftest import SEED

# Passages of the seed that the (synthetic) 1998 release withheld, and one it lacked outright.
WITHHELD_1998 = [
    "Foreign Minister Abe has said that that decision is up to the industry and the "
    "government cannot intervene.",
    "Prime Minister Nakasone",
]
MISSING_1998 = "Their requirements after that are uncertain."
OCR_ERROR = ("The Japanese Government views", "The Japanese Govemment views")


def seed_text():
    return SEED.read_text(encoding="utf-8")


def earlier_text():
    text = seed_text()
    text = text.replace(WITHHELD_1998[0], "[Redacted]\n\n25X1\n", 1)
    text = text.replace(WITHHELD_1998[1], "[Redacted]", 1)
    text = text.replace(" " + MISSING_1998, "", 1)
    return text.replace(*OCR_ERROR, 1)


@pytest.fixture
def releases(ingest, tmp_path):
    """The seed text as released in 2012, and an earlier, more redacted release of 1998."""
    later_text = seed_text().replace("extended slump", "extended • slump |", 1)  # OCR noise
    common = {"date": "1984-12-28", "agency": "Central Intelligence Agency"}
    lines = [
        {
            "id": "rel-1998",
            "doc_number": "EA M 84-10245",
            "title": "Japan: Trade Relations (1998 release)",
            "release_date": "1998-05-01",
            "text": earlier_text(),
            **common,
        },
        {
            "id": "rel-2012",
            "doc_number": "EA M 84-10245",
            "title": "Japan: Trade Relations (2012 release)",
            "release_date": "2012-09-01",
            "text": later_text,
            **common,
        },
    ]
    # One number, two release dates: two memos, linked by the ingest as releases of one document.
    path = tmp_path / "releases.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    status, _out, err = ingest(path)
    assert status == 0, err
    return Memo.objects.get(source_id="rel-1998"), Memo.objects.get(source_id="rel-2012")


def test_releases_of_one_number_are_two_linked_memos(releases, ingest, tmp_path):
    earlier, later = releases
    assert earlier.pk != later.pk and earlier.doc_key == later.doc_key == "ea-m-84-10245"
    assert earlier.release_group_id == later.release_group_id is not None
    assert ReleaseGroup.objects.get().label == "Releases of EA M 84-10245"
    assert {earlier.slug, later.slug} == {"ea-m-84-10245", "ea-m-84-10245-2012"}
    # Re-ingesting a release updates that release only: no duplicate, no cross-over.
    path = tmp_path / "again.jsonl"
    line = {
        "doc_number": "EA M 84-10245",
        "release_date": "1998-05-01",
        "title": "Japan: Trade Relations, 1998 release, retitled",
        "text": earlier_text(),
    }
    path.write_text(json.dumps(line) + "\n")
    status, _out, err = ingest(path)
    assert status == 0, err
    assert Memo.objects.count() == 2
    earlier.refresh_from_db()
    later.refresh_from_db()
    assert earlier.title == "Japan: Trade Relations, 1998 release, retitled"
    assert later.title == "Japan: Trade Relations (2012 release)"
    # Without a release date, and with the text of neither release, the record cannot say
    # which release it is: refused, with why.
    del line["release_date"]
    line["text"] = seed_text().replace("Tokyo", "Tokio", 1)
    path.write_text(json.dumps(line) + "\n")
    status, _out, err = ingest(path)
    assert status != 0
    assert "stored in several releases (1998-05-01, 2012-09-01)" in err
    assert Memo.objects.count() == 2


def test_a_release_date_where_the_memo_had_none_is_another_release(seed, ingest, tmp_path):
    path = tmp_path / "dated.jsonl"
    line = {"doc_number": "EA M 84-10245", "release_date": "2011-02-03", "text": seed_text()}
    path.write_text(json.dumps(line) + "\n")
    status, out, err = ingest(path)
    assert status == 0, err
    assert "1 new, 0 updated" in out and "Another release" in out
    seed.refresh_from_db()
    assert seed.release_date is None
    dated = Memo.objects.get(release_date="2011-02-03")
    assert dated.slug == "ea-m-84-10245-2011"
    assert dated.release_group_id == seed.release_group_id is not None


def run(earlier, later):
    return compare(earlier, later, list(earlier.redactions.all()), list(later.redactions.all()))


def test_comparison_marks_what_the_later_release_revealed(releases):
    earlier, later = releases
    result = run(earlier, later)
    revealed = [later.text[m.start : m.end] for m in result.later.marks if m.kind == REVEALED]
    assert revealed == [WITHHELD_1998[1], WITHHELD_1998[0], MISSING_1998]
    variants = [later.text[m.start : m.end] for m in result.later.marks if m.kind == VARIANT]
    assert variants == ["Government"]
    earlier_variants = [
        earlier.text[m.start : m.end] for m in result.earlier.marks if m.kind == VARIANT
    ]
    assert earlier_variants == ["Govemment"]
    opened = [earlier.text[m.start : m.end] for m in result.earlier.marks if m.kind == OPENED]
    assert opened == ["[Redacted]", "[Redacted]\n\n25X1"]
    # OCR noise and the redactions both releases share are no difference at all.
    assert not [m for m in result.earlier.marks if m.kind == WITHHELD]
    assert len(result.earlier.redactions) == len(result.later.redactions) + 3


def test_passages_withheld_again_are_marked_on_the_earlier_side(db):
    class Marker:
        def __init__(self, text, marker):
            self.start = text.index(marker)
            self.end = self.start + len(marker)
            self.codes = []

    old = Release("The station chief met the source in Vienna on Friday.", 1)
    new = Release("The station chief met [Redacted] in Vienna on Friday.", 2)
    result = compare(old, new, [], [Marker(new.text, "[Redacted]")])
    withheld = [old.text[m.start : m.end] for m in result.earlier.marks if m.kind == WITHHELD]
    assert withheld == ["the source"]
    assert not result.later.marks


class Release:
    """A release as compare() reads it: a text, an id, no suppressed passages."""

    def __init__(self, text, pk):
        self.text, self.pk, self.release_date = text, pk, None


def markers(text, marker="25X1", kind=RedactionKind.EXEMPTION_CODE):
    """Unsaved redactions at every occurrence of `marker`."""
    return [
        Redaction(start=m.start(), end=m.end(), marker=marker, kind=kind, codes=[marker])
        for m in re.finditer(re.escape(marker), text)
    ]


def test_revealed_text_never_reads_as_more_withheld(db):
    old = Release("The station reported. 25X1 25X1 25X1 The chief agreed on Friday.", 1)
    new = Release("The station reported. 25X1 in Vienna 25X1 The chief agreed on Friday.", 2)
    old_markers, new_markers = markers(old.text), markers(new.text)
    # Read alone, the later release's two runs count twice what the earlier's one run does.
    alone = estimate(old.text, old_markers), estimate(new.text, new_markers)
    assert alone[1].share > alone[0].share
    earlier, later = compare(old, new, old_markers, new_markers).shares()
    assert later.share < earlier.share
    # One denominator: the aligned length.
    assert earlier.withheld_chars + earlier.released_chars == (
        later.withheld_chars + later.released_chars
    )
    assert earlier.passages == later.passages == 1
    # The same release on both sides withholds the same share as the memo page says.
    same = compare(old, old, old_markers, old_markers).shares()
    assert same[0].share == same[1].share == pytest.approx(alone[0].share, abs=0.02)
    # Withheld again: the later release withholds more.
    again = Release("The station reported. 25X1 25X1 25X1 The chief 25X1 on Friday.", 3)
    earlier, later = compare(old, again, old_markers, markers(again.text)).shares()
    assert later.share > earlier.share


def test_illegible_markers_withhold_nothing(db):
    text = "The station reported [illegible] on Friday."
    illegible = markers(text, "[illegible]", RedactionKind.ILLEGIBLE)
    earlier, later = compare(Release(text, 1), Release(text, 2), illegible, illegible).shares()
    assert earlier.withheld_chars == later.withheld_chars == 0


def test_the_seed_releases_shares(releases):
    earlier, later = releases
    shares = run(earlier, later).shares()
    assert shares[1].share < shares[0].share


def test_release_order_by_release_date(releases):
    earlier, later = releases
    assert release_order(later, earlier) == (earlier, later)
    assert release_order(earlier, later) == (earlier, later)


def test_compare_page_side_by_side(client, releases):
    earlier, later = releases
    response = client.get(f"/memos/{later.slug}/compare/{earlier.slug}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert page.index("Earlier release, 1 May 1998") < page.index("Later release, 1 September 2012")
    assert (
        '<ins class="diff-revealed" title="Newly revealed in this release" id="later-revealed-'
        in page
    )
    assert ">Prime Minister Nakasone</ins>" in page.replace("</a>", "")
    assert "<strong>" in page and "newly revealed, in 3 passages" in page
    assert 'class="diff-variant"' in page
    shares = run(earlier, later).shares()
    assert (
        f"Share withheld: <strong>{shares[0].percent_label}</strong> in the earlier release, "
        f"<strong>{shares[1].percent_label}</strong> in the later one" in page
    )
    assert "text one reveals never counts as more withheld" in page
    # Each release's redactions are drawn, with their explanation.
    assert page.count('class="redaction redaction-redacted_block"') == 5 + 7
    assert "would expose an intelligence source" in page
    # Both orders of the URL show the same comparison.
    other = client.get(f"/memos/{earlier.slug}/compare/{later.slug}/").content.decode()
    assert other.count("diff-revealed") == page.count("diff-revealed")
    # The memo page links to the comparison.
    memo_page = client.get(later.get_absolute_url()).content.decode()
    assert f'href="/memos/{later.slug}/compare/{earlier.slug}/"' in memo_page


def test_compare_needs_two_published_releases_of_one_document(client, releases, ingest, tmp_path):
    earlier, later = releases
    other = tmp_path / "other.txt"
    other.write_text("MEMORANDUM FOR: The Director\nSUBJECT: Grain\n\nA different document.\n")
    assert ingest(other)[0] == 0
    seed = Memo.objects.exclude(doc_key="ea-m-84-10245").get()
    assert client.get(f"/memos/{later.slug}/compare/{later.slug}/").status_code == 404
    assert client.get(f"/memos/{later.slug}/compare/{seed.slug}/").status_code == 404
    assert client.get(f"/memos/{later.slug}/compare/nothing/").status_code == 404
    Memo.objects.filter(pk=earlier.pk).update(status="withdrawn")
    assert client.get(f"/memos/{later.slug}/compare/{earlier.slug}/").status_code == 404
    # Unlinked, they are still copies of one text (archive/copies.py): comparable as such.
    Memo.objects.filter(pk=earlier.pk).update(status="published", release_group=None)
    assert later.copy_group and Memo.objects.get(pk=earlier.pk).copy_group == later.copy_group
    assert client.get(f"/memos/{later.slug}/compare/{earlier.slug}/").status_code == 200
    Memo.objects.filter(pk=earlier.pk).update(copy_group=f"{earlier.pk}-own")
    assert client.get(f"/memos/{later.slug}/compare/{earlier.slug}/").status_code == 404


def test_admin_form_allows_one_memo_per_release_of_a_number(releases):
    from django.forms import modelform_factory

    from archive.admin.memos import MemoForm

    earlier, _later = releases
    Form = modelform_factory(Memo, form=MemoForm, fields=["document_number", "release_date"])
    taken = Form(data={"document_number": "EA-M-84-10245", "release_date": "2012-09-01"})
    assert not taken.is_valid()
    assert "the release of 2012-09-01" in str(taken.errors["document_number"])
    # The earlier release keeps its own number and date; a third release is welcome.
    assert Form(
        data={"document_number": "EA M 84-10245", "release_date": "1998-05-01"}, instance=earlier
    ).is_valid()
    assert Form(data={"document_number": "EA M 84-10245", "release_date": "2020-01-01"}).is_valid()
