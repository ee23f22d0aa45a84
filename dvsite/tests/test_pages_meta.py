"""Canonical URLs, Open Graph / Twitter cards and JSON-LD on detail pages; the about pages."""

import json
import re

import pytest

from dvsite.models import AboutPage, Leader
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


@pytest.mark.django_db
def test_about_pages_are_reached_from_navigation_and_footer(client):
    html = client.get("/").content.decode()
    assert html.count('href="/gioi-thieu/"') >= 2  # header navigation and footer
    assert 'href="/en/"' in html
    index = client.get("/gioi-thieu/").content.decode()
    assert "Chức năng, nhiệm vụ" in index and "Cơ cấu tổ chức" in index
    page = client.get("/gioi-thieu/chuc-nang-nhiem-vu/")
    assert page.status_code == 200
    assert "tham mưu, giúp việc" in page.content.decode()


@pytest.mark.django_db
def test_leaders_and_contacts_come_from_the_admin_and_settings(client, settings):
    Leader.objects.create(name="Nguyễn Thị A", position_title="Trưởng Ban", phone="0226 111 222")
    Leader.objects.create(name="Trần Văn B", position_title="Phó Trưởng Ban", is_current=False)
    html = client.get("/gioi-thieu/lanh-dao/").content.decode()
    assert "Nguyễn Thị A" in html and "Trưởng Ban" in html
    assert "Trần Văn B" not in html
    contact = client.get("/gioi-thieu/lien-he/").content.decode()
    assert settings.SITE_INFO["address"] in contact
    assert "0226 111 222" in contact


@pytest.mark.django_db
def test_english_page_is_marked_english(client):
    html = client.get("/en/").content.decode()
    assert '<article class="article" lang="en">' in html
    assert "About the Commission" in html


@pytest.mark.django_db
def test_hidden_or_unknown_about_pages_are_404(client):
    AboutPage.objects.filter(slug="co-cau-to-chuc").update(is_published=False)
    assert client.get("/gioi-thieu/co-cau-to-chuc/").status_code == 404
    assert client.get("/gioi-thieu/khong-co/").status_code == 404
    AboutPage.objects.filter(language="en").delete()
    assert client.get("/en/").status_code == 404


@pytest.mark.django_db
def test_about_page_body_is_sanitised(client, superuser):
    page = AboutPage.objects.create(
        title="Trang thử", body='<p onclick="x()">Nội dung</p><script>alert(1)</script>'
    )
    html = client.get(page.get_absolute_url()).content.decode()
    assert "<p>Nội dung</p>" in html
    assert "alert(1)" not in html and "onclick" not in html
