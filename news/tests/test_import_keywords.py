"""The source's keyword line read and matched against the topic vocabulary (no database)."""

import pytest

from news.importing.keywords import keywords_in_line, match_keywords
from news.importing.parsing import parse_article
from taxonomy.vocabulary import load_vocabulary

VOCABULARY = load_vocabulary()


@pytest.mark.parametrize(
    "line",
    [
        "Từ khóa: Dân vận khéo, Quy chế dân chủ",
        "TỪ KHOÁ : Dân vận khéo; Quy chế dân chủ;",
        "tu khoa: Dân vận khéo | Quy chế dân chủ",
        "Tags: Dân vận khéo,Quy chế dân chủ, dân vận khéo",
        "Thẻ: Dân vận khéo | Quy chế dân chủ",
    ],
)
def test_every_way_of_writing_the_keyword_line_gives_the_same_keywords(line):
    assert keywords_in_line(line) == ["Dân vận khéo", "Quy chế dân chủ"]


@pytest.mark.parametrize(
    "line", ["Thể lệ cuộc thi: xem tại đây", "Theo Báo Nhân Dân", "Bài, ảnh: Minh Châu"]
)
def test_other_lines_are_not_keyword_lines(line):
    assert keywords_in_line(line) is None


def test_keywords_name_topics_accent_and_case_insensitively_with_a_small_typo():
    topics, unknown = match_keywords(
        [
            "DAN VAN KHEO",
            "Mặt trận Tổ quố",
            "quy chế dân chủ ở cơ sở",
            "MTTQ",
            "HTX",
            "Nông thôn mới",
        ],
        VOCABULARY,
    )
    assert topics == ["Dân vận khéo", "Mặt trận Tổ quốc", "Quy chế dân chủ"]
    # A short keyword is never taken for another at one letter's distance ("HTX" is not "MTTQ").
    assert unknown == ["HTX", "Nông thôn mới"]


def test_a_text_copy_keeps_the_keyword_line_out_of_the_body_and_on_the_article():
    article = parse_article(
        "Hội nghị giao ban công tác dân vận quý III\n"
        "Ngày đăng: 02/10/2024\n"
        "Sáng 1/10/2024, Ban Dân vận Tỉnh ủy tổ chức hội nghị giao ban công tác dân vận quý III.\n"
        "Hội nghị đánh giá kết quả thực hiện phong trào thi đua trong các cơ quan, đơn vị.\n"
        "Từ khóa: Dân vận khéo; Giao ban\n"
    )
    assert article.keywords == ("Dân vận khéo", "Giao ban")
    assert "Từ khóa" not in article.body_text and "Giao ban" not in article.body_text
