"""Views are counted in the cache and written in batches by a task, never while answering a
reader; what a dying process can lose is at most one batch window (core/view_counts.py)."""

import time

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks import default_task_backend

from core import view_counts
from core.view_counts import ViewCounter, flush_view_counts
from dvsite.tests.cache_backends import BACKENDS, use_cache
from news.models import Post, PostDailyViews
from news.models.daily_views import visit_totals
from news.tests.factories import PostFactory

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0"
WRITES = ("UPDATE", "INSERT", "DELETE")


@pytest.fixture(params=BACKENDS)
def batched(request, settings, tmp_path, monkeypatch):
    """A 60-second batch window over the local-memory cache or Redis; the task backend records
    tasks as the database backend does; timers are recorded, not started."""
    use_cache(request.param, settings, tmp_path, "dvsite-test-view-batches")
    settings.VIEW_COUNT_FLUSH_SECONDS = 60
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    counter = ViewCounter()
    monkeypatch.setattr(view_counts, "view_counter", counter)
    timers = []
    monkeypatch.setattr(counter, "start_timer", timers.append)
    cache.clear()
    yield request.param, counter, timers
    counter.tally().take()
    cache.clear()


def _read(client, post, reader):
    return client.get(
        post.get_absolute_url(), REMOTE_ADDR=f"203.0.113.{reader}", HTTP_USER_AGENT=BROWSER
    )


def _views(post):
    return Post.objects.values_list("view_count", flat=True).get(pk=post.pk)


@pytest.mark.django_db
def test_reading_a_post_writes_nothing_until_the_batch(client, batched):
    backend, counter, timers = batched
    post = PostFactory(published=True)
    with CaptureQueriesContext(connection) as queries:
        for reader in range(5):
            assert _read(client, post, reader).status_code == 200
    assert not [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(WRITES)]
    assert _views(post) == 0
    if backend == "redis":  # shared tally: one deferred task for the whole window
        queued = default_task_backend.results
        assert [result.task.name for result in queued] == ["flush_view_counts"]
        run_after = queued[0].task.run_after
        assert abs((run_after - timezone.now()).total_seconds() - 60) < 5
        assert flush_view_counts.call() == 5
    else:  # this process's tally: its own timer, no task a worker process could not serve
        assert default_task_backend.results == []
        assert timers and all(seconds == 60 for seconds in timers)
        assert counter.flush() == 5
    assert _views(post) == 5
    assert visit_totals()["today"] == 5
    # The same readers again within the hour: still five.
    for reader in range(5):
        _read(client, post, reader)
    counter.flush()
    assert _views(post) == 5


@pytest.mark.django_db
def test_counts_survive_a_flush_and_a_dead_worker_loses_at_most_the_window(client, batched):
    backend, counter, _ = batched
    post = PostFactory(published=True)
    for reader in range(3):
        _read(client, post, reader)
    assert counter.flush() == 3
    for reader in range(3, 5):
        _read(client, post, reader)
    # The gunicorn worker is killed before the next batch; another process flushes.
    survivor = ViewCounter()
    survivor.flush()
    if backend == "redis":
        assert _views(post) == 5  # the tally lives in Redis: nothing lost
    else:
        assert _views(post) == 3  # lost: this window's two views, never an earlier batch
    assert PostDailyViews.objects.get(post=post).count == _views(post)


@pytest.mark.django_db
def test_a_batch_that_fails_to_write_keeps_its_counts(client, batched, monkeypatch):
    _, counter, _ = batched
    post = PostFactory(published=True)
    for reader in range(4):
        _read(client, post, reader)

    def database_down(counts):
        raise RuntimeError("database down")

    monkeypatch.setattr(view_counts, "write_counts", database_down)
    with pytest.raises(RuntimeError):
        counter.flush()
    monkeypatch.undo()
    assert counter.flush() == 4
    assert _views(post) == 4


@pytest.mark.django_db
def test_many_posts_are_written_in_two_statements(batched, django_assert_num_queries):
    _, counter, _ = batched
    posts = PostFactory.create_batch(30, published=True)
    for i, post in enumerate(posts):
        for _ in range(i % 3 + 1):
            counter.add(post._meta.label, post.pk)
    with django_assert_num_queries(2):  # the totals' UPDATE, the days' UPSERT
        assert counter.flush() == sum(i % 3 + 1 for i in range(30))
    assert [_views(post) for post in posts[:4]] == [1, 2, 3, 1]


@pytest.mark.django_db(transaction=True)
def test_the_local_timer_flushes_after_the_window_without_a_request(settings):
    settings.VIEW_COUNT_FLUSH_SECONDS = 0.3
    counter = ViewCounter()
    post = PostFactory(published=True)
    counter.add(post._meta.label, post.pk)
    counter.add(post._meta.label, post.pk)
    assert _views(post) == 0
    deadline = time.monotonic() + 5
    while _views(post) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _views(post) == 2
