"""Level 2: the admin's session ends after ADMIN_IDLE_MINUTES without a request; the public
site's sessions are untouched; mail cannot hang a request for long."""

import time

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from accounts import admin_idle
from dvsite.tests.test_deploy_files import _settings

pytestmark = pytest.mark.django_db

BACKEND = "django.contrib.auth.backends.ModelBackend"


@pytest.fixture
def five_minutes(settings):
    settings.ADMIN_IDLE_MINUTES = 5
    return settings


def _last_activity(client, seconds_ago):
    session = client.session
    session[admin_idle.SESSION_KEY] = time.time() - seconds_ago
    session.save()


def _signed_in(client, user):
    client.force_login(user, backend=BACKEND)
    assert client.get(reverse("admin:index")).status_code == 200
    return client


def test_the_admin_signs_out_after_five_idle_minutes(client, five_minutes, editor):
    _signed_in(client, editor)
    _last_activity(client, 5 * 60 + 1)
    response = client.get(reverse("admin:news_post_changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login") + "?next=")
    assert "_auth_user_id" not in client.session
    login = client.get(response["Location"])
    text = login.content.decode()
    assert "Phiên làm việc đã hết hạn do không hoạt động trong 5 phút" in text
    assert client.get(reverse("admin:index")).status_code == 302  # signed out for good


def test_the_window_starts_at_sign_in_and_is_not_rewritten_on_every_request(
    client, five_minutes, editor
):
    client.force_login(editor, backend=BACKEND)
    stamp = client.session[admin_idle.SESSION_KEY]
    assert time.time() - stamp < 5
    assert client.get(reverse("admin:index")).status_code == 200
    assert client.session[admin_idle.SESSION_KEY] == stamp  # within 30 s: no session write


def test_activity_keeps_the_session(client, five_minutes, editor):
    _signed_in(client, editor)
    _last_activity(client, 4 * 60)
    assert client.get(reverse("admin:news_post_changelist")).status_code == 200
    assert time.time() - client.session[admin_idle.SESSION_KEY] < 5
    _last_activity(client, 4 * 60)  # four more minutes: nine since sign-in, still in
    assert client.get(reverse("admin:index")).status_code == 200


def test_the_public_site_neither_checks_nor_renews_the_admin_time(client, five_minutes, editor):
    _signed_in(client, editor)
    _last_activity(client, 60 * 60)
    stamp = client.session[admin_idle.SESSION_KEY]
    assert client.get("/tin-tuc/").status_code == 200
    assert client.session["_auth_user_id"] == str(editor.pk)
    assert client.session[admin_idle.SESSION_KEY] == stamp


def test_visitors_who_are_not_staff_are_never_touched(client, five_minutes, django_user_model):
    reader = django_user_model.objects.create_user("canbo", password="x" * 12)
    client.force_login(reader, backend=BACKEND)
    assert client.get(reverse("admin:index")).status_code == 302  # the admin's own login
    assert admin_idle.SESSION_KEY not in client.session


def test_the_keep_alive_endpoint_checks_without_renewing_and_renews_on_request(
    client, five_minutes, editor
):
    _signed_in(client, editor)
    _last_activity(client, 4 * 60 + 30)
    url = reverse("admin_keep_alive")
    check = client.get(f"{url}?{admin_idle.CHECK_PARAMETER}=1").json()
    assert 25 <= check["seconds_left"] <= 30
    again = client.get(f"{url}?{admin_idle.CHECK_PARAMETER}=1").json()
    assert again["seconds_left"] <= check["seconds_left"]  # a check is not activity
    kept = client.get(url).json()
    assert kept["seconds_left"] >= 5 * 60 - 2
    _last_activity(client, 5 * 60 + 1)
    expired = client.get(f"{url}?{admin_idle.CHECK_PARAMETER}=1")
    assert expired.json()["seconds_left"] == 0
    assert "_auth_user_id" not in client.session
    assert any("hết hạn" in str(m) for m in get_messages(expired.wsgi_request))


def test_admin_pages_load_the_warning_script_with_its_settings(client, five_minutes, editor):
    page = _signed_in(client, editor).get(reverse("admin:news_post_changelist")).content.decode()
    assert 'src="/static/core/admin_idle.js" defer data-idle-seconds="300"' in page
    assert f'data-keep-alive-url="{reverse("admin_keep_alive")}"' in page
    client.logout()
    assert "admin_idle.js" not in client.get(reverse("admin:login")).content.decode()


def test_the_script_has_the_vietnamese_warning_and_no_inline_style():
    from django.contrib.staticfiles import finders

    script = open(finders.find("core/admin_idle.js"), encoding="utf-8").read()  # noqa: PTH123, SIM115
    assert "Tiếp tục làm việc" in script
    assert "Phiên làm việc sắp hết hạn do không hoạt động" in script
    assert 'setAttribute("style"' not in script and "innerHTML" not in script


def test_switched_off_with_zero(client, settings, editor):
    settings.ADMIN_IDLE_MINUTES = 0
    _signed_in(client, editor)
    _last_activity(client, 24 * 3600)
    assert client.get(reverse("admin:index")).status_code == 200


def test_defaults_five_minutes_in_production_sixty_in_debug_and_a_mail_timeout():
    code = (
        "from django.conf import settings as s\n"
        "print(json.dumps([s.ADMIN_IDLE_MINUTES, s.EMAIL_TIMEOUT]))"
    )
    production = {"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "x" * 60,
                  "DJANGO_ALLOWED_HOSTS": "danvan.example.vn"}  # fmt: skip
    assert _settings(code, **production) == [5, 10]
    assert _settings(code) == [60, 10]
    assert _settings(code, DJANGO_ADMIN_IDLE_MINUTES="15", DJANGO_EMAIL_TIMEOUT="3") == [15, 3]
