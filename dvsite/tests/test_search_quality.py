"""Issue 16, search quality: whole words (the last one as a prefix), i/y spellings, typo
suggestions from the site's words, highlighting exactly what matched, bounded snippets, and the
registry's reading of numbers. Runs on SQLite and PostgreSQL alike (CI runs both)."""

import time

import pytest
from django.db import connection

from docs_registry.tests.factories import DocumentFactory, DocumentTypeFactory, IssuerFactory
from dvsite.search import highlight, search
from dvsite.suggest import Vocabulary
from news.tests.factories import PostFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus():
    posts = {
        "kheo": PostFactory(published=True, title="Phong trào thi đua Dân vận khéo ở cơ sở"),
        "kheo2": PostFactory(published=True, title="Biểu dương điển hình dân vận khéo"),
        "dang": PostFactory(
            published=True,
            title="Đảng bộ xã học tập nghị quyết",
            summary="Đảng viên vận động.",
            body="<p>Đảng viên.</p>",
        ),
        "quy": PostFactory(published=True, title="Thực hiện Quy chế dân chủ ở cơ sở"),
        "ky": PostFactory(published=True, title="Kỹ năng vận động quần chúng", summary=""),
    }
    nq = DocumentTypeFactory(name="Nghị quyết", abbreviation="NQ")
    qc = DocumentTypeFactory(name="Quy chế", abbreviation="QC")
    tu = IssuerFactory(name="Ban Thường vụ Tỉnh ủy", suffix="TU")
    posts["nq25"] = DocumentFactory(number="25-NQ/TW", doc_type=nq, title="Về công tác dân vận")
    posts["qc05"] = DocumentFactory(number="05-QC/TU", doc_type=qc, issuer=tu, title="Quy chế")
    posts["qd23"] = DocumentFactory(number="23-QĐ/TW", title="Quy chế công tác dân vận")
    return posts


def found(query):
    _words, results = search(query)
    return {hit.object.pk for hit in results[0:50] if hit.source.kind == "post"}


def test_words_match_whole_and_only_the_last_as_a_prefix(corpus):
    assert corpus["dang"].pk not in found("dan van")  # "dan" is not the start of "Đảng"
    assert corpus["kheo"].pk in found("dan van kh")  # the last word as you type
    assert found("dan va") >= {corpus["kheo"].pk, corpus["kheo2"].pk}
    assert found("da van kheo") == set()  # only the last word is a prefix


@pytest.mark.parametrize("query", ["qui chế dân chủ", "quy che dan chu", "QUI CHE DAN CHU"])
def test_old_and_new_i_y_spellings_are_the_same_word(corpus, query):
    assert corpus["quy"].pk in found(query)


def test_i_y_spellings_also_as_the_last_word(corpus):
    assert corpus["ky"].pk in found("kĩ")
    assert corpus["ky"].pk in found("kĩ năng")


@pytest.mark.parametrize(
    ("query", "document"),
    [("23/QĐ-TW", "qd23"), ("05/QC-TU", "qc05"), ("NQ25", "nq25"), ("quyết định 23", "qd23")],
)
def test_loose_numbers_find_their_document_in_site_search(client, corpus, query, document):
    html = client.get("/tim-kiem/", {"q": query}).content.decode()
    assert corpus[document].get_absolute_url() in html


def test_highlight_marks_whole_words_and_the_last_as_a_prefix():
    html = highlight("Đảng viên và dân vận khéo, Đà Nẵng", ["dan", "van", "kh"])
    assert "<mark>Đảng</mark>" not in html
    assert "<mark>dân</mark> <mark>vận</mark> <mark>khéo</mark>" in html
    assert "<mark>Quy</mark>" in highlight("Quy chế dân chủ", ["qui", "che"])


def test_snippet_shows_the_passage_where_the_words_meet():
    text = "dân cư " * 100 + "nói chung. " + "Phong trào dân vận khéo ở xã. " + "kết thúc " * 100
    html = highlight(text, ["dan", "van", "kheo"], width=120)
    assert "<mark>dân</mark> <mark>vận</mark> <mark>khéo</mark>" in html


def test_highlighting_a_huge_text_costs_milliseconds():
    text = "Lorem ipsum dolor sit amet " * 600_000 + "dân vận khéo"  # 16 million characters
    started = time.perf_counter()
    html = highlight(text, ["dan", "van", "kheo"])
    assert time.perf_counter() - started < 0.25  # all of it took seconds
    assert html.endswith(" …")


@pytest.mark.parametrize(
    "query", ["dan van keo", "danvankheo", "dân vậnn khéo", "phong trao thi dau dan van kheo"]
)
def test_typo_queries_suggest_the_sites_words_and_show_their_results(client, corpus, query):
    html = client.get("/tim-kiem/", {"q": query}).content.decode()
    assert "Có phải bạn muốn tìm:" in html
    if "phong" not in query:
        assert "<strong>dân vận khéo</strong>" in html
    assert corpus["kheo"].get_absolute_url() in html


