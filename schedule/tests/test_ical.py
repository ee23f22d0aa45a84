import datetime

import icalendar
import pytest
from django.urls import reverse

from core.publishing import Status
from schedule.models import Session
from schedule.tests.factories import WorkItemFactory, WorkWeekFactory
from schedule.weeks import Week

pytestmark = pytest.mark.django_db


def test_a_week_as_ics_parses_back_with_every_row(client):
    week = WorkWeekFactory(iso_week=Week(2026, 49))
    WorkItemFactory(
        week=week,
        weekday=2,
        time=datetime.time(8, 30),
        content="Hội nghị giao ban công tác dân vận",
        location="Hội trường Tỉnh ủy",
        chair="Đồng chí Trưởng ban",
    )
    WorkItemFactory(
        week=week, weekday=3, session=Session.AFTERNOON, time=None, content="Làm việc tại cơ quan"
    )
    WorkItemFactory(week=week, weekday=5, content="Khảo sát", postponed=True)
    WorkItemFactory(
        week=WorkWeekFactory(iso_week=Week(2026, 49), status=Status.DRAFT, publish_at=None),
        content="Nháp",
    )
    response = client.get(reverse("schedule:ics"), {"tuan": "2026-W49"})
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert 'filename="lich-cong-tac-2026-W49.ics"' in response["Content-Disposition"]
    cal = icalendar.Calendar.from_ical(response.content)
    events = {str(e["summary"]): e for e in cal.walk("VEVENT")}
    assert set(events) == {
        "Hội nghị giao ban công tác dân vận",
        "Chiều: Làm việc tại cơ quan",
        "Khảo sát",
    }
    timed = events["Hội nghị giao ban công tác dân vận"]
    start = timed.decoded("dtstart")
    assert start == datetime.datetime(2026, 12, 1, 8, 30, tzinfo=start.tzinfo)
    assert start.utcoffset() == datetime.timedelta(hours=7)
    assert "dtend" not in timed  # the schedule states no end
    assert str(timed["location"]) == "Hội trường Tỉnh ủy"
    assert "Chủ trì: Đồng chí Trưởng ban" in str(timed["description"])
    assert "?tuan=2026-W49" in str(timed["url"])
    whole_day = events["Chiều: Làm việc tại cơ quan"]
    assert whole_day.decoded("dtstart") == datetime.date(2026, 12, 2)
    assert str(events["Khảo sát"]["status"]) == "CANCELLED"
    assert cal.walk("VTIMEZONE")


def test_an_empty_week_is_an_empty_calendar(client):
    response = client.get(reverse("schedule:ics"), {"tuan": "2026-W01"})
    cal = icalendar.Calendar.from_ical(response.content)
    assert cal.walk("VEVENT") == []
