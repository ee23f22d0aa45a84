import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from core.publishing import Status
from events.models import Event
from events.tests.factories import EventFactory

pytestmark = pytest.mark.django_db

# 10:00 on 15 May 2024 in Hà Nội.
NOW = timezone.make_aware(datetime.datetime(2024, 5, 15, 10, 0))
TODAY = datetime.date(2024, 5, 15)


def make(**kwargs):
    kwargs.setdefault("publish_at", NOW - datetime.timedelta(days=30))
    return EventFactory(**kwargs)


def day(offset):
    return TODAY + datetime.timedelta(days=offset)


def test_upcoming_and_past_at_the_boundary_of_today():
    yesterday = make(title="Hôm qua", start_date=day(-1))
    today_all_day = make(title="Cả ngày hôm nay", start_date=TODAY)
    ended_this_morning = make(
        title="Sáng nay", start_date=TODAY, start_time=datetime.time(7), end_time=datetime.time(9)
    )
    running = make(
        title="Đang diễn ra",
        start_date=TODAY,
        start_time=datetime.time(8),
        end_time=datetime.time(11),
    )
    started_yesterday = make(title="Hai ngày", start_date=day(-1), end_date=TODAY)
    tomorrow = make(title="Ngày mai", start_date=day(1))

    upcoming = list(Event.objects.upcoming(now=NOW))
    past = list(Event.objects.past(now=NOW))
    assert upcoming == [started_yesterday, today_all_day, running, tomorrow]
    assert past == [ended_this_morning, yesterday]
    # A minute after the end time, the running event is past.
    later = NOW + datetime.timedelta(hours=1, minutes=1)
    assert running in Event.objects.past(now=later)
    assert running.has_ended(now=later) and not running.has_ended(now=NOW)


def test_upcoming_and_past_only_show_published_events():
    make(title="Nháp", start_date=day(3), status=Status.DRAFT)
    make(title="Hẹn giờ", start_date=day(3), publish_at=NOW + datetime.timedelta(hours=1))
    make(title="Nháp cũ", start_date=day(-3), status=Status.DRAFT)
    shown = make(title="Công khai", start_date=day(3), publish_at=NOW)
    assert list(Event.objects.upcoming(now=NOW)) == [shown]
    assert list(Event.objects.past(now=NOW)) == []


def test_overlapping_finds_events_across_the_range_edges():
    inside = EventFactory(start_date=day(0))
    spanning = EventFactory(start_date=day(-10), end_date=day(10))
    EventFactory(start_date=day(-5), end_date=day(-2))
    assert set(Event.objects.overlapping(day(-1), day(1))) == {inside, spanning}


def test_end_date_defaults_to_the_start_date():
    event = EventFactory(start_date=TODAY, end_date=None)
    assert event.end_date == TODAY
    assert event.all_day and not event.is_multi_day
    assert list(event.days()) == [TODAY]


def test_database_refuses_an_end_before_the_start():
    with pytest.raises(IntegrityError):
        EventFactory(start_date=TODAY, end_date=day(-1))


def test_database_refuses_an_end_time_before_the_start_time_on_one_day():
    with pytest.raises(IntegrityError):
        EventFactory(start_date=TODAY, start_time=datetime.time(14), end_time=datetime.time(8))


def test_clean_says_it_in_vietnamese():
    event = EventFactory.build(start_date=TODAY, end_date=day(-1))
    with pytest.raises(ValidationError) as excinfo:
        event.clean()
    assert excinfo.value.message_dict["end_date"] == [
        "Ngày kết thúc không được trước ngày bắt đầu."
    ]
    event = EventFactory.build(
        start_date=TODAY, end_date=TODAY, start_time=datetime.time(14), end_time=datetime.time(8)
    )
    with pytest.raises(ValidationError) as excinfo:
        event.clean()
    assert "Giờ kết thúc" in excinfo.value.message_dict["end_time"][0]


def test_multi_day_timed_event_with_end_time_before_start_time_is_fine():
    event = EventFactory(
        start_date=TODAY, end_date=day(1), start_time=datetime.time(14), end_time=datetime.time(11)
    )
    event.full_clean()
    assert event.is_multi_day and list(event.days()) == [TODAY, day(1)]


def test_slug_is_vietnamese_readable_and_never_shadows_the_calendar():
    assert EventFactory(title="Hội nghị Đảng ủy Khối").slug == "hoi-nghi-dang-uy-khoi"
    assert EventFactory(title="Lịch").slug != "lich"


def test_search_fields_are_folded_and_include_topics():
    event = EventFactory(
        title="Tập huấn", themes="Quy chế dân chủ ở cơ sở", speakers="Nguyễn Thế Trung"
    )
    assert "quy che dan chu" in event.search_text
    assert "nguyen the trung" in event.search_text
    assert "tap huan" in event.search_title


def test_description_is_sanitised():
    event = EventFactory(description='<p onclick="x()">Nội dung</p><script>alert(1)</script>')
    assert event.description == "<p>Nội dung</p>"


def test_lists_stored_one_per_line():
    event = EventFactory.build(speakers="TS Nguyễn Minh Thơ\n\n Vũ Hà ", themes="A\nB")
    assert event.speaker_list == ["TS Nguyễn Minh Thơ", "Vũ Hà"]
    assert event.theme_list == ["A", "B"]


def test_publishing_needs_the_publish_permission(editor, publisher):
    from django.core.exceptions import PermissionDenied

    event = EventFactory(status=Status.DRAFT, publish_at=None)
    with pytest.raises(PermissionDenied):
        event.publish(editor)
    event.publish(publisher)
    event.refresh_from_db()
    assert event.is_public()
