import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from core.publishing import Status
from schedule.models import Session
from schedule.tests.factories import WorkItemFactory, WorkWeekFactory
from schedule.weeks import Week

pytestmark = pytest.mark.django_db
URL = "/lich-cong-tac/"


def test_the_page_shows_this_week_by_default(client):
    this = Week.current()
    week = WorkWeekFactory(iso_week=this, title="Lịch công tác của Thường trực Ban")
    WorkItemFactory(
        week=week, weekday=1, content="Họp giao ban đầu tuần", time=datetime.time(7, 30)
    )
    WorkItemFactory(week=week, weekday=1, session=Session.AFTERNOON, content="Tiếp công dân")
    WorkItemFactory(week=WorkWeekFactory(iso_week=this.previous), content="Việc tuần trước")
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert this.label in html
    assert "Họp giao ban đầu tuần" in html and "07:30" in html
    assert html.index("Họp giao ban đầu tuần") < html.index("Tiếp công dân")
    assert "Việc tuần trước" not in html
    assert "Thứ Hai" in html and "Tuần này" in html
    assert f'href="{URL}?tuan={this.previous.code}" rel="prev"' in html
    assert f'href="{URL}?tuan={this.next.code}" rel="next"' in html
    assert f'<link rel="canonical" href="http://127.0.0.1:8000{URL}?tuan={this.code}">' in html


def test_a_week_in_the_past_and_its_neighbours(client):
    past = Week(2025, 3)
    WorkItemFactory(week=WorkWeekFactory(iso_week=past), weekday=4, content="Khảo sát mô hình")
    html = client.get(URL, {"tuan": "2025-W03"}).content.decode()
    assert "Khảo sát mô hình" in html
    assert "Thứ Năm" in html and "16/01/2025" in html
    assert "?tuan=2025-W02" in html and "?tuan=2025-W04" in html
    assert f'href="{URL}">Tuần này' in html


def test_drafts_and_scheduled_weeks_are_not_shown(client):
    this = Week.current()
    WorkItemFactory(week=WorkWeekFactory(status=Status.DRAFT, publish_at=None), content="Nháp")
    future = timezone.now() + datetime.timedelta(hours=3)
    WorkItemFactory(week=WorkWeekFactory(publish_at=future), content="Hẹn giờ")
    html = client.get(URL, {"tuan": this.code}).content.decode()
    assert "Nháp" not in html and "Hẹn giờ" not in html
    assert "Chưa có lịch công tác công bố cho tuần này." in html


def test_adjusted_and_postponed_rows_are_marked(client, publisher):
    week = WorkWeekFactory(status=Status.DRAFT, publish_at=None)
    row = WorkItemFactory(week=week, content="Hội nghị sơ kết")
    week.publish(publisher)
    row.time = datetime.time(14, 0)
    row.session = Session.AFTERNOON
    row.save()
    WorkItemFactory(week=week, weekday=2, content="Làm việc tại xã", postponed=True)
    html = client.get(URL).content.decode()
    assert html.count('class="badge badge-adjusted">Điều chỉnh</span> Hội nghị sơ kết') == 1
    assert '<span class="badge badge-postponed">Hoãn</span>' in html


@pytest.mark.parametrize(
    "value",
    ["abc", "0000-W01", "2026-W54", "2025-W53", "2026-W", "-1", "2026-W49'--", "9" * 500, ""],
)
@pytest.mark.parametrize("name", ["schedule:week", "schedule:print", "schedule:ics"])
def test_bad_weeks_are_a_404_never_a_500(client, name, value):
    response = client.get(reverse(name), {"tuan": value})
    assert response.status_code == 404
    if name == "schedule:week":
        assert "Không tìm thấy trang" in response.content.decode()


@pytest.mark.parametrize("name", ["schedule:week", "schedule:print", "schedule:ics"])
def test_a_week_written_another_way_redirects_to_its_address(client, name):
    response = client.get(reverse(name), {"tuan": "2026w9"})
    assert response.status_code == 301
    assert response["Location"] == f"{reverse(name)}?tuan=2026-W09"


@pytest.mark.parametrize("name", ["schedule:week", "schedule:print", "schedule:ics"])
def test_wrong_methods_are_refused(client, name):
    assert client.post(reverse(name)).status_code == 405
    assert client.head(reverse(name)).status_code == 200


def test_print_view_is_a_page_of_its_own_without_site_chrome(client):
    WorkItemFactory(content="Họp Thường trực")
    response = client.get(reverse("schedule:print"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Họp Thường trực" in html
    assert "schedule/print.css" in html and "site-nav" not in html
    assert '<meta name="robots" content="noindex">' in html


def test_staff_preview_drafts_never_cached(client, publisher):
    WorkItemFactory(week=WorkWeekFactory(status=Status.DRAFT, publish_at=None), content="Nháp mới")
    client.force_login(publisher)
    response = client.get(URL)
    assert "Nháp mới" in response.content.decode()
    assert "Bản xem trước" in response.content.decode()
    assert "no-cache" in response["Cache-Control"]


def test_personal_data_of_citizens_is_not_needed_the_schedule_shows_only_its_rows(client):
    WorkItemFactory(content="Tiếp công dân", participants="Cán bộ Văn phòng")
    html = client.get(URL).content.decode()
    assert "Cán bộ Văn phòng" in html


@pytest.mark.parametrize("rows", [3, 30])
def test_query_count_is_constant(client, django_assert_num_queries, rows):
    this = Week.current()
    for n in range(2):
        week = WorkWeekFactory(iso_week=this)
        WorkItemFactory.create_batch(rows, week=week, weekday=(n % 7) + 1)
    with django_assert_num_queries(2):
        response = client.get(URL)
    assert response.content.decode().count('class="col-content" data-label') == 2 * rows


def test_sitemap_lists_each_public_week_once(client):
    WorkWeekFactory(iso_week=Week(2026, 10))
    WorkWeekFactory(iso_week=Week(2026, 10))
    WorkWeekFactory(iso_week=Week(2026, 11), status=Status.DRAFT, publish_at=None)
    xml = client.get("/sitemap-lich-cong-tac.xml").content.decode()
    assert xml.count("?tuan=2026-W10") == 1
    assert "2026-W11" not in xml


def test_site_search_finds_a_week_by_its_rows_without_accents(client):
    week = WorkWeekFactory()
    WorkItemFactory(week=week, content="Kiểm tra mô hình Dân vận khéo ở xã")
    week.refresh_search()
    html = client.get("/tim-kiem/", {"q": "dan van kheo"}).content.decode()
    assert week.title in html
    assert "Kiểm tra mô hình" in html  # the snippet, from the rows' own text
