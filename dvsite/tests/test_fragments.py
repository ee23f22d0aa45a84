"""Shared page parts (the home page's lists, "Xem nhiều nhất") cached per content generation
(core/fragments.py): pages rendered after a change reuse them, and every change shows at once —
also with whole-page caching off, and with the local-memory cache and Redis."""

import datetime
import re
from unittest import mock

import pytest
from django.utils import timezone

from core import fragments
from docs_registry.tests.factories import DocumentFactory
from dvsite import cache as page_cache
from news.tests.factories import PostFactory

HOME = "/"


def _html(client, url=HOME):
    # A browser's user agent: a reader whose view counts (core/view_counts.py ignores robots).
    response = client.get(url, HTTP_USER_AGENT="Mozilla/5.0 (X11; Linux x86_64)")
    assert response.status_code == 200
    assert response.get("X-Page-Cache") is None  # the page itself is rendered every time
    return response.content.decode()


@pytest.mark.django_db
def test_the_home_page_reuses_its_lists_until_content_changes(
    client, fragment_caching, django_assert_num_queries
):
    PostFactory(published=True, title="Hội nghị Dân vận khéo")
    DocumentFactory(title="Quy chế dân chủ ở cơ sở")
    first = _html(client)
    with django_assert_num_queries(0):
        second = _html(client)
    assert second == first
    assert "Hội nghị Dân vận khéo" in second
    assert "Quy chế dân chủ ở cơ sở" in second


@pytest.mark.django_db
def test_post_pages_share_the_most_read_list(client, fragment_caching, django_assert_num_queries):
    posts = [PostFactory(published=True, title=f"Bài được đọc số {n}") for n in range(3)]
    _html(client, posts[0].get_absolute_url())
    # The second post runs its own queries only (the post, its view count and today's readers,
    # and in its own parts its tags, the "Dân vận khéo" models box and the documents citing it);
    # without fragments two more: "Xem nhiều nhất" and "Tin cùng chuyên mục".
    with django_assert_num_queries(6):
        html = _html(client, posts[1].get_absolute_url())
    assert "Xem nhiều nhất" in html
    assert "Bài được đọc số 2" in html


@pytest.mark.django_db
def test_publishing_shows_at_once_on_the_home_page_and_in_the_sidebar(
    client, fragment_caching, publisher
):
    reader = PostFactory(published=True, title="Bài đang được đọc")
    post = PostFactory(title="Bài mới được duyệt đăng")
    assert post.title not in _html(client)
    assert post.title not in _html(client, reader.get_absolute_url())
    post.publish(publisher)
    assert post.title in _html(client)
    assert post.title in _html(client, reader.get_absolute_url())  # "Xem nhiều nhất"


@pytest.mark.django_db
def test_an_edited_document_shows_at_once_among_the_newest(client, fragment_caching):
    document = DocumentFactory(title="Trích yếu cũ của văn bản")
    assert "Trích yếu cũ của văn bản" in _html(client)
    document.title = "Trích yếu mới đã sửa"
    document.save()
    html = _html(client)
    assert "Trích yếu mới đã sửa" in html
    assert "Trích yếu cũ của văn bản" not in html


