"""The one grammar of written Vietnamese dates and times.

Every written form the importer and the event reader meet is a named pattern in `DATE_FORMS` or
`TIME_FORMS`: "6/10/2022", "06/10/2022 14:30", "Thứ Năm, 6/10/2022", "ngày 12 tháng 3 năm 2025",
"Sáng 17/9", "Chiều ngày 20/8/2025, lúc 14h00", "15h30", "2023-06-05 08:15", "08:15 PM", and the
ranges of reported events ("28/9 và 29/9/2016", "từ ngày 12 đến 14/5/2023", "3-4/7").
Patterns match *folded* text (`core.text.fold_chars`: lower case, no diacritics, one character
for one), so a match's offsets are the same in the original text. Nothing here guesses a missing
year: a form without one gives `year=None`, and the caller decides from what the text says.
"""

import dataclasses
import datetime
import re

from core.text import fold_chars

# The years a date on this site can have (documents of the Party go back to 1930).
YEAR_MIN, YEAR_MAX = 1930, 2100
_YEAR_RANGE = r"(?:19[3-9]\d|20\d\d|2100)"

_TO = r"\s*(?:-|den|va|toi)\s*(?:het\s+)?(?:ngay\s+)?"
_SLASH = r"\s*/\s*"
_WORDS_MONTH = r"\s+thang\s+(?P<m>\d{1,2})(?:\s+nam\s+(?P<y>\d{4}))?"

# Tried in this order at a position: ranges first, so "3-4/7" is not read as 3 April.
DATE_FORMS = {
    # "3-4/7", "28 và 29/9/2016"
    "day_range": re.compile(
        rf"(?P<d1>\d{{1,2}}){_TO}(?P<d>\d{{1,2}}){_SLASH}(?P<m>\d{{1,2}})(?:{_SLASH}(?P<y>\d{{4}}))?"
    ),
    # "28/9 và 29/9/2016", "30/11 - 2/12/2022"
    "date_range": re.compile(
        rf"(?P<d1>\d{{1,2}})/(?P<m1>\d{{1,2}})(?:/(?P<y1>\d{{4}}))?{_TO}"
        rf"(?P<d>\d{{1,2}})/(?P<m>\d{{1,2}})(?:/(?P<y>\d{{4}}))?"
    ),
    # "12 đến 14 tháng 5 năm 2023"
    "words_range": re.compile(rf"(?P<d1>\d{{1,2}}){_TO}(?P<d>\d{{1,2}}){_WORDS_MONTH}"),
    # "2023-06-05"
    "iso": re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?![\d/])"),
    # "12 tháng 3 năm 2025" (after "ngày", which callers match as a prefix)
    "words": re.compile(rf"(?P<d>\d{{1,2}}){_WORDS_MONTH}"),
    # "6/10/2022", "06.10.2022", "6-10-2022"
    "numeric": re.compile(
        r"(?P<d>\d{1,2})\s*(?P<sep>[/.-])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<y>\d{4})(?![\d/])"
    ),
    # "17/9" (the year is the caller's to find)
    "day_month": re.compile(rf"(?P<d>\d{{1,2}}){_SLASH}(?P<m>\d{{1,2}})(?![\d/])"),
}
RANGE_FORMS = frozenset({"day_range", "date_range", "words_range"})
FULL_DATE_FORMS = ("iso", "words", "numeric")

TIME_FORMS = {
    # "14h00", "15h30", "8 giờ 30 phút", "lúc 7h"
    "hours": re.compile(r"(?<![\d:])(?P<h>\d{1,2})\s*(?:h|gio)\s*(?P<min>\d{2})?(?:\s*phut)?\b"),
    # "14:30", "08:15 PM", "08:15:00"
    "clock": re.compile(
        r"(?<![\d:])(?P<h>\d{1,2})\s*:\s*(?P<min>\d{2})(?::\d{2})?(?:\s*(?P<half>am|pm|sa|ch)\b)?"
        r"(?![\d:])"
    ),
}

