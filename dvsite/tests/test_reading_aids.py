"""Reading aids: the server reads the choice from its cookie, so the page arrives right without
JavaScript; the page cache keeps one page per choice and never hands one reader's to another."""

import pytest
from django.urls import reverse

from dvsite.reading_aids import COOKIE, ReadingAids
from dvsite.tests.cache_backends import get_page

pytestmark = pytest.mark.django_db
URL = reverse("reading_aids")


def html_tag(response):
    text = response.content.decode()
    return text[text.index("<html") : text.index(">", text.index("<html")) + 1]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("lon-cao", ReadingAids("lon", "cao")),
        ("nho-thuong", ReadingAids("nho", "thuong")),
        ("", ReadingAids()),
        ("lon", ReadingAids()),
        ("khong-hop-le", ReadingAids()),
        ("lon-cao-x", ReadingAids()),
        ("x" * 5000, ReadingAids()),
    ],
)
def test_the_cookie_is_read_strictly(value, expected):
    assert ReadingAids.parse(value) == expected


def test_the_default_page_has_no_class_and_the_buttons_say_which_is_on(client):
    response = client.get("/")
    assert html_tag(response) == '<html lang="vi">'
    html = response.content.decode()
    assert (
        'value="vua" class="aid-button aid-size-vua" aria-label="Chữ cỡ thường" aria-pressed="true"'
        in html
    )
    assert 'name="tuong_phan" value="cao"' in html


def test_the_choice_is_remembered_and_rendered_by_the_server(client):
    response = client.get(URL, {"co_chu": "lon", "next": "/tin-tuc/?page=2"})
    assert response.status_code == 302
    assert response["Location"] == "/tin-tuc/?page=2"
    morsel = response.cookies[COOKIE]
    assert morsel.value == "lon-thuong" and morsel["samesite"] == "Lax"
    assert int(morsel["max-age"]) >= 300 * 24 * 3600
    response = client.get(URL, {"tuong_phan": "cao", "next": "/"})
    assert response.cookies[COOKIE].value == "lon-cao"  # the size is kept
    page = client.get("/tin-tuc/")
    assert html_tag(page) == '<html lang="vi" class="text-large contrast-high">'
    assert 'name="tuong_phan" value="thuong"' in page.content.decode()
    assert 'aria-label="Chữ lớn" aria-pressed="true"' in page.content.decode()


@pytest.mark.parametrize(
    "data",
    [
        {"co_chu": "rat-lon", "next": "https://evil.example/"},
        {"tuong_phan": "<script>", "next": "//evil.example/x"},
        {"co_chu": "", "next": "javascript:alert(1)"},
        {"tuong_phan": "x" * 3000},
    ],
)
def test_bad_choices_and_foreign_targets_change_nothing_and_go_home(client, data):
    client.cookies[COOKIE] = "nho-cao"
    response = client.get(URL, data)
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert response.cookies[COOKIE].value == "nho-cao"


def test_without_a_choice_the_address_is_a_page_of_its_own(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert "Cỡ chữ và độ tương phản" in response.content.decode()
    assert COOKIE not in response.cookies
    assert client.post(URL, {"co_chu": "lon"}).status_code == 405


def test_the_page_cache_keeps_one_page_per_choice(client, page_caching):
    assert get_page(client, "/tin-tuc/")[1] == "miss"
    client.cookies[COOKIE] = "lon-cao"
    large, state = get_page(client, "/tin-tuc/")
    assert state == "miss"
    assert '<html lang="vi" class="text-large contrast-high">' in large
    assert get_page(client, "/tin-tuc/")[1] == "hit"
    client.cookies[COOKIE] = "rac-rac"  # unknown: the default page, from the cache
    default, state = get_page(client, "/tin-tuc/")
    assert state == "hit"
    assert '<html lang="vi">' in default
