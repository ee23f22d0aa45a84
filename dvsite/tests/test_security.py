"""Security headers, the production checklist, login throttling and how uploads are served."""

import base64
import hashlib
import importlib
import os
import re
import secrets
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib import admin
from django.http import Http404
from django.test import RequestFactory
from django.urls import Resolver404, clear_url_caches, resolve, reverse

from dvsite.middleware import client_ip
from ops.media import serve_media

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "mật-khẩu-thử-nghiệm"


def _production_env(**extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="dvsite.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="danvan.example.vn",
        DJANGO_TRUSTED_PROXY_COUNT="1",
    )
    env.update(extra)
    return env


def test_check_deploy_reports_nothing_with_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=_production_env(),
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_check_deploy_does_complain_about_a_weak_production_setup():
    """The test above can fail: a short secret key is caught by the same command."""
    env = _production_env(DJANGO_SECRET_KEY="short", DJANGO_HSTS_SECONDS="0")
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode != 0
    assert "security.W009" in result.stderr  # weak SECRET_KEY
    assert "security.W004" in result.stderr  # no HSTS


def _directives(header):
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.mark.django_db
def test_public_pages_send_the_security_headers(client):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    csp = _directives(response["Content-Security-Policy"])
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    policy = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "interest-cohort=()"):
        assert feature in policy


@pytest.mark.django_db
def test_a_missing_page_is_covered_by_the_policy_too(client):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "script-src 'self'" in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_the_home_page_has_no_inline_script_or_style_that_the_policy_would_block(client):
    html = client.get(reverse("home")).content.decode()
    for tag in re.findall(r"<script\b[^>]*>", html):
        # Data blocks (JSON, JSON-LD) are never run, so the policy does not apply to them.
        data_block = 'type="application/json"' in tag or 'type="application/ld+json"' in tag
        assert "src=" in tag or data_block, tag
    assert not re.search(r"\sstyle=", html)
    assert not re.search(r"\son[a-z]+=", html)


def _inline_scripts(html):
    """(opening tag, body) of every <script> without a src."""
    return [
        (tag, body)
        for tag, body in re.findall(r"(<script\b[^>]*>)(.*?)</script>", html, re.DOTALL)
        if "src=" not in tag
    ]


def _allowed(tag, body, script_src):
    if 'type="application/json"' in tag:
        return True  # data, never executed
    digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
    return f"'sha256-{digest}'" in script_src


