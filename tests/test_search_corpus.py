"""Search on the real corpus (../shared/corpus): each construct of the query language finds the
memos an independent reading of the database says it should, and facet counts equal counts
computed from the database.

The corpus is ingested once for the module (it takes a while), into the test database and an
index of the module's own; both are emptied afterwards.
"""

import datetime
import io
import json
import re
import time

import numpy as np
import pytest
from conftest import corpus_path, whoosh_only
from django.apps import apps
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from haystack import connections
from search_helpers import api_facets, assert_facets, db_facets

from archive.models import Collection, IndexTask, Memo, Redaction
from archive.search import engines, queue
from archive.search.spelling import levenshtein
from archive.search.whoosh import index as whoosh_index
from archive.search.whoosh.docsets import mask_for
from archive.search.whoosh.tables import tables
from archive.search_indexes import MemoIndex

pytestmark = [pytest.mark.corpus, pytest.mark.slow]


INGEST_REPORT: dict[str, str] = {}  # what the module's ingest of the corpus said


@pytest.fixture(scope="module")
def corpus_index(tmp_path_factory, django_db_setup, django_db_blocker):
    """The corpus ingested and published, and the folder of its index."""
    path = corpus_path()
    if path is None:
        pytest.skip("corpus not found: set ARCHIVE_CORPUS_DIR or put it at ../shared/corpus")
    index = tmp_path_factory.mktemp("corpus-index")
    info = connections.connections_info["default"]
    previous = info["PATH"]
    info["PATH"] = str(index)
    whoosh_index.reset()
    # Module fixtures run before conftest's per-test settings: no background index or job
    # threads here, or they would hold the shared in-memory database while this module ends.
    inline = override_settings(ARCHIVE_INDEX_MODE="inline", ARCHIVE_JOBS_MODE="inline")
    inline.enable()
    try:
        with django_db_blocker.unblock():
            out = io.StringIO()
            call_command(
                "ingest", str(path / "memos.jsonl"), publish=True, no_progress=True, stdout=out
            )
            INGEST_REPORT["first"] = out.getvalue()
        yield index
    finally:
        # Emptied without touching the index (a folder of this module's, thrown away).
        # Plain DELETEs in one transaction (foreign keys are checked at its end): no signals,
        # no history rows for 1,100 memos and their redactions.
        with django_db_blocker.unblock(), queue.held(), transaction.atomic():
            for model in apps.get_app_config("archive").get_models():
                rows = model.objects.all()
                rows._raw_delete(rows.db)
        inline.disable()
        info["PATH"] = previous
        whoosh_index.reset()


@pytest.fixture
def search_index(corpus_index, settings):
    """This module's index instead of an empty one per test (overrides conftest's)."""
    settings.ARCHIVE_INDEX_MODE = "inline"
    connections.connections_info["default"]["PATH"] = str(corpus_index)
    return corpus_index


@pytest.fixture
def memos(db):
    return list(Memo.objects.published().prefetch_related("redactions"))


def searchable(memo):
    """What the index is given about a memo as words: MemoIndex's text (the template
    templates/search/indexes/archive/memo_text.txt, which leaves out the form, stamps and page
    furniture, and the form's descriptive values). Kept per memo and save: reading a memo's
    anatomy again for each query's oracle cost the module minutes."""
    key = (memo.pk, memo.updated_at)
    if key not in _SEARCHABLE:
        _SEARCHABLE[key] = MemoIndex().prepare_text(memo)
    return _SEARCHABLE[key]


_SEARCHABLE: dict[tuple, str] = {}


# Predicates over a memo's database row: the oracle each query is checked against.
def has(pattern, field=None):
    regex = re.compile(pattern, re.IGNORECASE)
    return lambda memo: bool(
        regex.search((getattr(memo, field) or "") if field else searchable(memo))
    )


def near(first, second, within):
    def check(memo):
        tokens = re.findall(r"\w+", searchable(memo).lower())
        at = [i for i, token in enumerate(tokens) if re.fullmatch(first, token)]
        to = [i for i, token in enumerate(tokens) if re.fullmatch(second, token)]
        return any(0 < j - i <= within + 1 for i in at for j in to)

    return check


