"""`?don_vi=<slug>` on the news list, the events list and calendar, the registry (a facet
counted like the others) and site search; the page cache keeps one entry per unit."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from docs_registry.tests.factories import DocumentFactory
from dvsite.tests.cache_backends import use_cache
from events.tests.factories import EventFactory
from news.tests.factories import PostFactory
from taxonomy.tests.factories import UnitFactory, merge
from taxonomy.units import Kind

pytestmark = pytest.mark.django_db
JULY_1 = datetime.date(2025, 7, 1)
REGISTRY = "/van-ban/"


@pytest.fixture
def units():
    commune = UnitFactory(name="Nam Lý")
    former = UnitFactory(name="Nhân Thịnh")
    merge([former], commune, JULY_1)
    other = UnitFactory(kind=Kind.WARD, name="Duy Tân")
    return {"commune": commune, "former": former, "other": other}


def tagged(item, *units):
    item.units.add(*units)
    return item


def titles(response, name):
    return {str(item) for item in response.context[name]}


def test_the_news_list_keeps_to_the_unit_and_its_former_units(client, units):
    tagged(PostFactory(published=True, title="Tin Nam Lý"), units["commune"])
    tagged(PostFactory(published=True, title="Tin Nhân Thịnh cũ"), units["former"])
    tagged(PostFactory(published=True, title="Tin Duy Tân"), units["other"])
    PostFactory(published=True, title="Tin chung")
    response = client.get(reverse("news:list"), {"don_vi": units["commune"].slug})
    assert titles(response, "posts") == {"Tin Nam Lý", "Tin Nhân Thịnh cũ"}
    assert response.context["paginator"].count == 2
    assert "xã Nam Lý" in response.content.decode()
    # The whole list keeps its own count (kept per generation, per unit).
    assert client.get(reverse("news:list")).context["paginator"].count == 4
    response = client.get(reverse("news:list"), {"don_vi": units["other"].slug})
    assert titles(response, "posts") == {"Tin Duy Tân"}


def test_the_events_list_and_calendar_keep_to_the_unit(client, units):
    today = timezone.localdate()
    tagged(EventFactory(title="Hội nghị Nam Lý", start_date=today), units["former"])
    tagged(EventFactory(title="Hội nghị Duy Tân", start_date=today), units["other"])
    slug = units["commune"].slug
    response = client.get(reverse("events:list"), {"don_vi": slug})
    assert {e.title for e in response.context["upcoming_events"]} == {"Hội nghị Nam Lý"}
    html = client.get(reverse("events:calendar_current"), {"don_vi": slug}).content.decode()
    assert "Hội nghị Nam Lý" in html and "Hội nghị Duy Tân" not in html
    assert f"?don_vi={slug}" in html  # the month links keep the unit
    html = client.get(reverse("events:calendar_current")).content.decode()
    assert "Hội nghị Nam Lý" in html and "Hội nghị Duy Tân" in html  # the grid is cached per unit


def test_the_registry_filters_by_unit_with_a_facet_and_the_right_total(client, units):
    tagged(DocumentFactory(title="Kế hoạch của xã"), units["commune"])
    DocumentFactory(title="Quyết định xã cũ ban hành", issuing_unit=units["former"])
    both = DocumentFactory(title="Hướng dẫn chung hai xã", issuing_unit=units["other"])
    tagged(both, units["commune"])
    DocumentFactory(title="Văn bản không thuộc đơn vị")
    response = client.get(REGISTRY)
    facet = {o.label: o.count for o in response.context["facet_groups"][-1][2]}
    # Nam Lý counts its former commune's document; each document once per unit.
    assert facet == {"phường Duy Tân": 1, "xã Nam Lý": 3, "xã Nhân Thịnh (cũ)": 1}
    assert response.context["paginator"].count == 4
    response = client.get(REGISTRY, {"don_vi": units["commune"].slug})
    assert len(response.context["documents"]) == response.context["paginator"].count == 3
    chosen = [o for o in response.context["facet_groups"][-1][2] if o.selected]
    assert [o.label for o in chosen] == ["xã Nam Lý"]
    # Filters combine: the unit and a validity count the same way as the list.
    year = client.get(REGISTRY, {"don_vi": units["other"].slug, "year": "2021"})
    assert year.context["paginator"].count == len(year.context["documents"]) == 1


def test_site_search_keeps_to_the_unit(client, units):
    tagged(PostFactory(published=True, title="Dân vận khéo ở Nam Lý"), units["commune"])
    tagged(PostFactory(published=True, title="Dân vận khéo ở Duy Tân"), units["other"])
    DocumentFactory(title="Dân vận khéo: kế hoạch", issuing_unit=units["former"])
    response = client.get(reverse("search"), {"q": "dan van kheo", "don_vi": units["commune"].slug})
    shown = {row["hit"].object.title for row in response.context["hits"]}
    assert shown == {"Dân vận khéo ở Nam Lý", "Dân vận khéo: kế hoạch"}
    assert 'name="don_vi"' in response.content.decode()
    response = client.get(reverse("search"), {"q": "dan van kheo"})
    assert len(response.context["hits"]) == 3


@pytest.mark.parametrize(
    "url",
    ["/tin-tuc/", "/su-kien/", "/su-kien/lich/", "/su-kien/lich/2026/1/5/"],
)
@pytest.mark.parametrize("slug", ["khong-co", "x" * 500, "%00", "../../etc"])
def test_an_unknown_unit_is_not_found_never_a_500(client, units, url, slug):
    assert client.get(url, {"don_vi": slug}).status_code == 404


def test_an_unknown_unit_in_the_registry_and_search_is_said(client, units):
    response = client.get(REGISTRY, {"don_vi": "khong-co"})
    assert response.status_code == 200
    assert "Đơn vị này không có trong danh mục." in response.content.decode()
    response = client.get(reverse("search"), {"q": "dân vận", "don_vi": "khong-co"})
    assert response.status_code == 200
    assert "Không tìm thấy đơn vị này" in response.content.decode()
    assert client.get(reverse("search"), {"q": "dân", "don_vi": ["a", "b"]}).status_code == 200


@pytest.fixture
def page_cache_locmem(settings, tmp_path):
    """Whole pages cached in this process's memory (Redis is shared by the other runs)."""
    use_cache("locmem", settings, tmp_path, "dvsite-test-units")
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


