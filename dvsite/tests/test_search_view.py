"""The /tim-kiem/ page: results, kinds, highlighting, bad queries, never a 500."""

import unicodedata

import pytest

from docs_registry.tests.factories import DocumentFactory, DocumentTypeFactory, IssuerFactory
from events.tests.factories import EventFactory
from news.tests.factories import PostFactory


@pytest.fixture
def corpus(db):
    decision = DocumentTypeFactory(name="Quyết định", abbreviation="QĐ")
    politburo = IssuerFactory(name="Bộ Chính trị", suffix="TW")
    return {
        "post": PostFactory(published=True, title="Phong trào Dân vận khéo ở cơ sở"),
        "event": EventFactory(title="Hội nghị biểu dương điển hình dân vận khéo"),
        "document": DocumentFactory(
            number="23-QĐ/TW",
            doc_type=decision,
            issuer=politburo,
            title="Ban hành Quy chế công tác dân vận của hệ thống chính trị",
        ),
        "internal": DocumentFactory(
            number="99-QĐ/TW", title="Quy chế dân vận khéo nội bộ", is_internal=True
        ),
    }


@pytest.mark.parametrize(
    "query", ["dan van kheo", "DÂN VẬN KHÉO", unicodedata.normalize("NFD", "Dân vận khéo")]
)
def test_finds_posts_and_events_in_any_spelling(client, corpus, query):
    html = client.get("/tim-kiem/", {"q": query}).content.decode()
    assert "Tìm thấy <strong>2</strong> kết quả" in html
    assert "Tin tức" in html and "Sự kiện" in html
    assert "<mark>Dân</mark> <mark>vận</mark> <mark>khéo</mark>" in html
    assert "nội bộ" not in html


@pytest.mark.parametrize(
    "query", ["23-QĐ/TW", "23-QD/TW", "23 qđ tw", "23-qđ/tw", "quy che dan van"]
)
def test_document_numbers_match_in_any_written_form(client, corpus, query):
    html = client.get("/tim-kiem/", {"q": query}).content.decode()
    assert corpus["document"].get_absolute_url() in html


def test_filter_by_kind_keeps_counts_of_the_others(client, corpus):
    html = client.get("/tim-kiem/", {"q": "dan van kheo", "kind": "event"}).content.decode()
    assert corpus["event"].get_absolute_url() in html
    assert corpus["post"].get_absolute_url() not in html
    assert "Tin tức (1)" in html and "Sự kiện (1)" in html


def test_results_are_paginated(client, db):
    for i in range(12):
        PostFactory(published=True, title=f"Dân vận khéo số {i}")
    first = client.get("/tim-kiem/", {"q": "dan van kheo"}).content.decode()
    second = client.get("/tim-kiem/", {"q": "dan van kheo", "page": 2}).content.decode()
    assert first.count('class="search-result"') == 10
    assert second.count('class="search-result"') == 2
    assert "Trang 2/2" in second


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": ""}, "Vui lòng nhập từ khóa"),
        ({"q": "?!…--"}, "ít nhất một chữ cái"),
        ({"q": "dân " * 2500}, "quá dài"),
        ({"q": "dan", "kind": "<script>"}, "Loại nội dung không hợp lệ"),
        ({"q": "dan", "page": "abc"}, "Tìm kiếm"),
        ({"q": "dan", "page": "99999"}, "Tìm kiếm"),
        ({"q": "'; DROP TABLE news_post; --"}, "Không tìm thấy"),
        ({"q": "\x00"}, "ít nhất một chữ cái"),
    ],
)
def test_bad_queries_get_a_vietnamese_message_never_a_500(client, corpus, params, message):
    response = client.get("/tim-kiem/", params)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "<script>" not in response.content.decode().split("</header>")[1]


@pytest.mark.parametrize("size", [5, 50])
def test_search_runs_a_constant_number_of_queries(client, db, django_assert_num_queries, size):
    for i in range(size):
        PostFactory(published=True, title=f"Dân vận khéo {i}", tags=["Dân vận khéo"])
        EventFactory(title=f"Hội nghị dân vận khéo {i}")
        DocumentFactory(title=f"Quy chế dân vận khéo {i}")
    with django_assert_num_queries(7):  # + the "Dân vận khéo" models' count
        response = client.get("/tim-kiem/", {"q": "dan van kheo"})
    assert response.status_code == 200


def test_very_common_words_are_counted_up_to_a_limit(client, db, monkeypatch):
    from dvsite import search

    monkeypatch.setattr(search, "COUNT_LIMIT", 3)
    for i in range(5):
        PostFactory(published=True, title=f"Dân vận khéo số {i}")
    EventFactory(title="Hội nghị dân vận khéo")
    html = client.get("/tim-kiem/", {"q": "dan van kheo"}).content.decode()
    assert "Tìm thấy <strong>hơn 3</strong> kết quả" in html
    assert "Tin tức (hơn 3)" in html and "Sự kiện (1)" in html
    assert html.count('class="search-result"') == 5  # the page itself is complete