@pytest.mark.django_db
def test_every_inline_script_in_the_admin_is_allowed_by_hash_never_by_unsafe_inline(
    client, superuser
):
    client.force_login(superuser)
    pages = [reverse("admin:index")]
    for model in admin.site._registry:
        pages.append(reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add"))
        pages.append(reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"))
    editor_pages = 0
    for url in pages:
        response = client.get(url)
        if response.status_code == 403 and url.endswith("/add/"):
            continue  # read-only models (django-axes' logs) have no add form
        assert response.status_code == 200, url
        csp = _directives(response["Content-Security-Policy"])
        assert "'unsafe-inline'" not in csp["script-src"], url
        assert "'unsafe-eval'" not in csp["script-src"], url
        html = response.content.decode()
        for tag, body in _inline_scripts(html):
            assert _allowed(tag, body, csp["script-src"]), (url, tag)
        editor_pages += 'type="importmap"' in html
    # Once an app registers a model with the rich-text editor, its import map is really checked.
    from news.models import Post

    if Post in admin.site._registry:
        assert editor_pages >= 1


@pytest.mark.django_db
def test_the_editor_import_map_hash_matches_what_the_widget_renders(client, superuser):
    from django_prose_editor.widgets import AdminProseEditorWidget

    client.force_login(superuser)
    csp = _directives(client.get(reverse("admin:index"))["Content-Security-Policy"])
    rendered = str(AdminProseEditorWidget().media)
    scripts = _inline_scripts(rendered)
    assert len(scripts) == 1 and 'type="importmap"' in scripts[0][0]
    assert _allowed(*scripts[0], csp["script-src"])
    # The public site does not get the exception.
    public = _directives(client.get(reverse("home"))["Content-Security-Policy"])
    assert not _allowed(*scripts[0], public["script-src"])


# --- Login throttling (django-axes) -------------------------------------------------------


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True
    return settings


def _login(client, username, password, ip="203.0.113.7"):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": reverse("admin:index")},
        REMOTE_ADDR=ip,
    )


def _logged_in(client):
    return "_auth_user_id" in client.session


@pytest.mark.django_db
def test_five_wrong_passwords_lock_the_account_out_even_with_the_right_one(
    client, superuser, axes_on
):
    for _ in range(4):
        response = _login(client, "quantri", "sai-mật-khẩu")
        assert response.status_code == 200  # the login form again, with an error
    response = _login(client, "quantri", "sai-mật-khẩu")
    assert response.status_code == 429
    response = _login(client, "quantri", PASSWORD)
    assert response.status_code == 429
    assert not _logged_in(client)
    page = response.content.decode()
    assert "Tạm khoá đăng nhập" in page
    assert "sai 5 lần" in page
    assert "sau 15 phút" in page


@pytest.mark.django_db
def test_a_success_before_the_limit_logs_in_and_resets_the_count(client, superuser, axes_on):
    for _ in range(4):
        _login(client, "quantri", "sai-mật-khẩu")
    response = _login(client, "quantri", PASSWORD)
    assert response.status_code == 302
    assert _logged_in(client)
    client.logout()
    for _ in range(4):
        _login(client, "quantri", "sai-mật-khẩu")
    assert _login(client, "quantri", PASSWORD).status_code == 302


@pytest.mark.django_db
def test_the_lock_out_ends_after_fifteen_minutes(client, superuser, axes_on):
    from axes.models import AccessAttempt

    for _ in range(5):
        _login(client, "quantri", "sai-mật-khẩu")
    assert _login(client, "quantri", PASSWORD).status_code == 429
    # Fourteen minutes later: still locked.
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=14)
    )
    assert _login(client, "quantri", PASSWORD).status_code == 429
    # Sixteen minutes after the last failure: the lock has expired.
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=16)
    )
    response = _login(client, "quantri", PASSWORD)
    assert response.status_code == 302
    assert _logged_in(client)


@pytest.mark.django_db
def test_the_address_lock_holds_that_address_only(client, superuser, django_user_model, axes_on):
    django_user_model.objects.create_user("bientap", password=PASSWORD, is_staff=True)
    for _ in range(5):
        _login(client, "quantri", "sai-mật-khẩu", ip="203.0.113.7")
    assert _login(client, "quantri", PASSWORD, ip="203.0.113.7").status_code == 429
    # The address is locked for every name (a guesser rotating names gains nothing) ...
    assert _login(client, "bientap", PASSWORD, ip="203.0.113.7").status_code == 429
    # ... but the same account from another address still signs in (the account's own lock
    # needs AXES_ACCOUNT_FAILURE_LIMIT failures: accounts/tests/test_lockout.py).
    assert _login(client, "quantri", PASSWORD, ip="198.51.100.2").status_code == 302


def test_client_address_behind_a_trusted_proxy(settings):
    request = RequestFactory().get(
        "/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.7"
    )
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == "127.0.0.1"
    settings.TRUSTED_PROXY_COUNT = 1
    # The right-most address is the one nginx saw; the spoofable left part is ignored.
    assert client_ip(request) == "203.0.113.7"


def _login_via(client, username, password, remote, forwarded=None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": reverse("admin:index")},
        REMOTE_ADDR=remote,
        **extra,
    )


@pytest.fixture
def behind_nginx(axes_on):
    axes_on.TRUSTED_PROXY_COUNT = 1
    axes_on.TRUSTED_PROXY_IPS = ["127.0.0.1", "::1"]
    return axes_on


@pytest.mark.django_db
def test_a_stranger_behind_nginx_cannot_lock_out_an_editor_logging_in_elsewhere(
    client, superuser, behind_nginx
):
    for _ in range(6):
        _login_via(client, "quantri", "sai", "127.0.0.1", "198.51.100.66")
    assert _login_via(client, "quantri", PASSWORD, "127.0.0.1", "198.51.100.66").status_code == 429
    response = _login_via(client, "quantri", PASSWORD, "127.0.0.1", "203.0.113.7")
    assert response.status_code == 302


