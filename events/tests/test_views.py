import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from core.publishing import Status
from events import calendar
from events.tests.factories import EventFactory

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate()


def days(n):
    return today() + datetime.timedelta(days=n)


# -- list -------------------------------------------------------------------------------


def test_list_shows_upcoming_soonest_first_and_past_latest_first(client):
    EventFactory(title="Sắp tới xa", start_date=days(20))
    EventFactory(title="Sắp tới gần", start_date=days(2))
    EventFactory(title="Đã qua lâu", start_date=days(-30))
    EventFactory(title="Vừa qua", start_date=days(-2))
    EventFactory(title="Bản nháp bí mật", start_date=days(3), status=Status.DRAFT)
    html = client.get(reverse("events:list")).content.decode()
    order = [html.index(t) for t in ("Sắp tới gần", "Sắp tới xa", "Vừa qua", "Đã qua lâu")]
    assert order == sorted(order)
    assert "Bản nháp bí mật" not in html
    assert html.index("Sắp diễn ra") < html.index("Đã diễn ra")


@pytest.mark.parametrize("rows", [5, 50])
def test_list_query_count_is_constant(client, django_assert_num_queries, rows):
    EventFactory.create_batch(rows // 2, start_date=days(3))
    EventFactory.create_batch(rows - rows // 2, start_date=days(-3))
    # upcoming, past count, past page
    with django_assert_num_queries(3):
        response = client.get(reverse("events:list"))
    assert response.status_code == 200


@pytest.mark.parametrize("query", ["?page=999", "?page=abc", "?page=-1", "?page=%00"])
def test_list_bad_pages_are_404_not_500(client, query):
    EventFactory(start_date=days(-3))
    assert client.get(reverse("events:list") + query).status_code == 404


def test_list_odd_query_strings_are_ignored(client):
    assert client.get(reverse("events:list") + "?x=%ff&kind[]=1").status_code == 200


def test_list_refuses_post(client):
    assert client.post(reverse("events:list")).status_code == 405


# -- month grid ---------------------------------------------------------------------------


def test_month_grid_shows_a_multi_day_event_on_each_day_across_the_month_end(client):
    event = EventFactory(
        title="Lớp bồi dưỡng liên tháng",
        start_date=datetime.date(2024, 1, 30),
        end_date=datetime.date(2024, 2, 2),
    )
    january = client.get(reverse("events:calendar", args=[2024, 1])).content.decode()
    february = client.get(reverse("events:calendar", args=[2024, 2])).content.decode()
    link = f'href="{event.get_absolute_url()}"'
    # January's grid: 30, 31 Jan and (trailing week) 1, 2, 3, 4 Feb are visible; 4 days covered.
    assert january.count(link) == 4
    # February's grid starts Monday 29 January: 30, 31 Jan, 1, 2 Feb.
    assert february.count(link) == 4


def test_month_grid_basics(client):
    response = client.get(reverse("events:calendar", args=[2024, 2]))
    html = response.content.decode()
    assert response.status_code == 200
    for name in ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"):
        assert f'<th scope="col">{name}</th>' in html
    assert html.index("Thứ Hai") < html.index("Chủ Nhật")
    assert reverse("events:calendar", args=[2024, 1]) in html
    assert reverse("events:calendar", args=[2024, 3]) in html
    # Tết Giáp Thìn, 10 February 2024, is the first day of lunar month 1.
    assert 'datetime="2024-02-10"' in html
    tet_cell = html[html.index('datetime="2024-02-10"') :][:400]
    assert "1/1" in tet_cell


def test_current_month_marks_today(client):
    response = client.get(reverse("events:calendar_current"))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'aria-current="date"' in html and "Hôm nay" in html
    assert f'datetime="{today():%Y-%m-%d}"' in html


def test_month_grid_lists_only_published_events(client):
    EventFactory(title="Nháp chưa duyệt", start_date=days(0), status=Status.DRAFT)
    EventFactory(title="Đã công khai", start_date=days(0))
    html = client.get(reverse("events:calendar_current")).content.decode()
    assert "Đã công khai" in html and "Nháp chưa duyệt" not in html


@pytest.mark.parametrize("rows", [5, 50])
def test_month_grid_query_count_is_constant(client, django_assert_num_queries, rows):
    for i in range(rows):
        EventFactory(
            start_date=datetime.date(2024, 3, 1 + i % 28),
            end_date=datetime.date(2024, 3, 1 + i % 28) + datetime.timedelta(days=i % 3),
        )
    with django_assert_num_queries(2):  # each day's first events, every day's count
        response = client.get(reverse("events:calendar", args=[2024, 3]))
    grid = response.context["grid"]
    covered = sum((i % 3) + 1 for i in range(rows))  # days each event runs on, all in the grid
    assert sum(len(day.events) + day.more for day in grid.days) == covered


@pytest.mark.parametrize(
    "path",
    [
        "/su-kien/lich/2024/13/",
        "/su-kien/lich/2024/0/",
        "/su-kien/lich/99999/1/",
        "/su-kien/lich/0/1/",
        "/su-kien/lich/2024/abc/",
        "/su-kien/lich/99999999999999999999/1/",
    ],
)
def test_bad_months_are_404(client, path):
    assert client.get(path).status_code == 404


# -- detail ----------------------------------------------------------------------------------


def test_detail_shows_facts_lunar_date_and_add_to_calendar(client):
    event = EventFactory(
        title="Hội nghị trực tuyến",
        start_date=datetime.date(2024, 9, 17),
        format="online",
        connection_points=91,
        themes="Công tác dân vận trong tình hình mới",
        speakers="TS Nguyễn Minh Thơ",
    )
    html = client.get(event.get_absolute_url()).content.decode()
    assert "ngày 15 tháng 8 năm Giáp Thìn (âm lịch)" in html
    assert "91 điểm cầu" in html and "Trực tuyến" in html
    assert "TS Nguyễn Minh Thơ" in html and "Công tác dân vận trong tình hình mới" in html
    assert reverse("events:ics", args=[event.slug]) in html
    assert "Thứ Ba, 17/09/2024" in html


def test_detail_lists_published_related_posts_only(client):
    from news.models import Post

    event = EventFactory()
    public = Post.objects.create(
        title="Tin đưa về hội nghị", status=Status.PUBLISHED, publish_at=timezone.now()
    )
    draft = Post.objects.create(title="Bài nháp về hội nghị", status=Status.DRAFT)
    event.posts.add(public, draft)
    html = client.get(event.get_absolute_url()).content.decode()
    assert "Tin đưa về hội nghị" in html and "Bài nháp về hội nghị" not in html
    assert public.events.get() == event


def test_detail_unknown_or_draft_is_404_for_the_public(client):
    draft = EventFactory(status=Status.DRAFT)
    assert client.get(reverse("events:detail", args=["khong-co"])).status_code == 404
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(reverse("events:ics", args=[draft.slug])).status_code == 404


def test_staff_preview_a_draft_uncached(client, editor):
    draft = EventFactory(status=Status.DRAFT, title="Sự kiện đang soạn")
    client.force_login(editor)
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert "Bản xem trước" in response.content.decode()
    assert "no-cache" in response["Cache-Control"]


def test_the_calendar_paths_are_not_taken_as_slugs(client):
    EventFactory(title="Lịch")
    assert client.get("/su-kien/lich/").status_code == 200
    assert client.get("/su-kien/lich.ics")["Content-Type"].startswith("text/calendar")


def test_detail_refuses_post(client):
    event = EventFactory()
    assert client.post(event.get_absolute_url()).status_code == 405
    assert client.post(reverse("events:ics", args=[event.slug])).status_code == 405


# -- a crowded month ---------------------------------------------------------------------------


def _crowd(day, number, **kwargs):
    return [
        EventFactory(title=f"Sự kiện đông {n:02d}", start_date=day, end_date=day, **kwargs)
        for n in range(number)
    ]


def test_a_crowded_day_shows_its_first_events_and_links_to_the_rest(client):
    day = datetime.date(2024, 3, 12)
    _crowd(day, calendar.DAY_LIMIT + 3)
    EventFactory(title="Hội nghị ba ngày", start_date=day, end_date=day + datetime.timedelta(2))
    response = client.get(reverse("events:calendar", args=[2024, 3]))
    html = response.content.decode()
    cell = next(d for d in response.context["grid"].days if d.date == day)
    assert len(cell.events) == calendar.DAY_LIMIT and cell.more == 4
    assert "Hội nghị ba ngày" in [event.title for event in cell.events]  # runs on, ranks first
    assert html.count('class="event-chip') == calendar.DAY_LIMIT + 2  # and on its next two days
    day_url = reverse("events:day", args=[2024, 3, 12])
    assert f'<a href="{day_url}">+ 4 sự kiện</a>' in html
    listed = client.get(day_url)
    assert listed.status_code == 200
    titles = [event.title for event in listed.context["events"]]
    assert len(titles) == calendar.DAY_LIMIT + 4 and "Hội nghị ba ngày" in titles
    next_day = next(d for d in response.context["grid"].days if d.date.day == 13)
    assert [event.title for event in next_day.events] == ["Hội nghị ba ngày"]
    assert next_day.more == 0


def test_a_day_under_the_cap_has_no_more_link(client):
    _crowd(datetime.date(2024, 3, 12), calendar.DAY_LIMIT)
    html = client.get(reverse("events:calendar", args=[2024, 3])).content.decode()
    assert html.count('class="event-chip') == calendar.DAY_LIMIT
    assert "event-more" not in html


@pytest.mark.parametrize("crowd", [3, 40])
def test_crowded_month_queries_and_chips_do_not_grow(client, django_assert_num_queries, crowd):
    for day in (1, 12, 31):
        _crowd(datetime.date(2024, 3, day), crowd)
    EventFactory(start_date=datetime.date(2024, 2, 20), end_date=datetime.date(2024, 3, 3))
    with django_assert_num_queries(2):  # each day's first events, every day's count
        response = client.get(reverse("events:calendar", args=[2024, 3]))
    chips = response.content.decode().count('class="event-chip')
    assert chips <= 3 * calendar.DAY_LIMIT + 14  # the long event draws itself on its days
    grid = response.context["grid"]
    assert sum(len(d.events) + d.more for d in grid.days if d.date.day == 12) == crowd


def test_bad_days_are_404(client):
    for path in ("/su-kien/lich/2024/2/30/", "/su-kien/lich/2024/13/1/", "/su-kien/lich/9999/1/1/"):
        assert client.get(path).status_code == 404
    assert client.get("/su-kien/lich/2024/2/1/", {"page": "abc"}).status_code == 404
