""" "Xem nhiều nhất" over the last 30 days (configurable), from readers counted per post per day."""

import datetime

import pytest
from django.utils import timezone

from core.view_counts import view_counter
from news.models import Post, PostDailyViews
from news.tests.factories import PostFactory

pytestmark = pytest.mark.django_db


def _read(post, days_ago, count):
    PostDailyViews.objects.create(
        post=post, day=timezone.localdate() - datetime.timedelta(days=days_ago), count=count
    )


@pytest.fixture
def posts():
    old_favourite = PostFactory(title="Cũ mà nhiều lượt xem", published=True, view_count=10_000)
    last_month = PostFactory(title="Đọc nhiều 40 ngày trước", published=True, view_count=5_000)
    _read(last_month, 40, 5_000)
    this_week = PostFactory(title="Đọc nhiều tuần này", published=True, view_count=300)
    _read(this_week, 2, 200)
    _read(this_week, 0, 100)
    today = PostFactory(title="Đọc hôm nay", published=True, view_count=150)
    _read(today, 0, 150)
    draft = PostFactory(title="Bản nháp", view_count=99_999)
    _read(draft, 0, 99_999)
    return old_favourite, last_month, this_week, today


def test_most_read_ranks_by_readers_in_the_last_30_days_then_all_time(client, posts):
    old_favourite, last_month, this_week, today = posts
    expected = [this_week, today, old_favourite, last_month]
    assert list(Post.objects.most_read()) == expected
    home = client.get("/").context["most_read"]
    assert list(home) == expected


def test_the_window_is_a_setting(settings, posts):
    old_favourite, last_month, this_week, today = posts
    settings.NEWS_MOST_READ_DAYS = 60
    assert list(Post.objects.most_read())[:3] == [last_month, this_week, today]


def test_readers_are_added_per_post_per_day_with_one_statement_per_flush(
    client, settings, django_assert_num_queries
):
    settings.VIEW_COUNT_FLUSH_SECONDS = 3600
    first, second = PostFactory(published=True), PostFactory(published=True)
    view_counter.flush()
    for post, readers in ((first, 3), (second, 1)):
        for _ in range(readers):
            view_counter.add(post._meta.label, post.pk)
    with django_assert_num_queries(2):  # one UPDATE of the totals, one UPSERT of the days' rows
        view_counter.flush()
    view_counter.add(first._meta.label, first.pk)
    view_counter.flush()
    rows = dict(PostDailyViews.objects.values_list("post_id", "count"))
    assert rows == {first.pk: 4, second.pk: 1}
    first.refresh_from_db()
    assert first.view_count == 4


@pytest.mark.parametrize("n", [5, 40])
def test_the_home_page_query_count_stays_constant_with_daily_readers(
    client, django_assert_num_queries, n
):
    for i in range(n):
        post = PostFactory(published=True, is_featured=i == 0, tags=["Dân vận khéo"])
        _read(post, i % 35, i + 1)
    client.get("/")
    with django_assert_num_queries(6):  # the most read are one query, whatever their readers
        assert client.get("/").status_code == 200
