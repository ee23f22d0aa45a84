"""The desk in Chromium: two people editing the same post in two browser contexts (the second
save is refused with the diff, nothing is lost, both are kept), and autosave surviving a closed
tab and an ended session."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from core.publishing import Status
from tests.browser.conftest import DESKTOP
from tests.browser.test_editorial import PASSWORD, log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
SCREENS = Path("/work/screens")


def screen(page, name):
    """Full-page screenshot for the closing note (outside git), when the folder can be made."""
    try:
        SCREENS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SCREENS / f"desk-{name}.png", full_page=True)
    except OSError:
        pass


@pytest.fixture
def second_editor(django_user_model):
    from django.contrib.auth.models import Group

    from core import roles

    user = django_user_model.objects.create_user(
        "bientap2", password=PASSWORD, is_staff=True, first_name="Lan", last_name="Nguyễn"
    )
    user.groups.add(Group.objects.get(name=roles.EDITORS))
    return user


@pytest.fixture
def draft(editor):
    from news.tests.factories import PostFactory

    return PostFactory(
        title="Hội nghị dân vận khéo",
        summary="Tóm tắt ban đầu.",
        status=Status.DRAFT,
        publish_at=None,
        created_by=editor,
    )


def test_two_browsers_edit_the_same_post_and_the_second_save_is_refused_with_a_diff(
    page, chromium, live_server, draft, editor, second_editor
):
    from news.models import Post

    other = chromium.new_context(
        viewport=DESKTOP, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", base_url=live_server.url
    )
    try:
        lan = other.new_page()
        change = f"/quan-tri/news/post/{draft.pk}/change/"
        log_in(lan, second_editor)
        lan.goto(change)
        log_in(page, editor)
        page.goto(change)
        # Each sees that the other has it open.
        expect(page.locator("#desk-editing")).to_contain_text("Lan Nguyễn")
        screen(page, "presence")
        # Lan saves first.
        lan.locator("#id_summary").fill("Tóm tắt của Lan.")
        lan.locator("input[name=_continue]").click()
        expect(lan.locator(".messagelist")).to_be_visible()
        # The first editor's save on the older version is refused, with the diff.
        page.locator("#id_title").fill("Hội nghị dân vận khéo – bản của tôi")
        page.locator("input[name=_continue]").click()
        expect(page.locator(".errornote")).to_contain_text("chưa được lưu")
        expect(page.locator("#desk-diff")).to_contain_text("bản của tôi")
        expect(page.locator("#desk-diff")).to_contain_text("Tóm tắt của Lan.")
        screen(page, "conflict")
        stored = Post.objects.get(pk=draft.pk)
        assert stored.summary == "Tóm tắt của Lan." and stored.title == "Hội nghị dân vận khéo"
        # Keep both: mine becomes a draft of its own, Lan's stays.
        page.get_by_role("button", name="Giữ cả hai: lưu bản của tôi thành bản nháp riêng").click()
        expect(page.locator(".messagelist")).to_contain_text("bản nháp riêng")
        titles = set(Post.objects.values_list("title", flat=True))
        assert "Hội nghị dân vận khéo" in titles
        assert "Hội nghị dân vận khéo – bản của tôi (bản của bientap)" in titles
        assert Post.objects.get(pk=draft.pk).summary == "Tóm tắt của Lan."
    finally:
        other.close()


def test_autosave_survives_a_closed_tab_and_an_ended_session(page, draft, editor):
    from news.models import Post

    change = f"/quan-tri/news/post/{draft.pk}/change/"
    log_in(page, editor)
    page.goto(change)
    page.locator("#id_summary").fill("Một giờ gõ phím: đoạn tóm tắt chưa lưu.")
    expect(page.locator("#desk-status")).to_contain_text("Đã lưu tự động", timeout=15_000)
    # The tab is closed without saving; a new tab offers the unsaved form.
    context = page.context
    page.close()
    tab = context.new_page()
    tab.goto(change)
    expect(tab.locator(".desk-draft")).to_contain_text("Có bản đang soạn dở")
    screen(tab, "autosave-offer")
    tab.locator("#desk-restore").click()
    expect(tab.locator("#id_summary")).to_have_value("Một giờ gõ phím: đoạn tóm tắt chưa lưu.")
    assert Post.objects.get(pk=draft.pk).summary == "Tóm tắt ban đầu."  # never saved by itself
    # The session ends while typing: the browser keeps the form, and after signing in again it
    # is offered and restored.
    context.clear_cookies()
    tab.locator("#id_summary").fill("Gõ tiếp khi phiên đã hết hạn.")
    expect(tab.locator("#desk-status")).to_contain_text("Phiên đăng nhập đã hết", timeout=15_000)
    screen(tab, "autosave-session-ended")
    log_in(tab, editor)
    tab.goto(change)
    expect(tab.locator("#desk-local")).to_be_visible()
    tab.locator("#desk-local-restore").click()
    expect(tab.locator("#id_summary")).to_have_value("Gõ tiếp khi phiên đã hết hạn.")
    screen(tab, "autosave-restored")
    tab.locator("input[name=_continue]").click()
    expect(tab.locator(".messagelist .success")).to_be_visible()
    assert Post.objects.get(pk=draft.pk).summary == "Gõ tiếp khi phiên đã hết hạn."
