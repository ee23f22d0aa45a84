import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.urls import reverse

from core.publishing import Status
from events.tests.factories import EventFactory

pytestmark = pytest.mark.django_db


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def test_all_day_multi_day_event_has_an_exclusive_date_end(client, settings):
    settings.SITE_INFO = {**settings.SITE_INFO, "base_url": "https://danvan.example.vn"}
    event = EventFactory(
        title="Khảo sát tại Hà Nội",
        start_date=datetime.date(2016, 9, 28),
        end_date=datetime.date(2016, 9, 29),
        location="Hà Nội",
        description="<p>Khảo sát <strong>hai ngày</strong> &amp; làm việc.</p>",
    )
    cal = parse(client.get(reverse("events:ics", args=[event.slug])))
    (vevent,) = cal.walk("VEVENT")
    assert vevent.decoded("dtstart") == datetime.date(2016, 9, 28)
    assert vevent.decoded("dtend") == datetime.date(2016, 9, 30)  # the day after the last day
    assert vevent["dtstart"].params["VALUE"] == "DATE"
    assert str(vevent["uid"]) == f"event-{event.pk}@danvan.example.vn"
    assert str(vevent["summary"]) == "Khảo sát tại Hà Nội"
    assert str(vevent["location"]) == "Hà Nội"
    assert "Khảo sát hai ngày & làm việc." in str(vevent["description"])
    assert "<" not in str(vevent["description"])
    assert str(vevent["url"]) == "http://testserver" + event.get_absolute_url()
    assert vevent.get("dtstamp") is not None
    assert (
        "attachment" in client.get(reverse("events:ics", args=[event.slug]))["Content-Disposition"]
    )


def test_timed_event_is_in_ho_chi_minh_time_with_a_vtimezone(client):
    event = EventFactory(
        start_date=datetime.date(2022, 1, 6),
        start_time=datetime.time(8, 0),
        end_time=datetime.time(11, 30),
    )
    response = client.get(reverse("events:ics", args=[event.slug]))
    cal = parse(response)
    (vevent,) = cal.walk("VEVENT")
    zone = ZoneInfo("Asia/Ho_Chi_Minh")
    assert vevent["dtstart"].params["TZID"] == "Asia/Ho_Chi_Minh"
    assert vevent.decoded("dtstart") == datetime.datetime(2022, 1, 6, 8, 0, tzinfo=zone)
    assert vevent.decoded("dtend") == datetime.datetime(2022, 1, 6, 11, 30, tzinfo=zone)
    assert vevent.decoded("dtstart").astimezone(datetime.UTC).hour == 1
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Asia/Ho_Chi_Minh"]
    assert b"DTSTART;TZID=Asia/Ho_Chi_Minh:20220106T080000" in response.content


def test_uid_is_stable_across_edits(client):
    event = EventFactory(title="Tên cũ")
    first = parse(client.get(reverse("events:ics", args=[event.slug]))).walk("VEVENT")[0]["uid"]
    event.title = "Tên mới"
    event.save()
    second = parse(client.get(reverse("events:ics", args=[event.slug]))).walk("VEVENT")[0]["uid"]
    assert first == second


def test_feed_lists_only_published_events(client):
    shown = EventFactory(title="Công khai")
    EventFactory(title="Bản nháp", status=Status.DRAFT)
    EventFactory(title="Lưu trữ", status=Status.ARCHIVED)
    cal = parse(client.get(reverse("events:feed")))
    assert [str(e["summary"]) for e in cal.walk("VEVENT")] == ["Công khai"]
    assert str(cal.walk("VEVENT")[0]["uid"]).startswith(f"event-{shown.pk}@")
    assert str(cal["version"]) == "2.0" and cal.get("prodid")


@pytest.mark.parametrize("rows", [5, 50])
def test_feed_query_count_is_constant(client, django_assert_num_queries, rows):
    EventFactory.create_batch(rows)
    with django_assert_num_queries(1):
        cal = parse(client.get(reverse("events:feed")))
    assert len(cal.walk("VEVENT")) == rows


def test_unknown_slug_ics_is_404(client):
    assert client.get("/su-kien/khong-ton-tai.ics").status_code == 404
