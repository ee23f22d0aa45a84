"""What a single line of a copied page is: a breadcrumb, a file name, prose, a source.

The portal chrome itself (menus, share buttons, "Các tin khác" lists) is `core.chrome`; bylines
and unit names are `bylines`.
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


def headlines(items):
    """The headlines of a list's lines, each once: "• Tọa đàm … (7 tháng trước)" -> "Tọa
    đàm …"; a line that is only a time or a bullet gives none."""
    found, seen = [], set()
    for item in items:
        text = _RELATIVE_TIME.sub("", item.lstrip("•-» ")).strip(" (")
        if word_count(text) >= 2 and fold(text) not in seen:
            seen.add(fold(text))
            found.append(text)
    return tuple(found)


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
