import pytest
from django.urls import reverse

from core.publishing import Status
from events.models import Event
from events.tests.factories import EventFactory

pytestmark = pytest.mark.django_db

ADD_FORM = {
    "title": "Hội nghị giao ban công tác dân vận",
    "kind": "conference",
    "start_date": "06/01/2022",
    "format": "in_person",
    "description": "<p>Nội dung</p>",
    "posts": "",
    "tags": "",
}


def test_editor_creates_a_draft(client, editor):
    client.force_login(editor)
    response = client.post(reverse("admin:events_event_add"), ADD_FORM)
    assert response.status_code == 302, response.content.decode()[:2000]
    event = Event.objects.get()
    assert event.status == Status.DRAFT and event.created_by == editor
    assert event.end_date == event.start_date


@pytest.mark.parametrize("crafted", [{"status": "published"}, {"publish_at_0": "01/01/2020"}])
def test_an_editors_crafted_status_or_publish_time_is_refused(client, editor, crafted):
    client.force_login(editor)
    response = client.post(reverse("admin:events_event_add"), {**ADD_FORM, **crafted})
    assert response.status_code == 403
    assert not Event.objects.exists()


def test_editor_cannot_publish_with_the_bulk_action(client, editor):
    event = EventFactory(status=Status.DRAFT, publish_at=None)
    client.force_login(editor)
    client.post(
        reverse("admin:events_event_changelist"),
        {"action": "publish_selected", "_selected_action": [event.pk]},
    )
    event.refresh_from_db()
    assert event.status == Status.DRAFT


def test_publisher_publishes_with_the_bulk_action(client, publisher):
    event = EventFactory(status=Status.DRAFT, publish_at=None)
    client.force_login(publisher)
    client.post(
        reverse("admin:events_event_changelist"),
        {"action": "publish_selected", "_selected_action": [event.pk]},
    )
    event.refresh_from_db()
    assert event.status == Status.PUBLISHED and event.is_public()


def test_editor_cannot_change_a_published_event(client, editor):
    event = EventFactory()
    client.force_login(editor)
    response = client.post(
        reverse("admin:events_event_change", args=[event.pk]), {**ADD_FORM, "title": "Đổi"}
    )
    assert response.status_code == 403
    event.refresh_from_db()
    assert event.title != "Đổi"


def test_changelist_search_is_accent_insensitive(client, publisher):
    EventFactory(title="Tập huấn nghiệp vụ dân vận")
    EventFactory(title="Gặp mặt đầu xuân")
    client.force_login(publisher)
    html = client.get(reverse("admin:events_event_changelist"), {"q": "TAP HUAN"}).content.decode()
    assert "Tập huấn nghiệp vụ dân vận" in html and "Gặp mặt đầu xuân" not in html


# -- revision history -------------------------------------------------------------------------


def _history_url(event, version):
    return reverse("admin:events_event_simple_history", args=[event.pk, version.history_id])


def test_history_lists_versions_and_restores_content_but_not_state(client, publisher):
    event = EventFactory(title="Hội nghị giao ban lần đầu")
    first = event.history.earliest()
    event.title = "Hội nghị giao ban đã đổi tên"
    event.save()
    client.force_login(publisher)

    html = client.get(reverse("admin:events_event_history", args=[event.pk])).content.decode()
    assert "Hội nghị giao ban lần đầu" in html and "Hội nghị giao ban đã đổi tên" in html

    restored = {**ADD_FORM, "title": first.title, "slug": event.slug}
    response = client.post(_history_url(event, first), restored)
    assert response.status_code == 302, response.content.decode()[:2000]
    event.refresh_from_db()
    assert event.title == "Hội nghị giao ban lần đầu"
    assert event.status == Status.PUBLISHED and event.is_public()
    assert event.history.count() == 3


def test_an_editor_cannot_restore_a_version_of_a_published_event(client, editor):
    event = EventFactory(title="Hội nghị trực tuyến")
    first = event.history.earliest()
    event.title = "Hội nghị trực tuyến 91 điểm cầu"
    event.save()
    client.force_login(editor)
    response = client.post(_history_url(event, first), {**ADD_FORM, "slug": event.slug})
    assert response.status_code == 403
    event.refresh_from_db()
    assert event.title == "Hội nghị trực tuyến 91 điểm cầu"
