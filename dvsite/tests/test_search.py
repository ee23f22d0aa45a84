"""Site-wide search; the same tests run on SQLite and PostgreSQL (CI runs both)."""

import datetime
import unicodedata

import pytest
from django.utils import timezone

from core.publishing import Status
from dvsite.search import QueryError, highlight, query_words, search
from news.models import Post

NOW = timezone.now()


def post(title, body="", days_ago=1, status=Status.PUBLISHED, **extra):
    return Post.objects.create(
        title=title,
        body=f"<p>{body}</p>",
        status=status,
        publish_at=NOW - datetime.timedelta(days=days_ago),
        **extra,
    )


def titles(raw):
    _words, results = search(raw)
    return [str(hit.object) for hit in results[:50]]


@pytest.fixture
def corpus(db):
    return [
        post("Phong trào thi đua Dân vận khéo năm 2020", "Các mô hình hay ở cơ sở.", days_ago=30),
        post(
            "Hội nghị tổng kết công tác dân vận", "Biểu dương điển hình dân vận khéo.", days_ago=2
        ),
        post(
            "Thực hiện Quy chế dân chủ ở cơ sở", "Phát huy quyền làm chủ của nhân dân.", days_ago=5
        ),
        post("Bản nháp về dân vận khéo", "Chưa duyệt.", status=Status.DRAFT),
        post("Hẹn giờ dân vận khéo", "Chưa tới giờ.", days_ago=-1),
    ]


@pytest.mark.parametrize(
    "query",
    [
        "dan van kheo",
        "DÂN VẬN KHÉO",
        "Dân vận khéo",
        unicodedata.normalize("NFD", "Dân vận khéo"),
        "  dân   VAN kheo!! ",
    ],
)
def test_accent_case_and_normalisation_insensitive(corpus, query):
    assert titles(query) == [
        "Phong trào thi đua Dân vận khéo năm 2020",  # title match first …
        "Hội nghị tổng kết công tác dân vận",  # … then body-only matches
    ]


def test_every_word_must_match(corpus):
    assert titles("dan van quyen lam chu") == []
    assert titles("quy che dan chu") == ["Thực hiện Quy chế dân chủ ở cơ sở"]


def test_title_matches_rank_before_newer_body_matches(corpus):
    found = titles("dan van")
    assert found[0] == "Hội nghị tổng kết công tác dân vận"  # title match, newest
    assert found.index("Phong trào thi đua Dân vận khéo năm 2020") < 2


def test_pages_follow_title_matches_then_newest_without_gaps_or_repeats(db):
    # Title and body-only matches interleaved in time, more of each than a page holds.
    for day in range(1, 13):
        if day % 2:
            post(f"Tập huấn dân vận ngày {day}", "Nội dung.", days_ago=day)
        else:
            post(f"Hội nghị ngày {day}", "Lớp tập huấn dân vận.", days_ago=day)
    expected = [f"Tập huấn dân vận ngày {day}" for day in (1, 3, 5, 7, 9, 11)] + [
        f"Hội nghị ngày {day}" for day in (2, 4, 6, 8, 10, 12)
    ]
    _words, results = search("tap huan dan van")

    assert len(results) == 12
    assert [str(hit.object) for hit in results[0:12]] == expected
    pages = [results[start : start + 4] for start in (0, 4, 8)]
    assert [str(hit.object) for page in pages for hit in page] == expected


def test_drafts_and_scheduled_posts_are_never_found(corpus):
    found = titles("kheo")
    assert "Bản nháp về dân vận khéo" not in found
    assert "Hẹn giờ dân vận khéo" not in found


def test_words_match_as_word_prefixes(corpus):
    assert titles("dan van khe") == titles("dan van kheo")
    assert titles("an van") == []  # "an" is not the start of any word in these texts


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("", "Vui lòng nhập từ khóa"),
        ("   ", "Vui lòng nhập từ khóa"),
        ("!!! ... ???", "ít nhất một chữ cái"),
        ("a" * 10_000, "quá dài"),
        (" ".join(f"w{i}" for i in range(20)), "tối đa"),
    ],
)
def test_unsearchable_queries_raise_a_vietnamese_message(raw, message):
    with pytest.raises(QueryError, match=message):
        query_words(raw)


def test_sql_looking_query_is_just_words(corpus):
    assert query_words("'; DROP TABLE news_post; --") == ["drop", "table", "news", "post"]
    assert titles("' OR 1=1 --") == []
    assert Post.objects.count() == 5


def test_highlight_marks_the_original_words_and_escapes_the_rest():
    html = highlight("<b>Phong trào</b> “Dân vận KHÉO” ở xã", ["dan", "van", "kheo"])
    assert "&lt;b&gt;Phong trào&lt;/b&gt;" in html
    assert "<mark>Dân</mark> <mark>vận</mark> <mark>KHÉO</mark>" in html


def test_highlight_cuts_a_snippet_around_the_first_match():
    text = "mở đầu " * 200 + "dân vận khéo " + "kết thúc " * 200
    html = highlight(text, ["kheo"], width=120)
    assert "<mark>khéo</mark>" in html
    assert html.startswith("… ") and html.endswith(" …")
    assert len(html) < 200


def test_highlight_of_nfd_text_marks_whole_letters():
    text = unicodedata.normalize("NFD", "Quy chế dân chủ")
    assert "<mark>chế</mark>" in highlight(text, ["che"])


def test_highlight_after_letters_that_fold_to_two_marks_the_right_words():
    # "ß" folds to "ss" and "ﬁ" to "fi": the folded text is longer than the original.
    html = highlight("Straße ﬁnal: Dân vận khéo ở Đà Nẵng", ["dan", "kheo", "da"])
    assert "<mark>Dân</mark> vận <mark>khéo</mark> ở <mark>Đà</mark> Nẵng" in html
