"""The anonymous page cache: what visitors see changes as soon as content does, staff never get a
cached page, scheduled items appear on time — with the local-memory cache and with Redis."""

import datetime
import time
from unittest import mock

import pytest
from django.utils import timezone

from core.publishing import Status
from docs_registry.tests.factories import DocumentFactory
from dvsite import cache as page_cache
from dvsite.tests.cache_backends import get_page
from events.tests.factories import EventFactory
from news.models import Post
from news.tests.factories import PostFactory
from pages.models import AboutPage

NEWS = "/tin-tuc/"


def _get(client, url=NEWS):
    return get_page(client, url)


@pytest.mark.django_db
def test_second_anonymous_visit_is_served_from_the_cache_without_queries(
    client, page_caching, django_assert_num_queries
):
    PostFactory(published=True, title="Hội nghị Dân vận khéo")
    first, state = _get(client)
    assert state == "miss"
    with django_assert_num_queries(0):
        second, state = _get(client)
    assert state == "hit"
    assert second == first
    assert "Hội nghị Dân vận khéo" in second


@pytest.mark.django_db
def test_publishing_shows_at_once(client, page_caching, publisher):
    post = PostFactory(title="Bài chờ duyệt về dân vận chính quyền")
    page, _ = _get(client)
    assert post.title not in page
    post.publish(publisher)
    page, state = _get(client)
    assert state == "miss"
    assert post.title in page


