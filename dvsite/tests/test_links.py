"""Remembered object URLs follow the URLconf and the script prefix in force."""

from django.test import override_settings
from django.urls import reverse, set_script_prefix

from core.links import object_url
from news.models import Post


def test_object_urls_are_the_reversed_urls():
    post = Post(title="Đảng ủy Khối", slug="dang-uy-khoi")
    assert post.get_absolute_url() == reverse("news:detail", kwargs={"slug": "dang-uy-khoi"})
    assert post.get_absolute_url() == "/tin-tuc/dang-uy-khoi/"
    assert object_url("news:detail", slug="khac") == "/tin-tuc/khac/"


def test_a_site_under_a_prefix_links_under_it():
    post = Post(slug="dan-van-kheo")
    assert post.get_absolute_url() == "/tin-tuc/dan-van-kheo/"
    set_script_prefix("/bandanvan/")
    try:
        assert post.get_absolute_url() == "/bandanvan/tin-tuc/dan-van-kheo/"
    finally:
        set_script_prefix("/")
    assert post.get_absolute_url() == "/tin-tuc/dan-van-kheo/"


def test_another_urlconf_gives_other_urls():
    post = Post(slug="dan-van-kheo")
    assert post.get_absolute_url() == "/tin-tuc/dan-van-kheo/"
    with override_settings(ROOT_URLCONF="dvsite.tests.urls_elsewhere"):
        assert post.get_absolute_url() == "/bai-viet/dan-van-kheo/"
    assert post.get_absolute_url() == "/tin-tuc/dan-van-kheo/"
