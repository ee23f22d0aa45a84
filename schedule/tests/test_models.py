import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from core.publishing import Status
from schedule.models import Session, WorkItem, WorkWeek
from schedule.tests.factories import WorkItemFactory, WorkWeekFactory
from schedule.weeks import Week

pytestmark = pytest.mark.django_db


def draft_week(**kwargs):
    return WorkWeekFactory(status=Status.DRAFT, publish_at=None, **kwargs)


def test_rows_of_a_draft_are_never_adjustments():
    week = draft_week()
    row = WorkItemFactory(week=week)
    row.content = "Nội dung khác"
    row.save()
    assert not row.adjusted


def test_a_row_added_or_changed_after_publication_is_marked_adjusted(publisher):
    week = draft_week()
    kept = WorkItemFactory(week=week, content="Họp giao ban")
    changed = WorkItemFactory(week=week, content="Làm việc với Hội Nông dân")
    week.publish(publisher)
    week.refresh_from_db()
    assert week.approved_by == publisher and week.has_been_public()

    changed.location = "Hội trường Tỉnh ủy"
    changed.save()
    added = WorkItemFactory(week=week, weekday=3, content="Dự hội nghị trực tuyến")
    kept.save()  # saved without a change: not an adjustment
    assert changed.adjusted and changed.adjusted_at is not None
    assert added.adjusted
    assert not WorkItem.objects.get(pk=kept.pk).adjusted


def test_the_adjustment_stays_after_unpublishing_and_publishing_again(publisher):
    week = draft_week()
    row = WorkItemFactory(week=week)
    week.publish(publisher)
    week.unpublish(publisher)
    row.content = "Hoãn sang tuần sau"
    row.save()
    assert row.adjusted


def test_a_week_scheduled_and_taken_back_before_its_time_was_never_public(publisher):
    week = draft_week()
    week.publish(publisher, at=timezone.now() + datetime.timedelta(days=2))
    assert not week.has_been_public()
    week.unpublish(publisher)
    assert week.public_since is None
    row = WorkItemFactory(week=week)
    assert not row.adjusted


def test_an_editor_cannot_approve_a_week(editor):
    week = draft_week()
    with pytest.raises(PermissionDenied):
        week.publish(editor)


def test_a_week_cannot_be_revised_as_a_copy(publisher):
    week = WorkWeekFactory()
    assert not week.can_revise(publisher)


def test_copy_rows_from_the_previous_week_keeps_weekdays_and_skips_postponed():
    this = Week.current()
    last = WorkWeekFactory(iso_week=this.previous, title="Lịch của Thường trực Ban")
    WorkItemFactory(week=last, weekday=2, session=Session.AFTERNOON, content="Tiếp dân định kỳ")
    WorkItemFactory(week=last, weekday=5, content="Hoãn", postponed=True)
    week = draft_week(iso_week=this, title="Lịch của Thường trực Ban")
    assert week.previous_week_source() == last
    assert week.copy_rows_from(last) == 1
    row = week.rows.get()
    assert (row.weekday, row.session, row.content) == (2, Session.AFTERNOON, "Tiếp dân định kỳ")
    assert row.date == this.day(2)
    assert not row.adjusted
    assert " tiep dan dinh ky" in WorkWeek.objects.get(pk=week.pk).search_text


def test_text_is_stored_in_nfc():
    row = WorkItemFactory(content="Dân vận khéo".encode().decode().replace("â", "a\u0302"))
    row.refresh_from_db()
    assert row.content == "Dân vận khéo"


def test_clean_refuses_a_week_the_year_does_not_have():
    week = WorkWeek(year=2025, week=53, title="Lịch")
    with pytest.raises(ValidationError) as error:
        week.full_clean()
    assert "week" in error.value.message_dict


def test_url_names_the_week():
    week = WorkWeekFactory(iso_week=Week(2026, 49))
    assert week.get_absolute_url() == "/lich-cong-tac/?tuan=2026-W49"
    assert str(week).endswith("tuần 49/2026")


def test_one_schedule_of_a_name_per_week_and_unit():
    from django.db import IntegrityError, transaction

    from taxonomy.units import Unit

    WorkWeekFactory(iso_week=Week(2026, 10), title="Lịch Thường trực")
    with pytest.raises(ValidationError) as error:
        WorkWeek(year=2026, week=10, title="Lịch Thường trực").full_clean()
    assert "Tuần này đã có lịch cùng tên." in str(error.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        WorkWeekFactory(iso_week=Week(2026, 10), title="Lịch Thường trực")
    commune = Unit.objects.create(kind="xã", name="Mộc Bắc")
    WorkWeekFactory(iso_week=Week(2026, 10), title="Lịch Thường trực", unit=commune)
    with pytest.raises(IntegrityError), transaction.atomic():
        WorkWeekFactory(iso_week=Week(2026, 10), title="Lịch Thường trực", unit=commune)
