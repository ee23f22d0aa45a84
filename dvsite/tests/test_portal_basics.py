"""Issue 16, portal basics in the HTML: footer lines from settings, share and print tools."""

import pytest

from dvsite.tests.page_samples import make_content


@pytest.fixture
def pages(db):
    return make_content()


def test_footer_carries_the_licence_and_who_is_responsible(client, settings, pages):
    settings.SITE_INFO = {
        **settings.SITE_INFO,
        "licence": "Giấy phép số 12/GP-TTĐT do Sở Thông tin và Truyền thông cấp",
        "responsible": "Nguyễn Văn A",
    }
    html = client.get("/").content.decode()
    assert "Giấy phép số 12/GP-TTĐT do Sở Thông tin và Truyền thông cấp." in html
    assert "Chịu trách nhiệm chính: Nguyễn Văn A." in html


def test_an_empty_footer_line_is_left_out(client, settings, pages):
    settings.SITE_INFO = {**settings.SITE_INFO, "responsible": ""}
    assert "Chịu trách nhiệm chính" not in client.get("/").content.decode()


def test_detail_pages_offer_facebook_share_copy_and_print(client, settings, pages):
    base = settings.SITE_INFO["base_url"]
    for name in ("post", "event", "document"):
        html = client.get(pages[name]).content.decode()
        url = f"{base}{pages[name]}"
        encoded = url.replace(":", "%3A").replace("/", "%2F")
        assert f'href="https://www.facebook.com/sharer/sharer.php?u={encoded}"' in html, name
        assert f'data-share-url="{url}"' in html and ">Chia sẻ</button>" in html, name
        assert "data-print hidden>In trang</button>" in html, name
        assert "<script>" not in html and "onclick" not in html, name


def test_header_search_is_in_every_page_for_the_phone_layout(client, pages):
    html = client.get(pages["news list"]).content.decode()
    assert '<form class="header-search" action="/tim-kiem/"' in html
