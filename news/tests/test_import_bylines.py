"""Bylines as portals print them: kept as written, never a line of the article or a unit alone."""

import pytest

from news.importing.bylines import labelled_byline, parse_byline, readable_name
from news.importing.parsing import parse_article

BODY = (
    "Sáng 5/6/2025, Ban Dân vận Huyện ủy tổ chức hội nghị giao ban công tác dân vận quý II "
    "với sự tham dự của các đồng chí trong Ban Chỉ đạo và các đoàn thể."
)


@pytest.mark.parametrize(
    "line",
    [
        "Phạm Anh Thiện",
        "Trần Thu Trang (Trung tâm Văn hóa - Thông tin huyện)",
        "Ngọc Lan - Ban Dân vận Tỉnh ủy",
        "BDV",
        "P.V",
        "Thu Hà - Văn Nam",
        "Thu Hà, Văn Nam và Hoàng Phúc",
    ],
)
def test_a_byline_is_kept_as_written(line):
    assert parse_byline(line) == line


@pytest.mark.parametrize(
    ("line", "byline"),
    [("Bài và ảnh: Minh Châu", "Minh Châu"), ("Bài, ảnh: Thu Hà - Văn Nam", "Thu Hà - Văn Nam")],
)
def test_a_labelled_byline_gives_the_names(line, byline):
    assert labelled_byline(line) == parse_byline(line) == byline


@pytest.mark.parametrize(
    "line",
    ["Ban Dân vận Tỉnh uỷ", "Quang cảnh lễ khai giảng", "Tin cùng chuyên mục", "Ngày 5/6/2025"],
)
def test_a_unit_a_caption_or_a_date_is_not_a_byline(line):
    assert parse_byline(line) is None


@pytest.mark.parametrize(
    ("lines", "byline"),
    [
        (
            ["Giao ban quý II", BODY, "Ngọc Lan - Ban Dân vận Tỉnh ủy"],
            "Ngọc Lan - Ban Dân vận Tỉnh ủy",
        ),
        (["Giao ban quý II", BODY, "BDV"], "BDV"),
        (["Giao ban quý II", "Bài và ảnh: Thanh Tâm", BODY], "Thanh Tâm"),
        (["Giao ban quý II", BODY, "Thu Hà, Văn Nam"], "Thu Hà, Văn Nam"),
    ],
    ids=["unit-after-dash", "signature", "labelled-at-the-top", "two-authors"],
)
def test_the_parser_takes_the_byline_out_of_the_body(lines, byline):
    article = parse_article("\n".join(lines))
    assert article.byline == byline
    assert byline not in article.body_text


def test_a_brief_of_one_dated_sentence_is_an_article():
    article = parse_article(f"Giao ban công tác dân vận quý II\n{BODY}\nThu Hà - Văn Nam\n")
    assert article.title == "Giao ban công tác dân vận quý II"
    assert article.summary == BODY
    assert article.published_on.isoformat() == "2025-06-05"
    assert article.byline == "Thu Hà - Văn Nam"


def test_a_name_printed_in_capitals_is_written_as_editors_write_it():
    assert readable_name("BAN DÂN VẬN TỈNH ỦY QUẢNG NAM") == "Ban Dân vận Tỉnh ủy Quảng Nam"
    assert (
        readable_name("CỔNG THÔNG TIN ĐIỆN TỬ BAN DÂN VẬN TRUNG ƯƠNG")
        == "Cổng thông tin điện tử Ban Dân vận Trung ương"
    )
    assert readable_name("Báo Nghệ An") == "Báo Nghệ An"
