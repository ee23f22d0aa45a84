import datetime
import xml.etree.ElementTree as ET

import feedparser
import pytest
from django.utils import timezone

from core.publishing import Status
from docs_registry.tests.factories import DocumentFactory
from events.tests.factories import EventFactory
from news.tests.factories import PostFactory

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture
def content(db):
    return {
        "public": PostFactory(
            published=True, title="Tin công khai về dân vận khéo", tags=["Dân vận khéo"]
        ),
        "other": PostFactory(published=True, title="Tin khác", tags=["Mặt trận Tổ quốc"]),
        "draft": PostFactory(title="Bản nháp bí mật", tags=["Dân vận khéo"]),
        "scheduled": PostFactory(
            title="Tin hẹn giờ",
            status=Status.PUBLISHED,
            publish_at=timezone.now() + datetime.timedelta(hours=2),
            tags=["Dân vận khéo"],
        ),
        "event": EventFactory(title="Hội nghị công khai"),
        "draft_event": EventFactory(title="Sự kiện nháp", status=Status.DRAFT),
        "document": DocumentFactory(title="Văn bản công khai"),
        "internal": DocumentFactory(title="Văn bản nội bộ", is_internal=True),
    }


@pytest.mark.parametrize("url", ["/tin-tuc/rss/", "/tin-tuc/atom/"])
def test_news_feeds_parse_and_list_only_public_posts(client, content, url):
    response = client.get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    titles = [entry.title for entry in feed.entries]
    assert titles == ["Tin khác", "Tin công khai về dân vận khéo"]  # newest first
    assert feed.entries[0].link.startswith("http")


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_topic_feed_lists_only_that_topics_public_posts(client, content, kind):
    response = client.get(f"/chu-de/dan-van-kheo/{kind}/")
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo
    assert [entry.title for entry in feed.entries] == ["Tin công khai về dân vận khéo"]
    assert "Dân vận khéo" in feed.feed.title


def test_unknown_topic_feed_is_404(client, db):
    assert client.get("/chu-de/khong-co/rss/").status_code == 404


def _locations(client, url):
    response = client.get(url)
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return root, [loc.text for loc in root.iterfind(".//sm:loc", SITEMAP_NS)]


def test_sitemap_index_and_sections_list_every_public_page_and_nothing_else(client, content):
    _root, sections = _locations(client, "/sitemap.xml")
    assert any(s.endswith("/sitemap-tin-tuc.xml") for s in sections)
    pages = []
    for section in sections:
        root, locations = _locations(client, section.replace("http://testserver", ""))
        pages += locations
        for url in root.iterfind("sm:url", SITEMAP_NS):
            if (
                "/tin-tuc/" in url.find("sm:loc", SITEMAP_NS).text
                and url.find("sm:lastmod", SITEMAP_NS) is not None
            ):
                assert url.find("sm:lastmod", SITEMAP_NS).text[:4].isdigit()
    paths = {page.replace("http://testserver", "") for page in pages}
    for key in ("public", "other", "event", "document"):
        assert content[key].get_absolute_url() in paths
    for key in ("draft", "scheduled", "draft_event", "internal"):
        assert content[key].get_absolute_url() not in paths
    assert "/chu-de/dan-van-kheo/" in paths
    assert "/gioi-thieu/chuc-nang-nhiem-vu/" in paths


def test_post_urls_in_the_sitemap_carry_lastmod(client, content):
    root, _ = _locations(client, "/sitemap-tin-tuc.xml")
    lastmods = [url.find("sm:lastmod", SITEMAP_NS) for url in root.iterfind("sm:url", SITEMAP_NS)]
    assert lastmods and all(element is not None for element in lastmods)


def test_robots_txt_points_to_the_sitemap(client, settings):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert f"Sitemap: {settings.SITE_INFO['base_url']}/sitemap.xml" in response.content.decode()


@pytest.mark.parametrize("admin_url", ["quan-tri/", "cua-sau-7f3k/"])
def test_robots_txt_never_names_the_admin_path(client, settings, admin_url):
    # Finding 7: robots.txt printed the admin path even when DJANGO_ADMIN_URL hid it.
    settings.ADMIN_URL = admin_url
    body = client.get("/robots.txt").content.decode()
    assert admin_url.strip("/") not in body
    assert "Disallow: /tim-kiem/" in body


def test_the_admin_says_noindex_itself(client):
    login = client.get("/quan-tri/login/")
    assert login.status_code == 200
    assert "noindex" in login["X-Robots-Tag"]
    assert "X-Robots-Tag" not in client.get("/robots.txt")
