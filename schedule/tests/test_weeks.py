import datetime

import pytest

from schedule.weeks import InvalidWeek, Week, parse


def test_parse_reads_iso_weeks_in_the_ways_people_write_them():
    assert parse("2026-W49") == Week(2026, 49)
    assert parse("2026w49") == Week(2026, 49)
    assert parse(" 2026-W5 ") == Week(2026, 5)


@pytest.mark.parametrize(
    "value",
    [
        "",
        "abc",
        "2026",
        "2026-W00",
        "2026-W54",
        "2021-W53",
        "0000-W01",
        "1999-W10",
        "9999-W01",
        "2026-W49x",
        "２０２６-W49",
        "2026-W4９",
        None,
    ],
)
def test_parse_refuses_what_is_not_a_week(value):
    with pytest.raises(InvalidWeek):
        parse(value)


def test_week_53_exists_only_in_long_years():
    assert Week(2026, 53).monday == datetime.date(2026, 12, 28)
    with pytest.raises(InvalidWeek):
        Week(2025, 53)


def test_days_and_label_are_vietnamese_and_monday_first():
    week = Week(2026, 49)
    assert week.monday == datetime.date(2026, 11, 30)
    assert week.sunday == datetime.date(2026, 12, 6)
    assert week.day(4) == datetime.date(2026, 12, 3)
    assert week.label == "Tuần 49 năm 2026 (từ 30/11/2026 đến 06/12/2026)"
    assert week.code == "2026-W49"


def test_previous_and_next_cross_years():
    assert Week(2026, 1).previous == Week(2025, 52)
    assert Week(2026, 53).next == Week(2027, 1)
    assert Week(2000, 1).previous is None  # 1999 is outside the years held
    assert Week.of(datetime.date(2027, 1, 1)) == Week(2026, 53)
