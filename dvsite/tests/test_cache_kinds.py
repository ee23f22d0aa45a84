"""A change re-renders only the pages that show its kind of content (dvsite/cache.py
`PAGE_KINDS`, `changed_kinds`): publishing a post leaves the registry and the calendar cached,
and every page that does show the change shows it at once — with the local-memory cache and
with Redis."""

import datetime
import time
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import URLResolver, get_resolver
from django.utils import timezone

from docs_registry.models import Document
from docs_registry.tests.factories import DocumentFactory
from dvsite import cache as page_cache
from dvsite.tests.cache_backends import get_page as _get
from events.tests.factories import EventFactory
from news.models import Post
from news.tests.factories import PostFactory
from pages.models import AboutPage
from taxonomy.models import Topic

REGISTRY, EVENTS, NEWS, HOME = "/van-ban/", "/su-kien/", "/tin-tuc/", "/"


@pytest.mark.django_db
def test_publishing_a_post_leaves_the_registry_and_the_calendar_cached(
    client, page_caching, publisher
):
    DocumentFactory(title="Quy chế công tác dân vận")
    EventFactory(title="Hội nghị tập huấn dân vận")
    for url in (REGISTRY, EVENTS, NEWS, HOME):
        _get(client, url)
        assert _get(client, url)[1] == "hit"

    post = PostFactory(title="Bài mới về Dân vận khéo")
    post.publish(publisher)

    assert _get(client, REGISTRY)[1] == "hit"
    assert _get(client, EVENTS)[1] == "hit"
    for url in (NEWS, HOME):
        page, state = _get(client, url)
        assert state == "miss"
        assert post.title in page


@pytest.mark.django_db
def test_a_document_edit_reaches_the_posts_citing_it_and_not_the_news_list(client, page_caching):
    document = DocumentFactory(title="Quy chế cũ")
    post = PostFactory(published=True, title="Bài trích dẫn quy chế")
    post.cited_documents.add(document)
    for url in (NEWS, post.get_absolute_url(), REGISTRY):
        _get(client, url)

    document.title = "Quy chế dân chủ ở cơ sở đã sửa"
    document.save()

    assert _get(client, NEWS)[1] == "hit"
    for url in (post.get_absolute_url(), REGISTRY, document.get_absolute_url()):
        page, state = _get(client, url)
        assert state == "miss"
        assert document.title in page


@pytest.mark.django_db
def test_posts_reach_the_documents_they_cite_and_the_events_they_report(client, page_caching):
    document = DocumentFactory(title="Nghị quyết về công tác dân vận")
    event = EventFactory(title="Hội nghị sơ kết")
    post = PostFactory(published=True, title="Tin về hội nghị sơ kết dân vận")
    assert post.title not in _get(client, document.get_absolute_url())[0]
    assert post.title not in _get(client, event.get_absolute_url())[0]

    document.posts.add(post)
    event.posts.add(post)

    assert post.title in _get(client, document.get_absolute_url())[0]
    assert post.title in _get(client, event.get_absolute_url())[0]
    post.title = "Tin đã sửa về hội nghị sơ kết"
    post.save()
    assert post.title in _get(client, document.get_absolute_url())[0]
    assert post.title in _get(client, event.get_absolute_url())[0]


@pytest.mark.django_db
def test_a_topic_renamed_in_the_news_app_reaches_documents_and_events(client, page_caching):
    document = DocumentFactory(title="Quy chế dân vận")
    event = EventFactory(title="Hội nghị dân vận")
    document.tags.add("Dân vận khéo")
    event.tags.add("Dân vận khéo")
    for item in (document, event):
        assert "Dân vận khéo" in _get(client, item.get_absolute_url())[0]

    topic = Topic.objects.get(name="Dân vận khéo")
    topic.name = "Phong trào thi đua Dân vận khéo"
    topic.save()

    for item in (document, event):
        assert "Phong trào thi đua Dân vận khéo" in _get(client, item.get_absolute_url())[0]