def test_queries_with_results_get_no_suggestion(client, corpus):
    html = client.get("/tim-kiem/", {"q": "dan van kheo"}).content.decode()
    assert "Có phải bạn muốn tìm" not in html


def test_vocabulary_splits_and_corrects_by_neighbouring_words():
    vocab = Vocabulary(["Dân vận khéo", "Dân vận khéo ở cơ sở", "Kéo co", "Dân vận"])
    assert vocab.correct(["danvankheo"]) == ["dan", "van", "kheo"]
    assert vocab.correct(["dan", "van", "keo"]) == ["dan", "van", "kheo"]
    assert vocab.spell(["dan", "van", "kheo"]) == "dân vận khéo"
    assert vocab.correct(["xyzxyz"]) is None


def test_the_words_as_typed_rank_first(db):
    import datetime

    from django.utils import timezone

    now = timezone.now()
    scattered = PostFactory(published=True, title="Khéo léo vận động nhân dân", publish_at=now)
    phrase = PostFactory(
        published=True,
        title="Dân vận khéo ở cơ sở",
        publish_at=now - datetime.timedelta(days=30),
    )
    body_only = PostFactory(published=True, title="Tin mới", publish_at=now)
    _words, results = search("dân vận khéo")
    order = [hit.object.pk for hit in results[0:10]]
    assert order[:2] == [phrase.pk, scattered.pk]
    assert order[-1] == body_only.pk  # its body (the factory's) has the words: last


@pytest.mark.parametrize("size", [5, 50])
def test_a_typo_search_runs_a_constant_number_of_queries(client, django_assert_num_queries, size):
    for i in range(size):
        PostFactory(published=True, title=f"Dân vận khéo {i}")
    # nothing found (one count per kind: posts, events, documents, the schedule, questions,
    # practices), the vocabulary (1, until content changes), the suggestion's results (the
    # counts again, then the rows of the kinds that have some)
    with django_assert_num_queries(14):
        response = client.get("/tim-kiem/", {"q": "dan van keo"})
    assert "Có phải bạn muốn tìm:" in response.content.decode()
    with django_assert_num_queries(13):
        client.get("/tim-kiem/", {"q": "danvankheo"})


def test_a_huge_post_is_found_and_shown_in_milliseconds(client):
    from news.search import SEARCH_SOURCE

    huge = PostFactory(
        published=True,
        title="Bài rất dài",
        summary="",
        body="<p>Mở đầu dân vận khéo.</p>"
        + "<p>Lorem ipsum dolor sit amet.</p>" * 100_000,  # 3.3 million characters
    )
    started = time.perf_counter()
    snippet = highlight(SEARCH_SOURCE.text(huge), ["dan", "van", "kheo"])
    assert time.perf_counter() - started < 0.25
    assert "<mark>dân</mark> <mark>vận</mark> <mark>khéo</mark>" in snippet
    assert (
        huge.get_absolute_url() in client.get("/tim-kiem/", {"q": "bai rat dai"}).content.decode()
    )


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite only: FTS5 against LIKE")
def test_fts5_and_like_agree_on_whole_words_prefixes_and_spellings(corpus, monkeypatch):
    from core.search import sqlite as search_sqlite

    queries = ["qui che dan chu", "kĩ", "dan van kh", "dan va", "da van kheo", "ly luan"]
    indexed = {query: found(query) for query in queries}
    monkeypatch.setattr(search_sqlite, "matches", lambda *args: None)
    assert {query: found(query) for query in queries} == indexed


def test_new_titles_reach_the_suggestions_within_the_vocabulary_time(client, corpus, settings):
    settings.SEARCH_SUGGEST_SECONDS = 1
    client.get("/tim-kiem/", {"q": "dan van keo"})  # the vocabulary is built
    PostFactory(published=True, title="Chuyển đổi số ở cơ sở")
    time.sleep(1.1)
    html = client.get("/tim-kiem/", {"q": "chuyen doii so"}).content.decode()
    assert "<strong>chuyển đổi số</strong>" in html


def test_a_withdrawn_posts_words_are_never_suggested(client, corpus, publisher):
    post = PostFactory(published=True, title="Chuyển đổi số ở cơ sở")
    html = client.get("/tim-kiem/", {"q": "chuyen doii so"}).content.decode()
    assert "<strong>chuyển đổi số</strong>" in html  # the vocabulary now holds its words
    post.unpublish(publisher)
    html = client.get("/tim-kiem/", {"q": "chuyen doii so"}).content.decode()
    assert "Có phải bạn muốn tìm" not in html
    assert "Chuyển đổi số" not in html and "chuyển đổi số" not in html


@pytest.mark.django_db
def test_the_vocabulary_reads_the_newest_titles_of_each_kind(monkeypatch):
    from dvsite import suggest

    PostFactory(published=True, title="Hội nghị tổng kết phong trào")
    PostFactory(published=True, title="Tập huấn kỹ năng dân vận")
    monkeypatch.setattr(suggest, "VOCABULARY_TITLES", 1)
    known = suggest.vocabulary()
    assert "huan" in known.unigrams  # the newest post's words
    assert "nghi" not in known.unigrams  # an older one's, past the limit
