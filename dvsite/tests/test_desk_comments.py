"""Comments on drafts: on the item and on a passage, replies, "đã giải quyết", kept through
saves and revisions, e-mailed to the author, on the history page, never public."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from core import comments
from core.models import Action, AuditEntry, DraftComment
from core.publishing import Status
from news.models import Post
from news.tests.factories import PostFactory
from news.tests.test_admin import change_url, login

pytestmark = pytest.mark.django_db


def endpoint(post):
    return reverse("admin:news_post_desk_comments", args=[post.pk])


@pytest.fixture
def draft(editor):
    return PostFactory(
        title="Hội nghị dân vận khéo",
        body="<p>Đoạn một nói về mô hình.</p><p>Đoạn hai có số liệu 350 hộ.</p>",
        status=Status.DRAFT,
        publish_at=None,
        created_by=editor,
    )


def test_a_publisher_comments_on_a_passage_the_author_replies_and_resolves(
    client, draft, editor, publisher, django_capture_on_commit_callbacks
):
    login(client, publisher)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            endpoint(draft),
            {"action": "add", "body": "Nguồn của số liệu?", "quote": "350 hộ"},
        )
    assert response.status_code == 200
    [thread] = response.json()["comments"]
    assert thread["quote"] == "350 hộ" and thread["author"] == "duyettin"
    [message] = mail.outbox
    assert message.to == ["bientap@example.org"] and "350 hộ" in message.body
    login(client, editor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            endpoint(draft), {"action": "add", "body": "Theo báo cáo xã.", "parent": thread["id"]}
        )
    assert mail.outbox[-1].to == ["duyettin@example.org"]  # the reply goes to the commenter
    data = client.post(endpoint(draft), {"action": "resolve", "comment": thread["id"]}).json()
    [thread] = data["comments"]
    assert thread["resolved"] and thread["replies"][0]["body"] == "Theo báo cáo xã."
    assert AuditEntry.objects.filter(action=Action.COMMENTED).count() == 3


def test_comments_show_in_the_form_and_the_history_and_never_in_public(client, draft, editor):
    comments.add(draft, editor, "Cần ảnh minh họa.", quote="Đoạn một")
    draft.title = "Hội nghị dân vận khéo 2024"
    draft.save()  # kept through saves
    login(client, editor)
    form = client.get(change_url(draft)).content.decode()
    assert "Góp ý trên bản nháp" in form and "Cần ảnh minh họa." in form
    history = client.get(reverse("admin:news_post_history", args=[draft.pk])).content.decode()
    assert "Cần ảnh minh họa." in history
    draft.publish_at = timezone.now() - datetime.timedelta(hours=1)
    draft.status = Status.PUBLISHED
    draft.save()
    client.logout()
    page = client.get(draft.get_absolute_url())
    assert page.status_code == 200 and "Cần ảnh minh họa." not in page.content.decode()


def test_a_revisions_comments_move_to_the_live_item(editor, publisher):
    live = PostFactory(
        status=Status.PUBLISHED, publish_at=timezone.now() - datetime.timedelta(days=1)
    )
    revision = live.start_revision(editor)
    comments.add(revision, publisher, "Sửa lại tiêu đề.")
    revision.publish(publisher)
    assert [c.body for c in comments.thread(live)] == ["Sửa lại tiêu đề."]


def test_bad_input_and_who_may_comment(client, draft, editor, django_user_model):
    login(client, editor)
    assert client.get(endpoint(draft)).status_code == 405
    assert client.post(endpoint(draft), {"action": "add", "body": "  "}).status_code == 400
    assert client.post(endpoint(draft), {"action": "add", "body": "x" * 5001}).status_code == 400
    assert (
        client.post(endpoint(draft), {"action": "add", "body": "a", "parent": "99x"}).status_code
        == 400
    )
    assert client.post(endpoint(draft), {"action": "resolve", "comment": "abc"}).status_code == 400
    assert client.post(endpoint(draft), {"action": "zzz"}).status_code == 400
    missing = reverse("admin:news_post_desk_comments", args=[999999])
    assert client.post(missing, {"action": "list"}).status_code == 404
    stranger = django_user_model.objects.create_user("khach", password="x", is_staff=True)
    login(client, stranger)
    assert client.post(endpoint(draft), {"action": "add", "body": "xin chào"}).status_code == 403
    assert not DraftComment.objects.exists()
    assert Post.objects.get(pk=draft.pk).status == Status.DRAFT
