import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from core.publishing import Status
from news.models import Post, WorkflowNote
from news.tests.factories import PostFactory
from news.topics import trending_topics
from taxonomy.models import Topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(editor):
    return PostFactory(created_by=editor)


# -- workflow: who may do what ---------------------------------------------------------------


def test_editor_submits_but_cannot_publish_unpublish_or_archive(editor, draft):
    draft.submit(editor)
    assert draft.status == Status.REVIEW
    for action in (draft.publish, draft.unpublish, draft.archive):
        with pytest.raises(PermissionDenied):
            action(editor)
    draft.refresh_from_db()
    assert draft.status == Status.REVIEW
    assert not Post.objects.published().exists()


def test_publisher_publishes_and_who_and_when_are_recorded(publisher, draft):
    draft.publish(publisher)
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED
    assert draft.status_changed_by == publisher
    assert abs(draft.status_changed_at - timezone.now()) < datetime.timedelta(seconds=10)
    assert list(Post.objects.published()) == [draft]
    note = draft.workflow_notes.get()
    assert (note.action, note.user) == (WorkflowNote.Action.PUBLISH, publisher)


def test_anonymous_and_inactive_users_cannot_move_posts(publisher, draft):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        draft.submit(AnonymousUser())
    publisher.is_active = False
    with pytest.raises(PermissionDenied):
        draft.publish(publisher)


def test_superuser_can_do_everything(superuser, draft):
    draft.submit(superuser)
    draft.publish(superuser)
    draft.unpublish(superuser)
    draft.archive(superuser)
    assert draft.status == Status.ARCHIVED
    assert [n.action for n in draft.workflow_notes.order_by("id")] == [
        "submit",
        "publish",
        "unpublish",
        "archive",
    ]


def test_editor_may_edit_drafts_but_not_published_posts(editor, publisher, draft):
    assert draft.can_edit(editor)
    draft.publish(publisher)
    assert not draft.can_edit(editor)
    assert draft.can_edit(publisher)


def test_available_actions_follow_state_and_role(editor, publisher, draft):
    assert draft.available_actions(editor) == ["submit"]
    draft.submit(editor)
    assert draft.available_actions(editor) == []
    assert set(draft.available_actions(publisher)) == {"publish", "send_back", "archive"}
    draft.publish(publisher)
    assert set(draft.available_actions(publisher)) == {"unpublish", "archive"}


# -- send back, history, notifications ---------------------------------------------------------


def test_send_back_needs_a_comment_and_keeps_it_in_the_history(
    editor, publisher, draft, django_capture_on_commit_callbacks
):
    draft.submit(editor)
    with pytest.raises(ValidationError):
        draft.send_back(publisher, comment="  ")
    with django_capture_on_commit_callbacks(execute=True):
        draft.send_back(publisher, comment="Bổ sung số liệu 91 điểm cầu.")
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    note = draft.workflow_notes.get(action=WorkflowNote.Action.SEND_BACK)
    assert note.comment == "Bổ sung số liệu 91 điểm cầu."
    assert draft.history.first().history_change_reason == "Trả lại: Bổ sung số liệu 91 điểm cầu."
    assert [m.to for m in mail.outbox] == [[editor.email]]
    assert "Bổ sung số liệu 91 điểm cầu." in mail.outbox[0].body


def test_editor_cannot_send_back(editor, draft):
    draft.submit(editor)
    with pytest.raises(PermissionDenied):
        draft.send_back(editor, comment="tự trả lại")