@pytest.mark.django_db
def test_a_scheduled_post_reaches_the_home_page_on_time(client, fragment_caching, publisher):
    now = timezone.now()
    post = PostFactory(title="Bài hẹn giờ lên trang chủ")
    post.publish(publisher, at=now + datetime.timedelta(hours=1))
    assert post.title not in _html(client)
    later = now + datetime.timedelta(hours=1, seconds=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert post.title in _html(client)


@pytest.mark.django_db
def test_a_change_made_by_another_process_shows_at_once(client, fragment_caching):
    """gunicorn workers each keep their own local-memory fragments: the stamp file reaches all."""
    if fragment_caching != "locmem":
        pytest.skip("Redis is one cache shared by every process")
    post = PostFactory(published=True, title="Tiêu đề trước khi sửa")
    assert post.title in _html(client)
    type(post).objects.filter(pk=post.pk).update(title="Tiêu đề sau khi sửa")  # no signal here
    assert "Tiêu đề trước khi sửa" in _html(client)  # still the generation's list
    page_cache.write_stamp()  # what invalidate() in the other process does
    assert "Tiêu đề sau khi sửa" in _html(client)


def test_fragments_are_computed_every_time_when_switched_off(settings):
    settings.FRAGMENT_CACHE_SECONDS = 0
    calls = []
    for _ in range(2):
        assert fragments.cached("test:off", lambda: calls.append(1) or len(calls)) == len(calls)
    assert calls == [1, 1]


@pytest.mark.django_db
def test_list_counts_are_kept_per_list_and_follow_each_publication(
    client, fragment_caching, publisher
):
    """The number of pages comes from a count kept per list (all news, a topic, a category)."""
    from news.views import PAGE_SIZE

    topic_posts = [PostFactory(published=True, tags=["Dân vận khéo"]) for _ in range(PAGE_SIZE)]
    PostFactory(published=True)  # one more in the news list, none more in the topic
    topic_url = "/chu-de/dan-van-kheo/"
    category_url = topic_posts[0].category.get_absolute_url()
    assert "Trang 1/2" in _html(client, "/tin-tuc/")
    assert "Trang 1/" not in _html(client, topic_url)
    assert "Trang 1/2" in _html(client, category_url)

    extra = PostFactory(tags=["Dân vận khéo"])
    extra.publish(publisher)
    assert "Trang 1/2" in _html(client, topic_url)
    assert "Trang 1/2" in _html(client, "/tin-tuc/")
    extra.unpublish(publisher)
    assert "Trang 1/" not in _html(client, topic_url)


@pytest.mark.django_db
def test_the_month_grid_is_kept_per_month_and_shows_a_new_event_at_once(client, fragment_caching):
    from events.tests.factories import EventFactory

    today = timezone.localdate()
    this_month = f"/su-kien/lich/{today.year}/{today.month}/"
    EventFactory(title="Hội nghị trong tháng này", start_date=today, end_date=today)
    assert "Hội nghị trong tháng này" in _html(client, this_month)
    later = today.replace(day=1) + datetime.timedelta(days=100)  # three months on
    other = _html(client, f"/su-kien/lich/{later.year}/{later.month}/")
    assert "Hội nghị trong tháng này" not in other  # another month, its own grid

    EventFactory(title="Tọa đàm vừa được đăng", start_date=today, end_date=today)
    html = _html(client, this_month)
    assert "Tọa đàm vừa được đăng" in html
    assert html.count('class="month-grid"') == 1


@pytest.mark.django_db
def test_posts_of_a_category_share_its_newest_and_never_list_themselves(
    client, fragment_caching, publisher, django_assert_num_queries
):
    first, second = (PostFactory(published=True, title=f"Tin chuyên mục số {n}") for n in (1, 2))
    assert _related(_html(client, first.get_absolute_url())) == ["Tin chuyên mục số 2"]
    # the post, its view (2), its tags, the models box, the citing documents: the lists are shared
    with django_assert_num_queries(6):
        html = _html(client, second.get_absolute_url())
    assert _related(html) == ["Tin chuyên mục số 1"]

    third = PostFactory(title="Tin chuyên mục mới đăng", category=first.category)
    third.publish(publisher)
    assert _related(_html(client, first.get_absolute_url())) == [
        "Tin chuyên mục mới đăng",
        "Tin chuyên mục số 2",
    ]


def _related(html):
    """Titles listed under "Tin cùng chuyên mục"."""
    section = html.split('id="related-title"', 1)[1].split("</section>", 1)[0]
    return re.findall(r'<a href="[^"]+">([^<]+)</a>', section)


@pytest.mark.django_db
def test_the_questions_count_is_kept_and_follows_each_answer_made_public(client, fragment_caching):
    """The Q&A list's number of pages comes from a count kept per generation of the questions."""
    from voice.tests.factories import AnsweredQuestionFactory
    from voice.views import PER_PAGE

    AnsweredQuestionFactory.create_batch(PER_PAGE)
    assert "Trang 1/" not in _html(client, "/hoi-dap/")
    AnsweredQuestionFactory()
    assert "Trang 1/2" in _html(client, "/hoi-dap/")
