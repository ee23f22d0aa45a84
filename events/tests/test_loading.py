import dataclasses
import datetime

import pytest
from django.utils import timezone

from core.publishing import Status
from events.loading import save_reported_event
from events.models import Event
from events.reports import ReportedEvent
from news.tests.factories import PostFactory

pytestmark = pytest.mark.django_db

REPORTED = ReportedEvent(
    title="Khảo sát xây dựng Nghị quyết về công tác dân vận",
    kind="survey",
    start=datetime.date(2016, 9, 28),
    end=datetime.date(2016, 9, 29),
    start_time=None,
    location="Hà Nội",
    format="in_person",
    connection_points=None,
    organiser="Đảng ủy Khối",
    participants=None,
    themes=("Công tác dân vận trong tình hình mới",),
    speakers=("Nguyễn Thế Trung",),
)


def test_creates_a_published_event_then_is_idempotent():
    report = PostFactory(published=True)
    event, outcome = save_reported_event(REPORTED, post=report)
    assert outcome == "created"
    assert event.status == Status.PUBLISHED and event.is_public()
    assert event.publish_at == report.publish_at
    assert (event.start_date, event.end_date, event.location) == (
        datetime.date(2016, 9, 28),
        datetime.date(2016, 9, 29),
        "Hà Nội",
    )
    assert event.theme_list == ["Công tác dân vận trong tình hình mới"]
    assert event in Event.objects.past()
    again, outcome = save_reported_event(REPORTED, post=report)
    assert (again.pk, outcome) == (event.pk, "unchanged")
    assert Event.objects.count() == 1


def test_an_event_with_no_dated_report_is_a_draft_never_published_at_the_import_time():
    event, _ = save_reported_event(REPORTED)
    assert (event.status, event.publish_at) == (Status.DRAFT, None)
    assert not event.is_public()


def test_a_changed_source_updates_the_event():
    event, _ = save_reported_event(REPORTED)
    changed = dataclasses.replace(REPORTED, location="Hội trường Đảng ủy Khối", participants=80)
    updated, outcome = save_reported_event(changed)
    assert (updated.pk, outcome) == (event.pk, "updated")
    updated.refresh_from_db()
    assert updated.location == "Hội trường Đảng ủy Khối" and updated.participants == 80


def test_editor_changes_survive_a_reimport_of_the_same_source():
    event, _ = save_reported_event(REPORTED)
    Event.objects.filter(pk=event.pk).update(location="Trụ sở Bảo hiểm xã hội Việt Nam")
    _, outcome = save_reported_event(REPORTED)
    event.refresh_from_db()
    assert outcome == "unchanged" and event.location == "Trụ sở Bảo hiểm xã hội Việt Nam"


def test_links_the_reporting_post_once():
    from news.models import Post

    post = Post.objects.create(
        title="Khảo sát tại Hà Nội", status=Status.PUBLISHED, publish_at=timezone.now()
    )
    event, outcome = save_reported_event(REPORTED, post=post)
    assert outcome == "created"
    assert list(event.posts.all()) == [post] and list(post.events.all()) == [event]
    assert event.publish_at == post.publish_at
    _, outcome = save_reported_event(REPORTED, post=post)
    assert outcome == "unchanged" and event.posts.count() == 1
