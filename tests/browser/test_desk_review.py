"""The desk's review side in Chromium: a comment on a selected passage of a draft, the audit log
for the administrator, a step of a multi-step approval on its group's desk, and a revision
approved for later. Screenshots to /work/screens/desk-*.png for the closing note."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from core.publishing import Status
from tests.browser.test_desk import screen
from tests.browser.test_editorial import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def draft(editor):
    from news.tests.factories import PostFactory

    return PostFactory(
        title="Hội nghị dân vận khéo", status=Status.DRAFT, publish_at=None, created_by=editor
    )


def test_a_publisher_comments_on_a_passage_and_the_author_sees_it(page, draft, editor, publisher):
    from core.models import DraftComment

    draft.body = "<p>Đoạn một nói về mô hình.</p><p>Đoạn hai có số liệu 350 hộ thoát nghèo.</p>"
    draft.save()
    draft.submit(editor)
    log_in(page, publisher)
    page.goto(f"/quan-tri/news/post/{draft.pk}/change/")
    passage = page.locator(".ProseMirror p", has_text="350 hộ").first
    passage.select_text()
    page.locator("#desk-comment-quote").click()
    expect(page.locator("#desk-quote-preview")).to_contain_text("350 hộ")
    page.locator("#desk-comment-body").fill("Số liệu này lấy từ báo cáo nào?")
    page.locator("#desk-comment-send").click()
    expect(page.locator("#desk-comment-list")).to_contain_text("Số liệu này lấy từ báo cáo nào?")
    comment = DraftComment.objects.get()
    assert "350 hộ" in comment.quote and comment.author == publisher
    screen(page, "comment")
    log_in(page, editor)
    page.goto(f"/quan-tri/news/post/{draft.pk}/history/")
    expect(page.locator(".desk-history-comments")).to_contain_text("Số liệu này")


def test_the_administrator_reads_and_filters_the_audit_log(
    page, draft, editor, publisher, superuser
):
    draft.submit(editor)
    draft.publish(publisher)
    log_in(page, superuser)
    page.goto("/quan-tri/core/auditentry/")
    expect(page.locator("#result_list")).to_contain_text("Xuất bản")
    expect(page.locator(".object-tools")).to_contain_text("Xuất Excel")
    screen(page, "audit-log")
    page.goto("/quan-tri/core/auditentry/?action__exact=published")
    expect(page.locator("#result_list")).not_to_contain_text("Gửi duyệt")


def test_a_step_on_its_groups_desk_and_a_revision_approved_for_later(
    page, draft, editor, publisher, django_user_model
):
    from django.contrib.auth.models import Group
    from django.contrib.contenttypes.models import ContentType

    from core.models import ApprovalStep
    from news.models import Post

    heads = Group.objects.create(name="Trưởng phòng")
    ApprovalStep.objects.create(
        content_type=ContentType.objects.get_for_model(Post), position=1, group=heads
    )
    head = django_user_model.objects.create_user(
        "truongphong", password="mật-khẩu-thử-nghiệm", is_staff=True
    )
    head.groups.add(heads)
    draft.submit(editor)
    log_in(page, head)
    expect(page.locator("#desk-awaiting")).to_contain_text("Bước 1/1: Trưởng phòng")
    screen(page, "steps-desk")
    page.goto(f"/quan-tri/news/post/{draft.pk}/change/")
    page.locator("input[name=_workflow_approve_step]").click()
    expect(page.locator(".messagelist")).to_contain_text("đã xuất bản")
    assert Post.objects.get(pk=draft.pk).status == Status.PUBLISHED
    # A revision approved for later: the live version stays until its time.
    ApprovalStep.objects.all().delete()
    live = Post.objects.get(pk=draft.pk)
    revision = live.start_revision(editor)
    log_in(page, publisher)
    page.goto(f"/quan-tri/news/post/{revision.pk}/change/")
    when = timezone.localtime() + datetime.timedelta(days=1)
    page.locator("#id_workflow_go_live_at").fill(when.strftime("%Y-%m-%dT%H:%M"))
    page.locator("input[name=_workflow_schedule_revision]").click()
    expect(page.locator(".messagelist")).to_contain_text("sẽ tự động thay thế")
    screen(page, "revision-scheduled")
    assert Post.objects.get(pk=revision.pk).go_live_at is not None
