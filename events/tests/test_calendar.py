import datetime
from types import SimpleNamespace

import pytest

from events.calendar import InvalidMonth, build_month, visible_range


def event(title, start, end=None, start_time=None):
    return SimpleNamespace(
        title=title, start_date=start, end_date=end or start, start_time=start_time
    )


def test_weeks_start_on_monday_and_cover_the_month():
    grid = build_month(2024, 3, [], today=datetime.date(2024, 3, 15))
    assert grid.first_visible == datetime.date(2024, 2, 26)  # a Monday
    assert grid.last_visible == datetime.date(2024, 3, 31)  # a Sunday
    assert all(len(week) == 7 for week in grid.weeks)
    assert grid.weekday_names[0] == "Thứ Hai" and grid.weekday_names[-1] == "Chủ Nhật"
    assert [d.date.day for d in grid.days if d.is_today] == [15]
    assert grid.label == "Tháng 3/2024"


def test_multi_day_event_appears_on_every_day_across_the_month_end():
    congress = event("Hội nghị ba ngày", datetime.date(2024, 3, 30), datetime.date(2024, 4, 2))
    march = build_month(2024, 3, [congress], today=datetime.date(2024, 1, 1))
    april = build_month(2024, 4, [congress], today=datetime.date(2024, 1, 1))
    assert [d.date for d in march.days if d.events] == [
        datetime.date(2024, 3, 30),
        datetime.date(2024, 3, 31),
    ]
    # April's grid starts on Monday 1 April; 1 and 2 April carry the event.
    assert [d.date for d in april.days if d.events] == [
        datetime.date(2024, 4, 1),
        datetime.date(2024, 4, 2),
    ]


def test_days_outside_the_month_show_events_too():
    early = event("Khảo sát", datetime.date(2024, 2, 27))
    grid = build_month(2024, 3, [early], today=datetime.date(2024, 1, 1))
    day = next(d for d in grid.days if d.date == datetime.date(2024, 2, 27))
    assert day.events == [early] and not day.in_month
    assert grid.days_with_events == []


def test_all_day_events_come_before_timed_ones():
    timed = event("Tọa đàm buổi sáng", datetime.date(2024, 3, 5), start_time=datetime.time(8))
    all_day = event("Lớp bồi dưỡng", datetime.date(2024, 3, 5))
    grid = build_month(2024, 3, [timed, all_day], today=datetime.date(2024, 1, 1))
    assert [e.title for e in grid.days_with_events[0].events] == [
        "Lớp bồi dưỡng",
        "Tọa đàm buổi sáng",
    ]


def test_lunar_date_beside_each_day():
    grid = build_month(2024, 2, [], today=datetime.date(2024, 1, 1))
    tet = next(d for d in grid.days if d.date == datetime.date(2024, 2, 10))
    assert tet.lunar.short == "1/1"


def test_previous_and_next_month_wrap_the_year():
    grid = build_month(2024, 12, [], today=datetime.date(2024, 12, 1))
    assert grid.previous == (2024, 11) and grid.next == (2025, 1)
    assert build_month(2025, 1, [], today=datetime.date(2025, 1, 1)).previous == (2024, 12)


def test_edges_of_the_supported_range_have_no_link_beyond():
    assert build_month(1900, 1, [], today=datetime.date(2024, 1, 1)).previous is None
    assert build_month(2199, 12, [], today=datetime.date(2024, 1, 1)).next is None


@pytest.mark.parametrize(("year", "month"), [(2024, 13), (2024, 0), (0, 1), (99999, 1), (1899, 12)])
def test_bad_months_are_refused(year, month):
    with pytest.raises(InvalidMonth):
        visible_range(year, month)
