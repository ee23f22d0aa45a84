"""Each account event writes one audit row and one JSON line on `dvsite.security`, never a
password, a code or a session key; the log goes to a rotating file or syslog (settings)."""

import json
import logging
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.models import Action, AuditEntry

PASSWORD = "mật-khẩu-thử-nghiệm"
ROOT = Path(__file__).resolve().parents[2]


class _Lines(logging.Handler):
    def __init__(self):
        super().__init__(logging.INFO)
        self.lines = []

    def emit(self, record):
        self.lines.append(record.getMessage())


@pytest.fixture
def lines():
    handler = _Lines()
    logger = logging.getLogger("dvsite.security")
    logger.addHandler(handler)
    old_level = logger.level
    logger.setLevel(logging.INFO)
    yield handler.lines
    logger.removeHandler(handler)
    logger.setLevel(old_level)


def _events(lines, action):
    return [json.loads(line) for line in lines if json.loads(line)["action"] == action]


def _no_secrets(lines, *secrets):
    text = "\n".join(lines) + json.dumps(list(AuditEntry.objects.values_list("changes", flat=True)))
    for secret in secrets:
        assert secret not in text


def _login(client, username, password, ip="203.0.113.7"):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": reverse("admin:index")},
        REMOTE_ADDR=ip,
    )


@pytest.mark.django_db
def test_sign_in_and_sign_out_each_write_one_row_and_one_line(client, editor, lines):
    assert _login(client, "bientap", PASSWORD).status_code == 302
    session_key = client.session.session_key
    client.post(reverse("admin:logout"), REMOTE_ADDR="203.0.113.7")
    assert AuditEntry.objects.filter(action=Action.LOGIN).count() == 1
    assert AuditEntry.objects.filter(action=Action.LOGOUT).count() == 1
    [login] = _events(lines, "login")
    assert login["user"] == "bientap"
    assert login["address"] == "203.0.113.7"
    assert login["outcome"] == "ok"
    assert len(_events(lines, "logout")) == 1
    _no_secrets(lines, PASSWORD, session_key)


@pytest.mark.django_db
def test_a_failed_sign_in_keeps_the_typed_name_never_the_password(client, editor, lines):
    _login(client, "bientap", "Mật-khẩu-sai-bí-mật-123")
    entry = AuditEntry.objects.get(action=Action.LOGIN_FAILED)
    assert entry.actor_name == "bientap"
    assert entry.outcome == "failed"
    assert entry.address == "203.0.113.7"
    [line] = _events(lines, "login_failed")
    assert line["user"] == "bientap"
    _no_secrets(lines, "Mật-khẩu-sai-bí-mật-123")


@pytest.mark.django_db
def test_a_lock_out_is_recorded(client, editor, settings, lines):
    settings.AXES_ENABLED = True
    for _ in range(5):
        _login(client, "bientap", "sai")
    [entry] = AuditEntry.objects.filter(action=Action.LOCKED_OUT)
    assert entry.actor_name == "bientap"
    assert entry.changes == {"lock": "address"}
    assert len(_events(lines, "locked_out")) == 1


@pytest.mark.django_db
def test_the_second_factor_added_and_removed(client, publisher, lines):
    client.force_login(publisher)
    client.get(reverse("two_factor_enrol"))
    device = TOTPDevice.objects.get(user=publisher)
    assert not AuditEntry.objects.filter(action=Action.SECOND_FACTOR_ADDED).exists()
    code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    response = client.post(reverse("two_factor_enrol"), {"token": code})
    assert response.status_code == 200
    added = AuditEntry.objects.filter(action=Action.SECOND_FACTOR_ADDED)
    assert sorted(added.values_list("changes__device", flat=True)) == [
        "Mã dự phòng",
        "Ứng dụng xác thực",
    ]
    assert len(_events(lines, "second_factor_added")) == 2
    backup_codes = list(StaticToken.objects.values_list("token", flat=True))
    # Using the code again (the device is saved at every check) is no new event.
    TOTPDevice.objects.get(user=publisher).verify_token(code)
    assert added.count() == 2
    TOTPDevice.objects.filter(user=publisher).get().delete()
    StaticDevice.objects.get(user=publisher).delete()
    assert AuditEntry.objects.filter(action=Action.SECOND_FACTOR_REMOVED).count() == 2
    _no_secrets(lines, code, device.key, *backup_codes)