@pytest.mark.django_db
def test_a_scheduled_document_ends_only_the_registry_generation(client, page_caching):
    now = timezone.now()
    document = DocumentFactory(
        title="Quy chế hẹn giờ công bố", publish_at=now + datetime.timedelta(minutes=2)
    )
    assert document.title not in _get(client, REGISTRY)[0]
    _get(client, NEWS)

    later = now + datetime.timedelta(minutes=2, seconds=1)  # within the news pages' 300 s
    with mock.patch("django.utils.timezone.now", return_value=later):
        page, state = _get(client, REGISTRY)
        assert state == "miss"
        assert document.title in page
        assert _get(client, NEWS)[1] == "hit"


@pytest.mark.django_db
def test_publishing_a_post_keeps_the_home_pages_events_and_documents(
    client, fragment_caching, publisher
):
    DocumentFactory(title="Quy chế công tác dân vận")
    EventFactory(title="Hội nghị tập huấn", start_date=timezone.localdate())
    _get(client, HOME)

    post = PostFactory(title="Bài mới trên trang chủ")
    post.publish(publisher)
    with CaptureQueriesContext(connection) as queries:
        page, _ = _get(client, HOME)

    assert post.title in page
    assert "Quy chế công tác dân vận" in page and "Hội nghị tập huấn" in page
    read = " ".join(query["sql"] for query in queries.captured_queries)
    assert "news_post" in read
    assert "docs_registry_document" not in read and "events_event" not in read


def test_what_a_change_changes():
    every_kind = page_cache.content_kinds()
    assert {"news", "events", "docs_registry", "pages"} <= every_kind
    assert page_cache.changed_kinds(Post) == {"news"}
    assert page_cache.changed_kinds(AboutPage) == {"pages"}  # its own app, its own kind
    assert page_cache.changed_kinds(Document.posts.through) == {"docs_registry", "news"}
    assert page_cache.changed_kinds(Topic) == every_kind
    assert page_cache.changed_kinds(Post.history.model) == frozenset()


def _url_names(resolver, namespace=""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _url_names(pattern, inner)
        elif pattern.name:
            yield namespace + pattern.name


def test_every_page_named_in_page_kinds_exists():
    """A renamed URL would silently fall back to "shows everything": keep the table true."""
    assert set(page_cache.PAGE_KINDS) <= set(_url_names(get_resolver()))
    assert set().union(*page_cache.PAGE_KINDS.values()) <= page_cache.content_kinds()


def _most_read_box(client):
    page, _ = _get(client, NEWS)
    return page.split('id="most-read-title"', 1)[1].split("</section>", 1)[0]


@pytest.mark.django_db
def test_the_most_read_ranking_is_kept_by_time_but_shows_every_edit_at_once(
    client, fragment_caching, settings, publisher
):
    read_most = PostFactory(published=True, title="Bài nhiều người đọc", view_count=50)
    PostFactory(published=True, title="Bài ít người đọc", view_count=10)
    assert "Bài nhiều người đọc" in _most_read_box(client)

    # Readers move a post up: the ranking waits for the fragment time, whatever is published.
    rising = PostFactory(published=True, title="Bài mới được đọc nhiều")
    Post.objects.filter(pk=rising.pk).update(view_count=500)
    PostFactory(published=True, title="Một bài khác vừa đăng")
    assert "Bài mới được đọc nhiều" not in _most_read_box(client)

    # An edited title and a withdrawn post show at once.
    read_most.title = "Bài nhiều người đọc (đã sửa)"
    read_most.save()
    assert "Bài nhiều người đọc (đã sửa)" in _most_read_box(client)
    read_most.unpublish(publisher)
    assert "Bài nhiều người đọc" not in _most_read_box(client)

    settings.FRAGMENT_CACHE_SECONDS = 1
    cache.clear()  # entries made under the 300 s setting; new ones last a second
    _most_read_box(client)
    Post.objects.filter(pk=rising.pk).update(view_count=600)
    time.sleep(1.1)
    assert "Bài mới được đọc nhiều" in _most_read_box(client)