def test_the_page_cache_keeps_one_entry_per_unit(client, page_cache_locmem, units):
    tagged(PostFactory(published=True, title="Tin Nam Lý"), units["commune"])
    tagged(PostFactory(published=True, title="Tin Duy Tân"), units["other"])
    a = client.get("/tin-tuc/", {"don_vi": units["commune"].slug})
    b = client.get("/tin-tuc/", {"don_vi": units["other"].slug})
    assert titles(a, "posts") == {"Tin Nam Lý"} and titles(b, "posts") == {"Tin Duy Tân"}
    assert a["X-Page-Cache"] == b["X-Page-Cache"] == "miss"
    again = client.get("/tin-tuc/", {"don_vi": units["other"].slug})
    assert again["X-Page-Cache"] == "hit" and again.content == b.content


_DAY = "the events of a day"


def _fill(units, n):
    for _ in range(n):
        unit = UnitFactory()
        merge([unit], units["commune"], JULY_1)
        tagged(PostFactory(published=True), units["commune"], unit)
        tagged(EventFactory(), unit)
        DocumentFactory(issuing_unit=unit).units.add(units["commune"], units["other"])


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        ("/tin-tuc/", 7),
        ("/su-kien/", 7),
        ("/su-kien/lich/", 5),
        (_DAY, 5),
        (REGISTRY, 9),
        ("/tim-kiem/", 11),
    ],
)
def test_filtered_lists_cost_the_same_queries_at_any_size(
    client, units, django_assert_num_queries, url, queries
):
    params = {"don_vi": units["commune"].slug}
    if url == _DAY:  # the day the factory's events are on
        day = timezone.localdate() + datetime.timedelta(days=7)
        url = reverse("events:day", args=[day.year, day.month, day.day])
    if url == "/tim-kiem/":
        params["q"] = "dan van"
    _fill(units, 2)
    client.get(url, params)  # warm up what a process looks up once
    with django_assert_num_queries(queries):
        client.get(url, params)
    _fill(units, 8)
    with django_assert_num_queries(queries):
        assert client.get(url, params).status_code == 200