def spelled_near(word, distance):
    def check(memo):
        tokens = set(re.findall(r"\w+", searchable(memo).lower()))
        return any(abs(len(t) - len(word)) <= distance and levenshtein(t, word) <= distance
                   for t in tokens)  # fmt: skip

    return check


def both(*checks):
    return lambda memo: all(check(memo) for check in checks)


def either(*checks):
    return lambda memo: any(check(memo) for check in checks)


def no(check):
    return lambda memo: not check(memo)


def year(first, last):
    return lambda memo: memo.date is not None and first <= memo.date.year <= last


def code(value):
    return lambda memo: any(value in redaction.codes for redaction in memo.redactions.all())


# (query, oracle, how many memos: a fixed number for text, which does not change, or None
# where the count depends on metadata extraction)
QUERIES = [
    ("bhutto", has(r"\bbhutto\b"), 5),
    ("bhutto pakistan", both(has(r"\bbhutto\b"), has(r"\bpakistan\b")), 4),
    ("bhutto AND pakistan", both(has(r"\bbhutto\b"), has(r"\bpakistan\b")), 4),
    ("noriega OR karachi", either(has(r"\bnoriega\b"), has(r"\bkarachi\b")), 3),
    ("bhutto NOT pakistan", both(has(r"\bbhutto\b"), no(has(r"\bpakistan\b"))), 1),
    ("bhutto -pakistan", both(has(r"\bbhutto\b"), no(has(r"\bpakistan\b"))), 1),
    ('"prime minister bhutto"', has(r"\bprime\W+minister\W+bhutto\b"), 2),
    ('"bhutto pakistan"~3', near("bhutto", "pakistan", 3), 1),
    ('"nosenko polygraph"~5', near("nosenko", r"polygraph\w*", 5), 4),
    ("shevardn*", has(r"\bshevardn"), 7),
    ("nosenk* polygra*", both(has(r"\bnosenk"), has(r"\bpolygra")), 7),
    ("khruschev~", spelled_near("khruschev", 1), 9),
    ("scowcroft~", spelled_near("scowcroft", 1), 20),
    ("title:memorandum title:conversation",
     both(has(r"\bmemorand", "title"), has(r"\bconversation", "title")), None),
    ('agency:"Federal Bureau"', has(r"\bfederal\W+bureau\b", "agency"), None),
    ("from:scowcroft", has(r"\bscowcroft\b", "sender"), None),
    ("to:bush", has(r"\bbush\b", "recipient"), None),
    ('office:"office of security"', has(r"\boffice\W+of\W+security\b", "office"), None),
    ("doc:104-10061-10053", has(r"^104-10061-10053$", "document_number"), 1),
    ("doc:104-10061-*", has(r"^104-10061-", "document_number"), None),
    ("code:(b)(3)", code("(b)(3)"), None),
    ("code:b6", code("(b)(6)"), None),
    ("year:1963", year(1963, 1963), None),
    ("year:1989..1990 gorbachev", both(year(1989, 1990), has(r"\bgorbachev\b")), None),
    ("(noriega OR karachi) -pakistan",
     both(either(has(r"\bnoriega\b"), has(r"\bkarachi\b")), no(has(r"\bpakistan\b"))), 1),
    ("castro (oswald OR ruby) year:1964",
     both(has(r"\bcastro\b"), either(has(r"\boswald\b"), has(r"\bruby\b")), year(1964, 1964)),
     None),
]  # fmt: skip


def found(client, **params):
    """Slugs of every memo a search finds (through the JSON export, in one request)."""
    data = client.get("/search/export.json", params).json()
    assert data["count"] == data["exported"]
    return {item["slug"] for item in data["results"]}


