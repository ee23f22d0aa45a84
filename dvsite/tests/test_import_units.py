"""The importer proposes the units an article names (with the sample units loaded), for the
editor's review like its topics, and none it did not read; old owner names are still read."""

from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from news.importing.bylines import is_unit, readable_name
from news.models import Post
from taxonomy.tests.factories import UnitFactory
from taxonomy.units import Kind, Unit

pytestmark = pytest.mark.django_db
SAMPLES = Path(settings.BASE_DIR) / "news" / "tests" / "samples"


def run(*args):
    call_command("import_seeds", *args, stdout=StringIO(), stderr=StringIO())


def units_of(prefix):
    post = Post.objects.get(import_key__startswith=prefix)
    return {u.label for u in post.units.all()}, post


@pytest.fixture
def sample_units():
    call_command("load_units", stdout=StringIO())


def test_the_seeds_propose_the_units_they_name_and_no_other(sample_units):
    run()
    units, post = units_of("001")
    # "tỉnh Hà Nam" and "huyện Lý Nhân" (the conference's connection point), both former now.
    assert units == {"tỉnh Hà Nam (cũ)", "huyện Lý Nhân (cũ)"}
    assert "Đơn vị nhận ra trong bài (cần kiểm tra): " in post.import_warnings
    # Through Hà Nam the post is Ninh Bình's: the province that took it over.
    ninh_binh = Unit.objects.get(name="Ninh Bình")
    assert post in Post.objects.filter(Post.unit_q(Unit.objects.family_ids([ninh_binh.pk])))
    # 000: "Đảng ủy Khối các cơ quan tỉnh Bình Định" (now part of Gia Lai).
    assert units_of("000")[0] == {"tỉnh Bình Định (cũ)"}
    # 004 names "huyện Yên Thành" and "huyện Tương Dương" only in other headlines after the
    # article (page furniture the importer drops), and Nghệ An without its kind word: nothing.
    for other in ("002", "003", "004"):
        assert units_of(other)[0] == set(), other


def test_without_units_nothing_is_proposed_and_a_reimport_keeps_what_it_found(sample_units):
    run(str(SAMPLES / "commune_2025_utf16.txt"))
    assert Post.objects.get().units.count() == 0
    commune = UnitFactory(kind=Kind.COMMUNE, name="Bình Lục")
    UnitFactory(kind=Kind.COMMUNE, name="Bình Lục", parent=Unit.objects.get(name="Nghệ An"))
    run(str(SAMPLES / "commune_2025_utf16.txt"))
    post = Post.objects.get()
    # Two communes share the name: the editor chooses, nothing is asserted.
    assert post.units.count() == 0
    assert "Tên trùng nhiều đơn vị, chưa gán (hãy chọn): “xã Bình Lục”." in post.import_warnings
    Unit.objects.exclude(pk=commune.pk).filter(name="Bình Lục").delete()
    run(str(SAMPLES / "commune_2025_utf16.txt"))
    assert list(Post.objects.get().units.all()) == [commune]
    run(str(SAMPLES / "commune_2025_utf16.txt"))  # unchanged: a second import changes nothing
    assert list(Post.objects.get().units.all()) == [commune]


def test_an_editors_choice_of_units_is_kept_on_reimport(sample_units):
    run()
    post = Post.objects.get(import_key__startswith="001")
    post.units.set([Unit.objects.get(name="Ninh Bình")])
    run()
    assert [u.name for u in Post.objects.get(pk=post.pk).units.all()] == ["Ninh Bình"]


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("BAN DÂN VẬN TỈNH ỦY HÀ NAM", "Ban Dân vận Tỉnh ủy Hà Nam"),
        (
            "BAN TUYÊN GIÁO VÀ DÂN VẬN TỈNH ỦY NINH BÌNH",
            "Ban Tuyên giáo và Dân vận Tỉnh ủy Ninh Bình",
        ),
    ],
)
def test_the_old_and_the_new_owner_names_are_read_as_bodies(written, read):
    assert readable_name(written) == read
    assert is_unit(read)
