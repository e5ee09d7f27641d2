"""The name finder not bound to the gazetteer, the lists, and who is who (issue 20)."""

import pytest

from archive.entities import extract_mentions
from archive.entities.identity import agree, candidates
from archive.models import Entity


def names(text, year=None):
    return [(f.text, f.name, f.kind) for f in extract_mentions(text, year=year)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Names in capitals inside typescript, after an FBI role, as lists write them.
        (
            "advised Special Agents CHARLES G. DONNELLY that LEE HARVEY OSWALD left",
            [
                ("CHARLES G. DONNELLY", "Charles G. Donnelly", "person"),
                ("LEE HARVEY OSWALD", "Lee Harvey Oswald", "person"),
            ],
        ),
        (
            "CHAPMAN, BOBBY JOE was arrested",
            [("CHAPMAN, BOBBY JOE", "Bobby Joe Chapman", "person")],
        ),
        ("SA M. B. PARKER interviewed him", [("M. B. PARKER", "M. B. Parker", "person")]),
        # Untitled names in prose and one-per-line lists, never run together across lines.
        (
            "OVP\nLeon Fuerth\nAlice Rivlin\n",
            [
                ("OVP", "Office of the Vice President", "organization"),
                ("Leon Fuerth", "Leon Fuerth", "person"),
                ("Alice Rivlin", "Alice Rivlin", "person"),
            ],
        ),
        # A teletype in capitals: a name is two words unless it ends the line.
        ("PHIL TESTA CRITICIZED MONTE FOR IT", [("PHIL TESTA", "Phil Testa", "person")]),
        # The wrong readings of the issue.
        ("TO: SAC, Albany", [("SAC, Albany", "FBI Albany Field Office", "organization")]),
        ("NSA Lake met them.", [("Lake", "Anthony Lake", "person")]),
        ("He lived at 159 Washington Street.", []),
        ("a Soviet [French] text", [("Soviet", "USSR", "place")]),
        (
            "born in Binghamton, New York, in 1930",
            [("Binghamton, New York", "Binghamton, New York", "place")],
        ),
        ("Miami, Florida", [("Miami, Florida", "Miami", "place")]),
        (
            "Department Attorney WILLIAM FRENCH and GEORGE LANGLEY",
            [
                ("WILLIAM FRENCH", "William French", "person"),
                ("GEORGE LANGLEY", "George Langley", "person"),
            ],
        ),
        # Lists: states, cryptonyms, exile groups, organisations by their head word.
        (
            "flights from Georgia and JMWAVE",
            [("Georgia", "Georgia", "place"), ("JMWAVE", "JMWAVE", "organization")],
        ),
        (
            "KUBARK and the JURE",
            [
                ("KUBARK", "Central Intelligence Agency", "organization"),
                ("JURE", "Junta Revolucionaria Cubana", "organization"),
            ],
        ),
        (
            "records of the Braddock Police Department",
            [("Braddock Police Department", "Braddock Police Department", "organization")],
        ),
    ],
)
def test_name_finder(text, expected):
    assert names(text) == expected


def test_a_surname_of_another_time_is_not_the_famous_one():
    # Rogers P. Churchill at a 1961 State Department meeting is not Winston Churchill.
    assert names("Mr. Churchill said no.", year=1961) == [("Churchill", "Churchill", "person")]
    assert names("Prime Minister Churchill said no.", year=1944)[0][1] == "Winston Churchill"


def test_who_is_who_within_a_memo():
    found = names("SA PAUL G. DURKIN and Paul Durkin met. DURKIN said so.")
    assert {name for _t, name, _k in found} == {"Paul G. Durkin"} and len(found) == 3
    # Two people of one surname: the bare surname goes to neither.
    found = names("Frank Amato met Joseph Amato. Later Mr. Amato left.")
    assert [n for _t, n, _k in found] == ["Frank Amato", "Joseph Amato"]


def test_agree_and_candidates():
    assert agree("S. J. Papich", "Sam Papich") and agree("Slany", "William Z. Slany")
    assert not agree("Joe Stassi", "John Stassi")
    people = [
        (1, "Sam Papich"), (2, "S. J. Papich"), (3, "Sullivan"), (4, "William C. Sullivan"),
        (5, "John Sullivan"), (6, "Raymond Wannall"), (7, "Raymond Wannalh"),
    ]  # fmt: skip
    merges, splits = candidates(people)
    groups = [{pk for pk, _n in group} for group in merges]
    assert {1, 2} in groups and {6, 7} in groups
    assert not any(3 in g or (4 in g and 5 in g) for g in groups)  # never by surname alone
    assert [([pk for pk, _n in bare], len(clusters)) for bare, clusters in splits] == [([3], 2)]


@pytest.mark.django_db
def test_admin_lists_candidates(admin_client):
    for name in ("Sam Papich", "S. J. Papich", "Sullivan", "William C. Sullivan", "Jo Sullivan"):
        Entity.objects.create(name=name, kind="person", slug=name.lower().replace(" ", "-")[:50])
    page = admin_client.get("/admin/archive/entity/").content.decode()
    assert "/admin/archive/entity/candidates/" in page
    page = admin_client.get("/admin/archive/entity/candidates/").content.decode()
    assert "S. J. Papich (0) · Sam Papich (0)" in page
    assert "May be several people (1)" in page
