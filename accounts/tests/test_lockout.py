"""The two sign-in locks (address, account), the owner's e-mail, the administrator's unlock, and
failures kept after the counters reset."""

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.contrib.auth.models import Permission, User
from django.core import mail
from django.http import HttpResponseForbidden
from django.test import RequestFactory
from django.urls import reverse

from accounts.security_log import RefusedAdminRequestMiddleware
from core.models import Action, AuditEntry

PASSWORD = "mật-khẩu-thử-nghiệm"


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True
    return settings


def _login(client, username, password, ip):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": reverse("admin:index")},
        REMOTE_ADDR=ip,
    )


def _spread_failures(client, username, count):
    """`count` failures, each from a different address (never reaching the address limit)."""
    for i in range(count):
        _login(client, username, "sai-mật-khẩu", ip=f"198.51.{i // 200}.{i % 200 + 1}")


@pytest.mark.django_db
def test_failures_spread_over_many_addresses_lock_the_account(client, superuser, axes_on):
    _spread_failures(client, "quantri", 19)
    # Below the account's limit, the right password from a new address still works.
    assert _login(client, "quantri", PASSWORD, ip="203.0.113.50").status_code == 302
    client.logout()
    _spread_failures(client, "quantri", 20)
    response = _login(client, "quantri", PASSWORD, ip="203.0.113.51")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    page = response.content.decode()
    assert "quá 20 lần" in page
    assert "Chủ tài khoản đã được báo qua thư điện tử" in page


@pytest.mark.django_db
def test_the_account_limit_and_cool_off_are_settings(client, superuser, axes_on):
    axes_on.AXES_ACCOUNT_FAILURE_LIMIT = 8
    _spread_failures(client, "quantri", 8)
    assert _login(client, "quantri", PASSWORD, ip="203.0.113.52").status_code == 429


@pytest.mark.django_db
def test_the_owner_is_told_once_by_email(client, superuser, axes_on):
    _spread_failures(client, "quantri", 23)
    _login(client, "quantri", PASSWORD, ip="203.0.113.53")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["quantri@example.org"]
    assert "tạm bị khóa đăng nhập" in message.body
    assert "từ nhiều địa chỉ" in message.body
    assert PASSWORD not in message.body


@pytest.mark.django_db
def test_an_address_lock_tells_the_owner_too(client, superuser, axes_on):
    for _ in range(5):
        _login(client, "quantri", "sai", ip="203.0.113.7")
    assert len(mail.outbox) == 1
    assert "từ địa chỉ 203.0.113.7" in mail.outbox[0].body


@pytest.mark.django_db
def test_an_unknown_name_sends_no_mail(client, db, axes_on):
    for _ in range(6):
        _login(client, "khong-co-ai", "sai", ip="203.0.113.7")
    assert mail.outbox == []


@pytest.mark.django_db
def test_an_administrator_unlocks_the_account(client, superuser, editor, axes_on):
    _spread_failures(client, "bientap", 20)
    assert _login(client, "bientap", PASSWORD, ip="203.0.113.60").status_code == 429
    admin_client = type(client)()
    admin_client.force_login(superuser)
    response = admin_client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "unlock_sign_in", "_selected_action": [editor.pk]},
        follow=True,
    )
    assert "Đã mở khóa đăng nhập cho 1 tài khoản" in response.content.decode()
    assert not AccessAttempt.objects.filter(username="bientap").exists()
    assert _login(client, "bientap", PASSWORD, ip="203.0.113.60").status_code == 302
    entry = AuditEntry.objects.get(action=Action.ACCOUNT_UNLOCKED)
    assert entry.actor == superuser
    assert entry.object_id == str(editor.pk)


@pytest.mark.django_db
def test_only_an_administrator_may_unlock(client, editor, django_user_model, axes_on):
    manager = django_user_model.objects.create_user("truongphong", password=PASSWORD, is_staff=True)
    manager.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_user", "change_user"])
    )
    client.force_login(manager)
    response = client.get(reverse("admin:auth_user_changelist"))
    assert response.status_code == 200
    assert "unlock_sign_in" not in response.content.decode()
    response = client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "unlock_sign_in", "_selected_action": [editor.pk]},
    )
    assert not AuditEntry.objects.filter(action=Action.ACCOUNT_UNLOCKED).exists()


@pytest.mark.django_db
def test_failures_are_kept_after_a_success_resets_the_counter(client, superuser, axes_on):
    for _ in range(3):
        _login(client, "quantri", "sai", ip="203.0.113.7")
    assert _login(client, "quantri", PASSWORD, ip="203.0.113.7").status_code == 302
    assert not AccessAttempt.objects.filter(username="quantri").exists()  # the counter reset
    assert AccessFailureLog.objects.filter(username="quantri").count() == 3
    assert AuditEntry.objects.filter(action=Action.LOGIN_FAILED, actor_name="quantri").count() == 3


@pytest.mark.django_db
def test_bad_input_on_the_login_form_is_no_error(client, db, axes_on):
    for data in (
        {},
        {"username": "\x00"},
        {"username": "a" * 5000, "password": "x"},
        {"username": "ai\x00do", "password": "x"},
        {"username": ["a", "b"], "password": "x"},
    ):
        response = client.post(reverse("admin:login"), data, REMOTE_ADDR="203.0.113.9")
        assert response.status_code in (200, 429)
    assert User.objects.count() == 0
    assert all(
        len(name) <= 150 for name in AccessAttempt.objects.values_list("username", flat=True)
    )


@pytest.mark.django_db
def test_a_refused_admin_path_with_a_nul_character_is_recorded(editor):
    request = RequestFactory().get("/quan-tri/auth/user/x%00y/")
    request.user = editor
    middleware = RefusedAdminRequestMiddleware(lambda _request: HttpResponseForbidden())
    assert middleware(request).status_code == 403
    entry = AuditEntry.objects.get(action=Action.REFUSED)
    assert entry.changes["path"] == "/quan-tri/auth/user/xy/"
