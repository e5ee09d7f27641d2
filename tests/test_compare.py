"""Comparing two releases of one document: what the later release newly revealed."""

import json

import pytest

from archive.compare import OPENED, REVEALED, VARIANT, WITHHELD, compare, release_order
from archive.models import Memo, ReleaseGroup
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
            "doc_number": "EA M 84-10245 (1998 release)",
            "title": "Japan: Trade Relations (1998 release)",
            "release_date": "1998-05-01",
            "text": earlier_text(),
            **common,
        },
        {
            "id": "rel-2012",
            "doc_number": "EA M 84-10245 (2012 release)",
            "title": "Japan: Trade Relations (2012 release)",
            "release_date": "2012-09-01",
            "text": later_text,
            **common,
        },
    ]
    # One document number may belong to one memo only, so each release carries its own.
    path = tmp_path / "releases.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    status, _out, err = ingest(path)
    assert status == 0, err
    group = ReleaseGroup.objects.create(label="EA M 84-10245")
    Memo.objects.filter(source_id__in=["rel-1998", "rel-2012"]).update(release_group=group)
    return Memo.objects.get(source_id="rel-1998"), Memo.objects.get(source_id="rel-2012")


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
    class Release:
        def __init__(self, text, pk):
            self.text, self.pk, self.release_date = text, pk, None

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
    # Each release's redactions are drawn, with their explanation.
    assert page.count('class="redaction redaction-redacted_block"') == 5 + 7
    assert "would expose an intelligence source" in page
    # Both orders of the URL show the same comparison.
    other = client.get(f"/memos/{earlier.slug}/compare/{later.slug}/").content.decode()
    assert other.count("diff-revealed") == page.count("diff-revealed")
    # The memo page links to the comparison.
    memo_page = client.get(later.get_absolute_url()).content.decode()
    assert f'href="/memos/{later.slug}/compare/{earlier.slug}/"' in memo_page


def test_compare_needs_two_published_releases_of_one_document(client, releases, seed):
    earlier, later = releases
    assert client.get(f"/memos/{later.slug}/compare/{later.slug}/").status_code == 404
    assert client.get(f"/memos/{later.slug}/compare/{seed.slug}/").status_code == 404
    assert client.get(f"/memos/{later.slug}/compare/nothing/").status_code == 404
    Memo.objects.filter(pk=earlier.pk).update(status="withdrawn")
    assert client.get(f"/memos/{later.slug}/compare/{earlier.slug}/").status_code == 404
    Memo.objects.filter(pk=earlier.pk).update(status="published", release_group=None)
    assert client.get(f"/memos/{later.slug}/compare/{earlier.slug}/").status_code == 404
