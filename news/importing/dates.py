"""Publication dates as Vietnamese portals print them.

Date lines: "Thứ Năm, 6/10/2022", "04/10/2016 | 4050" (date | views),
"Thứ Tư, 20/09/2023 08:15", "Ngày đăng: 20/09/2023", "Cập nhật lúc 08:15 ngày 20/9/2023".
Failing those, the first dated sentence: "Sáng 6/1/2022, …", "Ngày 22/3, …" (year from the text).
"""

import datetime
import re

from core.text import fold

_DATE = re.compile(r"(?<![\d/])(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})(?![\d/])")
_TIME = re.compile(r"(?<![\d:])(\d{1,2})\s*[:h]\s*(\d{2})(?:\s*:\s*\d{2})?(?![\d:])")
# What may stand beside the date on a date line (folded): weekdays, labels, time, views.
_DATE_LINE_WORDS = frozenset(
    [
        "thu",
        "hai",
        "ba",
        "tu",
        "nam",
        "sau",
        "bay",
        "chu",
        "nhat",
        "cn",
        "t2",
        "t3",
        "t4",
        "t5",
        "t6",
        "t7",
        "ngay",
        "dang",
        "cap",
        "luc",
        "gio",
        "xuat",
        "ban",
        "luot",
        "xem",
        "views",
        "posted",
        "on",
        "updated",
        "gmt",
        "am",
        "pm",
        "sang",
        "chieu",
        "toi",
    ]
)
_VIEWS = re.compile(
    r"(?:\|\s*|lượt xem\s*:?\s*|views?\s*:?\s*)(\d[\d.,]*)\s*(?:lượt xem)?\s*$", re.I
)
# The start of a dated sentence: "Sáng 6/1/2022,", "Ngày 22/3,", "Chiều ngày 5/4,".
_SENTENCE_DATE = re.compile(
    r"(?:^|[.;!?]\s+)(?:(?:sáng|chiều|trưa|tối|đêm|hôm nay)\s*(?:\(|,)?\s*(?:ngày\s+)?|ngày\s+"
    r"|trong\s+(?:các\s+|hai\s+)?ngày\s+|từ\s+ngày\s+|vừa qua,?\s+(?:ngày\s+)?)"
    r"(\d{1,2})\s*/\s*(\d{1,2})(?:\s*/\s*(\d{4}))?(?![\d/])",
    re.I,
)
_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")
_YEAR_PHRASE = re.compile(r"năm\s+(19[5-9]\d|20\d\d)(?!\d)", re.I)


def _make_date(day, month, year):
    try:
        return datetime.date(int(year), int(month), int(day))
    except (TypeError, ValueError):
        return None


def parse_date_line(line):
    """(date, time or None, views or None) when `line` is a date line, else None."""
    if len(line) > 80:
        return None
    match = _DATE.search(line)
    if not match:
        return None
    day = _make_date(*match.groups())
    if day is None:
        return None
    rest = line[: match.start()] + " " + line[match.end() :]
    rest = re.sub(r"\(?\s*GMT\s*[+-]\s*\d{1,2}\s*\)?", " ", rest, flags=re.I)
    views = None
    views_match = _VIEWS.search(rest)
    if views_match:
        views = int(re.sub(r"[.,]", "", views_match.group(1)))
        rest = rest[: views_match.start()]
    at = None
    time_match = _TIME.search(rest)
    if time_match:
        hour, minute = int(time_match.group(1)), int(time_match.group(2))
        if hour < 24 and minute < 60:
            at = datetime.time(hour, minute)
            rest = rest[: time_match.start()] + " " + rest[time_match.end() :]
    leftover = [w for w in re.split(r"[^a-z0-9]+", fold(rest)) if w]
    if any(w not in _DATE_LINE_WORDS for w in leftover):
        return None
    return day, at, views


def year_in_text(text):
    """The year an undated "Ngày 22/3" refers to: the first "năm 2024", else the first year."""
    match = _YEAR_PHRASE.search(text) or _YEAR.search(text)
    return int(match.group(1)) if match else None


def first_dated_sentence(paragraphs, year_hint=None):
    """The date of the first sentence that starts with one ("Sáng 6/1/2022, …")."""
    for paragraph in paragraphs:
        for match in _SENTENCE_DATE.finditer(paragraph):
            day, month, year = match.groups()
            found = _make_date(day, month, year or year_hint)
            if found:
                return found
    return None
