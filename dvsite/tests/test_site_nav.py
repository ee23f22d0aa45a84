"""The main menu (dvsite/templatetags/site_nav.py), kept per process and choice of sections:
every page marks the sections it is in, and no page gets another page's menu."""

import re

import pytest
from django.test import override_settings

from events.tests.factories import EventFactory
from news.tests.factories import PostFactory

pytestmark = pytest.mark.django_db


def _current(client, url):
    response = client.get(url)
    assert response.status_code == 200
    menu = response.content.decode().split('id="site-nav"', 1)[1].split("</nav>", 1)[0]
    return re.findall(r'aria-current="page">([^<]+)</a>', menu)


@pytest.mark.parametrize("debug", [False, True])
def test_each_page_marks_its_own_sections_in_the_menu(client, debug):
    post, event = PostFactory(published=True), EventFactory()
    with override_settings(DEBUG=debug):
        for _ in range(2):  # the second time from the kept menus
            assert _current(client, "/") == ["Trang chủ"]
            assert _current(client, post.get_absolute_url()) == ["Tin tức"]
            assert _current(client, event.get_absolute_url()) == ["Sự kiện"]
            assert _current(client, "/tim-kiem/?q=d%C3%A2n+v%E1%BA%ADn") == ["Tìm kiếm"]
            assert _current(client, "/mo-hinh/") == ["Mô hình"]


def test_the_menu_and_footer_link_every_section(client):
    html = client.get("/").content.decode()
    for label in ("Giới thiệu", "Tin tức", "Sự kiện", "Văn bản", "Lịch công tác"):
        assert html.count(f">{label}</a>") == 2, label  # the menu and the footer
    for label in ("Mô hình", "Hỏi đáp", "Tìm kiếm", "Liên hệ", "Bảo vệ dữ liệu cá nhân"):
        assert html.count(f">{label}</a>") == 1, label