@pytest.mark.django_db
def test_unpublishing_takes_the_post_off_at_once(client, page_caching, publisher):
    post = PostFactory(published=True, title="Bài sẽ bị gỡ xuống")
    assert post.title in _get(client)[0]
    assert post.title in _get(client, post.get_absolute_url())[0]
    post.unpublish(publisher)
    assert post.title not in _get(client)[0]
    assert client.get(post.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_an_edit_shows_at_once_on_list_and_detail(client, page_caching):
    post = PostFactory(published=True, title="Tiêu đề cũ")
    _get(client)
    _get(client, post.get_absolute_url())
    post.title = "Tiêu đề mới đã sửa"
    post.save()
    assert "Tiêu đề mới đã sửa" in _get(client)[0]
    assert "Tiêu đề mới đã sửa" in _get(client, post.get_absolute_url())[0]


@pytest.mark.django_db
def test_tag_links_events_documents_and_about_pages_invalidate_too(client, page_caching):
    post = PostFactory(published=True, title="Bài về tôn giáo")
    assert "Công tác tôn giáo" not in _get(client, post.get_absolute_url())[0]
    post.tags.add("Công tác tôn giáo")
    assert "/chu-de/cong-tac-ton-giao/" in _get(client, post.get_absolute_url())[0]

    _get(client, "/su-kien/")
    EventFactory(title="Hội nghị mới thêm")
    assert "Hội nghị mới thêm" in _get(client, "/su-kien/")[0]

    _get(client, "/van-ban/")
    DocumentFactory(title="Quy chế mới ban hành")
    assert "Quy chế mới ban hành" in _get(client, "/van-ban/")[0]

    page = AboutPage.objects.create(title="Chức năng, nhiệm vụ", body="<p>Cũ</p>")
    assert "Cũ" in _get(client, page.get_absolute_url())[0]
    page.body = "<p>Nội dung mới</p>"
    page.save()
    assert "Nội dung mới" in _get(client, page.get_absolute_url())[0]


@pytest.mark.django_db
def test_a_scheduled_post_appears_on_time(client, page_caching, publisher):
    now = timezone.now()
    post = PostFactory(title="Bài hẹn giờ đăng sau một giờ")
    post.publish(publisher, at=now + datetime.timedelta(hours=1))
    assert post.title not in _get(client)[0]
    assert _get(client)[1] == "hit"  # cached, although a post is due within the hour

    with mock.patch("django.utils.timezone.now", return_value=now + datetime.timedelta(minutes=4)):
        page, state = _get(client)
    assert state == "hit"
    assert post.title not in page

    later = now + datetime.timedelta(hours=1, seconds=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        page, state = _get(client)
        assert state == "miss"
        assert post.title in page
        assert client.get(post.get_absolute_url()).status_code == 200


@pytest.mark.django_db
def test_staff_never_get_cached_pages_and_never_fill_the_cache(client, page_caching, publisher):
    PostFactory(published=True, title="Tin công khai")
    draft = PostFactory(title="Bản nháp chỉ biên tập viên xem")
    _get(client)  # an anonymous visitor caches the list
    client.force_login(publisher)
    for _ in range(2):
        page, state = _get(client)
        assert state is None
    preview = client.get(draft.get_absolute_url())
    assert preview.status_code == 200
    assert preview.get("X-Page-Cache") is None
    assert "no-cache" in preview["Cache-Control"]
    client.logout()
    client.cookies.clear()
    assert client.get(draft.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_only_cookieless_gets_of_cacheable_responses_are_cached(client, page_caching):
    PostFactory(published=True)
    client.cookies["sessionid"] = "any-session"
    assert _get(client)[1] is None
    client.cookies.clear()
    assert client.post(NEWS).status_code == 405
    assert _get(client)[1] == "miss"
    assert client.head(NEWS).get("X-Page-Cache") == "hit"
    # never-cache responses (health checks) and the admin are not stored
    for url in ("/healthz", "/quan-tri/login/"):
        client.get(url)
        assert client.get(url).get("X-Page-Cache") is None


BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0 Safari/537.36"


@pytest.mark.django_db
def test_post_views_still_count_on_cache_hits(client, page_caching):
    post = PostFactory(published=True)
    for reader in range(3):  # three readers: the page, then two cache hits
        response = client.get(
            post.get_absolute_url(), REMOTE_ADDR=f"203.0.113.{reader}", HTTP_USER_AGENT=BROWSER
        )
        assert response.status_code == 200
    page_cache.view_counter.flush()
    post.refresh_from_db()
    assert post.view_count == 3


@pytest.mark.django_db
def test_one_client_hammering_a_post_counts_once_and_robots_not_at_all(client, page_caching):
    # Finding 8: 7,279 GETs from one client added 7,280 views, cache hits included.
    post = PostFactory(published=True)
    for _ in range(50):
        response = client.get(post.get_absolute_url(), HTTP_USER_AGENT=BROWSER)
        assert response.status_code == 200
    assert response["X-Page-Cache"] == "hit"
    for agent in ("Googlebot/2.1 (+http://www.google.com/bot.html)", "curl/8.5.0", ""):
        client.get(post.get_absolute_url(), REMOTE_ADDR="198.51.100.9", HTTP_USER_AGENT=agent)
    page_cache.view_counter.flush()
    post.refresh_from_db()
    assert post.view_count == 1
    # Another browser on the same address is another reader.
    client.get(post.get_absolute_url(), HTTP_USER_AGENT=BROWSER + " Edg/131.0")
    page_cache.view_counter.flush()
    post.refresh_from_db()
    assert post.view_count == 2


@pytest.mark.django_db
def test_the_same_reader_counts_again_after_the_window(client, page_caching, settings):
    settings.VIEW_COUNT_WINDOW_SECONDS = 1  # an hour in production
    post = PostFactory(published=True)
    client.get(post.get_absolute_url(), HTTP_USER_AGENT=BROWSER)
    client.get(post.get_absolute_url(), HTTP_USER_AGENT=BROWSER)
    time.sleep(1.2)
    client.get(post.get_absolute_url(), HTTP_USER_AGENT=BROWSER)
    page_cache.view_counter.flush()
    post.refresh_from_db()
    assert post.view_count == 2


@pytest.mark.django_db
def test_next_scheduled_is_the_earliest_future_publication_of_any_kind():
    now = timezone.now()
    PostFactory(status=Status.PUBLISHED, publish_at=now + datetime.timedelta(days=2))
    EventFactory(publish_at=now + datetime.timedelta(hours=3))
    DocumentFactory(status=Status.PUBLISHED, publish_at=now + datetime.timedelta(hours=5))
    PostFactory(status=Status.DRAFT, publish_at=now + datetime.timedelta(minutes=5))
    assert page_cache.next_scheduled(now) == now + datetime.timedelta(hours=3)
    assert Post.objects.count() == 2


@pytest.mark.django_db
def test_caching_off_by_setting(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    PostFactory(published=True)
    assert _get(client)[1] is None
    assert _get(client)[1] is None


@pytest.mark.django_db
def test_an_edit_in_another_process_reaches_this_one_at_once(
    client, page_caching, settings, tmp_path
):
    """gunicorn runs several workers; with the local-memory cache each has its own pages."""
    if page_caching != "locmem":
        pytest.skip("Redis is one cache shared by every process")
    import os
    import subprocess
    import sys
    from pathlib import Path

    post = PostFactory(published=True, title="Tiêu đề cũ")
    assert "Tiêu đề cũ" in _get(client)[0]
    assert _get(client)[1] == "hit"

    # Another worker edits the post: this process gets no signal, only the stamp it writes.
    Post.objects.filter(pk=post.pk).update(title="Tiêu đề mới")
    assert _get(client)[1] == "hit"
    env = {
        **{k: v for k, v in os.environ.items() if k != "REDIS_URL"},
        "DJANGO_SETTINGS_MODULE": "dvsite.settings",  # caching on, local memory
        "DJANGO_PAGE_CACHE_STAMP_FILE": str(settings.PAGE_CACHE_STAMP_FILE),
        # invalidate() asks the connection whether a transaction is open: a scratch database.
        "DATABASE_URL": f"sqlite:///{settings.PAGE_CACHE_STAMP_FILE.parent / 'other-worker.sqlite3'}",
    }
    subprocess.run(  # noqa: S603
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from dvsite.cache import invalidate; invalidate()",
        ],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        check=True,
    )

    html, state = _get(client)
    assert state == "miss"
    assert "Tiêu đề mới" in html
