"""Readers per post per day, for "Xem nhiều nhất" over the last `NEWS_MOST_READ_DAYS` days.

`Post.view_count` stays the all-time total shown on a post; this table keeps one row per post
and day, written by `record_views` (one UPSERT per batch of the view counter, whatever the
number of posts, in the task that writes the batch: core/view_counts.py). `visit_totals` is
the one reader of the stored days for anything that sums them (the visit counter). The most read are those with the most readers in the window; posts nobody
read in it follow by their all-time total, so a new site (or imported posts) still has a list.
"""

import datetime

from django.conf import settings
from django.core.cache import cache
from django.db import connection, models
from django.db.models import Case, F, IntegerField, OuterRef, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

DEFAULT_DAYS = 30


class PostDailyViews(models.Model):
    post = models.ForeignKey(
        "news.Post", verbose_name="Bài viết", on_delete=models.CASCADE, related_name="+"
    )
    day = models.DateField("Ngày")
    count = models.PositiveIntegerField("Lượt xem", default=0)

    class Meta:
        verbose_name = "lượt xem trong ngày"
        verbose_name_plural = "lượt xem theo ngày"
        constraints = [
            models.UniqueConstraint(fields=["post", "day"], name="news_daily_views_post_day")
        ]
        indexes = [models.Index(fields=["day", "post"], name="news_daily_views_day")]

    def __str__(self):
        return f"{self.post_id} {self.day}: {self.count}"


def record_views(counts, day=None):
    """Add {post id: views} to `day` (today): one INSERT … ON CONFLICT DO UPDATE statement."""
    if not counts:
        return
    day = day or timezone.localdate()
    table = connection.ops.quote_name(PostDailyViews._meta.db_table)
    rows = ", ".join(["(%s, %s, %s)"] * len(counts))
    params = [value for pk, n in counts.items() for value in (pk, day, n)]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (post_id, day, count) VALUES {rows} "  # noqa: S608 (quoted name)
            f"ON CONFLICT (post_id, day) DO UPDATE SET count = {table}.count + excluded.count",
            params,
        )


def add_to_totals(model, counts):
    """Add {pk: views} to `model.view_count` in one UPDATE … CASE statement."""
    if not counts:
        return
    increment = Case(
        *[When(pk=pk, then=Value(n)) for pk, n in counts.items()],
        default=Value(0),
        output_field=IntegerField(),
    )
    model._default_manager.filter(pk__in=list(counts)).update(
        view_count=F("view_count") + increment
    )


def window_start(now=None):
    days = getattr(settings, "NEWS_MOST_READ_DAYS", DEFAULT_DAYS)
    return timezone.localdate(now) - datetime.timedelta(days=days - 1)


def recent_top_ids(public, limit, now=None):
    """Ids (as `values("post")`) of the `limit` posts of `public` most read in the window."""
    return (
        PostDailyViews.objects.filter(day__gte=window_start(now), post__in=public.values("pk"))
        .values("post")
        .annotate(total=Sum("count"))
        .order_by("-total", "-post")
        .values("post")[:limit]
    )


def with_recent_views(posts, now=None):
    """Annotate `recent_views`: readers in the window (0 for none)."""
    total = (
        PostDailyViews.objects.filter(post=OuterRef("pk"), day__gte=window_start(now))
        .values("post")
        .annotate(total=Sum("count"))
        .values("total")
    )
    return posts.annotate(recent_views=Coalesce(Subquery(total), Value(0)))


RECENT_ORDER = (F("recent_views").desc(), "-view_count", "-publish_at", "-id")


CLOSED_MONTHS_SECONDS = 24 * 3600


def visit_totals(today=None):
    """ "Lượt truy cập": readers today, this month and in all, from the stored daily counts —
    the deduplicated views the site keeps per post and day (one per reader per post per hour,
    robots never). Counts still waiting in memory for their flush are not in it yet.

    This month's rows are read through the (day, post) index; the months before never change,
    so their sum is kept a day in the cache instead of being read from every row each time."""
    today = today or timezone.localdate()
    first = today.replace(day=1)
    recent = PostDailyViews.objects.filter(day__gte=first, day__lte=today).aggregate(
        today=Coalesce(Sum("count", filter=models.Q(day=today)), 0),
        month=Coalesce(Sum("count"), 0),
    )
    key = f"news:views-before:{first.isoformat()}"
    before = cache.get(key)
    if before is None:
        before = PostDailyViews.objects.filter(day__lt=first).aggregate(
            total=Coalesce(Sum("count"), 0)
        )["total"]
        cache.set(key, before, CLOSED_MONTHS_SECONDS)
    return {**recent, "total": before + recent["month"]}
