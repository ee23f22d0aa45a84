"""Staff accounts unused for ACCOUNT_IDLE_DAYS are disabled by the daily task, listed for the
administrator, and re-enabled only by one."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from accounts import idle
from core import tasks
from core.models import Action, AuditEntry

PASSWORD = "mật-khẩu-thử-nghiệm"


def _age(user, days, field="last_login"):
    type(user).objects.filter(pk=user.pk).update(**{field: timezone.now() - timedelta(days=days)})


@pytest.mark.django_db
def test_an_account_unused_for_45_days_is_disabled_and_recorded(editor, publisher, superuser):
    _age(editor, 46)
    _age(publisher, 44)
    _age(superuser, 1)
    assert idle.disable_idle_accounts() == ["bientap"]
    editor.refresh_from_db()
    publisher.refresh_from_db()
    assert not editor.is_active
    assert publisher.is_active
    entry = AuditEntry.objects.get(action=Action.ACCOUNT_DISABLED)
    assert entry.object_id == str(editor.pk)
    assert entry.changes == {"reason": "idle", "days": 45}
    assert entry.actor is None  # the system


@pytest.mark.django_db
def test_never_signed_in_counts_from_creation_and_the_days_are_a_setting(editor, settings):
    settings.ACCOUNT_IDLE_DAYS = 10
    _age(editor, 11, field="date_joined")
    assert idle.disable_idle_accounts() == ["bientap"]


@pytest.mark.django_db
def test_the_last_active_administrator_is_never_disabled(superuser):
    _age(superuser, 400)
    assert idle.disable_idle_accounts() == []
    superuser.refresh_from_db()
    assert superuser.is_active


@pytest.mark.django_db
def test_a_disabled_account_cannot_sign_in(client, editor):
    _age(editor, 46)
    idle.disable_idle_accounts()
    response = client.post(reverse("admin:login"), {"username": "bientap", "password": PASSWORD})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_the_administrator_lists_and_re_enables_them(client, editor, superuser):
    _age(editor, 60)
    idle.disable_idle_accounts()
    client.force_login(superuser)
    page = client.get(reverse("admin:auth_user_changelist"), {"khong_su_dung": "vo-hieu"})
    assert page.status_code == 200
    assert "Đã vô hiệu do không sử dụng" in page.content.decode()
    assert [u.username for u in page.context["cl"].result_list] == ["bientap"]
    response = client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "enable_accounts", "_selected_action": [editor.pk]},
        follow=True,
    )
    assert "Đã kích hoạt lại 1 tài khoản" in response.content.decode()
    editor.refresh_from_db()
    assert editor.is_active
    assert AuditEntry.objects.get(action=Action.ACCOUNT_ENABLED).actor == superuser
    # Re-enabled: a fresh window, not disabled again by the next run, last sign-in unchanged.
    assert idle.disable_idle_accounts() == []
    assert editor.last_login < timezone.now() - timedelta(days=59)


@pytest.mark.django_db
def test_only_an_administrator_re_enables(client, editor, django_user_model):
    _age(editor, 60)
    idle.disable_idle_accounts()
    manager = django_user_model.objects.create_user("truongphong", password=PASSWORD, is_staff=True)
    manager.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_user", "change_user"])
    )
    client.force_login(manager)
    client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "enable_accounts", "_selected_action": [editor.pk]},
    )
    editor.refresh_from_db()
    assert not editor.is_active
    # Nor can they tick "active" on the change form: it is read-only for them.
    form = client.get(reverse("admin:auth_user_change", args=[editor.pk])).context["adminform"]
    assert "is_active" in form.readonly_fields


@pytest.mark.django_db
def test_odd_filter_values_show_the_list(client, superuser):
    client.force_login(superuser)
    for value in ("", "x", "vo-hieu\x00", "sap"):
        response = client.get(reverse("admin:auth_user_changelist"), {"khong_su_dung": value})
        assert response.status_code in (200, 302)


@pytest.mark.django_db
def test_the_daily_run_queues_the_next_one_without_cron(editor, settings):
    # Production's database queue (manage.py db_worker); the settings fixture restores TASKS.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    assert tasks.queue_next(idle.disable_idle_accounts_daily) is not None
    assert tasks.queue_next(idle.disable_idle_accounts_daily) is None  # one waiting run is enough
    waiting = DBTaskResult.objects.filter(
        task_path=idle.disable_idle_accounts_daily.module_path, status="READY"
    )
    waiting.delete()
    _age(editor, 46)
    assert idle.disable_idle_accounts_daily.call() == ["bientap"]
    [next_run] = waiting
    assert next_run.run_after > timezone.now() + timedelta(hours=23)


@pytest.mark.django_db
def test_the_immediate_backend_of_development_queues_nothing():
    assert tasks.queue_next(idle.disable_idle_accounts_daily) is None
    assert not DBTaskResult.objects.exists()
