import datetime

import pytest

from events.lunar import LunarDate, can_chi_year, tet, to_lunar


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (1985, datetime.date(1985, 1, 21)),  # China: 20 February
        (2007, datetime.date(2007, 2, 17)),  # China: 18 February
        (2020, datetime.date(2020, 1, 25)),
        (2023, datetime.date(2023, 1, 22)),
        (2024, datetime.date(2024, 2, 10)),
        (2025, datetime.date(2025, 1, 29)),
        (2026, datetime.date(2026, 2, 17)),
    ],
)
def test_tet_in_vietnam(year, expected):
    assert tet(year) == expected
    assert to_lunar(expected) == LunarDate(1, 1, year)
    assert to_lunar(expected - datetime.timedelta(days=1)).month == 12


def test_vietnam_and_china_differ_where_the_meridian_matters():
    assert tet(2007, tz=8) == datetime.date(2007, 2, 18)
    assert tet(1985, tz=8) == datetime.date(1985, 2, 20)
    assert to_lunar(datetime.date(2007, 2, 17)) == LunarDate(1, 1, 2007)
    assert to_lunar(datetime.date(2007, 2, 17), tz=8) == LunarDate(30, 12, 2006)


def test_leap_months():
    # 2023 had a leap 2nd month, 2020 a leap 4th month.
    assert to_lunar(datetime.date(2023, 3, 22)) == LunarDate(1, 2, 2023, leap=True)
    assert to_lunar(datetime.date(2023, 2, 20)) == LunarDate(1, 2, 2023, leap=False)
    assert to_lunar(datetime.date(2020, 5, 23)) == LunarDate(1, 4, 2020, leap=True)
    assert to_lunar(datetime.date(2020, 4, 23)) == LunarDate(1, 4, 2020, leap=False)
    assert to_lunar(datetime.date(2024, 6, 1)).leap is False


def test_how_dates_are_printed():
    mid_autumn = to_lunar(datetime.date(2024, 9, 17))
    assert mid_autumn.short == "15/8"
    assert mid_autumn.long == "ngày 15 tháng 8 năm Giáp Thìn"
    assert str(to_lunar(datetime.date(2022, 1, 6))) == "4/12 ÂL"
    assert to_lunar(datetime.date(2023, 3, 22)).short == "1/2 nhuận"
    assert to_lunar(datetime.date(2023, 3, 22)).long == "ngày 1 tháng 2 nhuận năm Quý Mão"


@pytest.mark.parametrize(
    ("year", "name"),
    [
        (2024, "Giáp Thìn"),
        (2025, "Ất Tỵ"),
        (2026, "Bính Ngọ"),
        (1945, "Ất Dậu"),
        (2000, "Canh Thìn"),
    ],
)
def test_can_chi_year_names(year, name):
    assert can_chi_year(year) == name


def test_every_day_of_a_year_follows_the_previous_one():
    day = datetime.date(2023, 1, 1)
    previous = to_lunar(day)
    for _ in range(400):
        day += datetime.timedelta(days=1)
        current = to_lunar(day)
        if current.day == 1:
            assert previous.day in (29, 30)
        else:
            assert current.day == previous.day + 1
            assert (current.month, current.leap) == (previous.month, previous.leap)
        previous = current