def test_whole_corpus_jsonl_ingests_every_record(db):
    """The module's ingest of memos.jsonl: every record stored, published and indexed once."""
    path = corpus_path()
    records = [json.loads(line) for line in (path / "memos.jsonl").open()]
    assert f"{len(records):,} new, 0 updated, 0 unchanged, 0 failed" in INGEST_REPORT["first"]
    assert Memo.objects.count() == len(records) == 1102
    assert Memo.objects.published().count() == 1102
    assert engines.current().indexed_ids() == set(Memo.objects.values_list("pk", flat=True))
    assert not IndexTask.objects.exists()

    # Metadata given by a line is kept as given.
    frus = Memo.objects.get(source_id="frus-frus1989-92v31-d9")
    assert frus.document_number == "FRUS 1989-1992 v. XXXI, Doc. 9"
    assert frus.date == datetime.date(1989, 3, 31)
    assert frus.classification == "secret"
    assert frus.classification_marking == "Secret"
    assert frus.collection.name.startswith("Foreign Relations of the United States")
    # Collections named alike but for case ("... documents concerning Bosnia") are one.
    assert Collection.objects.count() == len({r["source_collection"].casefold() for r in records})
    assert Collection.objects.count() < len({r["source_collection"] for r in records})
    # A date a line lacks is extracted from the text, with the extractor's own confidence.
    undated = {r["id"] for r in records if not r["date"]}
    for memo in Memo.objects.filter(source_id__in=undated):
        if memo.date is None:
            assert memo.field_confidence["date"] == 0.0 and memo.needs_review
        else:
            assert memo.field_confidence["date"] < 1.0
    # FRUS passages not declassified become redactions.
    assert Redaction.objects.filter(kind="not_declassified").exists()

    # Re-ingesting everything changes nothing.
    out = io.StringIO()
    call_command("ingest", str(path / "memos.jsonl"), publish=True, no_progress=True, stdout=out)
    assert "0 new, 0 updated, 1,102 unchanged, 0 failed" in out.getvalue()


@pytest.mark.parametrize("q, oracle, count", QUERIES, ids=[q for q, *_ in QUERIES])
def test_query_language_on_the_corpus(client, memos, q, oracle, count):
    expected = {memo.slug for memo in memos if oracle(memo)}
    assert expected, "the oracle must select something"
    if count is not None:
        assert len(expected) == count
    # The query language exactly (strict=1: no spelling variants of rare names, no memos
    # missing a word); the default search finds those and may find more, never fewer.
    assert found(client, q=q, strict="1") == expected
    assert found(client, q=q) >= expected


def test_facet_counts_of_everything_equal_the_database(client, memos):
    data = client.get("/api/search").json()
    assert data["memos"] == len(memos) == 1102
    # Copies of one document count once (archive/copies.py); facets count every memo.
    assert data["count"] == len({memo.copy_group for memo in memos}) < 1102
    assert_facets(data, db_facets(memos))


@pytest.mark.parametrize("q, pattern", [("castro", r"\bcastro\b"), ("sarajevo", r"\bsarajevo\b")])
def test_facet_counts_of_a_query_equal_the_database(client, memos, q, pattern):
    data = client.get("/api/search", {"q": q}).json()
    matching = [memo for memo in memos if has(pattern)(memo)]
    assert data["memos"] == len(matching) > 10
    assert data["count"] == len({memo.copy_group for memo in matching})
    assert_facets(data, db_facets(matching))


def test_facet_counts_with_filters_equal_the_database(client, memos):
    params = {"agency": "Federal Bureau of Investigation", "date_from": "1963",
              "date_to": "1964-06", "code": ["(b)(3)", "(b)(6)"]}  # fmt: skip
    data = client.get("/api/search", params).json()
    dated = [m for m in memos if m.date and "1963-01-01" <= m.iso_date <= "1964-06-30"]
    fbi = [m for m in dated if m.agency == "Federal Bureau of Investigation"]
    coded = [m for m in dated if code("(b)(3)")(m) or code("(b)(6)")(m)]
    result = [m for m in fbi if m in coded]
    assert data["count"] == len(result)
    facets = api_facets(data)
    # A facet with a filter counts as if it had none; the others count the result set.
    assert facets["agency"] == db_facets(coded)["agency"]
    assert facets["code"] == db_facets(fbi)["code"]
    for name in ("year", "decade", "classification", "collection", "has_redactions"):
        assert facets[name] == db_facets(result)[name], name


def test_expensive_queries_stay_within_budget(client, db):
    for q in ["*", "a*", "s*", "government~2", "the", "the OR of OR and", '"the of"~20',
              " ".join(f"{w}*" for w in ("abc", "sov", "pre", "con", "dep", "sta", "mem")),
              "x" * 10_000, " OR ".join(f"word{n}~2" for n in range(40))]:  # fmt: skip
        started = time.perf_counter()
        response = client.get("/search/", {"q": q})
        assert response.status_code == 200
        assert time.perf_counter() - started < 5, q[:40]


