"""A citizen finds their unit on a phone: the units' page filters as they type, without
accents, over current and former names, and the unit's page shows what became of it."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.helpers import check

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_citizen_finds_a_former_district_by_typing_and_sees_what_became_of_it(page, viewport):
    call_command("load_units", verbosity=0)
    call_command("import_seeds", verbosity=0)
    page.goto("/don-vi/")
    items = page.locator(".unit-item")
    total = items.count()
    assert total >= 10
    check(page, "units")
    page.locator("#unit-q").fill("ly nhan")  # no accents
    expect(page.locator(".unit-item:not([hidden])")).to_have_count(1)
    expect(page.locator("#unit-count")).to_have_text("Tìm thấy 1 đơn vị.")
    expect(page.locator(".unit-group", has_text="Tỉnh, thành phố")).to_be_hidden()
    page.locator("#unit-q").fill("khong co don vi nay")
    expect(page.locator("#unit-count")).to_have_text("Không tìm thấy đơn vị nào.")
    page.locator("#unit-q").fill("")
    expect(page.locator(".unit-item:not([hidden])")).to_have_count(total)
    page.locator("#unit-q").fill("ha nam")
    page.locator(".unit-item:not([hidden])").get_by_role("link", name="tỉnh Hà Nam (cũ)").click()
    expect(page.locator("h1")).to_have_text("tỉnh Hà Nam (cũ)")
    expect(page.locator(".unit-history").first).to_contain_text("Nay thuộc tỉnh Ninh Bình")
    # The seed about the Hà Nam conference of 6/1/2022 is the former province's news.
    expect(page.locator(".unit-content a").first).to_be_visible()
    check(page, "unit-former-province")
    page.get_by_role("link", name="tỉnh Ninh Bình").first.click()
    expect(page.locator("h1")).to_have_text("tỉnh Ninh Bình")
    expect(page.locator(".unit-content a").first).to_be_visible()  # Hà Nam's news too
