"""The units' pages: /don-vi/ and /don-vi/<slug>/ (sections discovered from the models)."""

import datetime

import pytest

from docs_registry.tests.factories import DocumentFactory
from dvsite.units import unit_sections
from events.tests.factories import EventFactory
from news.tests.factories import PostFactory
from taxonomy.tests.factories import UnitFactory, merge
from taxonomy.units import Kind, Unit

pytestmark = pytest.mark.django_db
JULY_1 = datetime.date(2025, 7, 1)
INDEX = "/don-vi/"


@pytest.fixture
def place():
    """tỉnh Ninh Bình ← tỉnh Hà Nam (huyện Lý Nhân, xã Nhân Thịnh); xã Nam Lý ← xã Nhân Thịnh."""
    ninh_binh = UnitFactory(kind=Kind.PROVINCE, name="Ninh Bình")
    ha_nam = UnitFactory(kind=Kind.PROVINCE, name="Hà Nam", code="35")
    ly_nhan = UnitFactory(kind=Kind.DISTRICT, name="Lý Nhân", parent=ha_nam, ended_on=JULY_1)
    nhan_thinh = UnitFactory(name="Nhân Thịnh", parent=ly_nhan)
    merge([ha_nam], ninh_binh, JULY_1)
    nam_ly = UnitFactory(name="Nam Lý", parent=ninh_binh, former_names="xã Nhân Thịnh")
    merge([nhan_thinh], nam_ly, JULY_1)
    UnitFactory(kind=Kind.ORGANISATION, name="Hội Nông dân tỉnh Ninh Bình", parent=ninh_binh)
    return {u.name: u for u in Unit.objects.all()}


def tagged(item, *units):
    item.units.add(*units)
    return item


def test_every_public_unit_scoped_model_has_a_section():
    titles = [section.title for _model, section in unit_sections()]
    assert titles[:3] == ["Tin tức", "Sự kiện sắp diễn ra", "Văn bản"]


def test_a_current_commune_shows_its_content_and_its_former_communes(client, place):
    own = tagged(PostFactory(published=True, title="Tin của xã Nam Lý"), place["Nam Lý"])
    old = tagged(PostFactory(published=True, title="Tin xã Nhân Thịnh 2022"), place["Nhân Thịnh"])
    tagged(PostFactory(title="Bản nháp của xã"), place["Nam Lý"])
    tagged(PostFactory(published=True, title="Tin huyện khác"), place["Lý Nhân"])
    event = tagged(EventFactory(title="Hội nghị dân vận xã"), place["Nam Lý"])
    tagged(
        EventFactory(title="Hội nghị đã qua", start_date=datetime.date(2024, 1, 5)), place["Nam Lý"]
    )
    document = DocumentFactory(issuing_unit=place["Nam Lý"], title="Kế hoạch dân vận xã")
    html = client.get(place["Nam Lý"].get_absolute_url()).content.decode()
    for shown in (own.title, old.title, event.title, document.title, "xã Nhân Thịnh (cũ)"):
        assert shown in html
    for hidden in ("Bản nháp của xã", "Tin huyện khác", "Hội nghị đã qua"):
        assert hidden not in html
    assert "Được hình thành từ" in html
    assert f"/tin-tuc/?don_vi={place['Nam Lý'].slug}" in html


def test_a_former_district_says_what_became_of_it_and_shows_its_communes_content(client, place):
    old = tagged(PostFactory(published=True, title="Tin xã Nhân Thịnh 2022"), place["Nhân Thịnh"])
    html = client.get(place["Lý Nhân"].get_absolute_url()).content.decode()
    assert "huyện Lý Nhân (cũ)" in html
    assert "Đơn vị này không còn tồn tại từ 01/07/2025" in html
    assert old.title in html
    html = client.get(place["Hà Nam"].get_absolute_url()).content.decode()
    assert "Nay thuộc" in html and "tỉnh Ninh Bình" in html and "01/07/2025" in html
    # The new province shows the former province's content, and its districts'.
    assert old.title in client.get(place["Ninh Bình"].get_absolute_url()).content.decode()


def test_the_province_lists_its_current_members(client, place):
    html = client.get(place["Ninh Bình"].get_absolute_url()).content.decode()
    assert "Đơn vị trực thuộc" in html and "xã Nam Lý" in html
    assert "Hội Nông dân tỉnh Ninh Bình" in html


def test_the_index_groups_units_and_finds_them_by_any_name_without_accents(client, place):
    html = client.get(INDEX).content.decode()
    for heading in ("Tỉnh, thành phố", "Xã, phường, đặc khu", "Cơ quan, tổ chức", "Đơn vị cũ"):
        assert heading in html
    assert "unit_search.js" in html and 'name="q"' in html
    found = client.get(INDEX, {"q": "nhan thinh"}).context
    assert {u.name for u in found["former"]} == {"Nhân Thịnh"}
    assert [u.name for _title, rows in found["groups"] for u in rows] == ["Nam Lý"]  # tên cũ
    html = client.get(INDEX, {"q": "ha nam"}).content.decode()
    assert "Nay thuộc" in html and "tỉnh Ninh Bình" in html


@pytest.mark.parametrize(
    "query",
    [{"q": "x" * 5000}, {"q": "\x00\x1f"}, {"q": "' OR 1=1 --"}, {"q": ["a", "b"]}, {"page": "-1"}],
)
def test_odd_queries_never_fail(client, place, query):
    response = client.get(INDEX, query)
    assert response.status_code == 200


def test_unknown_slugs_and_wrong_methods(client, place):
    assert client.get("/don-vi/khong-co-don-vi-nay/").status_code == 404
    assert client.get("/don-vi/%C4%91/").status_code == 404
    assert client.post(INDEX).status_code == 405
    assert client.post(place["Nam Lý"].get_absolute_url()).status_code == 405


def _fill(place, n):
    units = [UnitFactory(parent=place["Ninh Bình"]) for _ in range(n)]
    former = [UnitFactory() for _ in range(n)]
    merge(former, place["Nam Lý"], JULY_1)
    for i in range(n):
        tagged(PostFactory(published=True), place["Nam Lý"], units[i])
        tagged(PostFactory(published=True), former[i])
        tagged(EventFactory(), place["Nam Lý"])
        DocumentFactory(issuing_unit=former[i])


@pytest.mark.parametrize("page", ["index", "detail"])
def test_queries_do_not_grow_with_units_or_rows(client, place, page, django_assert_num_queries):
    def url():
        return INDEX if page == "index" else place["Nam Lý"].get_absolute_url()

    _fill(place, 2)
    # A unit's page: five for the unit and its history, and one per kind of content (posts,
    # events, documents, weekly schedules, practices, questions).
    with django_assert_num_queries(2 if page == "index" else 11):
        assert client.get(url()).status_code == 200
    _fill(place, 8)
    with django_assert_num_queries(2 if page == "index" else 11):
        assert client.get(url()).status_code == 200


def test_the_sitemap_lists_the_index_and_every_unit(client, place):
    index = client.get("/sitemap-trang.xml").content.decode()
    assert "/don-vi/</loc>" in index
    units = client.get("/sitemap-don-vi.xml").content.decode()
    for unit in place.values():
        assert f"{unit.get_absolute_url()}</loc>" in units  # former units too
