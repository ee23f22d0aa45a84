"""The list's post count stops at the end of the reader's block of pages, and stays right after
a publication."""

import pytest

from news import counting
from news.tests.factories import PostFactory

pytestmark = pytest.mark.django_db

LIST_URL = "/tin-tuc/"


@pytest.fixture
def two_pages_a_block(monkeypatch):
    monkeypatch.setattr(counting, "PAGES_COUNTED", 2)


def _pager(response):
    page = response.context["page_obj"]
    return page.number, page.paginator.num_pages, page.paginator.more_than


def test_past_the_counted_pages_the_list_says_more_and_leads_on(client, two_pages_a_block):
    PostFactory.create_batch(12 * 3 + 5, published=True)  # four pages
    first = client.get(LIST_URL)
    assert "Trang 1/hơn 2" in first.content.decode()
    assert 'href="?page=2"' in first.content.decode()
    second = client.get(LIST_URL, {"page": 2})
    assert "Trang 2/hơn 2" in second.content.decode()
    assert 'href="?page=3"' in second.content.decode()  # "Trang sau" leads past the block
    third = client.get(LIST_URL, {"page": 3})
    assert len(third.context["posts"]) == 12
    assert "Trang 3/4" in third.content.decode()  # the second block reaches the end: exact
    assert len(client.get(LIST_URL, {"page": 4}).context["posts"]) == 5
    assert client.get(LIST_URL, {"page": 5}).status_code == 404


def test_a_short_list_shows_its_exact_number_of_pages(client, two_pages_a_block):
    PostFactory.create_batch(13, published=True)
    assert "Trang 1/2" in client.get(LIST_URL).content.decode()


def test_after_a_publication_the_pages_are_counted_again(client, settings, two_pages_a_block):
    PostFactory.create_batch(24, published=True)  # exactly two pages
    assert _pager(client.get(LIST_URL)) == (1, 2, None)
    assert client.get(LIST_URL, {"page": 3}).status_code == 404
    PostFactory(published=True)
    assert _pager(client.get(LIST_URL)) == (1, 3, 2)  # more than the two counted pages
    assert len(client.get(LIST_URL, {"page": 3}).context["posts"]) == 1


def test_the_topic_page_counts_the_same_way(client, two_pages_a_block):
    posts = PostFactory.create_batch(12 * 2 + 1, published=True)
    for post in posts:
        post.tags.add("Dân vận khéo")
    response = client.get("/chu-de/dan-van-kheo/")
    assert "Trang 1/hơn 2" in response.content.decode()
    assert len(client.get("/chu-de/dan-van-kheo/", {"page": 3}).context["posts"]) == 1


@pytest.mark.parametrize(
    "page", ["99999999999999999999", "9223372036854775807", "922337203685477580", "٣", "-1", "1e3"]
)
def test_a_page_number_no_list_has_is_not_found_not_an_error(client, page):
    PostFactory.create_batch(3, published=True)
    topic_post = PostFactory(published=True)
    topic_post.tags.add("Dân vận khéo")
    for url in (LIST_URL, "/chu-de/dan-van-kheo/"):
        # Counting to the block of such a page overflowed the database's LIMIT (a 500).
        assert client.get(url, {"page": page}).status_code in (200, 404), (url, page)
