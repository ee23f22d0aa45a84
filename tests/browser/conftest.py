"""Headless Chromium (Debian's) against pytest-django's live server, with the seeds imported.

Playwright's sync API runs an event loop in the test thread; Django refuses ORM calls from a
thread with a running loop unless DJANGO_ALLOW_ASYNC_UNSAFE is set (the ORM is not used from
inside the loop, only beside it).
"""

import datetime
import importlib
import os
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

from tests.browser.pictures import photo_jpeg

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


# The data migrations that create the editorial groups and grant their permissions.
ROLE_MIGRATIONS = [
    (f"{app}.migrations.0002_editorial_permissions", "grant_permissions")
    for app in ("news", "events", "docs_registry", "taxonomy")
] + [("taxonomy.migrations.0004_unit_permissions", "grant_permissions")]


@pytest.fixture(autouse=True)
def _editorial_groups(transactional_db):
    """Re-run the group migrations when an earlier browser test's flush removed them.

    serialized_rollback cannot bring them back here. Django keeps the serialized database on the
    connection object, and its connections live in an asgiref Local that switches to separate,
    context-local storage once a thread has a running event loop — which Playwright's sync API
    leaves in the test thread. So once Chromium has started, the tests get a fresh connection to
    the same test database without the serialized copy (traced: in the full suite, and whenever a
    database test ran before the first browser test). The migrations are idempotent.
    """
    from django.apps import apps
    from django.contrib.auth.models import Group

    from core import roles

    if Group.objects.filter(name__in=[roles.EDITORS, roles.PUBLISHERS]).count() < 2:
        for module, function in ROLE_MIGRATIONS:
            getattr(importlib.import_module(module), function)(apps, None)


@pytest.fixture(scope="session")
def chromium():
    """One headless browser per test process; every test gets its own context in it."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (scripts/ensure-chromium installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def viewport():
    """The window a test reads the site in; tests parametrize it to run at phone width too."""
    return DESKTOP


@pytest.fixture
def browser_context(chromium, live_server, settings, viewport):
    """A fresh context (no cookies, no cache) at the test's viewport, on the live server.

    Closing the whole context, not its tabs, ends the test: Chromium can acknowledge a tab's
    close that races a navigation commit and then never close it (crbug.com/536385539, Playwright
    issue 42366), which hung CI in `page.close()`; disposing of the context does not go that way.
    """
    settings.ROOT_URLCONF = "tests.browser.urls"
    context = chromium.new_context(
        viewport=viewport,
        locale="vi-VN",
        timezone_id="Asia/Ho_Chi_Minh",
        accept_downloads=True,
        base_url=live_server.url,
    )
    context.set_default_timeout(15_000)
    yield context
    context.close()


@pytest.fixture
def page(browser_context):
    """A tab in the test's context; CSP violations and page errors fail the test."""
    tab = browser_context.new_page()
    problems = []
    tab.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    tab.on(
        "console",
        lambda msg: problems.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    yield tab
    assert problems == []


@pytest.fixture
def site_content(db):
    """The seed articles, pictures on all but one post, and an event today (for this month)."""
    from events.tests.factories import EventFactory
    from news.models import Post

    call_command("import_seeds", verbosity=0)
    posts = list(Post.objects.order_by("pk"))
    for number, post in enumerate(posts[:-1]):
        post.image.save(f"anh-{number}.jpg", ContentFile(photo_jpeg(number)), save=False)
        post.image_alt = f"Quang cảnh: {post.title[:80]}"
        post.save()
    today = timezone.localdate()
    event = EventFactory(
        title="Hội nghị giao ban công tác dân vận",
        start_date=today,
        end_date=today,
        start_time=datetime.time(8, 0),
        location="Hội trường Tỉnh ủy",
    )
    return {"posts": posts, "event": event}
