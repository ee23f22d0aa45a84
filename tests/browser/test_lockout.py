"""The sign-in locks walked in Chromium: five wrong passwords lock the address (the right one
too), the owner gets an e-mail, an administrator lifts the lock in the user admin; failures
spread over many addresses lock the account (accounts/lockout.py)."""

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.test import Client
from playwright.sync_api import expect

from core.models import Action, AuditEntry
from tests.browser.test_editorial import PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True
    return settings


def _try(page, username, password):
    page.goto("/quan-tri/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("input[type=submit]").click()


def _as(browser_context, user):
    """Signed in as `user` without the login form (this address is locked)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    url = browser_context.pages[0].url if browser_context.pages else None
    browser_context.add_cookies(
        [{"name": cookie.key, "value": cookie.value, "url": url or "http://localhost"}]
    )


def test_five_failures_lock_the_address_until_an_administrator_unlocks(
    page, browser_context, axes_on, editor, superuser
):
    for attempt in range(4):
        _try(page, "bientap", f"sai-{attempt}")
        expect(page.locator(".errornote")).to_be_visible()
    _try(page, "bientap", "sai-4")
    expect(page.get_by_role("heading", name="Tạm khoá đăng nhập")).to_be_visible()
    expect(page.locator("article.lockout")).to_contain_text("đăng nhập sai 5 lần")
    expect(page.locator("article.lockout")).to_contain_text("sau 15 phút")
    # The right password changes nothing now.
    _try(page, "bientap", PASSWORD)
    expect(page.get_by_role("heading", name="Tạm khoá đăng nhập")).to_be_visible()
    assert [m.to for m in mail.outbox] == [["bientap@example.org"]]
    assert AuditEntry.objects.filter(action=Action.LOGIN_FAILED, actor_name="bientap").count() >= 5

    # An administrator, in another browser, lifts the lock from the user list.
    admin_page = browser_context.browser.new_context(
        base_url=page.url.split("/quan-tri/")[0], locale="vi-VN"
    ).new_page()
    try:
        admin_page.goto("/")
        _as(admin_page.context, superuser)
        admin_page.goto("/quan-tri/auth/user/")
        row = admin_page.locator("tr", has=admin_page.get_by_role("link", name="bientap"))
        row.locator("input.action-select").check()
        admin_page.locator("select[name=action]").select_option("unlock_sign_in")
        admin_page.locator("button[name=index]").click()
        expect(admin_page.locator(".messagelist")).to_contain_text(
            "Đã mở khóa đăng nhập cho 1 tài khoản"
        )
    finally:
        admin_page.context.close()

    _try(page, "bientap", PASSWORD)
    expect(page.locator("#user-tools")).to_be_visible()
    assert AuditEntry.objects.filter(action=Action.ACCOUNT_UNLOCKED).count() == 1


def test_failures_from_many_addresses_lock_the_account(page, axes_on, editor):
    axes_on.AXES_ACCOUNT_FAILURE_LIMIT = 6
    axes_on.TRUSTED_PROXY_COUNT = 1  # the live server's client plays nginx's part
    for number in range(6):
        page.set_extra_http_headers({"X-Forwarded-For": f"198.51.100.{number + 1}"})
        _try(page, "bientap", f"sai-{number}")
    page.set_extra_http_headers({"X-Forwarded-For": "203.0.113.99"})
    _try(page, "bientap", PASSWORD)
    lockout = page.locator("article.lockout")
    expect(lockout).to_contain_text("quá 6 lần (từ nhiều địa chỉ)")
    expect(lockout).to_contain_text("Chủ tài khoản đã được báo qua thư điện tử")
