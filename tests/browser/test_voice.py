"""A citizen on a 375-px phone with JavaScript off sends a question, gets a tracking code,
follows it, and later reads the published answer (citizens' voice, voice/)."""

import contextlib
import time

import pytest
from playwright.sync_api import expect

from taxonomy.units import Kind as UnitKind
from taxonomy.units import Unit
from tests.browser.conftest import PHONE
from voice.models import Question, State

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
SCREENS = "/work/screens"


@pytest.fixture
def phone_without_js(chromium, live_server, settings):
    settings.ROOT_URLCONF = "tests.browser.urls"
    settings.VOICE_MIN_FILL_SECONDS = 1
    context = chromium.new_context(
        viewport=PHONE,
        locale="vi-VN",
        timezone_id="Asia/Ho_Chi_Minh",
        java_script_enabled=False,
        base_url=live_server.url,
    )
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def shoot(page, name):
    # The screenshots folder is a convenience, not part of the test.
    with contextlib.suppress(OSError):
        page.screenshot(path=f"{SCREENS}/voice-{name}.png", full_page=True)


def answer_as_staff(question, user):
    question.receive(user)
    question.assign(user, question.units.first())
    question.answer = (
        "Ủy ban nhân dân xã đã kiểm tra; tuyến đường sẽ được sửa chữa trong quý II. "
        "Cảm ơn ông/bà đã phản ánh."
    )
    question.save()
    question.publish(user)


def test_a_citizen_sends_follows_and_reads_the_answer_on_a_phone_without_javascript(
    phone_without_js, superuser
):
    page = phone_without_js
    commune = Unit.objects.create(kind=UnitKind.COMMUNE, name="Mộc Bắc")

    page.goto("/hoi-dap/gui/")
    page.select_option("#id_kind", "phan-anh")
    page.select_option("#id_unit", str(commune.pk))
    page.fill("#id_title", "Đường liên thôn xuống cấp")
    page.fill("#id_content", "Tuyến đường liên thôn Đông – Tây bị hư hỏng nặng sau mưa lũ.")
    page.fill("#id_name", "Lê Văn Dân")
    page.fill("#id_phone", "0912 000 111")
    page.check("#id_allow_publish")
    shoot(page, "1-form-phone")
    page.click(".voice-form button[type=submit]")
    # Forgot the consent: told why, nothing lost.
    expect(page.locator(".voice-alert")).to_be_visible()
    expect(page.locator("#id_content")).to_have_value(
        "Tuyến đường liên thôn Đông – Tây bị hư hỏng nặng sau mưa lũ."
    )
    expect(page.get_by_text("Bạn cần đồng ý với việc xử lý dữ liệu cá nhân")).to_be_visible()
    shoot(page, "2-missing-consent-phone")
    page.check("#id_consent")
    time.sleep(1.2)
    page.click(".voice-form button[type=submit]")

    code = page.locator("#voice-code").inner_text().strip()
    assert len(code.replace("-", "")) == 10
    shoot(page, "3-code-phone")
    question = Question.objects.get()
    assert question.display_code == code and question.state == State.NEW

    page.get_by_role("link", name="Theo dõi ngay").click()
    expect(page.locator("#id_code")).to_have_value(code)
    page.fill("#id_contact", "0912000111")
    page.click(".voice-form button[type=submit]")
    expect(page.locator("#voice-state")).to_have_text("Mới")
    shoot(page, "4-follow-new-phone")

    answer_as_staff(question, superuser)

    page.goto("/hoi-dap/tra-cuu/")
    page.fill("#id_code", code.lower())
    page.fill("#id_contact", "+84 912 000 111")
    page.click(".voice-form button[type=submit]")
    expect(page.locator("#voice-state")).to_have_text("Đã trả lời")
    expect(page.locator("#voice-answer")).to_contain_text("tuyến đường sẽ được sửa chữa")
    shoot(page, "5-follow-answered-phone")

    page.get_by_role("link", name="Xem trang hỏi đáp công khai").click()
    expect(page.locator("h1")).to_have_text("Đường liên thôn xuống cấp")
    expect(page.locator(".voice-answer")).to_contain_text("sửa chữa trong quý II")
    assert "Lê Văn Dân" not in page.content() and "0912" not in page.content()
    shoot(page, "6-answer-page-phone")

    page.goto("/hoi-dap/")
    expect(page.get_by_role("link", name="Đường liên thôn xuống cấp")).to_be_visible()
    shoot(page, "7-list-phone")
