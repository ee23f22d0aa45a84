"""The footer's "Lượt truy cập": read from the stored daily counts, cached, never written by a
request."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from dvsite.templatetags.visits import cached_totals
from news.models import PostDailyViews
from news.models.daily_views import visit_totals
from news.tests.factories import PostFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def read_posts():
    today = datetime.date(2026, 12, 6)
    first, second = PostFactory(published=True), PostFactory(published=True)
    PostDailyViews.objects.bulk_create(
        [
            PostDailyViews(post=first, day=today, count=5),
            PostDailyViews(post=second, day=today, count=2),
            PostDailyViews(post=first, day=datetime.date(2026, 12, 1), count=10),
            PostDailyViews(post=first, day=datetime.date(2026, 11, 30), count=100),
            PostDailyViews(post=second, day=datetime.date(2025, 1, 1), count=1000),
        ]
    )
    return today


def test_totals_count_today_this_month_and_everything(read_posts):
    assert visit_totals(read_posts) == {"today": 7, "month": 17, "total": 1117}


def test_totals_of_an_empty_site_are_zero():
    assert visit_totals(datetime.date(2026, 12, 6)) == {"today": 0, "month": 0, "total": 0}


def test_the_months_before_are_read_once_a_day(read_posts, django_assert_num_queries):
    visit_totals(read_posts)
    with django_assert_num_queries(1):
        assert visit_totals(read_posts)["total"] == 1117


def test_the_footer_shows_the_counter_and_reads_it_once_per_cache_time(
    client, settings, django_assert_num_queries
):
    settings.VISIT_COUNTER_SECONDS = 300
    today = timezone.localdate()
    post = PostFactory(published=True)
    PostDailyViews.objects.create(post=post, day=today, count=1234)
    html = client.get("/su-kien/").content.decode()
    assert "Lượt truy cập" in html
    assert "<dt>Hôm nay</dt><dd>1.234</dd>" in html
    assert "<dt>Tổng</dt><dd>1.234</dd>" in html
    # Cached now: the next page adds no query for it, whatever the counts do meanwhile.
    PostDailyViews.objects.filter(post=post).update(count=5000)
    with django_assert_num_queries(0):
        assert cached_totals()["today"] == 1234
    cache.clear()
    assert "<dd>5.000</dd>" in client.get("/su-kien/").content.decode()


def test_the_counter_is_off_at_zero_seconds(client, settings):
    settings.VISIT_COUNTER_SECONDS = 0
    assert "Lượt truy cập" not in client.get("/").content.decode()


def test_reading_a_page_writes_nothing_for_the_counter(client, settings):
    settings.VISIT_COUNTER_SECONDS = 300
    client.get("/su-kien/")
    # A second visit: no write, and the counter's query is not repeated.
    with CaptureQueriesContext(connection) as queries:
        client.get("/su-kien/")
    statements = [q["sql"].lstrip().upper() for q in queries.captured_queries]
    assert not [s for s in statements if not s.startswith("SELECT")]
    assert not [s for s in statements if "NEWS_POSTDAILYVIEWS" in s]
