"""What a single line of a copied page is: chrome, a list heading, a file name, a name, a source.

Phrases are compared folded (`core.text.fold`), so accents, case and "uỷ"/"ủy" don't matter.
The portal chrome itself (menus, share buttons, "Các tin khác" lists) is `core.chrome`.
"""

import re

from core.text import fold

_BREADCRUMB = re.compile(r"\s(>|»|›|/|\|)\s")
_FILE_NAME = re.compile(
    r"\.(png|jpe?g|gif|webp|bmp|tiff?|svg|heic|pdf|docx?|xlsx?|pptx?|zip|rar|mp4|mp3)$", re.I
)
_SOURCE = re.compile(
    r"^\(?\s*(?:nguồn\s*:?\s*|theo\s+)?"
    r"(?P<url>(?:https?://)?(?:www\.)?(?P<host>[a-z0-9-]+(?:\.[a-z0-9-]+)+)(?:/\S*)?)"
    r"\s*\)?\.?$",
    re.I,
)
_NAMED_SOURCE = re.compile(r"^\(?\s*(?:nguồn\s*:\s*|theo\s+)(?P<name>[^()]{2,80}?)\s*\)?\.?$", re.I)
_BYLINE_PREFIX = re.compile(
    r"^(?:bài\s*(?:và|,|&)?\s*ảnh|tin\s*(?:và|,|&)?\s*ảnh|bài|tin|tác giả|người viết|đăng bởi"
    r"|posted by|by)\s*:\s*",
    re.I,
)
# Folded starts of organisation names: a trailing "Ban Dân vận Tỉnh uỷ" is the portal, not a person.
_ORGANISATION_STARTS = (
    "ban ",
    "bao ",
    "cong thong tin",
    "trang thong tin",
    "dang uy",
    "dang bo",
    "tinh uy",
    "thanh uy",
    "huyen uy",
    "so ",
    "ubnd",
    "hdnd",
    "mttq",
    "uy ban",
    "hoi ",
    "trung tam",
    "vien ",
    "bo ",
    "cuc ",
    "van phong",
    "tap chi",
    "dai ",
    "dai truyen hinh",
    "truong ",
)
_SENTENCE_END = tuple(".!?…;:")
_CLOSERS = "\"'”’»)] "
_RELATIVE_TIME = re.compile(r"\b\d+\s+(phút|giờ|ngày|tuần|tháng|năm)\s+trước\)?$", re.I)


def word_count(text):
    return len(text.split())


def ends_sentence(text):
    return text.rstrip(_CLOSERS).endswith(_SENTENCE_END)


def is_prose(text):
    """A body paragraph rather than a title, a caption or a headline."""
    count = word_count(text)
    return (count >= 8 and ends_sentence(text)) or count >= 80


def ends_list(text):
    """A line long enough to be article text again after a list of headlines."""
    return word_count(text) >= 50 and ends_sentence(text) and not text.startswith("•")


def is_headline_item(text):
    """ "• Tọa đàm … (7 tháng trước)", "4 tháng trước": pieces of a headline list."""
    return text.startswith(("•", "-", "»")) or bool(_RELATIVE_TIME.search(text))


def is_breadcrumb(text):
    parts = [p for p in _BREADCRUMB.split(text) if p.strip() and p.strip() not in ">»›/|"]
    return (
        len(parts) >= 2
        and all(word_count(p) <= 6 for p in parts)
        and not any(ch.isdigit() for ch in text)  # "04/10/2016 | 4050" is a date line
    )


def is_file_name(text):
    return word_count(text) <= 25 and bool(_FILE_NAME.search(text.strip()))


def parse_source(text):
    """(name, url) for "(dukcqtw.dcs.vn)", "Nguồn: https://…", "(Theo Báo Nhân Dân)"; else None."""
    if word_count(text) > 12:
        return None
    match = _SOURCE.match(text.strip())
    if match:
        url = match.group("url")
        host = match.group("host").lower()
        return host, (url if url.lower().startswith(("http://", "https://")) else "")
    match = _NAMED_SOURCE.match(text.strip())
    if match:
        return match.group("name").strip(), ""
    return None


def is_organisation(text):
    folded = fold(text)
    return folded.startswith(_ORGANISATION_STARTS) and word_count(text) <= 12


def parse_byline(text):
    """The author's name when `text` is a short name line ("Phạm Anh Thiện", "Bài, ảnh: X")."""
    stripped = _BYLINE_PREFIX.sub("", text.strip()).strip(" .")
    prefixed = stripped != text.strip().strip(" .")
    if not stripped or len(stripped) > 60 or any(ch.isdigit() for ch in stripped):
        return None
    if is_organisation(stripped):
        return None
    names = [n.strip() for n in re.split(r"\s+[-–]\s+|\s*,\s*", stripped)]
    for name in names:
        parts = name.split()
        if not 1 <= len(parts) <= 5:
            return None
        if not prefixed and len(parts) < 2:
            return None
        if not all(p[0].isupper() and p.replace(".", "").isalpha() for p in parts):
            return None
    return stripped
