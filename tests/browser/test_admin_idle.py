"""The admin's inactivity warning in Chromium: a minute before the end, "Tiếp tục làm việc"
renews the session; once it has ended, the login page says why (accounts/admin_idle.py)."""

import time

import pytest
from django.contrib.sessions.backends.db import SessionStore
from playwright.sync_api import expect

from accounts import admin_idle
from tests.browser.test_editorial import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _session(page):
    cookie = next(c for c in page.context.cookies() if c["name"] == "sessionid")
    return SessionStore(session_key=cookie["value"])


def test_the_warning_keeps_the_session_or_leads_to_the_login(page, settings, editor):
    settings.ADMIN_IDLE_MINUTES = 1  # the warning shows at once: one minute before the end
    log_in(page, editor)
    page.goto("/quan-tri/news/post/")
    warning = page.locator("#admin-idle-warning")
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("Phiên làm việc sắp hết hạn do không hoạt động")
    button = warning.get_by_role("button", name="Tiếp tục làm việc")
    expect(button).to_be_focused()

    session = _session(page)
    session[admin_idle.SESSION_KEY] = time.time() - 50
    session.save()
    with page.expect_response(lambda r: r.url.endswith("/quan-tri/con-hoat-dong/")) as kept:
        button.click()
    assert kept.value.json()["seconds_left"] >= 55
    assert time.time() - _session(page)[admin_idle.SESSION_KEY] < 10

    # Too late: the session has ended; the button leads to the login page, which says why.
    session = _session(page)
    session[admin_idle.SESSION_KEY] = time.time() - 120
    session.save()
    expect(warning.get_by_role("button", name="Tiếp tục làm việc")).to_be_visible()
    warning.get_by_role("button", name="Tiếp tục làm việc").click()
    expect(page.locator("#id_username")).to_be_visible()
    expect(page.locator(".messagelist")).to_contain_text(
        "Phiên làm việc đã hết hạn do không hoạt động trong 1 phút"
    )
