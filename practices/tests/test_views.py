import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from core.publishing import Status
from practices.models import Level
from practices.tests.factories import (
    PracticeFactory,
    RecognitionFactory,
    ResultFactory,
    UnitFactory,
    group,
    recognised,
    sector,
)

pytestmark = pytest.mark.django_db
LIST = "/mo-hinh/"


def count_shown(response):
    return response.context["paginator"].count


def facet(response, name):
    return {o.value: o for o in {n: opts for n, _, opts in response.context["facet_groups"]}[name]}


def test_catalogue_lists_published_models_only(client):
    shown = PracticeFactory(title="Camera an ninh thôn xóm")
    PracticeFactory(title="Mô hình nháp", status=Status.DRAFT)
    PracticeFactory(title="Mô hình hẹn giờ", publish_at=timezone.now() + datetime.timedelta(days=1))
    response = client.get(LIST)
    assert response.status_code == 200
    assert list(response.context["practices"]) == [shown]
    assert "Camera an ninh thôn xóm" in response.content.decode()
    assert "Mô hình nháp" not in response.content.decode()


def test_one_click_to_recognised_in_2024_and_counts_equal_the_list(client):
    for _ in range(3):
        recognised(2024)
    recognised(2023)
    both = recognised(2023)
    RecognitionFactory(practice=both, year=2024, level=Level.NATIONAL)
    PracticeFactory()  # never recognised
    response = client.get(LIST)
    years = facet(response, "nam")
    assert years["2024"].count == 4 and years["2023"].count == 2
    assert count_shown(response) == 6
    filtered = client.get(LIST + years["2024"].url)
    assert count_shown(filtered) == 4
    assert "2024" in filtered.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?nam=2024",
        "?linh_vuc=kinh-te",
        "?cap=tinh&nam=2023",
        "?doi_tuong=nong-dan",
        "?linh_vuc=van-hoa-xa-hoi",  # chosen, but empty
        "?q=duong+hoa",
        "?cap=xa",
        "?doi_tuong=nong-dan&nam=2024",
        "?doi_tuong=nong-dan&cap=tinh",
    ],
)
def test_every_facet_count_is_the_length_of_its_list(client, query):
    farmers = recognised(2024, sector=sector("kinh-te"))
    farmers.groups.add(group("nong-dan"))
    recognised(2023, level=Level.COMMUNE, sector=sector("quoc-phong-an-ninh"))
    recognised(2023, level=Level.PROVINCE, title="Đường hoa Dân vận khéo")
    PracticeFactory(sector=None, unit=None)
    # Not public, each with a recognition and a group the facets must not count: a draft, a
    # scheduled model, and one withdrawn after it was recognised (its recognitions follow).
    withdrawn = recognised(2024, level=Level.COMMUNE)
    withdrawn.status = Status.DRAFT
    withdrawn.save()
    for hidden in (
        recognised(2024, status=Status.DRAFT),
        recognised(2023, publish_at=timezone.now() + datetime.timedelta(days=2)),
        withdrawn,
    ):
        hidden.groups.add(group("nong-dan"))
    response = client.get(LIST + query)
    assert response.status_code == 200
    total = count_shown(response)
    for name, _title, options in response.context["facet_groups"]:
        for option in options:
            if option.selected:  # its link takes the choice off: its count is this list's
                assert option.count == total, (name, option.value)
            else:
                assert count_shown(client.get(LIST + option.url)) == option.count, (name, option)


@pytest.mark.parametrize(
    "query",
    [
        "?nam=abc",
        "?nam=99999",
        "?linh_vuc=khong-co",
        "?don_vi=%00",
        "?cap=huyen",
        "?sort=x",
        "?q=" + "a" * 300,
        "?page=999",
        "?page=abc",
        "?nam[]=1&cap=",
    ],
)
def test_bad_input_is_explained_not_a_500(client, query):
    recognised(2024)
    response = client.get(LIST + query)
    assert response.status_code in (200, 404)
    if response.status_code == 200 and "page" not in query and query != "?nam[]=1&cap=":
        assert response.context["filter_errors"]
        # an invalid filter applies none: the whole catalogue, with a Vietnamese message
        assert count_shown(response) == 1
        assert "Bộ lọc chưa hợp lệ" in response.content.decode()


def test_wrong_methods_and_unknown_slugs(client):
    practice = PracticeFactory()
    assert client.post(LIST).status_code == 405
    assert client.post(practice.get_absolute_url()).status_code == 405
    assert client.get("/mo-hinh/khong-co-mo-hinh-nay/").status_code == 404
    assert client.get("/mo-hinh/tai-ve.csv?nam=abc").status_code == 302


