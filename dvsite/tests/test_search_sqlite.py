"""The SQLite FTS5 path of site search finds exactly what the portable LIKE match finds."""

import pytest
from django.core.management import call_command
from django.db import connection

from core.search import sqlite as search_sqlite
from dvsite import search
from news.models import Post
from news.tests.factories import PostFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite only"),
]

QUERIES = ["dân vận khéo", "quy chế dân chủ", "tập huấn", "23-QĐ/TW", "tôn giáo Kim Bảng", "ở"]


def _hits(query, indexed, monkeypatch):
    if not indexed:
        # No index for any table: matches, title walks and counts all scan.
        monkeypatch.setattr(search_sqlite, "available", lambda *args: False)
    words, results = search.search(query)
    hits = results[0 : results.count()]
    monkeypatch.undo()
    return results.counts(), [(hit.source.kind, hit.object.pk, hit.title_match) for hit in hits]


def test_every_searchable_model_has_an_index_after_migrate():
    for model in search_sqlite.searchable_models():
        assert search_sqlite.available(model._meta.db_table)


def test_indexed_and_scanning_matches_give_the_same_results(monkeypatch):
    call_command("make_synthetic_content", posts=150, documents=60, events=40, seed=3, force=True)
    for query in QUERIES:
        assert _hits(query, True, monkeypatch) == _hits(query, False, monkeypatch), query


def test_triggers_follow_inserts_edits_and_deletes():
    post = PostFactory(published=True, title="Hội nghị về chuyển đổi số")
    assert search.search("chuyen doi")[1].counts()["post"] == 1
    post.title = "Hội nghị về nông thôn mới"
    post.save()
    assert search.search("chuyen doi")[1].counts()["post"] == 0
    assert search.search("nong thon")[1].counts()["post"] == 1
    Post.objects.filter(pk=post.pk).update(view_count=5)  # not a search field: no re-index
    post.delete()
    assert search.search("nong thon")[1].counts()["post"] == 0
