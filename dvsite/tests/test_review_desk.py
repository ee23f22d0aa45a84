"""The review desk on the admin home, for publishers and editors, over posts, events and
documents; its queries and the admin changelists' stay constant as rows grow."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.publishing import Status
from docs_registry.tests.factories import DocumentFactory
from events.tests.factories import EventFactory
from news.tests.factories import PostFactory

pytestmark = pytest.mark.django_db
HOME = "/quan-tri/"


def submitted(factory, user, days_ago, **fields):
    item = factory(status=Status.DRAFT, publish_at=None, created_by=user, **fields)
    item.submit(user)
    type(item).objects.filter(pk=item.pk).update(
        status_changed_at=timezone.now() - datetime.timedelta(days=days_ago)
    )
    return item


def section(html, table_id):
    start = html.index(f'id="{table_id}"')
    return html[start : html.index("</table>", start)]


def test_the_publisher_sees_what_awaits_review_oldest_first(client, editor, publisher):
    submitted(PostFactory, editor, 1, title="Bài gửi hôm qua")
    submitted(DocumentFactory, editor, 3, title="Quy chế gửi ba ngày trước")
    submitted(EventFactory, editor, 2, title="Hội nghị gửi hai ngày trước")
    PostFactory(title="Bản nháp chưa gửi", created_by=editor)
    client.force_login(publisher)
    desk = section(client.get(HOME).content.decode(), "desk-awaiting")
    assert "Chờ tôi duyệt" in desk and "(3)" in desk
    order = [desk.index(t) for t in ("ba ngày trước", "hai ngày trước", "Bài gửi hôm qua")]
    assert order == sorted(order)
    assert "bientap" in desk  # who submitted
    when = timezone.localtime(timezone.now() - datetime.timedelta(days=1))
    assert when.strftime("%d/%m/%Y") in desk
    assert "Bản nháp chưa gửi" not in desk


def test_the_editor_sees_drafts_what_was_sent_back_with_why_and_what_is_scheduled(
    client, editor, publisher
):
    PostFactory(title="Bản nháp của tôi", created_by=editor)
    back = submitted(PostFactory, editor, 1, title="Bài bị trả lại")
    back.send_back(publisher, comment="Thiếu nguồn ảnh.")
    submitted(EventFactory, editor, 1, title="Sự kiện đang chờ")
    PostFactory(
        title="Bài hẹn giờ",
        status=Status.PUBLISHED,
        publish_at=timezone.now() + datetime.timedelta(days=2),
    )
    PostFactory(title="Bản nháp của người khác")
    client.force_login(editor)
    html = client.get(HOME).content.decode()
    assert 'id="desk-awaiting"' not in html  # editors review nothing
    assert "Bản nháp của tôi" in section(html, "desk-drafts")
    assert "Bản nháp của người khác" not in html
    sent_back = section(html, "desk-sent-back")
    assert "Bài bị trả lại" in sent_back and "Thiếu nguồn ảnh." in sent_back
    assert "Trả lại" in sent_back
    assert "Sự kiện đang chờ" in section(html, "desk-submitted")
    assert "Bài hẹn giờ" in section(html, "desk-scheduled")


def test_resubmitting_ends_the_sent_back_state(client, editor, publisher):
    back = submitted(PostFactory, editor, 1, title="Bài bị trả lại")
    back.send_back(publisher, comment="Sửa tít.")
    back.submit(editor)
    client.force_login(editor)
    html = client.get(HOME).content.decode()
    assert 'id="desk-sent-back"' not in html
    assert "Bài bị trả lại" in section(html, "desk-submitted")


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _add_rows(editor, n):
    for i in range(n):
        submitted(PostFactory, editor, i, tags=["Dân vận khéo"])
        submitted(EventFactory, editor, i)
        submitted(DocumentFactory, editor, i)
        PostFactory(created_by=editor, tags=["Chuyển đổi số"])


@pytest.mark.parametrize(
    "url",
    [
        HOME,
        reverse("admin:news_post_changelist"),
        reverse("admin:events_event_changelist"),
        reverse("admin:docs_registry_document_changelist"),
    ],
)
@pytest.mark.parametrize("who", ["editor", "publisher"])
def test_desk_and_changelist_queries_do_not_grow_with_rows(client, editor, publisher, url, who):
    client.force_login(editor if who == "editor" else publisher)
    _add_rows(editor, 2)
    few = _queries(client, url)
    if url == HOME:
        # 11 (one more with the "Dân vận khéo" models on the desk), and one read of the
        # user's units (their scope) per request.
        assert few <= 12
    _add_rows(editor, 8)
    assert _queries(client, url) == few
