"""Revisions approved for later (the live version stays until then, then changes on time) and
multi-step approval (ordered groups per kind and category; published after the last; sent back
at any step)."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from core import tasks
from core.models import Action, ApprovalStep, AuditEntry
from core.publishing import Status
from events.models import Event
from events.tests.factories import EventFactory
from news.models import Post
from news.tests.factories import CategoryFactory, PostFactory
from news.tests.test_admin import change_url, login

pytestmark = pytest.mark.django_db
HOME = "/quan-tri/"


def live_post(**fields):
    return PostFactory(
        title="Bài đang công khai",
        status=Status.PUBLISHED,
        publish_at=timezone.now() - datetime.timedelta(days=1),
        **fields,
    )


# -- scheduled revisions -----------------------------------------------------------------------


def test_a_revision_approved_for_later_leaves_the_live_version_until_its_time(
    client, editor, publisher
):
    live = live_post()
    revision = live.start_revision(editor)
    revision.title = "Bài đã sửa"
    revision.save()
    revision.submit(editor)
    at = timezone.now() + datetime.timedelta(hours=2)
    revision.schedule_revision(publisher, at)
    assert client.get(live.get_absolute_url()).status_code == 200
    assert "Bài đang công khai" in client.get(live.get_absolute_url()).content.decode()
    # An editor can no longer change the approved revision.
    revision.refresh_from_db()
    assert not revision.can_edit(editor) and revision.state_label.endswith("hẹn giờ áp dụng")
    # Before its time nothing happens; at its time the live item takes its content.
    assert tasks.apply_due_revisions(now=at - datetime.timedelta(minutes=1)) == []
    assert [p.pk for p in tasks.apply_due_revisions(now=at + datetime.timedelta(seconds=1))] == [
        live.pk
    ]
    live.refresh_from_db()
    assert live.title == "Bài đã sửa" and live.status == Status.PUBLISHED
    assert not Post.objects.filter(pk=revision.pk).exists()
    assert "Bài đã sửa" in client.get(live.get_absolute_url()).content.decode()
    assert AuditEntry.objects.filter(action=Action.REVISION_SCHEDULED, actor=publisher).exists()
    assert AuditEntry.objects.filter(action=Action.APPROVED, object_id=str(live.pk)).exists()


def test_the_task_is_queued_for_the_time_and_skips_a_cancelled_schedule(
    settings, editor, publisher
):
    live = live_post()
    revision = live.start_revision(editor)
    at = timezone.now() + datetime.timedelta(hours=1)
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from django_tasks import task_backends

    task_backends._settings = None
    try:
        revision.schedule_revision(publisher, at)
        [queued] = task_backends["default"].results
        assert queued.task.run_after == at
        revision.cancel_revision_schedule(publisher)
        # The queued run finds no schedule any more: nothing applied.
        assert tasks.apply_scheduled_revision.call(*queued.args) is None
        assert Post.objects.filter(pk=revision.pk).exists()
    finally:
        task_backends._settings = None


def test_scheduling_refuses_editors_past_times_and_non_revisions(editor, publisher):
    live = live_post()
    revision = live.start_revision(editor)
    with pytest.raises(PermissionDenied):
        revision.schedule_revision(editor, timezone.now() + datetime.timedelta(hours=1))
    with pytest.raises(ValidationError):
        revision.schedule_revision(publisher, timezone.now() - datetime.timedelta(hours=1))
    with pytest.raises(ValidationError):
        live.schedule_revision(publisher, timezone.now() + datetime.timedelta(hours=1))


def test_the_admin_schedules_a_revision_with_a_bad_time_refused_in_vietnamese(
    client, editor, publisher
):
    live = live_post()
    revision = live.start_revision(editor)
    login(client, publisher)
    page = client.get(change_url(revision)).content.decode()
    assert "Duyệt và hẹn giờ áp dụng" in page
    bad = client.post(
        change_url(revision),
        {"_workflow_schedule_revision": "1", "workflow_go_live_at": "31/02/abc"},
        follow=True,
    )
    assert bad.status_code == 200 and "Hãy chọn ngày giờ áp dụng" in bad.content.decode()
    when = (timezone.localtime() + datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        change_url(revision),
        {"_workflow_schedule_revision": "1", "workflow_go_live_at": when},
        follow=True,
    )
    assert "sẽ tự động thay thế" in response.content.decode()
    revision.refresh_from_db()
    assert revision.go_live_at is not None
    desk = client.get(HOME).content.decode()
    start = desk.index('id="desk-scheduled"')
    assert "Bài đang công khai" in desk[start:] and "hẹn giờ áp dụng" in desk[start:]


# -- multi-step approval ------------------------------------------------------------------------


@pytest.fixture
def two_steps(django_user_model):
    """Posts of the category "Dân vận khéo": the department head, then the board's leader."""
    category = CategoryFactory(name="Dân vận khéo")
    heads, leaders = (
        Group.objects.create(name="Trưởng phòng"),
        Group.objects.create(name="Lãnh đạo Ban"),
    )
    kind = ContentType.objects.get_for_model(Post)
    ApprovalStep.objects.create(content_type=kind, category_id=category.pk, position=1, group=heads)
    ApprovalStep.objects.create(
        content_type=kind, category_id=category.pk, position=2, group=leaders
    )
    head = django_user_model.objects.create_user("truongphong", password="x", is_staff=True)
    head.groups.add(heads)
    leader = django_user_model.objects.create_user("lanhdao", password="x", is_staff=True)
    leader.groups.add(leaders)
    return category, head, leader