def test_submission_mails_the_publishers_not_the_editors(
    editor, publisher, superuser, draft, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        draft.submit(editor)
    assert len(mail.outbox) == 1
    assert sorted(mail.outbox[0].to) == sorted([publisher.email, superuser.email])
    assert draft.title in mail.outbox[0].subject
    assert f"/news/post/{draft.pk}/change/" in mail.outbox[0].body


def test_publishing_mails_the_author(editor, publisher, draft, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        draft.publish(publisher)
    assert [m.to for m in mail.outbox] == [[editor.email]]
    assert draft.get_absolute_url() in mail.outbox[0].body


class BrokenMailServer:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("máy chủ thư không trả lời")


def test_a_failing_mail_server_is_logged_and_the_post_is_published_anyway(
    editor, publisher, draft, django_capture_on_commit_callbacks, settings, caplog
):
    settings.EMAIL_BACKEND = f"{__name__}.BrokenMailServer"
    with django_capture_on_commit_callbacks(execute=True):
        draft.publish(publisher)
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED
    failures = [r for r in caplog.records if r.name == "news.notifications"]
    assert len(failures) == 1 and failures[0].levelname == "ERROR"
    assert editor.email in failures[0].getMessage()


def test_no_mail_when_the_change_is_rolled_back(
    editor, publisher, draft, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        draft.submit(editor)
        raise RuntimeError("lỗi giữa chừng")
    assert callbacks == []
    assert mail.outbox == []
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


# -- scheduled publishing -------------------------------------------------------------------


def test_scheduled_post_appears_exactly_at_publish_at(publisher, draft):
    at = timezone.now() + datetime.timedelta(days=1)
    draft.publish(publisher, at=at)
    assert draft.is_scheduled
    tick = datetime.timedelta(microseconds=1)
    assert not Post.objects.published(now=at - tick).exists()
    assert list(Post.objects.published(now=at)) == [draft]
    assert list(Post.objects.published(now=at + tick)) == [draft]
    assert not Post.objects.published().exists()  # it is not yet that moment


# -- content ----------------------------------------------------------------------------------


HOSTILE = (
    '<p onclick="steal()" style="color:red">Xin chào</p>'
    "<script>alert(1)</script>"
    '<a href="javascript:alert(1)">a</a>'
    '<a href="data:text/html;base64,PHNjcmlwdD4=">b</a>'
    '<img src="x" onerror="alert(1)">'
    '<iframe src="https://example.com"></iframe>'
    '<a href="https://dukcqtw.dcs.vn">nguồn</a>'
)


def test_body_is_sanitised_whatever_is_saved():
    post = PostFactory(body=HOSTILE)
    post.refresh_from_db()
    body = post.body.lower()
    for bad in ("<script", "onclick", "onerror", "style=", "javascript:", "data:", "<iframe"):
        assert bad not in body
    assert "Xin chào" in post.body
    assert 'href="https://dukcqtw.dcs.vn"' in post.body


def test_slug_from_vietnamese_title_unique_and_stable_once_published(publisher):
    first = PostFactory(title="Đại hội Đảng bộ tỉnh")
    second = PostFactory(title="Đại hội Đảng bộ tỉnh")
    assert first.slug == "dai-hoi-dang-bo-tinh"
    assert second.slug == "dai-hoi-dang-bo-tinh-2"
    first.publish(publisher)
    first.title = "Đại hội Đảng bộ tỉnh lần thứ XX"
    first.save()
    first.refresh_from_db()
    assert first.slug == "dai-hoi-dang-bo-tinh"


def test_tag_slugs_are_vietnamese_readable():
    post = PostFactory(tags=["Dân vận khéo", "Quy chế dân chủ ở cơ sở", "Đảng ủy Khối"])
    assert sorted(post.tags.values_list("slug", flat=True)) == [
        "dan-van-kheo",
        "dang-uy-khoi",
        "quy-che-dan-chu-o-co-so",
    ]
    assert Topic.objects.get(slug="dan-van-kheo").get_absolute_url() == "/chu-de/dan-van-kheo/"


def test_search_text_is_folded():
    post = PostFactory(title="Dân vận KHÉO ở Hà Nam", body="<p>Tỉnh uỷ chỉ đạo</p>")
    assert "dan van kheo" in post.search_text
    assert "tinh uy" in post.search_text


def test_image_requires_alt_text(draft):
    from news.tests.factories import uploaded_image

    draft.image = uploaded_image()
    draft.image_alt = " "
    with pytest.raises(ValidationError) as error:
        draft.full_clean()
    assert "image_alt" in error.value.message_dict


@pytest.mark.django_db
def test_trending_topics_come_from_the_newest_public_posts_most_used_first():
    now = timezone.now()

    def post(hours_ago, tags, **extra):
        extra.setdefault("status", Status.PUBLISHED)
        return PostFactory(publish_at=now - datetime.timedelta(hours=hours_ago), tags=tags, **extra)

    post(50, ["Chuyện cũ"])  # public but older than the window
    post(3, ["Dân vận khéo"])
    post(2, ["Dân vận khéo", "Quy chế dân chủ"])
    post(1, ["Quy chế dân chủ", "Dân vận khéo"])
    post(0, ["Bản nháp"], status=Status.DRAFT)
    post(-5, ["Hẹn giờ"])  # scheduled: not public yet

    names = [topic.name for topic in trending_topics(limit=10, window=3, now=now)]

    assert names == ["Dân vận khéo", "Quy chế dân chủ"]
    assert [t.name for t in trending_topics(limit=1, window=3, now=now)] == ["Dân vận khéo"]
    wider = [topic.name for topic in trending_topics(limit=10, window=10, now=now)]
    assert wider == ["Dân vận khéo", "Quy chế dân chủ", "Chuyện cũ"]
    assert trending_topics(limit=10, window=10, now=now)[0].get_absolute_url() == (
        "/chu-de/dan-van-kheo/"
    )