# Parts of the day that open a dated phrase; an afternoon or evening hour under 12 is after noon.
PARTS_OF_DAY = {"sang": "morning", "trua": "noon", "chieu": "afternoon", "toi": "evening"}
PARTS_OF_DAY["dem"] = "night"
_AFTER_NOON = {"afternoon", "evening"}
PART_OF_DAY = re.compile(r"\b(?P<part>sang|trua|chieu|toi|dem)\b")
# "Thứ Năm", "Thứ 5", "T5", "Chủ nhật", "CN"
WEEKDAY = re.compile(r"\b(?:thu\s*(?:hai|ba|tu|nam|sau|bay|[2-7])|chu\s*nhat|cn|t[2-7])\b")
YEAR = re.compile(rf"(?<!\d){_YEAR_RANGE}(?!\d)")
YEAR_IN_WORDS = re.compile(rf"\bnam\s+({_YEAR_RANGE})(?!\d)")


@dataclasses.dataclass(frozen=True)
class WrittenDate:
    """A date phrase as written: day/month/year of its last day (`year` None when not written),
    and of its first day when it is a range."""

    form: str
    start: int  # offsets in the text
    end: int
    day: int
    month: int
    year: int | None
    first_day: int | None = None
    first_month: int | None = None
    first_year: int | None = None

    @property
    def is_range(self):
        return self.form in RANGE_FORMS


def _int(value):
    return int(value) if value else None


def match_date(folded, position, forms=None):
    """The date phrase starting exactly at `position` of `folded` text, or None."""
    for form, pattern in DATE_FORMS.items():
        if forms is not None and form not in forms:
            continue
        found = pattern.match(folded, position)
        if found:
            g = found.groupdict()
            return WrittenDate(
                form,
                found.start(),
                found.end(),
                int(g["d"]),
                int(g["m"]),
                _int(g.get("y")),
                _int(g.get("d1")),
                _int(g.get("m1")) or (int(g["m"]) if g.get("d1") else None),
                _int(g.get("y1")),
            )
    return None


_DIGIT_RUN = re.compile(r"(?<![\d/.-])\d")


def search_date(folded, start=0, end=None, forms=FULL_DATE_FORMS):
    """The first date phrase of one of `forms` in `folded[start:end]`, or None."""
    end = len(folded) if end is None else end
    for digit in _DIGIT_RUN.finditer(folded, start, end):
        found = match_date(folded, digit.start(), forms)
        if found and found.end <= end:
            return found
    return None


def make_date(day, month, year):
    """datetime.date(year, month, day) when it exists and the year is in bounds, else None."""
    try:
        year, month, day = int(year), int(month), int(day)
    except (TypeError, ValueError):
        return None
    if not YEAR_MIN <= year <= YEAR_MAX:
        return None
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def part_of_day(folded):
    """ "morning", "afternoon" … for the first Sáng/Trưa/Chiều/Tối/Đêm in `folded`, else None."""
    found = PART_OF_DAY.search(folded)
    return PARTS_OF_DAY[found["part"]] if found else None


def search_time(folded, start=0, end=None, part=None):
    """(time, match) of the first clock time in `folded[start:end]`, or (None, None).

    "08:15 PM" and "Chiều … 2h30" are after noon; `part` is the part of the day the phrase named.
    """
    end = len(folded) if end is None else end
    found = [m for m in (p.search(folded, start, end) for p in TIME_FORMS.values()) if m]
    if not found:
        return None, None
    first = min(found, key=lambda m: m.start())
    hour, minute = int(first["h"]), int(first["min"] or 0)
    half = first.groupdict().get("half")
    if (half in ("pm", "ch") or part in _AFTER_NOON) and 1 <= hour < 12:
        hour += 12
    elif half in ("am", "sa") and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return None, None
    return datetime.time(hour, minute), first


def parse_datetime(text):
    """(date or None, time or None) of the first full date in `text` and the time around it:
    "Chiều ngày 20/8/2025, lúc 14h00" -> (2025-08-20, 14:00)."""
    folded = fold_chars(text)
    written = search_date(folded)
    if written is None:
        return None, None
    day = make_date(written.day, written.month, written.year)
    rest = folded[: written.start] + " " * (written.end - written.start) + folded[written.end :]
    at, _ = search_time(rest, part=part_of_day(folded))
    return day, at
