"""The article parser on the five seeds and on samples in other portal styles (no database)."""

import datetime
from pathlib import Path

import pytest
from django.conf import settings

from core.text import fold
from news.importing.decoding import ImportProblem, decode_bytes
from news.importing.parsing import CAPTION, PARAGRAPH, parse_article

SEEDS = Path(settings.BASE_DIR) / "seeds"
SAMPLES = Path(__file__).parent / "samples"

# Portal furniture that must never reach a post's body: whole lines, and telltale fragments.
CHROME_LINES = [
    "Skip Ribbon Commands",
    "Skip to main content",
    "Tin tức, sự kiện",
    "Gửi cho bạn bè",
    "Các tin khác",
    "Xem nhiều nhất",
    "Tin cùng chuyên mục",
    "Các bài viết khác",
    "Bài viết liên quan",
    "Ban Dân vận Tỉnh uỷ",
    "Trang chủ",
    "Giới thiệu",
    "Chia sẻ",
    "A A A",
]
CHROME_FRAGMENTS = ["Banner", "tháng trước", "Tags:", "©", ".png", ".jpg", "•", "»", " | "]


def assert_no_chrome(article):
    lines = {fold(line) for line in CHROME_LINES}
    for text in body_and_summary(article):
        assert fold(text) not in lines, text
        for fragment in CHROME_FRAGMENTS:
            assert fragment not in text, (fragment, text)


def seed(prefix):
    return parse_article(decode_bytes(next(SEEDS.glob(f"{prefix}_*.txt")).read_bytes()))


def sample(name):
    return parse_article(decode_bytes((SAMPLES / name).read_bytes()))


def body_and_summary(article):
    return [article.summary, *(block.text for block in article.blocks)]


EXPECTED = {
    "000": (
        "Đảng ủy Khối các cơ quan Trung ương tập huấn nghiệp vụ công tác dân vận năm 2022",
        datetime.date(2022, 10, 6),
        "",
        "dukcqtw.dcs.vn",
    ),
    "001": (
        "Hội nghị trực tuyến quán triệt, triển khai thực hiện một số văn bản về công tác dân vận",
        datetime.date(2022, 1, 6),
        "",
        "",
    ),
    "002": (
        "Khảo sát xây dựng Nghị quyết của Ban Chấp hành Đảng bộ Khối các cơ quan Trung ương về "
        "“Nâng cao hiệu quả công tác dân vận của đảng bộ các cơ quan nhà nước” tại Đảng bộ Bộ "
        "Văn hóa, Thể thao và Du lịch và Đảng bộ cơ quan Bảo hiểm xã hội Việt Nam",
        datetime.date(2016, 10, 4),
        "Phạm Anh Thiện",
        "",
    ),
    "003": (
        "Hà Nội tổ chức bồi dưỡng về công tác dân vận",
        datetime.date(2024, 3, 22),
        "Hoàng Phúc",
        "",
    ),
    "004": (
        "Bồi dưỡng nghiệp vụ công tác dân vận năm 2020",
        datetime.date(2020, 9, 17),
        "Quỳnh Anh",
        # Issue 15: the commission's name printed under the article is its source (was "").
        "Ban Dân vận Tỉnh uỷ",
    ),
}


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_seed_title_date_byline_and_source(prefix):
    title, published_on, byline, source = EXPECTED[prefix]
    article = seed(prefix)
    assert article.title == title
    assert article.published_on == published_on
    assert article.byline == byline
    assert article.source_name == source


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_no_chrome_line_survives_in_a_seed_body(prefix):
    article = seed(prefix)
    assert_no_chrome(article)
    # Neither the title (an image alt line, or printed twice) nor the byline stays in the body.
    assert all(fold(t) != fold(article.title) for t in body_and_summary(article))
    if article.byline:
        assert all(article.byline not in t for t in body_and_summary(article))


def test_seed_000_ends_with_its_last_paragraph_not_the_portal_links():
    article = seed("000")
    assert article.blocks[-1].text.startswith("Hội nghị cũng dành thời gian")
    assert "Quyết định số 503-QĐ/ĐUK ngày 30/12/2021" in article.text


def test_seed_001_drops_the_image_file_name_and_keeps_its_caption():
    article = seed("001")
    assert "Tin tức, sự kiện" not in article.body_text
    assert "Toàn cảnh hội nghị tại điểm cầu huyện Lý Nhân.png" not in article.body_text
    assert [b.text for b in article.blocks if b.kind == CAPTION] == ["Tại điểm cầu Huyện Lý Nhân"]
    assert article.summary.startswith("Sáng 6/1/2022, Tỉnh ủy tổ chức hội nghị")


def test_seed_002_keeps_photo_captions_and_drops_every_other_headline():
    article = seed("002")
    assert article.view_count == 4050
    captions = [b.text for b in article.blocks if b.kind == CAPTION]
    assert captions == [
        "Đồng chí Trần Hồng Hà, Phó Bí thư Đảng ủy Khối thứ hai từ trái sang chủ trì buổi làm việc",
        "Quang cảnh buổi làm việc",
    ]
    assert "Năm dân vận chính quyền" not in article.text
    assert "phong cách Bác" not in article.text
    assert article.blocks[-1].text.endswith("đưa vào Nghị quyết./.")


