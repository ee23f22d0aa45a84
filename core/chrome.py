"""Portal chrome: the page furniture around an article copied from a Vietnamese portal.

One vocabulary for everything that reads copied pages (the article parser, the event reader).
Phrases are compared folded (`core.text.fold`), so accents, case and "uỷ"/"ủy" don't matter.
Extend the tuples when a new portal brings new chrome; keep them phrases, not page names.
"""

import re

from core.text import fold

# Whole lines that are page furniture, never article text.
CHROME_LINES = frozenset(
    fold(phrase)
    for phrase in (
        "Skip Ribbon Commands",
        "Skip to main content",
        "Skip to content",
        "Bỏ qua nội dung",
        "Gửi cho bạn bè",
        "Gửi bài viết",
        "Gửi email",
        "In bài viết",
        "In trang",
        "Bản in",
        "In",
        "Print",
        "Chia sẻ",
        "Chia sẻ bài viết",
        "Share",
        "Tweet",
        "Like",
        "Facebook",
        "Twitter",
        "Zalo",
        "Email",
        "Lưu bài viết",
        "Bình luận",
        "Ý kiến bạn đọc",
        "Gửi ý kiến",
        "Viết bình luận",
        "Trang chủ",
        "Quay lại",
        "Trở về",
        "Về đầu trang",
        "Lên đầu trang",
        "Đầu trang",
        "Đọc tiếp",
        "Nghe đọc bài",
        "Nghe bài viết",
        "Cỡ chữ",
        "Menu",
        "Tìm kiếm",
        "Đăng nhập",
        "Đăng ký",
        "Liên hệ",
        "Sơ đồ trang",
        "Theo dõi chúng tôi",
    )
)
_CHROME_PATTERNS = (
    re.compile(r"^banner\b"),
    re.compile(r"^skip (to|ribbon|navigation)\b"),
    re.compile(r"^(chia se|share)( len| qua| tren)?( facebook| zalo| twitter)?\b.{0,20}$"),
    re.compile(r"^(cac )?(tu khoa|tags?|the|nhan)( bai viet)?\s*:"),  # the source's tags
    re.compile(r"^(a\s*){2,3}$"),  # font-size buttons "A A A"
    re.compile(r"^(©|\(c\)|ban quyen|copyright)\s*.*\b(19|20)\d\d\b.{0,80}$"),  # "© 2023 …"
)
# A heading after which a page lists other headlines: the heading and its list are navigation.
LIST_HEADINGS = frozenset(
    fold(phrase)
    for phrase in (
        "Các tin khác",
        "Tin khác",
        "Các tin đã đưa",
        "Tin đã đưa",
        "Xem nhiều nhất",
        "Đọc nhiều nhất",
        "Tin đọc nhiều",
        "Bài đọc nhiều",
        "Tin xem nhiều",
        "Tin cùng chuyên mục",
        "Cùng chuyên mục",
        "Bài cùng chuyên mục",
        "Các bài viết khác",
        "Bài viết khác",
        "Bài viết liên quan",
        "Các bài viết liên quan",
        "Tin liên quan",
        "Các tin liên quan",
        "Tin bài liên quan",
        "Tin mới nhất",
        "Tin mới",
        "Tin nổi bật",
        "Đọc thêm",
        "Xem thêm",
        "Có thể bạn quan tâm",
        "Related posts",
        "Recent posts",
        "More news",
    )
)

_STRIP = " :»>›|-–"


def is_chrome(text):
    """A whole line of page furniture ("Chia sẻ", "Cỡ chữ", "© 2023 …")."""
    folded = fold(text).strip(_STRIP)
    if folded in CHROME_LINES:
        return True
    return any(pattern.search(folded) for pattern in _CHROME_PATTERNS)


def is_list_heading(text):
    """A heading after which the page lists other headlines ("Các tin khác")."""
    return fold(text).strip(_STRIP) in LIST_HEADINGS


# Where a copied page stops being the article: a headline list, or the send-to-a-friend box.
END_OF_ARTICLE = re.compile(
    r"(?m)^\s*(?:"
    + "|".join(
        re.escape(p)
        for p in sorted(LIST_HEADINGS | {fold("Gửi cho bạn bè")}, key=len, reverse=True)
    )
    + r")\s*:?\s*$"
)
