"""Every content action and every role or unit change goes on record (core.audit); the admin's
"Nhật ký hoạt động" is for administrators, read-only, filters and exports; old entries are
pruned by age, never sooner than a year."""

import datetime
import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from core import audit, tasks
from core.models import Action, AuditEntry
from core.publishing import Status
from news.models import Post
from news.tests.factories import PostFactory
from news.tests.test_admin import add_url, change_url, form_data, login
from taxonomy.units import Unit

pytestmark = pytest.mark.django_db
LOG = "/quan-tri/core/auditentry/"


def entries_on(obj):
    kind = ContentType.objects.get_for_model(obj)
    return AuditEntry.objects.filter(content_type=kind, object_id=str(obj.pk)).order_by("pk")


def actions_on(obj):
    return list(entries_on(obj).values_list("action", flat=True))


def results(response):
    html = response.content.decode()
    start = html.index('id="result_list"')
    return html[start : html.index("</table>", start)]


def test_every_transition_is_on_record_with_who_and_what(editor, publisher):
    post = PostFactory(status=Status.DRAFT, publish_at=None, created_by=editor)
    post.submit(editor)
    post.send_back(publisher, comment="Thiếu nguồn ảnh.")
    post.submit(editor)
    post.withdraw(editor)
    post.publish(publisher, at=timezone.now() + datetime.timedelta(days=1))
    post.unpublish(publisher)
    post.publish(publisher, at=timezone.now())
    post.archive(publisher)
    assert actions_on(post) == [
        "submitted",
        "sent_back",
        "submitted",
        "withdrawn",
        "scheduled",
        "unpublished",
        "published",
        "archived",
    ]
    sent_back = AuditEntry.objects.get(action=Action.SENT_BACK)
    assert sent_back.actor == publisher and sent_back.actor_name == "duyettin"
    assert sent_back.changes["Lý do"] == "Thiếu nguồn ảnh."
    assert sent_back.changes["Trạng thái"] == "Chờ duyệt → Bản nháp"


def test_admin_create_change_delete_record_what_changed_and_the_address(client, editor, publisher):
    login(client, editor)
    client.post(add_url(), form_data(), REMOTE_ADDR="203.0.113.7")
    post = Post.objects.get()
    client.post(change_url(post), form_data(post, title="Hội nghị trực tuyến 92 điểm cầu"))
    created, changed = entries_on(post)
    assert created.action == Action.CREATED and created.address == "203.0.113.7"
    assert changed.action == Action.CHANGED
    assert changed.changes["Tiêu đề"] == (
        "Hội nghị trực tuyến với 91 điểm cầu → Hội nghị trực tuyến 92 điểm cầu"
    )
    client.post(reverse("admin:news_post_delete", args=[post.pk]), {"post": "yes"})
    assert not Post.objects.exists()
    deleted = AuditEntry.objects.get(action=Action.DELETED)
    assert deleted.object_repr == "Hội nghị trực tuyến 92 điểm cầu" and deleted.actor == editor


def test_revisions_approval_is_on_record(editor, publisher):
    live = PostFactory(
        title="Bài đang công khai",
        status=Status.PUBLISHED,
        publish_at=timezone.now() - datetime.timedelta(days=1),
    )
    revision = live.start_revision(editor)
    assert actions_on(revision) == ["created"]
    revision.publish(publisher)
    approved = AuditEntry.objects.get(action=Action.APPROVED)
    assert approved.object_id == str(live.pk) and approved.actor == publisher


def test_role_and_unit_changes_are_on_record(django_user_model, superuser):
    user = django_user_model.objects.create_user("canbo", password="x")
    user.groups.add(Group.objects.get(name="Duyệt tin"))
    user.user_permissions.add(Permission.objects.get(codename="publish_post"))
    user.is_superuser = True
    user.save()
    unit = Unit.objects.create(name="Xã Mộc Bắc", kind=Unit._meta.get_field("kind").choices[0][0])
    unit.editors.add(user)
    user.groups.clear()
    entries = entries_on(user)
    details = [(e.action, e.changes) for e in entries]
    assert (Action.ROLE_CHANGED, {"Nhóm": "thêm: Duyệt tin"}) in details
    assert any(a == Action.ROLE_CHANGED and "Quyền" in c for a, c in details)
    assert (Action.ROLE_CHANGED, {"Quản trị tối cao": "không → có"}) in details
    assert any(a == Action.UNIT_CHANGED and "Xã Mộc Bắc" in c["Đơn vị"] for a, c in details)
    assert (Action.ROLE_CHANGED, {"Nhóm": "bỏ hết: Duyệt tin"}) in details


