"""Canonical URLs, Open Graph / Twitter cards and JSON-LD on detail pages."""

import json
import re

import pytest

from events.tests.factories import EventFactory
from news.tests.factories import PostFactory, uploaded_image


def json_ld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


@pytest.mark.django_db
def test_post_page_has_canonical_open_graph_and_news_article(client, settings):
    post = PostFactory(
        published=True,
        title="Hội nghị “Dân vận khéo” </script><script>alert(1)</script>",
        byline="Quỳnh Anh",
        image=uploaded_image(),
        image_alt="Toàn cảnh hội nghị",
    )
    html = client.get(post.get_absolute_url()).content.decode()
    url = f"{settings.SITE_INFO['base_url']}{post.get_absolute_url()}"
    assert f'<link rel="canonical" href="{url}">' in html
    assert '<meta property="og:type" content="article">' in html
    assert re.search(r'<meta property="og:image" content="http[^"]+\.(jpg|jpeg|webp)">', html)
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    (data,) = json_ld(html)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == post.title
    assert data["author"] == {"@type": "Person", "name": "Quỳnh Anh"}
    assert data["datePublished"] == post.publish_at.isoformat()
    assert "<script>alert(1)" not in html  # the title cannot break out of the JSON-LD block


@pytest.mark.django_db
def test_post_without_image_gets_a_summary_card_with_the_site_image(client):
    post = PostFactory(published=True)
    html = client.get(post.get_absolute_url()).content.decode()
    assert '<meta name="twitter:card" content="summary">' in html
    # Issue 16: og:image everywhere; without a lead photo it is the site's share image.
    assert re.search(r'<meta property="og:image" content="http[^"]+/og-default[^"]*\.png">', html)


@pytest.mark.django_db
def test_event_page_has_event_json_ld(client):
    event = EventFactory(title="Hội nghị trực tuyến", format="online", connection_points=91)
    html = client.get(event.get_absolute_url()).content.decode()
    (data,) = json_ld(html)
    assert data["@type"] == "Event"
    assert data["startDate"] == event.start_date.isoformat()
    assert data["eventAttendanceMode"].endswith("OnlineEventAttendanceMode")
    assert data["location"]["@type"] == "VirtualLocation"


@pytest.mark.django_db
def test_every_page_has_a_canonical_url_without_the_query_string(client, settings):
    html = client.get("/su-kien/?page=1&x=<b>").content.decode()
    assert f'<link rel="canonical" href="{settings.SITE_INFO["base_url"]}/su-kien/">' in html