def test_seed_003_removes_the_repeated_title_lines_and_keeps_the_captions_after_them():
    article = seed("003")
    captions = [b.text for b in article.blocks if b.kind == CAPTION]
    assert captions == [
        "Các đại biểu tham dự lễ khai giảng lớp bồi dưỡng về công tác dân vận.",
        "Lớp bồi dưỡng về công tác dân vận năm 2024.",
    ]
    assert article.summary.startswith("Ngày 22/3, Ban Dân vận Thành ủy Hà Nội")


def test_seed_004_drops_the_portal_name_after_the_byline():
    article = seed("004")
    assert "Ban Dân vận Tỉnh uỷ" not in [b.text for b in article.blocks]
    assert article.blocks[-1].text.startswith("Lớp bồi dưỡng diễn ra trong 1 ngày")
    assert "Hiệu quả công tác dân vận khéo trên lĩnh vực" not in article.text


def test_seed_004_keeps_the_listed_headlines_apart_from_the_body():
    article = seed("004")
    headline = "Mô hình dân vận khéo về dạy tiếng Việt cho dân Lào ở vùng biên giới"
    assert headline in article.listed_headlines  # once, though the page prints it twice
    assert article.listed_headlines.count(headline) == 1
    assert "Tin cùng chuyên mục" not in article.listed_headlines
    assert headline not in article.text
    assert not any(line.startswith("Sáng 17/9/2020") for line in article.listed_headlines)


def test_listed_headlines_lose_their_bullets_and_times():
    page = (
        "Hội nghị tập huấn công tác dân vận\n\n"
        "Sáng 12/3/2024, Ban Dân vận Tỉnh ủy tổ chức hội nghị tập huấn cho cán bộ cơ sở.\n\n"
        "Các tin khác\n\n"
        "• Mô hình “Camera an ninh” ở phường Lam Hạ (3 ngày trước)\n"
        "• Mô hình “Camera an ninh” ở phường Lam Hạ (3 ngày trước)\n"
        "4 tháng trước\n"
    )
    article = parse_article(page)
    assert article.listed_headlines == ("Mô hình “Camera an ninh” ở phường Lam Hạ",)
    assert "Camera" not in article.text


def test_every_block_is_a_paragraph_or_a_caption():
    for prefix in EXPECTED:
        assert {b.kind for b in seed(prefix).blocks} <= {PARAGRAPH, CAPTION}


@pytest.mark.parametrize("name", ["wordpress.txt", "utf16_bom.txt"])
def test_wordpress_style_page_with_related_posts(name):
    article = sample(name)
    assert article.title == "Tập huấn kỹ năng dân vận cho cán bộ cơ sở năm 2023"
    assert article.published_on == datetime.date(2023, 9, 20)
    assert article.published_time == datetime.time(8, 15)
    assert article.byline == "Minh Châu"
    assert [b.text for b in article.blocks if b.kind == CAPTION] == ["Quang cảnh lễ khai giảng"]
    assert_no_chrome(article)
    # The related headlines are gone, with the topics only they mention.
    assert "Mặt trận Tổ quốc" not in article.text
    assert "Giới thiệu" not in article.text


def test_legacy_portal_with_a_labelled_date_line_and_a_named_source():
    article = sample("legacy_cp1258.txt")
    assert article.title == "Hội nghị sơ kết công tác tôn giáo 6 tháng đầu năm 2021"
    assert article.published_on == datetime.date(2021, 5, 12)
    assert article.source_name == "Báo Nghệ An"
    assert "Theo Báo Nghệ An" not in article.body_text


def test_nfd_text_parses_like_the_nfc_seed():
    assert sample("nfd.txt") == seed("003")


def test_dated_sentence_takes_its_year_from_the_text_when_there_is_no_date_line():
    text = (
        "Tọa đàm về công tác dân vận\n\n"
        "Chiều 5/4, Ban Dân vận Tỉnh ủy tổ chức tọa đàm về công tác dân vận năm 2023 với sự "
        "tham gia của đại diện các sở, ngành và các huyện, thành phố trong toàn tỉnh.\n"
    )
    assert parse_article(text).published_on == datetime.date(2023, 4, 5)


def test_article_without_any_date_still_parses():
    text = (
        "Một bài không ghi ngày\n\n"
        "Ban Dân vận Tỉnh ủy tổ chức gặp mặt các điển hình tiêu biểu trong phong trào thi đua "
        "của tỉnh, biểu dương những tập thể và cá nhân có thành tích xuất sắc trong năm.\n"
    )
    assert parse_article(text).published_on is None


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ((SAMPLES / "navigation_only.txt").read_text(encoding="utf-8"), "không"),
        ("Gửi cho bạn bè\nCác tin khác\nXem nhiều nhất\n", "chỉ có điều hướng"),
        ("Một tiêu đề\nMột câu ngắn thôi.\n", "không"),
    ],
    ids=["navigation-only", "chrome-only", "too-short"],
)
def test_page_without_an_article_is_refused_with_a_reason(text, reason):
    with pytest.raises(ImportProblem, match=reason):
        parse_article(text)