@pytest.mark.django_db
def test_a_password_change_is_recorded_once_and_a_new_account_is_not(
    client, editor, django_user_model, lines
):
    django_user_model.objects.create_user("moi", password="Một-mật-khẩu-dài-2026")
    assert not AuditEntry.objects.filter(action=Action.PASSWORD_CHANGED).exists()
    client.force_login(editor)
    new = "Dân-vận-khéo-2026-mới"
    response = client.post(
        reverse("admin:password_change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    [entry] = AuditEntry.objects.filter(action=Action.PASSWORD_CHANGED)
    assert entry.actor == editor
    assert entry.object_id == str(editor.pk)
    assert entry.address == "127.0.0.1"
    _no_secrets(lines, new, PASSWORD)


@pytest.mark.django_db
def test_an_administrator_setting_a_password_is_a_reset_by_them(client, superuser, editor, lines):
    client.force_login(superuser)
    new = "Mật-khẩu-do-quản-trị-đặt-2026"
    response = client.post(
        reverse("admin:auth_user_password_change", args=[editor.pk]),
        {"password1": new, "password2": new, "usable_password": "true"},
    )
    assert response.status_code == 302
    [entry] = AuditEntry.objects.filter(action=Action.PASSWORD_RESET)
    assert entry.actor == superuser
    assert entry.object_id == str(editor.pk)
    assert not AuditEntry.objects.filter(action=Action.PASSWORD_CHANGED).exists()
    _no_secrets(lines, new)


@pytest.mark.django_db
def test_a_refused_admin_request_is_recorded(client, editor, lines):
    client.force_login(editor)
    response = client.get(reverse("admin:auth_user_changelist"))
    assert response.status_code == 403
    [entry] = AuditEntry.objects.filter(action=Action.REFUSED)
    assert entry.actor == editor
    assert entry.outcome == "refused"
    assert entry.changes == {"path": reverse("admin:auth_user_changelist"), "method": "GET"}
    assert len(_events(lines, "refused")) == 1


@pytest.mark.django_db
def test_a_public_403_is_not_an_admin_refusal(client, db):
    client.get("/tin-tuc/khong-co/")
    assert not AuditEntry.objects.filter(action=Action.REFUSED).exists()


@pytest.mark.django_db
def test_an_administrator_disabling_and_enabling_by_hand_is_recorded(
    client, superuser, editor, lines
):
    client.force_login(superuser)
    url = reverse("admin:auth_user_change", args=[editor.pk])
    form = client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k != "password"}
    data.update(
        groups=[g.pk for g in editor.groups.all()],
        user_permissions=[],
        is_active="",
        is_staff="on",
        date_joined_0=editor.date_joined.strftime("%d/%m/%Y"),
        date_joined_1=editor.date_joined.strftime("%H:%M:%S"),
        last_login_0="",
        last_login_1="",
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    editor.refresh_from_db()
    assert not editor.is_active
    assert AuditEntry.objects.filter(action=Action.ACCOUNT_DISABLED, actor=superuser).count() == 1


def test_short_and_common_passwords_are_refused_in_vietnamese():
    with translation.override("vi"):
        for weak, message in (
            ("ngan", "Mật khẩu quá ngắn: cần ít nhất 12 ký tự."),
            ("password1234", "Mật khẩu này quá phổ biến."),
            ("123456789012", "Mật khẩu này hoàn toàn là số."),
        ):
            with pytest.raises(ValidationError) as refused:
                validate_password(weak)
            assert message in refused.value.messages


def test_the_security_log_goes_to_a_rotating_file_kept_over_a_year(tmp_path):
    log_file = tmp_path / "security.log"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DVSITE_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="dvsite.settings",
        DJANGO_SECURITY_LOG_FILE=str(log_file),
        DJANGO_SECURITY_LOG_DAYS="30",  # raised to the 366-day floor
    )
    script = (
        "import django, logging; django.setup()\n"
        "from core.models import AuditEntry\n"
        "entry = AuditEntry(action='login_failed', actor_name='ai-do')\n"
        "logging.getLogger('dvsite.security').info(entry.as_json())\n"
        "h = logging.getLogger('dvsite.security').handlers[0]\n"
        "print(type(h).__name__, h.when, h.backupCount)\n"
    )
    result = subprocess.run(  # noqa: S603 (this interpreter, our own code)
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["TimedRotatingFileHandler", "MIDNIGHT", "366"]
    [line] = log_file.read_text(encoding="utf-8").splitlines()
    event = json.loads(line)
    assert event["action"] == "login_failed"
    assert event["user"] == "ai-do"
    assert event["outcome"] == "ok"


def test_the_security_log_can_go_to_syslog():
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as receiver:
        receiver.bind(("127.0.0.1", 0))
        receiver.settimeout(60)
        port = receiver.getsockname()[1]
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DVSITE_"))}
        env.update(
            DJANGO_SETTINGS_MODULE="dvsite.settings",
            DJANGO_SECURITY_LOG_SYSLOG=f"127.0.0.1:{port}",
        )
        script = (
            "import django, logging; django.setup()\n"
            "from core.models import AuditEntry\n"
            "entry = AuditEntry(action='locked_out', actor_name='ai-do')\n"
            "logging.getLogger('dvsite.security').info(entry.as_json())\n"
        )
        result = subprocess.run(  # noqa: S603 (this interpreter, our own code)
            [sys.executable, "-c", script],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        datagram = receiver.recv(65536).decode()
    # <priority> of facility auth (4) and level info (6): 4 * 8 + 6 = 38.
    assert datagram.startswith("<38>")
    assert json.loads(datagram[4:].rstrip("\x00"))["action"] == "locked_out"
