"""A second factor for staff: publishers and administrators cannot reach the admin without a
verified device when the setting is on; editors may enrol; QR enrolment and backup codes."""

import re

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db

BACKEND = "django.contrib.auth.backends.ModelBackend"


@pytest.fixture
def required(settings):
    settings.STAFF_SECOND_FACTOR_REQUIRED = True
    return settings


def _login(client, user):
    client.force_login(user, backend=BACKEND)
    return client


def _code(device, offset=0):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=offset):06d}"


def _enrolled(user):
    return TOTPDevice.objects.create(user=user, name="Điện thoại", confirmed=True)


@pytest.mark.parametrize("who", ["publisher", "superuser"])
@pytest.mark.parametrize("page", ["admin:index", "admin:news_post_changelist"])
def test_a_publisher_or_administrator_without_a_device_cannot_reach_the_admin(
    client, required, request, who, page
):
    user = request.getfixturevalue(who)
    response = _login(client, user).get(reverse(page))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two_factor_enrol"))
    assert client.get(response["Location"]).status_code == 200


def test_with_a_device_the_admin_asks_for_the_code_then_opens(client, required, publisher):
    device = _enrolled(publisher)
    response = _login(client, publisher).get(reverse("admin:index"))
    assert response["Location"].startswith(reverse("two_factor_verify"))
    page = client.get(response["Location"]).content.decode()
    assert "Xác thực hai bước" in page and "mã 6 chữ số" in page
    wrong = client.post(reverse("two_factor_verify"), {"token": "000000"})
    assert "Mã không đúng" in wrong.content.decode()
    assert client.get(reverse("admin:index")).status_code == 302
    # A failure makes the device wait before the next try (1 s, doubling): guessing is slow.
    assert client.post(reverse("two_factor_verify"), {"token": _code(device)}).status_code == 200
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=None)
    ok = client.post(
        reverse("two_factor_verify"), {"token": _code(device), "next": reverse("admin:index")}
    )
    assert ok.status_code == 302 and ok["Location"] == reverse("admin:index")
    assert client.get(reverse("admin:index")).status_code == 200


def test_enrolment_shows_a_qr_code_without_scripts_then_backup_codes(client, required, publisher):
    _login(client, publisher)
    page = client.get(reverse("two_factor_enrol")).content.decode()
    assert "Bật xác thực hai bước" in page
    assert re.search(r'<img src="data:image/svg\+xml;base64,[A-Za-z0-9+/=]+"', page)
    assert "<script>" not in page and "onload=" not in page
    device = TOTPDevice.objects.get(user=publisher, confirmed=False)
    done = client.post(reverse("two_factor_enrol"), {"token": _code(device)})
    assert done.status_code == 200
    codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", done.content.decode())
    assert len(codes) == 10 and "chỉ hiện <strong>một lần</strong>" in done.content.decode()
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("admin:index")).status_code == 200
    # Next session: a backup code works once.
    client.logout()
    _login(client, publisher)
    assert client.post(reverse("two_factor_verify"), {"token": codes[0]}).status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200
    client.logout()
    _login(client, publisher)
    again = client.post(reverse("two_factor_verify"), {"token": codes[0]})
    assert again.status_code == 200
    assert StaticToken.objects.filter(device__user=publisher).count() == 9


def test_a_wrong_code_at_enrolment_keeps_the_device_unconfirmed(client, required, publisher):
    _login(client, publisher).get(reverse("two_factor_enrol"))
    response = client.post(reverse("two_factor_enrol"), {"token": "123"})
    assert "Mã không đúng hoặc đã hết hạn" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=publisher, confirmed=True).exists()


def test_editors_may_go_without_but_once_enrolled_are_asked(client, required, editor):
    assert _login(client, editor).get(reverse("admin:index")).status_code == 200
    _enrolled(editor)
    response = client.get(reverse("admin:index"))
    assert response["Location"].startswith(reverse("two_factor_verify"))


def test_switched_off_nobody_is_asked(client, settings, publisher):
    settings.STAFF_SECOND_FACTOR_REQUIRED = False
    assert _login(client, publisher).get(reverse("admin:index")).status_code == 200


def test_on_by_default_in_production_off_in_development():
    from dvsite.tests.test_deploy_files import _settings

    code = (
        "from django.conf import settings; print(json.dumps(settings.STAFF_SECOND_FACTOR_REQUIRED))"
    )
    production = {"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "x" * 60,
                  "DJANGO_ALLOWED_HOSTS": "danvan.example.vn"}  # fmt: skip
    assert _settings(code, **production) is True
    assert _settings(code) is False


def test_the_next_parameter_never_leaves_the_site(client, required, publisher):
    device = _enrolled(publisher)
    _login(client, publisher)
    response = client.post(
        reverse("two_factor_verify"), {"token": _code(device), "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("admin:index")


def test_setup_demo_says_how_to_enrol(settings):
    import io

    from django.core.management import call_command

    settings.DEBUG = True
    out = io.StringIO()
    call_command("setup_demo", stdout=out)
    text = out.getvalue()
    assert "Xác thực hai bước" in text
    assert reverse("two_factor_enrol") in text
    assert "mã dự phòng" in text
