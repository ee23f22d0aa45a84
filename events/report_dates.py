"""Finding when a reported event took place in Vietnamese news text ("Sáng 6/1/2022", "trong các
ngày 28/9 và 29/9/2016", "từ ngày 12 đến 14/5/2023", "ngày 3-4/7", "ngày 5 tháng 6 năm 2023").

Works on folded text (see `fold_chars`) so offsets match the original. Dates of cited
documents ("Quyết định số 503-QĐ/ĐUK ngày 30/12/2021") are not event dates and are skipped.
"""

import datetime
import re
from dataclasses import dataclass

# A word that introduces the date of a happening.
_PREFIX = re.compile(r"\b(?:sang|chieu|toi|trua|dem|ngay|hom)(?: nay)?[\s,]+")
_AT_PARAGRAPH_START = re.compile(r"(?m)^\s*(?=\d{1,2}/\d{1,2}/\d{4}\s*,)")

_D, _M, _Y = r"(\d{1,2})", r"(\d{1,2})", r"(\d{4})"
_TO = r"\s*(?:-|–|den|va|toi)\s*(?:het\s+)?(?:ngay\s+)?"
# Tried in this order at each position: ranges first, so "3-4/7" is not read as 3 April.
_FORMS = (
    ("day_range", re.compile(rf"{_D}{_TO}{_D}\s*/\s*{_M}(?:\s*/\s*{_Y})?")),
    ("date_range", re.compile(rf"{_D}/{_M}(?:/{_Y})?{_TO}{_D}/{_M}(?:/{_Y})?")),
    ("words_range", re.compile(rf"{_D}{_TO}{_D} thang {_M}(?: nam {_Y})?")),
    ("words", re.compile(rf"{_D} thang {_M}(?: nam {_Y})?")),
    ("dotted", re.compile(rf"{_D}[.-]{_M}[.-]{_Y}")),
    ("single", re.compile(rf"{_D}/{_M}(?:/{_Y})?")),
)
_DOCUMENT_BEFORE = re.compile(
    r"(?:quyet dinh|nghi quyet|nghi dinh|de an|quy che|quy dinh|ke hoach|ket luan|chi thi|"
    r"thong bao|thong tri|thong tu|huong dan|cong van|van ban|luat|chuong trinh|bao cao|to trinh)"
    r"(?:\s+so)?(?:\s*[\w/.-]*\d[\w/.-]*)?\s*[,(]?\s*(?:ban hanh\s*)?(?:ngay\s*)?$"
)
_DOCUMENT_AFTER = re.compile(r"^\s*\)?\s*,?\s*cua\b")
_YEAR_IN_WORDS = re.compile(r"\bnam (\d{4})\b")
_CLOCK = re.compile(
    r"\b(?:luc\s+)?(\d{1,2})\s*(?:h|gio)\s*(\d{2})?(?:\s*phut)?\b|\bluc\s+(\d{1,2}):(\d{2})\b"
)
_NUMBER_WORDS = {"mot": 1, "hai": 2, "ba": 3, "bon": 4, "nam": 5, "sau": 6, "bay": 7}
_DURATION = re.compile(
    r"\b(?:dien ra|keo dai|to chuc)\s+(?:trong\s+)?(\d{1,2}|mot|hai|ba|bon|nam|sau|bay)\s+ngay\b"
)


@dataclass(frozen=True)
class DateMatch:
    start: datetime.date
    end: datetime.date
    position: int  # where the phrase begins in the text
    end_position: int
    time: datetime.time | None = None


def sentence_bounds(folded, position):
    """The (start, end) offsets of the sentence around `position`."""
    before = max(folded.rfind(". ", 0, position), folded.rfind("\n", 0, position))
    after_candidates = [
        i for i in (folded.find(". ", position), folded.find("\n", position)) if i >= 0
    ]
    end = min(after_candidates) + 1 if after_candidates else len(folded)
    return before + 1, end


def _year_for(day, month, folded, position, published_on):
    start, end = sentence_bounds(folded, position)
    in_sentence = _YEAR_IN_WORDS.search(folded, start, end)
    if in_sentence:
        return int(in_sentence.group(1))
    if published_on:
        year = published_on.year
        try:
            if datetime.date(year, month, day) > published_on + datetime.timedelta(days=60):
                year -= 1
        except ValueError:
            return None
        return year
    anywhere = _YEAR_IN_WORDS.search(folded)
    return int(anywhere.group(1)) if anywhere else None


def _dates(form, groups, folded, position, published_on):
    g = [int(x) if x else None for x in groups]
    if form == "day_range" or form == "words_range":
        d1, d2, m, y = g
        y = y or _year_for(d2, m, folded, position, published_on)
        return (d1, m, y), (d2, m, y)
    if form == "date_range":
        d1, m1, y1, d2, m2, y2 = g
        y2 = y2 or y1 or _year_for(d2, m2, folded, position, published_on)
        if y1 is None and y2 is not None:
            y1 = y2 - 1 if m1 > m2 else y2
        return (d1, m1, y1), (d2, m2, y2)
    d, m, y = g
    y = y or _year_for(d, m, folded, position, published_on)
    return (d, m, y), (d, m, y)


def _to_date(parts):
    day, month, year = parts
    if year is None:
        return None
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _clock(folded, start, end):
    match = _CLOCK.search(folded, start, end)
    if not match:
        return None
    hour, minute = (match.group(1), match.group(2)) if match.group(1) else match.group(3, 4)
    try:
        return datetime.time(int(hour), int(minute or 0))
    except ValueError:
        return None


def _duration(folded):
    match = _DURATION.search(folded)
    if not match:
        return None
    value = match.group(1)
    days = int(value) if value.isdigit() else _NUMBER_WORDS[value]
    return days if 1 <= days <= 30 else None


def _candidates(folded):
    positions = [(m.start(), m.end()) for m in _PREFIX.finditer(folded)]
    positions += [(m.end(), m.end()) for m in _AT_PARAGRAPH_START.finditer(folded)]
    return sorted(positions)


def find_event_date(folded, published_on=None, window_days=400):
    """The first date phrase in `folded` that dates a happening (not a document), or None."""
    for prefix_start, date_start in _candidates(folded):
        for form, pattern in _FORMS:
            match = pattern.match(folded, date_start)
            if not match:
                continue
            if _DOCUMENT_BEFORE.search(folded, max(0, prefix_start - 60), date_start):
                break
            if _DOCUMENT_AFTER.match(folded, match.end()):
                break
            first, last = (
                _to_date(p) for p in _dates(form, match.groups(), folded, date_start, published_on)
            )
            if first is None or last is None or last < first or (last - first).days > 60:
                break
            if published_on and abs((first - published_on).days) > window_days:
                break
            if first == last and (days := _duration(folded)):
                last = first + datetime.timedelta(days=days - 1)
            sentence = sentence_bounds(folded, date_start)
            return DateMatch(first, last, prefix_start, match.end(), _clock(folded, *sentence))
    return None
