"""A citizen finds a "Dân vận khéo" model in the catalogue, at desktop and phone width: one click
to "recognised in 2024", the model's page with its results, the summary chart; axe on each."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.helpers import assert_accessible, check

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def catalogue(db):
    import importlib

    from django.apps import apps

    # A flush between browser tests removes the vocabularies' data migration rows: seed again.
    importlib.import_module("practices.migrations.0004_vocabularies").seed(apps, None)
    from practices.models import Level
    from practices.tests.factories import ResultFactory, UnitFactory, group, recognised
    from taxonomy.units import Kind
    from tools import synthetic_practices

    synthetic_practices.generate(80, seed=5)
    unit = UnitFactory(kind=Kind.COMMUNE, name="Mộc Bắc")
    practice = recognised(
        2024,
        level=Level.PROVINCE,
        title="Tuyến đường hoa tự quản",
        unit=unit,
        summary="<p>Nhân dân hiến đất, góp công, trồng và chăm sóc 12 km đường hoa.</p>",
        how_to_copy="<ol><li>Họp dân bàn bạc.</li><li>Chia đoạn cho từng hộ.</li></ol>",
    )
    practice.groups.add(group("phu-nu"))
    for value, measure, label in [
        ("12", "km", "đường hoa"),
        ("350", "hộ", "tham gia"),
        ("1.2", "tỷ đồng", "Nhân dân đóng góp"),
    ]:
        ResultFactory(practice=practice, value=value, unit=measure, label=label, year=2024)
    return practice


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_citizen_finds_a_model_recognised_in_2024(page, catalogue, viewport):
    page.goto("/mo-hinh/")
    expect(page.locator("h1")).to_have_text("Mô hình Dân vận khéo")
    check(page, "practices-catalogue")
    if viewport == PHONE:
        page.locator(".pr-filter-box summary").click()
    option = page.locator("#facet-nam + ul a", has_text="2024")
    expected = option.inner_text().split("(")[1].rstrip(")")
    option.click()
    page.wait_for_load_state()
    expect(page.locator("#pr-count")).to_contain_text(f"Có {expected} mô hình phù hợp")
    page.goto("/mo-hinh/?q=duong+hoa+tu+quan")
    page.get_by_role("link", name="Tuyến đường hoa tự quản").first.click()
    page.wait_for_load_state()
    expect(page.locator(".pr-results")).to_contain_text("1,2")
    expect(page.locator(".pr-results")).to_contain_text("tỷ đồng")
    check(page, "practices-model")
    page.goto("/mo-hinh/thong-ke/")
    expect(page.locator("svg.pr-chart")).to_be_visible()
    assert_accessible(page)
