"""Issue 16, metadata: one canonical, og tags once, og:image, feeds, hreflang, JSON-LD, dates."""

import json
import re

import pytest

from dvsite.tests.page_samples import make_content
from events.tests.factories import EventFactory
from news.tests.factories import PostFactory
from seo import structured_data


def json_ld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


def meta(html, prop):
    return re.findall(rf'<meta (?:property|name)="{re.escape(prop)}" content="([^"]*)"', html)


@pytest.fixture
def pages(db):
    return make_content()


def test_every_page_type_has_one_canonical_one_set_of_og_tags_and_an_image(client, pages):
    for name, path in pages.items():
        html = client.get(path).content.decode()
        assert html.count('rel="canonical"') == 1, name
        for prop in ("og:type", "og:title", "og:url", "og:locale", "og:image", "twitter:image"):
            assert len(meta(html, prop)) == 1, (name, prop)
        assert meta(html, "og:image")[0].startswith("http"), name


def test_og_title_is_the_page_title_and_description_does_not_repeat_it(client, pages):
    for name in ("news list", "events", "calendar", "about", "search", "registry", "leaders"):
        html = client.get(pages[name]).content.decode()
        title = re.search(r"<title>(.*?)</title>", html, re.S)[1]
        assert meta(html, "og:title") == [title], name
        description = meta(html, "description")[0]
        assert description and description != title, name


def test_time_elements_carry_whole_seconds(client, pages):
    for name in ("home", "news list", "topic", "category", "post", "search"):
        html = client.get(pages[name]).content.decode()
        stamps = re.findall(r'<time[^>]* datetime="([^"]+)"', html)
        assert stamps, name
        for stamp in stamps:
            assert re.fullmatch(r"\d{4}-\d\d-\d\d(T\d\d:\d\d:\d\d[+-]\d\d:\d\d)?", stamp), stamp


def test_html_datetime_drops_the_fraction_and_keeps_dates():
    import datetime

    moment = datetime.datetime(2024, 5, 1, 8, 19, 56, 587627, tzinfo=datetime.UTC)
    assert structured_data.html_datetime(moment) == "2024-05-01T15:19:56+07:00"
    assert structured_data.html_datetime(datetime.date(2024, 5, 1)) == "2024-05-01"


def test_every_list_and_topic_page_advertises_rss_and_atom(client, pages):
    for name in ("home", "news list", "category", "topic", "events", "registry"):
        html = client.get(pages[name]).content.decode()
        assert (
            'type="application/rss+xml" title="Tin tức' in html and 'href="/tin-tuc/rss/"' in html
        )
        assert 'type="application/atom+xml"' in html and 'href="/tin-tuc/atom/"' in html, name
    topic = client.get(pages["topic"]).content.decode()
    assert (
        'href="/chu-de/dan-van-kheo/rss/"' in topic and 'href="/chu-de/dan-van-kheo/atom/"' in topic
    )


def test_english_page_is_english_with_absolute_two_way_hreflang(client, settings, pages):
    base = settings.SITE_INFO["base_url"]
    links = {
        f'<link rel="alternate" hreflang="vi" href="{base}/gioi-thieu/">',
        f'<link rel="alternate" hreflang="en" href="{base}/en/">',
        f'<link rel="alternate" hreflang="x-default" href="{base}/gioi-thieu/">',
    }
    english = client.get("/en/").content.decode()
    assert '<html lang="en">' in english
    assert all(link in english for link in links)
    vietnamese = client.get("/gioi-thieu/").content.decode()
    assert '<html lang="vi">' in vietnamese
    assert all(link in vietnamese for link in links)


def test_event_json_ld_keeps_paragraphs_apart_and_names_the_place(client, pages):
    (data,) = json_ld(client.get(pages["event"]).content.decode())
    assert "thường xuyên. Phong trào" in data["description"]
    assert data["location"]["@type"] == "Place"
    assert data["location"]["name"] == "Hội trường Tỉnh ủy"
    assert data["location"]["address"]["streetAddress"] == "Hội trường Tỉnh ủy"


@pytest.mark.django_db
def test_event_without_a_place_never_uses_the_organiser_as_one(client):
    event = EventFactory(location="", organiser="Ban Dân vận Huyện ủy")
    (data,) = json_ld(client.get(event.get_absolute_url()).content.decode())
    assert "location" not in data
    assert data["organizer"] == {"@type": "Organization", "name": "Ban Dân vận Huyện ủy"}


def test_long_descriptions_are_cut_at_a_word():
    text = structured_data.plain_text("<p>" + "dân vận khéo " * 100 + "</p>", limit=50)
    assert len(text) <= 50 and text.endswith("…")
    assert text[:-1].split()[-1] in {"dân", "vận", "khéo"}


@pytest.mark.django_db
def test_an_organisation_byline_is_an_organization(client):
    post = PostFactory(published=True, byline="Ban Dân vận Huyện ủy Kim Bảng")
    (data,) = json_ld(client.get(post.get_absolute_url()).content.decode())
    assert data["author"] == {"@type": "Organization", "name": "Ban Dân vận Huyện ủy Kim Bảng"}
    assert structured_data.byline_author("Nguyễn Văn Bình")["@type"] == "Person"


def test_document_page_has_legislation_json_ld(client, pages):
    (data,) = json_ld(client.get(pages["document"]).content.decode())
    assert data["@type"] == "Legislation"
    assert data["legislationIdentifier"] == "23-QĐ/TW"
    assert data["legislationDate"] == "2021-07-30"
    assert data["legislationPassedBy"] == {"@type": "Organization", "name": "Bộ Chính trị"}
    assert data["legislationLegalForce"] == "https://schema.org/InForce"


def test_home_page_has_website_with_search_action(client, pages, settings):
    (data,) = json_ld(client.get("/").content.decode())
    assert data["@type"] == "WebSite"
    target = data["potentialAction"]["target"]["urlTemplate"]
    assert target == f"{settings.SITE_INFO['base_url']}/tim-kiem/?q={{q}}"


def test_leaders_and_contact_pages_are_in_a_sitemap(client, pages):
    xml = client.get("/sitemap-trang.xml").content.decode()
    assert "/gioi-thieu/lanh-dao/" in xml and "/gioi-thieu/lien-he/" in xml


def test_share_image_is_a_real_png(client, pages):
    html = client.get("/").content.decode()
    url = meta(html, "og:image")[0]
    path = url.split("/static/", 1)[1]
    from django.contrib.staticfiles import finders

    with open(finders.find(path), "rb") as image:
        assert image.read(8) == b"\x89PNG\r\n\x1a\n"
