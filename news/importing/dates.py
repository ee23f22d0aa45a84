"""Publication dates as Vietnamese portals print them, read with the one grammar of
`core.date_grammar`.

Date lines: "Thứ Năm, 6/10/2022", "04/10/2016 | 4050" (date | views),
"Thứ Tư, 20/09/2023 08:15", "Ngày đăng: 20/09/2023", "Cập nhật lúc 08:15 ngày 20/9/2023",
"Thứ tư, ngày 12 tháng 3 năm 2025".
Failing those, the first dated sentence: "Sáng 6/1/2022, …", "Ngày 22/3, …" (year from the text).
"""

import re

from core import date_grammar as grammar
from core.text import fold_chars

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
_VIEWS = re.compile(r"(?:\|\s*|luot xem\s*:?\s*|views?\s*:?\s*)(\d[\d.,]*)\s*(?:luot xem)?\s*$")
_GMT = re.compile(r"\(?\s*gmt\s*[+-]\s*\d{1,2}\s*\)?")
# What opens a dated sentence: "Sáng 6/1/2022,", "Ngày 22/3,", "Chiều ngày 5/4,", "Vừa qua, ngày …".
_SENTENCE_OPENING = re.compile(
    r"(?:^|[.;!?]\s+)(?:(?:sang|chieu|trua|toi|dem|hom nay)\s*(?:\(|,)?\s*(?:ngay\s+)?|ngay\s+"
    r"|trong\s+(?:cac\s+|hai\s+)?ngay\s+|tu\s+ngay\s+|vua qua,?\s+(?:ngay\s+)?)"
)
_SENTENCE_DATE_FORMS = ("words", "numeric", "day_month")


def _blank(text, start, end):
    return text[:start] + " " * (end - start) + text[end:]


def parse_date_line(line):
    """(date, time or None, views or None) when `line` is a date line, else None."""
    if len(line) > 80:
        return None
    folded = fold_chars(line)
    written = grammar.search_date(folded)
    if written is None:
        return None
    day = grammar.make_date(written.day, written.month, written.year)
    if day is None:
        return None
    rest = _GMT.sub(" ", _blank(folded, written.start, written.end))
    views = None
    views_match = _VIEWS.search(rest)
    if views_match:
        views = int(re.sub(r"[.,]", "", views_match.group(1)))
        rest = rest[: views_match.start()]
    at, clock = grammar.search_time(rest)
    if clock is not None:
        rest = _blank(rest, clock.start(), clock.end())
    leftover = [w for w in re.split(r"[^a-z0-9]+", rest) if w]
    if any(w not in _DATE_LINE_WORDS for w in leftover):
        return None
    return day, at, views


def year_in_text(text):
    """The year an undated "Ngày 22/3" refers to: the first "năm 2024", else the first year."""
    folded = fold_chars(text)
    match = grammar.YEAR_IN_WORDS.search(folded)
    if match:
        return int(match.group(1))
    match = grammar.YEAR.search(folded)
    return int(match.group()) if match else None


def first_dated_sentence(paragraphs, year_hint=None):
    """The date of the first sentence that starts with one ("Sáng 6/1/2022, …")."""
    for paragraph in paragraphs:
        folded = fold_chars(paragraph)
        for opening in _SENTENCE_OPENING.finditer(folded):
            written = grammar.match_date(folded, opening.end(), _SENTENCE_DATE_FORMS)
            if written is None:
                continue
            found = grammar.make_date(written.day, written.month, written.year or year_hint)
            if found:
                return found
    return None