@pytest.mark.parametrize(
    "q", ["castro", '"prime minister"', '"soviet union"~3 moscow', "nosenk* OR polygra*", "cuba~"]
)
def test_relevance_order_is_whoosh_order(client, db, q):
    from archive.search.whoosh.run import compile_query

    searcher = whoosh_index.searcher()
    whoosh_query, _parsed = compile_query(q, searcher, [])
    hits = searcher.search(whoosh_query, limit=None)
    # Whoosh's order with the copies of one document folded into the first of them.
    group = dict(Memo.objects.values_list("pk", "copy_group"))
    seen, expected = set(), []
    for hit in hits:
        pk = int(hit["django_id"])
        if group[pk] not in seen:
            seen.add(group[pk])
            expected.append(pk)
    data = client.get("/api/search", {"q": q}).json()
    data_2 = client.get("/api/search", {"q": q, "page": 2}).json()
    slugs = [r["slug"] for r in data["results"] + data_2["results"]]
    by_slug = dict(Memo.objects.filter(slug__in=slugs).values_list("slug", "pk"))
    assert data["memos"] == len(hits) > 20
    assert data["count"] == len(expected)
    assert [by_slug[slug] for slug in slugs] == expected[:40]


@whoosh_only
def test_more_like_this_scores_as_whoosh_does(memos):
    from whoosh import query as wq

    from archive.search.whoosh import scores as whoosh_scores
    from archive.search.whoosh import similar as whoosh_similar
    from archive.search.whoosh.docsets import docnums_of

    searcher = whoosh_index.searcher()
    compared = 0
    for memo in Memo.objects.published().order_by("pk")[::15]:
        terms = whoosh_similar.key_terms(searcher, f"{memo.title}\n{memo.text}")
        if not terms:
            continue
        boosted = [(term, weight / terms[0][1]) for term, weight in terms]
        ours = whoosh_similar._scored_similar(searcher, memo, boosted, 8)
        assert ours == whoosh_similar._whoosh_similar(searcher, memo, boosted, 8), memo.pk
        # With the two best left out (taken off publication, still indexed), the next ones.
        hidden = docnums_of(searcher, set(ours[:2]))
        fewer = whoosh_similar._scored_similar(searcher, memo, boosted, 6, hidden)
        assert (
            fewer == ours[2:] == whoosh_similar._whoosh_similar(searcher, memo, boosted, 6, hidden)
        ), memo.pk
        # The numpy scores are Whoosh's BM25F scores of the same OR, document by document.
        query = wq.Or([wq.Term("text", term, boost=boost) for term, boost in boosted])
        _mask, scores, _tables = whoosh_scores.dense_scores(query, searcher)
        for hit in searcher.search(query, limit=20):
            assert scores[hit.docnum] == pytest.approx(hit.score, rel=1e-9)
        compared += 1
    assert compared > 50


@whoosh_only
@pytest.mark.parametrize(
    "q",
    [
        "castro",
        "soviet missile",
        "embassy cable moscow",
        "japan OR korea",
        "treaty -nuclear",
        "negotiat*",
        "cuba~",
        "government~2",
        "title:cuba",
        "code:b6 cuba",
        "agency:investigation oswald",
        '"prime minister"',
        '"soviet union"~3 moscow',
        "(castro OR khrushchev) -missile",
    ],
)
def test_numpy_relevance_is_whooshs(memos, q):
    from archive.search.whoosh.run import compile_query
    from archive.search.whoosh.scores import numpy_scored, whoosh_scored

    searcher = whoosh_index.searcher()
    whoosh_query, _parsed = compile_query(q, searcher, [])
    ours = numpy_scored(whoosh_query, searcher)
    assert ours is not None  # scored here, not by Whoosh's matchers
    docnums, scores = whoosh_scored(whoosh_query, searcher)
    if "-" in q:  # Whoosh's AndNotMatcher can let a negated word through: the mask decides
        keep = mask_for(whoosh_query, searcher, tables(searcher))[docnums]
        docnums, scores = docnums[keep], scores[keep]
    assert len(docnums) > 0
    assert ours[0].tolist() == docnums.tolist()
    assert ours[1] == pytest.approx(scores, rel=1e-12)
    best = np.lexsort((docnums, -scores))[:50]
    assert np.lexsort((ours[0], -ours[1]))[:50].tolist() == best.tolist()
