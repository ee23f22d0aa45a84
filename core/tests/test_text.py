import unicodedata

import pytest
from django.utils.text import slugify as django_slugify

from core.text import fold, nfc, slugify, words


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Đảng ủy Khối các cơ quan Trung ương", "dang-uy-khoi-cac-co-quan-trung-uong"),
        ("Đại hội Đảng bộ tỉnh", "dai-hoi-dang-bo-tinh"),
        ("“Dân vận khéo” – năm 2020!", "dan-van-kheo-nam-2020"),
        ("Quyết định số 503-QĐ/ĐUK", "quyet-dinh-so-503-qd-duk"),
    ],
)
def test_slugify_keeps_vietnamese_readable(title, slug):
    assert slugify(title) == slug


def test_django_slugify_loses_the_d_which_is_why_we_have_our_own():
    assert django_slugify("Đảng") == "ang"
    assert slugify("Đảng") == "dang"


def test_slugify_respects_max_length_on_a_word_boundary():
    assert slugify("Hội nghị trực tuyến quán triệt", max_length=12) == "hoi-nghi"


def test_fold_lowercases_and_strips_every_diacritic():
    assert fold("Dân vận KHÉO") == "dan van kheo"
    assert fold("ĐẢNG ỦY") == "dang uy"


def test_fold_is_equal_for_nfc_and_nfd_input():
    text = "Quy chế dân chủ ở cơ sở"
    nfd = unicodedata.normalize("NFD", text)
    assert nfd != text
    assert fold(nfd) == fold(text) == "quy che dan chu o co so"


@pytest.mark.parametrize(("old", "new"), [("hoà", "hòa"), ("thuỷ", "thủy"), ("Tỉnh uỷ", "Tỉnh ủy")])
def test_fold_is_equal_for_old_and_new_tone_placement(old, new):
    assert old != new
    assert fold(old) == fold(new)


def test_fold_maps_the_look_alike_eth_to_d():
    assert fold("NÐ-CP") == fold("NĐ-CP") == "nd-cp"


def test_nfc_composes_decomposed_text():
    nfd = unicodedata.normalize("NFD", "Dân vận")
    assert len(nfc(nfd)) < len(nfd)
    assert nfc(nfd) == "Dân vận"


def test_words_drop_punctuation():
    assert words("“Dân vận khéo”, 2020!") == ["dan", "van", "kheo", "2020"]
