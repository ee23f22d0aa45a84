"""Relative words ("Sáng nay", "hôm qua", "Chiều 5/6") read against the article's own date only."""

import datetime

import pytest

from events.reports import find_events

PUBLISHED = datetime.date(2025, 3, 12)


@pytest.mark.parametrize(
    ("lead", "day"),
    [
        ("Sáng nay, Ban Dân vận Tỉnh ủy tổ chức hội nghị tổng kết công tác dân vận.", PUBLISHED),
        (
            "Chiều hôm qua, Ban Dân vận Tỉnh ủy tổ chức hội nghị tổng kết công tác dân vận.",
            datetime.date(2025, 3, 11),
        ),
        (
            "Hôm qua, Ban Dân vận Tỉnh ủy tổ chức hội nghị tổng kết công tác dân vận.",
            datetime.date(2025, 3, 11),
        ),
        (
            "Chiều 5/3, Ban Dân vận Tỉnh ủy tổ chức hội nghị tổng kết công tác dân vận.",
            datetime.date(2025, 3, 5),
        ),
    ],
)
def test_a_relative_day_is_counted_from_the_articles_date(lead, day):
    (event,) = find_events("Hội nghị tổng kết công tác dân vận", lead, PUBLISHED)
    assert (event.start, event.end) == (day, day)


def test_without_the_articles_date_a_relative_day_gives_no_event():
    lead = "Sáng nay, Ban Dân vận Tỉnh ủy tổ chức hội nghị tổng kết công tác dân vận."
    assert find_events("Hội nghị tổng kết công tác dân vận", lead, None) == []


def test_till_now_is_not_tonight():
    lead = (
        "Từ đầu nhiệm kỳ tới nay, toàn tỉnh có hơn 500 mô hình dân vận; ngày 3/3, Ban Dân vận "
        "Tỉnh ủy tổ chức hội nghị tổng kết các mô hình."
    )
    (event,) = find_events("Hội nghị tổng kết công tác dân vận", lead, PUBLISHED)
    assert event.start == datetime.date(2025, 3, 3)