@pytest.mark.django_db
def test_rotating_a_spoofed_forwarded_for_straight_to_gunicorn_does_not_bypass_the_lock(
    client, superuser, behind_nginx
):
    # Finding 6: with the count at 1, a client reaching gunicorn directly chose its address.
    for i in range(5):
        _login_via(client, "quantri", "sai", "198.51.100.66", f"10.0.0.{i}")
    response = _login_via(client, "quantri", PASSWORD, "198.51.100.66", "10.0.0.99")
    assert response.status_code == 429


@pytest.mark.django_db
def test_rotating_the_client_supplied_part_of_an_appended_forwarded_for_does_not_help(
    client, superuser, behind_nginx
):
    # nginx appends the address it saw; whatever the client sent stays on the left.
    for i in range(5):
        _login_via(client, "quantri", "sai", "127.0.0.1", f"10.0.0.{i}, 198.51.100.66")
    response = _login_via(client, "quantri", PASSWORD, "127.0.0.1", "10.0.0.99, 198.51.100.66")
    assert response.status_code == 429


def test_check_deploy_errors_when_the_trusted_proxy_count_is_not_set():
    env = _production_env()
    del env["DJANGO_TRUSTED_PROXY_COUNT"]
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode != 0
    assert "dvsite.E001" in result.stdout + result.stderr
    assert "DJANGO_TRUSTED_PROXY_COUNT" in result.stdout + result.stderr


def test_passwords_must_be_long_and_not_common():
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    for weak in ("ngan", "123456789012", "password1234"):
        with pytest.raises(ValidationError):
            validate_password(weak)
    validate_password("Dân vận khéo 2026!")


def test_the_admin_path_comes_from_the_environment():
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.urls import reverse;"
            "print(reverse('admin:index'))",
        ],
        cwd=ROOT,
        env={**_production_env(DJANGO_ADMIN_URL="/bi-mat-123/")},
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.stdout.strip() == "/bi-mat-123/", result.stderr


# --- Uploads --------------------------------------------------------------------------------


@pytest.fixture
def media(tmp_path):
    root = tmp_path / "uploads"
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "quyet-dinh.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    (root / "docs" / "anh.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (root / "docs" / "logo.svg").write_text("<svg><script>alert(1)</script></svg>")
    (root / "docs" / "trang.HTML").write_text("<script>alert(1)</script>")
    return root


@pytest.mark.parametrize("name", ["docs/logo.svg", "docs/trang.HTML"])
def test_svg_and_html_are_never_served_from_media(media, name):
    request = RequestFactory().get(f"/media/{name}")
    assert (media / name).exists()
    with pytest.raises(Http404):
        serve_media(request, name, document_root=media)


def test_documents_are_downloaded_and_every_upload_is_nosniff(media):
    factory = RequestFactory()
    pdf = serve_media(factory.get("/media/docs/quyet-dinh.pdf"), "docs/quyet-dinh.pdf", media)
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"] == 'attachment; filename="quyet-dinh.pdf"'
    assert pdf["X-Content-Type-Options"] == "nosniff"
    image = serve_media(factory.get("/media/docs/anh.png"), "docs/anh.png", media)
    assert image["Content-Type"] == "image/png"
    assert not image["Content-Disposition"].startswith("attachment")
    assert image["X-Content-Type-Options"] == "nosniff"


def test_the_debug_media_route_uses_the_safe_view(settings):
    import dvsite.urls

    settings.DEBUG = True
    try:
        importlib.reload(dvsite.urls)
        clear_url_caches()
        assert resolve("/media/docs/logo.svg").func is serve_media
    finally:
        settings.DEBUG = False
        importlib.reload(dvsite.urls)
        clear_url_caches()
    # Without DEBUG nothing in Django serves media: nginx (or object storage) does.
    with pytest.raises(Resolver404):
        resolve("/media/docs/logo.svg")
