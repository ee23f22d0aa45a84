"""The stored-vector path of site search on PostgreSQL finds exactly what computing finds."""

import pytest
from django.core.management import call_command
from django.db import connection

from core.search import postgres as search_postgres
from dvsite import search

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only"),
]

QUERIES = ["dân vận khéo", "quy chế dân chủ", "tập huấn", "23-QĐ/TW", "tôn giáo Kim Bảng", "ở"]


def _hits(query, stored, monkeypatch):
    if not stored:
        monkeypatch.setattr(search_postgres, "stored_vector", lambda *args: None)
    _words, results = search.search(query)
    hits = results[0 : results.count()]
    monkeypatch.undo()
    return results.counts(), [(hit.source.kind, hit.object.pk, hit.title_match) for hit in hits]


def test_every_searchable_model_has_stored_vectors():
    from core.search import sqlite as search_sqlite

    for model in search_sqlite.searchable_models():
        for field in ("search_text", "search_title"):
            assert search_postgres.stored_vector(model, field) is not None


def test_stored_and_computed_vectors_give_the_same_results(monkeypatch):
    call_command("make_synthetic_content", posts=150, documents=60, events=40, seed=3, force=True)
    for query in QUERIES:
        assert _hits(query, True, monkeypatch) == _hits(query, False, monkeypatch), query