def submitted_post(editor, category):
    post = PostFactory(status=Status.DRAFT, publish_at=None, created_by=editor, category=category)
    post.submit(editor)
    return post


def test_the_item_goes_through_each_step_in_order_and_is_published_after_the_last(
    editor, publisher, two_steps
):
    category, head, leader = two_steps
    post = submitted_post(editor, category)
    with pytest.raises(ValidationError):
        post.publish(publisher)  # not directly, not even by a publisher
    with pytest.raises(PermissionDenied):
        post.approve_step(leader)  # not before the first step
    assert post.approve_step(head, "Đồng ý.") is None
    post.refresh_from_db()
    assert post.status == Status.REVIEW and post.approval_step == 1
    with pytest.raises(PermissionDenied):
        post.approve_step(head)  # the head's step is done
    assert post.approve_step(leader) == post
    post.refresh_from_db()
    assert post.status == Status.PUBLISHED and post.is_public() and post.approval_step == 0
    steps = AuditEntry.objects.filter(action=Action.STEP_APPROVED).order_by("pk")
    assert [e.changes["Bước"] for e in steps] == ["1/2: Trưởng phòng", "2/2: Lãnh đạo Ban"]


def test_other_categories_and_kinds_keep_the_one_step_workflow(editor, publisher, two_steps):
    post = submitted_post(editor, CategoryFactory(name="Tin tức"))
    post.publish(publisher)
    assert post.status == Status.PUBLISHED
    event = EventFactory(status=Status.DRAFT, publish_at=None, created_by=editor)
    event.submit(editor)
    event.publish(publisher)
    assert Event.objects.get(pk=event.pk).status == Status.PUBLISHED


def test_sent_back_at_any_step_returns_to_the_author_and_starts_again(editor, two_steps):
    category, head, leader = two_steps
    post = submitted_post(editor, category)
    post.approve_step(head)
    post.send_back(leader, comment="Cần thêm số liệu.")
    post.refresh_from_db()
    assert post.status == Status.DRAFT and post.sent_back_comment == "Cần thêm số liệu."
    assert post.approval_step == 0
    post.submit(editor)
    with pytest.raises(PermissionDenied):
        post.approve_step(leader)  # the first step again


def test_each_step_is_on_the_desk_of_its_group_and_approved_from_the_form(
    client, editor, two_steps
):
    category, head, leader = two_steps
    post = submitted_post(editor, category)
    post.title = "Mô hình dân vận khéo ở xã"
    post.save()
    login(client, leader)
    assert "Mô hình dân vận khéo ở xã" not in client.get(HOME).content.decode()
    login(client, head)
    desk = client.get(HOME).content.decode()
    start = desk.index('id="desk-awaiting"')
    assert "Mô hình dân vận khéo ở xã" in desk[start:] and "Bước 1/2: Trưởng phòng" in desk
    form = client.get(change_url(post))
    assert form.status_code == 200 and "Duyệt bước này" in form.content.decode()
    done = client.post(change_url(post), {"_workflow_approve_step": "1"}, follow=True)
    assert "Đã duyệt" in done.content.decode()
    login(client, leader)
    assert "Bước 2/2: Lãnh đạo Ban" in client.get(HOME).content.decode()
    client.post(change_url(post), {"_workflow_approve_step": "1"})
    assert Post.objects.get(pk=post.pk).status == Status.PUBLISHED
    # A crafted approval by someone not in the step's group is refused.
    other = submitted_post(editor, category)
    assert client.post(change_url(other), {"_workflow_approve_step": "1"}).status_code == 403
    assert Post.objects.get(pk=other.pk).approval_step == 0
    assert reverse("admin:core_approvalstep_changelist")