@pytest.mark.parametrize("size", [3, 12])
def test_catalogue_query_count_is_constant(client, django_assert_num_queries, size):
    for n in range(size):
        practice = recognised(2020 + n % 4)
        practice.groups.add(group())
    # facets (field and unit together, the fields' and units' names, groups, levels, years),
    # the page's candidate ids in order and which are public, its rows, their recognitions:
    # no COUNT (the facets' total)
    with django_assert_num_queries(10):
        client.get(LIST)
    with django_assert_num_queries(13):  # + the chosen field (twice); field and unit apart
        client.get(LIST + "?linh_vuc=kinh-te&nam=2021")


def test_model_page_shows_results_recognitions_posts_and_same_unit(client):
    unit = UnitFactory(name="Mộc Bắc")
    practice = recognised(2024, title="Tuyến đường hoa", unit=unit)
    ResultFactory(practice=practice, value="1.2", unit="tỷ đồng", label="nhân dân đóng góp")
    ResultFactory(practice=practice, value="350", unit="hộ", label="thoát nghèo")
    other = PracticeFactory(title="Camera an ninh", unit=unit)
    PracticeFactory(title="Mô hình nháp cùng xã", unit=unit, status=Status.DRAFT)
    page = client.get(practice.get_absolute_url()).content.decode()
    assert "1,2" in page and "tỷ đồng" in page and "350" in page
    assert "Cấp tỉnh</strong>, năm 2024" in page
    assert other.title in page and "Mô hình nháp cùng xã" not in page
    assert '"@type":"Project"' in page and '"spatialCoverage"' in page
    assert "xã Mộc Bắc" in page


@pytest.mark.parametrize("size", [2, 8])
def test_model_page_query_count_is_constant(client, django_assert_num_queries, size):
    practice = recognised(2024)
    for n in range(size):
        ResultFactory(practice=practice, value=n + 1)
        RecognitionFactory(practice=practice, year=2000 + n, level=Level.COMMUNE)
        PracticeFactory(unit=practice.unit)
    with django_assert_num_queries(7):
        client.get(practice.get_absolute_url())


def test_summary_table_counts_models_by_field_and_year(client):
    recognised(2024, sector=sector("kinh-te"))
    recognised(2024, sector=sector("kinh-te"))
    twice = recognised(2023, sector=sector("quoc-phong-an-ninh"))
    RecognitionFactory(practice=twice, year=2024)
    response = client.get(reverse("practices:summary"))
    table = response.context["table"]
    assert table.years == [2023, 2024]
    rows = {row.label: row for row in table.rows}
    assert rows["Kinh tế"].cells == [0, 2] and rows["Kinh tế"].total == 2
    assert rows["Quốc phòng – an ninh"].cells == [1, 1] and rows["Quốc phòng – an ninh"].total == 1
    assert table.column_totals == [1, 3] and table.total == 3
    page = response.content.decode()
    assert "<svg" in page and "Kinh tế, năm 2024: 2 mô hình" in page


def test_feed_and_sitemap_list_only_public_models(client):
    shown = recognised(2024, title="Dân vận khéo trong giải phóng mặt bằng")
    recognised(2024, title="Bản nháp bí mật", status=Status.DRAFT)
    feed = client.get(reverse("practices:rss")).content.decode()
    assert shown.title in feed and "Bản nháp bí mật" not in feed
    sitemap = client.get("/sitemap-mo-hinh.xml").content.decode()
    assert shown.slug in sitemap and "ban-nhap-bi-mat" not in sitemap


def test_facets_are_kept_until_the_catalogue_changes(client, settings, publisher):
    settings.FRAGMENT_CACHE_SECONDS = 300
    recognised(2024)
    assert count_shown(client.get(LIST + "?nam=2024")) == 1
    draft = recognised(2024, status=Status.DRAFT)
    assert count_shown(client.get(LIST + "?nam=2024")) == 1  # kept: nothing public changed
    draft.publish(publisher)
    response = client.get(LIST + "?nam=2024")
    assert count_shown(response) == 2 and len(response.context["practices"]) == 2


def test_many_scheduled_models_ahead_in_the_order_are_never_listed(client):
    soon = timezone.now() + datetime.timedelta(days=3)
    for _ in range(60):
        recognised(2025, publish_at=soon)  # newest recognition: first in the order
    shown = [recognised(2020), recognised(2019)]
    response = client.get(LIST)
    assert list(response.context["practices"]) == shown
    assert count_shown(response) == 2


def test_recognitions_follow_their_models_public_state():
    """The facets read a recognition's copy of its model's status and publish_at."""
    practice = recognised(2024)
    later = timezone.now() + datetime.timedelta(days=5)
    practice.publish_at = later
    practice.save()
    assert list(practice.recognitions.values_list("status", "publish_at")) == [
        (Status.PUBLISHED, later)
    ]
    practice.status = Status.DRAFT
    practice.save()
    RecognitionFactory(practice=practice, year=2025)
    assert set(practice.recognitions.values_list("status", flat=True)) == {Status.DRAFT}
