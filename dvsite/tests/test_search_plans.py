"""Site search finds the same results whichever plan PostgreSQL is led to: the recency walk
for common title words or the GIN index (core/search/postgres.py: `is_common`)."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from core.search import postgres as search_postgres
from core.search import terms
from dvsite import search
from news.models import Post
from news.tests.factories import PostFactory

pytestmark = pytest.mark.django_db

QUERIES = ["dân vận khéo", "quy chế dân chủ", "tập huấn", "tôn giáo Kim Bảng", "dan", "ở"]


def _hits(query, common, monkeypatch):
    monkeypatch.setattr(search_postgres, "is_common", lambda *args: common)
    _words, results = search.search(query)
    hits = results[0 : results.count()]
    monkeypatch.undo()
    return results.counts(), [
        (hit.source.kind, hit.object.pk, hit.title_match, hit.phrase_match) for hit in hits
    ]


def test_the_walk_and_the_index_find_the_same_results_in_the_same_order(monkeypatch):
    call_command("make_synthetic_content", posts=150, documents=60, events=40, seed=5, force=True)
    for query in QUERIES:
        walked = _hits(query, True, monkeypatch)
        assert walked == _hits(query, False, monkeypatch), query
    assert _hits("dân vận", True, monkeypatch)[1], "the queries find something"


def test_a_term_is_as_common_as_its_spellings_and_the_words_it_starts_together():
    shares = {"quy": 0.05, "qui": 0.01, "chu": 0.1, "chuong": 0.2, "dan": 0.8}
    (quy, _), (chu, _) = terms(["quy", "chu"])
    assert search_postgres.term_share(shares, quy, False) == pytest.approx(0.06)
    assert search_postgres.term_share(shares, chu, True) == pytest.approx(0.3)  # chu, chuong
    assert search_postgres.term_share(shares, ("chu",), False) == pytest.approx(0.1)
    assert search_postgres.term_share(shares, ("keo",), True) == 0  # not listed: rare


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's statistics")
def test_only_words_common_in_every_title_lead_to_the_walk():
    call_command("make_synthetic_content", posts=300, documents=10, events=10, seed=6, force=True)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE news_post")
    search_postgres._shares.clear()
    shares = search_postgres.element_shares("news_post", "search_title_tsv")
    common = max(shares, key=shares.get)  # the commonest title word
    assert search_postgres.is_common(Post, "search_title", terms([common]))
    assert not search_postgres.is_common(Post, "search_title", terms([common, "zzzkhongco"]))


def test_a_phrase_older_than_the_bounded_phrase_walk_still_ranks_first(monkeypatch):
    now = timezone.now()
    old = PostFactory(
        published=True, title="Quy chế dân chủ ở cơ sở", publish_at=now - timedelta(days=400)
    )
    for day in range(8):
        PostFactory(
            published=True, title="Quy chế về dân chủ", publish_at=now - timedelta(days=day)
        )
    for common in (True, False):
        monkeypatch.setattr(search_postgres, "is_common", lambda *args, common=common: common)
        # The walk looks at the two newest rows only: the phrase comes from the title's index.
        monkeypatch.setattr(search_postgres, "PHRASE_WALK_ROWS", 2)
        _words, results = search.search("quy chế dân chủ", kinds=["post"])
        first = results[0:3]
        assert (first[0].object.pk, first[0].phrase_match) == (old.pk, True), common
        assert [hit.title_match for hit in first] == [True, True, True]
