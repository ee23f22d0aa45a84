"""The one grammar: every written form the importer and the event reader need."""

import datetime

import pytest

from core import date_grammar as grammar
from core.text import fold_chars

D, T = datetime.date, datetime.time


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("6/10/2022", (D(2022, 10, 6), None)),
        ("06/10/2022 14:30", (D(2022, 10, 6), T(14, 30))),
        ("Thứ Năm, 6/10/2022", (D(2022, 10, 6), None)),
        ("ngày 12 tháng 3 năm 2025", (D(2025, 3, 12), None)),
        ("Thứ tư, ngày 12 tháng 3 năm 2025", (D(2025, 3, 12), None)),
        ("Chiều ngày 20/8/2025, lúc 14h00", (D(2025, 8, 20), T(14, 0))),
        ("Chiều ngày 20/8/2025, lúc 2h30", (D(2025, 8, 20), T(14, 30))),
        ("Tối 3/2/2024 lúc 7 giờ 30 phút", (D(2024, 2, 3), T(19, 30))),
        ("2023-06-05 08:15", (D(2023, 6, 5), T(8, 15))),
        ("05/06/2023 08:15 PM", (D(2023, 6, 5), T(20, 15))),
        ("06.10.2022", (D(2022, 10, 6), None)),
        ("31/02/2022", (None, None)),  # no such day
        ("6/10/1850", (None, None)),  # outside the years this site can have
        ("Hội nghị sơ kết", (None, None)),
    ],
)
def test_full_dates_and_times(text, expected):
    assert grammar.parse_datetime(text) == expected


@pytest.mark.parametrize(
    ("text", "form", "day", "month", "year", "first"),
    [
        ("17/9", "day_month", 17, 9, None, None),
        ("3-4/7", "day_range", 4, 7, None, (3, 7, None)),
        ("28/9 và 29/9/2016", "date_range", 29, 9, 2016, (28, 9, None)),
        ("12 đến 14 tháng 5 năm 2023", "words_range", 14, 5, 2023, (12, 5, None)),
    ],
)
def test_written_dates_without_a_year_or_with_a_range(text, form, day, month, year, first):
    written = grammar.match_date(fold_chars(text), 0)
    assert (written.form, written.day, written.month, written.year) == (form, day, month, year)
    if first:
        assert (written.first_day, written.first_month, written.first_year) == first


@pytest.mark.parametrize(
    ("text", "part", "expected"),
    [
        ("15h30", None, T(15, 30)),
        ("lúc 8 giờ", None, T(8, 0)),
        ("08:15 PM", None, T(20, 15)),
        ("12:05 AM", None, T(0, 5)),
        ("2h", "afternoon", T(14, 0)),
        ("7h30", "morning", T(7, 30)),
        ("25h00", None, None),
    ],
)
def test_times_of_day(text, part, expected):
    at, _ = grammar.search_time(fold_chars(text), part=part)
    assert at == expected


def test_the_part_of_day_is_read_from_the_words():
    assert grammar.part_of_day(fold_chars("Chiều ngày 5/6")) == "afternoon"
    assert grammar.part_of_day(fold_chars("Sáng nay")) == "morning"
    assert grammar.part_of_day(fold_chars("Ngày 5/6")) is None
