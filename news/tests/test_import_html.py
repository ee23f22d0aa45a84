"""A page saved from a browser: the article by trafilatura, its facts from the page's markup."""

import datetime
from pathlib import Path

import pytest

from news.importing.decoding import ImportProblem, decode_bytes
from news.importing.html import is_html, parse_html
from news.importing.parsing import CAPTION

SAMPLES = Path(__file__).parent / "samples"


def saved_page():
    return parse_html(decode_bytes((SAMPLES / "saved_page.html").read_bytes()))


def test_title_date_byline_and_source_come_from_the_pages_markup():
    article = saved_page()
    assert article.title == "Ra mắt mô hình “Dân vận khéo” về chuyển đổi số ở xã Tân Lập"
    assert (article.published_on, article.published_time) == (
        datetime.date(2024, 5, 14),
        datetime.time(8, 30),
    )
    assert article.byline == "Minh Hằng"
    assert article.source_name == "Ban Dân vận Tỉnh ủy Bình Phước"


def test_the_body_is_the_article_only_and_the_figure_keeps_its_file_name():
    article = saved_page()
    assert article.summary.startswith("Sáng 13/5, Ban Dân vận Huyện ủy Đồng Phú")
    captions = [b for b in article.blocks if b.kind == CAPTION]
    assert [(c.text, c.image) for c in captions] == [
        (
            "Tổ công nghệ số ấp 3 hướng dẫn người dân cài đặt ứng dụng.",
            "to-cong-nghe-so-tan-lap.jpg",
        )
    ]
    text = article.text
    for chrome in ("Trang chủ", "Cỡ chữ", "Tin cùng chuyên mục", "Chia sẻ", "©", "Giới thiệu"):
        assert chrome not in text, chrome


def test_no_date_in_the_markup_means_no_date():
    page = (SAMPLES / "saved_page.html").read_text(encoding="utf-8")
    for marked in (
        '<meta property="article:published_time" content="2024-05-14T08:30:00+07:00">',
        '<time datetime="2024-05-14T08:30:00+07:00">Thứ Ba, 14/05/2024 08:30</time>',
    ):
        page = page.replace(marked, "")
    assert parse_html(page).published_on is None


def test_a_page_is_recognised_by_its_name_or_its_first_tag():
    assert is_html(b"<!DOCTYPE html><html><body></body></html>")
    assert is_html(b"\xef\xbb\xbf  <html lang='vi'>")
    assert is_html(b"anything", "bai-viet.htm")
    assert not is_html(b"Tin tuc\n<html> in text", "bai.txt")


def test_a_page_without_an_article_is_refused():
    with pytest.raises(ImportProblem, match="không tìm thấy"):
        parse_html("<html><body><nav><a href='/'>Trang chủ</a></nav></body></html>")