def test_the_log_is_for_administrators_and_read_only(client, editor, publisher, superuser):
    post = PostFactory()
    post.unpublish(publisher)
    entry = AuditEntry.objects.get(action=Action.UNPUBLISHED)
    for user in (editor, publisher):
        login(client, user)
        assert client.get(LOG).status_code == 403
    login(client, superuser)
    page = client.get(LOG)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Gỡ xuống" in html and "duyettin" in html and "Xuất Excel" in html
    # Crafted POSTs: no change, no add, no delete, no bulk action.
    change = f"{LOG}{entry.pk}/change/"
    assert client.get(change).status_code == 200
    assert client.post(change, {"action": "login", "actor_name": "ai-do"}).status_code == 403
    assert client.post(f"{LOG}add/", {"action": "login"}).status_code == 403
    assert client.post(f"{LOG}{entry.pk}/delete/", {"post": "yes"}).status_code == 403
    crafted = {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"}
    assert client.post(LOG, crafted).status_code == 403
    entry.refresh_from_db()
    assert entry.action == Action.UNPUBLISHED and entry.actor_name == "duyettin"
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_filters_by_user_action_model_and_date(client, editor, publisher, superuser):
    post = PostFactory(status=Status.DRAFT, publish_at=None)
    post.submit(editor)
    post.publish(publisher)
    login(client, superuser)
    html = results(client.get(LOG, {"action__exact": "published"}))
    assert "duyettin" in html and "bientap" not in html
    html = results(client.get(LOG, {"nguoi": str(editor.pk)}))
    assert "Gửi duyệt" in html and "duyettin" not in html
    assert client.get(LOG, {"loai": "999999"}).status_code == 200
    assert client.get(LOG, {"loai": "x'--", "nguoi": "<b>"}).status_code == 200
    today = timezone.localdate()
    response = client.get(
        LOG, {"at__day": today.day, "at__month": today.month, "at__year": today.year}
    )
    assert response.status_code == 200 and "duyettin" in results(response)


def test_export_is_an_xlsx_of_the_filtered_log_with_formulas_disarmed(client, publisher, superuser):
    post = PostFactory(title='=HYPERLINK("http://x")')
    post.unpublish(publisher)
    PostFactory(status=Status.DRAFT, publish_at=None).submit(publisher)
    login(client, superuser)
    response = client.get(reverse("admin:core_auditentry_export"), {"action__exact": "unpublished"})
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[0][:2] == ("Thời điểm", "Hành động")
    assert len(rows) == 2 and rows[1][1] == "Gỡ xuống"
    assert rows[1][7] == '\'=HYPERLINK("http://x")'
    assert AuditEntry.objects.filter(action=Action.EXPORTED, actor=superuser).exists()
    login(client, publisher)
    assert client.get(reverse("admin:core_auditentry_export")).status_code == 403


def test_pruning_removes_only_entries_past_the_retention_never_under_a_year(settings):
    old = audit.record(Action.LOGOUT, username="a")
    recent = audit.record(Action.LOGOUT, username="b")
    AuditEntry.objects.filter(pk=old.pk).update(at=timezone.now() - datetime.timedelta(days=401))
    AuditEntry.objects.filter(pk=recent.pk).update(at=timezone.now() - datetime.timedelta(days=399))
    assert tasks.prune_audit_log.enqueue().return_value == 1
    assert list(AuditEntry.objects.values_list("actor_name", flat=True)) == ["b"]
    settings.AUDIT_RETENTION_DAYS = 30  # never under a year
    recent = audit.record(Action.LOGOUT, username="c")
    AuditEntry.objects.filter(pk=recent.pk).update(at=timezone.now() - datetime.timedelta(days=200))
    assert audit.prune() == 1 and audit.retention_days() == 365
    assert list(AuditEntry.objects.values_list("actor_name", flat=True)) == ["c"]


def test_pruning_schedules_its_next_run_on_a_backend_that_can_wait(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from django_tasks import task_backends

    task_backends._settings = None  # re-read TASKS
    try:
        backend = task_backends["default"]
        result = tasks.prune_audit_log.call()
        assert result == 0
        queued = backend.results
        assert len(queued) == 1 and queued[0].task.run_after > timezone.now() + datetime.timedelta(
            hours=23
        )
    finally:
        task_backends._settings = None


def _log_rows(publisher, n, start=0):
    from core.models import ApprovalStep

    kind = ContentType.objects.get_for_model(Post)
    for i in range(start, start + n):
        PostFactory(status=Status.DRAFT, publish_at=None).submit(publisher)
        audit.record(Action.LOGIN_FAILED, username="ai-do", outcome=audit.Outcome.FAILED)
        group = Group.objects.create(name=f"Nhóm duyệt {i}")
        ApprovalStep.objects.create(content_type=kind, position=i + 1, group=group)


def test_the_log_list_and_the_approval_steps_list_keep_their_queries_as_rows_grow(
    client, publisher, superuser
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    login(client, superuser)

    def count(url):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    _log_rows(publisher, 2)
    count(LOG)  # the first request fills Django's content-type cache
    few = count(LOG), count(reverse("admin:core_approvalstep_changelist"))
    _log_rows(publisher, 12, start=2)
    assert (count(LOG), count(reverse("admin:core_approvalstep_changelist"))) == few


def test_after_migrate_the_pruning_chain_starts_once_on_the_database_queue(settings):
    from django.apps import apps
    from django_tasks import task_backends

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    task_backends._settings = None
    try:
        tasks.schedule()
        tasks.schedule()  # a second migrate: the waiting run is enough
        results = apps.get_model("django_tasks_database", "DBTaskResult").objects
        [waiting] = results.filter(task_path="core.tasks.prune_audit_log")
        assert waiting.run_after > timezone.now()
    finally:
        task_backends._settings = None
