"""A list's later pages declare themselves canonical; every page title separates with " – "."""

import re

import pytest

from docs_registry.tests.factories import DocumentFactory
from news.tests.factories import PostFactory

pytestmark = pytest.mark.django_db


def canonical(html):
    (href,) = re.findall(r'<link rel="canonical" href="([^"]*)">', html)
    return href


def title(html):
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()


def test_the_second_page_of_news_is_its_own_canonical_page(client, settings):
    PostFactory.create_batch(13, published=True)
    base = settings.SITE_INFO["base_url"]
    second = client.get("/tin-tuc/?page=2&utm_source=zalo").content.decode()
    assert canonical(second) == f"{base}/tin-tuc/?page=2"
    first = client.get("/tin-tuc/?page=1").content.decode()
    assert canonical(first) == f"{base}/tin-tuc/"


def test_the_registry_pages_declare_their_page_number(client, settings):
    DocumentFactory.create_batch(21)
    html = client.get("/van-ban/?page=2").content.decode()
    assert canonical(html) == f"{settings.SITE_INFO['base_url']}/van-ban/?page=2"


def test_registry_and_document_titles_use_the_same_dash_as_every_page(client, settings):
    document = DocumentFactory(number="23-QĐ/TW")
    name = settings.SITE_INFO["name"]
    registry = title(client.get("/van-ban/").content.decode())
    detail = title(client.get(document.get_absolute_url()).content.decode())
    assert registry == f"Văn bản – {name}"
    assert detail.endswith(f"23-QĐ/TW – {name}") and "|" not in detail
    news = title(client.get("/tin-tuc/").content.decode())
    assert news.endswith(f" – {name}")
