import pytest
from django.urls import reverse

from core.publishing import Status
from schedule.models import WorkItem, WorkWeek
from schedule.tests.factories import WorkItemFactory, WorkWeekFactory
from schedule.weeks import Week

pytestmark = pytest.mark.django_db
ADD_URL = reverse("admin:schedule_workweek_add")
CHANGELIST = reverse("admin:schedule_workweek_changelist")


def inline_management(total=1, initial=0):
    return {
        "rows-TOTAL_FORMS": str(total),
        "rows-INITIAL_FORMS": str(initial),
        "rows-MIN_NUM_FORMS": "0",
        "rows-MAX_NUM_FORMS": "1000",
    }


def test_an_editor_writes_a_week_with_its_rows(client, editor):
    client.force_login(editor)
    page = client.get(ADD_URL)
    assert page.status_code == 200
    assert "Đơn vị chuẩn bị" in page.content.decode()
    data = {
        "year": "2026",
        "week": "50",
        "title": "Lịch công tác của Thường trực Ban",
        "note": "",
        **inline_management(),
        "rows-0-weekday": "2",
        "rows-0-session": "1",
        "rows-0-time": "08:00",
        "rows-0-content": "Giao ban Thường trực Ban",
        "rows-0-chair": "Đồng chí Trưởng ban",
        "rows-0-participants": "",
        "rows-0-location": "Phòng họp",
        "rows-0-unit_in_charge": "Văn phòng",
    }
    response = client.post(ADD_URL, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    week = WorkWeek.objects.get()
    assert week.status == Status.DRAFT and week.created_by == editor
    assert week.rows.get().content == "Giao ban Thường trực Ban"
    assert " giao ban" in week.search_text


def test_a_week_the_year_does_not_have_is_refused_in_vietnamese(client, editor):
    client.force_login(editor)
    response = client.post(
        ADD_URL, {"year": "2025", "week": "53", "title": "Lịch", **inline_management(0)}
    )
    assert response.status_code == 200
    assert "Năm 2025 không có tuần 53." in response.content.decode()
    assert not WorkWeek.objects.exists()


def test_copy_last_weeks_rows_into_a_new_draft(client, editor):
    this = Week.current()
    last = WorkWeekFactory(iso_week=this.previous, title="Lịch Thường trực")
    WorkItemFactory.create_batch(3, week=last)
    week = WorkWeekFactory(
        iso_week=this, title="Lịch Thường trực", status=Status.DRAFT, publish_at=None
    )
    client.force_login(editor)
    response = client.post(
        CHANGELIST, {"action": "copy_previous_week", "_selected_action": [week.pk]}, follow=True
    )
    assert "Đã chép 3 dòng" in response.content.decode()
    assert week.rows.count() == 3
    # A second time would duplicate them: refused.
    response = client.post(
        CHANGELIST, {"action": "copy_previous_week", "_selected_action": [week.pk]}, follow=True
    )
    assert "đã có các dòng lịch" in response.content.decode()
    assert week.rows.count() == 3


def test_an_editor_cannot_publish_nor_change_a_published_week(client, editor):
    week = WorkWeekFactory(status=Status.REVIEW, publish_at=None)
    client.force_login(editor)
    client.post(CHANGELIST, {"action": "publish_selected", "_selected_action": [week.pk]})
    week.refresh_from_db()
    assert week.status == Status.REVIEW
    published = WorkWeekFactory()
    url = reverse("admin:schedule_workweek_change", args=[published.pk])
    response = client.post(url, {"year": published.year, "week": published.week, "title": "Đổi"})
    assert response.status_code == 403
    assert WorkWeek.objects.get(pk=published.pk).title != "Đổi"


def test_a_publisher_approves_and_rows_cannot_be_deleted_once_public(client, publisher):
    week = WorkWeekFactory(status=Status.REVIEW, publish_at=None, public_since=None)
    row = WorkItemFactory(week=week)
    client.force_login(publisher)
    client.post(CHANGELIST, {"action": "publish_selected", "_selected_action": [week.pk]})
    week.refresh_from_db()
    assert week.status == Status.PUBLISHED and week.approved_by == publisher
    url = reverse("admin:schedule_workweek_change", args=[week.pk])
    html = client.get(url).content.decode()
    assert 'name="rows-0-DELETE"' not in html
    data = {
        "year": week.year,
        "week": week.week,
        "title": week.title,
        "note": "",
        **inline_management(1, 1),
        "rows-0-id": row.pk,
        "rows-0-week": week.pk,
        "rows-0-weekday": row.weekday,
        "rows-0-session": row.session,
        "rows-0-time": "09:00",
        "rows-0-content": row.content,
        "rows-0-chair": row.chair,
        "rows-0-participants": row.participants,
        "rows-0-location": row.location,
        "rows-0-unit_in_charge": row.unit_in_charge,
        "rows-0-DELETE": "on",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    row = WorkItem.objects.get(pk=row.pk)  # not deleted
    assert row.adjusted and row.time.hour == 9
