"""Finding when a reported event took place in Vietnamese news text ("Sáng 6/1/2022", "trong các
ngày 28/9 và 29/9/2016", "từ ngày 12 đến 14/5/2023", "ngày 3-4/7", "ngày 5 tháng 6 năm 2023").

Works on folded text (see `fold_chars`) so offsets match the original. Dates of cited
documents ("Quyết định số 503-QĐ/ĐUK ngày 30/12/2021") are not event dates and are skipped.
"""

import datetime
import re
from dataclasses import dataclass

from core import date_grammar as grammar

# Every form of the grammar but the ISO one, which news text does not use for happenings.
_EVENT_FORMS = ("day_range", "date_range", "words_range", "words", "numeric", "day_month")
# A word that introduces the date of a happening.
_PREFIX = re.compile(r"\b(?:sang|chieu|toi|trua|dem|ngay|hom)(?: nay)?[\s,]+")
_AT_PARAGRAPH_START = re.compile(r"(?m)^\s*(?=\d{1,2}/\d{1,2}/\d{4}\s*,)")

_DOCUMENT_BEFORE = re.compile(
    r"(?:quyet dinh|nghi quyet|nghi dinh|de an|quy che|quy dinh|ke hoach|ket luan|chi thi|"
    r"thong bao|thong tri|thong tu|huong dan|cong van|van ban|luat|chuong trinh|bao cao|to trinh)"
    r"(?:\s+so)?(?:\s*[\w/.-]*\d[\w/.-]*)?\s*[,(]?\s*(?:ban hanh\s*)?(?:ngay\s*)?$"
)
_DOCUMENT_AFTER = re.compile(r"^\s*\)?\s*,?\s*cua\b")
_NUMBER_WORDS = {"mot": 1, "hai": 2, "ba": 3, "bon": 4, "nam": 5, "sau": 6, "bay": 7}
# "Sáng nay", "Chiều qua", "hôm qua", "hôm nay": read against the article's own date only.
_RELATIVE = re.compile(
    r"(?:^|(?<=[.;!?\n,])\s*)(?:(?:sang|chieu|toi|trua|dem)\s+(?P<rel>nay|qua|hom nay|hom qua)"
    r"|(?P<day>hom nay|hom qua))\b"
)
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
    in_sentence = grammar.YEAR_IN_WORDS.search(folded, start, end)
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
    anywhere = grammar.YEAR_IN_WORDS.search(folded)
    return int(anywhere.group(1)) if anywhere else None


def _first_and_last(written, folded, position, published_on):
    """The first and last day of a written date or range; a year not written comes from the
    sentence, else the article's date, else a "năm …" anywhere in the text."""
    year = (
        written.year
        or (written.first_year if written.form == "date_range" else None)
        or _year_for(written.day, written.month, folded, position, published_on)
    )
    last = grammar.make_date(written.day, written.month, year)
    if not written.is_range:
        return last, last
    first_year = written.first_year
    if first_year is None and year is not None:
        first_year = year - 1 if written.first_month > written.month else year
    return grammar.make_date(written.first_day, written.first_month, first_year), last


def _clock(folded, start, end):
    at, _ = grammar.search_time(folded, start, end, part=grammar.part_of_day(folded[start:end]))
    return at


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


def _relative_date(folded, published_on):
    """ "Sáng nay" / "hôm qua" as a `DateMatch` from the article's own date; None without it."""
    found = _RELATIVE.search(folded) if published_on else None
    if found is None:
        return None
    day = published_on - datetime.timedelta(
        days=1 if "qua" in (found["rel"] or found["day"]) else 0
    )
    sentence = sentence_bounds(folded, found.start())
    return DateMatch(day, day, found.start(), found.end(), _clock(folded, *sentence))


def find_event_date(folded, published_on=None, window_days=400):
    """The first date phrase in `folded` that dates a happening (not a document), or None."""
    written = _written_event_date(folded, published_on, window_days)
    relative = _relative_date(folded, published_on)
    if relative and (written is None or relative.position < written.position):
        return relative
    return written


def _written_event_date(folded, published_on, window_days):
    for prefix_start, date_start in _candidates(folded):
        written = grammar.match_date(folded, date_start, _EVENT_FORMS)
        if written is None:
            continue
        if _DOCUMENT_BEFORE.search(folded, max(0, prefix_start - 60), date_start):
            continue
        if _DOCUMENT_AFTER.match(folded, written.end):
            continue
        first, last = _first_and_last(written, folded, date_start, published_on)
        if first is None or last is None or last < first or (last - first).days > 60:
            continue
        if published_on and abs((first - published_on).days) > window_days:
            continue
        if first == last and (days := _duration(folded)):
            last = first + datetime.timedelta(days=days - 1)
        sentence = sentence_bounds(folded, date_start)
        return DateMatch(first, last, prefix_start, written.end, _clock(folded, *sentence))
    return None
